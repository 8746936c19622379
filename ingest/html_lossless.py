"""The lossless check for HTML documents: the model accounts for the whole body text.

For a LégisQuébec page, *lossless* means: the visible text of the document body
(``div#mainContent-document`` without its chrome: ``span.Hidden`` duplicates, the
``div.HistoryLink`` icons, comments and images; see `ingest.html_text`) equals,
character for character once whitespace is dropped, the text rebuilt from the
model's parsed fields in document order.  Every text of the body is then claimed
by exactly one model element: nothing is lost, nothing is read twice, nothing is
invented.  Whitespace is left out of the comparison because the page sets words
apart with markup (a label in one span, its text in the next) rather than spaces.
"""
from __future__ import annotations

from itertools import takewhile
from typing import Iterator

from lxml import etree

from alinea.model import Division, Document, Section, Unit
from ingest.html_text import squash, visible_text
from ingest.legisquebec_html import document_body
from ingest.rebuild import history_text

CONTENT_NOTES = ("text", "repeal schedule")
"""Kinds of the notes that hold a schedule's content, printed before its history."""


def body_text(root: etree._Element) -> str:
    """The visible text of the page's document body."""
    body = document_body(root)
    return visible_text(body) if body is not None else ""


def model_text(doc: Document) -> Iterator[str]:
    """The document's text rebuilt from parsed fields, in the page's order: the
    identification block, then each division followed by its sections and the
    divisions under it."""
    for src in doc.front:
        yield src.raw
    sections: dict[str | None, list[Section]] = {}
    divisions: dict[str | None, list[Division]] = {}
    for section in doc.sections:
        sections.setdefault(section.parent, []).append(section)
    for div in doc.divisions:
        divisions.setdefault(div.parent, []).append(div)

    def walk(parent: str | None) -> Iterator[str]:
        for section in sections.get(parent, []):
            yield from _section(section)
        for div in divisions.get(parent, []):
            head, tail = _division(div)
            yield from head
            if div.kind == "schedule":  # a schedule's own sections sit in its content, before its history
                yield from walk(div.id)
                yield from tail
            else:
                yield from tail
                yield from walk(div.id)

    yield from walk(None)


def _division(div: Division) -> tuple[list[str], list[str]]:
    """A division's text in two parts: heading and content, then history and notes."""
    content = list(takewhile(lambda n: div.kind == "schedule" and n.kind in CONTENT_NOTES, div.notes))
    head = [div.label + (". —" if div.label.startswith("§") else ""), div.heading] + [n.text for n in content]
    tail = [history_text(div.history)] if div.history else []
    return head, tail + [n.text for n in div.notes[len(content):]]


def _section(section: Section) -> Iterator[str]:
    yield f"{section.number}."
    yield section.status_text
    for unit in section.units:
        yield from _unit(unit)
    if section.history:
        yield history_text(section.history)
    yield from (n.text for n in section.notes)


def _unit(unit: Unit) -> Iterator[str]:
    yield unit.label
    yield unit.text
    for child in unit.children:
        yield from _unit(child)
    yield unit.closing


def first_difference(doc: Document, root: etree._Element) -> str | None:
    """None when the model accounts for the body text exactly; otherwise where the
    two first differ, with some context from each."""
    body, model = squash(body_text(root)), squash("".join(model_text(doc)))
    if body == model:
        return None
    at = next((i for i, (a, b) in enumerate(zip(body, model)) if a != b), min(len(body), len(model)))
    return (f"body and model differ at character {at} (body {len(body)}, model {len(model)}):\n"
            f"  body:  ...{body[max(0, at - 60):at + 60]}\n  model: ...{model[max(0, at - 60):at + 60]}")
