"""A regulation and the Act it is made under: the enabling note read into ``made under``
references, the reverse listing (the Act's section page, `alinea show`, the JSON API), and "the
regulation" in an Act resolved to the regulation of the library made under it.

The test library (tests/library) holds seventeen S-2.1 regulations but not the Act S-2.1 (see
test_library.py for what is checked there).  Here a small constructed library holds the Act
A-13.1.1 and regulations made under it: real regulation pages whose identification block is
changed to name them regulations of A-13.1.1 (the Act's own regulations are not pages we hold),
so that the Act's section pages exist."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.model import Corpus, Document, Section, Source, Unit
from graph.cite import Context, Index, enabling_citations, enabling_notes, find_citations, resolve
from ingest.legisquebec_html import parse_html_file, parse_html_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "legisquebec-html"
ACT = ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt"


def made_under(doc: Document, index: Index | None = None) -> list[str]:
    """The ids the enabling notes of a document name, read by the engine as the build reads them."""
    index = index or Index.build(Corpus((doc,)))
    context = Context(index, doc.id)
    return [t for note in enabling_notes(doc) for f in enabling_citations(note.raw, doc.lang)
            for t in resolve(f, context).targets]


# -- the enabling notes of real regulations --------------------------------------------------
@pytest.mark.parametrize("page, ids", [
    ("S-2_1_r_12_1.fr.html", ["S-2.1/223/p1/7", "S-2.1/223/p1/8", "S-2.1/223/p1/19", "S-2.1/223/p1/42",
                              "S-2.1/223/p2", "S-2.1/223/p3"]),
    ("S-2_1_r_30_1.fr.html", ["S-2.1/170", "S-2.1/223/p1/39"]),
    ("S-2_1_r_11_2.fr.html", ["S-2.1/223/p1/36"]),
    ("S-2_1_r_9.fr.html", ["S-2.1/63", "S-2.1/223"]),
    ("S-2_1_r_0_1.fr.html", ["S-2.1/223"]),
    ("S-2_1_r_1.fr.html", ["S-2.1/223"]),
])
def test_the_enabling_note_of_a_real_regulation_names_the_exact_units(page, ids):
    assert made_under(parse_html_file(str(PAGES / page))) == ids


def test_a_note_without_a_section_names_the_act_and_a_second_note_its_own_act():
    """« Loi sur la qualité de l'environnement (chapitre Q-2). » under the first note: made under both."""
    doc = parse_html_file(str(ROOT / "tests" / "library" / "legisquebec" / "S-2.1-r11.fr.html"))
    assert made_under(doc) == ["S-2.1/223", "Q-2"]
    assert made_under(parse_html_file(str(ROOT / "tests" / "library" / "legisquebec" / "S-2.1-r15.fr.html"))) == ["S-2.1"]


def test_only_a_regulation_has_enabling_notes_and_only_lines_printed_as_one():
    act = parse_html_file(str(PAGES / "A-13_1_1.en.derived.html"))
    assert enabling_notes(act) == ()
    replaced = parse_html_file(str(ROOT / "tests" / "library" / "legisquebec" / "S-2.1-r8.fr.html"))
    assert [n.raw for n in enabling_notes(replaced)] == ["(chapitre S-2.1, a. 223 et 223.2)."]  # not « Remplacé, … »


# -- a constructed library: the Act and regulations made under it -----------------------------
def regulation_under(page: str, number: str, note: str) -> str:
    """A real regulation page (tests/fixtures) renamed regulation `number` of chapter A-13.1.1 and
    made under `note` (« (chapitre A-13.1.1, a. 131) »); everything else is the page as published."""
    text = (PAGES / page).read_text(encoding="utf-8")
    ident = re.search(r'class="Identification-Id">.*?<span integrity:order="1">([^<]+)</span>', text)
    text = text[:ident.start(1)] + f"A-13.1.1, r. {number}" + text[ident.end(1):]
    text = re.sub(r'(class="LongTitle-enabling">)[^<]+', r"\1Loi sur l’aide aux personnes et aux familles", text, count=1)
    note_re = re.compile(r'(<div class="HistoricalNote-LongTitle"><span><span integrity:order="6">)(.*?)'
                         r'(</span><span integrity:added="1">\.)')
    assert note_re.search(text), page
    return note_re.sub(lambda m: m[1] + note + m[3], text, count=1)


