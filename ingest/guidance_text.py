"""Guidance pages copied from a browser as plain text (format ``guidance-text``) -> Document.

Each line is one block: blank lines are skipped, page chrome is set aside
(`ingest.chrome`), the identification lines at the top (publisher, site,
title) and the "Last update" line go to the front matter, and the rest are
headings, paragraphs, bullets (``•``, ``-``, indented deeper for nested
lists), numbered lines and "Note"/"Exemple" labels, which
`ingest.guidance_blocks` puts into sections.  What is a heading is read from
the line itself: a short line standing alone, starting with a capital and not
ending a sentence.  Every line ends up in exactly one place, so
`ingest.rebuild` gives the text back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from alinea.errors import ParseError
from alinea.model import Chrome, Document, Source
from ingest.chrome import (
    BUTTON,
    LINK,
    LINK_ICON,
    REPEATED,
    is_button,
    line_chrome,
    repeated_runs,
    strip_link_icons,
)
from ingest.clean import clean, fold_quotes
from ingest.guidance_blocks import (
    BULLET,
    HEADING,
    LABEL,
    NUMBERED,
    PARAGRAPH,
    Block,
    Page,
    build_document,
    label_kind,
    updated_date,
)
from ingest.periods import fold_chars
from ingest.registry import ingester
from ingest.source import read_text, split_lines

_BULLET = re.compile(r"^([ \t\u00a0\u2002\u2003\u2009\u202f]*)"
                     r"([•◦▪▫‣⁃●○■□·\-–—*])[ \t\u00a0]+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2}[.)])\s+(\S.*)$")
_MARKUP = re.compile(r"^\s*<(?:!doctype|html|head|body|div|p|section|article)\b", re.I)
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
_ADDRESS = re.compile(r"\S@\S|https?://|www\.")
_CITATION = re.compile(r"^(?:articles?|sections?|art\.|s\.)\s+\d", re.I)
TAB = 4


@dataclass
class _Line:
    source: Source
    text: str
    removals: list[tuple[int, str]] = field(default_factory=list)
    role: str = ""
    """``skip``, ``chrome``, ``front``, ``updated``, or a Block kind."""
    reason: str = ""
    marker: str = ""
    body: str = ""
    indent: int = 0


def heading_like(text: str) -> bool:
    """A short line that reads as a heading: capital first, no sentence end, not an address
    and not a citation ("Article 133 (Loi sur …)" is a line of a list of laws)."""
    words = text.split()
    if not words or len(words) > 20 or len(text) > 200 or not any(c.isalpha() for c in text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "«\"'“("):
        return False
    if text[-1] in ".:;,!" or (text.endswith("?") and len(words) > 6):
        return False
    return not (_TWO_SENTENCES.search(text) or _ADDRESS.search(text) or _CITATION.match(text))


def banner_like(text: str) -> bool:
    """A short one-sentence line ending with a period (a site banner such as a ministry's name)."""
    return len(text.split()) <= 12 and text.endswith(".") and not _TWO_SENTENCES.search(text) \
        and text[0].isupper()


class _Classifier:
    def __init__(self, lines: list[str], path: str, meta: dict) -> None:
        self.path, self.meta = path, meta
        self.lines = [_Line(Source(n, raw), clean(raw)) for n, raw in enumerate(lines, 1)]
        self.page = Page(path)

    def content(self) -> list[_Line]:
        return [ln for ln in self.lines if ln.role not in ("skip", "chrome", "front", "updated")]

    def classify(self) -> Page:
        self.check_markup()
        for ln in self.lines:
            self.first_pass(ln)
        self.mark_repeated()
        for ln in self.content():
            self.shape(ln)
        self.mark_front()
        self.mark_buttons()
        self.demote_last_heading()
        self.set_depths()
        return self.collect()

    def check_markup(self) -> None:
        first = next((ln for ln in self.lines if ln.text), None)
        if first is not None and _MARKUP.match(first.text):
            raise ParseError(self.path, first.source.line, "this looks like HTML, not the text of a page",
                             got=first.text, expected="plain text, or the format guidance-html")

    def first_pass(self, ln: _Line) -> None:
        if not ln.text:
            ln.role = "skip"
            return
        text, removals = strip_link_icons(ln.text)
        if not text:
            ln.role, ln.reason = "chrome", LINK_ICON
            return
        if reason := line_chrome(text):
            ln.role, ln.reason = "chrome", reason
            return
        if date := updated_date(text):
            ln.role = "updated"
            self.page.updated_to = self.page.updated_to or date
            return
        if removals and removals[-1][0] == len(text) and len(text.split()) <= 8 \
                and not _BULLET.match(ln.source.raw):
            ln.role, ln.reason = "chrome", LINK
            return
        ln.text, ln.removals = text, removals

    def mark_repeated(self) -> None:
        lines = self.content()
        for i in repeated_runs([ln.text for ln in lines]):
            lines[i].role, lines[i].reason = "chrome", REPEATED

    def shape(self, ln: _Line) -> None:
        if m := _BULLET.match(ln.source.raw):
            marker = m[2]
            prefix = f"{marker} "
            if ln.text.startswith(prefix):
                indent = len(m[1].expandtabs(TAB).replace("\u00a0", " "))
                ln.role, ln.marker, ln.body, ln.indent = BULLET, marker, ln.text[len(prefix):], indent
                return
        if m := _NUMBERED.match(ln.text):
            ln.role, ln.marker, ln.body = NUMBERED, m[1], m[2]
            return
        ln.body = ln.text
        if label_kind(ln.text):
            ln.role, ln.marker = LABEL, ln.text
        elif heading_like(ln.text):
            ln.role = HEADING
        else:
            ln.role = PARAGRAPH

    def mark_front(self) -> None:
        """The identification lines above the first paragraph: publisher, site, title."""
        leading: list[_Line] = []
        for ln in self.content():
            if ln.role == HEADING or (ln.role == PARAGRAPH and banner_like(ln.text) and not leading):
                leading.append(ln)
                continue
            break
        title = fold_chars(clean(fold_quotes(self.meta.get("title", ""))))
        matches = [i for i, ln in enumerate(leading) if title and fold_chars(fold_quotes(ln.text)) == title]
        if matches:
            leading = leading[: matches[-1] + 1]
        for ln in leading:
            ln.role = "front"
        titles = [ln for ln in leading if heading_like(ln.text)]
        if titles:
            self.page.title = titles[-1].text
        if leading and leading[0].text != self.page.title:
            self.page.publisher = leading[0].text.rstrip(".")

    def mark_buttons(self) -> None:
        """Short calls to action that govern no text: "Register for online services"."""
        for i, ln in enumerate(self.lines):
            if ln.role != HEADING or not is_button(ln.text):
                continue
            after = next((x for x in self.lines[i + 1:] if x.role != "skip"), None)
            if after is None or after.role in ("chrome", HEADING):
                ln.role, ln.reason = "chrome", BUTTON

    def demote_last_heading(self) -> None:
        """A heading-like line that ends the page heads nothing: it is a paragraph."""
        content = self.content()
        if content and content[-1].role == HEADING:
            content[-1].role = PARAGRAPH

    def set_depths(self) -> None:
        indents: list[int] = []
        for ln in self.content():
            if ln.role != BULLET:
                indents = []
                continue
            while indents and ln.indent < indents[-1]:
                indents.pop()
            if not indents or ln.indent > indents[-1]:
                indents.append(ln.indent)
            ln.indent = len(indents) - 1

    def collect(self) -> Page:
        page = self.page
        for ln in self.lines:
            if ln.role == "skip":
                page.skipped.append(ln.source)
            elif ln.role == "chrome":
                page.chrome.append(Chrome(ln.source, ln.reason))
            elif ln.role in ("front", "updated"):
                page.front.append(ln.source)
            else:
                page.chrome += [Chrome(ln.source, LINK_ICON, words, at) for at, words in ln.removals]
                box = (label_kind(ln.text) or "") if ln.role == LABEL else ""
                page.blocks.append(Block(ln.role, ln.body, ln.source, depth=ln.indent,
                                         label=ln.marker, box=box))
        return page


def parse_guidance_text(text: str, path: str, meta: dict | None = None) -> Document:
    """Parse the text of a guidance page read from `path`; `meta` is its manifest entry."""
    meta = meta or {}
    return build_document(_Classifier(split_lines(text), path, meta).classify(), meta)


@ingester("guidance-text")
def parse_guidance_text_file(path: str, meta: dict | None = None) -> Document:
    """Read and parse a guidance page saved as plain text."""
    return parse_guidance_text(read_text(path), path, meta)
