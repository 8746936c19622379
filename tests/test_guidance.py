"""Guidance pages: the four seed pages (text) and a saved ADEL page (HTML).

Facts checked here were read in the seed files (line numbers are theirs).
"""
from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.build import build
from alinea.corpus import load_manifest
from alinea.errors import AlineaError, ParseError
from alinea.export import document_dict
from alinea.model import Document
from graph.cite.guidance import guidance_references
from ingest import detect_format, parse_file
from ingest.clean import clean
from ingest.guidance_html import parse_guidance_html
from ingest.guidance_text import parse_guidance_text
from ingest.rebuild import rebuild_lines
from ingest.source import read_text, split_lines
from tests.golden import assert_golden
from tests.properties import examples

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
HTML_FIXTURE = ROOT / "tests" / "fixtures" / "guidance-html" / "adel-66-72.fr.html"
ENTRIES = {e.id: e for e in load_manifest(CORPUS)}
GUIDANCE = [i for i, e in ENTRIES.items() if e.meta["kind"] == "guidance"]
CHROME_WORDS = re.compile(r"Link to external site|New window|opens a new window|Reduced text|Enlarge text"
                          r"|Print text|Main menu|Top of Page|Log in|General notice"
                          r"|Access to the service in English|Passer au contenu|Imprimer|Partager|dataLayer"
                          r"|Accessibilité|Rechercher|Haut de page|Lien vers un site externe|Fil d'Ariane"
                          r"|Menu principal|©")


def parse(doc_id: str) -> Document:
    entry = ENTRIES[doc_id]
    return parse_file(str(entry.path), entry.format, entry.meta)


@pytest.fixture(scope="module")
def act() -> Document:
    entry = ENTRIES["A-13.1.1"]
    return parse_file(str(entry.path), entry.format, entry.meta)


@pytest.fixture(scope="module")
def adel() -> Document:
    return parse("guidance:adel-66-72")


@pytest.fixture(scope="module")
def html_doc() -> Document:
    return parse_file(str(HTML_FIXTURE))


def units(doc: Document) -> list:
    return [u for s in doc.sections for u in s.walk()]


def lossless(doc: Document, text: str) -> None:
    """Every line is accounted for once and rebuilt from the model, spaces normalised."""
    lines = split_lines(text)
    rebuilt = rebuild_lines(doc)
    assert sorted(rebuilt) == list(range(1, len(lines) + 1))
    for n, line in enumerate(lines, 1):
        assert clean(rebuilt[n]) == clean(line), f"line {n}"


# -- the ADEL page ------------------------------------------------------------------
def test_adel_front_title_and_sections(adel: Document) -> None:
    assert adel.id == "guidance:adel-66-72" and adel.kind == "guidance" and adel.lang == "fr"
    assert [s.line for s in adel.front] == [1, 3, 5]
    assert adel.title.startswith("Prestataire du Programme de solidarité sociale depuis 66 mois")
    assert [s.heading for s in adel.sections][:3] == [
        "", "Fin du versement de l'ajustement bonifié au 1er janvier 2023",
        "Périodes considérées dans le calcul du délai depuis janvier 2023"]
    assert len(adel.sections) == 11 and adel.sections[-1].heading == "Lois et règlements"
    assert [s.number for s in adel.sections] == [str(n) for n in range(1, 12)]


def test_adel_history_of_calculation_methods_is_a_timeline(adel: Document) -> None:
    dated = [(s.heading, s.period.start, s.period.end) for s in adel.sections
             if s.period and s.heading.startswith("Entre")]
    assert dated == [
        ("Entre le 1er janvier 2019 et le 31 décembre 2020", "2019-01-01", "2020-12-31"),
        ("Entre le 1er janvier 2021 et le 30 septembre 2021", "2021-01-01", "2021-09-30"),
        ("Entre le 1er octobre 2021 et le 31 décembre 2021", "2021-10-01", "2021-12-31"),
        ("Entre le 1er janvier 2022 et le 31 décembre 2022", "2022-01-01", "2022-12-31"),
    ]
    for (_, _, end), (_, start, _) in zip(dated, dated[1:], strict=False):
        assert end < start
    periods = {s.number: s.period for s in adel.sections}
    # "entre janvier 2019 et décembre 2022", "au 1er janvier 2023", "Depuis janvier 2023"
    assert (periods["1"].start, periods["1"].end) == ("2019-01-01", "2022-12-31")
    assert (periods["2"].start, periods["2"].end) == ("2023-01-01", None)
    assert (periods["4"].start, periods["4"].text) == ("2023-01-01", "Depuis janvier 2023")
    assert periods["5"] is None and periods["6"] is None and periods["11"] is None


