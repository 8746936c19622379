"""Sections of a LégisQuébec HTML page: paragraphs, items, definitions, histories, notes
and the links they hold (read for `ingest.legisquebec_html`).

A section is ``div.section`` (``se:8_0_1`` is section 8.0.1); its paragraphs are
``div.Subsection`` (``-ss:N``), their items ``div.Paragraph`` / ``div.Subparagraph``
(``-p1:N``, ``-p2:a``...) labelled by ``Label-Z`` (``3°``, ``(3)``), ``Label-P``
(``3.``), ``Label-L`` (``a)``, ``(a)``) or ``Label-R`` (``i.``); an item printed on
the line of its first sub-item (« 2° a) ... ») has its label in the sub-item's block,
before the sub-item's own, and takes it from there.  A defined term is a
unit of kind ``definition``: an element with a ``-df:`` id or class ``Definition``, an
item, or an unnumbered ``Continued-SectionSubsection``, whose text starts with the
quoted term («entente»: ..., "spouse" means ...).
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from alinea.errors import ParseError
from alinea.ids import (
    ProvisionId,
    is_provision_id,
    parse_anchor,
    parse_legisquebec_url,
    section_sort_key,
    slug,
)
from alinea.model import IN_FORCE, OMITTED, REPEALED, HistoryEntry, Note, Reference, Section, Source, Unit
from ingest.clean import clean
from ingest.history import parse_history
from ingest.html_text import (
    BLOCK_TAGS,
    child_pieces,
    children,
    classes,
    clean_text,
    has_class,
    is_chrome,
    is_label,
    links_in,
    repealed_only,
    squash,
    text_line,
    text_pieces,
    visible_text,
)
from ingest.legisquebec_text import STATUS, make_note, note_kind

Pieces = list[tuple[str, etree._Element | None]]
LABEL_KINDS = {"Label-Z": "subparagraph", "Label-P": "subparagraph", "Label-L": "clause",
               "Label-R": "item"}
LABEL_SHAPES = [  # the text ingester's order: numbers, then roman numerals, then letters
    ("subparagraph", re.compile(r"^\(?(\d+(?:\.\d+)*)(?:\)|°|\.)$")),
    ("item", re.compile(r"^\(?([ivxl]+)[.)]$")),
    ("clause", re.compile(r"^\(?((?:\d+\.)*[a-z]{1,2}(?:\.\d+)*)\)$")),  # a), a.1), 0.a)
]
DEFINITION = re.compile(r'^[«“"]\s*([^»”"]+?)\s*[»”"]\s*(?::|,|\bmeans\b|\bincludes\b)')
SECTION_ID = re.compile(r"(?:^|-)se:(\d+[a-z]?(?:_\d+[a-z]?)*)$")
"""A section's anchor: ``se:8_0_1``; inside a schedule the publisher may prefix the schedule's."""
UNIT_ID = re.compile(r"-(?:p\d+:[A-Za-z0-9_]+|df:[\w-]+)$")
LINK = re.compile(r"^(?:https?://(?:www\.)?legisquebec\.gouv\.qc\.ca)?/(?:fr|en)/document/"
                  r"(?:lc|cs|rc|cr)/([^?#]+)(?:\?[^#]*)?(?:#(.*))?$")
OMITTED_WORDS = re.compile(r"\b(Omis|Omitted)\b")
SECTION_LABEL = etree.XPath(".//a[contains(@class, 'linkOtherLang')]")


def label_words(label: str, number: str) -> str:
    """What a section's label prints after its number and the number's period ('1.' -> '', '1 Mot.' -> 'Mot');
    '' when the label does not begin with the number (that mismatch is warned of as such)."""
    found = re.match(rf"\s*{re.escape(number)}(?![\d.]*\d)\.?", label)
    if found is None:
        return ""
    rest = label[found.end():].rstrip()
    return clean(rest[:-1] if rest.endswith(".") else rest)


HISTORY_MARKUP = frozenset({("div", "ligne"), ("a", None), ("br", None)})
"""Elements a div.HistoricalNote holds besides spans (one div.ligne per amending text)."""


def label_line(label: etree._Element, number: str) -> int | None:
    """The source line of the first words of a section's label that are not its number."""
    for node in label.iter():
        for text, tail in ((node.text, False), (None if node is label else node.tail, True)):
            if text and clean(text).strip(". ") not in ("", number):
                return text_line(node, text, tail)
    return None


