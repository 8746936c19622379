"""The reading view: the whole document on one page, a collapsible table of contents, a "go to"
box that accepts any citation form, and the find-in-document script (no inline script)."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(app):
    return in_language(app, "en")


def test_the_whole_act_on_one_page(client, kb):
    response = client.get("/read/A-13.1.1")
    assert response.status_code == 200
    page = html.fromstring(response.data)
    statute = kb.document("A-13.1.1")
    sections = page.xpath("//article[@id='read-text']//section[contains(@class,'read-section')]/@data-id")
    assert sections == [s.id for s in statute.sections]
    assert page.xpath("//section[@id='se:83_24']") and page.xpath("//li[@id='se:55-ss:1-p1:2-p2:a']")
    toc = page.xpath("//details[contains(@class,'read-toc')]")
    assert len(toc) == 1 and toc[0].find("summary") is not None
    toc_targets = toc[0].xpath(".//a/@href")
    assert all(h.startswith("#") for h in toc_targets)
    ids = set(page.xpath("//@id"))
    assert all(h[1:] in ids for h in toc_targets)
    assert page.xpath("//header[@class='doc-head']//time/@datetime") == [statute.updated_to]


def test_no_inline_script_and_the_find_script_is_static(client):
    page = html.fromstring(client.get("/read/A-13.1.1").data)
    scripts = page.xpath("//script")
    assert scripts and all(s.get("src") and not (s.text or "").strip() for s in scripts)
    assert "/static/reading.js" in [s.get("src") for s in scripts]
    assert client.get("/static/reading.js").status_code == 200
    assert page.xpath("//form[@data-find]//input[@id='find-q']")


@pytest.mark.parametrize(("typed", "anchor"), [
    ("55", "#se:55"), ("s. 55(2)(a)", "#se:55-ss:1-p1:2-p2:a"), ("art. 83.24", "#se:83_24"),
    ("A-13.1.1/22/p1/3", "#se:22-ss:1-p1:3"), ("section 59", "#se:59"),
])
def test_go_to_accepts_any_citation_form(client, typed, anchor):
    response = client.get("/read/A-13.1.1", query_string={"goto": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == "/read/A-13.1.1" + anchor
    target = anchor[1:]
    assert html.fromstring(client.get("/read/A-13.1.1").data).xpath(f"//*[@id='{target}']")


def test_go_to_something_that_is_not_there(client):
    response = client.get("/read/A-13.1.1", query_string={"goto": "s. 999"})
    assert response.status_code == 404
    assert "999" in html.fromstring(response.data).xpath("string(//main)")
    assert client.get("/read/A-13.1.1", query_string={"goto": "x" * 5000}).status_code == 404
    assert client.get("/read/nothing-here").status_code == 404


def test_a_bare_number_belongs_to_the_document_read(data_dir, tmp_path):
    """In the reading view of a regulation, "12" is its section 12 or nothing, never the Act's."""
    from alinea.build import build
    from benchmarks.web import library_with_regulations

    build(library_with_regulations(tmp_path), tmp_path / "data", progress=lambda message: None)
    client = in_language(create_app({"DATA_DIR": str(tmp_path / "data"), "TESTING": True}), "en")
    assert client.get("/read/S-2.1-r6", query_string={"goto": "1.1"}).headers["Location"] == "/read/S-2.1-r6#se:1_1"
    assert client.get("/read/S-2.1-r6", query_string={"goto": "12"}).status_code == 404
    named = client.get("/read/S-2.1-r6", query_string={"goto": "s. 12 of the Individual and Family Assistance Act"})
    assert named.headers["Location"] == "/read/A-13.1.1#se:12"


def test_the_page_is_rendered_once_per_version(app, client):
    first = client.get("/read/A-13.1.1").data
    cached = [key for key in app.extensions["live"].current.extras if key[0] == "reading"]
    assert len(cached) == 1 and client.get("/read/A-13.1.1").data == first


def test_each_language_has_its_own_cached_page(app):
    french, english = in_language(app, "fr"), in_language(app, "en")
    for _ in range(2):  # rendered, then served from the cache: each reader keeps their language
        pages = {lang: html.fromstring(c.get("/read/A-13.1.1").data) for lang, c in (("fr", french), ("en", english))}
        assert {lang: page.get("lang") for lang, page in pages.items()} == {"fr": "fr", "en": "en"}
        assert pages["fr"].get_element_by_id("goto").getparent().xpath("string(label)") == "Aller à"
        assert pages["en"].get_element_by_id("goto").getparent().xpath("string(label)") == "Go to"


def test_a_query_the_page_does_not_read_is_dropped(client):
    response = client.get("/read/A-13.1.1?lang=en&utm_source=mail&goto=")
    assert response.status_code == 302 and response.headers["Location"] == "/read/A-13.1.1?lang=en"
    assert client.get("/read/A-13.1.1?x=1").headers["Location"] == "/read/A-13.1.1"


def test_a_division_keeps_its_text_and_history(client, kb):
    """Nothing lost: what a division holds besides its sections (a schedule's content, the repeal
    schedules' statements) and its amendment history are read in the full text too."""
    tree = html.fromstring(client.get("/read/A-13.1.1").data)
    for division_id in ("A-13.1.1/schedule:repeal-schedules", "A-13.1.1/title:II/chapter:VI"):
        division = kb.get(division_id).node
        shown = " ".join(tree.get_element_by_id(division_id).text_content().split())
        for note in division.notes:
            assert " ".join(note.text.split()) in shown
        for entry in division.history:
            assert entry.raw in shown
    assert kb.get("A-13.1.1/schedule:repeal-schedules").node.notes


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_go_to_examples_come_from_the_document_and_read_back(app, kb, lang):
    reader = in_language(app, lang)
    placeholder = html.fromstring(reader.get("/read/A-13.1.1").data).get_element_by_id("goto").get("placeholder")
    number, pinpoint = placeholder.split(", ", 1)
    section = f"A-13.1.1/{number}"
    assert section in kb and pinpoint.startswith({"en": "s. ", "fr": "art. "}[lang] + number)
    for typed in (number, pinpoint):
        target = reader.get("/read/A-13.1.1", query_string={"goto": typed}).headers["Location"]
        assert target.startswith("/read/A-13.1.1#se:" + number.replace(".", "_")), typed
    assert target != "/read/A-13.1.1#se:" + number.replace(".", "_"), "the pinpoint names a unit, not the section"
