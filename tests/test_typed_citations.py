"""Citations as people type them in a `show` argument, a go-to box or an API path: the levels of an
abbreviated chain separated by commas, spaces or nothing, an abbreviation without its period, and
a pinpoint that names nothing, which fails with one line and the nearest real units of the
document read, never lands on the unit above it."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.cite import Context, find_citations, parse_query, read, resolve
from tests.law_graph_data import act, index

UNITS = [u.id for s in act().sections for u in s.walk() if "/q" not in u.id]
ORDINAL = {"en": lambda n: {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th"),
           "fr": lambda n: "1er" if n == 1 else f"{n}e"}
SECTION_WORDS = {"en": ["s.", "sec.", "section", "art.", "art", "sec"], "fr": ["art.", "a.", "article", "art"]}
ALINEA = {"en": ["para. {n}", "paragraph {n}", "{ord} para."], "fr": ["al. {n}", "alinéa {n}", "{ord} al."]}
ITEM = {"en": ["subpara. {v}", "subparagraph {v}"], "fr": ["par. {v}", "paragraphe {v}"]}
SUB_ITEM = {"en": ["subpara. {v}", "subparagraph {v}"], "fr": ["sous-par. {v}", "sous-paragraphe {v}"]}


@st.composite
def abbreviated_chains(draw) -> tuple[str, str]:
    """(a unit of the Act, an abbreviated chain naming it: section, alinéa, item, sub-item, each
    level separated by a comma, a space or a comma alone, each abbreviation glued to its value
    or not)."""
    unit = draw(st.sampled_from(UNITS))
    lang = draw(st.sampled_from(["en", "fr"]))
    _, section, alinea, *items = unit.split("/")
    number = int(alinea[1:])
    word = draw(st.sampled_from(SECTION_WORDS[lang]))
    glue = draw(st.sampled_from(["", " "])) if word.endswith(".") else " "
    parts = [f"{word}{glue}{section}"]
    alinea_forms = ALINEA[lang] if items else [f for f in ALINEA[lang] if "{ord}" in f]  # "para. 2" alone may be an item
    parts.append(draw(st.sampled_from(alinea_forms)).format(n=number, ord=ORDINAL[lang](number)))
    for depth, label in enumerate(items[:2]):
        form = draw(st.sampled_from((ITEM if depth == 0 else SUB_ITEM)[lang]))
        if lang == "fr" and depth == 0 and label.isdigit() and draw(st.booleans()):
            label += "°"
        if form.startswith(("par.", "sub", "sous-par.")) and draw(st.booleans()):
            form = form.replace(". ", ".")  # "par.3°"
        parts.append(form.format(v=label))
    parts[-1] += "".join(f"({label})" for label in items[2:])  # "sous-par. f(i)"
    separator = draw(st.sampled_from([", ", " ", ","]))
    return unit, separator.join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(abbreviated_chains())
def test_every_separator_of_an_abbreviated_chain_reads_the_unit_built(chain):
    unit, typed = chain
    assert read(typed, index()).targets == (unit,), typed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([u for u in UNITS if u.count("/") >= 3]), st.sampled_from([" ", ""]),
       st.sampled_from(["s. ", "s.", "section ", "art ", "a. "]))
def test_pinpoints_in_parentheses_read_the_same_with_spaces(unit, space, word):
    glued = f"s. {unit.split('/')[1]}" + "".join(f"({label})" for label in unit.split("/")[3:])
    spaced = word + glued[3:].replace(")(", f"){space}(").replace("(", f"{space}(", 1)
    assert read(spaced, index()).targets == read(glued, index()).targets, spaced


@pytest.mark.parametrize("typed", ["s 55", "a 55", "art55", "s. 55 please", "art. 55 par exemple"])
def test_what_still_is_not_a_typed_citation(typed):
    assert parse_query(typed) == []


def test_statute_text_keeps_its_commas():
    """In the law's own text, a chain without commas is not one citation: "article 5 paragraph 2" of
    running text may be two things, and false links cost more there than in a go-to box."""
    found = find_citations("under art. 22 al. 1 of the rules", "en")
    assert [f.text for f in found][:1] == ["art. 22"]
    assert not find_citations("see art 55", "en")


@pytest.mark.parametrize("typed, message", [
    ("article 55 paragraphe 99", "A-13.1.1/55/p1/99"),
    ("s. 55(2)(z)", "A-13.1.1/55/p1/2/z"),
    ("art. 55 al. 9", "A-13.1.1/55/p9"),
])
def test_a_pinpoint_that_names_nothing_is_never_dropped(typed, message):
    reading = read(typed, index())
    assert reading.targets == () and message in reading.error and "\n" not in reading.error
    assert reading.nearest and all(n.startswith("A-13.1.1/55") for n in reading.nearest)


def test_a_second_citation_that_names_nothing_is_not_dropped():
    """Two citations side by side, of which the second cannot be read against anything: the whole
    fails rather than naming the first alone."""
    reading = read("s. 55 the preceding paragraph", index())
    assert reading.targets == () and reading.error


def test_a_bare_number_is_read_in_the_document_given():
    context = Context(index(), "", base="A-13.1.1")
    assert resolve(parse_query("art 55 al. 1")[0], context).targets == ("A-13.1.1/55/p1",)
