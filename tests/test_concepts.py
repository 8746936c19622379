"""The bilingual glossary (corpus/glossary.json) and the concept matcher (graph/concepts.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from alinea.corpus import glossary_path, load_manifest
from alinea.errors import AlineaError
from alinea.model import Document
from graph.concepts import (
    GLOSSARY,
    KINDS,
    compute_uses,
    concept_references,
    document_concepts,
    dump_glossary,
    glossary_references,
    load_glossary,
)
from ingest import parse_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENTRIES = {e.id: e for e in load_manifest(CORPUS)}
GLOSSARY_DATA = json.loads(GLOSSARY.read_text(encoding="utf-8"))
glossary = load_glossary()


@pytest.fixture(scope="module")
def act() -> Document:
    entry = ENTRIES["A-13.1.1"]
    return parse_file(str(entry.path), entry.format, entry.meta)


def test_the_manifest_names_the_glossary() -> None:
    assert glossary_path(CORPUS) == GLOSSARY
    assert GLOSSARY_DATA["statute"] == "A-13.1.1"


def test_size_and_kinds() -> None:
    assert len(glossary) >= 60
    kinds = {c.kind for c in glossary}
    assert {"program", "defined term", "benefit", "allowance", "procedure"} <= kinds <= set(KINDS)


@pytest.mark.parametrize("en, fr, abbreviation, concept", [
    ("Social Assistance Program", "Programme d'aide sociale", "PAS", "program:social-assistance"),
    ("Social Solidarity Program", "Programme de solidarité sociale", "PSS", "program:social-solidarity"),
    ("Basic Income Program", "Programme de revenu de base", "PRB", "program:basic-income"),
    ("Aim for Employment Program", "Programme objectif emploi", "POE", "program:aim-for-employment"),
    ("Social Assistance and Support Program", "Programme d'aide et d'accompagnement social", "PAAS",
     "program:social-assistance-and-support"),
    ("Administrative Tribunal of Québec", "Tribunal administratif du Québec", "TAQ",
     "term:administrative-tribunal"),
    ("last resort financial assistance", "aide financière de dernier recours", "AFDR",
     "program:last-resort-financial-assistance"),
])
def test_programs_in_either_language(en: str, fr: str, abbreviation: str, concept: str) -> None:
    assert glossary.resolve(en) == glossary.resolve(fr) == glossary.resolve(abbreviation) == concept
    assert glossary.resolve(en.upper()) == glossary.resolve(fr.lower()) == concept


@pytest.mark.parametrize("en, fr, concept, section", [
    ("spouses", "conjoints", "term:spouses", "22"),
    ("dependent child", "enfant à charge", "term:dependent-child", "23"),
    ("family", "famille", "term:family", "25"),
    ("independent adult", "adulte seul", "term:independent-adult", None),
    ("basic benefit", "prestation de base", "term:basic-benefit", "52"),
    ("temporarily limited capacity allowance", "allocation pour contraintes temporaires",
     "term:temporarily-limited-capacity-allowance", "53"),
    ("severely limited capacity for employment", "contraintes sévères à l'emploi",
     "term:severely-limited-capacity", "70"),
    ("liquid assets", "avoirs liquides", "term:liquid-assets", "132"),
    ("parental contribution", "contribution parentale", "term:parental-contribution", "57"),
    ("special benefits", "prestations spéciales", "term:special-benefits", "58"),
    ("review", "révision", "term:review", "107"),
    ("recovery", "recouvrement", "term:recovery", "86"),
    ("voluntary declarant", "déclarant volontaire", "term:voluntary-declarant", "106.1"),
    ("misrepresentation", "fausse déclaration", "term:misrepresentation", "106"),
    ("labour market entry plan", "plan d'intégration en emploi", "term:labour-market-entry-plan", "83.2"),
])
def test_key_terms(en: str, fr: str, concept: str, section: str | None) -> None:
    assert glossary.resolve(en) == glossary.resolve(fr) == concept
    c = glossary.get(concept)
    assert c is not None and (section in c.sections if section else c.sections == ())


def test_defining_sections_exist_and_name_the_concept(act: Document) -> None:
    for concept in glossary:
        for number in concept.sections:
            section = act.section(number)
            assert section is not None, (concept.id, number)
            assert concept.id in {m.concept for m in glossary.find(section.text)}, (concept.id, number)


def test_uses_agree_with_the_act(act: Document) -> None:
    computed = compute_uses(glossary, act)
    stale = {c.id: (c.uses, computed[c.id]) for c in glossary if c.uses != computed[c.id]}
    assert not stale, "run `python -m alinea.glossary_uses corpus` to recompute `uses`"
    assert "22" in glossary.get("term:spouses").uses and "89" in glossary.get("term:spouses").uses


def test_the_file_is_written_as_the_tool_writes_it() -> None:
    assert dump_glossary(GLOSSARY_DATA) == GLOSSARY.read_text(encoding="utf-8")


def test_matching_rules() -> None:
    found = glossary.find("Le conjoint n'est pas prestataire du Programme de revenu de base ni du PAS.")
    assert [(m.text, m.concept) for m in found] == [
        ("conjoint", "term:spouses"), ("prestataire", "term:recipient"),
        ("Programme de revenu de base", "program:basic-income"), ("PAS", "program:social-assistance")]
    text = "An independent adult's liquid assets and the adults' employment-assistance allowances"
    assert [m.concept for m in glossary.find(text)] == [
        "term:independent-adult", "term:liquid-assets", "term:adult", "term:employment-assistance-allowance"]
    assert [m.text for m in glossary.find("les enfants à charge et la contribution parentale")] == [
        "enfants à charge", "contribution parentale"]
    for m in glossary.find("les avoirs liquides de l’adulte seul"):
        assert "les avoirs liquides de l’adulte seul"[m.start:m.end] == m.text


def test_a_french_page_reaches_the_english_act(act: Document) -> None:
    entry = ENTRIES["guidance:adel-66-72"]
    adel = parse_file(str(entry.path), entry.format, entry.meta)
    concepts = document_concepts(adel, glossary)
    # the title comes first: "Prestataire du Programme de solidarité sociale…"
    assert concepts[:2] == ("term:recipient", "program:social-solidarity")
    assert {"program:basic-income", "term:severely-limited-capacity", "term:reside-in-quebec"} <= {*concepts}
    sections = {n for c in concepts for n in glossary.get(c).sections}
    assert {"67", "70", "83.15"} <= sections
    refs = concept_references(adel, glossary)
    unit_text = {u.id: u.text for s in adel.sections for u in s.walk()}
    assert all(unit_text[r.source][r.start:r.end] == r.text for r in refs if r.field == "text")
    assert all(r.type == "uses term" for r in refs)


def test_glossary_references_only_from_definitions() -> None:
    from tests.law_graph_data import act

    refs = {(r.source, r.target, r.type) for r in glossary_references(glossary, act())}
    assert ("A-13.1.1/22", "term:spouses", "defines") in refs
    assert ("A-13.1.1/83.15", "program:basic-income", "establishes") in refs
    # s. 55 uses these words; it defines none of them
    assert not {t for s, t, kind in refs if s == "A-13.1.1/55" and kind == "defines"}


@pytest.mark.parametrize("content, message", [
    ("not json", "cannot read the glossary"),
    ('{"entries": {}}', "'entries' list"),
    ('{"entries": [{"id": "term:x", "kind": "term", "en": "x", "fr": "x"}]}', "kind 'term'"),
    ('{"entries": [{"id": "x", "kind": "program", "en": "x", "fr": "x"}]}', "is not 'program:<slug>'"),
    ('{"entries": [{"id": "term:x", "kind": "program", "en": "x", "fr": "x"}]}', "only programs"),
    ('{"entries": [{"id": "term:x", "kind": "benefit", "en": "", "fr": "x"}]}', "'en' must be"),
    ('{"entries": [{"id": "term:x", "kind": "benefit", "en": "x", "fr": "x", "sections": ["s. 5"]}]}',
     "not a section number"),
    ('{"entries": [{"id": "term:x", "kind": "benefit", "en": "x", "fr": "y"},'
     ' {"id": "term:x", "kind": "benefit", "en": "z", "fr": "w"}]}', "listed twice"),
    ('{"entries": [{"id": "term:x", "kind": "benefit", "en": "Same", "fr": "x"},'
     ' {"id": "term:y", "kind": "benefit", "en": "same", "fr": "y"}]}', "names both term:x and term:y"),
])
def test_bad_glossary(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "glossary.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlineaError) as err:
        load_glossary(path)
    assert message in str(err.value) and str(path) in str(err.value)
