"""LégisQuébec HTML page (an act or a regulation, French or English) -> Document.

The page is read with lxml.  Only the document body, ``div#mainContent-document``
(or, for the document's XHTML saved without the site, ``div.LegislativeDocument``),
becomes model text; the page around it (menus, modals, scripts) is ignored except
for the "À jour au" / "Updated to" date of its header, which some pages do not
print.  Inside the body:

- ``div.Identification`` gives the chapter code and title (kept in `Document.front`);
- ``div.Heading`` (label ``Label-groupN``, title ``TitleText-groupN`` or
  ``Repealed-Heading``) opens a division; the ``ga:``/``gb:`` containers nest them;
- ``div.section`` (``se:8_0_1`` is section 8.0.1) holds ``div.Subsection``
  paragraphs (``-ss:N``) whose items carry ``-p1:N``, ``-p2:a``... suffixes;
- ``div.HistoricalNote`` is an amendment history, ``span.Repealed-Text`` repealed
  text; schedules are ``Schedule-*`` blocks; ``AmendedTextTitle`` opens the closing
  list of references; a ``note-block`` (transitional provisions printed after the
  schedules) becomes a group of its own.

The publisher's order is the document's order: sections numbered out of numeric
order (``7.1.1.1`` printed after ``7.1.6``) are kept as printed with a warning, and
a schedule's own sections get ids under the schedule (``S-2.1-r4/schedule:B/1``).
An element the parser does not know is kept as an ``unparsed`` note of what
precedes it, with a warning naming the file and line: only a page that holds no
legislative document at all (no ``div.LegislativeDocument`` with its
identification block) is refused.

Model shapes are those of `ingest.legisquebec_text`; `ingest.html_lossless` checks
that the model accounts for every visible text of the body.  Links to other
LégisQuébec documents become `Reference`s (see `html_references`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from alinea.errors import ParseError
from alinea.ids import InvalidId, doc_id_from_chapter, legisquebec_url, slug
from alinea.model import IN_FORCE, REPEALED, Division, Document, Reference, Section, Source
from ingest.clean import clean
from ingest.dates import parse_date
from ingest.html_sections import SectionReader
from ingest.html_text import (
    child_pieces,
    children,
    classes,
    clean_text,
    has_class,
    is_chrome,
    is_label,
    leaf_blocks,
    repealed_only,
    text_line,
    visible_text,
)
from ingest.legisquebec_text import DIVISION_KINDS, HEADING_REPEALED, UPDATED, make_note
from ingest.registry import ingester
from ingest.source import html_tree, read_text

BODY_ID = "mainContent-document"
DOCUMENT_CLASS = "LegislativeDocument"
STRUCTURE = etree.XPath(".//div[contains(concat(' ', normalize-space(@class), ' '), ' section ')"
                        " or contains(concat(' ', normalize-space(@class), ' '), ' Heading ')]")
"""Sections and headings below an element: a container to walk rather than a block of text."""


def document_body(root: etree._Element) -> etree._Element | None:
    """The element whose visible text is the document: ``div#mainContent-document`` on a
    page of the site, else the first ``div.LegislativeDocument`` (the document saved
    without the site); None when there is neither."""
    body = next(iter(root.xpath(f"//*[@id='{BODY_ID}']")), None)
    if body is not None:
        return body
    return root if has_class(root, DOCUMENT_CLASS) else next(iter(root.find_class(DOCUMENT_CLASS)), None)


DOCUMENT_ENDED = re.compile(r"^(?:Abrogé|Remplacé|Repealed|Replaced)\b", re.I)
"""The page header of a document no longer in force: "Abrogé le 1er juillet 2021", "Remplacé le 3 juin 2015"."""
HEADING_LABEL = re.compile(r"^(§+|[A-ZÀ-Ý][A-Za-zÀ-ÿ-]*)\s*([0-9A-Z]+(?:\.[0-9A-Z]+)*)[\s.\-—–]*$")


def division_label(printed: str) -> tuple[str, str, str] | None:
    """(kind, label, number) of a heading label as printed, None for an unknown kind.

    >>> division_label("SECTION I"), division_label("§ I.I. \u00a0—\u00a0")
    (('division', 'SECTION I', 'I'), ('subdivision', '§ I.I', 'I.I'))
    >>> division_label("ANNEXE\u00a0A"), division_label("Annexe 0.2"), division_label("Règles")
    (('schedule', 'ANNEXE A', 'A'), ('schedule', 'Annexe 0.2', '0.2'), None)
    """
    m = HEADING_LABEL.match(clean(printed))
    if not m or (m[1][0] != "§" and m[1].upper() not in DIVISION_KINDS):
        return None
    return ("subdivision" if m[1][0] == "§" else DIVISION_KINDS[m[1].upper()]), f"{m[1]} {m[2]}", m[2]


def structure_split(el: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The blocks of text under `el` and its sections and headings (with the containers
    that hold only those), each in document order."""
    if has_class(el, "section") or has_class(el, "Heading"):
        return [], [el]
    own_text = (el.text or "").strip() or any((c.tail or "").strip() for c in el)
    if own_text or not STRUCTURE(el):  # text around the sections: the whole block stays text
        return [el], []
    text: list[etree._Element] = []
    structure: list[etree._Element] = []
    for child in children(el):
        t, s = structure_split(child)
        text += t
        structure += s
    return text, structure


