"""The LégisQuébec HTML ingester on the real pages in tests/fixtures/legisquebec-html/.

Facts checked here were read in the pages themselves (section 21 of S-2.1, r. 2 is
"(Abrogé).", section 4.4.2 of S-2.1, r. 6 has items c) i. to iii., ...).  The English
page A-13_1_1.en.derived.html is derived (see its header comment): its sections are
copied from the English text of the Act, so it must give exactly the model the text
ingester gives for those sections.
"""
from __future__ import annotations

import doctest
import json
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import lxml.html
import pytest

import alinea.ids
import ingest.history
import ingest.html_sections
import ingest.html_text
import ingest.legisquebec_html
from alinea.build import build
from alinea.cli import main
from alinea.errors import AlineaError, ParseError
from alinea.export import division_dict, document_dict, reference_dict, section_dict
from alinea.ids import ProvisionId, unit_anchor
from alinea.model import OMITTED, REPEALED, Document
from ingest import detect_format, parse_file
from ingest.html_lossless import body_text, first_difference, model_text
from ingest.html_text import squash
from ingest.legisquebec_html import html_references, parse_html_text, read_legisquebec_html
from tests.golden import assert_golden

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "legisquebec-html"
REAL = ["S-2_1_r_11_2.fr.html", "S-2_1_r_2.fr.html", "S-2_1_r_6.fr.html"]
ENGLISH = "A-13_1_1.en.derived.html"
ALL = sorted(p.name for p in FIXTURES.glob("*.html"))
"""Every page in the fixtures folder: the three above, the derived English page, and the
other real pages (see its README)."""
_CACHE: dict[str, tuple] = {}


def page(name: str) -> tuple[Document, tuple, lxml.html.HtmlElement]:
    """The parsed fixture (document, references, lxml root), parsed once per run."""
    if name not in _CACHE:
        path = str(FIXTURES / name)
        doc, refs = read_legisquebec_html(path)
        _CACHE[name] = (doc, refs, lxml.html.parse(path).getroot())
    return _CACHE[name]


def doc_of(name: str) -> Document:
    return page(name)[0]


def units_of(doc: Document) -> dict:
    return {u.id: u for s in doc.sections for u in s.walk()}


def test_module_doctests_pass():
    for module in (alinea.ids, ingest.history, ingest.html_text, ingest.html_sections,
                   ingest.legisquebec_html):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


# -- golden files -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_golden(name):
    doc = doc_of(name)
    warnings = tuple(w.replace(f"{FIXTURES}/", "") for w in doc.warnings)
    assert_golden(f"html-{name.removesuffix('.html')}", document_dict(replace(doc, path=name, warnings=warnings)))


def test_export_of_every_page_and_its_references_fits_the_schema():
    schema = json.loads((ROOT / "alinea" / "export.schema.json").read_text(encoding="utf-8"))
    data = {"documents": [document_dict(doc_of(name)) for name in ALL],
            "references": [reference_dict(r) for name in ALL for r in page(name)[1]]}
    jsonschema.validate(data, schema)


# -- lossless ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_model_accounts_for_the_whole_body_text(name):
    doc, _, root = page(name)
    assert first_difference(doc, root) is None
    assert len(squash(body_text(root))) > 1000


def test_lossless_check_sees_a_lost_note_and_an_invented_word():
    doc, _, root = page("S-2_1_r_2.fr.html")
    schedule = doc.divisions[-2]
    assert schedule.kind == "schedule"
    lost = replace(doc, divisions=doc.divisions[:-2] + (replace(schedule, notes=schedule.notes[1:]),)
                   + doc.divisions[-1:])
    assert "differ" in first_difference(lost, root)
    section = doc.sections[0]
    unit = section.units[0]
    invented = replace(doc, sections=(replace(section, units=(replace(unit, text=unit.text + " x"),)),)
                       + doc.sections[1:])
    assert "differ" in first_difference(invented, root)


def test_hidden_duplicates_are_not_read():
    doc, _, root = page("S-2_1_r_11_2.fr.html")
    hidden = [squash(e.text_content()) for e in root.find_class("Hidden")]
    assert "851-2016" in hidden  # each decree number is printed twice, once hidden
    assert doc.section("1").history[0].raw == "D. 851-2016, a. 1"
    text = squash("".join(model_text(doc)))
    assert squash("SANTÉ ET SÉCURITÉ DU TRAVAIL — RÈGLEMENT INTÉRIEUR") not in text


