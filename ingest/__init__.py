"""Parsers that turn source documents into the model.

`parse_file(path, fmt, meta)` picks the ingester for a format; `detect_format`
guesses the format of a file that is not in a manifest.
"""
from __future__ import annotations

import re
from pathlib import Path

from alinea.errors import AlineaError
from alinea.model import Document
from ingest.registry import FORMATS, Ingester, ingester  # noqa: F401  (parsers register here)
from ingest.source import read_text


def detect_format(path: str) -> str:
    """``legisquebec-text``, ``legisquebec-html``, ``guidance-text`` or ``guidance-html``."""
    text = read_text(path)
    head = text[:200_000]
    if Path(path).suffix.lower() in (".html", ".htm", ".xhtml") or re.match(r"\s*<(!doctype|html)", head, re.I):
        title = re.search(r"<title[^>]*>([^<]*)", head, re.I)
        publisher = bool(title and re.search(r"l[ée]gis\s*qu[ée]bec", title[1], re.I))
        # Guidance pages link to LégisQuébec too: only its markup or its title says a page is its own.
        return "legisquebec-html" if "mainContent-document" in head or publisher else "guidance-html"
    if re.search(r"^(?:chapter|chapitre)[ \u00a0]+[A-Z]{1,3}-\d", head[:5000], re.M):
        return "legisquebec-text"
    return "guidance-text"


def parse_file(path: str, fmt: str | None = None, meta: dict | None = None) -> Document:
    """Parse one source file with the ingester for its format."""
    _load_ingesters()
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise AlineaError(f"{path}: no ingester for format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    return FORMATS[fmt](path, meta or {})


def _load_ingesters() -> None:
    # Importing each module registers its formats.
    from ingest import guidance_html, guidance_text, legisquebec_html, legisquebec_text  # noqa: F401
