"""Provision pages through the Flask test client, checked as parsed HTML (elements, not substrings)."""
from __future__ import annotations

import pytest
from lxml import html

from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return create_app({"DATA_DIR": str(data_dir), "TESTING": True}).test_client()


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    return html.fromstring(response.data)


def test_home_lists_the_documents(client):
    tree = page(client, "/")
    links = tree.xpath("//ul[@class='documents']/li/a/@href")
    assert "/A-13.1.1" in links
    assert tree.xpath("//main[@id='main']") and tree.xpath("//header[@role='banner']")


def test_table_of_contents(client):
    tree = page(client, "/A-13.1.1")
    assert tree.findtext(".//h1") == "Individual and Family Assistance Act"
    hrefs = tree.xpath("//nav[@aria-label='Table of contents']//a/@href")
    assert hrefs.index("/A-13.1.1/title:II") < hrefs.index("/A-13.1.1/title:II/chapter:I") < hrefs.index("/A-13.1.1/44")
    assert len([h for h in hrefs if h.count("/") == 2 and ":" not in h.split("/")[2]]) == 231
    repealed = tree.xpath("//a[@href='/A-13.1.1/40']/following-sibling::span[contains(@class,'badge')]/text()")
    assert repealed == ["repealed"]


def test_section_page(client):
    tree = page(client, "/A-13.1.1/55")
    assert "Section 55" in tree.findtext(".//h1")
    unit = tree.xpath("//li[@data-id='A-13.1.1/55/p1/2/a']")[0]
    assert unit.get("id") == "se:55-ss:1-p1:2-p2:a"
    assert unit.xpath("./span[@class='label']/text()") == ["(a)"]
    assert unit.xpath("./span[@class='text']/text()")[0].startswith("the income from employment")
    history = [li.text_content().split(None, 1)[1] for li in tree.xpath("//ol[@class='timeline']/li")]
    assert history[0].startswith("2005, c. 15, s. 55") and history[-1] == "2022, c. 22, s. 213"
    assert tree.xpath("//a[@rel='prev']/@href") == ["/A-13.1.1/54"]
    assert tree.xpath("//a[@rel='next']/@href") == ["/A-13.1.1/56"]
    official = tree.xpath("//section[@class='cite']//a[@rel='external']/@href")
    assert official == ["https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55"]


def test_unit_permalink_highlights_the_unit(client):
    tree = page(client, "/A-13.1.1/55/p1/2/a")
    (target,) = tree.xpath("//li[contains(@class,'target')]")
    assert target.get("data-id") == "A-13.1.1/55/p1/2/a" and target.get("aria-current") == "location"
    assert tree.xpath("//section[@class='cite']//code/text()")[0] == "s. 55(2)(a)"


def test_not_in_force_note_and_status(client):
    tree = page(client, "/A-13.1.1/64")
    assert tree.xpath("//aside[contains(@class,'note-not-in-force')]")
    tree = page(client, "/A-13.1.1/41")
    assert tree.xpath("//h1/span[contains(@class,'status-repealed')]/text()") == ["repealed"]


def test_division_page(client):
    tree = page(client, "/A-13.1.1/title:II/chapter:III")
    assert tree.xpath("//h1/span/text()") == ["repealed"]
    assert "2005, c. 15, c. III" in tree.xpath("string(//p[@class='history-line'])")


@pytest.mark.parametrize("url", ["/A-13.1.1/999", "/A-13.1.1/55/p9", "/nothing/here", "/" + "9" * 400,
                                 "/%3Cscript%3Ealert(1)%3C/script%3E"])
def test_unknown_provisions_are_404_with_suggestions(client, url):
    tree = page(client, url, 404)
    assert tree.findtext(".//h1").startswith("Not found")
    assert not tree.xpath("//script[contains(text(),'alert')]")


def test_404_suggests_nearest(client):
    tree = page(client, "/A-13.1.1/999", 404)
    assert "/A-13.1.1/99" in tree.xpath("//ul[@class='suggestions']//a/@href")
