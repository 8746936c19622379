"""The tantivy engine: the FTS5 index (search.fts5_index) plus a tantivy index that finds the best
matches without scoring every one.

What grows with a library is the work done per matching element: at ×1000 the seed a common word
matches 135,000 elements, and FTS5 computes bm25() for each before it can give the first page.
Tantivy (Rust, block-max WAND) finds the top k elements of a query with an exact score bound,
skipping blocks of postings that cannot enter them.  This engine asks it for the best elements,
collapses them into sections in rank order (the first element of a section met in rank order is
its best), and stops once it holds the page and `COUNT_CAP` sections more:

- the page is exactly the page a full evaluation gives (tests/test_search_tantivy.py proves it
  against the exhaustive path on the conformance queries and on generated ones);
- the total is exact up to `COUNT_CAP` sections; above it, `SearchResults.total_exact` is False,
  `total` is the cap, and the facet counts are those of the first `COUNT_CAP` sections, which the
  page and the JSON say (docs/search.md, "Counting").

The tantivy index holds the same analysed tokens as FTS5's columns (``whitespace`` tokenizer), so a
query means the same in both; everything else (stored fields, element ids, the code arrays, govern's
postings, the vocabulary) is the FTS5 index's, in the same directory.  A plan with proximity
(search.tantivy_query.Unsupported) is searched by FTS5.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import repeat
from operator import itemgetter, neg
from pathlib import Path
from typing import Iterable, Iterator

from alinea.atomic import CHECKSUMS, verify_checksums, write_checksums
from alinea.errors import AlineaError, DamagedData
from search.engine import IndexMissing
from search.fts5_index import FACET_COLUMNS, Fts5Index, _Backend, _Matches
from search.pipeline import Group
from search.plan import Plan
from search.tantivy_query import TEXT_FIELDS, Compiler, Unsupported, ranks

RANKING_DIR = "ranking"
"""The tantivy index's folder inside the index directory."""
COUNT_CAP = 1000
"""Sections counted exactly; above, the total is "more than" this and facets count these first ones."""
FIRST_FETCH = 2 * COUNT_CAP
"""Elements asked of tantivy at first (a section holds about two matching elements)."""
WRITER_HEAP = 128_000_000
"""Bytes of tantivy's writer buffer (one thread: the build's other core analyses)."""
RANKING_BATCH = 5000
"""Records sent to the ranking index's process at a time."""
SEGMENT_RECORDS: int | None = None
"""When set, a segment is committed every this many records (a large build makes several segments
by itself; the tests make several on a small corpus, where ties across segments come back in no
particular order)."""


def _tantivy():
    import tantivy

    return tantivy


