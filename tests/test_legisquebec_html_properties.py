"""Property tests: mutated or generated LégisQuébec pages never crash the HTML ingester,
and a page whose sections are reordered and renumbered, with unknown elements and more
schedules inserted, or saved without the site around it, is read whole in printed order.

Each input either parses, and then the model keeps its invariants (unique ids that
parse, references whose offsets point at their words), or raises a ParseError /
AlineaError naming the file.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.errors import AlineaError
from alinea.ids import ProvisionId
from alinea.model import Document
from ingest.html_lossless import body_text, first_difference, model_text
from ingest.legisquebec_html import parse_html_text
from tests.properties import examples

PAGE = (Path(__file__).parent / "fixtures" / "legisquebec-html" / "S-2_1_r_11_2.fr.html").read_text(
    encoding="utf-8")
BODY_START = PAGE.index('<div class="LegislativeDocument')
SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> Document | None:
    """Parse `text`; on success check the model's invariants."""
    try:
        doc, refs = parse_html_text(text, "page.html")
    except AlineaError as exc:
        assert str(exc).startswith("page.html")
        return None
    ids = [doc.id] + [d.id for d in doc.divisions] + [s.id for s in doc.sections]
    ids += [u.id for s in doc.sections for u in s.walk()]
    assert len(ids) == len(set(ids))
    for uid in ids[1 + len(doc.divisions):]:
        ProvisionId.parse(uid)
    texts = {u.id: {"text": u.text, "closing": u.closing} for s in doc.sections for u in s.walk()}
    texts |= {d.id: {"heading": d.heading, "note": " ".join(n.text for n in d.notes)} for d in doc.divisions}
    for ref in refs:
        if ref.field != "note":
            assert texts[ref.source][ref.field][ref.start:ref.end] == ref.text
    return doc


@SETTINGS
@given(st.data())
def test_mutated_page(data):
    text = PAGE
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(BODY_START, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 3000)))
        op = data.draw(st.sampled_from(["delete", "insert", "duplicate", "swap"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            junk = data.draw(st.lists(st.sampled_from(list('<>/="&;# -:aé§°()') + [
                '<div class="section" id="se:9">', '<div class="Heading">', "</div>", "</span>",
                '<span class="Repealed-Text">(Abrogé).</span>', '<a href="/fr/document/lc/X">',
                '<div class="Paragraph" id="se:3-ss:1-p1:a">', '<span class="Label-L LabelBase">']),
                max_size=12))
            text = text[:i] + "".join(junk) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            k = data.draw(st.integers(j, min(len(text), j + 3000)))
            text = text[:i] + text[j:k] + text[i:j] + text[k:]
    check(text)


LABELS = ["Label-Z LabelBase", "Label-L LabelBase", "Label-R LabelBase", "Label-P LabelBase",
          "Label-group5", "Label-group6", "Label-Section"]
CLASSES = ["section", "Subsection", "Subsection SubsectionFirst", "Paragraph", "Subparagraph",
           "Heading Heading", "HistoricalNote", "Continued-SectionSubsection", "Repealed-Text",
           "Repealed-Heading", "TitleText-group5", "Hidden", "Note", "ScheduleHeading",
           "Schedule-abrogative", "ScheduleContent", "Definition", "AmendedTextTitle", ""] + LABELS
IDS = ["se:1", "se:2", "se:1_1", "se:1-ss:1", "se:1-ss:2", "se:1-ss:1-p1:1", "se:1-ss:1-p1:a",
       "se:1-ss:1-p1:1-p2:a", "se:2-ss:1-df:accident", "ga:l_i", "sc-nb:1", "", ""]
WORDS = ["SECTION I", "§ 2.1. — ", "ANNEXE A", "1°", "a)", "i.", "(Abrogé).", "«terme»: sens;",
         "D. 851-2016, a. 1.", "2005, c. 15, s. 1; 2016, c. 25, s. 2.", "Texte de l’article.",
         "RÉFÉRENCES", "(1)", "CHAPTER II", ""]


def element(children: list[str], cls: str, eid: str, text: str, link: bool) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' id="{eid}"' if eid else "")
    inner = f'<a href="/fr/document/lc/E-12.001?&amp;cible=">{text}</a>' if link else text
    tag = "span" if cls.startswith("Label") or cls in ("Repealed-Text", "Hidden") else "div"
    return f"<{tag}{attrs}>{inner}{''.join(children)}</{tag}>"


TREES = st.recursive(
    st.builds(lambda w: w, st.sampled_from(WORDS)),
    lambda kids: st.builds(element, st.lists(kids, max_size=4), st.sampled_from(CLASSES),
                           st.sampled_from(IDS), st.sampled_from(WORDS), st.booleans()),
    max_leaves=25)


@SETTINGS
@given(st.lists(TREES, max_size=4), st.lists(TREES, max_size=4), st.lists(TREES, max_size=4))
def test_generated_body(in_paragraph, in_section, after):
    """Random publisher markup inside a paragraph, inside a section and after it."""
    head, tail = PAGE[:BODY_START], PAGE[PAGE.index("</div></div></div>", BODY_START):]
    ident = PAGE[PAGE.index('<div class="Identification">'):PAGE.index('<div id="ga:l_i">')]
    body = ('<div class="LegislativeDocument Global Style_Extra_Class">' + ident
            + '<div class="section" id="se:1"><div class="Subsection SubsectionFirst" id="se:1-ss:1">'
            + '<span class="Subsection">Texte.</span>' + "".join(in_paragraph) + "</div>"
            + "".join(in_section) + "</div>" + "".join(after))
    assert check(head + body + tail) is not None or after or in_section


# -- the publisher's order, unknown elements, schedules, the page without its site ------------------
SCHEDULED = (Path(__file__).parent / "fixtures" / "legisquebec-html" / "S-2_1_r_2.fr.html").read_bytes()
SECTION_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' section ')][@id]"
NUMBERS = st.builds(lambda parts: ".".join(str(p) for p in parts),
                    st.lists(st.integers(0, 120), min_size=1, max_size=4))


