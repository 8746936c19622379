"""Citations in code on the site: the /code page (stale first) and "Cited by code" on provision
pages, from a recorded scan of tests/fixtures/sample-repo; checked as parsed HTML."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(linked_data_dir):
    return in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}))


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return html.fromstring(response.data)


def rows(tree, status):
    return [(tr.xpath("string(td[1])"), tr.xpath("string(td[2])"), tr.xpath("td[3]/a/@href"))
            for tr in tree.xpath(f"//section[@id='status-{status.replace(' ', '-')}']//tbody/tr")]


def test_code_page_lists_stale_citations_first(client):
    tree = page(client, "/code")
    assert tree.findtext(".//h1") == "Citations in code"
    sections = tree.xpath("//main//section[contains(@class,'code-status')]/@id")
    assert sections == ["status-repealed", "status-unknown-provision", "status-ambiguous",
                        "status-not-in-the-library", "status-ok"]
    assert tree.xpath("//section[contains(@class,'stale')]/@id") == sections[:3]
    assert rows(tree, "repealed") == [
        ("benefits/basic_income.py:25:7", "s. 40", ["/A-13.1.1/40"]),
        ("config/parameters.yaml:11:14", "A-13.1.1/title:II/chapter:III", ["/A-13.1.1/title:II/chapter:III"]),
        ("web/src/rules.ts:7:4", "RLRQ c A-13.1.1, art. 74", ["/A-13.1.1/74"])]
    assert rows(tree, "unknown provision") == [
        ("benefits/basic_income.py:26:11", "s. 999", ["/A-13.1.1"]),
        ("benefits/basic_income.py:30:22", "A-13.1.1/55/p1/9", ["/A-13.1.1/55/p1"])]
    assert rows(tree, "ambiguous") == [
        ("benefits/regulation.py:3:23", "art. 48",
         ["/A-13.1.1/48", "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1,%20r.%201#se:48"])]
    assert len(rows(tree, "ok")) == 17
    assert [href for *_, hrefs in rows(tree, "not in the library") for href in hrefs] == [
        "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1,%20r.%201#se:157_1",
        "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1,%20r.%201#se:48",
        "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1,%20r.%201#se:157_1"]
    meta = tree.xpath("string(//p[@class='meta'])")
    assert "12 files scanned" in meta and "26 citations, 6 of them stale" in meta
    assert [li.text_content().split(":")[0] for li in tree.xpath("//ul[@class='skipped']/li")] == [
        "assets/logo.png", "legacy/notes_latin1.txt"]


def test_code_page_answers_json(client):
    response = client.get("/code", headers={"Accept": "application/json"})
    assert "Accept" in response.headers["Vary"]
    data = response.get_json()
    assert data["counts"]["repealed"] == 3 and len(data["citations"]) == 26


def test_code_page_without_a_scan(data_dir):
    tree = page(in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True})), "/code")
    assert "No scan of code is recorded" in tree.xpath("string(//main/p)")
    assert not tree.xpath("//table")


def cited(tree):
    return [(li.xpath("string(code[1])"), li.xpath("string(code[2])"), li.xpath("a/@href"),
             li.xpath("span[contains(@class,'badge')]/text()"))
            for li in tree.xpath("//section[@class='cited-by-code']/ul/li")]


def test_cited_by_code_on_a_section_and_its_units(client):
    tree = page(client, "/A-13.1.1/55")
    assert tree.xpath("//section[@class='cited-by-code']/h2/text()") == ["Cited by code"]
    assert cited(tree) == [
        ("benefits/basic_income.py:18", "A-13.1.1 s. 55(2)(a)", ["/A-13.1.1/55/p1/2/a"], []),
        ("benefits/basic_income.py:30", "A-13.1.1/55/p1/9", ["/A-13.1.1/55/p1/9"], ["unknown provision"]),
        ("config/parameters.yaml:6",
         "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a",
         ["/A-13.1.1/55/p1/2/a"], []),
        ("web/src/rules.ts:3", "CQLR c A-13.1.1, s 55", [], [])]
    assert page(client, "/A-13.1.1/55/p1/2/a").xpath("count(//section[@class='cited-by-code']/ul/li)") == 4


def test_cited_by_code_shows_stale_statuses(client):
    assert cited(page(client, "/A-13.1.1/40")) == [("benefits/basic_income.py:25", "s. 40", [], ["repealed"])]
    assert cited(page(client, "/A-13.1.1/48")) == [("benefits/regulation.py:3", "art. 48", [], ["ambiguous"])]
    assert not page(client, "/A-13.1.1/56").xpath("//section[@class='cited-by-code']")


def test_navigation_links_to_the_code_page(client):
    assert "/code" in page(client, "/").xpath("//header//nav//a/@href")


def test_what_a_scan_says_of_a_citation_is_in_the_readers_language(linked_data_dir):
    french = in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}), "fr")
    notes = set(page(french, "/code").xpath("//table[@class='code-citations']//td[@data-label='Note']/text()"))
    assert "abrogé\u00a0: art. 40 (Repealed)." in notes  # the status in French, the publisher's words as printed
    assert "A-13.1.1 n’a pas d’article 999" in notes
    assert any(n.startswith("non vérifié\u00a0: A-13.1.1-r1 est absent de la bibliothèque\u00a0; LégisQuébec\u00a0: https://")
               for n in notes)
    assert not [n for n in notes if n.startswith(("repealed:", "not checked:")) or " has no " in n]
    on_the_provision = page(french, "/A-13.1.1/55").xpath("string(//li[@data-target='A-13.1.1/55/p1/9'])")
    assert "A-13.1.1/55/p1 n’a pas de 9" in on_the_provision