def link_target(href: str, doc_id: str) -> str | None:
    """The id a link names: a document, or a provision when it has a ``#se:`` anchor;
    ``""`` for a document link whose chapter cannot be read; None for other links.

    >>> link_target("/fr/document/lc/E-12.001?&cible=", "S-2.1-r6")
    'E-12.001'
    >>> link_target("/en/document/cr/S-2.1,%20r.%206#se:4_4_2-ss:1-p1:c", "A-13.1.1")
    'S-2.1-r6/4.4.2/p1/c'
    >>> link_target("#se:55", "A-13.1.1"), link_target("https://www.quebec.ca/", "A-13.1.1")
    ('A-13.1.1/55', None)
    >>> link_target("/fr/document/lc/Loi?&cible=", "A-13.1.1")
    ''
    """
    href = href.strip()
    if href.startswith("#"):
        anchor = parse_anchor(href[1:])
        return str(ProvisionId(doc_id, (), anchor[0], anchor[1])) if anchor else None
    if not LINK.match(href):
        return None
    pid = parse_legisquebec_url(href)
    return str(pid) if pid else ""


def label_kind(el: etree._Element, label: str) -> tuple[str, str] | None:
    """(kind, number) of an item label: ``3°`` -> subparagraph 3, ``a)`` -> clause a.
    The label's class decides between a letter and a roman numeral (``i)``)."""
    by_class = next((LABEL_KINDS[c] for c in classes(el) if c in LABEL_KINDS), None)
    for kind, pattern in LABEL_SHAPES:
        if by_class in (None, kind) and (m := pattern.match(label)):
            return kind, m[1]
    return None


def term_slug(term: str) -> str:
    """The id segment of a defined term: ``programme d’activités`` -> ``programme-d-activites``."""
    return slug(re.sub(r"[’']", " ", term))