CHROME = ("list-group", "navbar", "main-header", "footer-options", "modal", "dropdown-menu",
          "docHeader", "official-heading")


@pytest.mark.parametrize("name", ALL)
def test_page_chrome_never_leaks_into_the_model(name):
    doc, _, root = page(name)
    chrome = {squash(e.text_content()) for cls in CHROME for e in root.find_class(cls)}
    chrome |= {squash(e.text_content()) for e in root.iter("script", "title", "button")}
    words = {w for text in chrome for w in text.split("\n") if len(w) >= 8}
    model = [u.text for s in doc.sections for u in s.walk()] + [s.status_text for s in doc.sections]
    model += [d.heading for d in doc.divisions] + [n.text for d in doc.divisions for n in d.notes]
    assert words
    for text in model:
        assert not any(w in squash(text) for w in words if w not in squash(doc.title)), text
    for text in ("Recherche avancée", "Table des matières", "Copier", "Advanced search",
                 "Table of contents", "Copy to clipboard", "Loi habilitante"):
        assert text not in "\n".join(model)


# -- identification --------------------------------------------------------------------------
def test_identification_block():
    doc = doc_of("S-2_1_r_11_2.fr.html")
    # the file name says r. 11, the page itself is S-2.1, r. 11.2
    assert (doc.id, doc.kind, doc.lang, doc.chapter) == ("S-2.1-r11.2", "regulation", "fr", "S-2.1, r. 11.2")
    assert doc.title.startswith("Règlement intérieur de la Commission des normes")
    assert doc.updated_to == "2025-04-01"  # "À jour au 1er avril 2025"
    assert doc.url == "https://www.legisquebec.gouv.qc.ca/fr/document/rc/S-2.1,%20r.%2011.2"
    front = [" ".join(s.raw.split()) for s in doc.front]
    assert front[0] == "chapitre S-2.1, r. 11.2"
    assert "(chapitre S-2.1, a. 223, 1er al., par. 36)." in front
    assert doc.warnings == ()


@pytest.mark.parametrize("name, doc_id, sections, divisions", [
    ("S-2_1_r_11_2.fr.html", "S-2.1-r11.2", 18, 7), ("S-2_1_r_2.fr.html", "S-2.1-r2", 32, 7),
    ("S-2_1_r_6.fr.html", "S-2.1-r6", 253, 104)])
def test_every_section_of_the_page_is_read(name, doc_id, sections, divisions):
    doc, _, root = page(name)
    assert doc.id == doc_id and len(doc.sections) == sections
    assert len(doc.sections) == len(root.find_class("section"))
    assert len(doc.divisions) == divisions
    assert [s.number for s in doc.sections] == [
        e.get("id")[3:].replace("_", ".") for e in root.find_class("section")]


# -- divisions and sections ---------------------------------------------------------------------
def test_division_tree_from_heading_containers():
    doc = doc_of("S-2_1_r_11_2.fr.html")
    sub = next(d for d in doc.divisions if d.kind == "subdivision")
    assert (sub.id, sub.label, sub.number, sub.heading) == (
        "S-2.1-r11.2/division:I/subdivision:I.I", "§ I.I", "I.I", "SÉANCES")
    assert sub.parent == "S-2.1-r11.2/division:I"
    assert [e.raw for e in sub.history] == ["D. 851-2016"]
    assert doc.section("2").parent == sub.id
    assert doc.section("12").parent == "S-2.1-r11.2/division:II"


def test_repealed_subdivision_heading_and_french_subdivision_history():
    div = next(d for d in doc_of("S-2_1_r_6.fr.html").divisions if d.id.endswith("subdivision:2.4"))
    assert (div.heading, div.status, div.parent) == ("(Abrogée)", REPEALED, "S-2.1-r6/division:II")
    assert [e.raw for e in div.history] == ["R.R.Q., 1981, c. S-2.1, r. 9, ss. 2.4", "D. 885-2001, a. 378"]
    assert div.history[0].sections == () and div.history[0].other_pinpoints == ("ss. 2.4",)


def test_repealed_section():
    section = doc_of("S-2_1_r_2.fr.html").section("21")
    assert (section.status, section.status_text, section.units) == (REPEALED, "(Abrogé).", ())
    assert [(e.raw, e.kind, e.year) for e in section.history] == [
        ("R.R.Q., 1981, c. S-2.1, r. 1, a. 21", "revised", 1981), ("D. 1712-92, a. 1", "decree", 1992)]