def _tree(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))


def _renumber(section: lxml.html.HtmlElement, number: str) -> None:
    """Give a section another number, in its anchor and its printed label."""
    old = section.get("id")
    anchor = "se:" + number.replace(".", "_")
    for el in section.iter():
        for attr in ("id", "href", "data-code"):
            if el.get(attr) and old in el.get(attr):
                el.set(attr, el.get(attr).replace(old, anchor))
    label = next(iter(section.find_class("Label-Section")), None)
    if label is not None:
        label.text = number
        if len(label):
            label[-1].text = "."


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_reordered_renumbered_and_extended_pages_are_read_whole_in_the_printed_order(data):
    root = _tree(SCHEDULED)
    sections = root.xpath(SECTION_XPATH)
    numbers = data.draw(st.lists(NUMBERS, min_size=len(sections), max_size=len(sections), unique=True))
    for section, number in zip(sections, numbers):
        _renumber(section, number)
    parent = sections[3].getparent()
    siblings = [s for s in parent if s in sections]
    order = data.draw(st.permutations(siblings))
    for s in siblings:
        parent.remove(s)
    anchor_at = len(parent)
    for s in order:
        parent.insert(anchor_at, s)
        anchor_at += 1
    doc_el = root.find_class("LegislativeDocument")[0]
    schedule = next(el for el in root.iter() if (el.get("id") or "").startswith("sc-nb:"))
    for n in range(data.draw(st.integers(0, 2))):  # more schedules, with or without a label
        extra = lxml.html.fromstring(lxml.html.tostring(schedule))
        extra.set("id", f"sc-nb:{90 + n}")
        label = extra.find_class("Label-ScheduleHeading")
        if label and data.draw(st.booleans()):
            label[0].text = f"ANNEXE Z{n}"
        elif label:
            label[0].drop_tree()
        schedule.addnext(extra)
    containers = list(dict.fromkeys(s.getparent() for s in sections)) + sections
    unknown = []
    for n in range(data.draw(st.integers(0, 3))):  # elements the parser does not know
        where = data.draw(st.sampled_from(containers))
        word = f"Inconnu{n}"
        where.insert(data.draw(st.integers(0, len(where))), lxml.html.fragment_fromstring(
            f'<div class="Mystery{n}"><span>{word}</span></div>'))
        unknown.append(word)
    page = doc_el if data.draw(st.booleans()) else root  # the document alone, or the whole page
    text = lxml.html.tostring(page, encoding="unicode")
    doc, _ = parse_html_text(text, "page.html")
    printed = [re.search(r"se:([^-]+)$", el.get("id"))[1].replace("_", ".") for el in _tree(
        text.encode()).xpath(SECTION_XPATH)]
    assert [s.number for s in doc.sections] == printed
    body = _tree(text.encode())
    model = " ".join(model_text(doc))
    assert sum(c.isalnum() for c in model) == sum(c.isalnum() for c in body_text(body))
    assert all(word in model for word in unknown)
    if not unknown:
        assert first_difference(doc, body) is None
    assert len([d for d in doc.divisions if d.kind == "schedule"]) == len(
        [el for el in body.iter() if (el.get("id") or "").startswith("sc-nb:")])