def schema():
    t = _tantivy()
    builder = t.SchemaBuilder()
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace",
                               index_option="position" if name == "words" else "freq" if name != "tags" else "basic")
    builder.add_text_field("grp", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("n", fast=True)
    return builder.build()


class TantivyIndex(Fts5Index):
    """FTS5's index with a tantivy ranking index beside it (see the module's docstring)."""

    ENGINE = "tantivy"
    FORMAT = 3

    def __init__(self) -> None:
        super().__init__()
        self.ranking = None
        self.compiler: Compiler | None = None
        self._process: _RankingProcess | None = None

    def build(self, corpus, directory: Path, glossary=None, words: Iterable[str] = ()) -> None:
        try:
            super().build(corpus, directory, glossary, words)
            if self._process is not None:
                self._process.finish()
        finally:
            if self._process is not None:
                self._process.stop()
            self._process = None

    def _indexing(self, rows: Iterator[tuple], directory: Path, parallel: bool = False) -> Iterator[tuple]:
        """The rows on their way to SQLite, added to the ranking index: by a process of its own when the
        build is on several cores (it then finishes while SQLite does), else here."""
        if parallel:
            self._process = process = _RankingProcess(directory)
            batch: list[tuple[str, tuple[str, ...]]] = []
            for row in rows:
                batch.append((row[1], row[0]))
                if len(batch) == RANKING_BATCH:
                    process.send(batch)
                    batch = []
                yield row
            process.send(batch)
            process.send(None)
            return
        ranking = _Ranking(directory)
        for row in rows:
            ranking.add([(row[1], row[0])])
            yield row
        ranking.close()

    def open(self, directory: Path, resolve=None) -> None:
        super().open(directory, resolve)
        t = _tantivy()
        ranking = Path(directory) / RANKING_DIR
        if not (ranking / CHECKSUMS).is_file():
            raise IndexMissing(f"the search index in {directory}/ has no ranking index: run `alinea build`")
        verify_checksums(ranking)
        try:
            index = t.Index.open(str(ranking))
            # A built index never changes (a new build writes a new folder): no reader thread watching
            # it, whose reloads take tantivy's meta lock and could hand a held lock to a forked worker.
            index.config_reader(reload_policy="Manual")
            searcher = index.searcher()
        except (OSError, ValueError) as exc:
            raise DamagedData(ranking, f"cannot be read ({exc})") from None
        self.ranking = index
        self.compiler = Compiler(t, index.schema, searcher)

    def _backend(self) -> _Backend:
        return _RankingBackend(self)


class _Ranking:
    """The ranking index being written: (group, FTS5 columns) of each record, numbered in order."""

    def __init__(self, directory: Path) -> None:
        self.t = _tantivy()
        self.directory = directory / RANKING_DIR
        self.directory.mkdir()
        self.writer = self.t.Index(schema(), path=str(self.directory)).writer(WRITER_HEAP, 1)
        self.count = 0

    def add(self, records: list[tuple[str, tuple[str, ...]]]) -> None:
        t, writer = self.t, self.writer
        for group, columns in records:
            doc = t.Document()
            doc.add_unsigned("n", self.count)
            doc.add_text("grp", group)
            for name, text in zip(TEXT_FIELDS, columns, strict=True):
                if text:
                    doc.add_text(name, text)
            writer.add_document(doc)
            self.count += 1
            if SEGMENT_RECORDS and self.count % SEGMENT_RECORDS == 0:
                writer.commit()

    def close(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()
        _seal(self.directory)


class _RankingProcess:
    """`_Ranking` in a forked process, fed batches of records over a pipe (None: no more); it answers
    once, when the index is sealed or when it failed."""

    def __init__(self, directory: Path) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        reader, self._records = context.Pipe(duplex=False)
        self._answer, writer = context.Pipe(duplex=False)
        self._proc = context.Process(target=_rank, args=(directory, reader, writer), daemon=True)
        self._proc.start()
        reader.close()  # the child's ends: the answer pipe closes when the child ends
        writer.close()

    def send(self, batch: list | None) -> None:
        try:
            self._records.send(batch)
        except (BrokenPipeError, ConnectionResetError):
            self.finish()  # raises what the process said, or that it stopped
            raise

    def finish(self) -> None:
        """Wait for the process to seal the index; AlineaError when it failed or stopped."""
        try:
            status, message = self._answer.recv()
        except EOFError:
            self._proc.join()
            raise AlineaError(f"the ranking index's process stopped (exit code {self._proc.exitcode})") from None
        self._proc.join()
        if status != "ok":
            raise AlineaError(f"the ranking index's process failed: {message}")

    def stop(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()
        self._records.close()
        self._answer.close()


def _rank(directory: Path, records, answer) -> None:
    """The ranking index's process: the batches received added in order, then sealed."""
    try:
        ranking = _Ranking(directory)
        while (batch := records.recv()) is not None:
            ranking.add(batch)
        ranking.close()
        answer.send(("ok", ""))
    except BaseException as exc:  # reported to the build, which raises it
        answer.send(("error", f"{type(exc).__name__}: {exc}"))


def _seal(ranking: Path) -> None:
    """Leave the ranking folder as readers need it: without the writer's bookkeeping (dot files),
    with checksums of its files (alinea.atomic, as search.store records for the index directory),
    and with the lock file a reader opens (so that opening it writes nothing)."""
    for path in ranking.glob(".*"):
        path.unlink()
    write_checksums(ranking)
    (ranking / ".tantivy-meta.lock").touch()


class _RankingBackend(_Backend):
    def match(self, plan: Plan):
        compiler = self.owner.compiler
        try:
            query = compiler.compile(plan)
        except Unsupported:
            return _Matches(self, _fts5(plan))
        return TopMatches(self, compiler, query, ranks(plan))


def _fts5(plan: Plan) -> str:
    from search.fts5_query import compile_plan

    return compile_plan(plan)


class TopMatches:
    """search.pipeline.Matches from tantivy's best elements, fetched as far as needed.

    ``ranked`` holds (-score, element number) of the best element of each section met so far, best
    first, ties by lower number: exactly the first sections of a full evaluation, because only the
    elements scoring more than the last one tantivy returned are taken (those are all the elements
    with such a score), unless tantivy returned every match."""

    def __init__(self, backend: _RankingBackend, compiler: Compiler, query, ranked: bool) -> None:
        self.backend, self.compiler, self.query, self.is_ranked = backend, compiler, query, ranked
        cap = COUNT_CAP
        columns = backend.owner.columns
        self._groups = columns["grp"]
        self._facets = [columns[c] for c in FACET_COLUMNS]
        self.ranked: list[tuple[float, int]] = []
        self._best: dict[int, tuple[float, int]] = {}
        self.everything = False
        self._asked = 0
        self._seen = 0
        """Sections among every element fetched, ranked exactly or not."""
        self._fill(cap, more_than=cap)
        self.exact = self.everything
        self.total = len(self.ranked) if self.exact else cap

    def _fill(self, sections: int, more_than: int = 0) -> None:
        """Fetch until `ranked` holds that many sections, and more than more_than sections are
        known to match, or every match is fetched."""
        while not self.everything and (len(self.ranked) < sections or self._seen <= more_than):
            asked, met = self._asked, len(self.ranked)
            # as many elements again as the sections still wanted need at the rate met so far
            wanted = 8 * asked if not met else int(asked * sections / met * 1.25)
            self._take(max(FIRST_FETCH, 2 * sections, min(8 * asked, max(2 * asked, wanted))))

    def _take(self, limit: int) -> None:
        try:
            self._read(limit)
        except (ValueError, OSError) as exc:
            raise self._damaged(exc) from None
        except BaseException as exc:  # a Rust panic (pyo3's PanicException) on a file it cannot read
            if type(exc).__name__ != "PanicException":
                raise
            raise self._damaged(exc) from None

    def _damaged(self, exc: BaseException) -> DamagedData:
        return DamagedData(Path(self.backend.owner.directory or ".") / RANKING_DIR, f"cannot be read ({exc})")

    def _read(self, limit: int) -> None:
        searcher = self.compiler.searcher
        t = self.compiler.t
        if self.is_ranked:
            hits = searcher.search(self.query, limit, count=False).hits
        else:  # every match scores 0: the order is the element numbers'
            hits = searcher.search(self.query, limit, count=False, order_by_field="n", order=t.Order.Asc).hits
        self._asked = limit
        self.everything = len(hits) < limit
        numbers = searcher.fast_field_values("n", list(map(itemgetter(1), hits)))
        self._seen = len(set(map(self._groups.__getitem__, numbers)))
        if not self.is_ranked:
            found = list(zip(repeat(0.0), numbers))
        else:  # (-score, number): sorted best first, ties by lower number
            scores = list(map(neg, map(itemgetter(0), hits)))
            if not self.everything:  # the last score may be shared by elements tantivy left out
                kept = bisect_left(scores, scores[-1])
                scores, numbers = scores[:kept], numbers[:kept]
            found = sorted(zip(scores, numbers))
        # backwards, so that the first (best) element of each section is the one kept
        codes = map(self._groups.__getitem__, map(itemgetter(1), reversed(found)))
        self._best = dict(zip(codes, reversed(found)))
        self.ranked = sorted(self._best.values())

    def _kept(self, without: str | None, stop: int | None) -> list[tuple[float, int]]:
        """(-score, number) of the sections met, leaving out without; at least stop of them when
        there are (None: those met already)."""
        if stop is not None:
            self._fill(stop + 1)  # one more, for the section left out
        code = self.backend.owner.code(without) if without is not None else -1
        return [row for row in self.ranked if self._groups[row[1]] != code] if code in self._best else self.ranked

    def page(self, start: int, stop: int, without: str | None) -> list[Group]:
        if stop <= start:
            return []
        groups, facets = self._groups, self._facets
        return [self.backend.group(-s or 0.0, n, groups[n], [f[n] for f in facets])
                for s, n in self._kept(without, stop)[start:stop]]

    def facets(self, without: str | None) -> list[Counter]:
        values = self.backend.owner._values
        numbers = list(map(itemgetter(1), self._kept(without, None)[:self.total]))
        return [Counter({values[code]: k for code, k in Counter(map(column.__getitem__, numbers)).items()})
                for column in self._facets]

    def score(self, group: str) -> float | None:
        code = self.backend.owner.code(group)
        if code in self._best:
            return -self._best[code][0] or 0.0
        if self.everything or code < 0:
            return None
        t = self.compiler.t
        one = t.Query.boolean_query([(t.Occur.Must, self.query), (t.Occur.Must, t.Query.const_score_query(
            t.Query.term_query(self.compiler.schema, "grp", group), 0.0))])
        hits = self.compiler.searcher.search(one, 1, count=False).hits
        return float(hits[0][0]) if hits else None
