"""The citation grammar on forms read in the Act, in LégisQuébec French texts and typed by people."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cite import chapter_ref, find_citations, parse_query, type_relations


def texts(text: str, lang: str = "en", names=()) -> list[str]:
    return [c.text for c in find_citations(text, lang, names)]


def shape(citation) -> list[tuple]:
    return [(lv.kind, lv.values, lv.ranges, lv.relative) for lv in citation.levels]


# -- English forms of the Act ----------------------------------------------------------
def test_lists_and_ranges_keep_every_value():
    c = find_citations("Sections 49 to 51, 58, 59, 63, 64 and 69 apply to the Basic Income Program.")[0]
    assert c.text == "Sections 49 to 51, 58, 59, 63, 64 and 69"
    assert shape(c) == [("section", ("58", "59", "63", "64", "69"), (("49", "51"),), "")]


def test_pinpoint_from_the_finest_level_up():
    c = find_citations("For the purposes of subparagraph a of subparagraph 2 of the first paragraph of section 55, an")[0]
    assert c.text == "subparagraph a of subparagraph 2 of the first paragraph of section 55"
    assert [(lv.kind, lv.values) for lv in c.levels] == [
        ("section", ("55",)), ("paragraph", ("1",)), ("unit", ("2",)), ("unit", ("a",))]
    assert c.relation == "for the purposes of"


def test_roman_items_under_lettered_subparagraphs():
    c = find_citations("subparagraph ii of subparagraph b of the first paragraph of section 69.0.0.7 and")[0]
    assert [lv.values for lv in c.levels] == [("69.0.0.7",), ("1",), ("b",), ("ii",)]


def test_act_named_with_its_chapter_is_part_of_the_citation():
    text = ("Despite subparagraph 4 of the first paragraph of section 57 of the Act respecting Access to "
            "documents held by public bodies and the Protection of personal information (chapter A-2.1), the")
    c = find_citations(text)[0]
    assert text[c.start:c.end].endswith("(chapter A-2.1)")
    assert c.act.doc == "A-2.1" and c.act.name.startswith("Act respecting Access")
    assert c.relation == "despite"


def test_acts_cited_alone_span_their_title():
    text = ("the provisions of Chapter III of the Public Administration Act (chapter A-6.01), the Labour Code "
            "(chapter C-27), the Act respecting collective agreement decrees (chapter D-2) and the Act "
            "respecting labour standards (chapter N-1.1) apply to an employment activity")
    found = find_citations(text)
    assert [c.text for c in found] == [
        "Chapter III of the Public Administration Act (chapter A-6.01)", "Labour Code (chapter C-27)",
        "Act respecting collective agreement decrees (chapter D-2)", "Act respecting labour standards (chapter N-1.1)"]
    assert [c.act.doc for c in found] == ["A-6.01", "C-27", "D-2", "N-1.1"]
    assert [c.relation for c in found] == ["applies"] * 4


def test_federal_and_annual_statutes():
    assert chapter_ref("Revised Statutes of Canada, 1985, chapter C-29").doc == "canada:rsc-1985-c-c-29"
    assert chapter_ref("Statutes of Canada, 1996, chapter 23").doc == "canada:sc-1996-c-23"
    assert chapter_ref("S.C. 1996, c. 23").doc == "canada:sc-1996-c-23"
    assert chapter_ref("Lois révisées du Canada (1985), chapitre C-29").doc == "canada:rsc-1985-c-c-29"
    assert chapter_ref("1969, chapter 63").doc == "1969, c. 63"
    assert chapter_ref("chapter S-2.1, r. 4").doc == "S-2.1-r4"
    assert chapter_ref("see above") is None
    found = find_citations("chapter 15 of the statutes of 2005, in force, is repealed, except sections 174, 176 and 200")
    assert [(c.text, c.act.doc if c.act else None) for c in found] == [
        ("chapter 15 of the statutes of 2005", "2005, c. 15"), ("sections 174, 176 and 200", None)]


def test_a_pinpoint_joined_to_a_pinpoint_of_a_named_act_shares_the_act():
    text = ("Despite sections 162 and 164 of this Act, subparagraph ii of subparagraph b of the first paragraph "
            "of section 69.0.0.7 and section 94.0.1 of the Act respecting the Ministère du Revenu (chapter M-31)")
    found = find_citations(text)
    assert [c.act.kind for c in found] == ["this", "chapter", "chapter"]
    assert found[1].act.doc == found[2].act.doc == "M-31"


def test_a_bare_chapter_takes_the_title_named_earlier_in_the_sentence():
    found = find_citations("However, decisions under Title I, except a decision under Chapter II in relation "
                           "to a program, are not subject to review. Chapter V applies.")
    assert [(lv.kind, lv.values, lv.implied) for lv in found[1].levels] == [
        ("title", ("I",), True), ("chapter", ("II",), False)]
    assert [lv.kind for lv in found[2].levels] == ["chapter"]  # a new sentence


def test_relative_references():
    found = find_citations("the first paragraph of that section; this section; that paragraph; "
                           "Division II of this chapter; Chapter II of this Title; the second and third paragraphs")
    assert [shape(c) for c in found] == [
        [("section", (), (), "that"), ("paragraph", ("1",), (), "")],
        [("section", (), (), "this")],
        [("paragraph", (), (), "that")],
        [("chapter", (), (), "this"), ("division", ("II",), (), "")],
        [("title", (), (), "this"), ("chapter", ("II",), (), "")],
        [("paragraph", ("2", "3"), (), "")]]


def test_known_titles_are_found_without_their_chapter():
    text = "benefits under the Employment Insurance Act; within the meaning of the Act respecting health services"
    assert texts(text) == []
    assert texts(text, names=["Employment Insurance Act", "act respecting health services"]) == [
        "Employment Insurance Act", "Act respecting health services"]


def test_titles_run_into_link_text_of_web_pages():
    text = "In keeping with the provisions of the Individual and Family Assistance ActLink to external site., the"
    assert texts(text, names=["individual and family assistance act"]) == ["Individual and Family Assistance Act"]
    assert texts("the Taxation Actor", names=["Taxation Act"]) == []


def test_the_regulation_and_that_act():
    found = find_citations("within the meaning of the regulation, by regulation, or section 17 of that Act")
    assert [(c.text, c.act.kind, c.relation) for c in found] == [
        ("the regulation", "regulation", "within the meaning of"),
        ("section 17 of that Act", "that", "cites")]


def test_this_act_alone_names_the_citing_act_and_this_act_in_lower_case_is_a_deed():
    assert texts("granted under this Act to a person") == ["this Act"]
    assert texts("the person who committed this act is liable") == []
    assert find_citations("granted under this Act", source="query") == []  # typed alone, it names no document


def test_history_style_pinpoints_name_the_annual_statute():
    c = find_citations("Repealed, 2016, c. 25, s. 30.")[0]
    assert c.text == "2016, c. 25, s. 30" and c.act.doc == "2016, c. 25"


def test_words_that_look_like_keywords_are_not_citations():
    assert texts("The Minister may establish a program, a paragraph of text, a chapter in the life of a "
                 "person, sections of society, the title of the document, Part of it (S.C.) and 12 months") == []


# -- relations --------------------------------------------------------------------------
@pytest.mark.parametrize("text, relation", [
    ("Despite the first paragraph, a person", "despite"),
    ("the Minister may, subject to the conditions set out in the second paragraph of section 118, the", "subject to"),
    ("is not subject to the publication requirement under section 8 of the Act", "cites"),
    ("For the purposes of section 11, the", "for the purposes of"),
    ("within the meaning of section 70 and", "within the meaning of"),
    ("Section 58 applies to the Aim for Employment Program.", "applies"),
    ("the first paragraph of section 63, which applies to the program", "applies"),
    ("when section 77 of this Act applies to an amount", "cites"),
    ("an adult to whom paragraph 2 of section 27 applies is not", "cites"),
    ("The first paragraph does not apply if", "cites"),
    ("malgré le deuxième alinéa de l'article 28", "despite"),
    ("aux fins de l'article 28", "for the purposes of"),
    ("au sens de l'article 28", "within the meaning of"),
    ("L'article 4.3.1 s'applique à tout nouveau bâtiment", "applies"),
])
def test_relations(text, relation):
    lang = "fr" if any(w in text for w in ("malgré", "aux fins", "au sens", "s'applique")) else "en"
    assert find_citations(text, lang)[0].relation == relation


def test_applies_to_marks_what_follows_the_verb():
    text = "Sections 49 to 51 apply to the Basic Income Program."
    assert type_relations(text, [(0, 17), (31, 51)]) == ["applies", "applies to"]


# -- French -----------------------------------------------------------------------------
def test_french_pinpoints_and_lists():
    found = find_citations("le paragraphe 3° du premier alinéa de l'article 22, les articles 3.2.1, 3.2.4, 5.2.2, "
                           "5.2.3 et la section IV, aux articles 49 à 51", "fr")
    assert [c.text for c in found] == ["paragraphe 3° du premier alinéa de l'article 22",
                                       "articles 3.2.1, 3.2.4, 5.2.2, 5.2.3", "section IV", "articles 49 à 51"]
    assert [lv.values for lv in found[0].levels] == [("22",), ("1",), ("3",)]
    assert found[2].levels[0].kind == "division"
    assert found[3].levels[0].ranges == (("49", "51"),)


def test_french_acts_and_relative_references():
    found = find_citations("en vertu de la section I du chapitre VI de la Loi sur l'équité salariale "
                           "(chapitre E-12.001) et du présent article; l'article 98 de la Loi", "fr")
    assert [(shape(c), c.act.kind if c.act else None) for c in found] == [
        ([("chapter", ("VI",), (), ""), ("division", ("I",), (), "")], "chapter"),
        ([("section", (), (), "this")], None),
        ([("section", ("98",), (), "")], "enabling")]
    assert found[0].act.doc == "E-12.001"


def test_french_dotted_subdivisions_and_purposes():
    found = find_citations("aux fins de l'application de la Loi sur l'équité salariale (chapitre E-12.001) et "
                           "conformément aux règles énoncées à la sous-section I.I.", "fr")
    assert [(c.text, c.relation) for c in found] == [
        ("Loi sur l'équité salariale (chapitre E-12.001)", "for the purposes of"), ("sous-section I.I", "cites")]
    assert found[1].levels[0].values == ("I.I",)


def test_french_short_form_with_chapter():
    c = find_citations("(chapitre S-2.1, a. 223, 1er al., par. 36)", "fr")[0]
    assert c.act.doc == "S-2.1"
    assert [(lv.kind, lv.values) for lv in c.levels] == [("section", ("223",)), ("paragraph", ("1",)), ("unit", ("36",))]


# -- short forms people type --------------------------------------------------------------
@pytest.mark.parametrize("query, levels", [
    ("55", [("section", ("55",))]),
    ("s. 55", [("section", ("55",))]),
    ("art. 83.24", [("section", ("83.24",))]),
    ("ss. 30–31", [("section", ())]),
    ("s. 55(2)(a)", [("section", ("55",)), ("unit", ("2",)), ("unit", ("a",))]),
    ("s. 55 (2) (f) (ii)", [("section", ("55",)), ("unit", ("2",)), ("unit", ("f",)), ("unit", ("ii",))]),
    ("A-13.1.1, s. 55, par. 2", [("section", ("55",)), ("unit", ("2",))]),
    ("A-13.1.1, s 55", [("section", ("55",))]),  # LégisQuébec's form "CQLR c, s 55"
    ("A-13.1.1, art 55(2)", [("section", ("55",)), ("unit", ("2",))]),
    ("art. 22, al. 1, par. 3", [("section", ("22",)), ("paragraph", ("1",)), ("unit", ("3",))]),
    # a French « par. » is a numbered paragraph, never an alinéa, even with a « sous-par. » under it
    ("art. 55, par. 2°, sous-par. a", [("section", ("55",)), ("unit", ("2",)), ("unit", ("a",))]),
    ("art. 55, par. 2, sous-par. a", [("section", ("55",)), ("unit", ("2",)), ("unit", ("a",))]),
    ("s. 55, 2nd para.", [("section", ("55",)), ("paragraph", ("2",))]),
])
def test_typed_short_forms(query, levels):
    found = parse_query(query)
    assert len(found) == 1
    assert [(lv.kind, lv.values) for lv in found[0].levels] == levels


def test_queries_with_other_words_are_not_citations():
    assert parse_query("section 55 please") == []
    assert parse_query("s 55") == []  # a single letter without its period: only after a chapter code
    assert parse_query("") == []


# -- robustness ------------------------------------------------------------------------------
SPACES = st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.sampled_from(["en", "fr"]))
def test_random_text_never_crashes_and_offsets_slice_back(text, lang):
    for c in find_citations(text, lang, ["Labour Code"]):
        assert text[c.start:c.end] == c.text and c.start < c.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "section", "sections", "subparagraph", "paragraph", "the", "first", "second", "of", "and", "to", "or",
    "Chapter", "Title", "Division", "this", "that", "Act", "(chapter A-2.1)", "55", "83.5.1", "a", "ii",
    "(2)", "s.", "art.", "article", "alinéa", "premier", "de", "l'article", "du", "à", ",", ";", "II",
    "(Statutes of Canada, 1996, chapter 23)", "Despite", "apply", "applies", "the regulation"]), max_size=30),
    SPACES, st.sampled_from(["en", "fr"]))
def test_citation_like_word_salad_never_crashes(words, space, lang):
    text = space.join(words)
    for c in find_citations(text, lang):
        assert text[c.start:c.end] == c.text


def test_long_lines_and_markup_are_read():
    text = "<p>see section 5</p> " + "x" * 10_000 + " and sections 6 to 8 (chapter A-2.1)"
    assert texts(text) == ["section 5", "sections 6 to 8 (chapter A-2.1)"]
