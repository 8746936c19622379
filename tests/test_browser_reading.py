"""What people read, print and hand out, in a real headless browser: a downloaded handout opened
from a file, print media, the phone, and find-in-document.  Screenshots go to tests/screenshots/."""
from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.browser import SCREENSHOTS, LiveServer

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
                                            ("division", "/A-13.1.1/title:II/chapter:I")])
def test_print_says_which_law_and_figures_fit(server, open_page, name, path):
    page = open_page(server.url + path, media="print")
    head = page.locator(".print-head")
    assert head.is_visible()
    text = head.inner_text()
    assert "Individual and Family Assistance Act" in text and "A-13.1.1" in text and "August 31, 2024" in text
    assert head.locator("time").get_attribute("datetime") == "2024-08-31"
    assert server.url + path in text
    assert not page.locator("header.site").is_visible()
    assert no_horizontal_overflow(page)
    widths = page.eval_on_selector_all("svg, li.unit.target", "els => els.map(e => e.getBoundingClientRect().right)")
    assert all(right <= page.viewport_size["width"] + 1 for right in widths)
    shot(page, f"print-{name}")


@pytest.mark.parametrize(("name", "path"), [
    ("provision", "/A-13.1.1/55"), ("govern", "/govern?q=Can+my+benefit+be+cut+if+I+quit+my+job%3F"),
    ("code", "/code"), ("reading", "/read/A-13.1.1")])
def test_phone_pages_are_readable(server, open_page, name, path):
    page = open_page(server.url + path, **PHONE)
    assert no_horizontal_overflow(page)
    header = page.locator("header.site").bounding_box()
    assert header["height"] <= 110, header
    for figure in page.locator("svg.neighbourhood, svg.govern-paths").all():
        box = figure.bounding_box()
        assert box["width"] >= 600, "a figure keeps a readable size and scrolls sideways"
    cells = page.eval_on_selector_all(
        "table.code-citations td", "tds => tds.filter(td => td.textContent.trim()).map(td => td.getBoundingClientRect().width)")
    assert all(width > 200 for width in cells), "no table column is squeezed letter by letter"
    shot(page, f"phone-{name}", full=False)


def largest_document(server) -> str:
    """The document of the library with the most sections (the reading view's hardest case)."""
    docs = [d for d in server.app.extensions["live"].current.kb.documents if d.kind != "guidance"]
    return max(docs, key=lambda d: len(d.sections)).id


def test_find_in_document_counts_and_steps(server, open_page):
    largest = largest_document(server)
    page = open_page(server.url + f"/read/{largest}")
    page.fill("#find-q", "regulation")
    page.press("#find-q", "Enter")
    count = page.locator("mark.find-hit").count()
    expected = page.evaluate(
        "document.getElementById('read-text').textContent.toLowerCase().split('regulation').length - 1")
    assert count == expected and count > 5
    assert page.inner_text("output.find-count") == f"1 of {count}"
    page.press("#find-q", "Enter")
    assert page.inner_text("output.find-count") == f"2 of {count}"
    page.click("form[data-find] button[data-step='-1']")
    page.click("form[data-find] button[data-step='-1']")
    assert page.inner_text("output.find-count") == f"{count} of {count}"
    assert page.locator("mark.find-hit.current").is_visible()
    page.fill("#find-q", "REGLEMENT")  # accents and case are ignored: "règlement" is not in the English text
    page.press("#find-q", "Enter")
    assert page.inner_text("output.find-count") == "No occurrence"
    shot(page, "reading-find", full=False)
    page = open_page(server.url + "/read/A-13.1.1")
    page.fill("#goto", "s. 83.24")
    page.press("#goto", "Enter")
    page.wait_for_url(server.url + "/read/A-13.1.1#se:83_24")
    assert page.evaluate("document.getElementById('se:83_24').getBoundingClientRect().top") < 200
    shot(page, "reading-go-to", full=False)