class _Page(SectionReader):
    """One parse of a page: walks the body once, building the model and the references."""

    def __init__(self, root: etree._Element, path: str) -> None:
        self.root, self.path = root, path
        self.doc_id, self.lang = "", "fr"
        self.front: list[Source] = []
        self.warnings: list[str] = []
        self.divisions: list[Division] = []
        self.sections: list[Section] = []
        self.references: list[Reference] = []
        self.unit_ids: set[str] = set()
        self.division_ids: set[str] = set()
        self.section_ids: set[str] = set()
        self.last = ""  # what the latest element went to: "division" or "section"
        self.unparsed: dict[tuple[str, int], list] = {}  # notes kept for (kind, index), attached at the end

    def body(self) -> etree._Element:
        """The document body; ParseError when the page is not a LégisQuébec document."""
        body = document_body(self.root)
        if body is None:
            raise self.error(None, f"not a LégisQuébec document: no div.{DOCUMENT_CLASS} (the "
                                   "document body)", expected="a page saved from legisquebec.gouv.qc.ca")
        return body

    def parse(self, body: etree._Element) -> tuple[Document, tuple[Reference, ...]]:
        doc_el = body if has_class(body, DOCUMENT_CLASS) else next(iter(body.find_class(DOCUMENT_CLASS)), None)
        ident = next(iter(body.find_class("Identification")), None)
        if doc_el is None or ident is None:
            raise self.error(body, "the document body has no identification block "
                                   "(div.Identification with the chapter code)")
        before, after = around(body, doc_el)
        for el, part in before:
            self.stray(el) if part == "element" else self.loose(el, tail=part == "tail")
        chapter, title = self.identification(ident)
        self.walk(doc_el, None, {ident})
        for el, part in after:
            self.stray(el) if part == "element" else self.loose(el, tail=part == "tail")
        self.attach_unparsed()
        if not self.sections:
            self.warn(body, "no numbered section (div.section) in the document body")
        header = [clean_text(el) for el in self.root.find_class("text-end")]
        updated = next((parse_date(m[1]) for text in header if (m := UPDATED.match(text))), None)
        ended = next((text for text in header if DOCUMENT_ENDED.match(text)), "")
        status = REPEALED if ended or has_class(doc_el, "Repealed") else IN_FORCE
        if updated is None and status == IN_FORCE:
            self.warnings.append(f"{self.path}: no 'À jour au' / 'Updated to' date in the page header")
        divisions, sections = self.divisions, self.sections
        if status == REPEALED:  # every provision of a repealed or replaced document is repealed
            divisions = [replace(d, status=REPEALED) for d in divisions]
            sections = [replace(s, status=REPEALED) if s.status == IN_FORCE else s for s in sections]
        doc = Document(self.doc_id, "regulation" if "-r" in self.doc_id else "statute", self.lang,
                       title, self.path, tuple(divisions), tuple(sections), updated,
                       "LégisQuébec", legisquebec_url(self.doc_id, self.lang), chapter,
                       tuple(self.front), (), tuple(self.warnings), status=status,
                       status_note=ended or ("repealed" if status == REPEALED else ""))
        return doc, tuple(self.references)

    def identification(self, ident: etree._Element) -> tuple[str, str]:
        """Chapter code, language and title; every visible block is kept in `front`."""
        id_el = next(iter(ident.find_class("Identification-Id")), None)
        words = clean_text(id_el) if id_el is not None else ""
        chapter = re.sub(r"^(?:chapitre|chapter)\s+", "", words, flags=re.I)
        try:
            self.doc_id = doc_id_from_chapter(chapter)
        except InvalidId:
            raise self.error(ident, "the identification block has no chapter code", got=words,
                             expected="'chapitre S-2.1, r. 6' or 'chapter A-13.1.1'") from None
        lang = (self.root.get("lang") or "")[:2].lower()
        self.lang = lang if lang in ("fr", "en") else ("en" if words.startswith("chapter") else "fr")
        blocks = [b for b in leaf_blocks(ident) if clean_text(b)]
        self.front += [Source(b.sourceline, visible_text(b)) for b in blocks]
        return chapter, next((clean_text(b) for b in blocks if b is not id_el), "")

    # -- divisions ----------------------------------------------------------------
    def walk(self, container: etree._Element, parent: str | None, skip: set = frozenset()) -> None:
        """Read a division container; a heading opens the division that the sections
        and containers after it belong to."""
        self.loose(container, tail=False)
        self.walk_items(list(container), parent, skip)

    def walk_items(self, items: list[etree._Element], parent: str | None, skip: set = frozenset()) -> None:
        for i, el in enumerate(items):
            cls = classes(el)
            if is_chrome(el) or el in skip:  # only its tail is read
                pass
            elif "Heading" in cls:
                parent = self.heading(el, parent)
            elif "section" in cls:
                self.section(el, parent)
            elif any(c.startswith("Schedule") for c in cls):
                self.schedule(el)
            elif "note-block" in cls:
                self.note_block(el, parent)
            elif "AmendedTextTitle" in cls:
                self.loose(el, tail=True)
                self.reference_list(el, items[i + 1:])
                return
            elif el.tag == "div" and STRUCTURE(el):
                self.walk(el, parent)
            else:
                self.stray(el)
            self.loose(el, tail=True)

    def add_division(self, div: Division, el: etree._Element) -> str:
        if div.id in self.division_ids:
            n = 2
            while f"{div.id}-{n}" in self.division_ids:
                n += 1
            self.warn(el, f"division {div.id} appears twice; the second is {div.id}-{n}")
            div = replace(div, id=f"{div.id}-{n}", number=f"{div.number}-{n}")
        self.division_ids.add(div.id)
        self.divisions.append(div)
        self.last = "division"
        return div.id

    def heading(self, el: etree._Element, parent: str | None) -> str | None:
        """A ``div.Heading`` -> Division; returns its id (the parent's for a heading with
        neither label nor title, kept as an unparsed note)."""
        label_el = next((c for c in children(el) if is_label(c)), None)
        history_el = next((c for c in children(el) if has_class(c, "HistoricalNote")), None)
        titles = [c for c in children(el) if c is not label_el and c is not history_el]
        heading = clean(" ".join(clean_text(t) for t in titles))
        heading_source = Source(titles[0].sourceline, visible_text(titles[0])) if titles else None
        status = REPEALED if (any(has_class(t, "Repealed-Heading") for t in titles)
                              or HEADING_REPEALED.match(heading)) else IN_FORCE
        kind, label, number = "group", "", slug(heading)
        if label_el is not None:
            label = clean_text(label_el)
            known = division_label(label)
            if known is None:
                self.warn(label_el, f"heading label {label!r} is not of a known kind; kept as a group")
                number = slug(f"{label} {heading}")
            else:
                kind, label, number = known
            source = Source(el.sourceline, visible_text(label_el))
        elif heading_source is not None:
            source, heading_source = heading_source, None
        else:
            self.stray(el)
            return parent
        did = f"{parent or self.doc_id}/{kind}:{number}"
        self.link_refs(did, "heading", [p for t in titles for p in child_pieces(t, set())], heading)
        history, history_source = self.history(history_el)
        for title in titles:
            if clean_text(title) and not any(c.startswith("TitleText") or c == "Repealed-Heading"
                                             for c in classes(title)):
                self.warn(title, f"unexpected <{title.tag} class={title.get('class')!r}> in the heading of "
                                 f"{did}; read as part of its title")
        loose = [make_note("unparsed", clean(text), Source(text_line(owner, text, owner is not el), text))
                 for owner, text in [(el, el.text)] + [(c, c.tail) for c in el] if text and clean(text)]
        for note in loose:
            self.warnings.append(f"{self.path}:{note.source.line}: text {note.text[:40]!r} outside any element "
                                 f"of the heading of {did}; kept as an unparsed note")
        return self.add_division(Division(did, kind, label, number, heading, parent, source,
                                          heading_source, status, history, history_source, tuple(loose)), el)

    def schedule(self, el: etree._Element) -> None:
        """A schedule block -> top-level Division.  Its heading label (``ANNEXE A``) names
        it, else the publisher's ``sc-nb:N`` id, else its place among the schedules.  Its
        content blocks become `text` notes, publisher's notes after its history
        `editorial` ones; sections and headings inside it are read as such, under it."""
        head = next(iter(el.find_class("ScheduleHeading")), None)
        label_el = next(iter(head.find_class("Label-ScheduleHeading")), None) if head is not None else None
        if head is None:
            self.warn(el, "a schedule without its heading (div.ScheduleHeading); named by its place")
        label = clean_text(label_el) if label_el is not None else ""
        known = division_label(label)
        fallback = (el.get("id") or "").rpartition(":")[2] or str(sum(d.kind == "schedule"
                                                                      for d in self.divisions) + 1)
        label, number = (known[1], known[2]) if known else (label, slug(label) or slug(fallback))
        sid = f"{self.doc_id}/schedule:{number}"
        heading = clean_text(head, {label_el} if label_el is not None else ()) if head is not None else ""
        history_el = next((c for c in children(el) if has_class(c, "HistoricalNote")), None)
        content = [c for c in children(el) if c is not head and c is not history_el]
        parts = {id(c): structure_split(c) for c in content}
        structured = [s for c in content for s in parts[id(c)][1]]
        body_blocks = [b for c in content if has_class(c, "ScheduleContent")
                       for t in parts[id(c)][0] for b in leaf_blocks(t)]
        notes = [n for b in body_blocks if (n := self.note(b, sid, "text")) is not None]
        extra = [n for c in content if not has_class(c, "ScheduleContent") for t in parts[id(c)][0]
                 for b in leaf_blocks(t) if (n := self.note(b, sid, "editorial")) is not None]
        repealed = bool(notes) and all(repealed_only(b) for b in body_blocks if clean_text(b))
        history, history_source = self.history(history_el)
        first = label_el if label_el is not None else head if head is not None else el
        sid = self.add_division(Division(
            sid, "schedule", label, number, heading, None,
            Source(first.sourceline, visible_text(label_el) if label_el is not None else ""),
            Source(head.sourceline, visible_text(head, {label_el} if label_el is not None else ()))
            if heading else None,
            REPEALED if repealed else IN_FORCE, history, history_source, tuple(notes + extra)), el)
        self.walk_items(structured, sid)

    def note_block(self, el: etree._Element, parent: str | None) -> None:
        """A publisher's block of provisions outside the numbered sections (transitional
        provisions after the schedules) -> a group headed by its first line."""
        blocks = [b for b in leaf_blocks(el) if clean_text(b)]
        if not blocks:
            return
        heading = clean_text(blocks[0])
        gid = f"{parent or self.doc_id}/group:{slug(heading) or 'notes'}"
        notes = [n for b in blocks[1:] if (n := self.note(b, gid, "text")) is not None]
        self.add_division(Division(gid, "group", "", slug(heading) or "notes", heading, parent,
                                   Source(blocks[0].sourceline, visible_text(blocks[0])),
                                   notes=tuple(notes)), el)

    def reference_list(self, title: etree._Element, blocks: list[etree._Element]) -> None:
        """The closing "RÉFÉRENCES" list -> a top-level group whose notes are its lines."""
        heading = clean_text(title)
        gid = f"{self.doc_id}/group:{slug(heading)}"
        notes = [n for b in blocks if not is_chrome(b) for leaf in leaf_blocks(b)
                 if (n := self.note(leaf, gid, "editorial")) is not None]
        self.add_division(Division(gid, "group", "", slug(heading), heading, None,
                                   Source(title.sourceline, visible_text(title)),
                                   notes=tuple(notes)), title)

    def stray(self, el: etree._Element) -> None:
        """Markup the parser does not know: kept as a note of what precedes it."""
        if not clean_text(el):
            return
        self.warn(el, f"unexpected <{el.tag} class={el.get('class')!r}> in the document body; "
                      "kept as an unparsed note")
        if not self.last:
            self.front.append(Source(el.sourceline, visible_text(el)))
            return
        owners = self.divisions if self.last == "division" else self.sections
        self.keep(self.note(el, owners[-1].id, "unparsed"))

    def loose(self, el: etree._Element, tail: bool) -> None:
        """Text of a container outside any element (`el`'s text or tail): kept, like markup the
        parser does not know, as a note of what precedes it."""
        text = el.tail if tail else el.text
        if not text or not clean(text):
            return
        line = text_line(el, text, tail)
        self.warnings.append(f"{self.path}:{line}: text {clean(text)[:40]!r} outside any element the parser "
                             f"knows, next to <{el.tag} class={el.get('class')!r}>; kept as an unparsed note")
        if not self.last:
            self.front.append(Source(line, text))
            return
        self.keep(make_note("unparsed", clean(text), Source(line, text)))

    def keep(self, note) -> None:
        """An unparsed note for the latest division or section, attached once the walk is done
        (appending to its notes one by one would copy them each time: quadratic in their number)."""
        owners = self.divisions if self.last == "division" else self.sections
        self.unparsed.setdefault((self.last, len(owners) - 1), []).append(note)

    def attach_unparsed(self) -> None:
        for (kind, at), notes in self.unparsed.items():
            owners = self.divisions if kind == "division" else self.sections
            owners[at] = replace(owners[at], notes=owners[at].notes + tuple(notes))  # type: ignore[arg-type]
        self.unparsed.clear()


