"""Search speed: build time and p50/p95 latency per query type, Whoosh beside SQLite FTS5.

    python -m benchmarks.search [--scales 1,10,100] [--repeat 5]

The corpus is what `alinea build` parses from corpus/; a scale of N adds N-1
copies of the Act under the chapter codes Z-1, Z-2... (ids rewritten in the
model, text unchanged).  Both engines index the same records (search.records:
sections, units, headings).  Figures are printed, never asserted.

Columns:
- ``whoosh``: the whole `SearchIndex.search` (parse, score every match, collapse
  units into sections, facets, snippets, did-you-mean) for one page of 10;
- ``whoosh-engine``: Whoosh alone, every matching element scored and counted;
- ``fts5``: SQLite FTS5 (porter, diacritics removed), top 10 sections by bm25
  and the number of matching sections (no facets, no snippets); for a citation,
  an id lookup followed by the search of its number.
FTS5 has no fuzzy search: those rows say n/a.
"""
from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from alinea.build import parse_corpus
from alinea.kb import KnowledgeBase
from alinea.model import Corpus, Document, Unit
from benchmarks.timing import print_table, summary, time_calls
from search.engine import SearchQuery
from search.plan import Translator
from search.query import parse
from search.records import records
from search.store import build_index, current_dir
from search.whoosh_index import WhooshIndex
from search.whoosh_query import compile_plan

ROOT = Path(__file__).resolve().parent.parent

QUERIES: dict[str, list[tuple[str, str | None, str]]] = {
    # type: [(our query, FTS5 MATCH expression or None, extra SQL condition on meta)]
    "words": [("benefit", "benefit", ""), ("spouse child", "spouse child", ""),
              ("liquid assets", "liquid assets", ""), ("financial assistance", "financial assistance", "")],
    "phrase": [('"capacity for employment"', '"capacity for employment"', ""),
               ('"father or mother"', '"father or mother"', ""),
               ('"last resort financial assistance"', '"last resort financial assistance"', "")],
    "and": [("spouse AND child", "spouse AND child", ""), ("income AND employment", "income AND employment", "")],
    "boolean": [("spouse AND (child OR children) NOT regulation", "spouse AND (child OR children) NOT regulation", ""),
                ("(income OR earnings) NOT employment", "(income OR earnings) NOT employment", "")],
    "prefix": [("benef*", "benef*", ""), ("employ*", "employ*", ""), ("solidar*", "solidar*", "")],
    "fuzzy": [("benifit~", None, ""), ("spouce~", None, ""), ("employmnt~2", None, "")],
    "filters": [('benefit status:"in force"', "benefit", "m.status = 'in force'"),
                ("income amended:2018", "income", "m.amended LIKE '%2018%'"),
                ('benefit in:"title II chapter I"', "benefit", "m.within LIKE '%/title:II/chapter:I,%'"),
                ('assistance program:"basic income"', "assistance", "m.programs LIKE '%basic-income%'")],
    # citation: (query, FTS5 MATCH for the ordinary hits after it or None, the id it names)
    "citation": [("s. 55", "55", "A-13.1.1/55"), ("art. 83.24", '"83.24"', "A-13.1.1/83.24"),
                 ("{last}/55/p1/2/a", None, "{last}/55/p1/2/a")],
}

QUERIES_FR: dict[str, list[tuple[str, str | None, str]]] = {
    # the same types in French, on words of the LégisQuébec regulations in tests/fixtures/legisquebec-html/
    "words": [("établissements", "établissements", ""), ("sécurité travail", "sécurité travail", ""),
              ("personnes", "personnes", "")],
    "phrase": [('"santé et de la sécurité du travail"', '"santé et de la sécurité du travail"', ""),
               ('"activité principale"', '"activité principale"', "")],
    "and": [("incendie AND bâtiment", "incendie AND bâtiment", ""), ("machines AND produits", "machines AND produits", "")],
    "boolean": [("(machines OR produits) NOT fabrication", "(machines OR produits) NOT fabrication", "")],
    "prefix": [("fabric*", "fabric*", ""), ("établis*", "établis*", "")],
    "fuzzy": [("incendi~", None, ""), ("sécurté~", None, ""), ("etablisements~2", None, "")],
    "filters": [('travail status:"in force"', "travail", "m.status = 'in force'"),
                ("association lang:fr", "association", "")],
    "citation": [("{section}", None, "{section}")],
}
"""French queries of each type (benchmarks.scale's ``pages`` set)."""

def replicate(doc: Document, code: str) -> Document:
    """The document under another chapter code: every id rewritten, every text kept."""
    def rid(value: str | None) -> str | None:
        return code + value[len(doc.id):] if value and value.startswith(doc.id + "/") else value

    def unit(u: Unit) -> Unit:
        return replace(u, id=rid(u.id), children=tuple(unit(c) for c in u.children))

    return replace(doc, id=code, chapter=code,
                   divisions=tuple(replace(d, id=rid(d.id), parent=rid(d.parent)) for d in doc.divisions),
                   sections=tuple(replace(s, id=rid(s.id), parent=rid(s.parent), units=tuple(map(unit, s.units)))
                                  for s in doc.sections))


def scaled(corpus: Corpus, factor: int) -> Corpus:
    """corpus with factor-1 copies of its first statute as Z-1, Z-2..."""
    statute = next(d for d in corpus.documents if d.kind == "statute")
    copies = tuple(replicate(statute, f"Z-{i}") for i in range(1, factor))
    return replace(corpus, documents=corpus.documents + copies)


