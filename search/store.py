"""Where the index lives in a data directory, and how a rebuild replaces it atomically.

Each build writes a new directory ``index.<timestamp>-<pid>/`` and, once it is
complete, repoints the one-line file ``index.current`` at it with `os.replace`
(atomic on POSIX and Windows).  Readers always go through that file, so a
reader sees the old index or the new one, never a half-written one.

Before the swap the build records the size, SHA-256 and stamp of every file of the new directory
(alinea.atomic.write_checksums); a reader checks them before opening it (hashing only the files
whose stamp changed, docs/data.md), so a truncated, missing or overwritten index file, or a
pointer that names no index, is reported as damage (one line naming the file: rerun
`alinea build`), never searched.

Old directories are removed after the swap except the previous one: a search
that started on it just before the swap may still be reading it.  The next
build removes it; by then every reader has reopened (`CurrentIndex` checks the
pointer before each search), and a reader whose directory vanished between
reading the pointer and opening it reads the pointer again.  (A searcher that
is already open keeps reading its files after they are unlinked, on POSIX.)
Directories another build is still writing are left alone; `clean_unfinished`, called by
`alinea build` under its lock, removes the half-written ones killed builds left.

Which engine builds an index is configuration: ``ALINEA_SEARCH_ENGINE`` (`ENGINES`; default
`DEFAULT_ENGINE`).  An index records the engine that built it, and is opened with that one.
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from alinea.atomic import CHECKSUMS, verify_checksums, write_checksums, write_error, write_text
from alinea.errors import AlineaError, DamagedData
from alinea.model import Corpus
from search.engine import META_FILE, IndexMissing, Resolver, SearchIndex, SearchQuery, SectionScore, WordBag
from search.results import SearchResults
from search.vocabulary import Vocabulary

POINTER = "index.current"
PREFIX = "index."
T = TypeVar("T")
ABANDONED_AFTER = 3600
"""Seconds after which an unfinished index directory (a crashed build) may be removed."""
ENGINE_VARIABLE = "ALINEA_SEARCH_ENGINE"
ENGINES = {"fts5": "search.fts5_index:Fts5Index", "tantivy": "search.tantivy_index:TantivyIndex",
           "whoosh": "search.whoosh_index:WhooshIndex"}
"""Engine name -> its SearchIndex class (imported only when used)."""
DEFAULT_ENGINE = "tantivy"
"""What the benchmark shows serves users best at a library's size (docs/search.md, "Engines")."""


def configured_engine() -> str:
    """The engine ``ALINEA_SEARCH_ENGINE`` names (default `DEFAULT_ENGINE`); AlineaError when unknown."""
    name = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or DEFAULT_ENGINE
    if name not in ENGINES:
        raise AlineaError(f"{ENGINE_VARIABLE}={name!r} is not a search engine (choose: {', '.join(ENGINES)})")
    return name


def new_engine(name: str) -> SearchIndex:
    """An unopened index of the named engine."""
    module, _, cls = ENGINES[name].partition(":")
    return getattr(importlib.import_module(module), cls)()


def engine_of(directory: Path) -> str:
    """The engine that built the index in directory (indexes older than the choice are Whoosh's)."""
    try:
        name = json.loads((directory / META_FILE).read_text(encoding="utf-8")).get("engine", "whoosh")
    except (OSError, ValueError) as exc:
        raise IndexMissing(f"no usable search index in {directory}/ ({exc}): run `alinea build`") from None
    if name not in ENGINES:
        raise AlineaError(f"the search index in {directory}/ was built by an unknown engine {name!r}: "
                          "run `alinea build`")
    return name


def current_dir(data_dir: str | Path) -> Path | None:
    """The index directory the pointer names, or None when there is no built index;
    DamagedData when the pointer names no index directory."""
    pointer = Path(data_dir) / POINTER
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DamagedData(pointer, f"cannot be read ({exc.strerror})") from None
    try:
        name = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        name = ""
    if not name.startswith(PREFIX) or "/" in name or "\\" in name or name in (POINTER, PREFIX) or len(name) > 200:
        raise DamagedData(pointer, "does not name an index directory")
    path = pointer.parent / name
    if not path.is_dir():
        raise DamagedData(pointer, f"names {name}/, which is missing")
    return path


