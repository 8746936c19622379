"""What a printed page says about itself, and the pages that changed with it: the print head
(document, chapter, current-to date, the unit's full citation, an absolute permalink), the
timeline's order, govern's numbering and the regulations the library lacks."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), "en")


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.data)


def head(tree) -> dict[str, str]:
    (box,) = tree.xpath("//div[contains(@class,'print-head')]")
    facts = dict(zip(box.xpath(".//dt/text()"), [dd.text_content() for dd in box.xpath(".//dd")]))
    return {"doc": box.xpath("string(p[@class='doc'])"), **facts}


@pytest.mark.parametrize(("url", "citation"), [
    ("/A-13.1.1/55/p1/2/a", "Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)"),
    ("/A-13.1.1/22/p2", "Individual and Family Assistance Act, CQLR c A-13.1.1, s 22, second para"),
    ("/A-13.1.1/title:II/chapter:I",
     "Chapter I of Title II of the Individual and Family Assistance Act (chapter A-13.1.1)"),
])
def test_print_head_of_provisions_and_divisions(client, url, citation):
    facts = head(page(client, url))
    assert facts["doc"] == "Individual and Family Assistance Act"
    assert facts["Chapter"] == "A-13.1.1" and "2024" in facts["Current to"]
    assert facts["Citation"] == citation
    assert facts["Permalink"] == "http://localhost" + url


def test_print_head_of_documents_and_searches(client):
    assert head(page(client, "/A-13.1.1"))["Permalink"] == "http://localhost/A-13.1.1"
    assert head(page(client, "/search?q=liquid+assets"))["Permalink"] == "http://localhost/search?q=liquid+assets"
    assert head(page(client, "/read/A-13.1.1"))["Permalink"] == "http://localhost/read/A-13.1.1"


def test_permalink_is_absolute_on_the_public_address(data_dir):
    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True, "PUBLIC_URL": "https://alinea.example.org"})
    tree = page(in_language(app, "en"), "/A-13.1.1/55")
    assert head(tree)["Permalink"] == "https://alinea.example.org/A-13.1.1/55"
    assert "https://alinea.example.org/A-13.1.1/55" in tree.xpath("//section[@class='cite']//a/text()")


def test_timeline_is_in_the_publishers_order_with_what_each_entry_did(client):
    tree = page(client, "/A-13.1.1/33")
    assert "publisher's order" in tree.xpath("string(//section[@class='history']/p)")
    ops = [li.xpath("string(span[contains(@class,'op')])") for li in tree.xpath("//ol[@class='timeline']/li")]
    assert ops == ["(enacted)", "(amended)", "(amended)", "(amended)", "(amended)"]
    assert [li.xpath("string(span[contains(@class,'op')])") for li in page(client, "/A-13.1.1/40").xpath(
        "//ol[@class='timeline']/li")] == ["(enacted)", "(repealed)"]


def test_govern_numbers_the_provisions_it_shows(client):
    tree = page(client, "/govern?q=Can+my+benefit+be+cut+because+I+quit+my+job%3F&limit=10")
    numbers = [int(li.get("value")) for li in tree.xpath("//ol[@class='govern-results']/li")]
    assert numbers == list(range(1, 11))
    assert not tree.xpath("//ul[@class='govern-results']/li[@value]")
    text = tree.xpath("string(//main)")
    assert "thesaurus:" not in text and "what the Act calls" not in text


def test_govern_says_when_the_regulation_is_not_in_the_library(client):
    tree = page(client, "/govern?q=What+value+of+property+can+I+own+and+still+get+last-resort+assistance%3F")
    official = "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1,%20r.%201"
    # said once per result: in its reasons when they say it, else in a line of its own (p.delegation)
    notes = tree.xpath(f"//ol[@class='govern-results']/li/p[@class='reason' or @class='delegation'][.//a[@href='{official}']]")
    assert notes
    links = notes[0].xpath(".//a/@href")
    after = links[links.index(official) + 1:]
    assert after and after[0].startswith("/A-13.1.1/13")  # the power it is made under


def test_the_course_page_lists_the_provisions_used_once(client):
    tree = html.fromstring(client.post("/course", data={"notes": "[[s. 59]] ![[s. 55]]", "appendix": "on"}).data)
    assert tree.xpath("string(//main)").count("Provisions used") == 1


@pytest.mark.parametrize(("lang", "source"), [
    ("en", "Individual and Family Assistance Act, CQLR c A-13.1.1, current to August 31, 2024"),
    ("fr", "Individual and Family Assistance Act, CQLR c A-13.1.1, à jour au 31 août 2024")])
def test_a_handout_writes_its_dates_as_its_reader_does(data_dir, lang, source):
    client = in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), lang)
    for fmt in ("html", "markdown"):
        text = client.post("/course", data={"notes": "![[s. 59]]", "format": fmt}).get_data(as_text=True)
        assert source in text and "2024-08-31" not in text.replace('datetime="2024-08-31"', ""), fmt


def test_code_cells_say_what_they_hold_on_a_phone(linked_data_dir):
    client = in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}), "en")
    labels = page(client, "/code").xpath("(//table[@class='code-citations']/tbody/tr)[1]/td/@data-label")
    assert labels == ["Where", "Citation", "Provision", "Note"]


@pytest.mark.parametrize(("lang", "chapter", "current", "query", "month"), [
    ("en", "Chapter", "Current to", "Query", "August"), ("fr", "Chapitre", "À jour au", "Requête", "août")])
def test_a_printed_search_names_its_documents_and_query(data_dir, lang, chapter, current, query, month):
    client = in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), lang)
    url = "/search?q=liquid+assets&doc=A-13.1.1"
    tree = page(client, url)
    (box,) = tree.xpath("//div[contains(@class,'print-head')]")
    assert box.xpath("p[@class='doc']/text()") == ["Individual and Family Assistance Act"]
    facts = head(tree)
    assert facts[chapter] == "A-13.1.1" and month in facts[current] and "2024" in facts[current]
    assert facts[query] == "liquid assets" and facts["Permalink" if lang == "en" else "Lien permanent"] == (
        "http://localhost" + url)
    tree = page(client, "/search?q=income")
    hit_docs = list(dict.fromkeys(a.get("href").split("/")[1] for a in tree.xpath("//ol[@class='hits']/li/h2/a")))
    titles = tree.xpath("//div[contains(@class,'print-head')]/p[@class='doc']/text()")
    assert hit_docs and len(titles) == len(hit_docs) and "Individual and Family Assistance Act" in titles
    assert head(tree)[query] == "income"
