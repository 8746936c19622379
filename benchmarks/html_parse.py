"""Parse time of the LégisQuébec HTML ingester on each fixture page, and its throughput.

Run: python -m benchmarks.html_parse [--repeat N]

For each page: the median (and p95) of N parses of the file (reading, lxml, model),
the sections it holds and the sections parsed per second at the median time; then
the share of that time spent in lxml alone for the largest page.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import lxml.html

from benchmarks.timing import print_table, summary, time_calls
from ingest.legisquebec_html import read_legisquebec_html

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "legisquebec-html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="parses per page (default 15)")
    args = parser.parse_args()
    rows = []
    pages = sorted(FIXTURES.glob("*.html"), key=lambda p: p.stat().st_size)
    for path in pages:
        doc, refs = read_legisquebec_html(str(path))
        stats = summary(time_calls(lambda: read_legisquebec_html(str(path)), args.repeat))
        units = sum(1 for s in doc.sections for _ in s.walk())
        rows.append({"page": path.name, "KB": path.stat().st_size // 1024,
                     "sections": len(doc.sections), "units": units, "references": len(refs),
                     "median ms": stats["median_ms"], "p95 ms": stats["p95_ms"],
                     "sections/s": round(len(doc.sections) / (stats["median_ms"] / 1000))})
    print_table(rows, ["page", "KB", "sections", "units", "references", "median ms", "p95 ms",
                       "sections/s"])
    largest = pages[-1]
    data = largest.read_bytes()
    lxml_only = summary(time_calls(lambda: lxml.html.document_fromstring(data), args.repeat))
    print(f"\nlargest page {largest.name}: lxml alone {lxml_only['median_ms']:.1f} ms of "
          f"{rows[-1]['median ms']:.1f} ms (median of {args.repeat})")


if __name__ == "__main__":
    main()