def build_index(corpus: Corpus, data_dir: str | Path, glossary=None, engine: str | None = None,
                words: Iterable[str] = ()) -> Path:
    """Index corpus with engine (default: the configured one) into a new directory of data_dir,
    swap it in, remove stale ones; returns it.  The index stores ids and the documents' own
    words; labels are printed by the caller when it shows a result (`search.results.SearchResults.titled`).
    `words`: other words whose stems a reader will want (an engine that keeps stems keeps theirs too)."""
    engine = engine or configured_engine()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"{time.time() % 1:.6f}"[1:]
    target = data_dir / f"{PREFIX}{stamp}-{os.getpid()}-{threading.get_ident() % 10000}"
    try:
        new_engine(engine).build(corpus, target, glossary, words)
        write_checksums(target)
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise write_error(target, exc) from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    try:
        previous = current_dir(data_dir)
    except DamagedData:
        previous = None
    write_text(data_dir / POINTER, target.name + "\n")
    keep = {target.name, previous.name if previous else ""}
    for path in data_dir.glob(PREFIX + "*"):
        if path.is_dir() and path.name not in keep and _finished_or_abandoned(path):
            shutil.rmtree(path, ignore_errors=True)
    return target


def _finished_or_abandoned(path: Path) -> bool:
    """False for a directory another build is still writing (no checksums yet, recently touched)."""
    return (path / CHECKSUMS).is_file() or time.time() - path.stat().st_mtime > ABANDONED_AFTER


def clean_unfinished(data_dir: str | Path) -> list[Path]:
    """Remove the index directories no build will finish (call it holding the build lock):
    every one without its checksums, except the one the pointer names; returns them."""
    data_dir = Path(data_dir)
    try:
        current = current_dir(data_dir)
    except DamagedData:
        current = None
    removed = []
    for path in data_dir.glob(PREFIX + "*"):
        if path.is_dir() and path != current and not (path / CHECKSUMS).is_file():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


class CurrentIndex:
    """The index a data directory currently points at, reopened after each rebuild.

    Thread-safe: the web app shares one instance between its threads."""

    def __init__(self, data_dir: str | Path, resolve: Resolver | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.resolve = resolve
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._index: SearchIndex | None = None
        self._current()

    def _pointer_stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.data_dir / POINTER)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _current(self) -> SearchIndex:
        """The open index, reopened when the pointer changed since it was opened."""
        with self._lock:
            if self._index is None or self._pointer_stamp() != self._stamp:
                self._open()
            assert self._index is not None
            return self._index

    def _open(self) -> None:
        error: AlineaError = AlineaError(f"no search index in {self.data_dir}/: run `alinea build`")
        for _ in range(3):
            stamp = self._pointer_stamp()
            try:
                directory = current_dir(self.data_dir)
                if directory is None:
                    break
                verify_checksums(directory)
                index = new_engine(engine_of(directory))
                index.open(directory, self.resolve)
            except (DamagedData, IndexMissing) as exc:
                # a rebuild may have swapped the pointer and removed that directory meanwhile
                if self._pointer_stamp() == stamp and not isinstance(exc, IndexMissing):
                    raise
                error = exc
                continue
            self._index, self._stamp = index, stamp
            return
        raise error

    @property
    def engine(self) -> SearchIndex:
        """The engine's index open now (its ``vocabulary`` and ``meta`` for tools that look terms up)."""
        return self._current()

    @property
    def directory(self) -> Path | None:
        """The directory searched now."""
        return self._current().directory  # type: ignore[attr-defined]

    def _ask(self, question: Callable[[SearchIndex], T]) -> T:
        """question asked of the current index, again after a rebuild removed it under us."""
        for _ in range(3):
            index = self._current()
            try:
                return question(index)
            except IndexMissing:
                with self._lock:
                    self._stamp = None
        raise AlineaError(f"the search index in {self.data_dir}/ keeps changing: try again")

    def search(self, query: SearchQuery | str) -> SearchResults:
        """Search the current index (a plain string is the first page of that query)."""
        query = query if isinstance(query, SearchQuery) else SearchQuery(query)
        return self._ask(lambda index: index.search(query))

    def score_sections(self, bag: WordBag) -> list[SectionScore]:
        """Sections of the current index scored by a bag of words (search.engine.WordBag)."""
        return self._ask(lambda index: index.score_sections(bag))

    @property
    def vocabulary(self) -> Vocabulary:
        """The terms of the current index (search.vocabulary.Vocabulary)."""
        return self._ask(lambda index: index.vocabulary)

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
            self._index = None


def open_index(data_dir: str | Path, resolve: Resolver | None = None) -> CurrentIndex:
    """The search index of a data directory, for the CLI and the web app.

    `resolve` reads a typed citation ("s. 55(2)(a)", "art. 133 LAPF") as a provision id; the
    caller passes it (`KnowledgeBase.resolver()`), so that search does not import the citation
    engine.  Without it only provision ids are read as citations.  AlineaError when the
    directory has no index."""
    return CurrentIndex(data_dir, resolve)
