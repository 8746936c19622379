"""The built knowledge base on disk: one SQLite file of JSON data (see docs/data.md).

Why SQLite rather than one JSON file: it is in the standard library, a reader can take one
part (the documents without the graph, one blob) without parsing the rest, many processes
read it at once, and it holds the per-document parse cache that makes the next build
incremental.  Every value is JSON written by alinea.codec (data only, never code), stored
with its SHA-256, and checked when it is read: a damaged store gives `DamagedData` naming the
file, never wrong results.  The file is written under a temporary name and renamed into
place (alinea.atomic), so readers see the previous build or this one, whole.

Tables:  meta(key, value)                   schema version, generator, parser version
         documents(pos, id, kind, body, sha256)   the linked documents, manifest order
         parsed(id, key, body, notes, sha256)     each document as its parser returned it,
                                                  keyed by source SHA-256 + parser + manifest entry
         blobs(name, body, sha256)          references, errors, graph, glossary, thesaurus, files
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alinea import __version__
from alinea.atomic import replacing
from alinea.codec import CodecError, decode, encode
from alinea.errors import AlineaError, DamagedData
from alinea.model import Corpus, Document, Reference

STORE_FILE = "alinea.sqlite"
SCHEMA = 1
"""Bumped whenever what the tables hold changes; a store of another schema is not read."""
PICKLE_FILE = "corpus.pickle"
"""What Alinea before the store wrote: never opened, only named in the message to rebuild."""

BUILT_BESIDE = ("export.json",)
"""What a build writes just before the store: when it is there, a missing store is damage (a
folder holding only a search index is not: the search tests and tools build those)."""

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (pos INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
                        body TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE parsed (id TEXT PRIMARY KEY, key TEXT NOT NULL, body TEXT NOT NULL, notes TEXT NOT NULL,
                     sha256 TEXT NOT NULL);
CREATE TABLE blobs (name TEXT PRIMARY KEY, body TEXT NOT NULL, sha256 TEXT NOT NULL);
"""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(data_dir: Path, corpus: Corpus, blobs: dict[str, Any],
          parsed: dict[str, tuple[str, Document, list[str]]], parser: str) -> Path:
    """Write the store of a build: corpus, JSON-ready blobs by name, and the parse cache
    (document id -> (key, document as parsed, warnings)); returns its path."""
    path = data_dir / STORE_FILE
    blobs = {"references": encode(corpus.references), "errors": list(corpus.errors), **blobs}
    with replacing(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _TABLES)
            meta = {"schema": str(SCHEMA), "generator": f"alinea {__version__}", "parser": parser}
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            rows = []
            for pos, doc in enumerate(corpus.documents):
                body = _dumps(encode(doc))
                rows.append((pos, doc.id, doc.kind, body, _digest(body)))
            db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?)", rows)
            rows = []
            for doc_id, (key, doc, notes) in parsed.items():
                body, notes_text = _dumps(encode(doc)), _dumps(notes)
                rows.append((doc_id, key, body, notes_text, _digest(body + notes_text)))
            db.executemany("INSERT INTO parsed VALUES (?, ?, ?, ?, ?)", rows)
            rows = [(name, body, _digest(body)) for name, body in ((n, _dumps(v)) for n, v in blobs.items())]
            db.executemany("INSERT INTO blobs VALUES (?, ?, ?)", rows)
            db.commit()
        finally:
            db.close()
    return path


class Store:
    """A store opened for reading (read-only, works on a read-only filesystem).

    Every read checks what it reads; DamagedData names the file when anything is wrong."""

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / STORE_FILE
        if not self.path.is_file():
            if (Path(data_dir) / PICKLE_FILE).is_file():
                raise AlineaError(f"{data_dir}/ was built by an older Alinea ({PICKLE_FILE}, which is no longer "
                                  "read): rerun `alinea build`")
            if any((Path(data_dir) / name).exists() for name in BUILT_BESIDE):
                raise DamagedData(self.path, "is missing")
            raise AlineaError(f"no knowledge base in {data_dir}/: run `alinea build` first")
        try:
            size = self.path.stat().st_size
            self._db = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1",
                                       uri=True, check_same_thread=False)
            page_size, = self._db.execute("PRAGMA page_size").fetchone()
            pages, = self._db.execute("PRAGMA page_count").fetchone()
            self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except (sqlite3.Error, OSError) as exc:
            raise DamagedData(self.path, f"is not a readable store ({exc})") from None
        if size != page_size * pages or not pages:
            raise DamagedData(self.path, f"has {size} bytes where its header says {page_size * pages}")
        if self.meta.get("schema") != str(SCHEMA):
            raise AlineaError(f"{self.path} was built by another version of Alinea (store schema "
                              f"{self.meta.get('schema')}, this one reads {SCHEMA}): rerun `alinea build`")

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise DamagedData(self.path, f"cannot be read ({exc})") from None

    def _checked(self, text: str, digest: str, what: str) -> str:
        if not isinstance(text, str) or _digest(text) != digest:
            raise DamagedData(self.path, f"holds a damaged {what} (checksum differs)")
        return text

    def decode_text(self, tp: Any, text: str, what: str) -> Any:
        try:
            return decode(tp, json.loads(text))
        except (ValueError, CodecError) as exc:
            raise DamagedData(self.path, f"holds a {what} that cannot be read ({exc})") from None

    def blob_text(self, name: str) -> str | None:
        """The JSON text of a blob, checked; None when the build wrote none of that name."""
        rows = self._rows("SELECT body, sha256 FROM blobs WHERE name = ?", (name,))
        return self._checked(rows[0][0], rows[0][1], name) if rows else None

    def blob(self, name: str, tp: Any = Any) -> Any:
        """A blob read as type tp; None when there is none."""
        text = self.blob_text(name)
        return None if text is None else self.decode_text(tp, text, name)

    def documents(self) -> tuple[Document, ...]:
        rows = self._rows("SELECT id, body, sha256 FROM documents ORDER BY pos")
        return tuple(self.decode_text(Document, self._checked(body, digest, f"document {doc_id}"), f"document {doc_id}")
                     for doc_id, body, digest in rows)

    def corpus(self) -> Corpus:
        errors = self.blob("errors", tuple[str, ...])
        references = self.blob("references", tuple[Reference, ...])
        if errors is None or references is None:
            raise DamagedData(self.path, "has no references or errors table")
        return Corpus(self.documents(), references, errors)

    def parsed(self) -> dict[str, tuple[str, Document, list[str]]]:
        """The parse cache: document id -> (key, document as parsed, warnings)."""
        out = {}
        for doc_id, key, body, notes, digest in self._rows("SELECT id, key, body, notes, sha256 FROM parsed"):
            self._checked(body + notes, digest, f"parse of {doc_id}")
            out[doc_id] = (key, self.decode_text(Document, body, f"parse of {doc_id}"),
                           self.decode_text(list[str], notes, f"parse of {doc_id}"))
        return out

    def close(self) -> None:
        self._db.close()


def read_word_table(store, text: str) -> dict[str, tuple[tuple[str, float], ...]]:
    """The build's French -> English word table: {word: [[english, association], ...]}."""
    try:
        data = json.loads(text)
        return {str(french): tuple((str(english), float(dice)) for english, dice in pairs)
                for french, pairs in data.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise DamagedData(store.path, f"holds a word table that cannot be read ({exc})") from None
