"""Which articles govern this? across a library: the bundled corpus plus a constructed regulation made
under ss. 132 and 133 of the Act (its enabling note) and a French guidance page whose paragraphs cite
s. 59 (tests/fixtures/govern-library).  Neither was seen when the methods were built."""
from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from alinea.build import build
from alinea.kb import load
from graph.govern import govern
from graph.govern_input import cues, read_input
from graph.govern_lay import lay_documents, lay_stems
from graph.govern_rank import PAIR_WORDS, WEIGHTS, Scorer, guidance_pairs, prepare
from graph.govern_why import text
from search import open_index

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "govern-library"
REGULATION = "A-13.1.1-r1"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from alinea.cli import main

    corpus = tmp_path_factory.mktemp("govern-library") / "corpus"
    data = corpus.parent / "data"
    shutil.copytree(ROOT / "corpus", corpus)
    for path in sorted(FIXTURES.glob("*.txt")):
        assert main(["add", str(path), "--corpus", str(corpus)]) == 0, path
    build(corpus, data, progress=lambda message: None)
    kb = load(data)
    return kb, open_index(data, kb.resolver())


def results(library, question: str, limit: int = 10):
    kb, index = library
    return govern(question, kb, index, limit=limit).results


# -- the enabling relation, both ways -------------------------------------------------------------
def test_the_regulation_is_made_under_the_powers_its_note_names(library):
    kb, _ = library
    assert set(prepare(kb).made_under[REGULATION]) >= {"A-13.1.1/132", "A-13.1.1/133"}


def test_a_power_carries_the_evidence_of_its_regulations_rule(library):
    """The question's words are only in the regulation (a pet lizard); s. 132, under which it is
    made, comes with it and says why."""
    found = results(library, "Is my pet lizard in its terrarium counted as property?")
    sections = [r.section for r in found]
    assert sections[0] == f"{REGULATION}/2"
    power = next(r for r in found if r.section == "A-13.1.1/132")
    assert "is made under it" in power.reason and f"{REGULATION}/2" in power.path
    assert "made under" in power.path


def test_a_regulations_rule_carries_the_evidence_of_its_power(library):
    kb, index = library
    question = "Can I keep my automobile, and what may the Government prescribe about basic benefit amounts?"
    reading = read_input(question, kb)
    scorer = Scorer(kb, reading, cues(reading, kb))
    ranked = {c.section: c for c in scorer.run(index)}
    rule = ranked[f"{REGULATION}/1"]
    enabled = [r for r in rule.reasons if r.kind == "enabled"]
    assert enabled and enabled[0].path[0].startswith("A-13.1.1/13")
    assert "it is made under s. 13" in text(enabled[0].why, "en", kb)
    statute = [c for section, c in ranked.items() if section.startswith("A-13.1.1/")]
    assert statute and all("enabled" not in c.features() for c in statute), \
        "only a regulation's rules carry a power's evidence"


# -- French guidance as parallel text --------------------------------------------------------------
def test_guidance_paragraphs_that_cite_a_provision_are_parallel_text_of_it(library):
    kb, _ = library
    statute = kb.default_statute()
    pairs = [(french, english) for french, english in guidance_pairs(kb, statute) if "emploi" in french]
    section_59 = kb.get("A-13.1.1/59").node.text
    assert len(pairs) == 2 and all(english == section_59 for _, english in pairs)
    assert not any(french.startswith("Article 59") for french, _ in pairs), "the closing list cites for the page"
    assert all(len(french.split()) <= PAIR_WORDS for french, _ in guidance_pairs(kb, statute))


def test_a_provision_asked_about_leads_to_its_regulations_and_a_rule_to_its_powers(library):
    power = {r.section: r for r in results(library, "s. 132")}
    assert f"{REGULATION}/1" in power and "is made under s. 132" in power[f"{REGULATION}/1"].reason
    rule = {r.section: r for r in results(library, f"{REGULATION}/2")}
    assert rule["A-13.1.1/133"].role == "regulation power" and "is made under it" in rule["A-13.1.1/133"].reason


# -- what people say of a provision (lay documents) ------------------------------------------------
def test_guidance_paragraphs_are_lay_documents_of_the_provisions_they_cite(library):
    kb, _ = library
    text = (FIXTURES / "depart-emploi.fr.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if "(article 59" in p]
    docs = {tuple(sorted(stems.items())): (source.split("/")[0], lang, sections)
            for source, lang, stems, sections in lay_documents(kb)}
    for paragraph in paragraphs:
        said = tuple(sorted(Counter(lay_stems(paragraph, "fr")).items()))
        assert docs.get(said) == ("guidance:depart-emploi", "fr", ("A-13.1.1/59",)), paragraph
    assert not any(set(stems) <= {"articl", "59", "loi", "aid", "person", "famill"} for _, _, stems, _ in lay_documents(kb)), \
        "the closing list cites for the whole page"


def test_a_french_question_reaches_a_provision_through_what_guidance_says_of_it(library):
    """With every thesaurus entry that names s. 59 taken out, a question in the guidance page's words
    (not the Act's, not an entry's) reaches s. 59 through the page's paragraphs, and says so."""
    from benchmarks.govern_fit import WithoutEntries

    kb, index = library
    held = WithoutEntries(kb, {"59"})
    question = "Ma prestation peut-elle être réduite parce que j'ai perdu mon emploi?"
    reading = read_input(question, held)
    ranked = {c.section: c for c in Scorer(held, reading, cues(reading, held)).run(index)}
    lay = ranked["A-13.1.1/59"].features().get("lay", 0.0)
    order = list(ranked)
    unsaid = list({c.section: c for c in Scorer(held, reading, cues(reading, held), replace(WEIGHTS, lay=0.0)).run(index)})
    assert order.index("A-13.1.1/59") < min(10, unsaid.index("A-13.1.1/59")), (order[:10], unsaid[:10])
    reason = next(r for r in ranked["A-13.1.1/59"].reasons if r.kind == "lay")
    said = text(reason.why, "en", held)
    assert "what people say of it has the question's" in said and "‘réduite’" in said, said
    assert reason.path[2].startswith("guidance:depart-emploi/") and reason.path[-1] == "A-13.1.1/59"
    others = [c.features().get("lay", 0.0) for s, c in ranked.items() if s != "A-13.1.1/59"]
    assert lay > max(others, default=0.0)
