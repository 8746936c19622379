"""Drafting conventions the citation engine reads, each on sentences written for the test and on one real example
(the classes of misses measured on S-2.1, r. 5, r. 7 and r. 9, the fourth held-out set, no longer blind):

- a document cited in a pre-2010 collection (« R.R.Q., 1981, c. S-2.1, r. 3 », « L.R.Q., c. A-13.1.1 ») is the
  document of that chapter and regulation number, with its title before it when there is one;
- a part of a schedule (« partie II de l'annexe I ») is that part's unit;
- items listed inside an item (« sous-paragraphes ii et iii du sous-paragraphe a du paragraphe 2 ») lie each under
  their parent.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from alinea.model import IN_FORCE, Corpus, Document, Section, Source, Unit
from graph.cite import Context, Index, find_citations, resolve
from graph.references import extract_references
from ingest.legisquebec_html import read_legisquebec_html

PAGES = Path(__file__).parent / "fixtures" / "legisquebec-html"


@lru_cache(maxsize=4)
def real_references(page: str) -> list:
    doc = read_legisquebec_html(str(PAGES / page))[0]
    return extract_references(Corpus((doc,)))


def references_of(page: str, source: str) -> set[tuple[str, str]]:
    return {(r.target, r.type) for r in real_references(page) if r.source == source
            and r.type not in ("defines", "uses term")}


# -- a document in a pre-2010 collection ------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, words, doc", [
    ("au sens du Règlement sur les ouvriers (R.R.Q., 1981, c. S-2.1, r. 3).", "fr",
     "Règlement sur les ouvriers (R.R.Q., 1981, c. S-2.1, r. 3)", "S-2.1-r3"),
    ("tel que prévu au R.R.Q., 1981, chapitre S-2.1, r. 3, le comité", "fr", "R.R.Q., 1981, chapitre S-2.1, r. 3", "S-2.1-r3"),
    ("the Regulation respecting workers (R.R.Q., 1981, c. S-2.1, r. 3) applies", "en",
     "Regulation respecting workers (R.R.Q., 1981, c. S-2.1, r. 3)", "S-2.1-r3"),
    ("as set out in R.R.Q., 1981, c. S-2.1, r. 3, the committee", "en", "R.R.Q., 1981, c. S-2.1, r. 3", "S-2.1-r3"),
    ("as set out in R.R.Q. 1981, c. S-2.1, r. 3 and", "en", "R.R.Q. 1981, c. S-2.1, r. 3", "S-2.1-r3"),
    ("au sens de la Loi sur l'aide aux personnes et aux familles (L.R.Q., c. A-13.1.1).", "fr",
     "Loi sur l'aide aux personnes et aux familles (L.R.Q., c. A-13.1.1)", "A-13.1.1"),
    ("selon L.R.Q., c. A-13.1.1, la ministre", "fr", "L.R.Q., c. A-13.1.1", "A-13.1.1"),
    ("under R.S.Q., c. A-13.1.1, the Minister", "en", "R.S.Q., c. A-13.1.1", "A-13.1.1"),
])
def test_a_document_in_a_pre_2010_collection(text, lang, words, doc):
    (found,) = find_citations(text, lang)
    assert (found.text, found.doc) == (words, doc)


def test_a_year_and_a_number_after_the_regulations_collection_stay_an_annual_statute():
    (found,) = find_citations("(1981, chapitre 12)", "fr")
    assert found.doc == "1981, c. 12"


def test_a_regulation_of_1981_in_a_real_regulation():
    # S-2.1, r. 7, a. 20: « Le présent règlement remplace le Règlement sur le certificat médicale des ouvriers (…) »
    assert ("S-2.1-r3", "cites") in references_of("S-2_1_r_7.fr.html", "S-2.1-r7/20/p1")


# -- a part of a schedule ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def r7_index() -> Index:
    return Index.build(Corpus((read_legisquebec_html(str(PAGES / "S-2_1_r_7.fr.html"))[0],)))


def resolved(text: str, unit: str = "S-2.1-r7/5/p1", lang: str = "fr") -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    doc, number = unit.split("/")[:2]
    context = Context(r7_index(), doc, f"{doc}/{number}", unit)
    out = []
    for found in find_citations(text, lang, r7_index().title_list):
        resolution = resolve(found, context)
        context = context.after(resolution)
        out.append((resolution.targets, resolution.missing))
    return out


I, II = "S-2.1-r7/schedule:I", "S-2.1-r7/schedule:II"


@pytest.mark.parametrize("text, lang, expected", [
    ("un examen conforme à la partie II de l'annexe I;", "fr", [f"{I}/part:II"]),  # bare roman headings
    ("les éléments des parties I, II et III de l'annexe I", "fr", [f"{I}/part:I", f"{I}/part:II", f"{I}/part:III"]),
    ("le formulaire de l'annexe II, partie I, signé", "fr", [f"{II}/part:I"]),  # « PARTIE I » headings
    ("the form in Part II of Schedule II", "en", [f"{II}/part:II"]),
])
def test_a_part_of_a_schedule_is_that_part(text, lang, expected):
    assert [t for targets, _ in resolved(text, lang=lang) for t in targets] == expected


def test_a_part_the_schedule_does_not_show_is_missing():
    assert resolved("la partie IV de l'annexe I") == [((), (f"{I}/part:IV",))]


def test_a_part_of_a_schedule_in_a_real_regulation():
    # S-2.1, r. 7, a. 12: « … conformes au formulaire de la partie I de l'annexe II »
    assert (f"{II}/part:I", "cites") in references_of("S-2_1_r_7.fr.html", "S-2.1-r7/12/p1")


# -- items listed inside an item --------------------------------------------------------------------------------
def _listed_regulation() -> Document:
    """One alinéa whose item 2° holds a) with roman items printed inline, as LégisQuébec prints them
    (S-2.1, r. 5, a. 10), and b)."""
    def unit(uid, kind, label, text, children=()):
        return Unit(uid, kind, label, label.rstrip("°)."), text, Source(1, text), children=children)

    p1 = "Z-9-r5/3/p1"
    a = unit(f"{p1}/2/a", "clause", "a)", "les associations désignent selon les procédures suivantes: i.  la première "
             "désigne; ii.  le pourcentage est réduit; iii.  la suivante désigne; iv.  la procédure décrite en ii et iii "
             "est réitérée.")
    b = unit(f"{p1}/2/b", "clause", "b)", "selon les sous-paragraphes ii et iii du sous-paragraphe a du paragraphe 2, le "
             "comité est formé.")
    items = (unit(f"{p1}/1", "subparagraph", "1°", "la majorité désigne;"),
             unit(f"{p1}/2", "subparagraph", "2°", "", (a, b)))
    section = Section("Z-9-r5/3", "3", IN_FORCE, None, (unit(p1, "paragraph", "", "Les modalités:", items),), Source(1, "3"))
    return Document("Z-9-r5", "regulation", "fr", "Règlement d'essai", "Z-9-r5.html", sections=(section,))


@lru_cache(maxsize=1)
def listed_references() -> list:
    return extract_references(Corpus((_listed_regulation(),)))


@pytest.mark.parametrize("source, expected", [
    ("Z-9-r5/3/p1/2/a", {"Z-9-r5/3/p1/2/a/ii", "Z-9-r5/3/p1/2/a/iii"}),  # « décrite en ii et iii », in iv.
    ("Z-9-r5/3/p1/2/b", {"Z-9-r5/3/p1/2/a/ii", "Z-9-r5/3/p1/2/a/iii"}),  # the full chain: no stray paragraph 1
])
def test_items_listed_inside_an_item_lie_under_it(source, expected):
    assert {(r.target, r.type) for r in listed_references() if r.source == source and r.type != "uses term"} \
        == {(t, "cites") for t in expected}


@pytest.mark.parametrize("text", ["la procédure décrite en ii et iii", "the procedure described in ii and iii",
                                  "les cas prévus à i, ii ou iii"])
def test_roman_items_named_by_their_labels_alone(text):
    (found,) = find_citations(text, "en" if "the" in text else "fr")
    assert [lv.kind for lv in found.levels] == ["unit"] and found.levels[0].values[0] in ("i", "ii")


@pytest.mark.parametrize("text", ["décrite en iiii", "prévue en vix", "visée en ville", "described in vivo"])
def test_words_that_only_look_like_roman_items_are_not_cited(text):
    assert find_citations(f"la règle {text} est", "fr") == []


def test_items_inside_an_item_in_a_real_regulation():
    # S-2.1, r. 5, a. 10, 2° a) iv.: « la procédure décrite en ii et iii est réitérée »
    refs = references_of("S-2_1_r_5.fr.html", "S-2.1-r5/10/p1/2/a/iv")  # item iv. is a unit of its own
    assert {("S-2.1-r5/10/p1/2/a/ii", "cites"), ("S-2.1-r5/10/p1/2/a/iii", "cites")} <= refs
