"""How many forms of the citation survey (tests/fixtures/citation_forms_survey.jsonl) each entry point reads right:
`alinea show`, `/api/provisions/…`, search's citation jump, a course's ``[[…]]``, govern's node mode, `alinea links`,
and `graph.cite.read` with every id of a list or range.

    python -m benchmarks.citation_forms [--failures]
"""
from __future__ import annotations

import argparse
import io
import tempfile
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from tests.citation_survey import ENTRY_POINTS, Points, survey, survey_corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list each form an entry point misreads")
    args = parser.parse_args(argv)
    from alinea.build import build
    from alinea.cli import main as alinea
    from alinea.kb import load
    from search import open_index
    from web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = survey_corpus(tmp / "corpus")
        build(corpus, tmp / "data", progress=lambda message: None)
        kb = load(tmp / "data")
        index = open_index(tmp / "data", kb.resolver())

        def cli(*argv: str) -> tuple[int, str, str]:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = alinea(["--data", str(tmp / "data"), *argv])
            return code, out.getvalue(), err.getvalue()

        client = create_app({"TESTING": True, "DATA_DIR": str(tmp / "data")}).test_client()
        points = Points(cli, client, index, kb, tmp)
        rows = survey()
        right, asked, forms_right = Counter(), Counter(), Counter()
        for row in rows:
            for name, check in ENTRY_POINTS.items():
                try:
                    ok = check(row, points)
                except Exception as error:  # noqa: BLE001 - a crash is a form read wrong, and listed
                    ok = False
                    row = {**row, "crash": f"{type(error).__name__}: {error}"}
                if ok is None:
                    continue
                asked[name] += 1
                right[name] += bool(ok)
                forms_right[row["form"], name] += bool(ok)
                if not ok and args.failures:
                    print(f"  {name:<26} {row['form']:<12} {row['citation']}  {row.get('crash', '')}")
        index.close()
    print(f"{len(rows)} forms")
    for name in ENTRY_POINTS:
        print(f"{name:<28} {right[name]:>4} / {asked[name]}")


if __name__ == "__main__":
    main()
