"""Every real LégisQuébec page in tests/fixtures/ parses whole: its sections, histories,
schedules and text, counted here straight from the page's markup with lxml (not through
the parser's own helpers), are all in the model, in the publisher's order."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from alinea.model import Document, Unit
from ingest.legisquebec_html import read_legisquebec_html

FIXTURES = Path(__file__).parent / "fixtures" / "legisquebec-html"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))
CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
NOT_SHOWN = ("Hidden", "HistoryLink")


def markup(name: str) -> tuple[lxml.html.HtmlElement, lxml.html.HtmlElement]:
    """The page's root and its document body, the way the publisher's site marks it."""
    root = lxml.html.parse(str(FIXTURES / name), lxml.html.HTMLParser(encoding="utf-8")).getroot()
    body = root.get_element_by_id("mainContent-document", None)
    return root, body if body is not None else root.find_class("LegislativeDocument")[0]


def alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def shown_text(body: lxml.html.HtmlElement) -> str:
    """Every text node of the body but those the page hides (duplicates, icons, scripts)."""
    parts = []
    for node in body.iter():
        if not isinstance(node.tag, str):
            hidden = True
        else:
            hidden = node.tag in ("script", "style") or any(
                c in (a.get("class") or "").split() for a in node.iterancestors() for c in NOT_SHOWN
            ) or any(c in (node.get("class") or "").split() for c in NOT_SHOWN)
        if not hidden and node.text:
            parts.append(node.text)
        if node is not body and node.tail and not _inside_hidden(node.getparent(), body):
            parts.append(node.tail)
    return "".join(parts)


def _inside_hidden(el, body) -> bool:
    while el is not None and el is not body.getparent():
        if isinstance(el.tag, str) and (el.tag in ("script", "style") or
                                        any(c in (el.get("class") or "").split() for c in NOT_SHOWN)):
            return True
        el = el.getparent()
    return False


def model_words(doc: Document) -> str:
    """All the text the model holds, in no particular order."""
    parts = [s.raw for s in doc.front]

    def unit(u: Unit) -> None:
        parts.extend([u.label, u.text, u.closing])
        for c in u.children:
            unit(c)
    for d in doc.divisions:
        parts += [d.label, d.heading, d.history_source.raw if d.history_source else ""]
        parts += [n.text for n in d.notes]
    for s in doc.sections:
        parts += [s.number, s.status_text, s.history_source.raw if s.history_source else ""]
        parts += [n.text for n in s.notes]
        for u in s.units:
            unit(u)
    return " ".join(parts)


@pytest.fixture(scope="module", params=PAGES)
def parsed(request):
    doc, _ = read_legisquebec_html(str(FIXTURES / request.param))
    return request.param, doc, *markup(request.param)


def test_every_section_of_the_markup_is_a_section_of_the_model_in_order(parsed):
    _, doc, _, body = parsed
    anchors = [el.get("id") for el in body.xpath(f".//div[{CLASS.format('section')}][@id]")]
    numbers = [re.search(r"se:([^-]+)$", a)[1].replace("_", ".") for a in anchors]
    assert [s.number for s in doc.sections] == numbers
    assert len({s.id for s in doc.sections}) == len(doc.sections)


def test_every_history_is_kept(parsed):
    _, doc, _, body = parsed
    notes = [el for el in body.xpath(f".//div[{CLASS.format('HistoricalNote')}]") if el.text_content().strip()]
    kept = [x for x in (*doc.sections, *doc.divisions) if x.history_source is not None]
    assert len(kept) == len(notes)
    assert sum(len(x.history) for x in kept) >= len(notes)


def test_every_schedule_is_kept_with_its_text(parsed):
    _, doc, _, body = parsed
    blocks = body.xpath(".//*[starts-with(@id, 'sc-')]")
    schedules = [d for d in doc.divisions if d.kind == "schedule"]
    assert len(schedules) == len(blocks)
    for block, schedule in zip(blocks, schedules):
        words = " ".join([schedule.label, schedule.heading] + [n.text for n in schedule.notes])
        under = [s for s in doc.sections if s.parent and s.parent.startswith(schedule.id)]
        assert alnum(words) + sum(alnum(s.number) for s in under) > 0
        assert schedule.history or not block.xpath(f".//div[{CLASS.format('HistoricalNote')}]")


def test_the_whole_text_of_the_page_is_in_the_model(parsed):
    name, doc, _, body = parsed
    assert alnum(model_words(doc)) == alnum(shown_text(body)), name


def test_the_page_says_what_it_is(parsed):
    name, doc, root, _ = parsed
    code = root.find_class("Identification-Id")[0].text_content()
    assert doc.chapter == re.sub(r"^\s*(chapitre|chapter)\s+", "", " ".join(code.split()))
    assert doc.kind == ("regulation" if ", r." in doc.chapter else "statute")
    header = root.text_content()[:root.text_content().find(code)]
    assert (doc.updated_to is not None) == bool(re.search(r"(À jour au|Updated to) ", header)), name
    ended = re.search(r"(Abrogé|Remplacé|Repealed|Replaced) (le|on) [^\n]*\d{4}", header)
    assert doc.status == ("repealed" if ended else "in force"), name
    if ended:
        assert doc.status_note == " ".join(ended[0].split())
        assert {s.status for s in doc.sections} <= {"repealed", "omitted", "integrated"}
