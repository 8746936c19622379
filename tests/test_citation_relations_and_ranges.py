"""Classes of errors a blind measurement on unseen French legislative text showed, each tested on
sentences written for the test (never on the measured text): the relation of every member of a list
or range, the citing unit itself, items of the same section, ranges of dotted numbers in another
document, divisions of the Act (English ids) cited in French, an alinéa pinpoint after its section,
and an act named alone."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cite import Context, Level, find_citations, resolve
from graph.cite.resolve import _between_outside
from tests.law_graph_data import context as act_context
from tests.law_graph_data import index as act_index
from tests.properties import examples
from tests.test_citations_regulations import DOC, read

REGULATION = "A-13.1.1-r1"
"""A French regulation under the Act, read in a library holding the Act (English ids)."""


def typed(text: str, unit: str = f"{DOC}/8/p1", lang: str = "fr") -> list[tuple[str, tuple[str, ...]]]:
    """(relation, targets) of each citation of text, read in the test regulation's unit."""
    relations = [f.relation for f in find_citations(text, lang)]
    return [(relation, found) for relation, (_, found, _) in zip(relations, read(text, unit, lang))]


def in_regulation(text: str, section: str = "5", lang: str = "fr") -> list[tuple[str, tuple[str, ...]]]:
    """(relation, targets) of each citation of a regulation's text that cites the Act."""
    index = act_index()
    context = Context(index, REGULATION, f"{REGULATION}/{section}", f"{REGULATION}/{section}/p1")
    out = []
    for found in find_citations(text, lang, index.title_list):
        resolution = resolve(found, context)
        context = context.after(resolution)
        out.append((found.relation, resolution.targets))
    return out


def in_act(text: str, section: str, unit: str | None = None, lang: str = "fr") -> list[tuple[str, ...]]:
    """Targets of each citation of the Act's own text (French words, English ids)."""
    context = act_context(section, unit)
    out = []
    for found in find_citations(text, lang, act_index().title_list):
        resolution = resolve(found, context)
        context = context.after(resolution)
        out.append(resolution.targets)
    return out


def _act(*numbers: str) -> tuple[str, ...]:
    return tuple(f"A-13.1.1/{n}" for n in numbers)


# -- 1. the relation governing a list or range reaches every member -------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("Malgré les articles 131 à 133 de la Loi, l'aide est versée.", "fr", [("despite", _act("131", "132", "133"))]),
    ("Sous réserve d'une entente conclue en application des articles 98 et 101 de la Loi, le ministre",
     "fr", [("subject to", _act("98", "101"))]),
    ("Subject to an agreement entered into under sections 98 and 101 of the Act, the Minister", "en",
     [("subject to", _act("98", "101"))]),
    ("Les articles 131 à 133 de la Loi ne s'appliquent pas à une personne incarcérée.", "fr",
     [("applies", _act("131", "132", "133"))]),
    ("L'article 112 de la Loi ne s'applique pas à cette demande.", "fr", [("applies", _act("112"))]),
    ("Sections 131 to 133 of the Act do not apply to an inmate.", "en", [("applies", _act("131", "132", "133"))]),
    ("Pour l'application de l'article 112 de la Loi, deuxième alinéa, le ministre", "fr",
     [("for the purposes of", _act("112/p2"))]),
    ("La section II du chapitre I du titre II de la Loi ne s'applique pas à cet adulte.", "fr",
     [("applies", ("A-13.1.1/title:II/chapter:I/division:II",))]),
])
def test_every_member_of_a_list_or_range_takes_the_relation_of_its_phrase(text, lang, expected):
    assert in_regulation(text, lang=lang) == expected


def test_a_negated_application_of_a_division_of_the_citing_regulation_is_typed_applies():
    assert typed("La sous-section 1.2 de la section I ne s'applique pas à l'employeur.") == [
        ("applies", (f"{DOC}/division:I/subdivision:1.2",))]


# -- 2. the citing unit itself --------------------------------------------------------------------
@pytest.mark.parametrize("text, unit, lang, target", [
    ("Pour l'application du présent article, on entend par « revenu » le revenu brut.", "8/p1", "fr", "8"),
    ("Pour l'application du présent alinéa, le montant est réduit.", "2/p2", "fr", "2/p2"),
    ("Aux fins du présent article, une personne est réputée résider au Québec.", "3/p1/2", "fr", "3"),
    ("For the purposes of this section, a person is deemed to reside in Québec.", "8/p1", "en", "8"),
    ("For the purposes of this paragraph, the amount is reduced.", "2/p3", "en", "2/p3"),
])
def test_for_the_purposes_of_the_citing_unit_itself(text, unit, lang, target):
    assert typed(text, f"{DOC}/{unit}", lang) == [("for the purposes of", (f"{DOC}/{target}",))]


