"""LégisQuébec consolidated text (copied from the web page) -> Document.

The ingester reads the file line by line; each line becomes exactly one
element of the model (front matter, heading, section text, unit, history,
note, or a skipped blank line), so that `ingest.rebuild` can give the text
back.  English and French consolidations are both read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from alinea.errors import ParseError
from alinea.ids import doc_id_from_chapter, legisquebec_url, section_sort_key, slug, unit_anchor
from alinea.model import (
    IN_FORCE,
    INOPERATIVE,
    INTEGRATED,
    OMITTED,
    REPEALED,
    Division,
    Document,
    HistoryEntry,
    Note,
    Section,
    Source,
    Unit,
)
from ingest.clean import clean
from ingest.dates import parse_date
from ingest.history import parse_history
from ingest.registry import ingester
from ingest.source import read_text, split_lines

SP = r"[ \u00a0\u2009\u202f\t]"
DIVISION_KINDS = {
    "PART": "part", "PARTIE": "part", "TITLE": "title", "TITRE": "title",
    "CHAPTER": "chapter", "CHAPITRE": "chapter", "DIVISION": "division", "SECTION": "division",
    "SUBDIVISION": "subdivision", "SOUS-SECTION": "subdivision", "SCHEDULE": "schedule",
    "ANNEXE": "schedule",
}
RANK = {"part": 0, "title": 1, "chapter": 2, "division": 3, "subdivision": 4, "group": 5}
TOP_LEVEL_GROUPS = re.compile(r"^(REPEAL SCHEDULES?|ANNEXES? ABROGATIVES?)$")
LABEL = re.compile(rf"^({'|'.join(DIVISION_KINDS)}){SP}+([IVXLC]+|\d+(?:\.\d+)*|[A-Z])$")
SECTION_START = re.compile(rf"^(\d+(?:\.\d+)*)\.{SP}+(\S.*)$")
NUMBERED = re.compile(rf"^(\((\d+(?:\.\d+)?)\)|(\d+(?:\.\d+)?)°){SP}+(.*)$")
LETTERED = re.compile(rf"^(\(([a-z]{{1,2}}(?:\.\d+)?)\)|([a-z]{{1,2}}(?:\.\d+)?)\)){SP}+(.*)$")
ROMAN = re.compile(rf"^(([ivxl]+)\.){SP}+(.*)$")
STATUS = [
    (re.compile(r"^\((Repealed|Abrogé)\)\.?$"), REPEALED),
    (re.compile(r"^\((Omitted|Omis)\)\.?$"), OMITTED),
    (re.compile(r"^\((Inoperative|Inopérant)\b.*\)\.?$"), INOPERATIVE),
    (re.compile(r"^\((Amendment integrated into|Modification intégrée au)\b.*\)\.?$"), INTEGRATED),
    (re.compile(r"^\((Replaced|Remplacé)\)\.?$"), REPEALED),
]
INTEGRATED_TARGET = re.compile(
    r"(?:into|au) c\. ([A-Z]{1,3}-\d+(?:\.\d+)*(?:, r\. \d+(?:\.\d+)*)?), (.+?)\)\.?$")
HEADING_REPEALED = re.compile(r"^(Repealed|Abrogé)e?s?,? (.*)$")
UPDATED = re.compile(r"^(?:Updated to|À jour au) (.+)$")
CHAPTER_LINE = re.compile(rf"^(?:chapter|chapitre){SP}+(\S.*)$")
ORDER = re.compile(
    r"(?:Order in Council|Décret) (\d+-\d{4}) (?:dated|du) (.+?), \(\d{4}\)")
RANKS = {"paragraph": 0, "subparagraph": 1, "clause": 2, "item": 3}


@dataclass
class _Unit:
    """A unit being built; frozen into alinea.model.Unit at the end of its section."""

    kind: str
    label: str
    number: str
    text: str
    source: Source
    children: list["_Unit"] = field(default_factory=list)
    closing: str = ""
    closing_source: Source | None = None

    def freeze(self, parent_id: str, section: str, path: tuple[str, ...]) -> Unit:
        uid = f"{parent_id}/{path[-1]}"
        kids = tuple(c.freeze(uid, section, path + (c.segment,)) for c in self.children)
        return Unit(uid, self.kind, self.label, self.number, self.text, self.source,
                    unit_anchor(section, path) if self.kind != "quotation" else "",
                    kids, self.closing, self.closing_source)

    @property
    def segment(self) -> str:
        return f"p{self.number}" if self.kind == "paragraph" else self.number


@dataclass
class _Section:
    number: str
    parent: str | None
    source: Source
    status: str = IN_FORCE
    status_text: str = ""
    paragraphs: list[_Unit] = field(default_factory=list)
    open: list[_Unit] = field(default_factory=list)
    history: tuple[HistoryEntry, ...] = ()
    history_source: Source | None = None
    notes: list[Note] = field(default_factory=list)
    quotations: int = 0


@dataclass
class _Division:
    kind: str
    label: str
    number: str
    heading: str
    id: str
    parent: str | None
    source: Source
    heading_source: Source | None = None
    status: str = IN_FORCE
    history: tuple[HistoryEntry, ...] = ()
    history_source: Source | None = None
    notes: list[Note] = field(default_factory=list)


class _Parser:
    def __init__(self, lines: list[str], path: str) -> None:
        self.lines, self.path = lines, path
        self.front: list[Source] = []
        self.skipped: list[Source] = []
        self.warnings: list[str] = []
        self.divisions: list[_Division] = []
        self.stack: list[_Division] = []
        self.sections: list[_Section] = []
        self.section: _Section | None = None
        self.expect_heading: _Division | None = None
        self.last: object = None  # the element the previous line went to
        self.doc_id = ""
        self.title = ""
        self.updated_to: str | None = None
        self.chapter = ""
        self.lang = "en"

    def error(self, line: int, message: str, **kw: str) -> ParseError:
        return ParseError(self.path, line, message, **kw)

    # -- front matter ---------------------------------------------------------
    def parse_front(self) -> int:
        """Read the identification block; return the index of the first body line."""
        for i, raw in enumerate(self.lines[:40]):
            m = CHAPTER_LINE.match(clean(raw))
            if m and i + 1 < len(self.lines):
                try:
                    self.doc_id = doc_id_from_chapter(m[1])
                except ValueError:
                    continue
                self.chapter = clean(m[1])
                self.lang = "fr" if clean(raw).startswith("chapitre") else "en"
                self.title = clean(self.lines[i + 1])
                for j, line in enumerate(self.lines[: i + 2]):
                    (self.skipped if not line.strip() else self.front).append(Source(j + 1, line))
                    if u := UPDATED.match(clean(line)):
                        self.updated_to = parse_date(u[1])
                return i + 2
        raise self.error(1, "not a LégisQuébec consolidated text: no 'chapter <code>' "
                            "line followed by the title in the first 40 lines",
                         expected="'chapter A-13.1.1' / 'chapitre A-13.1.1'")

    # -- body -------------------------------------------------------------------
    def parse(self) -> Document:
        start = self.parse_front()
        if self.updated_to is None:
            self.warnings.append(f"{self.path}: no 'Updated to' date in the front matter")
        for index in range(start, len(self.lines)):
            self.line(index + 1, self.lines[index])
        if self.expect_heading is not None:
            raise self.error(len(self.lines), f"file ends after '{self.expect_heading.label}' "
                             "without its heading; the file looks truncated")
        if self.section and self.section.history_source is None and self.section.status == IN_FORCE:
            raise self.error(self.section.source.line,
                             f"file ends inside section {self.section.number}, before its "
                             "history line; the file looks truncated")
        if not self.sections:
            raise self.error(len(self.lines), "no numbered section found",
                             expected="lines such as '1. The purpose of this Act ...'")
        return self.document()

    def line(self, n: int, raw: str) -> None:
        src = Source(n, raw)
        text = clean(raw)
        if not text:
            self.skipped.append(src)
            return
        if self.expect_heading is not None:
            self.heading_text(src, text)
            return
        if m := LABEL.match(text):
            self.open_division(src, DIVISION_KINDS[m[1]], m[1], m[2])
            return
        if self.try_history(src, text):
            return
        if m := SECTION_START.match(text):
            number = m[1]
            previous = self.sections[-1].number if self.sections else None
            if self.section and self.section.history_source is None and self.prev_ends_with_colon(n):
                self.quotation(src, text)
                return
            if previous is None or section_sort_key(number) > section_sort_key(previous):
                self.open_section(src, number, m[2])
                return
            raise self.error(n, f"section {number} comes after section {previous}: "
                                "sections out of order or repeated", got=text,
                             expected=f"a section numbered after {previous}")
        if self.is_group_heading(text):
            self.open_group(src, text)
            return
        if self.section is not None and self.section.history_source is None:
            self.section_line(src, text)
            return
        self.note(src, text)

    def prev_ends_with_colon(self, n: int) -> bool:
        for k in range(n - 2, -1, -1):
            if self.lines[k].strip():
                return clean(self.lines[k]).endswith(":")
        return False

    def is_group_heading(self, text: str) -> bool:
        letters = [c for c in text if c.isalpha()]
        closed = self.section is None or self.section.history_source is not None
        return (closed and len(letters) >= 4 and all(c.isupper() for c in letters)
                and not text.endswith(".") and self.last is not None)

    # -- divisions --------------------------------------------------------------
    def open_division(self, src: Source, kind: str, word: str, number: str) -> None:
        self.close_section()
        while self.stack and RANK.get(self.stack[-1].kind, 9) >= RANK.get(kind, 9):
            self.stack.pop()
        if kind == "schedule":
            self.stack.clear()
        parent = self.stack[-1].id if self.stack else None
        did = f"{parent or self.doc_id}/{kind}:{number}"
        div = _Division(kind, f"{word} {number}", number, "", did, parent, src)
        self.check_unique(div, src)
        self.divisions.append(div)
        self.stack.append(div)
        self.expect_heading = div
        self.last = div

    def open_group(self, src: Source, text: str) -> None:
        self.close_section()
        top_level = bool(TOP_LEVEL_GROUPS.match(text))
        if top_level:
            self.stack.clear()
        while self.stack and self.stack[-1].kind == "group":
            self.stack.pop()
        parent = self.stack[-1].id if self.stack else None
        kind = "schedule" if top_level else "group"
        did = f"{parent or self.doc_id}/{kind}:{slug(text)}"
        div = _Division(kind, "", slug(text), text, did, parent, src)
        self.check_unique(div, src)
        self.divisions.append(div)
        self.stack.append(div)
        self.last = div

    def check_unique(self, div: _Division, src: Source) -> None:
        if any(d.id == div.id for d in self.divisions):
            raise self.error(src.line, f"division {div.id} appears twice", got=src.raw)

    def heading_text(self, src: Source, text: str) -> None:
        div = self.expect_heading
        assert div is not None
        self.expect_heading = None
        div.heading, div.heading_source = text, src
        if HEADING_REPEALED.match(text):
            div.status = REPEALED

    # -- sections ---------------------------------------------------------------
    def open_section(self, src: Source, number: str, rest: str) -> None:
        self.close_section()
        parent = self.stack[-1].id if self.stack else None
        section = _Section(number, parent, src)
        for pattern, status in STATUS:
            if pattern.match(rest):
                section.status, section.status_text = status, rest
                break
        else:
            self.new_paragraph(section, rest, src)
        self.sections.append(section)
        self.section = section
        self.last = section

    def close_section(self) -> None:
        if self.section and self.section.history_source is None:
            self.warnings.append(f"{self.path}:{self.section.source.line}: section "
                                 f"{self.section.number} has no history line")
        self.section = None

    def new_paragraph(self, section: _Section, text: str, src: Source) -> None:
        unit = _Unit("paragraph", "", str(len(section.paragraphs) + 1), text, src)
        section.paragraphs.append(unit)
        section.open = [unit]

    def section_line(self, src: Source, text: str) -> None:
        section = self.section
        assert section is not None
        if section.status != IN_FORCE:
            raise self.error(src.line, f"text after the status of section {section.number}",
                             got=text, expected="its history line")
        for pattern, kind in ((NUMBERED, "subparagraph"), (LETTERED, "clause"), (ROMAN, "item")):
            if m := pattern.match(text):
                groups = [g for g in m.groups() if g is not None]
                label, number, body = groups[0], groups[1], groups[-1]
                self.subunit(section, _Unit(kind, label, number, body, src))
                return
        current = section.open[0] if section.open else None
        if current is not None and current.children and text[0].islower():
            if current.closing_source is not None:
                raise self.error(src.line, f"second closing line in section {section.number}",
                                 got=text)
            current.closing, current.closing_source = text, src
            section.open = [current]
            return
        self.new_paragraph(section, text, src)

    def subunit(self, section: _Section, unit: _Unit) -> None:
        rank = RANKS[unit.kind]
        while section.open and RANKS.get(section.open[-1].kind, 0) >= rank:
            section.open.pop()
        if not section.open:
            raise self.error(unit.source.line, f"{unit.label} before any paragraph of "
                             f"section {section.number}", got=unit.source.raw)
        parent = section.open[-1]
        if any(c.number == unit.number for c in parent.children):
            self.warnings.append(f"{self.path}:{unit.source.line}: {unit.label} repeats a "
                                 f"label in section {section.number}; kept as text")
            parent.children.append(_Unit("quotation", "", self.next_quote(section), clean(unit.source.raw), unit.source))
            return
        parent.children.append(unit)
        section.open.append(unit)

    def next_quote(self, section: _Section) -> str:
        section.quotations += 1
        return f"q{section.quotations}"

    def quotation(self, src: Source, text: str) -> None:
        section = self.section
        assert section is not None and section.open
        section.open[-1].children.append(_Unit("quotation", "", self.next_quote(section), text, src))

    # -- history and notes ------------------------------------------------------------
    def try_history(self, src: Source, text: str) -> bool:
        target = self.section if self.section is not None else self.last
        if target is None or getattr(target, "history_source", "x") is not None or not text.endswith("."):
            return False
        if isinstance(target, _Division) and (target.heading_source is None and target.kind != "group"):
            return False
        try:
            entries = parse_history(text, self.lang)
        except ValueError:
            return False
        target.history, target.history_source = tuple(entries), src
        return True

    def note(self, src: Source, text: str) -> None:
        owner: _Section | _Division | None = None
        if self.sections and self.last is self.sections[-1]:
            owner = self.sections[-1]
        elif isinstance(self.last, _Division):
            owner = self.last
        if owner is None:
            self.warnings.append(f"{self.path}:{src.line}: text outside any section or "
                                 "heading; kept as a front-matter line")
            self.front.append(src)
            return
        kind = note_kind(text, owner)
        if kind == "text":
            self.warnings.append(f"{self.path}:{src.line}: unexpected text after "
                                 f"{'section ' + owner.number if isinstance(owner, _Section) else owner.id}; kept as a note")
        owner.notes.append(make_note(kind, text, src))

    # -- result ------------------------------------------------------------------
    def document(self) -> Document:
        divisions = tuple(
            Division(d.id, d.kind, d.label, d.number, d.heading, d.parent, d.source,
                     d.heading_source, d.status, d.history, d.history_source, tuple(d.notes))
            for d in self.divisions)
        sections = tuple(self.freeze(s) for s in self.sections)
        kind = "regulation" if "-r" in self.doc_id else "statute"
        return Document(self.doc_id, kind, self.lang, self.title, self.path, divisions,
                        sections, self.updated_to, "LégisQuébec", "", self.chapter,
                        tuple(self.front), tuple(self.skipped), tuple(self.warnings))

    def freeze(self, s: _Section) -> Section:
        sid = f"{self.doc_id}/{s.number}"
        units = tuple(p.freeze(sid, s.number, (p.segment,)) for p in s.paragraphs)
        integrated = None
        if s.status == INTEGRATED and (m := INTEGRATED_TARGET.search(s.status_text)):
            integrated = (m[1], m[2])
        return Section(sid, s.number, s.status, s.parent, units, s.source, s.history,
                       s.history_source, tuple(s.notes), integrated_into=integrated,
                       status_text=s.status_text)


def note_kind(text: str, owner: object) -> str:
    """Classify a note by what it says."""
    lowered = text.lower()
    if "not in force" in lowered or "pas en vigueur" in lowered:
        return "not in force"
    if "exercises the functions" in lowered or "exerce les fonctions" in lowered:
        return "ministerial"
    if isinstance(owner, _Division) and owner.kind == "schedule":
        return "repeal schedule"
    return "text"


def make_note(kind: str, text: str, src: Source) -> Note:
    """A Note, with the Order in Council it cites read out of the text."""
    order = date = date_raw = None
    if m := ORDER.search(text):
        order, date_raw = m[1], m[2]
        date = parse_date(date_raw)
    return Note(kind, text, src, order, date, date_raw)


def parse_statute_text(text: str, path: str) -> Document:
    """Parse the text of a LégisQuébec consolidation read from `path`."""
    return _Parser(split_lines(text), path).parse()


@ingester("legisquebec-text")
def parse_statute_file(path: str, meta: dict | None = None) -> Document:
    """Read and parse a LégisQuébec consolidated text file; `meta` (a manifest entry)
    supplies the publisher and URL."""
    doc = parse_statute_text(read_text(path), path)
    meta = meta or {}
    return replace(doc, publisher=meta.get("publisher") or doc.publisher,
                   url=meta.get("url") or legisquebec_url(doc.id, doc.lang))
