"""Search at the size of a library: each engine and raw SQLite FTS5, side by side, on the same records.

    python -m benchmarks.scale [--scales 1,10,100,1000] [--engines fts5,whoosh] [--whoosh-max 100]
                               [--sets seed,pages] [--repeat 5] [--budget 600]

Two scale sets, each replicated N times (ids rewritten, text unchanged):
- ``seed``: what `alinea build` parses from corpus/, with N-1 more copies of the Act;
- ``pages``: the real LégisQuébec pages in tests/fixtures/legisquebec-html/ (mostly French
  regulations), every page copied N times.

For each scale, each engine (search.store.ENGINES) and raw FTS5 (benchmarks.search: SQLite's own
porter tokenizer on the raw text, top 10 sections and their count, no facets, snippets or
spelling) build the same records in a child process: build seconds (wall clock, and CPU of the
build and its worker processes: on a shared machine the second says more), index size (every file,
the ranking folder's included), the child's peak resident memory (the scaled corpus in memory
included) and the largest of its child processes' (the build's analysis workers and tantivy's
ranking process; also the workers that parsed the corpus, smaller).  Then each query of the suite
(benchmarks.search.QUERIES) runs `repeat` times on each: p50/p95 per query type, ``all`` over
every query.  Raw FTS5 has no fuzzy search.  The growth exponent k fits time ~ records^k over
the scales run.  A scale whose build would not fit in the remaining budget (seconds, estimated
from the previous scale) is skipped, and Whoosh above --whoosh-max.  Figures are printed, never
asserted; compare them within one run.
"""
from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import resource
import sqlite3
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from alinea.build import parse_corpus
from alinea.kb import KnowledgeBase
from alinea.model import Corpus, Document
from benchmarks.search import QUERIES, QUERIES_FR, build_fts5, fts5_citation, fts5_search, replicate, scaled
from benchmarks.timing import print_table, summary, time_calls
from search import SearchQuery
from search.records import records
from search.store import ENGINES, new_engine

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "legisquebec-html"
RAW = "raw-fts5"


def seed_corpus() -> Corpus:
    docs, _, _ = parse_corpus(ROOT / "corpus", lambda message: None)
    return Corpus(tuple(docs))


def pages_corpus() -> Corpus:
    from ingest.legisquebec_html import read_legisquebec_html

    return Corpus(tuple(read_legisquebec_html(str(p))[0] for p in sorted(PAGES.glob("*.html"))))


def pages_scaled(corpus: Corpus, factor: int) -> Corpus:
    """Every page copied factor-1 more times as Z-<copy>.<page>."""
    docs: list[Document] = list(corpus.documents)
    for i in range(1, factor):
        docs += [replicate(doc, f"Z-{i}.{j}") for j, doc in enumerate(corpus.documents, 1)]
    return replace(corpus, documents=tuple(docs))


SETS = {"seed": (seed_corpus, scaled, QUERIES), "pages": (pages_corpus, pages_scaled, QUERIES_FR)}
"""Scale set -> how to load it, how to replicate it, its query suite."""


def _cpu() -> float:
    """CPU seconds of this process and of the worker processes it has waited for (a build on
    several cores)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _build_child(set_name: str, factor: int, engine: str, target: Path, out) -> None:
    """In a child process: scale the corpus, build one index, report seconds, records and peak RSS."""
    load, scale, _ = SETS[set_name]
    corpus = scale(load(), factor)
    n_records = sum(1 for _ in records(corpus))
    start, cpu = time.perf_counter(), _cpu()
    if engine == RAW:
        build_fts5(corpus, target).close()
    else:
        new_engine(engine).build(corpus, target)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    out.put((seconds, cpu, n_records, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
             resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))


def build(set_name: str, factor: int, engine: str, target: Path) -> dict:
    """Build one index in a child process (so each build's peak memory is its own)."""
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_build_child,
                                                        args=(set_name, factor, engine, target, queue))
    child.start()
    seconds, cpu, n_records, peak, children_peak = queue.get()
    child.join()
    size = target.stat().st_size if target.is_file() else sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return {"records": n_records, "build s": seconds, "build CPU s": cpu, "index MB": size / 1e6,
            "peak RSS MB": peak, "children's peak MB": children_peak}


def queries(corpus: Corpus, suite: dict) -> list[tuple[str, str, str | None, str]]:
    """(type, our query, raw FTS5 MATCH or None, raw condition or cited id) of a suite for corpus."""
    statute = next((d.id for d in corpus.documents if d.kind == "statute"), corpus.documents[0].id)
    largest = max(corpus.documents, key=lambda d: len(d.sections))
    names = {"last": statute, "section": largest.sections[0].id}
    return [(kind, text.format(**names), match, where.format(**names))
            for kind, queries in suite.items() for text, match, where in queries]


def measure(index, raw: sqlite3.Connection, suite, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per call, per system and query type."""
    times: dict[str, dict[str, list[float]]] = {}
    for kind, text, match, where in suite:
        index.search(SearchQuery(text))  # warm caches once
        times.setdefault("ours", {}).setdefault(kind, []).extend(
            time_calls(partial(index.search, SearchQuery(text)), repeat))
        if kind == "citation":
            call = partial(fts5_citation, raw, match, where)
        elif match is not None:
            call = partial(fts5_search, raw, match, where)
        else:
            continue
        call()
        times.setdefault(RAW, {}).setdefault(kind, []).extend(time_calls(call, repeat))
    return times


def top_overlap(indexes: dict, suite) -> float:
    """Mean share of the first page's sections two engines have in common (ranking differs)."""
    if len(indexes) < 2:
        return float("nan")
    a, b = list(indexes.values())[:2]
    shares = []
    for _, text, _, _ in suite:
        first = {h.section for h in a.search(SearchQuery(text)).hits}
        second = {h.section for h in b.search(SearchQuery(text)).hits}
        if first or second:
            shares.append(len(first & second) / max(len(first), len(second)))
    return sum(shares) / len(shares)


def exponent(points: list[tuple[float, float]]) -> float | str:
    """k of time ~ records^k, least squares over (records, seconds)."""
    points = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t > 0]
    if len(points) < 2:
        return "n/a"
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else "n/a"


