"""Provision pages through the Flask test client, checked as parsed HTML (elements, not substrings)."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


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
    assert history[0] == "2005, c. 15, s. 55 (enacted)" and history[-1] == "2022, c. 22, s. 213 (amended)"
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
    assert tree.xpath("//h1/span[contains(@class, 'badge')]/text()") == ["repealed"]
    assert "2005, c. 15, c. III" in tree.xpath("string(//p[@class='history-line'])")


@pytest.mark.parametrize("url", ["/A-13.1.1/999", "/A-13.1.1/55/p9", "/nothing/here", "/" + "9" * 400,
                                 "/%3Cscript%3Ealert(1)%3C/script%3E"])
def test_unknown_provisions_are_404_with_suggestions(client, url):
    tree = page(client, url, 404)
    assert tree.findtext(".//h1").startswith("Not found")
    assert not tree.xpath("//script[contains(text(),'alert')]")


def suggested(client, path: str) -> list[str]:
    return page(client, path, 404).xpath("//ul[@class='suggestions']//a/@href")


def test_404_suggests_the_nearest_numbers_within_the_document_it_names(client, kb):
    """Only where the id points: the sections numbered around a missing one, the units of its
    closest existing ancestor; never a provision of another document."""
    numbers = [s.number for s in kb.default_statute().sections]
    assert suggested(client, "/A-13.1.1/999") == [f"/A-13.1.1/{n}" for n in numbers[-5:]]
    around = suggested(client, "/A-13.1.1/83.99")
    assert "/A-13.1.1/83.25" in around and "/A-13.1.1/84" in around
    assert all(href.startswith("/A-13.1.1/55/p1") for href in suggested(client, "/A-13.1.1/55/p1/9"))
    assert all(href.startswith("/guidance:adel-66-72/") for href in suggested(client, "/guidance:adel-66-72/99"))


def test_404_for_a_document_outside_the_library_suggests_the_nearest_documents(client):
    assert suggested(client, "/A-13.1.2/55") == ["/A-13.1.1/55"]
    assert suggested(client, "/A-2.1/999") == ["/A-13.1.1"]
    assert suggested(client, "/guidance:adel-66-73") == ["/guidance:adel-66-72"]
    assert suggested(client, "/B-99.9/12") == suggested(client, "/nothing/here") == []


def test_guidance_page(client):
    tree = page(client, "/guidance:adel-66-72")
    assert tree.findtext(".//h1").startswith("Prestataire du Programme de solidarité sociale")
    timeline = [li.text_content() for li in tree.xpath("//section[@class='periods']//li")]
    assert any(t.startswith("January 1, 2021 → September 30, 2021") for t in timeline)
    cited = tree.xpath("//section[@aria-labelledby='cited-h']//a/@href")
    assert "/A-13.1.1/133" in cited
    assert any(href.startswith("https://www.legisquebec.gouv.qc.ca/") and "A-13.1.1,%20r.%201" in href for href in cited)


def test_cross_references_and_terms_are_links(client):
    tree = page(client, "/A-13.1.1/56")
    xrefs = tree.xpath("//li[@data-id='A-13.1.1/56/p1']/span[@class='text']/a[@class='xref']/@href")
    assert xrefs[0] == "/A-13.1.1/55/p1/2/a"
    (term,) = tree.xpath("//li[@data-id='A-13.1.1/56/p1']/span[@class='text']/a[@class='term']")[:1]
    tip = tree.xpath(f"//*[@id='{term.get('aria-describedby')}']")[0]
    assert tip.get("role") == "tooltip" and tip.text.startswith("s. 24")


def test_cited_by_is_grouped(client):
    tree = page(client, "/A-13.1.1/36")
    groups = [h.text for h in tree.xpath("//section[@class='cited-by']/h3")]
    assert groups == ["Provisions", "Regulation powers"]
    powers = tree.xpath("//section[@class='cited-by']/h3[.='Regulation powers']/following-sibling::ul[1]//a/@href")
    assert powers == ["/A-13.1.1/131/p1/15", "/A-13.1.1/131/p1/16"]
    provisions = tree.xpath("//section[@class='cited-by']/h3[.='Provisions']/following-sibling::ul[1]//a/@href")
    assert "/A-13.1.1/66/p1" in provisions and not set(provisions) & set(powers)


def test_history_links_to_the_amending_act(client):
    tree = page(client, "/A-13.1.1/55")
    assert "/acts/2018-c-11" in tree.xpath("//ol[@class='timeline']//a/@href")
    act = page(client, "/acts/2018-c-11")
    rows = act.xpath("//table[@class='changes']/tbody/tr")
    assert any(r.xpath("td[1]/a/@href") == ["/A-13.1.1/55"] and r.xpath("string(td[2])") == "amended"
               and r.xpath("string(td[3])") == "2018, c. 11, s. 9" for r in rows)
    provisions = [r.get("data-provision") for r in rows]
    assert len(provisions) == len(set(provisions)), "each provision once, however often its history names the act"
    inserted = [r.get("data-provision") for r in rows if r.xpath("string(td[2])") == "inserted"]
    assert "A-13.1.1/83.24" in inserted


def test_the_enacting_act_is_apart_and_unknown_titles_say_so(client):
    acts = page(client, "/acts")
    enacting = acts.xpath("//table[contains(@class,'enacting')]/tbody/tr/td[1]//text()")
    amending = acts.xpath("//table[contains(@class,'amending')]/tbody/tr/td[1]//text()")
    assert enacting == ["2005, c. 15"] and "2005, c. 15" not in amending and "2018, c. 11" in amending
    assert "title not in the library" in acts.xpath("string(//table[contains(@class,'amending')]/tbody/tr[1])")
    act = page(client, "/acts/2005-c-15")
    assert "amended" not in [r.xpath("string(td[2])") for r in act.xpath("//table[@class='changes']/tbody/tr")]
    assert act.xpath("//dl[@class='act-facts']//a/@href") == ["/A-13.1.1"]


def test_program_and_term_pages(client):
    tree = page(client, "/program:basic-income")
    applied = tree.xpath("//section[@aria-labelledby='gov-h']//a/@href")
    assert "/A-13.1.1/59" in applied and "/A-13.1.1/83.24/p1" in applied
    tree = page(client, "/term:spouses")
    assert tree.xpath("//dd[@lang='fr']/text()")[0].startswith("conjoints")
    assert "/A-13.1.1/22/p1" in tree.xpath("//section[@aria-labelledby='def-h']//a/@href")


def test_neighbourhood_svg(client):
    tree = page(client, "/A-13.1.1/83.24")
    (svg,) = tree.xpath("//section[@class='graph']//*[local-name()='svg']")
    assert svg.get("role") == "img" and svg.xpath("./*[local-name()='title']")
    targets = svg.xpath(".//*[local-name()='a']/@href")
    assert "/A-13.1.1/58" in targets or "/A-13.1.1/59" in targets


def test_cite_as_offers_every_style_with_a_copy_button_and_each_reads_back(client, kb):
    tree = page(client, "/A-13.1.1/55/p1/2/a")
    cite = tree.xpath("//section[@class='cite']//dd[code]")
    forms = {dd.getprevious().text_content(): dd.findtext("code") for dd in cite}
    assert forms["Short"] == "s. 55(2)(a)"
    assert forms["Short (French)"] == "art. 55, al. 1, par. 2°, sous-par. a"
    assert forms["McGill"] == "Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)"
    assert len(forms) == 6
    for dd in cite:
        assert dd.xpath("button[@class='copy']/@data-copy") == [dd.findtext("code")]
        assert kb.lookup(dd.findtext("code")) == "A-13.1.1/55/p1/2/a"


def test_cite_as_offers_the_french_forms_first_to_a_french_reader(app, kb):
    tree = page(in_language(app, "fr"), "/A-13.1.1/55/p1/2/a")
    cite = tree.xpath("//section[@class='cite']//dd[code]")
    forms = [(dd.getprevious().text_content(), dd.findtext("code")) for dd in cite]
    assert forms[:2] == [("Forme courte", "art. 55, al. 1, par. 2°, sous-par. a"), ("Forme courte (anglais)", "s. 55(2)(a)")]
    assert [label for label, _ in forms[2:]] == ["McGill", "McGill (anglais)", "Forme rédactionnelle",
                                                 "Forme rédactionnelle (anglais)"]
    for dd in cite:
        assert dd.xpath("button[@class='copy']/@data-copy") == [dd.findtext("code")]
        assert kb.lookup(dd.findtext("code")) == "A-13.1.1/55/p1/2/a"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_404_suggestions_are_printed_citations_that_read_back_to_their_links(data_dir, kb, lang):
    client = in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), lang)
    links = page(client, "/A-13.1.1/999", 404).xpath("//ul[@class='suggestions']//a")
    assert links
    for a in links:
        label = a.text_content()
        assert label.startswith("art. " if lang == "fr" else "s. "), label
        assert "/" + kb.lookup(label) == a.get("href"), label
