"""How many forms of the citation survey (tests/fixtures/citation_forms_survey.jsonl) each entry point reads right:
`alinea show`, `/api/provisions/…`, search's citation jump, a course's ``[[…]]``, govern's node mode, `alinea links`,
and `graph.cite.read` with every id of a list or range.  A form an entry point does not take (tests/citation_survey.py
says which and why) is not counted for it.

    python -m benchmarks.citation_forms [--failures]
"""
from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from tests.citation_survey import ENTRY_POINTS, open_points, survey


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list each form an entry point misreads")
    args = parser.parse_args(argv)
    rows = survey()
    right, asked = Counter(), Counter()
    with tempfile.TemporaryDirectory() as tmp:
        points = open_points(Path(tmp))
        for row in rows:
            for name, check in ENTRY_POINTS.items():
                crash = ""
                try:
                    ok = check(row, points)
                except Exception as error:  # noqa: BLE001 - a crash is a form read wrong, and listed
                    ok, crash = False, f"{type(error).__name__}: {error}"
                if ok is None:
                    continue
                asked[name] += 1
                right[name] += bool(ok)
                if not ok and args.failures:
                    print(f"  {name:<26} {row['form']:<12} {row['citation']}  {crash}")
        points.index.close()
    print(f"{len(rows)} forms")
    for name in ENTRY_POINTS:
        print(f"{name:<28} {right[name]:>4} / {asked[name]}")


if __name__ == "__main__":
    main()
