"""The JSON API: every response validated against the OpenAPI document it serves."""
from __future__ import annotations

import jsonschema
import pytest

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


@pytest.fixture(scope="module")
def openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def check(openapi: dict, template: str, response) -> dict:
    """Validate a response against the schema the OpenAPI document gives for it."""
    spec = openapi["paths"][template]["get"]["responses"][str(response.status_code)]
    schema = spec["content"]["application/json"]["schema"]
    data = response.get_json()
    jsonschema.validate(data, {**schema, "components": openapi["components"]})
    return data


def test_openapi_document_is_valid(openapi):
    assert openapi["openapi"].startswith("3.1")
    for path in openapi["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                if status == "431":  # answered by waitress before the application: plain text
                    assert "content" not in response
                    continue
                schema = response["content"]["application/json"]["schema"]
                jsonschema.Draft202012Validator.check_schema({**schema, "components": openapi["components"]})


@pytest.mark.parametrize("ident, expected", [
    ("A-13.1.1/55", "A-13.1.1/55"), ("A-13.1.1/55/p1/2/a", "A-13.1.1/55/p1/2/a"),
    ("s. 83.24", "A-13.1.1/83.24"), ("A-13.1.1/title:II", "A-13.1.1/title:II"), ("A-13.1.1", "A-13.1.1")])
def test_provisions(client, openapi, ident, expected):
    response = client.get(f"/api/provisions/{ident}")
    if ident != expected:  # a citation redirects to its id
        assert response.status_code == 302 and check(openapi, "/api/provisions/{id}", response)["id"] == expected
        response = client.get(response.headers["Location"])
    data = check(openapi, "/api/provisions/{id}", response)
    assert data["id"] == expected


def test_provision_content(client, openapi):
    data = check(openapi, "/api/provisions/{id}", client.get("/api/provisions/A-13.1.1/64"))
    assert data["status"] == "in force" and data["notes"][0]["kind"] == "not in force"
    assert [h["raw"] for h in data["history"]] == ["2005, c. 15, s. 64", "I.N. 2016-01-01 (NCCP)"]
    assert data["url"] == "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:64"


@pytest.mark.parametrize("ident", ["A-13.1.1/999", "A-13.1.1/55/p7", "<script>", "x" * 2_000, "s. 55 " * 300])
def test_unknown_provision_is_a_json_404(client, openapi, ident):
    data = check(openapi, "/api/provisions/{id}", client.get(f"/api/provisions/{ident}"))
    assert data["error"]["status"] == 404


def test_overlong_address_is_a_json_414(client, openapi):
    data = check(openapi, "/api/provisions/{id}", client.get("/api/provisions/" + "x" * 10_000))
    assert data["error"]["status"] == 414 and "2,048" in data["error"]["message"]


def test_content_negotiation(client, openapi):
    response = client.get("/A-13.1.1/55/p1/2/a", headers={"Accept": "application/json"})
    assert check(openapi, "/api/provisions/{id}", response)["id"] == "A-13.1.1/55/p1/2/a"
    response = client.get("/A-13.1.1/55/p1/2/a", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.content_type.startswith("text/html")


@pytest.mark.parametrize("ident", [
    "A-13.1.1", "A-13.1.1/title:I", "A-13.1.1/title:I/chapter:I", "A-13.1.1/title:I/chapter:II/division:I",
    "A-13.1.1/title:V/group:act-respecting-industrial-accidents-and-occupational-diseases",
    "A-13.1.1/schedule:repeal-schedules", "A-13.1.1/1", "A-13.1.1/40", "A-13.1.1/1/p1", "A-13.1.1/5/p1/1",
    "A-13.1.1/55/p1/2/a", "A-13.1.1/55/p1/2/f/i", "A-13.1.1/177/p2/1/q1", "guidance:adel-66-72",
    "guidance:adel-66-72/1", "guidance:adel-66-72/3/p2", "guidance:adel-66-72/3/p3/1",
    "guidance:cisss-socio-professional-allowances/4/p1/1"])
def test_every_kind_of_provision_answers_json(client, openapi, ident):
    response = client.get(f"/{ident}", headers={"Accept": "application/json"})
    assert response.content_type == "application/json" and "Accept" in response.headers["Vary"]
    data = check(openapi, "/api/provisions/{id}", response)
    assert data["id"] == ident
    assert data == check(openapi, "/api/provisions/{id}", client.get(f"/api/provisions/{ident}"))
    assert client.get(f"/{ident}").content_type.startswith("text/html")


def test_a_missing_provision_answers_json_when_json_is_wanted(client, openapi):
    response = client.get("/A-13.1.1/999", headers={"Accept": "application/json"})
    assert check(openapi, "/api/provisions/{id}", response)["error"]["status"] == 404


@pytest.mark.parametrize("url, location", [
    ("/en/document/cs/A-13.1.1", "/A-13.1.1"),
    ("/fr/document/lc/A-13.1.1", "/A-13.1.1"),
    ("/en/version/cs/A-13.1.1?code=se:57&historique=20240101", "/A-13.1.1/57"),
    ("/fr/version/lc/A-13.1.1?code=se:57&historique=20240101", "/A-13.1.1/57"),
    ("/fr/version/lc/A-13.1.1?code=se:55-ss:1-p1:2-p2:a&historique=20240101", "/A-13.1.1/55/p1/2/a"),
    ("/en/version/cs/A-13.1.1?code=se:55-ss:1-p1:9&historique=20240101", "/A-13.1.1/55/p1"),
    ("/en/version/cs/A-13.1.1?code=se:57-unknown", "/A-13.1.1/57"),
    ("/fr/version/lc/A-13.1.1?code=se:83_5_1", "/A-13.1.1/83.5.1")])
def test_legisquebec_addresses_redirect(client, url, location):
    response = client.get(url)
    assert response.status_code in (301, 302) and response.headers["Location"] == location


def test_legisquebec_address_of_a_document_not_in_the_corpus(client):
    assert client.get("/en/document/cs/A-2.1").status_code == 404
    assert client.get("/en/document/cs/not-a-chapter").status_code == 400


@pytest.mark.parametrize("q", ["Can my social assistance be cut because I quit my job?",
                               "Est-ce qu'on peut me couper mon chèque si j'ai lâché ma job?",
                               "s. 83.24", "program:basic-income", "term:spouses", "guidance:adel-66-72", "2018, c. 11"])
def test_govern(client, openapi, q):
    data = check(openapi, "/api/govern", client.get("/api/govern", query_string={"q": q, "limit": 5}))
    ranked = [r for r in data["results"] if r["role"] not in ("guidance", "procedure")]
    assert 1 <= len(ranked) <= 5 and [r["rank"] for r in data["results"]] == list(range(1, len(data["results"]) + 1))
    assert all(r["rank"] in data["groups"][r["role"]] for r in data["results"])


def test_govern_answers_the_question_of_the_issue(client, openapi):
    data = check(openapi, "/api/govern", client.get("/api/govern", query_string={
        "q": "Can my social assistance be cut because I quit my job?"}))
    assert data["input_kind"] == "text" and data["lang"] == "en"
    assert data["results"][0]["section"] == "A-13.1.1/59"
    assert "thesaurus:leaving-a-job" in [c["id"] for c in data["concepts"]]


@pytest.mark.parametrize("params", [{"q": ""}, {}, {"q": "x" * 10_001}, {"q": "<p>bonjour</p>"},
                                    {"q": "a\x01b"}, {"q": "s. 59", "limit": "0"}, {"q": "s. 59", "limit": "many"}])
def test_govern_bad_input_is_a_json_400(client, openapi, params):
    data = check(openapi, "/api/govern", client.get("/api/govern", query_string=params))
    assert data["error"]["status"] == 400 and data["error"]["message"]


@pytest.mark.parametrize("query", ["spouse", '"capacity for employment"', "s. 55(2)(a)", "benifit", '"unclosed (',
                                   "<script>alert(1)</script>", "revenu de base lang:fr", "status:repealed"])
def test_search(client, openapi, query):
    data = check(openapi, "/api/search", client.get("/api/search", query_string={"q": query}))
    assert data["query"] == query
    for hit in data["results"]:
        assert "<script" not in hit["snippet"]["html"]


def test_search_citation_first_and_pages(client, openapi):
    data = check(openapi, "/api/search", client.get("/api/search", query_string={"q": "s. 55(2)(a)"}))
    assert data["citation"] == "A-13.1.1/55/p1/2/a" and data["results"][0]["id"] == "A-13.1.1/55/p1/2/a"
    page2 = check(openapi, "/api/search", client.get("/api/search", query_string={"q": "benefit", "page": 2, "limit": 5}))
    assert page2["page"] == 2 and len(page2["results"]) == 5


@pytest.mark.parametrize("params", [{}, {"q": "x", "page": "0"}, {"q": "x", "limit": "1000"}, {"q": "x", "page": "abc"},
                                    {"q": "x" * 10_001}])
def test_search_bad_parameters_are_400(client, openapi, params):
    data = check(openapi, "/api/search", client.get("/api/search", query_string=params))
    assert data["error"]["status"] == 400

@pytest.fixture(scope="module")
def linked(linked_data_dir):
    return in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}))


