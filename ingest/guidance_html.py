"""Guidance pages saved from a browser as HTML (format ``guidance-html``) -> Document.

The page's main content (``<main>``, ``role="main"``, ``<article>``, ``#content``,
else ``<body>``) is walked in document order: ``h1`` is the title, ``h2``–``h6``
headings (their level lets sub-headings inherit a dated heading's period),
``p`` and text paragraphs, ``ul``/``ol`` items bullets (nested lists deeper),
``dt``/``summary`` questions with their answers, table rows paragraphs, and a
box whose class says note or example (``note``, ``remarque``, ``exemple``,
``example``, ``encadre``) gives its kind to the paragraphs inside it.
Everything else is chrome, kept with its reason: scripts and styles, ``nav``,
site header and footer, search boxes and form controls, hidden and screen-reader-only
text, breadcrumbs and share or print tools, and whatever lies outside the main
content.  Title, language, publisher, URL and last-update date come from the
page's ``<html lang>``, ``<meta>`` and ``<link rel=canonical>`` when present.

Each block keeps the line of its element's start tag and the element's own
text as published; the HTML lossless check is that the words of the body are
exactly the words of the front matter, the chrome and the blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from alinea.errors import ParseError
from alinea.model import Chrome, Document, Source
from ingest.chrome import (
    BUTTON,
    LINK_ICON,
    NAVIGATION,
    REPEATED,
    line_chrome,
    repeated_runs,
    strip_link_icons,
)
from ingest.clean import clean
from ingest.guidance_blocks import (
    BULLET,
    HEADING,
    LABEL,
    NUMBERED,
    PARAGRAPH,
    QUESTION,
    Block,
    Page,
    build_document,
    label_kind,
    updated_date,
)
from ingest.periods import find_periods
from ingest.registry import ingester
from ingest.source import html_tree, read_text

_SCRIPTS = {"script", "style", "noscript", "template"}
_FORMS = {"button", "input", "select", "textarea", "option", "label", "fieldset", "legend"}
"""Form controls (a ``<form>`` itself is not chrome: ASP.NET pages wrap the whole page in one)."""
_EMBEDDED = {"iframe", "svg", "canvas", "object", "embed", "video", "audio", "map"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd",
           "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
           "font", "del", "ins"}
_ROLES = {"navigation": NAVIGATION, "search": "form", "banner": "header", "contentinfo": "footer"}
_CHROME_TOKENS = {
    "hidden": {"sr", "only", "visually", "screen", "reader", "invisible", "hidden", "offscreen"},
    NAVIGATION: {"breadcrumb", "breadcrumbs", "ariane", "skip", "menu", "nav", "navbar", "navigation",
                 "pagination", "langue", "language", "lang", "switcher", "search", "recherche"},
    "page control": {"share", "partage", "partager", "social", "print", "imprimer", "toolbar", "outils",
                     "cookie", "cookies", "feedback", "retroaction"},
    BUTTON: {"btn", "button", "bouton"},
}
_HIDDEN_PAIRS = [("sr", "only"), ("visually", "hidden"), ("screen", "reader"), ("element", "invisible")]
_BOX_TOKENS = {"note": {"note", "notes", "remarque", "remarques", "encadre", "attention", "important",
                        "avertissement", "precision"},
               "example": {"exemple", "exemples", "example", "examples"}}
_UPDATED_META = ("dcterms.modified", "dc.date.modified", "dcterms.date", "article:modified_time",
                 "last-modified", "date.modified", "dateModified")
_PUBLISHER_META = ("dcterms.publisher", "dc.publisher", "author", "og:site_name", "dcterms.creator")


def _tokens(el: etree._Element) -> list[str]:
    words = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return [t for t in re.split(r"[\s_\-]+", words) if t]


def _chrome_reason(el: etree._Element, whole_body: bool) -> str | None:
    """Why an element is chrome, or None when it may hold content."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SCRIPTS:
        return "script"
    if tag == "nav":
        return NAVIGATION
    if tag in _FORMS:
        return BUTTON if tag == "button" else "form"
    if tag in _EMBEDDED:
        return "embedded"
    if whole_body and tag in ("header", "footer"):
        return tag
    if (role := el.get("role", "").lower()) in _ROLES:
        return _ROLES[role]
    style = el.get("style", "").replace(" ", "").lower()
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true" \
            or "display:none" in style or "visibility:hidden" in style:
        return "hidden"
    tokens = _tokens(el)
    if any(a in tokens and b in tokens for a, b in _HIDDEN_PAIRS) or {"hidden", "invisible"} & set(tokens):
        return "hidden"
    if _box_kind(el):
        return None
    for reason in (NAVIGATION, "page control", BUTTON):
        if set(tokens) & _CHROME_TOKENS[reason]:
            return reason
    return None