# -- 3. items of the same section -----------------------------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("les conditions prévues aux paragraphes 1° à 3° du premier alinéa sont remplies", "fr"),
    ("les personnes visées aux paragraphes 1° à 3° sont exclues", "fr"),
    ("the persons referred to in subparagraphs 1 to 3 of the first paragraph are excluded", "en"),
    ("the persons referred to in subparagraphs 1 to 3 are excluded", "en"),
])
def test_a_range_of_items_in_a_later_paragraph_names_the_items_of_the_first(text, lang):
    assert [t for _, found, _ in read(text, f"{DOC}/4/p2", lang) for t in found] == [
        f"{DOC}/4/p1/1", f"{DOC}/4/p1/2", f"{DOC}/4/p1/3"]


def test_a_list_of_items_with_their_degree_sign_ends_wherever_the_sentence_goes_on():
    assert [found for _, found, _ in read("les personnes visées aux paragraphes 1° et 3° sont exclues",
                                          f"{DOC}/4/p2")] == [(f"{DOC}/4/p1/1", f"{DOC}/4/p1/3")]
    assert [found for _, found, _ in read("under paragraph 1 to a person", f"{DOC}/4/p2", "en")] == [
        (f"{DOC}/4/p1/1",)]  # "to a": no range


def test_the_acts_items_cited_from_its_second_paragraph_in_french():
    items = _act("26/p1/1", "26/p1/2", "26/p1/3", "26/p1/4")
    assert in_act("les conditions prévues aux paragraphes 1° à 4° du premier alinéa", "26", "A-13.1.1/26/p2") == [items]
    assert in_act("les personnes visées aux paragraphes 1° à 4° sont", "26", "A-13.1.1/26/p2") == [items]


# -- 4. ranges of dotted numbers ------------------------------------------------------------------
def test_a_range_of_dotted_numbers_in_a_document_outside_the_library_names_each_number_between():
    [(_, found, _)] = read("les articles 62.7 à 62.18 de la Loi sur les mines (chapitre M-13.1)")
    assert found == tuple(f"M-13.1/62.{n}" for n in range(7, 19))
    [(_, found, _)] = read("sections 62.7 to 62.9 of the Mining Act (chapter M-13.1)", lang="en")
    assert found == ("M-13.1/62.7", "M-13.1/62.8", "M-13.1/62.9")
    [(_, found, _)] = read("les articles 62.7 à 63 de la Loi sur les mines (chapitre M-13.1)")
    assert found == ("M-13.1/62.7", "M-13.1/63")  # what lies between 62.7 and 63 cannot be known


def test_a_range_in_a_document_of_the_library_is_read_from_its_sections():
    assert [t for _, found, _ in read("les articles 2.1 à 3.1") for t in found] == [
        f"{DOC}/2.1", f"{DOC}/3", f"{DOC}/3.1"]
    assert in_regulation("les articles 83.11 à 83.13 de la Loi")[0][1] == _act("83.11", "83.12", "83.13")


@settings(max_examples=examples(40), deadline=None)
@given(prefix=st.lists(st.integers(1, 300), max_size=3), low=st.integers(0, 60), width=st.integers(1, 40))
def test_a_range_outside_the_library_enumerates_its_last_part(prefix, low, width):
    head = "".join(f"{n}." for n in prefix)
    labels = _between_outside(Level("section", ranges=((f"{head}{low}", f"{head}{low + width}"),)))
    assert labels == [f"{head}{n}" for n in range(low, low + width + 1)]


# -- 5. divisions of the Act (English ids) cited in French -----------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("les prestations accordées en vertu des chapitres I, II et V du titre II de la Loi",
     [("A-13.1.1/title:II/chapter:I", "A-13.1.1/title:II/chapter:II", "A-13.1.1/title:II/chapter:V")]),
    ("un programme d'aide financière prévu au titre II de la Loi", [("A-13.1.1/title:II",)]),
    ("les recours prévus au chapitre II du titre III de la Loi", [("A-13.1.1/title:III/chapter:II",)]),
    ("les sections I et II du chapitre I du titre II de la Loi sur l'aide aux personnes et aux familles",
     [("A-13.1.1/title:II/chapter:I/division:I", "A-13.1.1/title:II/chapter:I/division:II")]),
])
def test_divisions_of_the_act_cited_in_french_from_a_regulation(text, expected):
    assert [targets for _, targets in in_regulation(text)] == expected


