"""The corpus folder: its manifest, and parsing every document it lists."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from alinea.errors import AlineaError, ParseError
from alinea.integrity import check_sha256, inside
from alinea.model import Document

MANIFEST = "manifest.json"
REQUIRED = ("id", "file", "format", "kind", "publisher", "lang", "title")
KINDS = ("statute", "regulation", "guidance")


@dataclass(frozen=True)
class Entry:
    """One document listed in the manifest."""

    id: str
    """Document id (``A-13.1.1``, ``guidance:adel-66-72``)."""
    path: Path
    """Absolute path of the source file."""
    format: str
    """Ingester name: ``legisquebec-text``, ``legisquebec-html``, ``guidance-text``, ``guidance-html``."""
    meta: dict
    """The whole manifest entry (kind, publisher, lang, title, url, current_to, sha256)."""


def load_manifest(corpus_dir: str | Path) -> list[Entry]:
    """The manifest's entries; AlineaError naming the manifest and entry when one is wrong."""
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / MANIFEST
    if not path.is_file():
        raise AlineaError(f"{path}: no manifest; a corpus folder needs a {MANIFEST} listing its documents")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(str(path), line, f"manifest is not valid UTF-8 JSON: {exc}") from None
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise AlineaError(f"{path}: expected an object with a 'documents' list")
    entries, seen = [], set()
    for i, item in enumerate(docs, 1):
        where = f"{path}: document {i}"
        if not isinstance(item, dict):
            raise AlineaError(f"{where}: expected an object")
        missing = [k for k in REQUIRED if not item.get(k)]
        if missing:
            raise AlineaError(f"{where} ({item.get('id', '?')}): missing {', '.join(missing)}")
        if item["kind"] not in KINDS:
            raise AlineaError(f"{where} ({item['id']}): kind {item['kind']!r} is not one of {', '.join(KINDS)}")
        if item["id"] in seen:
            raise AlineaError(f"{where}: id {item['id']!r} is listed twice")
        seen.add(item["id"])
        inside(corpus_dir, item["file"], f"{where} ({item['id']})")
        entries.append(Entry(item["id"], corpus_dir / item["file"], item["format"], item))
    return entries


def _data_file(corpus_dir: str | Path, key: str) -> Path | None:
    """The data file the manifest names under key, or None."""
    corpus_dir = Path(corpus_dir)
    try:
        data = json.loads((corpus_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    name = data.get(key) if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        return None
    inside(corpus_dir, name, f"{corpus_dir / MANIFEST}: {key!r}")
    return corpus_dir / name


def glossary_path(corpus_dir: str | Path) -> Path | None:
    """The bilingual glossary the manifest names under ``"glossary"`` (data, not a source document)."""
    return _data_file(corpus_dir, "glossary")


def thesaurus_path(corpus_dir: str | Path) -> Path | None:
    """The lay-to-legal thesaurus the manifest names under ``"thesaurus"`` (data, not a source document)."""
    return _data_file(corpus_dir, "thesaurus")


def check_source(entry: Entry) -> str:
    """The SHA-256 of an entry's file; AlineaError when it is missing, not a regular file, or
    not what the manifest's sha256 says."""
    if not entry.path.is_file():
        raise AlineaError(f"{entry.path}: listed in the manifest as {entry.id} but missing or not a file")
    return check_sha256(entry.path, entry.meta.get("sha256"), entry.id)


def parse_entry(entry: Entry, checked: bool = False) -> tuple[Document, list[str]]:
    """Parse one listed document (its file checked with `check_source` unless checked says
    it was); return it with warnings where it disagrees with the manifest."""
    from ingest import parse_file

    if not checked:
        check_source(entry)
    doc = replace(parse_file(str(entry.path), entry.format, entry.meta), path=entry.meta["file"])
    notes = [f"{entry.path}: {w}" if not w.startswith(str(entry.path)) else w for w in doc.warnings]
    if doc.id != entry.id:
        notes.append(f"{entry.path}: the document says it is {doc.id}, the manifest says {entry.id}")
    current_to = entry.meta.get("current_to")
    if current_to and doc.updated_to and current_to != doc.updated_to:
        notes.append(f"{entry.path}: current to {doc.updated_to}, the manifest says {current_to}")
    return doc, notes
