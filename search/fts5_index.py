"""The SQLite FTS5 engine behind search.engine.SearchIndex (the standard library's sqlite3).

One SQLite file per index directory.  The FTS5 table is contentless and indexes tokens that
search.analysis has already produced (``words``: every word; ``text_en`` / ``text_fr``: stems of
the element's language; ``terms``: stems of defined terms; ``tags``: one token per filter value),
so a query means what it means with Whoosh (search.plan).  Beside it, plain tables hold what
collapsing, facets and hits need: ``el`` (element number -> section and facet codes, field
lengths), ``vals`` (code -> text) and ``store`` (what a hit shows, the analysed tokens).

Collapsing into sections, counting facets and ranking are done by SQLite in one statement; the
ranking is FTS5's bm25() (see docs/search.md for how it differs from Whoosh's BM25F).
"""
from __future__ import annotations

import json
import sqlite3
import sys
import threading
import weakref
from array import array
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator

from alinea.errors import AlineaError, DamagedData
from alinea.model import Corpus, Document
from search import pipeline
from search.analysis import lang_of, query_stems, stem_table, stems_from
from search.bag import BagScorer
from search.concepts import ConceptTags
from search.engine import META_FILE, IndexMissing, Resolver, SearchQuery, SectionScore, WordBag, write_meta
from search.fts5_query import COLUMNS, EVERY, WEIGHTS, compile_plan, tag
from search.pipeline import STORED, Group, facet_values, stored_row
from search.plan import IndexMeta, Plan
from search.records import Record, division_name, document_records
from search.results import SearchResults
from search.vocabulary import Vocabulary, VocabularyCounter