def around(body: etree._Element, doc_el: etree._Element) -> tuple[list, list]:
    """What the body holds before and after the document element, outside it, in order: pairs
    (element, "element"), (element, "text") for its text, (element, "tail") for its tail."""
    def pairs(el: etree._Element) -> list:
        return ([] if is_chrome(el) else [(el, "element")]) + [(el, "tail")]

    before: list = []
    after: list = []
    inner = doc_el
    while inner is not body:
        outer = inner.getparent()
        at = list(outer).index(inner)
        before[:0] = [(outer, "text")] + [p for c in outer[:at] for p in pairs(c)]
        after += [(inner, "tail")] + [p for c in outer[at + 1:] for p in pairs(c)]
        inner = outer
    return before, after


def parse_html_text(text: str, path: str) -> tuple[Document, tuple[Reference, ...]]:
    """Parse the HTML of a LégisQuébec page read from `path`: the document and the
    references its links make."""
    if not text.strip():
        raise ParseError(path, None, "empty file", expected="a LégisQuébec HTML page")
    page = _Page(html_tree(text, path, "a LégisQuébec HTML page"), path)
    closing = "html" if re.search(r"<html[\s>]", text[:5000], re.I) else "div"
    complete = re.search(rf"</{closing}\s*>\s*(?:<!--.*?-->\s*)*\Z", text[-5000:], re.I | re.S)
    if not complete and (BODY_ID in text or DOCUMENT_CLASS in text or "legisquebec" in text.lower()):
        raise ParseError(path, text.count("\n") + 1, f"the page ends before </{closing}>: the file "
                         "looks truncated; save the page again")
    return page.parse(page.body())


