"""Defects a new user met at phone width, in a real browser: what CSS prints is French too."""
from __future__ import annotations

import pytest

from tests.browser import LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(data_dir):
    live = LiveServer(data_dir)
    yield live
    live.close()


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