def test_omitted_section():
    section = doc_of("S-2_1_r_11_2.fr.html").section("18")
    assert (section.status, section.status_text) == (OMITTED, "(Omis).")


def test_repealed_clause_in_a_section_in_force():
    units = units_of(doc_of("S-2_1_r_6.fr.html"))
    assert units["S-2.1-r6/2.2.1/p1/a"].status == REPEALED
    assert units["S-2.1-r6/2.2.1/p1/a"].text == "(paragraphe abrogé);"
    assert units["S-2.1-r6/2.2.1/p1/b"].status == "in force"


def test_lettered_and_roman_items():
    doc = doc_of("S-2_1_r_6.fr.html")
    section = doc.section("4.4.2")
    assert section.id == "S-2.1-r6/4.4.2" and section.source.raw == "4.4.2."
    [para] = section.units
    assert para.text == "Toute installation de canalisations d’incendie et de tuyaux doit être:"
    assert [(u.label, u.kind) for u in para.children] == [
        ("a)", "clause"), ("b)", "clause"), ("c)", "clause"), ("d)", "clause")]
    items = para.children[2].children
    assert [(u.id, u.kind, u.label, u.number, u.anchor) for u in items] == [
        ("S-2.1-r6/4.4.2/p1/c/i", "item", "i.", "i", "se:4_4_2-ss:1-p1:c-p2:i"),
        ("S-2.1-r6/4.4.2/p1/c/ii", "item", "ii.", "ii", "se:4_4_2-ss:1-p1:c-p2:ii"),
        ("S-2.1-r6/4.4.2/p1/c/iii", "item", "iii.", "iii", "se:4_4_2-ss:1-p1:c-p2:iii")]
    assert items[2].text.startswith("installés dans un placard et contenant le tuyau et son support, "
                                    "les raccords nécessaires à partir du 4e étage")


def test_numbered_subparagraphs_with_lettered_clauses():
    para = doc_of("S-2_1_r_2.fr.html").section("11").units[0]
    assert [(u.label, u.kind, [c.label for c in u.children]) for u in para.children] == [
        ("1°", "subparagraph", ["a)", "b)", "c)", "d)"]), ("2°", "subparagraph", ["a)", "b)"])]
    assert para.children[1].text == "de travailleur:"
    assert para.children[1].children[0].id == "S-2.1-r2/11/p1/2/a"


def test_second_paragraph():
    section = doc_of("S-2_1_r_6.fr.html").section("2.3.1")
    assert [(u.id, u.anchor) for u in section.units] == [
        ("S-2.1-r6/2.3.1/p1", "se:2_3_1-ss:1"), ("S-2.1-r6/2.3.1/p2", "se:2_3_1-ss:2")]
    assert section.units[1].text.endswith("avant le 1er décembre 1976 ou dont la construction a "
                                          "débuté avant cette date.")


def test_unnumbered_definitions():
    para = doc_of("S-2_1_r_2.fr.html").section("1").units[0]
    assert para.text.endswith("on entend par:")
    terms = [(d.id.rsplit("/", 1)[1], d.kind, d.term) for d in para.children]
    assert terms[0] == ("df:entente", "definition", "entente")
    assert ("df:programme-d-activites", "definition", "programme d’activités") in terms
    assert len(terms) == 9
    loi = next(d for d in para.children if d.term == "Loi")
    assert loi.text == "«Loi»: la Loi sur la santé et la sécurité du travail (chapitre S-2.1);"
    assert loi.anchor == ""  # the publisher gives these no id
    assert ProvisionId.parse(loi.id).path == ("p1", "df:loi")


def test_definitions_with_publisher_df_ids(tmp_path):
    # The markup the fixture README describes (div.Definition, id "-df:"), not in these pages:
    # s. 1 of r. 2 rewritten with it.
    text = (FIXTURES / "S-2_1_r_2.fr.html").read_text(encoding="utf-8")
    text = text.replace('<div class="Continued-SectionSubsection"><span integrity:order="14"',
                        '<div class="Definition" id="se:1-ss:1-df:entente"><span integrity:order="14"')
    text = text.replace('<div class="Continued-SectionSubsection"><span integrity:order="21"',
                        '<div id="se:1-ss:1-df:signataire-employeur"><span integrity:order="21"')
    doc, _ = parse_html_text(text, "r2.html")
    definitions = doc.section("1").units[0].children
    for unit, term, anchor in ((definitions[0], "entente", "se:1-ss:1-df:entente"),
                               (definitions[6], "signataire-employeur", "se:1-ss:1-df:signataire-employeur")):
        assert (unit.kind, unit.term, unit.anchor) == ("definition", term, anchor)
        assert unit.id == "S-2.1-r2/1/p1/" + anchor.rsplit("-ss:1-", 1)[1]
        assert ProvisionId.parse(unit.id).anchor == unit.anchor