def test_adel_note_example_and_bullets(adel: Document) -> None:
    by_id = {u.id: u for u in units(adel)}
    note = by_id["guidance:adel-66-72/3/p2"]
    assert (note.kind, note.label, note.label_source.line, note.source.line) == ("note", "Note", 19, 21)
    assert note.text.startswith("Une période d'aide qui est réclamée en totalité")
    lead = by_id["guidance:adel-66-72/3/p3"]
    assert lead.kind == "paragraph" and lead.text.endswith("au cours desquels :")
    assert [c.kind for c in lead.children] == ["bullet", "bullet"] and lead.children[0].label == "•"
    assert by_id["guidance:adel-66-72/3/p3/2"].text.startswith("La personne recevait un montant équivalent")
    examples = [u for u in units(adel) if u.kind == "example"]
    assert [(u.id, u.label_source.line) for u in examples] == [
        ("guidance:adel-66-72/4/p4", 40), ("guidance:adel-66-72/8/p3", 74)]
    assert len(by_id["guidance:adel-66-72/8/p2"].children) == 6


def test_adel_laws_and_regulations_are_reference_units(adel: Document) -> None:
    refs = adel.sections[-1]
    assert [(u.kind, u.text) for u in refs.units] == [
        ("reference", "Article 48 (Règlement sur l'aide aux personnes et aux familles)"),
        ("reference", "Article 133 (Loi sur l'aide aux personnes et aux familles)"),
        ("reference", "Article 157.1 (Règlement sur l'aide aux personnes et aux familles)"),
        ("reference", "Article 157.2 (Règlement sur l'aide aux personnes et aux familles)"),
    ]


ANOTHER_ADEL_PAGE = """Ministère de l'Emploi et de la Solidarité sociale

ADEL – Aide à la décision en ligne

Aide financière de dernier recours

Contribution parentale

Un adulte qui n'a pas affirmé son indépendance est considéré à la charge de ses parents.

Un adulte n'y est pas assujetti s'il répond à un critère de l'article 57 de la Loi.

Note

La contribution parentale ne s'applique pas au Programme de solidarité sociale.

Situations particulières

À compter du 1er janvier 2024, les revenus des parents sont vérifiés auprès de Revenu Québec :

- Revenu familial;
- Nombre d'enfants à charge.

Lois et règlements

Article 55 (Loi sur l'aide aux personnes et aux familles)
Article 57 (Loi sur l'aide aux personnes et aux familles)
Article 152 (Règlement sur l'aide aux personnes et aux familles)
"""


def test_another_adel_page_of_the_same_shape(act: Document) -> None:
    """Nothing depends on the seed's wording: a page on another topic, dashes for bullets,
    a list of laws without bullets."""
    doc = parse_guidance_text(ANOTHER_ADEL_PAGE, "contribution-parentale.fr.txt")
    assert doc.id == "guidance:contribution-parentale" and doc.title == "Contribution parentale"
    assert [s.line for s in doc.front] == [1, 3, 5, 7]
    assert [s.heading for s in doc.sections] == ["", "Situations particulières", "Lois et règlements"]
    assert [(u.kind, u.label) for u in doc.sections[0].units] == [("paragraph", ""), ("paragraph", ""),
                                                                  ("note", "Note")]
    dated = doc.sections[1]
    assert (dated.period.start, dated.period.end) == ("2024-01-01", None)
    assert [(b.label, b.text) for b in dated.units[0].children] == [
        ("-", "Revenu familial;"), ("-", "Nombre d'enfants à charge.")]
    assert [u.kind for u in doc.sections[2].units] == ["reference"] * 3
    targets = [r.target for r in guidance_references(doc, [act])]
    assert targets == ["A-13.1.1/57", "A-13.1.1/55", "A-13.1.1/57", "A-13.1.1-r1/152"]
    lossless(doc, ANOTHER_ADEL_PAGE)