def test_code_links(linked, openapi):
    data = check(openapi, "/api/code-links", linked.get("/api/code-links"))
    assert data["files_scanned"] == 12 and len(data["citations"]) == 26
    assert data["counts"] == {"repealed": 3, "unknown provision": 2, "ambiguous": 1, "not in force": 0,
                              "not in the library": 3, "ok": 17, "other act": 0}
    first = data["citations"][0]
    assert (first["file"], first["line"], first["column"], first["target"]) == (
        "benefits/basic_income.py", 3, 16, "A-13.1.1/83.24")


def test_code_links_of_a_provision_and_by_status(linked, openapi):
    data = check(openapi, "/api/code-links", linked.get("/api/code-links?id=A-13.1.1/55"))
    assert [c["target"] for c in data["citations"]] == [
        "A-13.1.1/55/p1/2/a", "A-13.1.1/55/p1/9", "A-13.1.1/55/p1/2/a", "A-13.1.1/55"]
    data = check(openapi, "/api/code-links", linked.get("/api/code-links?id=A-13.1.1-r1/48"))
    assert [(c["status"], c["candidates"]) for c in data["citations"]] == [
        ("not in the library", []), ("ambiguous", ["A-13.1.1/48", "A-13.1.1-r1/48"])]
    data = check(openapi, "/api/code-links", linked.get("/api/code-links?status=repealed"))
    assert [c["text"] for c in data["citations"]] == ["s. 40", "A-13.1.1/title:II/chapter:III",
                                                      "RLRQ c A-13.1.1, art. 74"]
    assert check(openapi, "/api/code-links", linked.get("/api/code-links?status=stale"))["error"]["status"] == 400


def test_code_links_without_a_scan(client, openapi):
    data = check(openapi, "/api/code-links", client.get("/api/code-links"))
    assert data["error"]["message"].startswith("No scan of code is recorded")