def test_replaced_section_is_marked_repealed(tmp_path):
    text = (FIXTURES / "S-2_1_r_2.fr.html").read_text(encoding="utf-8")
    at = text.index('id="se:21"')
    text = text[:at] + text[at:].replace("(Abrogé).", "(Remplacé).", 1)
    section = parse_html_text(text, "r2.html")[0].section("21")
    assert (section.status, section.status_text) == (REPEALED, "(Remplacé).")


def test_numbered_definitions_keep_the_publisher_numbering():
    first = units_of(doc_of("S-2_1_r_6.fr.html"))["S-2.1-r6/1.1/p1/1"]
    assert (first.kind, first.label, first.term, first.anchor) == (
        "definition", "1.", "ACNOR", "se:1_1-ss:1-p1:1")
    assert first.text == "«ACNOR»: Association canadienne de normalisation;"


def test_schedule():
    doc = doc_of("S-2_1_r_2.fr.html")
    schedule = doc.divisions[-2]
    assert (schedule.id, schedule.kind, schedule.label, schedule.number, schedule.heading,
            schedule.parent, schedule.status) == (
        "S-2.1-r2/schedule:A", "schedule", "ANNEXE A", "A", "(a. 2)", None, "in force")
    texts = [n.text for n in schedule.notes]
    assert texts[0] == ("Les secteurs d’activités pour lesquels une seule association sectorielle "
                        "peut être constituée sont:")
    assert texts[1].startswith("1° le secteur des affaires sociales")
    assert "2° (paragraphe abrogé);" in texts
    assert schedule.notes[-1].kind == "editorial"
    assert texts[-1].startswith("Une référence à la Société québécoise de développement")
    assert {n.kind for n in schedule.notes[:-1]} == {"text"}
    assert schedule.history[1].raw == "D. 517-82, a. 1 et 3, Erratum"


def test_repealed_schedule_and_reference_list():
    doc = doc_of("S-2_1_r_6.fr.html")
    schedule = next(d for d in doc.divisions if d.id == "S-2.1-r6/schedule:2")
    assert schedule.status == REPEALED
    assert [n.text for n in schedule.notes] == ["(Abrogée implicitement; D. 855-2001, a. 378)"]
    refs = doc.divisions[-1]
    assert (refs.id, refs.heading) == ("S-2.1-r6/group:references", "RÉFÉRENCES")
    assert refs.notes[0].text == "R.R.Q., 1981, c. S-2.1, r. 9"
    assert refs.notes[-1].text == "D. 885-2001, 2001 G.O. 2, 5020"


# -- ids and anchors --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_ids_parse_and_match_the_publisher_anchor_and_line(name):
    doc = doc_of(name)
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    ids = [u.id for s in doc.sections for u in s.walk()]
    assert len(ids) == len(set(ids))
    for section in doc.sections:
        assert f'id="se:{section.number.replace(".", "_")}"' in lines[
            section.source.line - 1]
        for unit in section.walk():
            pid = ProvisionId.parse(unit.id)
            assert pid.section_id == section.id
            if unit.anchor:
                assert unit_anchor(section.number, pid.path) == unit.anchor
                assert f'id="{unit.anchor}"' in lines[unit.source.line - 1]


# -- references ------------------------------------------------------------------------------------
def test_links_to_other_acts_become_references():
    doc, refs, _ = page("S-2_1_r_11_2.fr.html")
    units = units_of(doc)
    first = [r for r in refs if r.source == "S-2.1-r11.2/1/p1"]
    assert [(r.target, r.type, r.text, r.field) for r in first] == [
        ("E-12.001", "cites", "chapitre E-12.001", "text"), ("S-2.1", "cites", "chapitre S-2.1", "text")]
    for ref in refs:
        assert units[ref.source].text[ref.start:ref.end] == ref.text
    assert len(refs) == 8


def test_link_in_a_schedule_note():
    doc, refs, _ = page("S-2_1_r_2.fr.html")
    [ref] = refs
    assert (ref.source, ref.target, ref.field, ref.text) == (
        "S-2.1-r2/schedule:A", "F-3.1.1", "note", "chapitre F-3.1.1")
    assert any(n.text[ref.start:ref.end] == ref.text for n in doc.divisions[-2].notes)