class SectionReader:
    """Reads sections for a page parser, which provides the state below."""

    path: str
    doc_id: str
    lang: str
    warnings: list[str]
    sections: list[Section]
    section_ids: set[str]
    references: list[Reference]
    unit_ids: set[str]
    last: str
    current: str = ""
    """Id of the section being read."""
    stray: Callable[[etree._Element], None]
    """Keeps an element the parser does not know (as an unparsed note)."""

    def error(self, el: etree._Element | None, message: str, **kw: str) -> ParseError:
        return ParseError(self.path, el.sourceline if el is not None else None, message, **kw)

    def warn(self, el: etree._Element, message: str) -> None:
        self.warnings.append(f"{self.path}:{el.sourceline}: {message}")

    def section_id(self, number: str, parent: str | None) -> str | None:
        """The section's id: ``<doc>/<number>``, under its schedule for a schedule's own
        section (``S-2.1-r4/schedule:B/1``); None when the number was already used."""
        schedule = re.match(r"^[^/]+/schedule:[^/]+", parent or "")
        sid = f"{schedule[0] if schedule else self.doc_id}/{number}"
        if sid in self.section_ids or not is_provision_id(sid):
            return None
        self.section_ids.add(sid)
        return sid

    # -- sections -----------------------------------------------------------------
    def section(self, el: etree._Element, parent: str | None) -> None:
        m = SECTION_ID.search(el.get("id") or "")
        number = m[1].replace("_", ".") if m else ""
        sid = self.section_id(number, parent) if m else None
        if sid is None:
            self.warn(el, f"section id {el.get('id')!r} is not a new section anchor (se:7, se:8_0_1)")
            self.stray(el)
            return
        previous = self.sections[-1] if self.sections else None
        if (previous is not None and previous.parent == parent
                and section_sort_key(number) <= section_sort_key(previous.number)):
            self.warn(el, f"section {number} is printed after section {previous.number}; kept in "
                          "the publisher's order")
        label_link = next(iter(SECTION_LABEL(el)), None)
        label = clean_text(label_link) if label_link is not None else ""
        beside_number = label_words(label, number)
        if beside_number:
            line = label_line(label_link, number) or el.sourceline
            self.warnings.append(f"{self.path}:{line}: section {number} is labelled {label!r}; what it prints "
                                 "besides its number is kept as an unparsed note")
        elif label.rstrip(".") != number:
            self.warn(el, f"section {number} is labelled {label!r}")
        skip = {label_link} if label_link is not None else set()
        paragraphs = [c for c in children(el) if has_class(c, "Subsection")]
        history_el = next((c for c in children(el) if has_class(c, "HistoricalNote")), None)
        others = [c for c in children(el) if c not in paragraphs and c is not history_el and c not in skip]
        if not paragraphs:  # the text sits in the section itself, without div.Subsection
            others = [c for c in others if has_class(c, "Note")]
            skip = skip | set(others) | ({history_el} if history_el is not None else set())
            paragraphs = [el] if squash(visible_text(el, skip)) else []
        status, status_text, units = IN_FORCE, "", ()
        self.unit_ids = set()
        if (len(paragraphs) == 1 and not self.unit_children(paragraphs[0])
                and repealed_only(paragraphs[0], skip)):
            status_text = clean_text(paragraphs[0], skip)
            status = next((s for p, s in STATUS if p.match(status_text)), REPEALED)
        else:
            self.current = sid
            units = tuple(self.unit(p, number, sid, "paragraph", i, skip)
                          for i, p in enumerate(paragraphs, 1))
        history, history_source = self.history(history_el)
        if history_el is None:
            self.warn(el, f"section {number} has no history (div.HistoricalNote)")
        notes = []
        for other in others:
            if clean_text(other):
                if not has_class(other, "Note"):
                    self.warn(other, f"unexpected <{other.tag} class={other.get('class')!r}> in "
                                     f"section {number}; kept as an unparsed note")
                notes.append(self.note(other, sid, "editorial" if has_class(other, "Note") else "unparsed"))
        if beside_number:  # the label is rebuilt from the number: what else it prints is a note
            notes.append(make_note("unparsed", beside_number, Source(label_link.sourceline, beside_number)))
        if paragraphs != [el]:  # text of the section outside its paragraphs and notes
            for owner, loose in [(el, el.text)] + [(c, c.tail) for c in el]:
                if loose and clean(loose):
                    line = text_line(owner, loose, tail=owner is not el)
                    self.warnings.append(f"{self.path}:{line}: text {clean(loose)[:40]!r} outside any paragraph "
                                         f"of section {number}; kept as an unparsed note")
                    notes.append(make_note("unparsed", clean(loose), Source(line, loose)))
        raw = f"{label} {status_text}" if status_text else label
        self.sections.append(Section(sid, number, status, parent, units, Source(el.sourceline, raw),
                                     history, history_source, tuple(notes), status_text=status_text))
        self.last = "section"

    def unit_children(self, el: etree._Element) -> list[etree._Element]:
        """The child elements of a unit that are units themselves (items, definitions, and
        the text that continues a paragraph between two of its items)."""
        kids = children(el)
        at = [i for i, c in enumerate(kids) if is_unit(c)]
        if len(at) < 2:
            return [kids[i] for i in at]
        return [c for c in kids[at[0]:at[-1] + 1] if is_unit(c) or (c.tag in BLOCK_TAGS and squash(visible_text(c)))]

    def unit(self, el: etree._Element, section: str, parent_id: str, kind: str, ordinal: int,
             skip: set) -> Unit:
        """A paragraph (``div.Subsection``) or an item, with its descendants."""
        kids = self.unit_children(el)
        label_el = None if kind == "paragraph" else next(
            (c for c in children(el) if is_label(c) and c not in skip), None)
        if label_el is None and kind != "paragraph" and kids:
            label_el = borrowed_label(kids[0], skip)
            skip = skip | {label_el} if label_el is not None else skip
        label, number = "", "" if kind == "continued" else str(ordinal)
        if kind == "paragraph" and (m := re.search(r"-ss:(\d+)$", el.get("id") or "")) and m[1] != number:
            self.warn(el, f"paragraph {ordinal} of section {section} has the anchor {el.get('id')!r}")
        if label_el is not None:
            label = clean_text(label_el)
            shape = label_kind(label_el, label)
            if shape is None:
                self.warn(label_el, f"label {label!r} is not a number, letter or roman numeral")
            kind, number = shape or (kind, slug(label) or number)
        own_skip = skip | set(kids) | ({label_el} if label_el is not None else set())
        before, after, closing_el = split_pieces(el, kids, own_skip)
        text, closing = clean("".join(t for t, _ in before)), clean("".join(t for t, _ in after))
        anchor = el.get("id") or ""
        term = None
        if kind not in ("paragraph", "continued") and ((d := DEFINITION.match(text)) or "-df:" in anchor
                                    or has_class(el, "Definition")):
            term = d[1] if d else anchor.rsplit("-df:", 1)[-1]
            kind, number = "definition", number if label else ""
        uid = self.unit_id(el, section, parent_id, kind, number, term)
        status = IN_FORCE
        if text and not kids and repealed_only(el, own_skip):
            status = OMITTED if OMITTED_WORDS.search(text) else REPEALED
        self.link_refs(uid, "text", before, text)
        self.link_refs(uid, "closing", after, closing)
        built = tuple(self.unit(k, section, uid, "subparagraph" if is_unit(k) else "continued", i, skip)
                      for i, k in enumerate(kids, 1))
        raw = (visible_text(label_el) if label_el is not None else "") + "".join(t for t, _ in before)
        closing_source = Source(closing_el.sourceline, "".join(t for t, _ in after)) if closing else None
        return Unit(uid, kind, label, number, text, Source(el.sourceline, raw), anchor, built,
                    closing, closing_source, status, term)

    def unit_id(self, el: etree._Element, section: str, parent_id: str, kind: str, number: str,
                term: str | None) -> str:
        """A paragraph's id has its ordinal (as in the text ingester); an item's comes from
        the publisher's anchor when it has one, else from its label; an item whose id
        cannot be made or repeats one gets ``q<n>`` (as in the text ingester)."""
        parsed = parse_anchor(el.get("id") or "")
        uid = ""
        if kind == "continued":
            uid = f"{parent_id}/q{len(self.unit_ids) + 1}"
            self.unit_ids.add(uid)
            return uid
        if kind != "paragraph" and parsed is not None and parsed[0] == section and parsed[1]:
            uid = f"{self.current}/" + "/".join(parsed[1])
            if uid.rsplit("/", 1)[0] != parent_id:
                self.warn(el, f"anchor {el.get('id')!r} does not sit under {parent_id}")
                uid = ""
        if not uid:
            segment = (f"p{number}" if kind == "paragraph" else
                       f"df:{term_slug(term or '')}" if kind == "definition" and not number else number)
            uid = f"{parent_id}/{segment}"
        if uid in self.unit_ids or not is_provision_id(uid):
            self.warn(el, f"cannot make a unique id from {uid.rsplit('/', 1)[-1]!r} under "
                          f"{parent_id}; numbered as a quotation")
            uid = f"{parent_id}/q{len(self.unit_ids) + 1}"
        self.unit_ids.add(uid)
        return uid

    # -- histories, notes, links --------------------------------------------------------
    def history(self, el: etree._Element | None) -> tuple[tuple[HistoryEntry, ...], Source | None]:
        raw = visible_text(el) if el is not None else ""
        if el is None or not clean(raw):
            return (), None
        for inner in el.iterdescendants():
            if isinstance(inner.tag, str) and (inner.tag, inner.get("class")) not in HISTORY_MARKUP \
                    and inner.tag != "span":
                self.warn(inner, f"unexpected <{inner.tag} class={inner.get('class')!r}> in a history; "
                                 "its words are kept in the history as printed")
        entries = parse_history(raw, self.lang, strict=False)
        for entry in entries:
            if entry.kind == "unparsed":
                self.warn(el, f"history entry {entry.raw!r} has no known shape; kept unparsed")
        return tuple(entries), Source(el.sourceline, raw)

    def note(self, el: etree._Element, owner: str, kind: str) -> Note | None:
        """A block of text attached to a section or division; None when it is empty."""
        pieces = text_pieces(el)
        raw = "".join(t for t, _ in pieces)
        text = clean(raw)
        if not text:
            return None
        detected = note_kind(text, None)
        self.link_refs(owner, "note", pieces, text)
        kind = detected if detected != "text" and kind != "unparsed" else kind
        return make_note(kind, text, Source(el.sourceline, raw))

    def link_refs(self, source: str, field: str, pieces: Pieces, text: str) -> None:
        """A `cites` reference for every link to a LégisQuébec document among `pieces`."""
        for link, words, start, end in links_in(pieces, text):
            target = link_target(link.get("href") or "", self.doc_id)
            if target:
                self.references.append(Reference(source, target, "cites", words, start, end, field))
            elif target == "":
                self.references.append(Reference(source, "", "unresolved", words, start, end, field,
                                                 note=f"link {link.get('href')!r} names no chapter"))