def test_without_a_manifest_the_page_names_itself() -> None:
    doc = parse_file(str(CORPUS / "guidance" / "adel-66-72.fr.txt"))
    assert detect_format(str(CORPUS / "guidance" / "adel-66-72.fr.txt")) == "guidance-text"
    assert doc.id == "guidance:adel-66-72" and doc.lang == "fr"
    assert doc.publisher == "Ministère de l'Emploi et de la Solidarité sociale"
    assert doc.title == parse("guidance:adel-66-72").title


# -- the English pages ------------------------------------------------------------------
def test_cisss_questions_and_answers_and_the_discontinuation_date() -> None:
    doc = parse("guidance:cisss-socio-professional-allowances")
    qa = next(s for s in doc.sections if s.heading == "Q&R: what you need to know")
    assert [(u.kind, u.label, u.text) for u in qa.units][:2] == [
        ("question", "1.", "Why is the allowance being discontinued?"),
        ("question", "2.", "When will this measure be applied?")]
    assert len(qa.units) == 6 and all(u.kind == "question" for u in qa.units)
    assert [c.kind for c in qa.units[0].children] == ["answer", "answer"]
    assert qa.units[1].children[0].text == "The measure will come into effect on January 31, 2026."
    stop = next(s for s in doc.sections if s.heading.startswith("Discontinuation"))
    assert (stop.period.start, stop.period.end) == ("2026-01-31", None)
    last = doc.sections[-1]
    assert last.heading == "Questions?" and last.units[-1].text.startswith("You can also write to us")


def test_mtess_chrome_is_set_aside_and_dated() -> None:
    doc = parse("guidance:social-solidarity-services")
    assert doc.updated_to == "2016-12-21"
    whole = {c.source.line: c.reason for c in doc.chrome if c.offset is None}
    assert whole == {2: "page control", 4: "navigation", 28: "link", 30: "copyright"}
    inline = [(c.source.line, c.text) for c in doc.chrome if c.offset is not None]
    assert inline == [(7, "Link to external site."), (11, "New window."), (11, "Link to external site."),
                      (13, "Link to external site."), (25, " Link to external site.")]
    first = doc.sections[0].units[0]
    assert "Individual and Family Assistance Act, the agency is responsible" in first.text
    assert [s.line for s in doc.front] == [1, 17]


def test_online_services_notices_and_buttons_are_chrome() -> None:
    doc = parse("guidance:online-services-last-resort-assistance")
    reasons = collections.Counter(c.reason for c in doc.chrome)
    assert reasons == {"repeated notice": 9, "button": 3}
    assert {c.source.raw for c in doc.chrome if c.reason == "button"} == {
        "Log in", "Register for online services", "View the amounts and dates of the benefits"}
    nested = {u.id: u for u in units(doc)}["guidance:online-services-last-resort-assistance/3/p1/1"]
    assert [c.text for c in nested.children] == ["Social Assistance Program", "Social Solidarity Program"]
    assert [s.heading for s in doc.sections] == [
        "", "Accessing online services", "Registering for online services",
        "Required documents or information", "Benefit amounts and payment dates"]


# -- every seed page -----------------------------------------------------------------------
@pytest.mark.parametrize("doc_id", GUIDANCE)
def test_seed_is_lossless(doc_id: str) -> None:
    entry = ENTRIES[doc_id]
    lossless(parse(doc_id), read_text(entry.path))


@pytest.mark.parametrize("doc_id", GUIDANCE)
def test_seed_chrome_does_not_leak(doc_id: str) -> None:
    doc = parse(doc_id)
    texts = [s.heading for s in doc.sections] + [u.text for u in units(doc)]
    assert not [t for t in texts if CHROME_WORDS.search(t)]


