"""Give back, line by line, the text a document was parsed from, using only parsed fields.

This is the lossless check: `rebuild_lines(doc)` must equal the source lines
(spaces normalised), each source line produced by exactly one model element.
Guidance pages add page chrome: whole chrome lines are given back as read, and
chrome taken out of a content line (a link icon's text) is put back where it was.
"""
from __future__ import annotations

from typing import Iterator

from alinea.model import Division, Document, HistoryEntry, Section, Source, Unit


def history_text(entries: tuple[HistoryEntry, ...]) -> str:
    """A history line as printed: entries joined by '; ', closed by a period (an unparsed last entry
    is kept as printed, with its period when the page prints one)."""
    closing = "" if entries and entries[-1].kind == "unparsed" else "."
    return "; ".join(e.raw for e in entries) + closing


def accounted(doc: Document) -> Iterator[tuple[Source, str]]:
    """Every source line the model accounts for, with the text rebuilt from the model."""
    for src in doc.front:
        yield src, src.raw
    for src in doc.skipped:
        yield src, ""
    for chrome in doc.chrome:
        if chrome.offset is None:
            yield chrome.source, chrome.source.raw
    for div in doc.divisions:
        yield from _division(div)
    for section in doc.sections:
        yield from _section(section, numbered=doc.kind != "guidance")


def _division(div: Division) -> Iterator[tuple[Source, str]]:
    if div.heading_source is not None:
        yield div.source, div.label
        yield div.heading_source, div.heading
    else:
        yield div.source, div.heading
    if div.history_source is not None:
        yield div.history_source, history_text(div.history)
    for note in div.notes:
        yield note.source, note.text


def _section(section: Section, numbered: bool = True) -> Iterator[tuple[Source, str]]:
    if section.heading_source is not None:
        yield section.heading_source, section.heading
    if section.status_text:
        yield section.source, f"{section.number}. {section.status_text}"
    for i, unit in enumerate(section.units):
        first = i == 0 and numbered and not section.status_text
        yield from _unit(unit, f"{section.number}. " if first else "")
    if section.history_source is not None:
        yield section.history_source, history_text(section.history)
    for note in section.notes:
        yield note.source, note.text


def _unit(unit: Unit, prefix: str = "") -> Iterator[tuple[Source, str]]:
    if unit.label_source is not None:
        yield unit.label_source, unit.label
        yield unit.source, f"{prefix}{unit.text}"
    else:
        label = f"{unit.label} " if unit.label else ""
        yield unit.source, f"{prefix}{label}{unit.text}".rstrip()
    for child in unit.children:
        yield from _unit(child)
    if unit.closing_source is not None:
        yield unit.closing_source, unit.closing


def rebuild_lines(doc: Document) -> dict[int, str]:
    """Line number -> rebuilt text; ValueError when a line is claimed twice."""
    lines: dict[int, str] = {}
    for src, text in accounted(doc):
        if src.line in lines:
            raise ValueError(f"line {src.line} is accounted for twice")
        lines[src.line] = text
    inline = sorted((c for c in doc.chrome if c.offset is not None),
                    key=lambda c: (c.source.line, -(c.offset or 0)))
    for chrome in inline:
        line, at = lines.get(chrome.source.line, ""), chrome.offset or 0
        lines[chrome.source.line] = line[:at] + chrome.text + line[at:]
    return lines