def is_unit(el: etree._Element) -> bool:
    """An item or a definition: an element with an item anchor (``-p1:2``, ``-df:x``), a
    ``div.Definition``, a ``Continued-SectionSubsection`` that defines a term, or a
    ``div.clause`` that opens with a label (a sub-item the publisher gives no anchor,
    « i. ... », named by its label).  Other
    blocks between two items (a continued text, a table) are kept as ``continued`` units."""
    return bool(UNIT_ID.search(el.get("id") or "") or (el.tag == "div" and has_class(el, "Definition"))
                or (has_class(el, "Continued-SectionSubsection") and DEFINITION.match(clean_text(el)))
                or (el.tag == "div" and has_class(el, "clause") and opening_labels(el, set())))


def opening_labels(el: etree._Element, skip: set) -> list[etree._Element]:
    """The labels that open `el` before any text, looking into its first item when it
    opens with one: ``2°`` and ``a)`` of a block printed « 2° a) ... »."""
    if squash(el.text or ""):
        return []
    labels: list[etree._Element] = []
    for child in el:
        if child in skip or is_chrome(child):
            pass
        elif is_label(child):
            labels.append(child)
        elif squash(visible_text(child)):
            return labels or (opening_labels(child, skip) if is_unit(child) else [])
        if squash(child.tail or ""):
            break
    return labels


def borrowed_label(first: etree._Element, skip: set) -> etree._Element | None:
    """The label of an item printed on the line of its first sub-item (« 2° a) ... »,
    « 1. a) i. ... »): the publisher puts every label in the innermost block, the
    outermost first.  None when the first sub-item opens with a single label."""
    labels = opening_labels(first, skip)
    return labels[0] if len(labels) > 1 else None


def split_pieces(el: etree._Element, kids: list[etree._Element], skip: set
                 ) -> tuple[Pieces, Pieces, etree._Element]:
    """A unit's own text pieces before its first child unit, those after it (the
    closing), and the element the closing starts in."""
    before: Pieces = [(el.text, None)] if el.text else []
    after: Pieces = []
    closing_el, target = el, before
    for child in el:
        if child in kids:
            target = after
        elif not is_chrome(child) and child not in skip:
            if target is after and not after:
                closing_el = child
            target.extend(child_pieces(child, skip))
        if child.tail:
            target.append((child.tail, None))
    return before, after, closing_el
