"""Search quality in French and in English: precision@5 and recall@10 on a blind query set.

    python -m benchmarks.search_eval [--data DIR] [--queries FILE] [--no-crosslang] [-v]

Queries: benchmarks/search_eval/queries.jsonl, one JSON object a line
(``{"id", "lang", "q", "expected": [provision ids], "kind"}``), written by a reader of the Act
before looking at what the search answers; never tuned on.

Each query is searched the way the site searches it: with cross-language search
(search.crosslang) when this version of Alinea has it, the interface in the query's language,
unless --no-crosslang; otherwise the query as typed (the engine alone). A hit counts for an
expected provision when one id contains the other (a hit on s. 55 counts for 55(2)(a), a hit on
55(2)(a) for s. 55). Per query: precision@5 = hits among the first five that count for an
expected provision / 5; recall@10 = expected provisions some hit of the first ten counts for /
expected provisions. Averages are
printed per language and per kind; figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, benchmarks/search.py would hide the search package

from alinea.kb import load  # noqa: E402
from search import SearchQuery, open_index  # noqa: E402

QUERIES = ROOT / "benchmarks" / "search_eval" / "queries.jsonl"


def load_queries(path: Path) -> list[dict]:
    """The queries of a JSON-lines file; a line that is not a query is reported with its number."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if not isinstance(item, dict) or not item.get("q") or not isinstance(item.get("expected"), list):
            raise SystemExit(f"{path}:{number}: expected an object with 'q' and an 'expected' list")
        out.append(item)
    return out


def covers(hit: str, expected: str) -> bool:
    """True when one id is the other or contains it (``A-13.1.1/55`` and ``A-13.1.1/55/p1/2/a``)."""
    return hit == expected or expected.startswith(hit + "/") or hit.startswith(expected + "/")


def searcher(data: Path, crosslang: bool):
    """A function query -> hit ids, best first, as the site would answer it."""
    kb = load(data)
    index = open_index(data, kb.resolver() if hasattr(kb, "resolver") else kb)  # older versions took the kb
    try:
        from search.crosslang import Lexicon
        from search.policy import search_across
    except ImportError:  # a version of Alinea before cross-language search
        search_across = None
    if search_across is None or not crosslang:
        return lambda item: [h.id for h in index.search(SearchQuery(item["q"], per_page=10)).hits], "engine alone"
    learned = getattr(kb, "word_table", None)  # the build's French -> English word table, where there is one
    lexicon = Lexicon.of(kb.glossary, kb.thesaurus, learned) if learned is not None else Lexicon.of(kb.glossary, kb.thesaurus)

    def ask(item: dict) -> list[str]:
        results = search_across(index, SearchQuery(item["q"], per_page=10), lexicon, True, item.get("lang", "fr"))
        return [h.id for h in results.hits]
    return ask, "with cross-language search"


def scores(hits: list[str], expected: list[str]) -> tuple[float, float]:
    relevant5 = sum(any(covers(h, e) for e in expected) for h in hits[:5])
    found10 = sum(any(covers(h, e) for h in hits[:10]) for e in expected)
    return relevant5 / 5, found10 / len(expected) if expected else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--queries", default=str(QUERIES))
    parser.add_argument("--no-crosslang", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    path = Path(args.queries)
    if not path.is_file():
        print(f"search_eval: no query set at {path}: nothing measured")
        return 0
    queries = load_queries(path)
    ask, mode = searcher(Path(args.data), not args.no_crosslang)
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in queries:
        hits = ask(item)
        p5, r10 = scores(hits, item["expected"])
        for key in (f"lang={item.get('lang', '?')}", f"lang={item.get('lang', '?')} kind={item.get('kind', '?')}", "all"):
            groups[key].append((p5, r10))
        if args.verbose:
            print(f"{item.get('id', '?'):>8} {item.get('lang', '?')} p@5={p5:.2f} r@10={r10:.2f} {item['q']!r} -> {hits[:5]}")
    print(f"search_eval: {len(queries)} queries from {path.name}, {mode}")
    print(f"{'group':<40} {'n':>4} {'P@5':>6} {'R@10':>6}")
    for key in sorted(groups, key=lambda k: (k != "all", k.count("kind"), k)):
        values = groups[key]
        print(f"{key:<40} {len(values):>4} {sum(v[0] for v in values) / len(values):>6.3f} "
              f"{sum(v[1] for v in values) / len(values):>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
