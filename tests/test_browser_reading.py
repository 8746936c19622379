"""What people read, print and hand out, in a real headless browser: a downloaded handout opened
from a file, print media, the phone, and find-in-document.  Screenshots go to tests/screenshots/."""
from __future__ import annotations

import unicodedata
import urllib.request
from pathlib import Path

import pytest
from lxml import html

from tests.browser import SCREENSHOTS, LiveServer
from tests.conftest import LARGEST_REGULATION

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "locale": "en-CA"}
DESK = {"viewport": {"width": 1200, "height": 900}, "locale": "en-CA"}


@pytest.fixture(scope="module")
def server(linked_data_dir):
    live = LiveServer(linked_data_dir)
    live.app.config["PUBLIC_URL"] = live.url  # handouts link to this site, which answers
    yield live
    live.close()


@pytest.fixture()
def open_page(browser):
    contexts, errors = [], []

    def open_(url: str, media: str | None = None, **options):
        context = browser.new_context(accept_downloads=True, **(options or DESK))
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        if media:
            page.emulate_media(media=media)
        if url:
            page.goto(url)
        return page
    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"browser errors: {errors}"


def shot(page, name: str, full: bool = True) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def placeholder_cut_short(page, selector: str) -> bool:
    """Whether an input's placeholder is wider than the box shows (measured in the box's font)."""
    return page.eval_on_selector(selector, """box => {
        const probe = document.createElement("span"), style = getComputedStyle(box);
        probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre;font:" + style.font;
        probe.textContent = box.placeholder;
        document.body.append(probe);
        const wide = probe.getBoundingClientRect().width;
        probe.remove();
        return wide > box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 1;
    }""")


def test_downloaded_handout_stands_alone(server, open_page, tmp_path):
    page = open_page(server.url + "/course")
    page.fill("#notes", "# Income\n\n| Case | Rule |\n|---|---|\n| quits | [[s. 59]] |\n\n![[s. 55(2)]]\n")
    page.check("#appendix")
    with page.expect_download() as download:
        page.click("button[value=html]")
    saved = tmp_path / "course.html"
    download.value.save_as(saved)
    handout = open_page(saved.as_uri())
    hrefs = handout.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    for href in {h.split("#")[0] for h in hrefs if h.startswith(server.url)}:
        with urllib.request.urlopen(href, timeout=10) as response:
            assert response.status == 200, href
    assert handout.locator("section.provisions-used h2").count() == 1
    assert handout.locator("section.provisions-used .provision-text p.depth-1").count() > 0
    assert handout.locator("table td a").count() == 1
    assert "current to" in handout.inner_text("section.provisions-used")
    shot(handout, "handout-from-file")
    handout.emulate_media(media="print")
    shot(handout, "handout-print")


@pytest.mark.parametrize(("name", "path"), [("provision", "/A-13.1.1/55/p1/2/a"),
                                            ("division", "/A-13.1.1/title:II/chapter:I"),
                                            ("search", "/search?q=liquid+assets&doc=A-13.1.1")])
def test_print_says_which_law_and_figures_fit(server, open_page, name, path):
    page = open_page(server.url + path, media="print")
    head = page.locator(".print-head")
    assert head.is_visible()
    text = head.inner_text()
    assert "Individual and Family Assistance Act" in text and "A-13.1.1" in text and "August 31, 2024" in text
    assert head.locator("time").get_attribute("datetime") == "2024-08-31"
    assert server.url + path in text
    assert not page.locator("header.site").is_visible()
    assert not [b for b in page.locator("main button").all() if b.is_visible()], "no button on paper"
    assert no_horizontal_overflow(page)
    widths = page.eval_on_selector_all("svg, li.unit.target", "els => els.map(e => e.getBoundingClientRect().right)")
    assert all(right <= page.viewport_size["width"] + 1 for right in widths)
    shot(page, f"print-{name}")


@pytest.mark.parametrize(("name", "path"), [
    ("provision", "/A-13.1.1/55"), ("govern", "/govern?q=Can+my+benefit+be+cut+if+I+quit+my+job%3F"),
    ("code", "/code"), ("reading", "/read/A-13.1.1"), ("acts", "/acts")])
