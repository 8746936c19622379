"""Guidance pages, whatever their format: a list of blocks -> sections and units.

The text and HTML ingesters each turn a page into a `Page`: its content
`Block`s (headings, paragraphs, bullets, numbered lines, "Note"/"Exemple"
labels) plus the lines that are not content (front matter, chrome, blanks).
`build_document` then gives the page its structure:

- each heading starts a `Section` numbered "1", "2", ...; text before the first
  heading is section "1" with an empty heading;
- a paragraph is a unit ``<section>/pN``; bullets become children of the
  paragraph before them (``pN/1``, ``pN/1/1`` when nested), or top-level units
  when no paragraph precedes them in the section;
- a "Note"/"Exemple" label gives its kind (``note``/``example``) to the
  paragraph that follows it, which keeps the label and the label's line
  (`Unit.label_source`); in HTML every paragraph of a note box has the kind;
- a numbered line ending with "?" (or any question line in a section headed
  Q&A/FAQ) is a ``question`` unit whose answer paragraphs are its children
  (kind ``answer``);
- the bullets (or plain lines) of a closing "Lois et règlements" section are
  ``reference`` units;
- a section's `period` comes from its heading, else from the first paragraph
  when it says which dates it governs, else (HTML) from the enclosing heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from alinea.errors import ParseError
from alinea.ids import slug
from alinea.model import IN_FORCE, Chrome, Document, Period, Section, Source, Unit
from ingest.periods import find_periods, fold_chars, governing_period, parse_period

HEADING, PARAGRAPH, BULLET, NUMBERED, LABEL = "heading", "paragraph", "bullet", "numbered", "label"
QUESTION = "question"
LABELS = {
    "note": "note", "notes": "note", "remarque": "note", "remarques": "note", "a noter": "note",
    "nota": "note", "important": "note", "attention": "note", "precision": "note",
    "exemple": "example", "exemples": "example", "example": "example", "examples": "example",
    "par exemple": "example", "for example": "example", "illustration": "example",
}
_REFERENCES = re.compile(
    r"^(?:lois? et reglements?|references? (?:legales|legislatives|juridiques)|textes? de lois?"
    r"|dispositions? (?:legales|legislatives)|fondements? (?:legal|legaux|juridiques?)"
    r"|laws? and regulations?|legal (?:references|basis)|legislation|statutes and regulations"
    r"|legislative references)\s*:?$")
_QA = re.compile(r"(?:\bq\s*(?:&|/|et|and)\s*[ra]\b|\bfaq\b|questions?\s+(?:et|and)\s+(?:reponses?|answers?)"
                 r"|foire aux questions|questions? frequentes?|frequently asked questions)")
_UPDATED = re.compile(
    r"^(?:last (?:update|updated|modified|revised)|updated on|date (?:of )?(?:last )?(?:update|modification)"
    r"|derniere (?:mise a jour|modification)|mise a jour|mis a jour le"
    r"|date de (?:la derniere )?(?:mise a jour|modification))\s*:?\s*")
_FR_WORDS = {"le", "la", "les", "des", "du", "est", "et", "une", "pour", "dans", "qui", "au", "aux", "sont"}
_EN_WORDS = {"the", "and", "of", "to", "is", "for", "in", "you", "are", "be", "with", "your", "this"}


@dataclass
class Block:
    """One content block of a page, before it is given its place in the structure."""

    kind: str
    """``heading``, ``paragraph``, ``bullet``, ``numbered``, ``label`` or ``question`` (HTML
    ``dt``/``summary``; in text a question is a numbered line ending with "?")."""
    text: str
    """The text, spaces normalised, chrome taken out, the marker or label removed."""
    source: Source
    """The line (HTML: the element) it comes from."""
    level: int = 0
    """Heading level (HTML ``h2`` = 2); 0 when the format has none (plain text)."""
    depth: int = 0
    """Bullet nesting, 0 for the outermost list."""
    label: str = ""
    """Bullet marker (``•``), number (``1.``), or the label as printed (``Note``)."""
    box: str = ""
    """``note`` or ``example`` for a label and, in HTML, for every block in its box."""


def label_kind(text: str) -> str | None:
    """``note``/``example`` when text is a label line ("Note", "Exemple :"), else None."""
    return LABELS.get(fold_chars(" ".join(text.split())).rstrip(" :.").strip())


def updated_date(text: str) -> str | None:
    """The ISO date of a "Last update: 2016-12-21" / "Dernière mise à jour : …" line, else None."""
    if not _UPDATED.match(fold_chars(" ".join(text.split()))):
        return None
    found = find_periods(text)
    return (found[0].period.start or found[0].period.end) if found else None


def is_references_heading(text: str) -> bool:
    """True for the heading of a page's closing list of laws and regulations."""
    return bool(_REFERENCES.match(fold_chars(" ".join(text.split()))))


