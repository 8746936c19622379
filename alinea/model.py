"""The Alinea model: every layer imports these types and none re-parses text.

A corpus is a list of `Document`s (statutes, regulations, guidance pages).
A document holds `Division`s (flat, each naming its parent) and `Section`s;
a section holds a tree of `Unit`s (paragraphs, subparagraphs, items), its
amendment `HistoryEntry`s and its `Note`s.  Cross-references found in the
text are `Reference`s from one provision id to another.

Every element that comes from a line of a source file keeps that line as a
`Source`, so that the document can be rebuilt line for line (the lossless
property the tests check).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

IN_FORCE = "in force"
REPEALED = "repealed"
OMITTED = "omitted"
INOPERATIVE = "inoperative"
INTEGRATED = "integrated"
STATUSES = (IN_FORCE, REPEALED, OMITTED, INOPERATIVE, INTEGRATED)


@dataclass(frozen=True)
class Source:
    """Where an element comes from in its source file."""

    line: int
    """1-based line number (for HTML: the source line of the element's start tag)."""
    raw: str
    """The line (or the element's text) exactly as published, spaces untouched."""


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of an amendment history, such as ``2016, c. 25, s. 28``."""

    raw: str
    """The entry as printed, with no-break and thin spaces normalised to spaces."""
    kind: str = "act"
    """``act`` (an annual statute), ``update`` (``I.N. 2016-01-01 (NCCP)``),
    ``decree`` (``D. 851-2016``), ``revised`` (``R.R.Q., 1981, c. S-2.1, r. 9``),
    ``decision`` (``Décision 83-11-17``), ``erratum`` (``Erratum, 1987 G.O. 2, 1673``)
    or ``unparsed``."""
    year: int | None = None
    """Year of the amending statute (2016 in ``2016, c. 25, s. 28``)."""
    chapter: str | None = None
    """Chapter of the amending statute in that year (``25``), the decree number
    (``851-2016``) or the revised regulation (``S-2.1, r. 9``)."""
    sections: tuple[str, ...] = ()
    """Sections of the amending statute named by the entry (``("69", "72")``)."""
    other_pinpoints: tuple[str, ...] = ()
    """Pinpoints other than sections: ``c. III``, ``Schedule I``, ``sec. III``, ``Erratum``."""
    date: str | None = None
    """ISO date of an ``update`` entry or of a decree."""
    reason: str | None = None
    """Why an ``update`` entry was made (``NCCP``: the new Code of Civil Procedure)."""

    @property
    def act(self) -> str | None:
        """The amending act as a node id, ``2016, c. 25``, or None."""
        if self.kind == "act" and self.year is not None and self.chapter:
            return f"{self.year}, c. {self.chapter}"
        if self.kind == "decree" and self.chapter:
            return f"D. {self.chapter}"
        if self.kind == "revised" and self.chapter:
            return f"R.R.Q., {self.year}, c. {self.chapter}"
        return None


@dataclass(frozen=True)
class Note:
    """Editorial or official text attached to a provision but not part of it."""

    kind: str
    """``not in force``, ``ministerial`` (who exercises the Minister's functions),
    ``repeal schedule``, ``editorial``, ``text``, or ``unparsed`` (markup the parser does not
    know, kept as written with a warning)."""
    text: str
    """The note, spaces normalised."""
    source: Source
    """The line it was read from."""
    order_in_council: str | None = None
    """Number of the Order in Council the note cites (``1072-2006``)."""
    date: str | None = None
    """ISO date of that order, when it could be read."""
    date_raw: str | None = None
    """The date as printed (kept even when it cannot be read, e.g. ``22 CNovember 2006``)."""


@dataclass(frozen=True)
class Period:
    """A dated period that a guidance section governs."""

    start: str | None
    """ISO start date (inclusive), None when open-ended."""
    end: str | None
    """ISO end date (inclusive), None when still current."""
    text: str
    """The words the period was read from (``Entre le 1er janvier 2021 et le 30 septembre 2021``)."""


@dataclass(frozen=True)
class Unit:
    """A paragraph (alinéa) or one of its subdivisions."""

    id: str
    """Provision id, e.g. ``A-13.1.1/55/p1/2/a`` (see alinea.ids)."""
    kind: str
    """``paragraph``, ``subparagraph`` (``(3)``, ``3°``), ``clause`` (``(a)``, ``a)``),
    ``item`` (``i.``), ``quotation`` (text quoted from another act), ``definition``,
    ``continued`` (text or a table between two items, id ``q<n>``),
    and for guidance ``bullet``, ``note``, ``example``, ``question``, ``answer``,
    ``reference`` (an article in a page's closing "Lois et règlements" list)."""
    label: str
    """The label as printed: ``(1.1)``, ``(a)``, ``ii.``, ``3°``; empty for paragraphs."""
    number: str
    """The label's value: ``1.1``, ``a``, ``ii``; the ordinal for paragraphs."""
    text: str
    """The unit's own text (children excluded), spaces normalised."""
    source: Source
    """The line the unit starts on."""
    anchor: str = ""
    """The publisher's anchor (LégisQuébec ``se:55-ss:1-p1:2-p2:a``)."""
    children: tuple["Unit", ...] = ()
    """Subdivisions, in order."""
    closing: str = ""
    """Text that closes the unit after its children ("is not subject to review.")."""
    closing_source: Source | None = None
    """The line the closing text was read from."""
    status: str = IN_FORCE
    """Status of this unit (a repealed subparagraph inside a section in force)."""
    term: str | None = None
    """For a ``definition`` unit, the term it defines."""
    continuation: tuple[Source, ...] = ()
    """Further source lines folded into ``text`` (HTML and guidance only)."""
    label_source: Source | None = None
    """The line the label was printed on when it stands apart ("Note", "Exemple" above the text)."""

    def walk(self) -> Iterator["Unit"]:
        """This unit then its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def full_text(self) -> str:
        """Text of the unit with its descendants, one line each."""
        parts = [self.text] if self.text else []
        parts += [f"{c.label} {c.full_text}".strip() for c in self.children]
        if self.closing:
            parts.append(self.closing)
        return "\n".join(parts)


@dataclass(frozen=True)
class Chrome:
    """Page furniture kept out of the content: menus, buttons, link-icon text, repeated notices."""

    source: Source
    """The line (HTML: the element) it was read from."""
    reason: str
    """Why it is not content: ``navigation``, ``page control``, ``button``, ``link``,
    ``link icon``, ``repeated notice``, ``copyright``, ``script``, ``hidden``."""
    text: str = ""
    """For chrome inside a content line: the words taken out (with the space before them)."""
    offset: int | None = None
    """Where they were taken out, in the line as rebuilt without them; None when the whole
    line (element) is chrome."""


@dataclass(frozen=True)
class Division:
    """A heading that groups sections: title, chapter, division, or an unnumbered group."""

    id: str
    """``A-13.1.1/title:II/chapter:I``."""
    kind: str
    """``title``, ``chapter``, ``division``, ``subdivision``, ``part``, ``schedule`` or ``group``."""
    label: str
    """The label as printed: ``TITLE II``; empty for unnumbered groups."""
    number: str
    """``II``; for groups, the slug of the heading."""
    heading: str
    """``FINANCIAL ASSISTANCE PROGRAMS``."""
    parent: str | None
    """Id of the enclosing division, None at the top."""
    source: Source
    """The label line (for groups, the heading line)."""
    heading_source: Source | None = None
    """The heading line when it is separate from the label line."""
    status: str = IN_FORCE
    """``repealed`` when the whole division was repealed."""
    history: tuple[HistoryEntry, ...] = ()
    """Amendment history of the heading, publisher's order, duplicates kept."""
    history_source: Source | None = None
    """The history line."""
    notes: tuple[Note, ...] = ()
    """Text attached to the heading (the repeal schedule's statement)."""


@dataclass(frozen=True)
class Section:
    """A numbered section (article), or a section of a guidance page."""

    id: str
    """``A-13.1.1/55``."""
    number: str
    """``55``, ``83.5.1``."""
    status: str
    """One of STATUSES."""
    parent: str | None
    """Id of the enclosing division (None when there is none)."""
    units: tuple[Unit, ...]
    """Paragraphs, each with its subdivisions."""
    source: Source
    """The line the section starts on."""
    history: tuple[HistoryEntry, ...] = ()
    """Amendment history, publisher's order, duplicates kept."""
    history_source: Source | None = None
    """The history line."""
    notes: tuple[Note, ...] = ()
    """Notes attached to the section (not-in-force, ministerial)."""
    heading: str = ""
    """A section title (regulations, guidance sections)."""
    heading_source: Source | None = None
    """The line the heading was read from, when separate."""
    integrated_into: tuple[str, str] | None = None
    """For ``integrated`` sections: (chapter, provision), e.g. ``("A-3.001", "s. 11")``."""
    status_text: str = ""
    """The status as printed: ``(Repealed).``, ``(Inoperative, 2005, c. 15, s. 175).``."""
    period: Period | None = None
    """For guidance sections: the dated period the section governs."""

    @property
    def doc(self) -> str:
        """Id of the document the section belongs to."""
        return self.id.rsplit("/", 1)[0]

    def walk(self) -> Iterator[Unit]:
        """Every unit, in document order."""
        for unit in self.units:
            yield from unit.walk()

    @property
    def text(self) -> str:
        """Full text of the section: paragraphs separated by newlines."""
        return "\n".join(u.full_text for u in self.units)

    @property
    def enacted_by(self) -> HistoryEntry | None:
        """The first history entry: the act that introduced the section."""
        return self.history[0] if self.history else None


@dataclass(frozen=True)
class Document:
    """One source document: a statute, a regulation or a guidance page."""

    id: str
    """``A-13.1.1``, ``S-2.1-r6``, ``guidance:adel-66-72``."""
    kind: str
    """``statute``, ``regulation`` or ``guidance``."""
    lang: str
    """``en`` or ``fr``."""
    title: str
    """Title as published."""
    path: str
    """Path of the source file, as given to the parser."""
    divisions: tuple[Division, ...] = ()
    """Every division in document order; each names its parent."""
    sections: tuple[Section, ...] = ()
    """Every section in document order."""
    updated_to: str | None = None
    """ISO date the text is current to ("Updated to 31 August 2024")."""
    publisher: str = ""
    """Who publishes it (LégisQuébec, MESS, a CISSS)."""
    url: str = ""
    """Where it is published, when known."""
    chapter: str = ""
    """Chapter code as published (``A-13.1.1``, ``S-2.1, r. 6``)."""
    front: tuple[Source, ...] = ()
    """Lines before the body (identification block, page chrome) kept verbatim."""
    skipped: tuple[Source, ...] = ()
    """Blank and decorative lines, kept so that every line is accounted for."""
    warnings: tuple[str, ...] = ()
    """Lines kept as unparsed text, with the reason (``file:line: ...``)."""
    concepts: tuple[str, ...] = ()
    """Concept ids (programs, terms) the document is about (guidance)."""
    links: tuple["Reference", ...] = ()
    """References the publisher marked up as links (LégisQuébec HTML), found while parsing."""
    chrome: tuple[Chrome, ...] = ()
    """Page chrome kept out of the content, with the reason (guidance)."""
    status: str = IN_FORCE
    """``repealed`` for a document repealed or replaced as a whole (its provisions are then
    marked repealed too)."""
    status_note: str = ""
    """What the publisher prints about that status ("Remplacé le 3 juin 2015")."""

    def section(self, number: str) -> Section | None:
        """The section with that number, or None."""
        for section in self.sections:
            if section.number == number:
                return section
        return None


@dataclass(frozen=True)
class Citation:
    """A citation found in text, before resolution."""

    text: str
    """The citation exactly as written."""
    start: int
    """Offset of its first character in the text searched."""
    end: int
    """Offset just past its last character."""
    targets: tuple[str, ...]
    """Ids it names, relative parts resolved when a context was given."""
    doc: str | None = None
    """Document id of the act it names (``A-2.1``, ``canada:sc-1996-c-23``), when it gives one."""
    relation: str = "cites"
    """``cites``, ``applies``, ``applies to``, ``despite``, ``subject to``, ``for the purposes of``,
    ``within the meaning of``."""
    unresolved: str = ""
    """Why some part could not be resolved, empty when fully resolved."""


@dataclass(frozen=True)
class Reference:
    """A typed link from one provision (or node) to another."""

    source: str
    """Id of the citing unit, section, division or guidance section."""
    target: str
    """Id of the cited node (a provision, a term, a program, an amending act)."""
    type: str
    """``cites``, ``applies``, ``applies to``, ``despite``, ``subject to``, ``for the purposes of``,
    ``within the meaning of``, ``defines``, ``uses term``, ``establishes``, ``amended by``,
    ``integrated into``, ``cited by guidance``, ``made under``, ``unresolved``, ``ambiguous``.
    ``made under`` runs from a regulation's document node (``S-2.1-r12.1``) to each provision (or
    act) its enabling note names (``S-2.1/223/p1/7``); read backwards, it lists the regulations
    made under a regulation-making power."""
    text: str = ""
    """The cited words exactly as written in the source unit."""
    start: int | None = None
    """Offset of ``text`` in the source's text field."""
    end: int | None = None
    """Offset just past ``text``."""
    field: str = "text"
    """Which field of the source the offsets index: ``text``, ``closing``, ``heading``,
    ``note`` (the text of the one note of the source that holds the words), or ``front`` (the
    line of the document's front matter that holds them: an enabling note)."""
    candidates: tuple[str, ...] = ()
    """For ``ambiguous`` references, the ids it might mean."""
    note: str = ""
    """Why a reference is unresolved or ambiguous."""

    @property
    def self_mention(self) -> bool:
        """True for a mention of the citing document as a whole (« le présent règlement », "this Act"): its target
        is the document its source lies in.  Typed like any citation; counts and rankings of what cites what leave
        it out (docs/references.md)."""
        return bool(self.target) and self.target == self.source.split("/", 1)[0]


@dataclass(frozen=True)
class Corpus:
    """Everything built from a corpus folder."""

    documents: tuple[Document, ...]
    """The parsed documents, manifest order."""
    references: tuple[Reference, ...] = ()
    """Every reference, in source order."""
    errors: tuple[str, ...] = field(default=())
    """Documents that could not be parsed, one message each."""

    def document(self, doc_id: str) -> Document | None:
        """The document with that id, or None."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        return None


@dataclass(frozen=True)
class CodeCitation:
    """A citation of the law found in a source file by `alinea links`."""

    file: str
    """Path of the file: as walked from the path given, or relative to the scanned root once recorded."""
    line: int
    """1-based line number."""
    column: int
    """1-based column of the citation's first character, counted in characters."""
    text: str
    """The citation exactly as written."""
    target: str
    """Id of the provision it names; empty when ambiguous (see ``candidates``) or not identified."""
    status: str
    """``ok``, ``repealed``, ``not in force``, ``unknown provision``, ``ambiguous``, ``not in the library``
    (a regulation of a statute of the library that the library does not hold: not checked) or ``other act``."""
    note: str = ""
    """Why: the provision's status as printed, a not-in-force note, what is missing, what else it may mean."""
    candidates: tuple[str, ...] = ()
    """For an ambiguous citation, the ids it may mean."""