def _box_kind(el: etree._Element) -> str:
    tokens = set(_tokens(el))
    for kind in ("example", "note"):
        if tokens & _BOX_TOKENS[kind]:
            return kind
    return ""


@dataclass
class _Context:
    box: str = ""
    depth: int = -1


class _Walker:
    def __init__(self, path: str, root: etree._Element, body: etree._Element) -> None:
        self.path, self.root, self.body = path, root, body
        self.page = Page(path)
        self.whole_body = root is body

    # -- chrome ----------------------------------------------------------------
    def chrome(self, el: etree._Element, reason: str) -> None:
        self.page.chrome.append(Chrome(Source(el.sourceline or 0, el.text_content()), reason))

    def outside(self) -> None:
        """Everything in the body that is not inside the main content is chrome."""
        path = [self.root, *self.root.iterancestors()]
        path = path[: next(i for i, el in enumerate(path) if el is self.body) + 1][::-1]
        for el, inside in zip(path, path[1:], strict=False):
            texts = [(el, el.text)]
            for child in el:
                if child is not inside and isinstance(child.tag, str):
                    self.chrome(child, _chrome_reason(child, True) or "outside the main content")
                texts.append((child, child.tail))
            for owner, text in texts:
                if text and text.strip():
                    source = Source(owner.sourceline or 0, text)
                    self.page.chrome.append(Chrome(source, "outside the main content"))

    # -- text ------------------------------------------------------------------
    def inline(self, el: etree._Element, skip_lists: bool = False, cells: bool = False) -> str:
        """The element's text with its descendants' (a table row's cells apart); chrome inside
        is set aside."""
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str):
                if reason := _chrome_reason(child, self.whole_body):
                    self.chrome(child, reason)
                elif child.tag == "br":
                    parts.append("\n")
                elif not (skip_lists and child.tag in ("ul", "ol")):
                    text = self.inline(child, skip_lists)
                    parts.append(f"\t{text}\t" if cells else text)
            parts.append(child.tail or "")
        return "".join(parts)

    def block(self, kind: str, raw: str, line: int, ctx: _Context, label: str = "", level: int = 0,
              depth: int = 0, box: str | None = None) -> Block | None:
        text, removals = strip_link_icons(clean(raw))
        source = Source(line, raw)
        if not text:
            if raw.strip():
                self.page.chrome.append(Chrome(source, LINK_ICON))
            return None
        if reason := line_chrome(text):
            self.page.chrome.append(Chrome(source, reason))
            return None
        if kind == PARAGRAPH and ctx.depth < 0 and (date := updated_date(text)):
            self.page.front.append(source)
            self.page.updated_to = self.page.updated_to or date
            return None
        self.page.chrome += [Chrome(source, LINK_ICON, words, at) for at, words in removals]
        block = Block(kind, text, source, level, depth, label, ctx.box if box is None else box)
        self.page.blocks.append(block)
        return block

    def paragraph(self, raw: str, line: int, ctx: _Context) -> None:
        text = clean(raw)
        if (kind := label_kind(text)) is not None:
            self.block(LABEL, raw, line, ctx, label=text, box=kind)
            return
        if m := re.match(r"^(\d{1,2}[.)])\s+(\S.*)$", text):
            block = self.block(NUMBERED, raw, line, ctx, label=m[1])
            if block is not None:
                block.text = block.text[len(m[1]):].lstrip()
            return
        self.block(PARAGRAPH, raw, line, ctx)

    # -- structure ---------------------------------------------------------------
    def walk(self, el: etree._Element, ctx: _Context) -> None:
        tag = el.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(el, ctx)
        elif tag in ("ul", "ol"):
            self.items(el, ctx)
        elif tag in ("dt", "summary"):
            self.block(QUESTION, self.inline(el), el.sourceline or 0, ctx)
        elif tag == "tr":
            self.paragraph(self.inline(el, cells=True), el.sourceline or 0, ctx)
        else:
            box = _box_kind(el)
            self.container(el, _Context(box or ctx.box, ctx.depth) if box else ctx)

    def drop(self, el: etree._Element) -> bool:
        reason = _chrome_reason(el, self.whole_body)
        if reason:
            self.chrome(el, reason)
        return bool(reason)

    def container(self, el: etree._Element, ctx: _Context) -> None:
        """An element that may mix running text and blocks: each run of text is a paragraph."""
        run: list[str] = [el.text or ""]
        line = el.sourceline or 0

        def flush(next_line: int) -> None:
            nonlocal run, line
            raw = "".join(run)
            if raw.strip():
                self.paragraph(raw, line, ctx)
            run, line = [], next_line

        for child in el:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if reason := _chrome_reason(child, self.whole_body):
                self.chrome(child, reason)
            elif child.tag in _INLINE:
                if not "".join(run).strip():
                    line = child.sourceline or line
                run.append("\n" if child.tag == "br" else self.inline(child))
            else:
                flush(child.sourceline or line)
                self.walk(child, ctx)
                line = child.sourceline or line
            run.append(child.tail or "")
        flush(line)

    def heading(self, el: etree._Element, ctx: _Context) -> None:
        raw = self.inline(el)
        text = clean(raw)
        if ctx.box and label_kind(text):
            self.block(LABEL, raw, el.sourceline or 0, ctx, label=text, box=label_kind(text))
        elif el.tag == "h1" and not self.page.title:
            self.page.title = text
            self.page.front.append(Source(el.sourceline or 0, raw))
        elif text:
            self.block(HEADING, raw, el.sourceline or 0, ctx, level=int(el.tag[1]))

    def items(self, el: etree._Element, ctx: _Context) -> None:
        inner = _Context(ctx.box, ctx.depth + 1)
        number = int(el.get("start", "1")) if el.get("start", "1").isdigit() else 1
        stray = [(el, el.text)]
        for child in el:
            stray.append((child, child.tail))
            if not isinstance(child.tag, str) or self.drop(child):
                continue
            if child.tag != "li":
                self.walk(child, inner)
                continue
            label = f"{number}." if el.tag == "ol" else "•"
            number += 1
            self.block(BULLET, self.inline(child, skip_lists=True), child.sourceline or 0, inner,
                       label=label, depth=inner.depth)
            for sub in child.iter("ul", "ol"):
                if self.nested_in(sub, el):
                    self.items(sub, inner)
        for owner, text in stray:
            if text and text.strip():  # text typed between the items of a list, outside any <li>
                self.paragraph(text, owner.sourceline or 0, ctx)


    def nested_in(self, sub: etree._Element, el: etree._Element) -> bool:
        """True when list `sub` belongs to list `el`: `el` is the nearest list around it and no
        element between them is chrome (chrome is set aside whole, lists inside it included)."""
        for ancestor in sub.iterancestors():
            if ancestor is el:
                return True
            if ancestor.tag in ("ul", "ol") or _chrome_reason(ancestor, self.whole_body):
                return False
        return False