def detect_lang(texts: list[str]) -> str:
    """``fr`` or ``en``, whichever has more common function words in the texts."""
    words = re.findall(r"[a-zà-ÿ]+", " ".join(texts).lower())
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"


@dataclass
class Page:
    """A page split into content blocks and everything else, as an ingester read it."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    front: list[Source] = field(default_factory=list)
    chrome: list[Chrome] = field(default_factory=list)
    skipped: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    publisher: str = ""
    lang: str = ""
    updated_to: str | None = None
    url: str = ""


@dataclass
class _Unit:
    kind: str
    label: str
    text: str
    source: Source
    label_source: Source | None = None
    children: list["_Unit"] = field(default_factory=list)

    def freeze(self, uid: str, number: str) -> Unit:
        kids = tuple(c.freeze(f"{uid}/{i}", str(i)) for i, c in enumerate(self.children, 1))
        return Unit(uid, self.kind, self.label, number, self.text, self.source,
                    children=kids, label_source=self.label_source)


@dataclass
class _Section:
    heading: str
    source: Source
    heading_source: Source | None
    level: int
    units: list[_Unit] = field(default_factory=list)

    @property
    def is_references(self) -> bool:
        return is_references_heading(self.heading)

    @property
    def is_qa(self) -> bool:
        return bool(_QA.search(fold_chars(self.heading)))


class _Builder:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.sections: list[_Section] = []
        self.holder: _Unit | None = None      # what bullets attach to
        self.bullets: list[tuple[int, _Unit]] = []
        self.question: _Unit | None = None
        self.pending: Block | None = None      # a label waiting for its paragraph

    @property
    def section(self) -> _Section:
        if not self.sections:
            first = self.page.blocks[0].source if self.page.blocks else Source(1, "")
            self.sections.append(_Section("", first, None, 0))
        return self.sections[-1]

    def add(self, block: Block) -> None:
        if block.kind == HEADING:
            if self.sections and self.section.is_qa and block.text.endswith("?") and not block.level:
                self.add_question(block)
            else:
                self.open_section(block)
        elif block.kind == LABEL:
            self.flush_label()
            self.pending = block
        elif block.kind == QUESTION or (
                block.kind == NUMBERED and (block.text.endswith("?") or self.section.is_qa)):
            self.flush_label()
            self.add_question(block)
        elif block.kind == BULLET:
            self.add_bullet(block)
        else:
            self.add_paragraph(block)

    def open_section(self, block: Block) -> None:
        self.flush_label()
        self.sections.append(_Section(block.text, block.source, block.source, block.level))
        self.holder, self.bullets, self.question = None, [], None

    def flush_label(self) -> None:
        """A label followed by no paragraph stands alone as an empty note or example."""
        label, self.pending = self.pending, None
        if label is not None:
            self.page.warnings.append(f"{self.page.path}:{label.source.line}: label "
                                      f"{label.label!r} is followed by no paragraph")
            self.top(_Unit(label.box, label.label, "", label.source))

    def top(self, unit: _Unit) -> None:
        self.section.units.append(unit)
        self.holder, self.bullets = unit, []

    def add_question(self, block: Block) -> None:
        self.top(_Unit("question", block.label, block.text, block.source))
        self.question = self.holder

    def add_paragraph(self, block: Block) -> None:
        if self.section.is_references and block.kind != LABEL and not self.pending:
            self.section.units.append(_Unit("reference", "", block.text, block.source))
            return
        label = block.label if block.kind == NUMBERED else ""
        unit = _Unit(block.box or PARAGRAPH, label, block.text, block.source)
        if self.pending is not None:
            label_block, self.pending = self.pending, None
            unit.kind, unit.label, unit.label_source = label_block.box, label_block.label, label_block.source
        if unit.kind == PARAGRAPH and not label and self.question is not None:
            unit.kind = "answer"
            self.question.children.append(unit)
            self.holder, self.bullets = unit, []
            return
        self.question = None
        self.top(unit)

    def add_bullet(self, block: Block) -> None:
        self.flush_label()
        section = self.section
        if section.is_references:
            section.units.append(_Unit("reference", block.label, block.text, block.source))
            return
        unit = _Unit("bullet", block.label, block.text, block.source)
        while self.bullets and self.bullets[-1][0] >= block.depth:
            self.bullets.pop()
        parent = self.bullets[-1][1] if self.bullets else self.holder
        if parent is None:
            section.units.append(unit)
        else:
            parent.children.append(unit)
        self.bullets.append((block.depth, unit))

    def freeze(self, doc_id: str) -> tuple[Section, ...]:
        self.flush_label()
        sections = []
        inherited: list[tuple[int, Period | None]] = []
        for n, s in enumerate(self.sections, 1):
            sid = f"{doc_id}/{n}"
            units = tuple(u.freeze(f"{sid}/p{i}", str(i)) for i, u in enumerate(s.units, 1))
            while inherited and inherited[-1][0] >= s.level:
                inherited.pop()
            period = section_period(s.heading, units) or next(
                (p for _, p in reversed(inherited) if p is not None), None)
            if s.level:
                inherited.append((s.level, period))
            sections.append(Section(sid, str(n), IN_FORCE, None, units, s.source,
                                    heading=s.heading, heading_source=s.heading_source,
                                    period=period))
        return tuple(sections)


def section_period(heading: str, units: tuple[Unit, ...]) -> Period | None:
    """The period a heading names, else the one the section's first paragraph governs."""
    if heading and (period := parse_period(heading)):
        return period
    if units and units[0].kind == PARAGRAPH:
        return governing_period(units[0].text)
    return None


