"""Documents in two languages: every document and provision carries its language, the manifest
says which document translates which (`translation_of`), and the two are linked provision by
provision (`KnowledgeBase.other_version`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

from alinea.corpus import load_manifest, translations
from alinea.errors import AlineaError
from alinea.kb import KnowledgeBase
from alinea.model import Corpus
from ingest.legisquebec_html import parse_html_file
from tests.clients import in_language
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
    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True})
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
