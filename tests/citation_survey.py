"""The citation forms survey (tests/fixtures/citation_forms_survey.jsonl) run through every entry point.

Each row is a citation as people write it, with what it must name: ``id`` (and ``ids`` when it names
several, a typed list going to its first), ``missing`` (it names nothing real: one line and the nearest
real provisions, never another provision) or ``outside`` (a provision outside the knowledge base).
`ENTRY_POINTS` maps each entry point to a check of one row; `tests/test_citation_examples.py` asserts
them and `python -m benchmarks.citation_forms` counts them."""
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SURVEY = ROOT / "tests" / "fixtures" / "citation_forms_survey.jsonl"
LIBRARY = ROOT / "tests" / "library"
LEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*(?:\([0-9a-z.]+\))*(?:\s|$)")
"""A citation that starts with a bare section number ("55", "27(2) LAPF", "57 al. 2"): code does not read it (in a
comment a number is a number), a typed citation does."""
LONE_LETTER = re.compile(r"(?<![\w.])[sa]\s+\d")
AFTER_CODE = re.compile(r"[A-Z]{1,3}-\d+(?:\.\d+)*(?:,\s*r\.?\s*\d+(?:\.\d+)*)?,\s*[sa]\s+\d")
"""A section abbreviation of one letter without its period ("s 27(2)", "IFAA, s 84") is read in code only after a
chapter code ("CQLR c A-13.1.1, s 27(2)"): alone in a comment it is a word ("30 s 27 times")."""


def survey() -> list[dict]:
    return [json.loads(line) for line in SURVEY.read_text(encoding="utf-8").splitlines() if line.strip()]


def cited_documents(rows: list[dict]) -> set[str]:
    """The documents of the library the survey names (a provision's document, before its first "/")."""
    return {(r.get("id") or r.get("missing") or "").split("/")[0] for r in rows} - {""}


def survey_corpus(destination: Path) -> Path:
    """A corpus of the library's documents the survey cites, with the guidance pages, as `alinea add` wrote them."""
    manifest = json.loads((LIBRARY / "manifest.json").read_text(encoding="utf-8"))
    wanted = cited_documents(survey())
    keep = [d for d in manifest["documents"] if d["id"] in wanted or d["kind"] == "guidance"]
    for entry in keep:
        (destination / entry["file"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LIBRARY / entry["file"], destination / entry["file"])
    for extra in ("glossary", "thesaurus"):
        if name := manifest.get(extra):
            shutil.copy(LIBRARY / name, destination / name)
    (destination / "manifest.json").write_text(json.dumps({**manifest, "documents": keep}, ensure_ascii=False),
                                               encoding="utf-8")
    return destination


@dataclass
class Points:
    """What the entry points need: the CLI runner, the site's test client, the search index, the knowledge base, a
    scratch folder for source files."""

    cli: Callable[..., tuple[int, str, str]]
    client: object
    index: object
    kb: object
    tmp: Path


def open_points(folder: Path) -> Points:
    """The survey's corpus built in `folder`, and every entry point on it (close `points.index` when done)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from alinea.build import build
    from alinea.cli import main as alinea
    from alinea.kb import load
    from search import open_index
    from web import create_app

    data = folder / "data"
    build(survey_corpus(folder / "corpus"), data, progress=lambda message: None)
    kb = load(data)

    def cli(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = alinea(["--data", str(data), *argv])
        return code, out.getvalue(), err.getvalue()

    client = create_app({"TESTING": True, "DATA_DIR": str(data)}).test_client()
    return Points(cli, client, open_index(data, kb.resolver()), kb, folder)


def _expected(row: dict) -> list[str]:
    return row.get("ids") or [row["id"]]


def show(row: dict, p: Points) -> bool:
    code, out, err = p.cli("show", "--json", row["citation"])
    if "id" in row:
        return code == 0 and json.loads(out)["id"] == row["id"]
    said = row.get("missing") or row.get("outside")
    return code != 0 and said in err and len(err.strip().splitlines()) == 1


def api(row: dict, p: Points) -> bool | None:
    """None for a citation that starts with "/" (an address's path, "/A-13.1.1/55"): after "/api/provisions/" it makes
    an empty path segment, which the router refuses."""
    if row["citation"].startswith("/"):
        return None
    response = p.client.get("/api/provisions/" + quote(row["citation"], safe="/:"))
    if response.status_code == 302:
        response = p.client.get(response.headers["Location"])
    body = response.get_json() or {}
    if "id" in row:
        return response.status_code == 200 and body.get("id") == row["id"]
    said = row.get("missing") or row.get("outside")
    return response.status_code == 404 and said in json.dumps(body.get("error", {}), ensure_ascii=False)


def search(row: dict, p: Points) -> bool | None:
    """None for a citation of a whole document: the jump goes to a provision; the document's provisions are the
    results."""
    from search import SearchQuery

    if "/" not in row.get("id", "/"):
        return None
    results = p.index.search(SearchQuery(row["citation"]))
    if "id" in row:
        return results.citation == row["id"]
    said = row.get("missing") or row.get("outside")
    return results.citation is None and any(said in m for m in results.messages)


def course(row: dict, p: Points) -> bool:
    from alinea.course import render_course

    rendered = render_course(f"See [[{row['citation']}]].", p.kb)
    if "id" in row:
        return rendered.used[:1] == [row["id"]]
    if "outside" in row:
        return not rendered.used and rendered.outside.get(row["citation"], ("",))[0] == row["outside"]
    return not rendered.used and row["citation"] in rendered.unresolved


def govern_node(row: dict, p: Points) -> bool:
    from graph.govern import govern

    answer = govern(row["citation"], p.kb, p.index)
    if "id" in row:
        return answer.node == row["id"]
    if "outside" in row:
        return answer.node == row["outside"] and not answer.results
    return answer.node is None and any(row["missing"] in m for m in answer.messages)


def links(row: dict, p: Points) -> bool | None:
    """None where code does not read the form (`LEADING_NUMBER`, `LONE_LETTER`)."""
    from alinea.code_links import scan

    text = row["citation"]
    if LEADING_NUMBER.match(text) or (LONE_LETTER.search(text) and not AFTER_CODE.search(text)):
        return None
    source = p.tmp / "rules.py"
    source.write_text(f"# A-13.1.1 rules\n# {row['citation']}\n", encoding="utf-8")
    found = [c for c in scan([str(source)], p.kb, include_other=True).as_json()["citations"] if c["line"] == 2]
    targets = [c.get("target") for c in found]
    if "id" in row:
        return targets in (_expected(row), [row["id"]])
    if "outside" in row:
        return targets == [row["outside"]]
    return targets == [row["missing"]] and found[0]["status"] == "unknown provision"  # reported, never another unit


def engine(row: dict, p: Points) -> bool:
    """`graph.cite.read`: every id a list or range names, in order (the one resolver every entry point calls)."""
    from graph.cite import read

    reading = read(row["citation"], p.kb.citation_index)
    if "id" in row:
        return list(reading.targets) == _expected(row)
    said = row.get("missing") or row.get("outside")
    return said in reading.error or list(reading.targets) == [said]


ENTRY_POINTS: dict[str, Callable[[dict, Points], bool | None]] = {
    "alinea show": show, "/api/provisions": api, "search's citation jump": search, "course [[…]]": course,
    "govern's node mode": govern_node, "alinea links": links, "graph.cite.read (all ids)": engine,
}