def doc_id_for(path: str, meta: dict) -> str:
    """The manifest's id, else ``guidance:<slug of the file name without extensions>``."""
    if meta.get("id"):
        return str(meta["id"])
    return f"guidance:{slug(Path(path).name.split('.')[0]) or 'page'}"


def build_document(page: Page, meta: dict) -> Document:
    """The Document for a page; ParseError when the page has no content at all."""
    if not any(b.kind != LABEL for b in page.blocks):
        last = max([s.line for s in page.front + page.skipped] + [c.source.line for c in page.chrome] + [1])
        raise ParseError(page.path, last, "no content: every line is blank, page chrome or the title",
                         expected="headings and paragraphs of a guidance page")
    builder = _Builder(page)
    for block in page.blocks:
        builder.add(block)
    doc_id = doc_id_for(page.path, meta)
    sections = builder.freeze(doc_id)
    lang = meta.get("lang") or page.lang or detect_lang([b.text for b in page.blocks])
    return Document(
        doc_id, "guidance", lang, meta.get("title") or page.title or Path(page.path).name,
        page.path, sections=sections,
        updated_to=page.updated_to or meta.get("current_to"),
        publisher=meta.get("publisher") or page.publisher, url=meta.get("url") or page.url,
        front=tuple(page.front), skipped=tuple(page.skipped), warnings=tuple(page.warnings),
        chrome=tuple(page.chrome))