def read_legisquebec_html(path: str, meta: dict | None = None) -> tuple[Document, tuple[Reference, ...]]:
    """Read and parse a saved LégisQuébec page; `meta` (a manifest entry) may give the
    publisher and URL.  Returns the document and the references its links make."""
    doc, references = parse_html_text(read_text(path), path)
    meta = meta or {}
    return replace(doc, publisher=meta.get("publisher") or doc.publisher,
                   url=meta.get("url") or doc.url), references


@ingester("legisquebec-html")
def parse_html_file(path: str, meta: dict | None = None) -> Document:
    """The `legisquebec-html` format: a page saved from legisquebec.gouv.qc.ca."""
    doc, references = read_legisquebec_html(path, meta)
    return replace(doc, links=references)


def html_references(source: str | Path | etree._Element | etree._ElementTree) -> tuple[Reference, ...]:
    """The links of a LégisQuébec page to LégisQuébec documents, as `cites` references
    from the unit (or division heading, or note) that holds them to the document or
    provision linked; `text`, `start` and `end` locate the link's words in the source's
    `field`.  `source` is the page's path or its parsed lxml tree."""
    if isinstance(source, (str, Path)):
        return read_legisquebec_html(str(source))[1]
    root = source.getroot() if isinstance(source, etree._ElementTree) else source
    page = _Page(root, "<tree>")
    return page.parse(page.body())[1]