BATCH = 5000
"""Records written at a time (the build's memory does not grow with the library)."""
CHUNK = 4000
"""Records (estimated) a worker makes and analyses at a time."""
PARALLEL_MIN = 20_000
"""Records (estimated) from which the build analyses on several cores (below, starting them costs more)."""
WORKERS = 4
"""Worker processes at most (one per core up to this)."""
BUILD_PRAGMAS = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
"""The build writes a new file no one reads before the directory is swapped in (search.store):
no journal, no syncing; the checksums are taken after it is closed."""
NO_AUTOMERGE = "INSERT INTO fts(fts, rank) VALUES ('automerge', 0);"
"""FTS5 merges no segments while the build inserts: its closing 'optimize' merges them all once."""
FORMAT = 6
"""Bumped when the tables change: an index of another format must be rebuilt."""
DB_FILE = "index.sqlite"
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* Pc' tokenchars '.'''"
"""Splits at spaces only, for tokens search.analysis made (words keep their ``.``, ``'`` and ``_``)."""
FACET_COLUMNS = ("f_doc", "f_title", "f_chapter", "f_kind", "f_status", "f_lang")
STORE_COLUMNS = ", ".join(f'"{c}"' for c in STORED)
SCHEMA = f"""
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, content='', tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE postings USING fts5vocab(fts, instance);
CREATE TABLE vals(code INTEGER PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE el(n INTEGER PRIMARY KEY, grp INTEGER NOT NULL, {", ".join(f"{c} INTEGER NOT NULL" for c in FACET_COLUMNS)},
                len_words INTEGER NOT NULL, len_text INTEGER NOT NULL);
CREATE TABLE store(n INTEGER PRIMARY KEY, {", ".join(f'"{c}" TEXT NOT NULL' for c in STORED)});
CREATE TABLE columns(name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE stems(word TEXT PRIMARY KEY, en TEXT NOT NULL, fr TEXT NOT NULL) WITHOUT ROWID;
"""
MATCHED = f"""SELECT bm25(fts, {", ".join(map(str, WEIGHTS))}) AS s, rowid FROM fts WHERE fts MATCH ?
ORDER BY s DESC, rowid DESC"""
"""Every matching element, (bm25, number), worst first (lower bm25 is better; ties: lower number):
collapsing keeps the last of each section (search.fts5_index._Matches)."""
GROUPED = ("grp",) + FACET_COLUMNS
"""Columns of ``el`` also kept whole as arrays (table ``columns``), read at open: collapsing a
query's matches into sections and counting facets is done on them, not by joining ``el``."""


@lru_cache(maxsize=100_000)
def _context_tags(doc: str, lang: str, within: tuple[str, ...], amended: tuple[int, ...],
                  programs: tuple[str, ...]) -> str:
    """Tags a section shares with its units (computed once per section)."""
    values = [("alang", lang_of(lang)), ("lang", lang), ("doc", doc)] + [("within", w) for w in within]
    values += [("amended", str(y)) for y in amended] + [("programs", p) for p in programs]
    return " ".join([EVERY] + [tag(field, value) for field, value in values])


@lru_cache(maxsize=1000)
def _own_tags(status: str, kinds: tuple[str, ...]) -> str:
    return " ".join(tag(field, value) for field, value in [("status", status)] + [("kind", k) for k in kinds])


def _tags(rec: Record, kinds: tuple[str, ...]) -> str:
    """The ``tags`` column of a record (its `Record.kinds` given): a token per filter value."""
    return _context_tags(rec.doc, rec.lang, rec.within, rec.amended, rec.programs) + " " + _own_tags(rec.status, kinds)


Chunk = list[tuple[Document, int, int]]
"""Parts of documents: (document, first section, section after the last)."""


def _chunks(corpus: Corpus) -> list[Chunk]:
    """The corpus in parts of about CHUNK records (estimated: a section and its units), in order."""
    chunks: list[Chunk] = []
    chunk: Chunk = []
    size = 0
    for doc in corpus.documents:
        size += len(doc.divisions)
        first = 0
        for i, section in enumerate(doc.sections):
            size += 1 + len(section.units)
            if size >= CHUNK:
                chunks.append(chunk + [(doc, first, i + 1)])
                chunk, size, first = [], 0, i + 1
        if first < len(doc.sections) or not doc.sections:
            chunk.append((doc, first, len(doc.sections)))
    if chunk:
        chunks.append(chunk)
    return chunks


def _rows(chunk: Chunk, tags: ConceptTags, vocabulary: VocabularyCounter) -> list[tuple]:
    """What the index holds of each record of a chunk, the text analysed once: (fts columns, group,
    facet values, lengths, stored fields, kinds, heading title or None)."""
    rows = []
    group, lines = "", {}
    for doc, start, stop in chunk:
        for rec in document_records(doc, tags, start, stop):
            if rec.group != group:  # the lines of a section's records (search.analysis.analysed_lines)
                group, lines = rec.group, {}
            forms = vocabulary.add(rec.text, rec.lang, lines)
            text = " ".join(filter(None, forms.stems))
            words = " ".join(forms.words)
            en = lang_of(rec.lang) == "en"
            kinds = rec.kinds
            terms = " ".join(s for term in rec.terms for s in query_stems(term, "en")) if rec.terms else ""
            fts = (words, text if en else "", "" if en else text, terms, _tags(rec, kinds))
            rows.append((fts, rec.group, facet_values(rec), len(forms.words), text.count(" ") + 1 if text else 0,
                         stored_row(rec, forms, words), kinds, division_name(rec) if rec.kind == "heading" else None))
    return rows


def _write(db: sqlite3.Connection, rows) -> tuple[dict[str, str], set[str]]:
    """Insert rows (see `_rows`), numbered in order, BATCH at a time; (divisions, kinds) seen."""
    codes = _Codes()
    code = codes.__getitem__
    divisions: dict[str, str] = {}
    kinds: set[str] = set()

    fts: list[tuple] = []
    el: list[tuple] = []
    store: list[tuple] = []

    def flush() -> None:
        db.executemany(f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)", fts)
        db.executemany(f"INSERT INTO el VALUES ({', '.join('?' * (4 + len(FACET_COLUMNS)))})", el)
        db.executemany(f"INSERT INTO store VALUES ({', '.join('?' * (1 + len(STORED)))})", store)
        fts.clear(), el.clear(), store.clear()

    with db:
        for n, (columns, group, facets, len_words, len_text, stored, rec_kinds, heading) in enumerate(rows):
            fts.append((n, *columns))
            el.append((n, code(group), *map(code, facets), len_words, len_text))
            store.append((n, *stored))
            kinds.update(rec_kinds)
            if heading is not None:
                divisions[stored[0]] = heading
            if len(fts) == BATCH:
                flush()
        flush()
        db.executemany("INSERT INTO vals VALUES (?, ?)", ((c, v) for v, c in codes.items()))
        for column in GROUPED:
            codes_of = array("i", map(itemgetter(0), db.execute(f"SELECT {column} FROM el ORDER BY n")))
            db.execute("INSERT INTO columns VALUES (?, ?)", (column, _little_endian(codes_of).tobytes()))
        db.execute("CREATE UNIQUE INDEX store_id ON store(id)")
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    return divisions, kinds


class _Codes(dict):
    """Value -> its code, numbered in the order values are first looked up."""

    def __missing__(self, value: str) -> int:
        code = self[value] = len(self)
        return code


def _little_endian(codes: array) -> array:
    """The array as stored (little-endian whatever the machine), or as read back from storage."""
    if sys.byteorder == "big":
        codes.byteswap()
    return codes


class Fts5Index:
    """An FTS5 index of the knowledge base in one directory."""

    ENGINE = "fts5"
    FORMAT = FORMAT

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.meta = IndexMeta({}, {}, frozenset(), {})
        self._resolve: Resolver | None = None
        self._local = threading.local()
        self._values: list[str] = []
        self._codes: dict[str, int] = {}
        self.columns: dict[str, array] = {}
        """GROUPED column -> its code for each element number."""
        self._vocabulary: Vocabulary | None = None
        self._bags: BagScorer | None = None
        self._lock = threading.Lock()

    # -- build ---------------------------------------------------------------------------
    def build(self, corpus: Corpus, directory: Path, glossary=None, words: Iterable[str] = ()) -> None:
        """Index every record of corpus into directory (created; it must not exist).  Records are
        made and analysed on every core (search.parallel) when the corpus is large enough to pay
        for it; SQLite writes them in one process, in record order."""
        from search.parallel import Chunks, cores

        directory = Path(directory)
        directory.mkdir(parents=True)
        tags = ConceptTags(corpus, glossary)
        chunks = _chunks(corpus)

        def work(k: int) -> list[tuple]:
            return _rows(chunks[k], tags, vocabulary)

        vocabulary = VocabularyCounter()
        workers = min(WORKERS, cores()) if len(chunks) * CHUNK >= PARALLEL_MIN else 1
        job = Chunks(work, len(chunks), workers, lambda: vocabulary)
        db = sqlite3.connect(directory / DB_FILE)
        try:
            db.executescript(BUILD_PRAGMAS + SCHEMA + NO_AUTOMERGE)
            divisions, kinds = _write(db, self._indexing(chain.from_iterable(job.results()), directory, job.workers > 1))
            if job.workers > 1:  # each worker counted its own chunks
                vocabulary = VocabularyCounter()
                for counted in job.lasts:
                    vocabulary.merge(counted)
            terms = vocabulary.vocabulary()
            with db:  # what a search (and govern) reads instead of importing the stemmers (search.analysis.stems_from)
                stemmed = sorted(set(terms.terms("words_en")).union(terms.terms("words_fr"), words))
                db.executemany("INSERT INTO stems VALUES (?, ?, ?)", stem_table(stemmed))
        finally:
            db.close()
        terms.save(directory)
        write_meta(directory, self.ENGINE, self.FORMAT, corpus, divisions, kinds, tags.names)

    def _indexing(self, rows: Iterator[tuple], directory: Path, parallel: bool = False) -> Iterator[tuple]:
        """The rows (see `_rows`) SQLite writes, in order; an engine that also indexes them
        elsewhere (search.tantivy_index) reads them on their way (parallel: the build is on several cores)."""
        return rows

    # -- open ----------------------------------------------------------------------------
    def open(self, directory: Path, resolve: Resolver | None = None) -> None:
        """Open the index built in directory; AlineaError when there is none or it is outdated."""
        directory = Path(directory)
        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            if not (directory / DB_FILE).is_file():
                raise OSError(f"no {DB_FILE}")
        except (OSError, ValueError) as exc:
            raise IndexMissing(f"no usable search index in {directory}/ ({exc}): run `alinea build`") from None
        if meta.get("engine") != self.ENGINE or meta.get("format") != self.FORMAT:
            raise AlineaError(f"the search index in {directory}/ is of another version: run `alinea build`")
        self.directory, self._resolve = directory, resolve
        self.meta = IndexMeta(meta["documents"], meta["divisions"], frozenset(meta["kinds"]),
                              {k: tuple(v) for k, v in meta["programs"].items()})
        with self._damage_named():
            self._values = [v for _, v in self._db().execute("SELECT code, value FROM vals ORDER BY code")]
            self._codes = {v: c for c, v in enumerate(self._values)}
            self.columns = {}
            for name, data in self._db().execute("SELECT name, data FROM columns"):
                codes = array("i")
                codes.frombytes(data)
                self.columns[name] = _little_endian(codes)
        stem_of = weakref.WeakMethod(self.stem_of)
        stems_from(lambda word, lang: None if (method := stem_of()) is None else method(word, lang))

    def _db(self) -> sqlite3.Connection:
        """This thread's read-only connection (the file never changes once built)."""
        if self.directory is None:
            raise AlineaError("the search index is not open")
        db = getattr(self._local, "db", None)
        if db is None or getattr(self._local, "directory", None) != self.directory:
            uri = (self.directory / DB_FILE).resolve().as_uri() + "?mode=ro&immutable=1"
            try:
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                db.execute("PRAGMA temp_store = MEMORY")
            except sqlite3.Error as exc:
                raise IndexMissing(f"the search index in {self.directory}/ is gone ({exc})") from None
            self._local.db, self._local.directory = db, self.directory
        return db

    @property
    def vocabulary(self) -> Vocabulary:
        """The terms of the open index (loaded when first needed)."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.of_index(self.directory)
        return self._vocabulary

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
        self._local = threading.local()
        self._bags = None

    # -- search --------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results for query (see search.query for the language)."""
        with self._damage_named():
            return pipeline.run(self._backend(), query, self._resolve)

    def _backend(self) -> _Backend:
        return _Backend(self)

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """SQLite finding a damaged page (which the open's checks cannot see below the file system,
        docs/data.md) is DamagedData naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise DamagedData(Path(self.directory or ".") / DB_FILE, f"cannot be read ({exc})") from None

    def score_sections(self, bag: WordBag) -> list[SectionScore]:
        """Sections matching any word or phrase of the bag, best first (see search.engine.WordBag)."""
        db = self._db()
        with self._damage_named():
            with self._lock:
                if self._bags is None:
                    self._bags = BagScorer(_Postings(self, db))
            return self._bags.score(db, bag)

    def stem_of(self, word: str, lang: str) -> str | None:
        """The stem the build stored for a word of the index (None for another word)."""
        row = self._db().execute("SELECT en, fr FROM stems WHERE word = ?", (word,)).fetchone()
        return None if row is None else row[lang == "fr"]

    def value(self, code: int) -> str:
        return self._values[code]

    def code(self, value: str) -> int:
        """The code of a value (-1 when the index has none)."""
        return self._codes.get(value, -1)


class _Backend:
    """search.pipeline.Backend over the open FTS5 index."""

    def __init__(self, owner: Fts5Index) -> None:
        self.owner, self.db = owner, owner._db()
        self.meta, self.vocabulary = owner.meta, owner.vocabulary

    def group(self, score: float, n: int, grp: int, facets) -> Group:
        value = self.owner.value
        return Group(score, n, value(grp), tuple(value(c) for c in facets))

    def match(self, plan: Plan) -> _Matches:
        return _Matches(self, compile_plan(plan))

    def element(self, number: int) -> Group:
        row = self.db.execute(f"SELECT grp, {', '.join(FACET_COLUMNS)} FROM el WHERE n = ?", (number,)).fetchone()
        return self.group(0.0, number, row[0], row[1:])

    def stored(self, number: int) -> dict:
        row = self.db.execute(f"SELECT {STORE_COLUMNS} FROM store WHERE n = ?", (number,)).fetchone()
        return dict(zip(STORED, row, strict=True))

    def stored_many(self, numbers: list[int]) -> dict[int, dict]:
        if not numbers:
            return {}
        rows = self.db.execute(f"SELECT n, {STORE_COLUMNS} FROM store WHERE n IN ({', '.join('?' * len(numbers))})",
                               numbers).fetchall()
        return {row[0]: dict(zip(STORED, row[1:], strict=True)) for row in rows}

    def number(self, element_id: str) -> int | None:
        row = self.db.execute("SELECT n FROM store WHERE id = ?", (element_id,)).fetchone()
        return row[0] if row else None


class _Matches:
    """search.pipeline.Matches: the elements SQLite matched and scored, collapsed into sections and
    counted in C-speed maps over the arrays of `GROUPED` columns; a page decodes only its own rows."""

    exact = True

    def __init__(self, backend: _Backend, expression: str) -> None:
        self.backend = backend
        columns = backend.owner.columns
        self._groups = columns["grp"]
        self._facets = [columns[c] for c in FACET_COLUMNS]
        try:
            rows = backend.db.execute(MATCHED, (expression,)).fetchall()
        except sqlite3.OperationalError as exc:  # FTS5 could not run it (too complex for its parser)
            raise AlineaError(f"the search engine could not run this query ({exc})") from None
        # worst first: the dict keeps each section's last, best, element; then best first
        best = dict(zip(map(self._groups.__getitem__, map(itemgetter(1), rows)), rows))
        self.ranked: list[tuple[float, int]] = sorted(best.values())
        self.total = len(self.ranked)
        self._best = best

    def _kept(self, without: str | None) -> list[tuple[float, int]]:
        code = self.backend.owner.code(without) if without is not None else -1
        if code not in self._best:
            return self.ranked
        groups = self._groups
        return [row for row in self.ranked if groups[row[1]] != code]

    def page(self, start: int, stop: int, without: str | None) -> list[Group]:
        if stop <= start:
            return []
        groups, facets = self._groups, self._facets
        return [self.backend.group(-s or 0.0, n, groups[n], [f[n] for f in facets])
                for s, n in self._kept(without)[start:stop]]

    def facets(self, without: str | None) -> list[Counter]:
        value = self.backend.owner.value
        numbers = list(map(itemgetter(1), self._kept(without)))
        return [Counter({value(code): n for code, n in Counter(map(column.__getitem__, numbers)).items()})
                for column in self._facets]

    def score(self, group: str) -> float | None:
        row = self._best.get(self.backend.owner.code(group))
        return None if row is None else -row[0] or 0.0


class _Postings:
    """search.bag.Postings of an FTS5 index (ctx: a connection)."""

    def __init__(self, owner: Fts5Index, db: sqlite3.Connection) -> None:
        self.owner, self.vocabulary = owner, owner.vocabulary
        value = owner.value
        rows = db.execute("SELECT el.n, el.grp, el.f_kind, store.id, store.element FROM el JOIN store USING (n) "
                          "ORDER BY el.n").fetchall()
        self.count = len(rows)
        self.ids = [row[3] for row in rows]
        self._groups = [value(row[1]) for row in rows]
        self._kinds = [value(row[2]) for row in rows]
        self.headings = {row[0] for row in rows if row[4] == "heading"}

    def group(self, n: int) -> str:
        return self._groups[n]

    def doc_kind(self, n: int) -> str:
        return self._kinds[n]

    def lengths(self, db: sqlite3.Connection, field: str) -> tuple[array, float]:
        column = "len_words" if field == "words" else "len_text"
        lang = {"text_en": "en", "text_fr": "fr"}.get(field)
        lengths = array("f", [0.0] * self.count)
        for n, length, f_lang in db.execute(f"SELECT n, {column}, f_lang FROM el"):
            if lang is None or lang_of(self.owner.value(f_lang)) == lang:
                lengths[n] = length
        return lengths, sum(lengths) / (self.count or 1)

    def postings(self, db: sqlite3.Connection, field: str, term: str) -> tuple[tuple[int, float], ...]:
        return tuple(db.execute("SELECT doc, count(*) FROM postings WHERE term = ? AND col = ? GROUP BY doc "
                                "ORDER BY doc", (term, field)))

    def positions(self, db: sqlite3.Connection, word: str) -> dict[int, tuple[int, ...]]:
        found: dict[int, list[int]] = {}
        for n, offset in db.execute("SELECT doc, offset FROM postings WHERE term = ? AND col = 'words'", (word,)):
            found.setdefault(n, []).append(offset)
        return {n: tuple(sorted(p)) for n, p in found.items()}

    def stored(self, db: sqlite3.Connection, n: int) -> dict:
        row = db.execute(f"SELECT {STORE_COLUMNS} FROM store WHERE n = ?", (n,)).fetchone()
        return dict(zip(STORED, row, strict=True))

