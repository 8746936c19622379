"""Every citation example of the README and docs/ (the tables headed ``| citation | id |``) read
by every entry point: `alinea show`, `/api/provisions/…`, search's citation jump, a course's
``[[…]]``, `alinea links` and govern's node mode must all give the id the table shows."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import html

from alinea.code_links import scan
from alinea.course import render_course
from graph.govern import govern
from search import SearchQuery, open_index
from tests.citation_survey import ENTRY_POINTS, open_points, survey

ROOT = Path(__file__).resolve().parent.parent
_HEADER = re.compile(r"^\|\s*citation\s*\|\s*id\s*\|\s*$")
_OUTSIDE_HEADER = re.compile(r"^\|\s*citation\s*\|\s*outside\s*\|\s*$")
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*$")


def examples(header: re.Pattern = _HEADER) -> list[tuple[str, str, str]]:
    """(file, citation, id) of every row of every citation table."""
    out = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        in_table = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if header.match(line):
                in_table = True
            elif in_table and (m := _ROW.match(line)):
                out.append((path.name, m[1], m[2]))
            elif in_table and not line.startswith("|"):
                in_table = False
    return out


EXAMPLES = examples()
OUTSIDE = examples(_OUTSIDE_HEADER)
"""Citations of what lies outside the knowledge base (federal provisions, standards), with the id each names."""
BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)*(?:\([0-9a-z.]+\))*$")


def test_the_docs_give_examples():
    assert len(EXAMPLES) >= 25


@pytest.fixture(scope="module")
def client(data_dir):
    from web import create_app

    return create_app({"TESTING": True, "DATA_DIR": str(data_dir)}).test_client()


@pytest.fixture(scope="module")
def index(data_dir, kb):
    found = open_index(data_dir, kb.resolver())
    yield found
    found.close()


@pytest.mark.parametrize("where, citation, expected", EXAMPLES, ids=[c for _, c, _ in EXAMPLES])
def test_every_entry_point_reads_the_example(where, citation, expected, cli, client, index, kb, tmp_path):
    code, out, err = cli("show", "--json", citation)
    assert code == 0, err
    import json

    assert json.loads(out)["id"] == expected, "alinea show"

    response = client.get("/api/provisions/" + quote(citation, safe="/:"))
    if response.status_code == 302:
        response = client.get(response.headers["Location"])
    assert response.get_json()["id"] == expected, "/api/provisions"

    assert index.search(SearchQuery(citation)).citation == expected, "search's citation jump"

    assert render_course(f"See [[{citation}]].", kb).used == [expected], "course [[…]]"

    assert govern(citation, kb, index).node == expected, "govern's node mode"

    if not BARE_NUMBER.match(citation):  # code names its act: a bare number is not a citation there
        source = tmp_path / "rules.py"
        source.write_text(f"# A-13.1.1 rules\n# {citation}\n", encoding="utf-8")
        targets = [c["target"] for c in scan([str(source)], kb).as_json()["citations"] if c["line"] == 2]
        assert targets == [expected], "alinea links"


def test_the_docs_give_examples_outside_the_knowledge_base():
    assert {t.split(":")[0] if ":" in t else t.split()[0] for _, _, t in OUTSIDE} == {"canada", "standard", "D."}


@pytest.mark.parametrize("where, citation, expected", OUTSIDE, ids=[c for _, c, _ in OUTSIDE])
def test_every_entry_point_says_what_lies_outside(where, citation, expected, cli, client, index, kb, tmp_path):
    federal = expected.startswith("canada:")
    code, out, err = cli("show", citation)
    assert code != 0 and expected in err and len(err.strip().splitlines()) == 1, "alinea show"
    assert ("https://laws-lois.justice.gc.ca/eng/" in err) == federal

    for lang, site in (("en", "https://laws-lois.justice.gc.ca/eng/"), ("fr", "https://lois-laws.justice.gc.ca/fra/")):
        response = client.get("/api/provisions/" + quote(citation, safe="/:"), query_string={"lang": lang})
        error = response.get_json()["error"]
        assert response.status_code == 404 and error["outside"] == expected, "/api/provisions"
        said = error["message"] + error.get("detail", "")
        assert (site in said) == federal, "the official link in the reader's language"

    results = index.search(SearchQuery(citation))
    assert results.citation is None and any(expected in m for m in results.messages), "search's citation jump"
    for lang, site in (("en", "https://laws-lois.justice.gc.ca/eng/"), ("fr", "https://lois-laws.justice.gc.ca/fra/")):
        page = html.fromstring(client.get("/search", query_string={"q": citation, "lang": lang}).data)
        notes = [" ".join(n.text_content().split()) for n in page.find_class("note-line")]
        assert any(expected in n and (site in n) == federal for n in notes), "the site's search, in its language"

    assert render_course(f"See [[{citation}]].", kb).outside[citation][0] == expected, "course [[…]]"

    answer = govern(citation, kb, index)
    assert answer.node == expected and not answer.results and any(expected in m for m in answer.messages), "govern"

    if federal and ":" not in citation:  # code reads a federal citation; not a standard (a comment's "CSA …")
        source = tmp_path / "rules.py"
        source.write_text(f"# A-13.1.1 rules\n# {citation}\n", encoding="utf-8")
        found = [c for c in scan([str(source)], kb, include_other=True).as_json()["citations"] if c["line"] == 2]
        assert [c["target"] for c in found] == [expected], "alinea links --all"
        assert not [c for c in scan([str(source)], kb).as_json()["citations"] if c["line"] == 2], "alinea links"



@pytest.mark.parametrize("lang, site", [("fr", "https://lois-laws.justice.gc.ca/fra/lois/"),
                                        ("en", "https://laws-lois.justice.gc.ca/eng/acts/")])
def test_a_federal_citation_links_to_the_federal_page_in_the_readers_language(client, lang, site):
    page = html.fromstring(client.get("/A-13.1.1/56", query_string={"lang": lang}).data)
    federal = sorted({a.get("href") for a in page.iter("a") if "justice.gc.ca" in (a.get("href") or "")})
    assert federal and all(link.startswith(site) for link in federal)  # "section 22 or 23 of the Employment Insurance Act"


SURVEY = survey()


def test_the_survey_covers_every_kind_of_writer():
    assert len(SURVEY) >= 80
    assert {r["form"] for r in SURVEY} >= {"tribunal", "mcgill", "email", "drafting-fr", "drafting-en", "range",
                                           "division", "library", "legisquebec", "id", "printed"}


@pytest.fixture(scope="module")
def survey_points(tmp_path_factory):
    """The Act, the regulations of the library the survey cites and the guidance pages, built; every entry point."""
    points = open_points(tmp_path_factory.mktemp("survey"))
    yield points
    points.index.close()


@pytest.mark.parametrize("row", SURVEY, ids=[f"{r['form']}: {r['citation']}" for r in SURVEY])
def test_every_entry_point_reads_the_surveyed_form(row, survey_points, tmp_path):
    """Each form people write, read by every entry point that takes it (`tests.citation_survey.ENTRY_POINTS`) as the
    id the survey gives; a citation naming nothing real fails with one line naming it, never another provision."""
    survey_points.tmp = tmp_path
    wrong = [name for name, check in ENTRY_POINTS.items() if check(row, survey_points) is False]
    assert not wrong, f"{row['citation']!r} misread by {', '.join(wrong)}"
