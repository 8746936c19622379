"""An item printed on the line of its first sub-item (« 2° a) ... »): LégisQuébec puts
both labels in the sub-item's block; each label must open its own unit.  Sub-items the
publisher gives no anchor (``div.clause`` « i. ... ») are units too."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from ingest.html_lossless import first_difference
from ingest.legisquebec_html import parse_html_text, read_legisquebec_html

ROOT = Path(__file__).resolve().parent.parent
R5 = ROOT / "tests" / "library" / "legisquebec" / "S-2.1-r5.fr.html"


def label(cls: str, text: str) -> str:
    return f'<span class="{cls} LabelBase">{text}</span>'


def item(anchor: str, cls: str, inner: str) -> str:
    return f'<div class="{cls}" id="se:3-ss:1-{anchor}">{inner}</div>'


def page(items: str) -> str:
    return ('<html lang="fr"><body><div id="mainContent-document">'
            '<div class="LegislativeDocument"><div class="Identification">'
            '<div class="Identification-Id">chapitre S-2.1, r. 99</div><div>Règlement d’essai</div></div>'
            '<div class="section" id="se:3"><div class="Subsection SubsectionFirst" id="se:3-ss:1">'
            '<a class="linkOtherLang" href="#se:3"><span class="Label-Section">3.</span></a> '
            '<span class="Subsection">Le comité est formé ainsi:</span>'
            f'{items}</div><div class="HistoricalNote">D. 1-2020, a. 3.</div></div>'
            '</div></div></body></html>')


TWO_LEVELS = item("p1:1", "Paragraph", label("Label-Z", "1° ") + '<span class="Paragraph">un président;</span>') + item(
    "p1:2", "Paragraph",
    item("p1:2-p2:a", "Subparagraph", label("Label-Z", "2° ") + label("Label-L", "a) ")
         + '<span class="Subparagraph">un membre désigné par les employeurs;</span>')
    + item("p1:2-p2:b", "Subparagraph", label("Label-L", "b) ")
           + '<span class="Subparagraph">un membre désigné par les travailleurs.</span>'))
PARENTHESES = item("p1:1", "Paragraph", item(
    "p1:1-p2:a", "Subparagraph", label("Label-Z", "(1) ") + label("Label-L", "(a) ")
    + '<span class="Subparagraph">an employer;</span>')
    + item("p1:1-p2:b", "Subparagraph", label("Label-L", "(b) ") + '<span class="Subparagraph">a worker.</span>'))
UNANCHORED = item("p1:1", "Paragraph", item(
    "p1:1-p2:a", "Subparagraph", label("Label-Z", "1° ") + label("Label-L", "a) ")
    + '<span class="Subparagraph">selon ces règles:</span>'
    + '<div class="clause">' + label("Label-R", "i. ") + '<span class="Clause">la première;</span></div>'
    + '<div class="clause">' + label("Label-R", "ii. ") + '<span class="Clause">la seconde.</span></div>'))
THREE_LEVELS = item("p1:1", "Paragraph", item("p1:1-p2:a", "Subparagraph", item(
    "p1:1-p2:a-p3:i", "Subparagraph", label("Label-P", "1. ") + label("Label-L", "a) ") + label("Label-R", "i. ")
    + '<span class="Subparagraph">le premier;</span>')
    + item("p1:1-p2:a-p3:ii", "Subparagraph", label("Label-R", "ii. ") + '<span class="Subparagraph">le second;</span>'))
    + item("p1:1-p2:b", "Subparagraph", label("Label-L", "b) ") + '<span class="Subparagraph">un autre.</span>'))

CASES = {
    "2° a)": (TWO_LEVELS, [
        ("S-2.1-r99/3/p1/1", "1°", "un président;"),
        ("S-2.1-r99/3/p1/2", "2°", ""),
        ("S-2.1-r99/3/p1/2/a", "a)", "un membre désigné par les employeurs;"),
        ("S-2.1-r99/3/p1/2/b", "b)", "un membre désigné par les travailleurs."),
    ]),
    "(1) (a)": (PARENTHESES, [
        ("S-2.1-r99/3/p1/1", "(1)", ""),
        ("S-2.1-r99/3/p1/1/a", "(a)", "an employer;"),
        ("S-2.1-r99/3/p1/1/b", "(b)", "a worker."),
    ]),
    "1° a) then i. without anchors": (UNANCHORED, [
        ("S-2.1-r99/3/p1/1", "1°", ""),
        ("S-2.1-r99/3/p1/1/a", "a)", "selon ces règles:"),
        ("S-2.1-r99/3/p1/1/a/i", "i.", "la première;"),
        ("S-2.1-r99/3/p1/1/a/ii", "ii.", "la seconde."),
    ]),
    "1. a) i.": (THREE_LEVELS, [
        ("S-2.1-r99/3/p1/1", "1.", ""),
        ("S-2.1-r99/3/p1/1/a", "a)", ""),
        ("S-2.1-r99/3/p1/1/a/i", "i.", "le premier;"),
        ("S-2.1-r99/3/p1/1/a/ii", "ii.", "le second;"),
        ("S-2.1-r99/3/p1/1/b", "b)", "un autre."),
    ]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_label_of_a_shared_line_opens_its_unit(case):
    items, want = CASES[case]
    text = page(items)
    doc, _ = parse_html_text(text, "p.html")
    units = [u for u in doc.section("3").walk() if u.kind != "paragraph"]
    assert [(u.id, u.label, u.text) for u in units] == want
    assert first_difference(doc, lxml.html.document_fromstring(text)) is None


def test_s21_r5_article_10_has_subparagraph_a_of_paragraph_2():
    doc, _ = read_legisquebec_html(str(R5))
    units = {u.id: u for u in doc.section("10").walk()}
    two, a, b = units["S-2.1-r5/10/p1/2"], units["S-2.1-r5/10/p1/2/a"], units["S-2.1-r5/10/p1/2/b"]
    assert (two.kind, two.label, two.number, two.text) == ("subparagraph", "2°", "2", "")
    assert [c.id for c in two.children] == [a.id, b.id]
    assert (a.kind, a.label, a.number) == ("clause", "a)", "a")
    assert a.text.startswith("sous réserve des dispositions contenues au sous-paragraphe b, ")
    assert a.text.endswith("conformément aux procédures suivantes:")
    assert [(c.id, c.kind, c.label) for c in a.children] == [
        (f"S-2.1-r5/10/p1/2/a/{n}", "item", f"{n}.") for n in ("i", "ii", "iii", "iv")]
    assert a.children[0].text.startswith("l’association accréditée qui représente le pourcentage")
    assert a.closing.startswith("Une association accréditée peut se regrouper")
    assert (b.kind, b.label) == ("clause", "b)")
    assert b.text.startswith("s’il résulte de l’application des modalités")