def test_phone_pages_are_readable(server, open_page, name, path):
    page = open_page(server.url + path, **PHONE)
    assert no_horizontal_overflow(page)
    header = page.locator("header.site").bounding_box()
    assert header["height"] <= 160, header  # brand and languages, the search box, the sections on two rows
    cells = page.eval_on_selector_all(
        "table.code-citations td", "tds => tds.filter(td => td.textContent.trim()).map(td => td.getBoundingClientRect().width)")
    assert all(width > 200 for width in cells), "no table column is squeezed letter by letter"
    edges = page.eval_on_selector_all("main td", "tds => tds.map(td => td.getBoundingClientRect().right)")
    assert all(right <= PHONE["viewport"]["width"] for right in edges), "no table hides a column off the screen"
    shot(page, f"phone-{name}", full=False)


@pytest.mark.parametrize("locale", ["fr-CA", "en-CA"])
def test_the_phone_header_shows_every_section_and_the_search_box_whole(server, open_page, locale):
    page = open_page(server.url + "/A-13.1.1/55", **{**PHONE, "locale": locale})
    items = page.locator("header.site nav li")
    assert items.count() >= 8  # the six sections and the two languages
    for i in range(items.count()):
        item = items.nth(i)
        box = item.bounding_box()
        assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"]
        assert item.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"{item.inner_text()!r} is cut short"
    assert page.locator("header.site .site-nav a").all_inner_texts() == [
        "Documents", "Recherche", "Lois modificatives", "Formation", "Code source", "Quels articles\u00a0?"] \
        if locale == "fr-CA" else ["Documents", "Search", "Amending acts", "Courses", "In code", "Which articles?"]
    assert not placeholder_cut_short(page, "#header-q"), "the search box's placeholder is cut short"
    assert page.locator("#header-q").bounding_box()["width"] >= 240
    shot(page, f"phone-header-{locale[:2]}", full=False)


GRAPH_PAGES = [("provision", "/A-13.1.1/55", "svg.neighbourhood"),
               ("govern", "/govern?q=Can+my+benefit+be+cut+if+I+quit+my+job%3F", "svg.govern-paths")]


def smallest_label_px(page, figure: str) -> float:
    """The smallest rendered size of a figure's text: its font size times the drawing's scale."""
    return page.eval_on_selector(figure, """svg => Math.min(...Array.from(svg.querySelectorAll("text"),
        t => parseFloat(t.getAttribute("font-size")) * svg.getScreenCTM().a))""")


@pytest.mark.parametrize(("name", "path", "figure"), GRAPH_PAGES)
def test_a_graph_is_a_readable_list_on_a_phone(server, open_page, name, path, figure):
    page = open_page(server.url + path, **PHONE)
    assert not page.locator(figure).is_visible()
    listing = page.locator(f"figure:has({figure}) .graph-list")
    assert listing.is_visible()
    drawn = page.eval_on_selector_all(f"{figure} a[href]", "links => links.map(a => a.getAttribute('href'))")
    listed = listing.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert drawn and set(drawn) <= set(listed), "the list shows every node the figure links to"
    sizes = listing.locator("li").evaluate_all("lis => lis.map(li => parseFloat(getComputedStyle(li).fontSize))")
    assert sizes and min(sizes) >= 11
    assert no_horizontal_overflow(page)
    listing.scroll_into_view_if_needed()
    shot(page, f"phone-graph-{name}", full=False)


@pytest.mark.parametrize(("name", "path", "figure"), GRAPH_PAGES)
def test_a_graph_figure_keeps_labels_of_11_px(server, open_page, name, path, figure):
    # 700 px: narrower than the figure's natural size, wide enough to draw it rather than list it
    page = open_page(server.url + path, viewport={"width": 700, "height": 900}, locale="en-CA")
    assert page.locator(figure).is_visible() and not page.locator(f"figure:has({figure}) .graph-list").is_visible()
    assert smallest_label_px(page, figure) >= 11
    assert no_horizontal_overflow(page), "a figure wider than the window scrolls inside its frame"


@pytest.mark.parametrize("options", [{**DESK, "locale": "fr-CA"}, {**PHONE, "locale": "fr-CA"}], ids=["desktop", "phone"])
def test_the_reading_tools_show_their_placeholders_whole_in_french(server, open_page, options):
    page = open_page(server.url + "/read/A-13.1.1", **options)
    assert page.inner_text("label[for=find-q]") == "Chercher"
    for box in ("#goto", "#find-q"):
        assert not placeholder_cut_short(page, box), f"{box}'s placeholder is cut short"


