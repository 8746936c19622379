"""LégisQuébec HTML page (an act or a regulation, French or English) -> Document.

The page is read with lxml.  Only the document body, ``div#mainContent-document``,
becomes model text; the page around it (menus, modals, scripts) is ignored except
for the "À jour au" / "Updated to" date of its header.  Inside the body:

- ``div.Identification`` gives the chapter code and title (kept in `Document.front`);
- ``div.Heading`` (label ``Label-groupN``, title ``TitleText-groupN`` or
  ``Repealed-Heading``) opens a division; the ``ga:``/``gb:`` containers nest them;
- ``div.section`` (``se:8_0_1`` is section 8.0.1) holds ``div.Subsection``
  paragraphs (``-ss:N``) whose items carry ``-p1:N``, ``-p2:a``... suffixes;
- ``div.HistoricalNote`` is an amendment history, ``span.Repealed-Text`` repealed
  text; schedules are ``Schedule-*`` blocks; ``AmendedTextTitle`` opens the closing
  list of references.

Model shapes are those of `ingest.legisquebec_text`; `ingest.html_lossless` checks
that the model accounts for every visible text of the body.  Links to other
LégisQuébec documents become `Reference`s (see `html_references`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import lxml.html
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
    is_label,
    leaf_blocks,
    repealed_only,
    visible_text,
)
from ingest.legisquebec_text import DIVISION_KINDS, HEADING_REPEALED, UPDATED
from ingest.registry import ingester
from ingest.source import read_text

BODY_ID = "mainContent-document"
HEADING_LABEL = re.compile(r"^(§|[A-ZÀ-Ý][A-ZÀ-Ý-]*)\s*([0-9A-Z]+(?:\.[0-9A-Z]+)*)[\s.\-—–]*$")


def division_label(printed: str) -> tuple[str, str, str] | None:
    """(kind, label, number) of a heading label as printed, None for an unknown kind.

    >>> division_label("SECTION I"), division_label("§ I.I. \u00a0—\u00a0")
    (('division', 'SECTION I', 'I'), ('subdivision', '§ I.I', 'I.I'))
    >>> division_label("ANNEXE\u00a0A"), division_label("Règles")
    (('schedule', 'ANNEXE A', 'A'), None)
    """
    m = HEADING_LABEL.match(clean(printed))
    if not m or (m[1] != "§" and m[1] not in DIVISION_KINDS):
        return None
    return ("subdivision" if m[1] == "§" else DIVISION_KINDS[m[1]]), f"{m[1]} {m[2]}", m[2]


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
        self.last = ""  # what the latest element went to: "division" or "section"

    def body(self) -> etree._Element:
        """The document body; ParseError when the page is not a LégisQuébec document."""
        body = next(iter(self.root.xpath(f"//*[@id='{BODY_ID}']")), None)
        if body is None:
            raise self.error(None, f"not a LégisQuébec document page: no div#{BODY_ID} (the "
                                   "document body)", expected="a page saved from legisquebec.gouv.qc.ca")
        return body

    def parse(self, body: etree._Element) -> tuple[Document, tuple[Reference, ...]]:
        doc_el = next(iter(body.find_class("LegislativeDocument")), None)
        ident = next(iter(body.find_class("Identification")), None)
        if doc_el is None or ident is None:
            raise self.error(body, "the document body has no identification block "
                                   "(div.Identification with the chapter code)")
        chapter, title = self.identification(ident)
        self.walk(doc_el, None, {ident})
        if not self.sections:
            raise self.error(body, "no numbered section (div.section) in the document body")
        updated = next((parse_date(m[1]) for el in self.root.find_class("text-end")
                        if (m := UPDATED.match(clean_text(el)))), None)
        if updated is None:
            self.warnings.append(f"{self.path}: no 'À jour au' / 'Updated to' date in the page header")
        doc = Document(self.doc_id, "regulation" if "-r" in self.doc_id else "statute", self.lang,
                       title, self.path, tuple(self.divisions), tuple(self.sections), updated,
                       "LégisQuébec", legisquebec_url(self.doc_id, self.lang), chapter,
                       tuple(self.front), (), tuple(self.warnings))
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
        items = [c for c in children(container) if c not in skip]
        for i, el in enumerate(items):
            cls = classes(el)
            if "Heading" in cls:
                parent = self.heading(el, parent)
            elif "section" in cls:
                self.section(el, parent)
            elif any(c.startswith("Schedule") for c in cls):
                self.schedule(el)
            elif "AmendedTextTitle" in cls:
                self.reference_list(el, items[i + 1:])
                return
            elif el.tag == "div" and not cls and any(has_class(c, "Heading") or has_class(c, "section")
                                                     for c in el):
                self.walk(el, parent)
            else:
                self.stray(el)

    def add_division(self, div: Division, el: etree._Element) -> str:
        if any(d.id == div.id for d in self.divisions):
            raise self.error(el, f"division {div.id} appears twice", got=div.label or div.heading)
        self.divisions.append(div)
        self.last = "division"
        return div.id

    def heading(self, el: etree._Element, parent: str | None) -> str:
        """A ``div.Heading`` -> Division; returns its id."""
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
            raise self.error(el, "a heading with neither label nor title")
        did = f"{parent or self.doc_id}/{kind}:{number}"
        self.link_refs(did, "heading", [p for t in titles for p in child_pieces(t, set())], heading)
        history, history_source = self.history(history_el)
        return self.add_division(Division(did, kind, label, number, heading, parent, source,
                                          heading_source, status, history, history_source), el)

    def schedule(self, el: etree._Element) -> None:
        """A schedule block -> top-level Division; its content blocks become `text`
        notes, publisher's notes after its history `editorial` ones."""
        head = next(iter(el.find_class("ScheduleHeading")), None)
        label_el = next(iter(head.find_class("Label-ScheduleHeading")), None) if head is not None else None
        if head is None or label_el is None:
            raise self.error(el, "a schedule without its heading (div.ScheduleHeading with its label)")
        label = clean_text(label_el)
        known = division_label(label)
        label, number = (known[1], known[2]) if known else (label, slug(label))
        sid = f"{self.doc_id}/schedule:{number}"
        heading = clean_text(head, {label_el})
        history_el = next((c for c in children(el) if has_class(c, "HistoricalNote")), None)
        content = [c for c in children(el) if c is not head and c is not history_el]
        body_blocks = [b for c in content if has_class(c, "ScheduleContent") for b in leaf_blocks(c)]
        notes = [n for b in body_blocks if (n := self.note(b, sid, "text")) is not None]
        extra = [n for c in content if not has_class(c, "ScheduleContent")
                 for b in leaf_blocks(c) if (n := self.note(b, sid, "editorial")) is not None]
        repealed = bool(notes) and all(repealed_only(b) for b in body_blocks if clean_text(b))
        history, history_source = self.history(history_el)
        self.add_division(Division(
            sid, "schedule", label, number, heading, None,
            Source(label_el.sourceline, visible_text(label_el)),
            Source(head.sourceline, visible_text(head, {label_el})) if heading else None,
            REPEALED if repealed else IN_FORCE, history, history_source, tuple(notes + extra)), el)

    def reference_list(self, title: etree._Element, blocks: list[etree._Element]) -> None:
        """The closing "RÉFÉRENCES" list -> a top-level group whose notes are its lines."""
        heading = clean_text(title)
        gid = f"{self.doc_id}/group:{slug(heading)}"
        notes = [n for b in blocks for leaf in leaf_blocks(b)
                 if (n := self.note(leaf, gid, "editorial")) is not None]
        self.add_division(Division(gid, "group", "", slug(heading), heading, None,
                                   Source(title.sourceline, visible_text(title)),
                                   notes=tuple(notes)), title)

    def stray(self, el: etree._Element) -> None:
        """Markup the parser does not know: kept as a note of what precedes it."""
        if not clean_text(el):
            return
        self.warn(el, f"unexpected <{el.tag} class={el.get('class')!r}> in the document body; "
                      "kept as a note")
        if not self.last:
            self.front.append(Source(el.sourceline, visible_text(el)))
            return
        owners = self.divisions if self.last == "division" else self.sections
        note = self.note(el, owners[-1].id, "text")
        owners[-1] = replace(owners[-1], notes=owners[-1].notes + (note,))  # type: ignore[arg-type]


def parse_html_text(text: str, path: str) -> tuple[Document, tuple[Reference, ...]]:
    """Parse the HTML of a LégisQuébec page read from `path`: the document and the
    references its links make."""
    if not text.strip():
        raise ParseError(path, None, "empty file", expected="a LégisQuébec HTML page")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(path, None, f"cannot read the file as HTML: {exc}") from None
    page = _Page(root, path)
    complete = re.search(r"</html\s*>\s*(?:<!--.*?-->\s*)*\Z", text, re.I | re.S)
    if not complete and (BODY_ID in text or "legisquebec" in text.lower()):
        raise ParseError(path, text.count("\n") + 1, "the page ends before </html>: the file "
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
