"""Property tests: citations generated for real provisions of the Act, in every form and
both languages, resolve back to exactly those provisions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.errors import NotFound
from alinea.ids import ProvisionId
from alinea.kb import KnowledgeBase
from alinea.model import Corpus
from graph.cite import LANGS, STYLES, cite, find_citations, resolve
from tests.conftest import FIXTURES
from tests.law_graph_data import act, context, corpus

EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
FR_ORDINALS = ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
               "huitième", "neuvième", "dixième"]
SPACES = [" ", "\u00a0", "\u2009", "\u202f"]


def _units() -> list[ProvisionId]:
    return [ProvisionId.parse(u.id) for s in act().sections for u in s.walk()
            if u.kind != "quotation" and int(u.id.split("/")[2][1:]) <= 10]


UNITS = _units()
SECTIONS = [s.number for s in act().sections]
DIVISIONS = [d for d in act().divisions if d.kind in ("title", "chapter", "division")]


def render(pid: ProvisionId, style: str, lang: str) -> str:
    """A citation of a unit in one of the forms statutes and people write."""
    section, (paragraph, *subs) = pid.section, pid.path
    p = int(paragraph[1:])
    if lang == "en" and style == "prose":
        text = f"the {EN_ORDINALS[p - 1]} paragraph of section {section}"
        for label in subs:
            text = f"subparagraph {label} of {text}"
        return text
    if lang == "en" and style == "implicit":  # "paragraph 2 of section 27": a subparagraph of the first paragraph
        text = f"paragraph {subs[0]} of section {section}"
        for label in subs[1:]:
            text = f"subparagraph {label} of {text}"
        return text
    if lang == "en":
        text = f"s. {section}, {EN_ORDINALS[p - 1]} para."
        return text + (f", subpar. {subs[0]}" + "".join(f"({x})" for x in subs[1:]) if subs else "")
    if style == "prose":
        text = f"{FR_ORDINALS[p - 1]} alinéa de l'article {section}"
        for depth, label in enumerate(subs):
            word = "paragraphe" if depth == 0 else "sous-paragraphe"
            text = f"{word} {label}{'°' if depth == 0 and label[0].isdigit() else ''} du {text}"
        return text
    text = f"art. {section}, al. {p}"
    return text + (f", par. {subs[0]}" + "".join(f"({x})" for x in subs[1:]) if subs else "")


def spaced(text: str, space: str) -> str:
    return text.replace(" ", space)


def only_citation(text: str, lang: str):
    found = [c for c in find_citations(text, lang) if c.levels]
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(["prose", "short"]), st.sampled_from(["en", "fr"]),
       st.sampled_from(SPACES), st.sampled_from(["see ", "Despite ", "under ", ""]), st.sampled_from([".", ", and", ""]))
def test_every_unit_cited_in_any_form_resolves_to_itself(pid, style, lang, space, before, after):
    form = spaced(render(pid, style, lang), space)
    text = before + form + after
    c = only_citation(text, lang)
    assert c.text == form
    assert text[c.start:c.end] == form
    assert resolve(c, context()).targets == (str(pid),)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([u for u in UNITS if u.path[0] == "p1" and len(u.path) > 1]), st.sampled_from(SPACES))
def test_paragraph_n_means_a_subparagraph_of_the_first_paragraph(pid, space):
    form = spaced(render(pid, "implicit", "en"), space)
    assert resolve(only_citation(form, "en"), context()).targets == (str(pid),)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SECTIONS) - 1), st.integers(0, 12), st.sampled_from(["en", "fr"]), st.sampled_from(SPACES))
def test_ranges_take_every_section_between_their_endpoints(i, width, lang, space):
    j = min(i + width, len(SECTIONS) - 1)
    word, to = ("sections", "to") if lang == "en" else ("articles", "à")
    form = spaced(f"{word} {SECTIONS[i]} {to} {SECTIONS[j]}", space)
    targets = resolve(only_citation(form, lang), context()).targets
    assert targets == tuple(f"A-13.1.1/{n}" for n in SECTIONS[i:j + 1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SECTIONS), min_size=2, max_size=6, unique=True), st.sampled_from(["and", "or"]))
def test_lists_of_sections(numbers, conjunction):
    form = f"sections {', '.join(numbers[:-1])} {conjunction} {numbers[-1]}"
    targets = resolve(only_citation(form, "en"), context()).targets
    assert set(targets) == {f"A-13.1.1/{n}" for n in numbers}


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(DIVISIONS), st.sampled_from(["en", "fr"]))
def test_divisions_by_their_path(division, lang):
    parents = {d.id: d for d in act().divisions}
    chain = [division]
    while chain[-1].parent:
        chain.append(parents[chain[-1].parent])
    words = {"title": ("Title", "titre"), "chapter": ("Chapter", "chapitre"), "division": ("Division", "section")}
    joiner = " of " if lang == "en" else " du "
    form = joiner.join(f"{words[d.kind][lang == 'fr']} {d.number}" for d in chain)
    assert resolve(only_citation(form, lang), context()).targets == (division.id,)


KB = KnowledgeBase(corpus())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(["en", "fr"]))
def test_typed_short_forms_find_the_unit(pid, lang):
    assert KB.lookup(render(pid, "short", lang)) == str(pid)


# -- every printed form reads back ----------------------------------------------------------
@pytest.fixture(scope="module")
def library(kb):
    """The corpus with the regulations of the LégisQuébec HTML fixtures: several documents."""
    from ingest import parse_file

    regulations = [parse_file(str(p)) for p in sorted((FIXTURES / "legisquebec-html").glob("S-2*.html"))]
    return KnowledgeBase(Corpus(tuple(kb.documents) + tuple(regulations)))


@pytest.mark.slow
def test_every_provision_printed_in_every_style_reads_back_to_itself(library):
    home = library.default_statute().id
    wrong = []
    for node_id in library.ids():
        for style in STYLES:
            for lang in LANGS:
                printed = cite(node_id, style, lang, home=home)
                try:
                    read = library.lookup(printed)
                except NotFound as e:
                    read = str(e)
                if read != node_id:
                    wrong.append((node_id, style, lang, printed, read))
    assert not wrong, f"{len(wrong)} printed forms do not read back, e.g. {wrong[:5]}"


@pytest.mark.parametrize("node_id, style, lang, printed", [
    ("A-13.1.1/15/p1", "short", "en", "s. 15, first para."),
    ("A-13.1.1/55/p1/2/a", "short", "en", "s. 55(2)(a)"),
    ("A-13.1.1/55/p1/2/a", "short", "fr", "art. 55, al. 1, par. 2°, sous-par. a"),
    ("A-13.1.1/55/p1/2/a", "mcgill", "en", "Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)"),
    ("A-13.1.1/72/p3/1.1", "short", "en", "s. 72, third para., subpara. (1.1)"),
    ("A-13.1.1/title:II/chapter:I", "drafting", "fr", "Chapitre I du titre II"),
])
def test_printed_forms(node_id, style, lang, printed):
    assert cite(node_id, style, lang, home="A-13.1.1") == printed