def run_set(set_name: str, args, workdir: Path, deadline: float) -> None:
    load, _, types = SETS[set_name]
    base = load()
    kb = KnowledgeBase(base)  # citations of the seed resolve the same at every scale
    suite = queries(base, types)
    builds, latency, growth = [], [], {}
    last_build: dict[str, float] = {}
    previous = 0
    for factor in (int(s) for s in args.scales.split(",")):
        engines = [e for e in args.engines.split(",") if e != "whoosh" or factor <= args.whoosh_max] + [RAW]
        grow = factor / previous if previous else 1
        estimate = sum(last_build.get(e, 0) * grow for e in engines)
        if previous and time.monotonic() + estimate > deadline:
            print(f"{set_name} x{factor}: skipped (estimated {estimate:.0f} s of build, over the budget)", flush=True)
            break
        previous = factor
        built = {}
        for engine in engines:
            target = workdir / f"{set_name}-x{factor}-{engine}"
            built[engine] = build(set_name, factor, engine, target if engine != RAW else target.with_suffix(".db"))
            last_build[engine] = built[engine]["build s"]
            builds.append({"set": set_name, "scale": f"x{factor}", "engine": engine, **built[engine]})
            print(f"{set_name} x{factor} {engine}: {built[engine]['records']} records, "
                  f"built in {built[engine]['build s']:.1f} s", flush=True)
        raw = sqlite3.connect(workdir / f"{set_name}-x{factor}-{RAW}.db")
        opened = {}
        for engine in engines[:-1]:
            index = new_engine(engine)
            index.open(workdir / f"{set_name}-x{factor}-{engine}", kb.resolver())
            opened[engine] = index
        load = os.getloadavg()[0]
        per_engine = {e: measure(index, raw, suite, args.repeat) for e, index in opened.items()}
        print(f"{set_name} x{factor}: searches measured, load average {load:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after", flush=True)
        overlap = top_overlap(opened, suite)
        raw_times = next(iter(per_engine.values()))[RAW] if per_engine else {}
        kinds = list(types) + ["all"]
        for kind in kinds:
            row = {"set": set_name, "scale": f"x{factor}", "type": kind}
            for engine, times in per_engine.items():
                ours = times["ours"]
                values = [t for ts in ours.values() for t in ts] if kind == "all" else ours[kind]
                row[f"{engine} p50"], row[f"{engine} p95"] = summary(values)["p50_ms"], summary(values)["p95_ms"]
                if kind == "all":
                    growth.setdefault(engine, []).append((built[engine]["records"], summary(values)["p95_ms"]))
            raw_values = [t for ts in raw_times.values() for t in ts] if kind == "all" else raw_times.get(kind, [])
            if kind == "all" and raw_values:
                growth.setdefault(RAW, []).append((built[RAW]["records"], summary(raw_values)["p95_ms"]))
            row[f"{RAW} p50"] = summary(raw_values)["p50_ms"] if raw_values else "n/a"
            row[f"{RAW} p95"] = summary(raw_values)["p95_ms"] if raw_values else "n/a"
            for engine in per_engine:
                if raw_values and row[f"{RAW} p95"]:
                    row[f"{engine}/raw p95"] = f"{row[f'{engine} p95'] / row[f'{RAW} p95']:.1f}x"
            latency.append(row)
        latency[-1]["top-10 overlap"] = f"{overlap:.0%}" if overlap == overlap else "n/a"  # on the "all" row
        for index in opened.values():
            index.close()
        raw.close()
    columns = ["set", "scale", "engine", "records", "build s", "build CPU s", "index MB", "peak RSS MB", "children's peak MB"]
    print(f"\nBuild ({set_name})")
    print_table(builds, columns)
    print(f"\nLatency per query type, ms ({set_name}; {args.repeat} runs of each query)")
    print_table(latency, list(dict.fromkeys(k for row in latency for k in row)))
    print(f"\nGrowth exponent k, time ~ records^k ({set_name})")
    rows = [{"engine": e, "build k": exponent([(b["records"], b["build s"]) for b in builds if b["engine"] == e]),
             "search p95 k": exponent(growth.get(e, []))} for e in dict.fromkeys(b["engine"] for b in builds)]
    print_table(rows, ["engine", "build k", "search p95 k"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,1000", help="comma-separated corpus multipliers")
    parser.add_argument("--engines", default=",".join(sorted(ENGINES)), help="engines to build (search.store.ENGINES)")
    parser.add_argument("--whoosh-max", type=int, default=100, help="largest scale Whoosh builds")
    parser.add_argument("--sets", default="seed,pages", help=f"scale sets: {', '.join(SETS)}")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--budget", type=float, default=600, help="seconds of building allowed per set")
    args = parser.parse_args()
    print(f"SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        for set_name in args.sets.split(","):
            run_set(set_name, args, Path(tmp), time.monotonic() + args.budget)


if __name__ == "__main__":
    main()