R90 = ("S-2_1_r_30_1.fr.html", "90", "(chapitre A-13.1.1, a. 131, 1er al., par. 1 et 2)")
R91 = ("S-2_1_r_11_2.fr.html", "91", "(chapitre A-13.1.1, a. 132 et 133)")


@pytest.fixture(scope="module")
def the_act():
    from ingest.legisquebec_text import parse_statute_file

    return parse_statute_file(str(ACT))


def constructed(*specs: tuple[str, str, str]) -> list[Document]:
    return [parse_html_text(regulation_under(*spec), f"A-13.1.1-r{spec[1]}.fr.html")[0] for spec in specs]


def the_regulation_in(index: Index, section: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    [found] = find_citations("the regulation", "en")
    resolution = resolve(found, Context(index, "A-13.1.1", section))
    return resolution.targets, resolution.candidates, resolution.note


def test_the_constructed_regulations_are_made_under_the_sections_their_notes_name(the_act):
    r90, r91 = constructed(R90, R91)
    index = Index.build(Corpus((the_act, r90, r91)))
    assert made_under(r90, index) == ["A-13.1.1/131/p1/1", "A-13.1.1/131/p1/2"]
    assert made_under(r91, index) == ["A-13.1.1/132", "A-13.1.1/133"]
    assert made_under(replace(r91, front=tuple(replace(s, raw=s.raw.replace("133", "999")) for s in r91.front)),
                      index) == ["A-13.1.1/132"]  # s. 999 is not in the Act: not a target (unresolved)


def test_the_regulation_is_the_one_regulation_of_the_library_made_under_the_act(the_act):
    [r90] = constructed(R90)
    assert the_regulation_in(Index.build(Corpus((the_act, r90))), "A-13.1.1/55") == (("A-13.1.1-r90",), (), "")


def test_the_regulation_is_ambiguous_between_several_made_under_the_act_unless_the_section_names_one(the_act):
    r90, r91 = constructed(R90, R91)
    index = Index.build(Corpus((the_act, r90, r91)))
    targets, candidates, note = the_regulation_in(index, "A-13.1.1/55")
    assert (targets, candidates) == ((), ("A-13.1.1-r90", "A-13.1.1-r91"))
    assert "several regulations of the library are made under A-13.1.1" in note
    assert the_regulation_in(index, "A-13.1.1/133")[0] == ("A-13.1.1-r91",)  # r. 91 is made under s. 133
    assert the_regulation_in(index, "A-13.1.1/131")[0] == ("A-13.1.1-r90",)


def test_a_replaced_regulation_gives_way_to_the_one_in_force(the_act):
    r90, = constructed(R90)
    old = replace(constructed(R91)[0], status="repealed")
    assert the_regulation_in(Index.build(Corpus((the_act, r90, old))), "A-13.1.1/55")[0] == ("A-13.1.1-r90",)


def test_with_no_regulation_of_the_act_in_the_library_the_regulation_stays_the_one_the_acts_file_knows(the_act):
    others = [parse_html_file(str(PAGES / p)) for p in ("S-2_1_r_9.fr.html", "S-2_1_r_30_1.fr.html")]
    assert the_regulation_in(Index.build(Corpus((the_act, *others))), "A-13.1.1/55")[0] == ("A-13.1.1-r1",)


def test_references_of_the_act_follow_the_regulation_of_the_library(the_act):
    from graph.references import extract_references

    r90, r91 = constructed(R90, R91)
    one = extract_references(Corpus((the_act, r90)))
    refs = [r for r in one if r.source == "A-13.1.1/58/p1" and r.text == "the regulation"]
    assert [r.target for r in refs] == ["A-13.1.1-r90"]
    assert [(r.source, r.target, r.field) for r in one if r.type == "made under"] == [
        ("A-13.1.1-r90", "A-13.1.1/131/p1/1", "front"), ("A-13.1.1-r90", "A-13.1.1/131/p1/2", "front")]
    several = extract_references(Corpus((the_act, r90, r91)))
    [ambiguous] = [r for r in several if r.source == "A-13.1.1/58/p1" and r.text == "the regulation"]
    assert ambiguous.type == "ambiguous" and ambiguous.candidates == ("A-13.1.1-r90", "A-13.1.1-r91")


# -- the site and the CLI on the constructed library -------------------------------------------
@pytest.fixture(scope="module")
def small_library(tmp_path_factory):
    """`alinea add` of the Act and two constructed regulations, then `alinea build`."""
    from alinea.cli import main

    folder, corpus, data = (tmp_path_factory.mktemp(n) for n in ("pages", "corpus", "data"))
    files = [ACT]
    for spec in (R90, R91):
        path = folder / f"r{spec[1]}.html"
        path.write_text(regulation_under(*spec), encoding="utf-8")
        files.append(path)
    for path in files:
        assert main(["add", str(path), "--corpus", str(corpus)]) == 0, path
    assert main(["--data", str(data), "build", "--corpus", str(corpus), "--quiet"]) == 0
    return data


@pytest.fixture(scope="module")
def small_site(small_library):
    from tests.clients import in_language
    from web import create_app

    app = create_app({"DATA_DIR": str(small_library), "TESTING": True})
    return in_language(app, "en"), in_language(app, "fr")


def tree(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.data)


def made_under_group(page) -> tuple[str, list[str]]:
    """The heading and links of the "regulations made under" group of a section page's Cited by."""
    [section] = page.xpath("//section[contains(@class, 'cited-by')]")
    for h3 in section.xpath("h3"):
        if h3.getnext() is not None and h3.getnext().xpath("li/a[starts-with(@href, '/A-13.1.1-r')]"):
            return h3.text_content().strip(), h3.getnext().xpath("li/a/@href")
    return "", []


@pytest.mark.slow
def test_the_section_page_of_a_regulation_making_power_lists_the_regulations_made_under_it(small_site):
    english, french = small_site
    assert made_under_group(tree(english, "/A-13.1.1/131")) == ("Regulations made under this section", ["/A-13.1.1-r90"])
    assert made_under_group(tree(french, "/A-13.1.1/131")) == ("Règlements pris en vertu de cette disposition",
                                                               ["/A-13.1.1-r90"])
    assert made_under_group(tree(english, "/A-13.1.1/133"))[1] == ["/A-13.1.1-r91"]
    assert made_under_group(tree(english, "/A-13.1.1/55")) == ("", [])


@pytest.mark.slow
def test_the_regulation_page_links_its_enabling_note_to_the_acts_provisions(small_site):
    english, _ = small_site
    [note] = tree(english, "/A-13.1.1-r91").xpath("//p[@class='enabling-note']")
    assert note.text.strip() == "Made under"
    assert "Loi sur l’aide aux personnes et aux familles" in note.text_content()
    assert note.xpath(".//a[@class='xref']/@href") == ["/A-13.1.1/132"]  # one citation: "chapitre A-13.1.1, a. 132 et 133"
    assert [a.text for a in note.xpath(".//a[@class='xref']")] == ["chapitre A-13.1.1, a. 132 et 133"]


@pytest.mark.slow
def test_the_provision_json_and_show_list_the_regulations_made_under_a_section(small_site, small_library, capsys):
    from alinea.cli import main

    english, _ = small_site
    answer = english.get("/api/provisions/A-13.1.1/131").get_json()
    assert answer["in_library"] is True
    assert answer["regulations"] == [{"id": "A-13.1.1-r90", "targets": ["A-13.1.1/131/p1/1", "A-13.1.1/131/p1/2"],
                                      "text": "chapitre A-13.1.1, a. 131, 1er al., par. 1 et 2",
                                      "title": answer["regulations"][0]["title"]}]
    assert english.get("/api/provisions/A-13.1.1/131/p1/2").get_json()["regulations"][0]["targets"] == [
        "A-13.1.1/131/p1/2"]
    assert main(["--data", str(small_library), "show", "s. 131(1)"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "A-13.1.1/131/p1/1"
    assert out[out.index("Regulations made under this section:") + 1].startswith("  A-13.1.1-r90 — ")
    assert main(["--data", str(small_library), "references", "--source", "s. 58", "--json"]) == 0
    [ambiguous] = [r for r in json.loads(capsys.readouterr().out) if r["text"] == "the regulation"]
    assert ambiguous["type"] == "ambiguous" and ambiguous["candidates"] == ["A-13.1.1-r90", "A-13.1.1-r91"]


# -- enabling notes as people print them: a property ------------------------------------------
SECTIONS, ALINEAS, ITEMS = 30, 3, 12
SRC = Source(1, "")


def synthetic_act() -> Document:
    """An act X-1 with sections 1 to 30, three alinéas each, twelve numbered paragraphs in each."""
    def section(n: int) -> Section:
        sid = f"X-1/{n}"
        units = tuple(Unit(f"{sid}/p{p}", "paragraph", "", str(p), "…", SRC, children=tuple(
            Unit(f"{sid}/p{p}/{k}", "subparagraph", f"{k}°", str(k), "…", SRC) for k in range(1, ITEMS + 1)))
            for p in range(1, ALINEAS + 1))
        return Section(sid, str(n), "in force", None, units, SRC)
    return Document("X-1", "statute", "fr", "Loi X", "x.html", sections=tuple(section(n) for n in range(1, SECTIONS + 1)))


INDEX = Index.build(Corpus((synthetic_act(),)))
WORDS = {
    "fr": {"chapter": "chapitre", "s": "a.", "ss": "a.", "and": "et", "to": "à", "al": "al.", "par": "par.",
           "pars": "par.", "ord": {1: "1er", 2: "2e", 3: "3e"}},
    "en": {"chapter": "chapter", "s": "s.", "ss": "ss.", "and": "and", "to": "to", "al": "par.", "par": "subpar.",
           "pars": "subpars.", "ord": {1: "1st", 2: "2nd", 3: "3rd"}},
}


def listed(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {WORDS[lang]['and']} " + items[-1]


@st.composite
def numbers(draw, top: int, degree: bool = False) -> tuple[list[str], list[str]]:
    """A list of numbers and ranges in ascending order: (as written, every number it names)."""
    cuts = sorted(draw(st.sets(st.integers(1, top), min_size=1, max_size=6)))
    written, named, i = [], [], 0
    while i < len(cuts):
        if i + 1 < len(cuts) and draw(st.booleans()):
            lo, hi = cuts[i], cuts[i + 1]
            written.append((lo, hi))
            named += range(lo, hi + 1)
            i += 2
        else:
            written.append(cuts[i])
            named.append(cuts[i])
            i += 1
    return written, [str(n) for n in named]


@st.composite
def enabling_note(draw) -> tuple[str, str, list[str]]:
    """(lang, note, ids): « (chapitre X-1, a. 3, 5 à 7 et 9, 1er al., par. 2° à 4°, 3e al.) »."""
    lang = draw(st.sampled_from(["fr", "en"]))
    w = WORDS[lang]
    degree = lang == "fr" and draw(st.booleans())

    def show(items, with_degree=False) -> list[str]:
        mark = "°" if with_degree else ""
        return [f"{i}{mark}" if isinstance(i, int) else f"{i[0]}{mark} {w['to']} {i[1]}{mark}" for i in items]

    sections, section_ids = draw(numbers(SECTIONS))
    last = sections[-1]
    pinned = isinstance(last, int) and draw(st.booleans())
    ids = [f"X-1/{n}" for n in section_ids]
    text = f"({w['chapter']} X-1, {w['ss'] if len(section_ids) > 1 else w['s']} {listed(show(sections), lang)}"
    if pinned:
        ids = [i for i in ids if i != f"X-1/{last}"]
        alineas = sorted(draw(st.sets(st.integers(1, ALINEAS), min_size=1, max_size=3)))
        for k, alinea in enumerate(alineas):
            joint = ", " if k == 0 or draw(st.booleans()) else f" {w['and']} "
            text += f"{joint}{w['ord'][alinea]} {w['al']}"
            if draw(st.booleans()):
                items, item_ids = draw(numbers(ITEMS))
                word = w["pars"] if len(item_ids) > 1 else w["par"]
                text += f", {word} {listed(show(items, degree), lang)}"
                ids += [f"X-1/{last}/p{alinea}/{n}" for n in item_ids]
            else:
                ids.append(f"X-1/{last}/p{alinea}")
    return lang, text + ").", ids


@settings(max_examples=150, deadline=None)
@given(enabling_note())
def test_an_enabling_note_resolves_to_the_units_it_was_written_from(case):
    lang, note, ids = case
    doc = Document("X-1-r1", "regulation", lang, "Règlement", "r.html",
                   front=(Source(1, "Loi X"), Source(2, note)))
    assert [n.raw for n in enabling_notes(doc)] == [note]
    context = Context(INDEX, doc.id)
    resolutions = [resolve(f, context) for f in enabling_citations(note, lang)]
    assert [t for r in resolutions for t in r.targets] == ids, note
    assert not any(r.missing or r.candidates for r in resolutions), note
