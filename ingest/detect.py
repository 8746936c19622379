"""Which ingester reads a file, decided by its content; a file none reads is refused by name.

Each format needs positive evidence, looked for in the first `HEAD` bytes (the rest of the
file is not read here):

- ``legisquebec-html``: the publisher's document markup (``div.LegislativeDocument``,
  ``div#mainContent-document``) or a page title naming LégisQuébec — checked first, so a
  LégisQuébec document is never read as another format;
- ``legisquebec-text``: a ``chapter A-13.1.1`` / ``chapitre S-2.1, r. 6`` line near the top;
- ``guidance-html`` / ``guidance-text``: prose about the subject of the corpus — at least
  `GUIDANCE_MIN_HITS` mentions of the phrases in `GUIDANCE_EVIDENCE` (the assistance
  programs, their act, the bodies that run them).  A page about anything else is not
  guidance, however well written.

Sizes are checked before the file is read: `MAX_BYTES` for any document, and
`GUIDANCE_MAX_BYTES` for a guidance page (a web page of advice, not a book).
"""
from __future__ import annotations

import os
import re
import stat

from alinea.errors import ParseError
from alinea.ids import fold_chars
from ingest.source import MAX_BYTES, not_a_file, read_head

HEAD = 200_000
GUIDANCE_MAX_BYTES = 5_000_000
GUIDANCE_MIN_HITS = 2
LEGISQUEBEC_MARKUP = re.compile(r"""class=["'][^"']*\bLegislativeDocument\b|id=["']mainContent-document["']""")
LEGISQUEBEC_TITLE = re.compile(r"<title[^>]*>[^<]*l[ée]gis\s*qu[ée]bec", re.I)
STATUTE_TEXT = re.compile(r"^(?:chapter|chapitre)[ \u00a0]+[A-Z]{1,3}-\d", re.M)
HTML = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|div)\b", re.I | re.S)
GUIDANCE_EVIDENCE = [  # folded: lower case, no accents
    r"solidarite sociale", r"social solidarity", r"aide sociale", r"social assistance",
    r"dernier recours", r"last[- ]resort", r"aide aux personnes et aux familles",
    r"individual and family assistance", r"objectif emploi", r"aim for employment",
    r"revenu de base", r"basic income", r"aide financiere", r"financial assistance",
    r"emploi-quebec", r"services quebec", r"\badel\b", r"\bmtess\b", r"\bmess\b", r"\bcisss\b",
    r"\bciusss\b", r"a-13\.1\.1", r"prestation de base", r"basic benefit",
]
_EVIDENCE = re.compile("|".join(GUIDANCE_EVIDENCE))


def detect_format(path: str) -> str:
    """``legisquebec-html``, ``legisquebec-text``, ``guidance-html`` or ``guidance-text``;
    ParseError naming the file when it is too large or none of them."""
    size = _size(path)
    head = read_head(path, HEAD)
    if LEGISQUEBEC_MARKUP.search(head) or LEGISQUEBEC_TITLE.search(head[:20_000]):
        return "legisquebec-html"
    html = bool(HTML.match(head)) or path.lower().endswith((".html", ".htm", ".xhtml"))
    if not html and STATUTE_TEXT.search(head[:5000]):
        return "legisquebec-text"
    hits = len(_EVIDENCE.findall(fold_chars(head)))
    if hits >= GUIDANCE_MIN_HITS:
        if size > GUIDANCE_MAX_BYTES:
            raise ParseError(path, None, f"file is {size:,} bytes, more than the {GUIDANCE_MAX_BYTES:,} "
                                         "allowed for a guidance page")
        return "guidance-html" if html else "guidance-text"
    kind = "web page" if html else "text"
    raise ParseError(path, None, f"not a document Alinea reads: this {kind} is neither a LégisQuébec act "
                                 "or regulation nor a guidance page on social assistance "
                                 f"({hits} mention of its programs or bodies)",
                     expected="a page saved from legisquebec.gouv.qc.ca, or a guidance page")


def check_format(path: str, fmt: str) -> None:
    """ParseError when a file a manifest lists as guidance is a LégisQuébec document: it is
    never read as another format in a build (a developer may still run the guidance parser
    on it by hand)."""
    if fmt.startswith("guidance") and _size(path) and LEGISQUEBEC_MARKUP.search(read_head(path, HEAD)):
        raise ParseError(path, None, f"a LégisQuébec document, not a guidance page (format {fmt!r}): "
                                     "read it as legisquebec-html")


def _size(path: str) -> int:
    """The file's size, refused before reading when over `MAX_BYTES`."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise ParseError(path, None, f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read below
        raise not_a_file(path, status.st_mode)
    size = status.st_size
    if size > MAX_BYTES:
        raise ParseError(path, None, f"file is {size:,} bytes, more than the {MAX_BYTES:,} allowed")
    return size
