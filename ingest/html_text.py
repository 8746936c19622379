"""Text out of LégisQuébec HTML elements: what a reader sees, without the page chrome.

LégisQuébec marks some text inside the document body as not for display:
``span.Hidden`` (duplicates of decree numbers, the running head, sort keys) and
``div.HistoryLink`` (the history icon).  Those, comments, scripts and images
are *chrome*; every other text node is document text.

>>> from lxml import html
>>> el = html.fragment_fromstring('<div><span class="Hidden">851-2016</span>'
...     '<span>D.\\u00a0851-2016</span>, <a href="/x">a.</a> 1<div>next</div></div>')
>>> visible_text(el)
'D.\\xa0851-2016, a. 1 next '
>>> [(t, a is not None) for t, a in text_pieces(el)][:3]
[('D.\\xa0851-2016', False), (', ', False), ('a.', True)]
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from lxml import etree

from ingest.clean import clean

CHROME_CLASSES = frozenset({"Hidden", "HistoryLink"})
CHROME_TAGS = frozenset({"script", "style", "meta", "img", "input", "button", "noscript",
                         "select", "option", "template", "link"})
BLOCK_TAGS = frozenset({"div", "p", "br", "li", "tr", "td", "th", "table", "ul", "ol",
                        "h1", "h2", "h3", "h4", "h5", "h6"})


def classes(el: etree._Element) -> list[str]:
    """The element's class names."""
    return (el.get("class") or "").split()


def has_class(el: etree._Element, name: str) -> bool:
    """True when `name` is one of the element's classes."""
    return name in classes(el)


def is_chrome(el: etree._Element) -> bool:
    """Comments, processing instructions, scripts, images and hidden spans."""
    if not isinstance(el.tag, str):
        return True
    return el.tag in CHROME_TAGS or not CHROME_CLASSES.isdisjoint(classes(el))


def children(el: etree._Element) -> list[etree._Element]:
    """Child elements that are not chrome."""
    return [c for c in el if not is_chrome(c)]


def text_pieces(el: etree._Element, skip: Iterable[etree._Element] = (),
                link: etree._Element | None = None) -> list[tuple[str, etree._Element | None]]:
    """The visible text of `el` in document order, each piece with the ``<a href>`` it
    is inside (or None).  Descendants in `skip` are left out (their tails are kept)."""
    pieces: list[tuple[str, etree._Element | None]] = []
    _collect(el, skip if isinstance(skip, (set, frozenset)) else set(skip), link, pieces)
    return pieces


def child_pieces(child: etree._Element, skipped: set | frozenset,
                 link: etree._Element | None = None) -> list[tuple[str, etree._Element | None]]:
    """The pieces of one child element, its tail excluded; blocks and labels are set
    off by spaces so that words in adjacent blocks do not run together."""
    pieces: list[tuple[str, etree._Element | None]] = []
    _collect_child(child, skipped, link, pieces)
    return pieces


def _collect(el: etree._Element, skipped: set | frozenset, link: etree._Element | None,
             out: list[tuple[str, etree._Element | None]]) -> None:
    if el.text:
        out.append((el.text, link))
    for child in el:
        if not is_chrome(child) and child not in skipped:
            _collect_child(child, skipped, link, out)
        if child.tail:
            out.append((child.tail, link))


def _collect_child(child: etree._Element, skipped: set | frozenset, link: etree._Element | None,
                   out: list[tuple[str, etree._Element | None]]) -> None:
    block = child.tag in BLOCK_TAGS
    if block:
        out.append((" ", link))
    _collect(child, skipped, child if child.tag == "a" and child.get("href") else link, out)
    if block or is_label(child):
        out.append((" ", link))


def is_label(el: etree._Element) -> bool:
    """A number or letter printed before a text (``Label-Z``, ``Label-indent``, ``Label-group5``)."""
    return any(c.startswith("Label-") for c in classes(el))


def visible_text(el: etree._Element, skip: Iterable[etree._Element] = ()) -> str:
    """The visible text of `el` (its tail excluded), spaces untouched."""
    return "".join(text for text, _ in text_pieces(el, skip))


def clean_text(el: etree._Element, skip: Iterable[etree._Element] = ()) -> str:
    """The visible text of `el`, spaces normalised."""
    return clean(visible_text(el, skip))


def links_in(pieces: list[tuple[str, etree._Element | None]], text: str
             ) -> list[tuple[etree._Element, str, int, int]]:
    """Each link among `pieces` with its cleaned text and its offsets in `text`
    (the cleaned text of all the pieces)."""
    found: list[tuple[etree._Element, str, int, int]] = []
    runs: list[tuple[etree._Element, list[str]]] = []
    for piece, link in pieces:
        if link is None:
            continue
        if runs and runs[-1][0] is link:
            runs[-1][1].append(piece)
        else:
            runs.append((link, [piece]))
    pos = 0
    for link, parts in runs:
        words = clean("".join(parts))
        start = text.find(words, pos) if words else -1
        if start >= 0:
            found.append((link, words, start, start + len(words)))
            pos = start + len(words)
    return found


def squash(text: str) -> str:
    """Text without any whitespace: what the lossless comparison looks at."""
    return re.sub(r"[\s\u00a0\u2009\u202f\u2007\u200a\u2002\u2003\u200b]+", "", text)


def leaf_blocks(el: etree._Element) -> list[etree._Element]:
    """The innermost blocks of `el` that hold its text (a table row counts as one):
    each becomes one front line or one note."""
    blocks = [c for c in children(el) if c.tag in BLOCK_TAGS]
    if el.tag == "tr" or not blocks or squash(visible_text(el, blocks)):
        return [el]
    return [leaf for block in blocks for leaf in leaf_blocks(block)]


def repealed_only(el: etree._Element, skip: Iterable[etree._Element] = ()) -> bool:
    """True when all the visible text of `el` is inside ``span.Repealed-Text``
    ("(Abrogé).", "(paragraphe abrogé);")."""
    skipped = set(skip)
    own = squash(visible_text(el, skipped))
    marked = [d for d in el.iterdescendants() if has_class(d, "Repealed-Text")
              and not _below(d, el, lambda a: has_class(a, "Repealed-Text") or a in skipped)]
    return bool(own) and own == squash("".join(visible_text(d) for d in marked))


def _below(el: etree._Element, top: etree._Element, test: Callable[[etree._Element], bool]) -> bool:
    """True when an ancestor of `el` below `top` passes `test`."""
    for ancestor in el.iterancestors():
        if ancestor is top:
            return False
        if test(ancestor):
            return True
    return False


def text_line(el: etree._Element, text: str, tail: bool) -> int | None:
    """The source line where the words of `el`'s text (or tail) start.  A text starts after the
    element's start tag; lxml does not know where an element ends, so a tail is counted back from
    the next element's start tag, across the line ends of the text and of the tails in between."""
    words = text.lstrip()
    if not tail:
        return el.sourceline + text[:len(text) - len(words)].count("\n") if el.sourceline else None
    ends = words.count("\n")
    for node in [el, *el.iterancestors()]:
        following = node.getnext()
        if node is not el:
            ends += (node.tail or "").count("\n")
        if following is not None and following.sourceline:
            return following.sourceline - ends
    return None
