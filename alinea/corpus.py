"""The corpus folder: its manifest, and parsing every document it lists."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from alinea.atomic import write_bytes, write_json
from alinea.errors import AlineaError, ParseError
from alinea.integrity import check_sha256, inside, sha256_of
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


def translations(entries: list[Entry]) -> dict[str, str]:
    """Document id -> its other-language version, both ways, from the manifest's ``translation_of``
    (the id of the document an entry translates); AlineaError when it names no listed document or a
    document of the same language."""
    by_id = {e.id: e for e in entries}
    out: dict[str, str] = {}
    for entry in entries:
        original = entry.meta.get("translation_of")
        if not original:
            continue
        if original not in by_id:
            raise AlineaError(f"{MANIFEST} ({entry.id}): translation_of {original!r} is not a listed document")
        if by_id[original].meta.get("lang") == entry.meta.get("lang"):
            raise AlineaError(f"{MANIFEST} ({entry.id}): translation_of {original!r} is in the same language")
        if out.get(original, entry.id) != entry.id or out.get(entry.id, original) != original:
            raise AlineaError(f"{MANIFEST} ({entry.id}): {original!r} already has another translation")
        out[entry.id], out[original] = original, entry.id
    return out


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
    corpus_dir = entry.path.parents[len(Path(entry.meta["file"]).parts) - 1]
    return check_sha256(entry.path, entry.meta.get("sha256"), entry.id,
                        f"alinea add --corpus {corpus_dir} {entry.path}")


def parse_entry(entry: Entry, checked: bool = False) -> tuple[Document, list[str]]:
    """Parse one listed document (its file checked with `check_source` unless checked says
    it was); return it with warnings where it disagrees with the manifest."""
    from ingest import parse_file
    from ingest.detect import check_format

    if not checked:
        check_source(entry)
    check_format(str(entry.path), entry.format)
    doc = replace(parse_file(str(entry.path), entry.format, entry.meta), path=entry.meta["file"])
    notes = [f"{entry.path}: {w}" if not w.startswith(str(entry.path)) else w for w in doc.warnings]
    if doc.id != entry.id:
        notes.append(f"{entry.path}: the document says it is {doc.id}, the manifest says {entry.id}")
    current_to = entry.meta.get("current_to")
    if current_to and doc.updated_to and current_to != doc.updated_to:
        notes.append(f"{entry.path}: current to {doc.updated_to}, the manifest says {current_to}")
    return doc, notes


# -- adding documents -----------------------------------------------------------------
FOLDERS = {"legisquebec-html": "legisquebec", "legisquebec-text": "legisquebec",
           "guidance-html": "guidance", "guidance-text": "guidance"}
"""The corpus subfolder of each format's files."""
NEW_MANIFEST = {"description": "Source documents of an Alinea knowledge base, as published. Each entry "
                               "says what the file is; `alinea add` writes it and `alinea build` reads it.",
                "documents": []}


@dataclass(frozen=True)
class Added:
    """What `add_document` did with one file."""

    id: str
    """The document's id."""
    action: str
    """``added``, ``replaced`` (an older consolidation of the same document) or ``unchanged``
    (already there with the same date)."""
    message: str
    """One line for the user."""


def add_document(corpus_dir: str | Path, source: str | Path) -> Added:
    """Read `source`, detect what it is, copy it under `corpus_dir` with a name made of its id
    and language, and write its manifest entry (with its sha256).  AlineaError naming the file
    when it is not a document Alinea reads, or when it would replace a newer consolidation."""
    from ingest import detect_format, parse_file

    corpus_dir, source = Path(corpus_dir), Path(source)
    fmt = detect_format(str(source))
    doc = parse_file(str(source), fmt)
    data = _manifest_data(corpus_dir)
    entries = data["documents"]
    old = next((e for e in entries if isinstance(e, dict) and e.get("id") == doc.id), None)
    name = f"{FOLDERS[fmt]}/{doc.id.removeprefix('guidance:')}.{doc.lang}{source.suffix.lower() or '.txt'}"
    entry = {"id": doc.id, "file": name, "format": fmt, "kind": doc.kind, "publisher": doc.publisher or "unknown",
             "lang": doc.lang, "title": doc.title or doc.id, "url": doc.url, "current_to": doc.updated_to,
             "sha256": sha256_of(source)}
    what = f"{doc.id} ({doc.kind}, {doc.lang}, current to {doc.updated_to or 'an unprinted date'})"
    if old is not None:
        if old.get("lang") and old["lang"] != doc.lang:
            raise AlineaError(f"{source}: {doc.id} is already in the corpus in {old['lang']!r} "
                              f"({old.get('file')}); a document is held in one language")
        if old.get("sha256") == entry["sha256"] or (old.get("current_to") == doc.updated_to and doc.updated_to):
            return Added(doc.id, "unchanged", f"{source}: {what} is already in the corpus as {old.get('file')}")
        if old.get("current_to") and doc.updated_to and doc.updated_to < old["current_to"]:
            raise AlineaError(f"{source}: {doc.id} current to {doc.updated_to} is older than the consolidation "
                              f"in the corpus (current to {old['current_to']}); not added")
    write_bytes(corpus_dir / name, source.read_bytes())
    if old is not None:
        entries[entries.index(old)] = {**old, **entry}
        action, message = "replaced", (f"{source}: {what} replaces the consolidation current to "
                                       f"{old.get('current_to') or 'an unprinted date'} in {name}")
    else:
        entries.append(entry)
        action, message = "added", f"{source}: added {what} as {name}"
    write_json(corpus_dir / MANIFEST, data, indent=2)
    if old is not None and old.get("file") and old["file"] != name:  # the older copy, once nothing names it
        (corpus_dir / old["file"]).unlink(missing_ok=True)
    return Added(doc.id, action, message)


def _manifest_data(corpus_dir: Path) -> dict:
    """The manifest as JSON data (a new one when the folder has none); checked like `load_manifest`."""
    if not (corpus_dir / MANIFEST).is_file():
        return json.loads(json.dumps(NEW_MANIFEST))
    load_manifest(corpus_dir)
    return json.loads((corpus_dir / MANIFEST).read_text(encoding="utf-8"))
