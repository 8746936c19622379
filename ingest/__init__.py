"""Parsers that turn source documents into the model.

`parse_file(path, fmt, meta)` picks the ingester for a format; `detect_format`
reads the format of a file that is not in a manifest from its content, and refuses
a file that no ingester reads.
"""
from __future__ import annotations

from alinea.errors import AlineaError
from alinea.model import Document
from ingest.registry import FORMATS, Ingester, ingester  # noqa: F401  (parsers register here)


def detect_format(path: str) -> str:
    """The format of a file, read from its content (see `ingest.detect`)."""
    from ingest.detect import detect_format as detect
    return detect(path)


def parse_file(path: str, fmt: str | None = None, meta: dict | None = None) -> Document:
    """Parse one source file with the ingester for its format."""
    from ingest.detect import check_format

    _load_ingesters()
    fmt = fmt or detect_format(path)
    check_format(path, fmt)
    if fmt not in FORMATS:
        raise AlineaError(f"{path}: no ingester for format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    return FORMATS[fmt](path, meta or {})


def _load_ingesters() -> None:
    # Importing each module registers its formats.
    from ingest import guidance_html, guidance_text, legisquebec_html, legisquebec_text  # noqa: F401
