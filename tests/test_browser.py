"""The site in a real headless browser: pages load, links work, screenshots are saved for review."""
from __future__ import annotations

import pytest

from tests.browser import SCREENSHOTS, LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-CA")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"browser console errors: {errors}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_home_to_section_to_unit(server, page):
    page.goto(server.url + "/")
    assert page.title() == "Home · Alinea"
    shot(page, "home")
    page.click("ul.documents a[href='/A-13.1.1']")
    page.wait_for_url(server.url + "/A-13.1.1")
    shot(page, "table-of-contents")
    page.click("a[href='/A-13.1.1/55']")
    page.wait_for_url(server.url + "/A-13.1.1/55")
    assert page.inner_text("h1").startswith("Section 55")
    page.click("li[data-id='A-13.1.1/55/p1/2/a'] > a.permalink")
    page.wait_for_url(server.url + "/A-13.1.1/55/p1/2/a")
    target = page.locator("li.unit.target")
    assert target.get_attribute("data-id") == "A-13.1.1/55/p1/2/a"
    assert page.evaluate("document.activeElement.dataset.id") == "A-13.1.1/55/p1/2/a"
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 900, "the highlighted unit is scrolled into view"
    shot(page, "section-55-unit-a")


def test_keyboard_skip_link(server, page):
    page.goto(server.url + "/A-13.1.1/22")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_width_has_no_horizontal_scroll(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="en-CA")
    pg = context.new_page()
    pg.goto(server.url + "/A-13.1.1/55")
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(pg, "phone-section-55")
    context.close()


def test_legisquebec_address_with_anchor_lands_on_our_unit(server, page):
    page.goto(server.url + "/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a")
    page.wait_for_url(server.url + "/A-13.1.1/55#se:55-ss:1-p1:2-p2:a")
    assert page.inner_text("h1").startswith("Section 55")
    assert page.evaluate("getComputedStyle(document.querySelector('li[data-id=\"A-13.1.1/55/p1/2/a\"] > .text')).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.evaluate("document.activeElement.dataset.id") == "A-13.1.1/55/p1/2/a"


def test_point_in_time_address_lands_on_the_unit(server, page):
    page.goto(server.url + "/fr/version/lc/A-13.1.1?code=se:55-ss:1-p1:2-p2:a&historique=20240101")
    page.wait_for_url(server.url + "/A-13.1.1/55/p1/2/a")
    assert page.locator("li.unit.target").get_attribute("data-id") == "A-13.1.1/55/p1/2/a"


def test_code_page_to_a_stale_citations_provision(browser, linked_data_dir):
    live = LiveServer(linked_data_dir)
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-CA")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        pg.goto(live.url + "/")
        pg.click("header nav a[href='/code']")
        pg.wait_for_url(live.url + "/code")
        first = pg.locator("main section.code-status").first
        assert first.get_attribute("id") == "status-repealed"
        shot(pg, "code-citations")
        first.locator("tbody tr").first.locator("a.provision").click()
        pg.wait_for_url(live.url + "/A-13.1.1/40")
        assert pg.inner_text("h1").startswith("Section 40")
        assert pg.inner_text("section.cited-by-code li") == "benefits/basic_income.py:25 s. 40 repealed repealed: s. 40 (Repealed)."
        shot(pg, "code-citation-followed")
    finally:
        context.close()
        live.close()
    assert not errors


def test_govern_question_to_its_first_article(server, page):
    page.goto(server.url + "/")
    page.click("nav[aria-label='Site'] a[href='/govern']")
    page.wait_for_url(server.url + "/govern")
    page.fill("textarea#q", "Can my social assistance be cut because I quit my job?")
    page.click("form.govern-form button[type='submit']")
    page.wait_for_selector("ol.govern-results")
    assert page.title() == "Which articles govern this? · Alinea"
    shot(page, "govern-answer")
    first = page.locator("ol.govern-results > li").first
    assert first.get_attribute("data-section") == "A-13.1.1/59"
    first.locator("a.result").click()
    page.wait_for_url(server.url + "/A-13.1.1/59*")
    assert page.inner_text("h1").startswith("Section 59")
    shot(page, "govern-first-article")


def test_search_then_follow_a_cross_reference(server, page):
    page.goto(server.url + "/")
    page.fill("input#q", "parental contribution")
    page.press("input#q", "Enter")
    page.wait_for_url(f"{server.url}/search?q=parental+contribution")
    assert page.locator("ol.hits > li").count() >= 3
    assert page.locator("ol.hits mark").count() > 0
    shot(page, "search-parental-contribution")
    page.goto(server.url + "/A-13.1.1/56")
    page.click("li[data-id='A-13.1.1/56/p1'] a.xref >> nth=0")
    page.wait_for_url(server.url + "/A-13.1.1/55/p1/2/a")
    assert page.locator("li.unit.target").get_attribute("data-id") == "A-13.1.1/55/p1/2/a"
    shot(page, "cross-reference-to-55-2-a")


def test_defined_term_shows_its_definition_on_focus(server, page):
    page.goto(server.url + "/A-13.1.1/56")
    term = page.locator("li[data-id='A-13.1.1/56/p1'] a.term").first
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible() and tip.inner_text().startswith("s. 24")
    shot(page, "term-definition-on-focus")


@pytest.fixture()
def french_page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="fr-CA")
    pg = context.new_page()
    yield pg
    context.close()


def test_the_site_in_french_and_the_switch_keeps_the_page(server, french_page):
    page = french_page
    page.goto(server.url + "/A-13.1.1/55/p1/2/a")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.inner_text("h1").startswith("Article 55")
    assert page.inner_text("#cite-h") == "Citer"
    shot(page, "section-55-in-french")
    page.click("nav.language-switch a[hreflang='en']")
    page.wait_for_url(server.url + "/A-13.1.1/55/p1/2/a?lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("h1").startswith("Section 55")
    page.goto(server.url + "/search?q=avoirs+liquides")
    assert page.evaluate("document.documentElement.lang") == "en", "the cookie remembers English"
    page.click("nav.language-switch a[hreflang='fr']")
    page.wait_for_url(server.url + "/search?q=avoirs+liquides&lang=fr")
    assert page.input_value("form.search-form input#q") == "avoirs liquides"
    assert page.inner_text("main h1") == "Recherche"
    shot(page, "search-in-french")


def test_a_french_query_finds_the_english_act_and_says_what_was_carried_over(server, french_page):
    page = french_page
    page.goto(server.url + "/search?q=avoirs+liquides")
    assert page.locator("ol.hits > li").count() > 0
    carried = page.inner_text("p.carried")
    assert "avoirs liquides" in carried and "liquid assets" in carried
    shot(page, "search-avoirs-liquides-carried-over")
    page.uncheck("form.search-form input#xlang")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url("**xlang=0**")
    assert page.locator("ol.hits > li").count() == 0
    assert page.is_checked("form.search-form input#xlang") is False