def _meta(tree: etree._Element, names: tuple[str, ...]) -> str:
    for name in names:
        for el in tree.iter("meta"):
            if (el.get("name") or el.get("property") or el.get("itemprop") or "").lower() == name.lower():
                if content := (el.get("content") or "").strip():
                    return content
    return ""


def _main(body: etree._Element) -> etree._Element:
    for xpath in ("//main", "//*[@role='main']", "//article", "//*[@id='content']", "//*[@id='main-content']",
                  "//*[@id='contenu']"):
        found = body.xpath(xpath)
        if found:
            return found[0]
    return body


def parse_guidance_html(text: str, path: str, meta: dict | None = None) -> Document:
    """Parse a guidance page saved as HTML from `path`; `meta` is its manifest entry."""
    meta = meta or {}
    tree = html_tree(text, path, "a page saved from a browser")
    body = tree.find("body")
    if body is None:
        raise ParseError(path, None, "no <body> in the HTML page", expected="a page saved from a browser")
    walker = _Walker(path, _main(body), body)
    walker.outside()
    walker.walk(walker.root, _Context())
    page = walker.page
    _repeated(page)
    title = tree.find(".//title")
    page.title = page.title or (clean(title.text_content()) if title is not None else "")
    page.lang = (tree.get("lang") or "").split("-")[0].lower()
    page.publisher = _meta(tree, _PUBLISHER_META)
    if modified := _meta(tree, _UPDATED_META):
        found = find_periods(modified[:10] if re.match(r"\d{4}-\d{2}-\d{2}", modified) else modified)
        page.updated_to = page.updated_to or (found[0].period.start if found else None)
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    page.url = canonical[0] if canonical else _meta(tree, ("og:url",))
    return build_document(page, meta)


def _repeated(page: Page) -> None:
    """Blocks repeated as a run elsewhere on the page are a notice, not content."""
    repeated = repeated_runs([b.text for b in page.blocks])
    for i in sorted(repeated):
        page.chrome.append(Chrome(page.blocks[i].source, REPEATED))
    page.blocks = [b for i, b in enumerate(page.blocks) if i not in repeated]


@ingester("guidance-html")
def parse_guidance_html_file(path: str, meta: dict | None = None) -> Document:
    """Read and parse a guidance page saved as HTML."""
    return parse_guidance_html(read_text(path), path, meta)