def test_html_references_from_a_path_or_a_tree():
    path = FIXTURES / "S-2_1_r_11_2.fr.html"
    assert html_references(path) == page("S-2_1_r_11_2.fr.html")[1]
    assert html_references(lxml.html.parse(str(path))) == page("S-2_1_r_11_2.fr.html")[1]


# -- English --------------------------------------------------------------------------------------
def _without_lines(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k != "line"}
    for key in ("units", "notes"):
        if key in data:
            data[key] = [{k: v for k, v in item.items() if k != "line"} for item in data[key]]
    return data


def test_english_page_gives_the_text_ingesters_shapes():
    html = doc_of(ENGLISH)
    text = parse_file(str(ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt"), "legisquebec-text")
    assert (html.id, html.kind, html.lang, html.title, html.updated_to) == (
        text.id, text.kind, text.lang, text.title, text.updated_to)
    assert [s.number for s in html.sections] == ["53", "55", "72", "74", "75"]
    for section in html.sections:
        assert _without_lines(section_dict(section, html)) == _without_lines(
            section_dict(text.section(section.number), text))
    by_id = {d.id: d for d in text.divisions}
    for div in html.divisions:
        assert _without_lines(division_dict(div)) == _without_lines(division_dict(by_id[div.id]))
    items = units_of(html)
    assert (items["A-13.1.1/55/p1/2/f/ii"].kind, items["A-13.1.1/55/p1/2/f/ii"].label) == ("item", "ii.")
    assert html.section("74").status_text == "(Repealed)."


def test_english_links():
    doc, refs, _ = page(ENGLISH)
    assert [(r.source, r.target, r.text) for r in refs] == [
        ("A-13.1.1/53/p1/3", "I-3", "chapter I-3"), ("A-13.1.1/53/p1/6", "S-4.2", "chapter S-4.2"),
        ("A-13.1.1/55/p1/2/b", "A-29.011", "chapter A-29.011")]
    units = units_of(doc)
    assert all(units[r.source].text[r.start:r.end] == r.text for r in refs)


# -- CLI, format detection, build ---------------------------------------------------------------------
def test_cli_parse_json(capsys):
    path = str(FIXTURES / "S-2_1_r_6.fr.html")
    assert detect_format(path) == "legisquebec-html"
    assert main(["parse", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "S-2.1-r6" and len(data["sections"]) == 253


def test_corpus_with_an_html_document_builds(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "legisquebec").mkdir(parents=True)
    shutil.copy(FIXTURES / "S-2_1_r_2.fr.html", corpus / "legisquebec" / "S-2.1-r2.fr.html")
    manifest = {"documents": [{
        "id": "S-2.1-r2", "file": "legisquebec/S-2.1-r2.fr.html", "format": "legisquebec-html",
        "kind": "regulation", "publisher": "LégisQuébec (Publications Québec)", "lang": "fr",
        "title": "Règlement sur les associations sectorielles paritaires de santé et de sécurité du travail",
        "current_to": "2025-04-01"}]}
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = build(corpus, tmp_path / "data", lambda message: None)
    assert result.ok and result.warnings == []
    doc = result.corpus.document("S-2.1-r2")
    assert doc.path == "legisquebec/S-2.1-r2.fr.html" and len(doc.sections) == 32
    exported = json.loads((tmp_path / "data" / "export.json").read_text(encoding="utf-8"))
    assert exported["documents"][0]["id"] == "S-2.1-r2"


# -- bad input -------------------------------------------------------------------------------------------
def _bad(tmp_path: Path, data: bytes | str, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    with pytest.raises(ParseError) as info:
        parse_file(str(path), "legisquebec-html")
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def test_a_page_that_is_not_legisquebec(tmp_path):
    message = _bad(tmp_path, "<!doctype html><html><body><h1>Bonjour</h1><p>Texte.</p></body></html>")
    assert "not a LégisQuébec document" in message


def test_truncated_page(tmp_path):
    text = (FIXTURES / "S-2_1_r_6.fr.html").read_text(encoding="utf-8")
    message = _bad(tmp_path, text[: len(text) * 2 // 3])
    assert "truncated" in message


def test_empty_binary_and_latin1_files(tmp_path):
    assert "empty file" in _bad(tmp_path, "  \n")
    assert "binary" in _bad(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    latin1 = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8").encode("latin-1", "replace")
    assert "not UTF-8" in _bad(tmp_path, latin1)


def test_body_without_chapter_code_or_sections(tmp_path):
    text = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8")
    no_code = text.replace('<span integrity:order="1">S-2.1, r. 11.2</span>', "<span>?</span>")
    assert "no chapter code" in _bad(tmp_path, no_code)
    doc, _ = parse_html_text(text.replace('class="section"', 'class="sectionX"'), "b.html")
    assert not doc.sections and any("no numbered section" in w for w in doc.warnings)
    assert first_difference(doc, lxml.html.fromstring(text)) is None  # its text is kept, unparsed


def test_sections_out_of_numeric_order_are_kept_as_printed():
    text = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8")
    doc, _ = parse_html_text(text.replace('id="se:3"', 'id="se:1_5"'), "p.html")
    numbers = [s.number for s in doc.sections]
    assert numbers[:4] == ["1", "2", "1.5", "4"]
    assert any(w.startswith("p.html:242:") and "section 1.5 is printed after section 2" in w
               for w in doc.warnings)


def test_a_repeated_section_number_is_kept_with_a_warning():
    text = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8")
    doc, _ = parse_html_text(text.replace('id="se:3"', 'id="se:1"'), "p.html")
    assert [s.number for s in doc.sections][:3] == ["1", "2", "4"]
    assert any("p.html:242:" in w and "'se:1'" in w for w in doc.warnings)
    assert first_difference(doc, lxml.html.fromstring(text)) is None


def test_unknown_markup_is_kept_as_a_note_with_a_warning(tmp_path):
    text = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8")
    marker = '<div class="section" id="se:2">'
    text = text.replace(marker, '<div class="Mystery">Texte inconnu</div>' + marker)
    doc, _ = parse_html_text(text, "p.html")
    sub = next(d for d in doc.divisions if d.kind == "subdivision")
    assert [n.text for n in sub.notes] == ["Texte inconnu"]
    assert any("unexpected <div class='Mystery'>" in w for w in doc.warnings)
    assert first_difference(doc, lxml.html.document_fromstring(text.encode())) is None


def test_long_lines_and_markup_in_text_are_read(tmp_path):
    text = (FIXTURES / "S-2_1_r_11_2.fr.html").read_text(encoding="utf-8")
    long = "mot " * 2500 + "&lt;script&gt;alert(1)&lt;/script&gt; <b>gras</b> "
    text = text.replace("Les séances sont présidées", long + "Les séances sont présidées")
    doc, _ = parse_html_text(text, "p.html")
    unit = doc.section("3").units[0]
    assert len(unit.text) > 10_000 and "<script>alert(1)</script> gras Les séances" in unit.text


def test_errors_are_alinea_errors_for_the_cli(tmp_path, capsys):
    path = tmp_path / "x.html"
    path.write_text("<html><body>rien</body></html>", encoding="utf-8")
    assert main(["parse", str(path), "--format", "legisquebec-html"]) == 1
    err = capsys.readouterr().err
    assert "not a LégisQuébec document" in err and "Traceback" not in err
    assert issubclass(ParseError, AlineaError)


def test_a_schedules_own_sections_keep_their_numbers_under_the_schedule():
    """An agreement or a model by-law in a schedule numbers its articles from 1 again."""
    text = (FIXTURES / "S-2_1_r_2.fr.html").read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(text.encode(), parser=lxml.html.HTMLParser(encoding="utf-8"))
    schedule = next(el for el in root.iter() if (el.get("id") or "") == "sc-nb:1")
    content = schedule.find_class("ScheduleContent")[0]
    for anchor in ("se:1", "se:2"):
        copy = lxml.html.fromstring(lxml.html.tostring(root.get_element_by_id(anchor)))
        copy.set("id", "sc-nb:1-" + anchor)
        content.append(copy)
    doc, _ = parse_html_text(lxml.html.tostring(root, encoding="unicode"), "p.html")
    sid = next(d.id for d in doc.divisions if d.kind == "schedule")
    inside = [s for s in doc.sections if s.parent == sid]
    assert [(s.id, s.number) for s in inside] == [(f"{sid}/1", "1"), (f"{sid}/2", "2")]
    assert doc.section("1").id == "S-2.1-r2/1" and ProvisionId.parse(f"{sid}/1/p1").section_id == f"{sid}/1"
    assert all(u.id.startswith(f"{sid}/1/") for u in inside[0].walk())
    assert first_difference(doc, root) is None