def folded(text: str) -> str:
    """Case and accents taken out, character by character, as find-in-document compares."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")).lower()


@pytest.fixture(scope="module")
def regulation_server(regulation_data_dir):
    live = LiveServer(regulation_data_dir)
    yield live
    live.close()


def largest_document(server) -> str:
    """The document of the library with the most sections (the reading view's hardest case)."""
    docs = [d for d in server.app.extensions["live"].current.kb.documents if d.kind != "guidance"]
    return max(docs, key=lambda d: len(d.sections)).id


def occurrences_in_page(url: str, word: str) -> int:
    """The occurrences of word in the reading view's text, counted from the HTML the server sends."""
    with urllib.request.urlopen(url, timeout=30) as response:
        tree = html.fromstring(response.read())
    return folded(tree.get_element_by_id("read-text").text_content()).count(folded(word))


def test_find_in_document_on_the_largest_regulation(regulation_server, open_page):
    largest = largest_document(regulation_server)
    assert largest == LARGEST_REGULATION
    url = regulation_server.url + f"/read/{largest}"
    expected = occurrences_in_page(url, "échafaudage")
    assert expected > 20
    page = open_page(url)
    for box in ("#goto", "#find-q"):
        assert not placeholder_cut_short(page, box), f"{box}'s placeholder is cut short"
    page.fill("#find-q", "ECHAFAUDAGE")  # case and accents are ignored
    page.press("#find-q", "Enter")
    assert page.locator("mark.find-hit").count() == expected
    assert page.inner_text("output.find-count") == f"1 of {expected}"
    page.press("#find-q", "Enter")
    assert page.inner_text("output.find-count") == f"2 of {expected}"
    page.press("#find-q", "Shift+Enter")
    assert page.inner_text("output.find-count") == f"1 of {expected}"
    page.click("form[data-find] button[data-step='-1']")
    assert page.inner_text("output.find-count") == f"{expected} of {expected}"
    current = page.locator("mark.find-hit.current")
    assert current.count() == 1 and current.is_visible()
    assert 0 <= current.bounding_box()["y"] <= page.viewport_size["height"]
    shot(page, "reading-find-largest", full=False)
    page.fill("#goto", "a. 3.15.3, par. 1")  # LégisQuébec's French form, with a pinpoint
    page.press("#goto", "Enter")
    page.wait_for_url(url + "#se:3_15_3-ss:1-p1:1")
    assert 0 <= page.evaluate("document.getElementById('se:3_15_3-ss:1-p1:1').getBoundingClientRect().top") < 200
    shot(page, "reading-go-to-largest", full=False)


def test_reading_the_largest_regulation_on_a_phone(regulation_server, open_page):
    page = open_page(regulation_server.url + f"/read/{LARGEST_REGULATION}", **PHONE)
    assert no_horizontal_overflow(page)
    for box in ("#goto", "#find-q"):
        assert page.locator(box).bounding_box()["width"] >= 150, f"{box} has room to type in"
        assert not placeholder_cut_short(page, box), f"{box}'s placeholder is cut short"
    shot(page, "phone-reading-largest", full=False)
    page.fill("#find-q", "tranchée")
    page.press("#find-q", "Enter")
    page.press("#find-q", "Enter")
    assert page.inner_text("output.find-count").startswith("2 of ")
    tools, count, hit = (page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")
                         for selector in (".read-tools", "output.find-count", "mark.find-hit.current"))
    assert tools["top"] == 0 and tools["height"] <= 100, "the tools stay in view, compact, while stepping"
    assert count["bottom"] <= tools["bottom"] and count["right"] <= page.viewport_size["width"]
    assert hit["top"] >= tools["bottom"], "the occurrence is not under the tools"
    shot(page, "phone-reading-largest-find", full=False)


def test_go_to_accepts_a_citation_in_the_act(server, open_page):
    page = open_page(server.url + "/read/A-13.1.1")
    page.fill("#goto", "s. 83.24")
    page.press("#goto", "Enter")
    page.wait_for_url(server.url + "/read/A-13.1.1#se:83_24")
    assert page.evaluate("document.getElementById('se:83_24').getBoundingClientRect().top") < 200
    shot(page, "reading-go-to", full=False)
