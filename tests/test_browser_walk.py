"""Defects a new user met at phone width, in a real browser: what CSS prints is French too."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale, label", [("fr-CA", "Loi\u00a0: "), ("en-CA", "Act: ")])
def test_a_table_read_as_cards_names_each_cell_with_the_readers_colon(browser, server, locale, label):
    """At phone width each cell of the acts table is printed after its column's name by CSS; in
    French the colon takes its no-break space (« Loi : », never « Loi: »)."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, locale=locale)
    pg = context.new_page()
    pg.goto(server.url + "/acts")
    before = pg.evaluate("getComputedStyle(document.querySelector('table.amending td[data-label]'), '::before').content")
    context.close()
    assert before == f'"{label}"'


def test_a_printed_course_preview_is_the_course_alone(browser, server):
    """Printing the course page after a preview printed the page's title, its Markdown
    instructions and the trainer's warnings above the course."""
    context = browser.new_context(viewport={"width": 800, "height": 900}, locale="fr-CA")
    pg = context.new_page()
    pg.goto(server.url + "/course")
    pg.fill("#notes", "# Atelier\n\nVoir [[art. 22]] et [[art. 999]].\n")
    pg.click("button[value=preview]")
    pg.wait_for_selector(".course-preview .course-body")
    pg.emulate_media(media="print")
    shown = pg.evaluate("""Array.from(document.querySelectorAll('main h1, main h2, main .lede, main .warning, main .course-body > :first-child'))
                           .filter(e => e.offsetParent !== null).map(e => e.textContent.trim())""")
    context.close()
    assert shown == ["Atelier"]