def golden_data(doc: Document, refs: list) -> dict:
    data = document_dict(doc)
    data["path"] = Path(doc.path).resolve().relative_to(ROOT).as_posix()
    data["front"] = [[s.line, s.raw] for s in doc.front]
    data["chrome"] = [[c.source.line, c.reason, c.text, c.offset] for c in doc.chrome]
    data["label_lines"] = {u.id: u.label_source.line for u in units(doc) if u.label_source}
    data["references"] = [[r.source, r.target, r.type, r.text, r.start, r.end, r.field, list(r.candidates),
                           r.note] for r in refs]
    return data


@pytest.mark.parametrize("doc_id", GUIDANCE)
def test_seed_golden(doc_id: str, act: Document) -> None:
    doc = parse(doc_id)
    assert_golden(f"guidance-{doc_id.split(':')[1]}", golden_data(doc, guidance_references(doc, [act])))


def test_default_corpus_builds(tmp_path: Path) -> None:
    result = build(CORPUS, tmp_path / "data", progress=lambda message: None)
    assert result.ok, result.corpus.errors
    assert [d.id for d in result.corpus.documents] == list(ENTRIES)
    exported = json.loads((tmp_path / "data" / "export.json").read_text(encoding="utf-8"))
    adel = next(d for d in exported["documents"] if d["id"] == "guidance:adel-66-72")
    periods = [s["period"] for s in adel["sections"]]
    assert {"start": "2021-01-01", "end": "2021-09-30",
            "text": "Entre le 1er janvier 2021 et le 30 septembre 2021"} in periods


# -- bad input -----------------------------------------------------------------------------
def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01\x02binary" * 50, "binary file"),
    ("Prestataire\n\nLe montant accordé est réduit.\n".encode("latin-1"), "not UTF-8"),
    (b"", "no content"),
    (b"\n\n   \n", "no content"),
    (b"Main menu.\n\nTop of Page\n\n\xc2\xa9 Gouvernement du Qu\xc3\xa9bec\n", "no content"),
    (b"<!DOCTYPE html>\n<html><body><p>Texte</p></body></html>\n", "looks like HTML"),
])
def test_bad_text_input_names_file_and_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "page.txt", data)
    with pytest.raises(ParseError) as err:
        parse_file(path, "guidance-text")
    assert message in str(err.value) and str(err.value).startswith(path)
    assert "\n" not in str(err.value)


def test_latin1_error_gives_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", "Titre\n\nParagraphe.\n\nDeuxième ligne fautive.\n".encode("latin-1"))
    with pytest.raises(ParseError) as err:
        parse_file(path, "guidance-text")
    assert err.value.line == 5


def test_truncated_page_keeps_what_is_there(tmp_path: Path) -> None:
    text = (CORPUS / "guidance" / "adel-66-72.fr.txt").read_text(encoding="utf-8")
    cut = text[: text.index("Exemple\n\nEn décembre 2020") + len("Exemple\n\nEn déc")]
    doc = parse_guidance_text(cut, "cut.txt")
    lossless(doc, cut)
    assert doc.sections[-1].units[-1].kind == "example" and doc.sections[-1].units[-1].text == "En déc"


def test_label_with_nothing_after_it_warns() -> None:
    doc = parse_guidance_text("Titre de la page\n\nUn paragraphe.\n\nExemple\n", "p.txt")
    assert doc.sections[0].units[-1].kind == "example" and doc.sections[0].units[-1].text == ""
    assert doc.warnings == ("p.txt:5: label 'Exemple' is followed by no paragraph",)
    lossless(doc, "Titre de la page\n\nUn paragraphe.\n\nExemple\n")


def test_long_lines_and_markup_in_text_are_kept_as_text() -> None:
    text = "Titre\n\n" + "mot " * 2500 + "\n\nUn texte avec <b>balises</b> & entités.\n"
    doc = parse_guidance_text(text, "long.txt")
    assert len(doc.sections[0].units[0].text) == 9999
    assert doc.sections[0].units[1].text == "Un texte avec <b>balises</b> & entités."
    lossless(doc, text)


