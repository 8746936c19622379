"""Citations as people type them in a `show` argument, a go-to box or an API path: the levels of an
abbreviated chain separated by commas, spaces or nothing, an abbreviation without its period, and
a pinpoint that names nothing, which fails with one line and the nearest real units of the
document read, never lands on the unit above it."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html

from graph.cite import Context, find_citations, parse_query, read, resolve
from tests.clients import in_language
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


@pytest.mark.parametrize("typed", ["a 55", "art55", "s. 55 please", "art. 55 par exemple", "s 55 please"])
def test_what_still_is_not_a_typed_citation(typed):
    assert parse_query(typed) == []


@pytest.mark.parametrize("typed, unit", [("s 55", "A-13.1.1/55"), ("s 55(2)(a)", "A-13.1.1/55/p1/2/a"),
                                         ("ss 83.1–83.5", "A-13.1.1/83.1"), ("sect 84", "A-13.1.1/84")])
def test_a_single_letter_without_its_period_is_a_typed_section(typed, unit):
    """McGill writes its abbreviations without periods ("s 55(2)(a)", "ss 83.1–83.5"): typed alone, "s 55" is that
    section; in running text it still needs a chapter code before it (`test_statute_text_keeps_its_commas`)."""
    assert read(typed, index()).targets[:1] == (unit,)


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


# -- every entry point: `alinea show`, /api/provisions/…, the reading view's go-to box ----------
REGULATION = "S-2.1-r4"
FORMS = [  # (typed, the unit it names), in the regulation and in the Act, French and English
    ("a. 3.15.3 par. 1", "S-2.1-r4/3.15.3/p1/1"),
    ("article 3.15.3 paragraphe 1", "S-2.1-r4/3.15.3/p1/1"),
    ("art 3.15.3 al. 1 par. 2°", "S-2.1-r4/3.15.3/p1/2"),
    ("s. 3.15.3 para. 1 subpara. 3", "S-2.1-r4/3.15.3/p1/3"),
    ("a.3.15.3,par.4", "S-2.1-r4/3.15.3/p1/4"),
]
MISSING = [  # (typed, the unit it names, which does not exist; its longest existing ancestor, first of the nearest)
    ("article 3.15.3 paragraphe 9", "S-2.1-r4/3.15.3/p1/9", "S-2.1-r4/3.15.3/p1"),
    ("a. 3.15.3 al. 2", "S-2.1-r4/3.15.3/p2", "S-2.1-r4/3.15.3"),
    ("s. 3.15.3 para. 1 subpara. 1 subpara. z", "S-2.1-r4/3.15.3/p1/1/z", "S-2.1-r4/3.15.3/p1/1"),
]


@pytest.fixture(scope="module")
def regulation_site(regulation_data_dir):
    from web import create_app

    return create_app({"DATA_DIR": str(regulation_data_dir), "TESTING": True})


@pytest.mark.parametrize("typed, unit", FORMS)
def test_show_reads_every_typed_form(regulation_data_dir, capsys, typed, unit):
    from alinea.cli import main

    assert main(["--data", str(regulation_data_dir), "show", f"{REGULATION}, {typed}", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == unit


@pytest.mark.parametrize("typed, unit, near", MISSING)
def test_show_fails_on_one_line_naming_the_missing_unit(regulation_data_dir, capsys, typed, unit, near):
    from alinea.cli import main

    assert main(["--data", str(regulation_data_dir), "show", f"{REGULATION}, {typed}"]) != 0
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and unit in err and f"nearest: {near}" in err


@pytest.mark.parametrize("typed, unit", FORMS)
def test_the_api_redirects_every_typed_form_to_its_id(regulation_site, typed, unit):
    response = regulation_site.test_client().get(f"/api/provisions/{REGULATION}, {typed}")
    assert response.status_code == 302 and response.headers["Location"] == f"/api/provisions/{unit}"


@pytest.mark.parametrize("typed, unit, near", MISSING)
def test_the_api_answers_404_with_the_nearest_units(regulation_site, typed, unit, near):
    response = regulation_site.test_client().get(f"/api/provisions/{REGULATION}, {typed}")
    error = response.get_json()["error"]
    assert response.status_code == 404 and error["suggestions"][0] == near
    assert all(s.startswith(near) for s in error["suggestions"])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("typed, unit", FORMS)
def test_go_to_lands_on_the_unit(regulation_site, lang, typed, unit):
    from alinea.kb import load
    from web.reading import anchor

    reader = in_language(regulation_site, lang)
    response = reader.get(f"/read/{REGULATION}", query_string={"goto": typed})
    kb = load(regulation_site.config["DATA_DIR"])
    assert response.status_code == 302
    assert response.headers["Location"] == f"/read/{REGULATION}#{anchor(kb, unit)}"


@pytest.mark.parametrize("lang, says", [("fr", "n’existe pas"), ("en", "does not exist")])
@pytest.mark.parametrize("typed, unit, near", MISSING)
def test_go_to_a_missing_pinpoint_names_it_and_the_nearest_units_of_the_document(regulation_site, lang, says,
                                                                                 typed, unit, near):
    from graph.cite import cite

    page = in_language(regulation_site, lang).get(f"/read/{REGULATION}", query_string={"goto": typed})
    assert page.status_code == 404
    tree = html.fromstring(page.data)
    message = " ".join(tree.xpath("string(//p[@class='error-message'])").split())
    drafted = cite(unit, "drafting", lang, home=REGULATION).removeprefix("the ")
    assert says in message and drafted in message.replace("Subparagraph", "subparagraph")
    suggestions = tree.xpath("//ul[@class='suggestions']//a/@href")
    assert suggestions and suggestions[0] == "/" + near and all(s.startswith(f"/{REGULATION}/") for s in suggestions)


def test_go_to_a_missing_section_suggests_sections_of_the_document_read(regulation_site):
    page = in_language(regulation_site, "fr").get(f"/read/{REGULATION}", query_string={"goto": "art 3.15.99"})
    suggestions = html.fromstring(page.data).xpath("//ul[@class='suggestions']//a/@href")
    assert page.status_code == 404 and f"/{REGULATION}/3.15.9" in suggestions
    assert all(s.startswith(f"/{REGULATION}/3.1") for s in suggestions)


@pytest.mark.parametrize("typed, missing, near", [
    ("Chapter VII of Title II", "A-13.1.1/title:II/chapter:VII", "A-13.1.1/title:II/chapter:VI"),
    ("Title IX", "A-13.1.1/title:IX", "A-13.1.1/title:VI"),
    ("art. 27 al. 2 LAPF", "A-13.1.1/27/p2", "A-13.1.1/27/p1")])
def test_a_division_or_pinpoint_that_does_not_exist_names_itself_once_and_its_neighbours(typed, missing, near):
    reading = read(typed, index())
    assert not reading.targets and reading.error.count(missing) == 1 and near in reading.nearest


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("typed", ["Chapter VII of Title II", "titre II, chapitre VII"])
def test_search_says_in_one_line_that_a_typed_citation_names_nothing_real(regulation_site, lang, typed):
    """Search does not jump to the title above, nor fall silent: its note names what is lacking and the chapters
    that Title II has."""
    page = html.fromstring(in_language(regulation_site, lang).get("/search", query_string={"q": typed}).data)
    notes = [" ".join(n.text_content().split()) for n in page.find_class("note-line")]
    said = "ne contient pas" if lang == "fr" else "has no Chapter VII of Title II"
    assert any(said in n and "A-13.1.1/title:II/chapter:VII" in n and "A-13.1.1/title:II/chapter:V," in n
               for n in notes), notes