# -- SQLite FTS5 ------------------------------------------------------------------------
def build_fts5(corpus: Corpus, path: Path) -> sqlite3.Connection:
    """The same records in an FTS5 table, with their metadata in a plain table."""
    db = sqlite3.connect(path, check_same_thread=False)
    db.executescript("""
        CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE m(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, grp TEXT, status TEXT, amended TEXT,
                       within TEXT, programs TEXT);
    """)
    with db:
        for n, rec in enumerate(records(corpus), 1):
            db.execute("INSERT INTO t(rowid, body) VALUES (?, ?)", (n, rec.text))
            db.execute("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (n, rec.id, rec.group, rec.status, ",".join(map(str, rec.amended)),
                        ",".join(rec.within) + ",", ",".join(rec.programs)))
    return db


def fts5_search(db: sqlite3.Connection, match: str | None, where: str) -> tuple[list, int]:
    """Top 10 sections by bm25 and the number of matching sections."""
    cond = f" AND {where}" if where else ""
    top = db.execute("SELECT grp, min(s) AS best FROM (SELECT m.grp AS grp, t.rank AS s FROM t JOIN m "
                     f"ON m.rowid = t.rowid WHERE t MATCH ?{cond}) GROUP BY grp ORDER BY best LIMIT 10",
                     (match,)).fetchall()
    total = db.execute(f"SELECT count(DISTINCT m.grp) FROM t JOIN m ON m.rowid = t.rowid WHERE t MATCH ?{cond}",
                       (match,)).fetchone()[0]
    return top, total


def fts5_citation(db: sqlite3.Connection, match: str | None, cited: str) -> tuple[list, int]:
    """The cited provision (an id lookup), then the ordinary hits of the query's words."""
    first = db.execute("SELECT id, grp FROM m WHERE id = ?", (cited,)).fetchall()
    top, total = fts5_search(db, match, "") if match else ([], 0)
    return first + top, total + len(first)


# -- Whoosh ----------------------------------------------------------------------------
def whoosh_engine(index: WhooshIndex, text: str) -> int:
    """Whoosh alone: every match scored and counted (one pass)."""
    built = Translator(index.meta, index.vocabulary).translate(parse(text))
    if built.query is None:
        return 0
    with index.searcher() as searcher:
        return len(searcher.search(compile_plan(built.query), limit=None))


def run_scale(corpus: Corpus, factor: int, repeat: int, workdir: Path) -> tuple[list[dict], dict]:
    big = scaled(corpus, factor)
    n_records = sum(1 for _ in records(big))
    kb = KnowledgeBase(big)
    data = workdir / f"x{factor}"
    start = time.perf_counter()
    build_index(big, data, engine="whoosh")
    whoosh_build = time.perf_counter() - start
    start = time.perf_counter()
    db = build_fts5(big, workdir / f"x{factor}.sqlite")
    fts5_build = time.perf_counter() - start
    index = WhooshIndex()
    start = time.perf_counter()
    index.open(current_dir(data), kb.resolver())
    whoosh_open = time.perf_counter() - start
    last = f"Z-{factor - 1}" if factor > 1 else "A-13.1.1"
    rows = []
    for kind, queries in QUERIES.items():
        ours, engine, fts = [], [], []
        for text, match, where in queries:
            text, where = text.format(last=last), where.format(last=last)
            index.search(SearchQuery(text))  # warm the caches once
            ours += time_calls(partial(index.search, SearchQuery(text)), repeat)
            if kind == "citation":
                fts += time_calls(partial(fts5_citation, db, match, where), repeat)
                continue
            engine += time_calls(partial(whoosh_engine, index, text), repeat)
            if match is not None:
                fts += time_calls(partial(fts5_search, db, match, where), repeat)
        row = {"scale": f"x{factor}", "type": kind, "whoosh p50": summary(ours)["p50_ms"],
               "whoosh p95": summary(ours)["p95_ms"],
               "whoosh-engine p50": summary(engine)["p50_ms"] if engine else "n/a",
               "fts5 p50": summary(fts)["p50_ms"] if fts else "n/a",
               "fts5 p95": summary(fts)["p95_ms"] if fts else "n/a"}
        row["whoosh/fts5 p50"] = (f"{row['whoosh p50'] / row['fts5 p50']:.0f}x" if fts and row["fts5 p50"] > 0
                                  else "n/a")
        rows.append(row)
    index.close()
    db.close()
    size = sum(p.stat().st_size for p in current_dir(data).iterdir())
    builds = {"scale": f"x{factor}", "records": n_records, "whoosh build s": whoosh_build,
              "fts5 build s": fts5_build, "build ratio": f"{whoosh_build / fts5_build:.0f}x",
              "whoosh open s": whoosh_open,
              "whoosh MB": size / 1e6, "fts5 MB": (workdir / f"x{factor}.sqlite").stat().st_size / 1e6}
    return rows, builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated corpus multipliers")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    args = parser.parse_args()
    docs, _, _ = parse_corpus(ROOT / "corpus", lambda message: None)
    corpus = Corpus(tuple(docs))
    print(f"SQLite {sqlite3.sqlite_version}; corpus: {', '.join(d.id for d in docs)}; "
          f"{args.repeat} runs of each query")
    latency, builds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (int(s) for s in args.scales.split(",")):
            rows, build = run_scale(corpus, factor, args.repeat, Path(tmp))
            latency += rows
            builds.append(build)
            print(f"x{factor}: {build['records']} records indexed", flush=True)
    print("\nBuild (seconds, size on disk in MB)")
    print_table(builds, list(builds[0]))
    print("\nLatency per query type (ms)")
    print_table(latency, list(latency[0]))


if __name__ == "__main__":
    main()
