"""What gets indexed: one record per section, per unit, per division heading.

Records are built from the model only (never from the source files) and do not
depend on the search engine: the Whoosh index and the SQLite benchmark index
the same records.  Any `Document` is indexed the same way whatever its kind,
so guidance pages need nothing special.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from alinea.ids import ProvisionId
from alinea.model import IN_FORCE, Corpus, Division, Document, HistoryEntry, Section, Unit
from search.concepts import ConceptTags, ancestors

SEPARATOR = " › "
"""Between the parts of a breadcrumb."""


@dataclass(frozen=True)
class Record:
    """One indexed element."""

    id: str
    """Provision id of the element (section, unit or division)."""
    group: str
    """What results collapse on: the section id, or the division id for a heading."""
    doc: str
    """Document id."""
    doc_kind: str
    """``statute``, ``regulation`` or ``guidance``."""
    kind: str
    """``section``, a unit kind (``subparagraph``...) or ``heading``."""
    lang: str
    """Language of the document."""
    status: str
    """Status of the element (a unit's own status when it is not in force, else its section's)."""
    heading: str
    """The element's heading as its document prints it: a section's or a guidance section's heading
    (a guidance section's number when it has none), a division's heading.  The label (« art. 55 »,
    "Title II") is never stored: the caller prints it from the id, in the language it is asked for."""
    breadcrumb: str
    """Document title and enclosing headings, joined by `SEPARATOR`."""
    within: tuple[str, ...]
    """Ids of the document and every enclosing division."""
    title_id: str
    """Id of the enclosing title (or top-level division), empty when none."""
    chapter_id: str
    """Id of the enclosing chapter, empty when none."""
    text: str
    """The text searched and shown."""
    amended: tuple[int, ...]
    """Years of the acts in the element's history (enacting and amending)."""
    programs: tuple[str, ...]
    """Program slugs (``basic-income``; see search.concepts)."""
    terms: tuple[str, ...]
    """Terms the section defines."""
    label: str = ""
    """A division's label as its document prints it (``TITLE II``): with `heading`, what the
    facets call the division."""

    @property
    def kinds(self) -> tuple[str, ...]:
        """What a ``kind:`` filter matches: the document's kind, the element's, a heading's division kind."""
        kinds = [self.doc_kind, self.kind]
        if self.kind == "heading":
            kinds.append(ProvisionId.parse(self.id).divisions[-1][0])
        return tuple(dict.fromkeys(kinds))


def records(corpus: Corpus, tags: ConceptTags | None = None) -> Iterator[Record]:
    """Every record of every document, in document order."""
    tags = tags or ConceptTags(corpus)
    for doc in corpus.documents:
        yield from document_records(doc, tags)


def document_records(doc: Document, tags: ConceptTags, start: int = 0, stop: int | None = None) -> Iterator[Record]:
    """Records of one document: its headings, then each section followed by its units; only
    sections start to stop (excluded) when given, the headings with the part that starts at 0."""
    if start == 0:
        for division in doc.divisions:
            yield _division_record(division, doc, tags)
    enclosing: dict[str | None, dict] = {}
    for section in doc.sections[start:stop]:
        base = _section_record(section, doc, tags, enclosing)
        yield base
        for unit in section.walk():
            yield _unit_record(unit, base)


def _context(node: Section | Division, doc: Document, tags: ConceptTags, enclosing: dict | None = None) -> dict:
    """The fields a node's record takes from its document and enclosing divisions; enclosing: those
    of the sections met so far, by parent (the sections of a division share them)."""
    known = enclosing.get(node.parent) if enclosing is not None else None
    if known is None:
        chain = ancestors(node, doc)
        if isinstance(node, Division):
            chain.append(node)
        titles = [d.id for d in chain if d.kind in ("title", "part")] or [d.id for d in chain[:1]]
        chapters = [d.id for d in chain if d.kind == "chapter"]
        heads = [doc.title] + [f"{d.label} {d.heading}".strip() for d in chain if d is not node]
        known = {"doc": doc.id, "doc_kind": doc.kind, "lang": doc.lang, "breadcrumb": SEPARATOR.join(heads),
                 "within": (doc.id, *(d.id for d in chain)), "title_id": titles[0] if titles else "",
                 "chapter_id": chapters[0] if chapters else ""}
        if enclosing is not None:
            enclosing[node.parent] = known
    return {**known, "programs": tags.programs_of(node, doc)}


def _years(history: tuple[HistoryEntry, ...]) -> tuple[int, ...]:
    return tuple(sorted({e.year for e in history if e.year is not None}))


def division_name(rec: Record) -> str:
    """A division as the facets name it: its label and heading as its document prints them."""
    return f"{rec.label} {rec.heading}".strip()


def _division_record(division: Division, doc: Document, tags: ConceptTags) -> Record:
    heading = f"{division.label} {division.heading}".strip()
    text = "\n".join([heading] + [n.text for n in division.notes])
    return Record(id=division.id, group=division.id, kind="heading", status=division.status,
                  heading=division.heading, label=division.label,
                  text=text, amended=_years(division.history), terms=(), **_context(division, doc, tags))


def _section_record(section: Section, doc: Document, tags: ConceptTags, enclosing: dict | None = None) -> Record:
    text = "\n".join(t for t in (section.heading, section.text or section.status_text) if t)
    return Record(id=section.id, group=section.id, kind="section", status=section.status,
                  heading=section.heading or (section.number if doc.kind == "guidance" else ""), text=text, amended=_years(section.history),
                  terms=tags.defined_terms(section), **_context(section, doc, tags, enclosing))


def _unit_record(unit: Unit, section: Record) -> Record:
    """The section's record with the unit's own id, kind, status and text (its other fields are the
    section's: copied as they are, which `dataclasses.replace`, rebuilding every field, made the
    slowest step of making a large library's records)."""
    record = object.__new__(Record)
    record.__dict__.update(section.__dict__, id=unit.id, kind=unit.kind, text=unit.full_text,
                           status=unit.status if unit.status != IN_FORCE else section.status)
    return record