_LINE = st.one_of(
    st.sampled_from(["", "  ", "Note", "Exemple", "Lois et règlements", "Main menu.", "Log in",
                     "Entre le 1er janvier 2021 et le 30 septembre 2021", "1. Pourquoi ?", "Q&R : questions",
                     "  • Article 133 (Loi sur l'aide aux personnes et aux familles)", "    • sous-puce",
                     "- tiret", "Depuis janvier 2023, la règle change.", "Last update: 2016-12-21",
                     "Un paragraphe ordinaire qui se termine par un point.", "Link to external site."]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=40))
def test_generated_pages_parse_losslessly_or_fail_cleanly(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        doc = parse_guidance_text(text, "gen.txt")
    except ParseError as exc:
        assert str(exc).startswith("gen.txt")
        return
    lossless(doc, text)
    ids = [u.id for u in units(doc)]
    assert len(ids) == len(set(ids))


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_mutated_seed_stays_lossless(data: st.DataObject) -> None:
    lines = (CORPUS / "guidance" / "adel-66-72.fr.txt").read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "repeat", "swap", "indent"]))
        if action == "drop" and len(lines) > 1:
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = "    " + lines[i]
    text = "\n".join(lines)
    try:
        doc = parse_guidance_text(text, "mutated.txt")
    except ParseError:
        return
    lossless(doc, text)


# -- HTML -------------------------------------------------------------------------------------
def characters(text: str) -> collections.Counter:
    return collections.Counter(c for c in text if not c.isspace())


def html_accounted(doc: Document) -> collections.Counter:
    """The characters of every element the model keeps: front, chrome, headings, units, labels."""
    sources = [*doc.front, *(c.source for c in doc.chrome if c.offset is None)]
    for section in doc.sections:
        sources += [section.heading_source] if section.heading_source else []
        for unit in section.walk():
            sources += [unit.source] + ([unit.label_source] if unit.label_source else [])
    return sum((characters(src.raw) for src in sources), collections.Counter())


def body_text(html: bytes) -> str:
    body = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8")).find("body")
    return body.text_content()


@pytest.mark.parametrize("path", [HTML_FIXTURE, *sorted((ROOT / "tests" / "fixtures" / "legisquebec-html")
                                                        .glob("*.html"))], ids=lambda p: p.name)
def test_html_text_is_all_accounted_for(path: Path) -> None:
    """The HTML lossless check: each character of the body is in exactly one element of the model
    (LégisQuébec pages, read here as guidance, are the hardest real markup at hand)."""
    doc = parse_file(str(path), "guidance-html")
    assert html_accounted(doc) == characters(body_text(path.read_bytes()))


def test_html_chrome_does_not_leak(html_doc: Document) -> None:
    texts = [html_doc.title] + [s.heading for s in html_doc.sections] + [u.text for u in units(html_doc)]
    assert not [t for t in texts if CHROME_WORDS.search(t)]
    reasons = {c.reason for c in html_doc.chrome}
    assert {"script", "navigation", "header", "footer", "hidden", "page control"} <= reasons


