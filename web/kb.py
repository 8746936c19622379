"""The knowledge base the site serves, with what is built from it, swapped whole when the data
directory changes: a rebuilt knowledge base or a newly recorded scan of code is served without
a restart.

Each request takes one snapshot (`snapshot()`) at its start, so a page is never drawn half from
the old knowledge base and half from the new one.  The data directory is looked at no more than
once a second per process; a new knowledge base that cannot be loaded leaves the old one served
(and is tried again when its files change again).
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request

from alinea.code_links import RECORD_FILE, Recorded, load_recorded
from alinea.errors import AlineaError, DamagedData
from alinea.kb import KnowledgeBase, load
from alinea.store import STORE_FILE
from web.i18n import current_language

CHECK_EVERY = 1.0
"""Seconds between two looks at the data directory."""
KB_FILES = (STORE_FILE,)
"""The files whose change means the knowledge base was rebuilt (alinea.store writes the store
aside and renames it over the old one, so a rebuild always gives it a new inode)."""
CACHE_ENTRIES = 8192
"""At most this many objects built per knowledge-base version (pages, the presenter, lexicons, a
section's graph neighbours and figure); CACHE_BYTES is what bounds the pages (about 25 KB each)."""
CACHE_BYTES = 96 * 1024 * 1024
"""At most about this many bytes of cached text (rendered pages); the least recently used go first."""
log = logging.getLogger(__name__)

Stamp = tuple[tuple[int, int, int] | None, ...]


def stamp_of(data_dir: Path, names: tuple[str, ...]) -> Stamp:
    """(inode, mtime, size) of each file, None for a missing one: files replaced atomically
    (written aside, then renamed) always change inode."""
    out = []
    for name in names:
        try:
            st = os.stat(data_dir / name)
        except OSError:
            out.append(None)
            continue
        out.append((st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(out)


@dataclass
class Snapshot:
    """One knowledge base and what the pages build from it, all of one version."""

    kb: KnowledgeBase
    version: str
    """Changes whenever the knowledge base does (caches key on it)."""
    code_links: Recorded | None
    extras: Built = field(default_factory=lambda: Built())
    """Per-version objects built on first use (the presenter, act slugs, rendered pages)."""

    def cached(self, key, build):
        """The object built by build() for key, once per version (while it stays in the bounded cache)."""
        return self.extras.get(key, build)


class Built:
    """A thread-safe least-recently-used cache bounded by entries and by the size of the text it holds."""

    def __init__(self, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_BYTES) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._items: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self.bytes = 0
        self._lock = threading.Lock()
        self._building: dict = {}
        """Key -> the lock its builder holds while it builds (at most one per thread)."""

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key) -> bool:
        return key in self._items

    def kept(self, keep: Callable) -> Built:
        """A new cache holding the entries whose key keep() accepts."""
        out = Built(self.entries, self.max_bytes)
        with self._lock:
            for key, value in self._items.items():
                if keep(key):
                    out._items[key], out._sizes[key] = value, self._sizes[key]
                    out.bytes += self._sizes[key]
        return out

    def __iter__(self):
        with self._lock:
            return iter(list(self._items))

    def get(self, key, build: Callable):
        """The value kept for key, else build()'s, kept.  One thread builds a key at a time: the
        others asking for it meanwhile wait for that value rather than build it again (8 threads
        building the same lexicon at once each took 8 times as long)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            building = self._building.get(key)
            if building is None:
                building = self._building[key] = threading.RLock()
                building.acquire()
                mine = True
            else:
                mine = False
        if not mine:
            with building:  # the other thread's build is over
                pass
            with self._lock:
                if key in self._items:
                    return self._items[key]
            return build()  # that build failed, or its value was too large to keep
        try:
            value = build()  # outside the cache's lock: other keys are served meanwhile
            self._keep(key, value)
        finally:
            with self._lock:
                self._building.pop(key, None)
            building.release()
        return value

    def _keep(self, key, value) -> None:
        size = _size(value)
        with self._lock:
            if key in self._items or size > self.max_bytes:
                return
            self._items[key], self._sizes[key] = value, size
            self.bytes += size
            while len(self._items) > self.entries or self.bytes > self.max_bytes:
                old, _ = self._items.popitem(last=False)
                self.bytes -= self._sizes.pop(old)


def _size(value) -> int:
    """The bytes a cached value counts for: its length for text, a token size for other objects
    (built once per version, and few)."""
    return sys.getsizeof(value) if isinstance(value, (str, bytes)) else 1024


class LiveData:
    """The data directory as served; thread-safe."""

    def __init__(self, data_dir: Path, prepare: Callable[[Snapshot], None] | None = None) -> None:
        """prepare: builds, in a new snapshot's cache, what every request of that version would
        otherwise build on first use (then the first requests after a start or a rebuild do not
        all wait for it)."""
        self.data_dir = data_dir
        self._prepare = prepare
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._kb_stamp = stamp_of(data_dir, KB_FILES)
        self._code_stamp = stamp_of(data_dir, (RECORD_FILE,))
        self._loads = 0
        self.current = self._prepared(Snapshot(load(data_dir), self._version(), _recorded(data_dir)))

    def _prepared(self, snapshot: Snapshot) -> Snapshot:
        if self._prepare is not None:
            try:
                self._prepare(snapshot)
            except Exception as exc:  # noqa: BLE001 - a head start only: the requests that need an object build it and report
                log.warning("could not prepare the knowledge base's search objects: %s", exc)
        return snapshot

    def _version(self) -> str:
        self._loads += 1
        return f"{self._loads}:{hash(self._kb_stamp) & 0xFFFFFFFF:08x}"

    def refresh(self) -> Snapshot:
        """The current snapshot, after a look at the data directory if the last one is over a second old."""
        now = time.monotonic()
        if now - self._checked < CHECK_EVERY:
            return self.current
        with self._lock:
            if now - self._checked < CHECK_EVERY:
                return self.current
            self._checked = now
            kb_stamp, code_stamp = stamp_of(self.data_dir, KB_FILES), stamp_of(self.data_dir, (RECORD_FILE,))
            if kb_stamp == self._kb_stamp and code_stamp == self._code_stamp:
                return self.current
            try:
                kb = load(self.data_dir) if kb_stamp != self._kb_stamp else self.current.kb
                code_links = _recorded(self.data_dir)
            except Exception as exc:  # noqa: BLE001 - a damaged file must not take the site down
                log.warning("data directory changed but cannot be read yet, still serving the old one: %s", exc)
                return self.current
            if kb is self.current.kb:
                # a provision page shows what code cites it: only the rendered pages go
                self.current = Snapshot(kb, self.current.version, code_links, self.current.extras.kept(not_a_page))
            else:
                self._kb_stamp = kb_stamp
                self.current = self._prepared(Snapshot(kb, self._version(), code_links))
            self._code_stamp = code_stamp
            return self.current


def _recorded(data_dir: Path) -> Recorded | None:
    """The recorded scan of code; DamagedData when the file cannot be read (the site answers 503)."""
    try:
        return load_recorded(data_dir)
    except DamagedData:
        raise
    except AlineaError as exc:
        raise DamagedData(data_dir / RECORD_FILE, f"cannot be read ({exc})") from None


def init_app(app: Flask, data_dir: Path, prepare: Callable[[Snapshot], None] | None = None) -> LiveData:
    live = app.extensions["live"] = LiveData(data_dir, prepare)

    @app.before_request
    def take_snapshot() -> None:
        g.snapshot = live.refresh()
    return live


def snapshot() -> Snapshot:
    """The snapshot this request serves (outside a request: the current one)."""
    if has_request_context() and "snapshot" in g:
        return g.snapshot
    return current_app.extensions["live"].current


def get_kb() -> KnowledgeBase:
    """The knowledge base every view reads."""
    return snapshot().kb


def not_a_page(key) -> bool:
    """Whether a cached object is something other than a rendered page (cached_page's keys)."""
    return not (isinstance(key, tuple) and key[:1] == ("page",))


def cached_page(render: Callable[[], str], *depends) -> str:
    """This request's page, rendered once per knowledge-base version for its address (path and
    query), host and interface language: the only things a page of the library depends on besides
    the knowledge base and what `depends` adds (the search index's stamp for search pages). Only
    pages that answer GET with the same HTML to everyone come here."""
    if not current_app.config.get("PAGE_CACHE", True):  # benchmarks compare with and without
        return render()
    key = ("page", current_language(), request.host_url, request.full_path, *depends)
    return snapshot().cached(key, render)