def test_divisions_cited_in_the_french_text_of_the_act_itself():
    assert in_act("les prestations accordées en vertu des chapitres I, II et V du titre II", "131") == [
        ("A-13.1.1/title:II/chapter:I", "A-13.1.1/title:II/chapter:II", "A-13.1.1/title:II/chapter:V")]
    assert in_act("les décisions rendues en vertu du titre II ou du chapitre II du titre III", "131") == [
        ("A-13.1.1/title:II",), ("A-13.1.1/title:III/chapter:II",)]


# -- 6. an alinéa pinpoint of another section -------------------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("dans le cas visé au deuxième alinéa de l'article 112", "fr"),
    ("conformément à l'article 112, deuxième alinéa", "fr"),
    ("conformément à l'article 112, 2e alinéa, la décision", "fr"),
    ("in a case described in the second paragraph of section 112", "en"),
    ("in accordance with section 112, second paragraph", "en"),
])
def test_the_paragraph_of_another_section_in_any_word_order(text, lang):
    assert in_act(text, "115", lang=lang) == [_act("112/p2")]


def test_the_paragraph_of_a_section_of_another_act_written_after_the_act():
    assert in_regulation("l'article 112 de la Loi, deuxième alinéa") == [("cites", _act("112/p2"))]
    assert in_regulation("l'article 112 de la Loi, deuxième alinéa, paragraphe 1°")[0][1] == ()  # no such item
    assert read("l'article 45 de la Loi sur les mines (chapitre M-13.1), deuxième alinéa, paragraphe 3°")[0][1] == (
        "M-13.1/45/p2/3",)
    assert read("section 45 of the Mining Act (chapter M-13.1), second paragraph", lang="en")[0][1] == (
        "M-13.1/45/p2",)
    # a new sentence part, not a pinpoint: « le deuxième alinéa » is the citing section's
    assert [w for w, _, _ in read("l'article 45 de la Loi sur les mines (chapitre M-13.1), le deuxième alinéa")] == [
        "article 45 de la Loi sur les mines (chapitre M-13.1)", "deuxième alinéa"]


# -- 7. an act named alone --------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("en vertu des articles 5 et 6 de la Loi et de la Loi sur la santé et la sécurité du travail (chapitre S-2.1)",
     "fr", [_act("5", "6"), ("S-2.1",)]),
    ("sections 5 and 6 of the Act and the Act respecting occupational health and safety (chapter S-2.1)",
     "en", [_act("5", "6"), ("S-2.1",)]),
    ("section 5 of the Act and of the Labour Code (chapter C-27)", "en", [_act("5"), ("C-27",)]),
    # one title that names other acts is still one title
    ("l'article 5 de la Loi modifiant la Loi sur les mines et la Loi sur les normes du travail (2005, chapitre 15)",
     "fr", [("2005, c. 15, s. 5",)]),
    ("section 12 of the Act to amend the Taxation Act and the Labour Code (2005, chapter 15)", "en",
     [("2005, c. 15, s. 12",)]),
])
def test_an_act_named_with_its_chapter_after_a_section_list_of_another_act_is_cited_whole(text, lang, expected):
    assert [targets for _, targets in in_regulation(text, lang=lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("L'employeur se conforme à la Loi sur la santé et la sécurité du travail (chapitre S-2.1).", "fr", [("S-2.1",)]),
    ("prévus aux articles 5 et 6 de la Loi sur la santé et la sécurité du travail (chapitre S-2.1); l'employeur "
     "visé par la Loi sur la santé et la sécurité du travail (chapitre S-2.1) s'y conforme.", "fr",
     [("S-2.1/5", "S-2.1/6"), ("S-2.1",)]),
    ("an employer governed by the Act respecting occupational health and safety (chapter S-2.1)", "en", [("S-2.1",)]),
])
def test_an_act_named_alone_in_running_text_is_a_reference_to_the_act(text, lang, expected):
    assert [targets for _, targets in in_regulation(text, lang=lang)] == expected