def test_html_structure(html_doc: Document) -> None:
    doc = html_doc
    assert (doc.id, doc.lang, doc.updated_to) == ("guidance:adel-66-72", "fr", "2024-03-15")
    assert doc.url == "https://www.mani.mess.gouv.qc.ca/?sujet=99999"
    assert doc.publisher == "Ministère de l'Emploi et de la Solidarité sociale"
    assert doc.title.startswith("Prestataire du Programme de solidarité sociale")
    by_heading = {s.heading: s for s in doc.sections}
    sub = by_heading["Catégories d'aide ajoutées"]                      # h4 under a dated h3
    assert (sub.period.start, sub.period.end) == ("2021-01-01", "2021-09-30")
    assert by_heading["Historique des différentes méthodes de calcul du délai 66/72"].period is None
    note = by_heading["Périodes considérées dans le calcul du délai depuis janvier 2023"].units[1]
    assert (note.kind, note.label) == ("note", "Note") and note.label_source is not None
    example = [u for u in units(doc) if u.kind == "example"]
    assert [u.label for u in example] == ["Exemple", ""]                  # both paragraphs of the box
    assert [u.text for u in sub.units[0].children] == [
        "13 - Admissible ASM-2 Solidarité sociale - amendement PSR et PSS;"]
    assert "Programme de revenu de base (PRB) le 1er janvier 2023." in by_heading[
        "Fin du versement de l'ajustement bonifié au 1er janvier 2023"].units[0].text
    assert by_heading["Entre le 1er octobre 2021 et le 31 décembre 2021"].units[0].text.endswith(
        "Loi sur le régime de rentes du Québec.")
    assert [u.kind for u in by_heading["Lois et règlements"].units] == ["reference"] * 3


def test_html_golden(html_doc: Document, act: Document) -> None:
    data = golden_data(html_doc, guidance_references(html_doc, [act]))
    assert_golden("guidance-html-adel-66-72", data)


def test_html_questions_from_definition_lists_and_details() -> None:
    page = """<html lang="en"><body><main><h1>FAQ</h1><h2>Questions and answers</h2>
    <dl><dt>When does the measure apply?</dt><dd><p>From January 31, 2026.</p><p>Everywhere.</p></dd></dl>
    <details><summary>Who can help?</summary><p>Your case worker.</p></details>
    <ol><li>First step</li><li>Second step</li></ol></main></body></html>"""
    doc = parse_guidance_html(page, "faq.html")
    qa = doc.sections[0]
    assert [(u.kind, u.text, [c.text for c in u.children]) for u in qa.units[:2]] == [
        ("question", "When does the measure apply?", ["From January 31, 2026.", "Everywhere."]),
        ("question", "Who can help?", ["Your case worker."])]
    assert [(b.label, b.text) for b in qa.units[1].children[0].children] == [
        ("1.", "First step"), ("2.", "Second step")]


@pytest.mark.parametrize("data, message", [
    (b"", "not an HTML page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("<html><body><p>Réduction</p></body></html>".encode("latin-1"), "not UTF-8"),
    (b"<html><head><title>x</title></head><body><nav>Menu</nav><script>x()</script></body></html>",
     "no content"),
])
def test_bad_html_input(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "page.html", data)
    with pytest.raises(AlineaError) as err:
        parse_file(path, "guidance-html")
    assert message in str(err.value) and str(err.value).startswith(path)


_TAGS = st.sampled_from(["p", "div", "ul", "li", "ol", "h2", "h3", "nav", "script", "span", "main",
                         "table", "tr", "td", "dl", "dt", "dd", "details", "summary", "br", "section"])


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(_TAGS, st.text(max_size=30), st.booleans()), max_size=30))
def test_generated_html_never_crashes(parts: list[tuple[str, str, bool]]) -> None:
    parses_losslessly_or_fails_cleanly(
        "<html><body>" + "".join(f"<{t}>{x}" + (f"</{t}>" if close else "") for t, x, close in parts))


@pytest.mark.parametrize("html", [
    "<html><body><ul><li><nav><ul>0",  # found by the property test: the "0" was counted twice
    "<html><body><ul><li>a<nav><ul><li>b</ul></nav><ul><li>c</ul></ul>",
    "<html><body><ol><li>a<span class='menu'><ul><li>b</ul></span><div><ul><li>c</ul></div></ol>",
])
def test_lists_inside_chrome_inside_a_list_are_counted_once(html: str) -> None:
    parses_losslessly_or_fails_cleanly(html)


def parses_losslessly_or_fails_cleanly(html: str) -> None:
    try:
        doc = parse_guidance_html(html, "gen.html")
    except ParseError as exc:
        assert str(exc).startswith("gen.html")
        return
    ids = [u.id for u in units(doc)]
    assert len(ids) == len(set(ids))
    assert html_accounted(doc) == characters(body_text(html.encode("utf-8")))
