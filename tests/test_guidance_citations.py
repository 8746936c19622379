"""Citations in guidance pages, read by the one engine (graph/cite/guidance.py), resolved against the real Act."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.corpus import load_manifest
from alinea.model import Corpus, Document
from graph.cite import Index
from graph.cite.guidance import AMBIGUOUS, guidance_citations, guidance_references, outside_corpus
from graph.concepts import load_glossary
from graph.guidance_links import link_guidance
from ingest import parse_file
from ingest.guidance_text import parse_guidance_text
from ingest.legisquebec_text import parse_statute_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENTRIES = {e.id: e for e in load_manifest(CORPUS)}


@pytest.fixture(scope="module")
def act() -> Document:
    entry = ENTRIES["A-13.1.1"]
    return parse_file(str(entry.path), entry.format, entry.meta)


@pytest.fixture(scope="module")
def index(act: Document) -> Index:
    return Index.build(Corpus((act,)))


def read(text: str, lang: str, index: Index) -> list[tuple[str, tuple[str, ...], str]]:
    """(words, targets or candidates, note) of each citation of a guidance text."""
    return [(f.text, r.targets or r.candidates or r.missing, r.note) for f, r in guidance_citations(text, lang, index)]


@pytest.mark.parametrize("text, lang, written, targets", [
    ("Article 133 (Loi sur l'aide aux personnes et aux familles)", "fr",
     "Article 133 (Loi sur l'aide aux personnes et aux familles)", ("A-13.1.1/133",)),
    ("Article 157.1 (Règlement sur l'aide aux personnes et aux familles)", "fr",
     "Article 157.1 (Règlement sur l'aide aux personnes et aux familles)", ("A-13.1.1-r1/157.1",)),
    ("Article 157.2 (Règlement sur l’aide aux personnes et aux familles)", "fr",
     "Article 157.2 (Règlement sur l’aide aux personnes et aux familles)", ("A-13.1.1-r1/157.2",)),
    ("les critères décrits à l'article 57 de la Loi, ou", "fr", "article 57 de la Loi",
     ("A-13.1.1/57",)),
    ("selon l’article 55 de la Loi.", "fr", "article 55 de la Loi", ("A-13.1.1/55",)),
    ("voir l'article 157.1 du Règlement", "fr", "article 157.1 du Règlement", ("A-13.1.1-r1/157.1",)),
    ("l'article 48 du RAPF", "fr", "article 48 du RAPF", ("A-13.1.1-r1/48",)),
    ("art. 133 LAPF", "fr", "art. 133 LAPF", ("A-13.1.1/133",)),
    ("section 83.24 of the Act", "en", "section 83.24 of the Act", ("A-13.1.1/83.24",)),
    ("section 70 of the Individual and Family Assistance Act", "en",
     "section 70 of the Individual and Family Assistance Act", ("A-13.1.1/70",)),
    ("Article 48 (Individual and Family Assistance Regulation)", "en",
     "Article 48 (Individual and Family Assistance Regulation)", ("A-13.1.1-r1/48",)),
    ("le deuxième alinéa de l'article 72 de la Loi", "fr", "deuxième alinéa de l'article 72 de la Loi",
     ("A-13.1.1/72/p2",)),
    ("le paragraphe 2° du premier alinéa de l'article 55 de la Loi", "fr",
     "paragraphe 2° du premier alinéa de l'article 55 de la Loi", ("A-13.1.1/55/p1/2",)),
    ("subparagraph 3 of the first paragraph of section 22 of the Act", "en",
     "subparagraph 3 of the first paragraph of section 22 of the Act", ("A-13.1.1/22/p1/3",)),
    ("the second paragraph of section 48 of the Act", "en", "the second paragraph of section 48 of the Act",
     ("A-13.1.1/48/p2",)),
    ("the Individual and Family Assistance ActLink", "en", "Individual and Family Assistance Act",
     ("A-13.1.1",)),
    ("au sens du Règlement sur l'aide aux personnes et aux familles et", "fr",
     "Règlement sur l'aide aux personnes et aux familles", ("A-13.1.1-r1",)),
    ("la Loi sur l'aide aux personnes et aux familles (LAPF), un adulte", "fr",
     "Loi sur l'aide aux personnes et aux familles (LAPF)", ("A-13.1.1",)),
])
def test_forms(text: str, lang: str, written: str, targets: tuple[str, ...], index: Index) -> None:
    found = guidance_citations(text, lang, index)
    assert [(f.text, r.targets, r.note) for f, r in found] == [(written, targets, "")]
    assert text[found[0][0].start:found[0][0].end] == written


def test_ranges_expand_to_the_sections_the_act_has(index: Index) -> None:
    def targets(text: str, lang: str = "fr") -> list[str]:
        return [t.split("/")[1] for _, ts, _ in read(text, lang, index) for t in ts]

    assert targets("articles 86 à 90 de la Loi") == ["86", "87", "88", "89", "90"]
    assert targets("sections 83.11 to 83.13 of the Act", "en") == ["83.11", "83.12", "83.13"]
    assert targets("les articles 97 à 104 de la Loi") == ["97", "98", "99", "100", "101", "102", "103",
                                                            "103.1", "104"]
    assert targets("sections 49 to 51, 58, 59, 63, 64 and 69 of the Act", "en") == [
        "49", "50", "51", "58", "59", "63", "64", "69"]
    assert targets("articles 83.17 et 83.18 de la Loi") == ["83.17", "83.18"]


def test_a_range_in_a_document_not_in_the_corpus_names_the_whole_numbers_between(index: Index) -> None:
    assert read("articles 157 à 160 du Règlement", "fr", index) == [
        ("articles 157 à 160 du Règlement", tuple(f"A-13.1.1-r1/{n}" for n in range(157, 161)), "")]


def test_what_is_not_a_citation_of_the_act(index: Index) -> None:
    # another act named by its title is that act, not the statute
    assert read("l'article 585 du Code civil du Québec stipule", "fr", index) == [
        ("article 585 du Code civil du Québec", ("CCQ-1991/585",), "")]
    [(_, targets, note)] = read("l'article 5 de la loi", "fr", index)
    assert targets == () and "lower case" in note
    assert read("la Loi sur le régime de rentes du Québec", "fr", index) == []
    # a French "section" is a division, here the page's own, not an article
    assert read("la section 3 du chapitre II", "fr", index) == []
    assert read("the first paragraph of this section", "en", index) == []


def test_an_article_without_its_act(index: Index) -> None:
    assert [t for _, t, _ in read("l'article 55 de la Loi et l'article 61", "fr", index)] == [
        ("A-13.1.1/55",), ("A-13.1.1/61",)]
    [(_, candidates, note)] = read("voir l'article 61.", "fr", index)
    assert note == AMBIGUOUS and candidates == ("A-13.1.1/61", "A-13.1.1-r1/61")


def test_relations_are_read_from_the_words_before(index: Index) -> None:
    text = ("au sens de l'article 70 de la Loi, malgré l'article 56 du Règlement, "
            "sous réserve de l'article 57 de la Loi")
    assert [f.relation for f, _ in guidance_citations(text, "fr", index)] == [
        "within the meaning of", "despite", "subject to"]


def test_references_of_the_adel_page(act: Document) -> None:
    entry = ENTRIES["guidance:adel-66-72"]
    adel = parse_file(str(entry.path), entry.format, entry.meta)
    refs = [r for r in guidance_references(adel, [act]) if r.source.endswith(("/p1", "/p2", "/p3", "/p4"))
            and r.source.startswith("guidance:adel-66-72/11/")]
    assert [(r.source.rsplit("/", 1)[1], r.target, r.type) for r in refs] == [
        ("p1", "A-13.1.1-r1/48", "cites"), ("p2", "A-13.1.1/133", "cites"),
        ("p3", "A-13.1.1-r1/157.1", "cites"), ("p4", "A-13.1.1-r1/157.2", "cites")]
    assert refs[1].note == ""
    assert refs[2].note == ("A-13.1.1-r1 is not in the corpus: "
                            "https://www.legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:157_1")
    unit = {u.id: u for s in adel.sections for u in s.walk()}["guidance:adel-66-72/11/p2"]
    assert unit.text[refs[1].start:refs[1].end] == refs[1].text
    outside = outside_corpus(guidance_references(adel, [act]), [act, adel])
    assert sorted(outside) == ["A-13.1.1-r1", "A-13.1.1-r1/157.1", "A-13.1.1-r1/157.2", "A-13.1.1-r1/48"]
    assert outside["A-13.1.1-r1/48"] == "https://www.legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:48"


def test_references_are_checked_against_the_corpus(act: Document) -> None:
    page = ("Titre\n\nLes articles 97 à 104 de la Loi s'appliquent, ainsi que l'article 999 de la Loi, "
            "le quatrième alinéa de l'article 22 de la Loi et l'article 61.\n\nVoir l'article 55.\n")
    doc = parse_guidance_text(page, "refs.txt", {"id": "guidance:refs", "lang": "fr"})
    refs = guidance_references(doc, [act])
    kinds = [(r.type, r.target) for r in refs]
    assert ("applies", "A-13.1.1/103.1") in kinds
    missing = next(r for r in refs if r.text == "article 999 de la Loi")
    assert (missing.type, missing.target, missing.note) == ("unresolved", "", "A-13.1.1 has no section 999")
    fallback = next(r for r in refs if r.text.startswith("quatrième alinéa"))
    assert fallback.target == "A-13.1.1/22" and "A-13.1.1/22/p4 does not exist" in fallback.note
    inherited = next(r for r in refs if r.text == "article 61")
    assert inherited.target == "A-13.1.1/61"
    ambiguous = next(r for r in refs if r.text == "article 55")
    assert (ambiguous.type, ambiguous.target, ambiguous.candidates) == (
        "ambiguous", "", ("A-13.1.1/55", "A-13.1.1-r1/55"))


def test_english_page_citing_the_act_by_name(act: Document) -> None:
    entry = ENTRIES["guidance:social-solidarity-services"]
    doc = parse_file(str(entry.path), entry.format, entry.meta)
    refs = [(r.target, r.text, r.type) for r in guidance_references(doc, [act])]
    # the other act is named by the title the Act gives it with its chapter ("(chapter L-7)")
    assert refs == [("A-13.1.1", "Individual and Family Assistance Act", "cites"),
                    ("L-7", "Act to combat poverty and social exclusion", "cites")]


_PIECES = st.sampled_from(["article", "articles", "section", " ", "0", "1", "2", "3", ".", ",", "à", "et",
                           " de la Loi", " du Règlement", "(", ")", "LAPF", " of the Act", "l'", "Loi sur "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["fr", "en"]))
def test_random_text_gives_exact_offsets(text: str, lang: str) -> None:
    index = Index.build(Corpus(()))
    for found, resolution in guidance_citations(text, lang, index):
        assert text[found.start:found.end] == found.text
        assert resolution.targets or resolution.candidates or resolution.missing or resolution.note


REGULATION = """Updated to 1 January 2025
chapter A-13.1.1, r. 1
Individual and Family Assistance Regulation
48. An adult is deemed to reside in Québec when the adult is domiciled there.
D. 1073-2006, s. 48.
157.1. The periods considered are those of the first paragraph.
D. 1140-2022, s. 30.
157.2. The months considered are those in which the adult resided in Québec.
D. 1140-2022, s. 30.
"""


def test_the_regulation_resolves_once_it_is_in_the_corpus(act: Document) -> None:
    regulation = parse_statute_text(REGULATION, "reg.txt")
    entry = ENTRIES["guidance:adel-66-72"]
    adel = parse_file(str(entry.path), entry.format, entry.meta)
    refs = guidance_references(adel, [act, regulation])
    listed = [r for r in refs if r.source.startswith("guidance:adel-66-72/11/")]
    assert [(r.target, r.note) for r in listed] == [
        ("A-13.1.1-r1/48", ""), ("A-13.1.1/133", ""), ("A-13.1.1-r1/157.1", ""), ("A-13.1.1-r1/157.2", "")]
    assert outside_corpus(refs, [act, regulation, adel]) == {}


def test_link_guidance_tags_pages_and_adds_references(act: Document) -> None:
    docs = [act] + [parse_file(str(e.path), e.format, e.meta) for e in ENTRIES.values()
                    if e.meta["kind"] == "guidance"]
    linked, refs = link_guidance(docs, load_glossary())
    adel = next(d for d in linked if d.id == "guidance:adel-66-72")
    assert "program:basic-income" in adel.concepts and linked[0] is act
    kinds = {r.type for r in refs}
    assert {"cited by guidance", "uses term", "defines"} <= kinds
    triples = {(r.source, r.target, r.type) for r in refs}
    assert ("guidance:adel-66-72/11/p2", "A-13.1.1/133", "cited by guidance") in triples
    assert ("A-13.1.1/22", "term:spouses", "defines") in triples
