"""The test library (tests/library: the Act, the guidance pages and every real LégisQuébec
page of the fixtures): build time, size of what is built, and query latency.

    python -m benchmarks.library [--repeat 5]

Figures are printed, never asserted; they depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from alinea.build import build
from alinea.kb import load
from benchmarks.timing import print_table, summary, time_calls
from search import SearchQuery, open_index

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "tests" / "library"
QUERIES = {  # what legal staff type: words in French and English, a phrase, a filter by document, citations
    "words (fr)": ["échafaudage", "comité de santé et de sécurité", "bruit", "premiers secours"],
    "words (en)": ["benefit", "spouse child", "liquid assets"],
    "phrase": ['"équipement de protection individuelle"', '"last resort financial assistance"'],
    "one document": ["doc:S-2.1-r4 grue", "doc:S-2.1-r22 entente", "doc:A-13.1.1 spouse"],
    "citation": ["S-2.1-r4/5.2.1", "A-13.1.1/55", "art. 133"],
}


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        start = time.perf_counter()
        result = build(LIBRARY, data, lambda message: None)
        seconds = time.perf_counter() - start
        kb = load(data)
        sections = sum(len(d.sections) for d in kb.corpus.documents)
        print(f"library: {len(kb.corpus.documents)} documents, {sections} sections, "
              f"{len(result.warnings)} warnings, {'ok' if result.ok else 'FAILED'}")
        print(f"build: {seconds:.1f} s; data directory {folder_bytes(data) / 1e6:.1f} MB, of which the "
              f"search index {sum(folder_bytes(p) for p in data.iterdir() if p.is_dir()) / 1e6:.1f} MB")
        index = open_index(data, kb.resolver())
        rows = []
        for kind, queries in QUERIES.items():
            times = [t for q in queries for t in time_calls(lambda q=q: index.search(SearchQuery(q)), args.repeat)]
            rows.append({"queries": kind, **summary(times)})
        print_table(rows, ["queries", "n", "p50_ms", "p95_ms", "max_ms"])


if __name__ == "__main__":
    main()
