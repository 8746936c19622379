"""Documents in two languages: every document and provision carries its language, the manifest
says which document translates which (`translation_of`), and the two are linked provision by
provision (`KnowledgeBase.other_version`)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from alinea.corpus import load_manifest, translations
from alinea.errors import AlineaError
from alinea.kb import KnowledgeBase, provision_ids
from alinea.model import Corpus, Division, Document, Section, Source, Unit
from ingest.legisquebec_html import parse_html_file
from tests.clients import in_language
from tests.properties import examples
from web import create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "legisquebec-html"


def manifest(tmp_path: Path, entries: list[dict]) -> list:
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    return load_manifest(tmp_path)


def entry(doc_id: str, lang: str, **extra) -> dict:
    return {"id": doc_id, "file": f"{doc_id}.txt", "format": "legisquebec-text", "kind": "regulation",
            "publisher": "LégisQuébec", "lang": lang, "title": doc_id, **extra}


def test_translation_of_links_both_ways(tmp_path):
    pairs = translations(manifest(tmp_path, [entry("R-1", "en"), entry("R-1-fr", "fr", translation_of="R-1"),
                                             entry("R-2", "en")]))
    assert pairs == {"R-1-fr": "R-1", "R-1": "R-1-fr"}


@pytest.mark.parametrize("entries, words", [
    ([entry("R-1", "en"), entry("R-1-fr", "fr", translation_of="R-9")], "is not a listed document"),
    ([entry("R-1", "en"), entry("R-1-b", "en", translation_of="R-1")], "same language"),
    ([entry("R-1", "en"), entry("R-1-fr", "fr", translation_of="R-1"), entry("R-1-fr2", "fr", translation_of="R-1")],
     "already has another translation"),
])
def test_a_wrong_translation_of_is_a_one_line_error(tmp_path, entries, words):
    with pytest.raises(AlineaError, match=words):
        translations(manifest(tmp_path, entries))


@pytest.fixture(scope="module")
def pair(act):
    """The English Act and a French regulation of the fixtures, declared translations of each other
    (they are not: the library has no French version of the Act; the ids are what is linked)."""
    french = parse_html_file(str(FIXTURES / "S-2_1_r_6.fr.html"))
    return KnowledgeBase(Corpus((act, french), ()), {"translations": {act.id: french.id, french.id: act.id}}), french


def test_a_provision_is_linked_to_the_same_provision_of_the_other_version(pair, act):
    kb, french = pair
    section = french.sections[0]
    unit = next(iter(section.walk()))
    mirrored = act.id + unit.id[len(french.id):]
    if mirrored in kb:
        assert kb.other_version(mirrored) == unit.id and kb.other_version(unit.id) == mirrored
    assert kb.other_version(act.id) == french.id
    missing = f"{act.id}/55/p1/2/a"
    assert kb.other_version(missing) in (french.id, f"{french.id}/55", f"{french.id}/55/p1", f"{french.id}/55/p1/2")
    assert KnowledgeBase(Corpus((act,), ())).other_version(f"{act.id}/55") is None


def test_the_provision_page_offers_the_other_version_and_json_says_the_language(data_dir):
    # the test changes the knowledge base in place, which a cached page cannot see: no page cache
    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True, "PAGE_CACHE": False})
    kb = app.extensions["live"].current.kb
    client = in_language(app, "fr")
    data = client.get("/api/provisions/A-13.1.1/55").get_json()
    assert data["lang"] == "en" and data["other_version"] is None
    assert client.get("/api/provisions/guidance:adel-66-72").get_json()["lang"] == "fr"
    tree = html.fromstring(client.get("/A-13.1.1/55").data)
    assert not tree.xpath("//p[@class='other-version']")
    assert tree.xpath("//ol[contains(@class,'units')]/@lang")[0] == "en"
    kb.extras = {**kb.extras, "translations": {"A-13.1.1": "guidance:adel-66-72", "guidance:adel-66-72": "A-13.1.1"}}
    (link,) = html.fromstring(client.get("/A-13.1.1/55").data).xpath("//p[@class='other-version']/a")
    assert link.get("href") == "/guidance:adel-66-72" and link.get("hreflang") == "fr"
    assert link.text == "Cette disposition en français"


def test_lists_and_search_can_be_restricted_to_one_language(data_dir):
    client = in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), "en")
    docs = html.fromstring(client.get("/?doclang=fr").data).xpath("//ul[@class='documents']/li/a/@lang")
    assert docs and set(docs) == {"fr"}
    everything = html.fromstring(client.get("/").data).xpath("//ul[@class='documents']/li/a/@lang")
    assert set(everything) == {"en", "fr"}
    hits = client.get("/api/search?q=programme+lang:fr").get_json()["results"]
    assert hits and {h["lang"] for h in hits} == {"fr"}


# -- a generated pair: the same structure in two languages -------------------------------------------
SHAPES = st.lists(  # sections, each a list of paragraphs, each its number of numbered subparagraphs
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=3), min_size=1, max_size=6)
WORDS = {"en": "The Minister may grant the benefit", "fr": "Le ministre peut accorder la prestation"}


def _units(section_id: str, paragraphs: list[int], lang: str) -> tuple[Unit, ...]:
    def unit(uid, kind, label, number):
        return Unit(uid, kind, label, number, f"{WORDS[lang]} ({number}).", Source(1, WORDS[lang]))
    return tuple(
        replace(unit(f"{section_id}/p{p}", "paragraph", "", str(p)),
                children=tuple(unit(f"{section_id}/p{p}/{n}", "subparagraph", f"({n})" if lang == "en" else f"{n}°",
                                    str(n)) for n in range(1, subs + 1)))
        for p, subs in enumerate(paragraphs, 1))


def document(doc_id: str, lang: str, shape: list[list[int]], numbers: list[str] | None = None) -> Document:
    """A statute of one title holding sections numbered 1, 2, 3... (or `numbers`) of the given shape."""
    title = Division(f"{doc_id}/title:I", "title", "TITLE I" if lang == "en" else "TITRE I", "I", WORDS[lang],
                     None, Source(1, "TITLE I"))
    numbers = numbers or [str(n) for n in range(1, len(shape) + 1)]
    sections = tuple(Section(f"{doc_id}/{number}", number, "in force", title.id,
                             _units(f"{doc_id}/{number}", paragraphs, lang), Source(1, number))
                     for number, paragraphs in zip(numbers, shape))
    return Document(doc_id, "statute", lang, doc_id, f"{doc_id}.txt", (title,), sections)


def linked(english: Document, french: Document) -> KnowledgeBase:
    return KnowledgeBase(Corpus((english, french), ()), {"translations": {english.id: french.id, french.id: english.id}})


@settings(max_examples=examples(40), deadline=None)
@given(SHAPES)
def test_every_provision_of_a_generated_pair_links_both_ways(shape):
    english, french = document("R-7", "en", shape), document("R-7-fr", "fr", shape)
    kb = linked(english, french)
    ids = list(provision_ids(english))
    assert len(ids) == len(list(provision_ids(french))) > len(shape)
    for pid in [english.id, *ids]:
        mirrored = french.id + pid[len(english.id):]
        assert kb.other_version(pid) == mirrored and kb.other_version(mirrored) == pid
    assert kb.unmatched_in_other_version(english.id) == kb.unmatched_in_other_version(french.id) == []


@settings(max_examples=examples(40), deadline=None)
@given(SHAPES, st.data())
def test_a_section_inserted_in_one_version_is_reported_and_the_rest_still_links(shape, data):
    """The French version has one more section (``2.1``, inserted after section 2, or wherever the
    draw puts it): every provision the two share links both ways; the inserted one and its units
    link to their nearest parent, and are reported, on the side that has them only."""
    at = data.draw(st.integers(min_value=1, max_value=len(shape)))
    extra = data.draw(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=3))
    numbers = [str(n) for n in range(1, len(shape) + 1)]
    english = document("R-7", "en", shape)
    french = document("R-7-fr", "fr", shape[:at] + [extra] + shape[at:], numbers[:at] + [f"{at}.1"] + numbers[at:])
    kb = linked(english, french)
    inserted = f"{french.id}/{at}.1"
    assert kb.unmatched_in_other_version(french.id) == [inserted] + [u.id for u in kb.get(inserted).section.walk()]
    assert kb.unmatched_in_other_version(english.id) == []
    for pid in kb.unmatched_in_other_version(french.id):
        assert kb.other_version(pid) == english.id  # no section of that number: the document itself
    for pid in provision_ids(english):
        mirrored = french.id + pid[len(english.id):]
        assert kb.other_version(pid) == mirrored and kb.other_version(mirrored) == pid


def test_the_build_reports_what_the_other_version_lacks(capsys):
    from alinea.build import version_gaps

    english = document("R-7", "en", [[1], [2]])
    french = document("R-7-fr", "fr", [[1], [0], [2]], ["1", "1.1", "2"])
    messages: list[str] = []
    warnings = version_gaps([english, french], {"R-7": "R-7-fr", "R-7-fr": "R-7"}, messages.append)
    assert warnings == ["R-7-fr: 2 provisions have no counterpart in its other-language version R-7 "
                        "(R-7-fr/1.1, R-7-fr/1.1/p1); they link to their nearest parent there"]
    assert messages == [f"warning: {warnings[0]}"]
