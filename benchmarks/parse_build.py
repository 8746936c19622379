"""Parse and build times for the bundled corpus (median of several runs)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.build import build  # noqa: E402
from benchmarks.timing import print_table, summary, time_calls  # noqa: E402
from ingest.legisquebec_text import parse_statute_file  # noqa: E402

ACT = ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt"


def main(repeat: int = 7) -> None:
    parse = summary(time_calls(lambda: parse_statute_file(str(ACT)), repeat))
    doc = parse_statute_file(str(ACT))
    lines = ACT.read_text(encoding="utf-8").count("\n") + 1
    with tempfile.TemporaryDirectory() as tmp:
        built = summary(time_calls(lambda: build(ROOT / "corpus", Path(tmp), progress=lambda m: None), 3))
    rows = [
        {"step": "parse A-13.1.1 (text)", **parse, "per second": f"{len(doc.sections) / parse['median_ms'] * 1000:,.0f} sections"},
        {"step": "alinea build (whole corpus)", **built, "per second": ""},
    ]
    print(f"A-13.1.1: {lines} lines, {len(doc.sections)} sections, "
          f"{sum(1 for s in doc.sections for _ in s.walk())} units")
    print_table(rows, ["step", "n", "median_ms", "p95_ms", "max_ms", "per second"])


if __name__ == "__main__":
    main()
