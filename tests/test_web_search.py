"""The search page, parsed as HTML."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


def page(client, query_string, status=200):
    response = client.get("/search", query_string=query_string)
    assert response.status_code == status
    return html.fromstring(response.data)


def test_form_is_labelled(client):
    tree = page(client, {})
    assert tree.xpath("//form[@role='search']//label[@for='q']") and tree.xpath("//input[@id='q']")
    assert not tree.xpath("//ol[@class='hits']")


def test_results_snippets_facets(client):
    tree = page(client, {"q": "liquid assets"})
    hits = tree.xpath("//ol[@class='hits']/li")
    assert hits and all(h.xpath(".//h2/a/@href") for h in hits)
    assert tree.xpath("//ol[@class='hits']//p[@class='snippet']/mark")
    facet_links = tree.xpath("//aside[@class='facets']//a/@href")
    assert any("doc%3AA-13.1.1" in link for link in facet_links)


def test_citation_comes_first(client):
    tree = page(client, {"q": "s. 83.24"})
    assert tree.xpath("//ol[@class='hits']/li[1]//h2/a/@href")[0] == "/A-13.1.1/83.24"


def test_did_you_mean(client):
    tree = page(client, {"q": "benifit"})
    assert tree.xpath("//p[@class='did-you-mean']/a/text()") == ["benefit"]


def test_pagination(client):
    tree = page(client, {"q": "benefit"})
    (next_link,) = tree.xpath("//nav[@class='pagination']/a[@rel='next']/@href")
    tree2 = html.fromstring(client.get(next_link).data)
    assert tree2.xpath("//nav[@class='pagination']/a[@rel='prev']")
    first = set(tree.xpath("//ol[@class='hits']//h2/a/@href"))
    assert not first & set(tree2.xpath("//ol[@class='hits']//h2/a/@href"))


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", '"unclosed', "AND", "status:", "\x00\x07", "((("])
def test_malformed_queries_are_answered(client, query):
    tree = page(client, {"q": query})
    assert not tree.xpath("//script[contains(., 'alert')]")
    assert tree.xpath("//div[@class='search-meta']")


def test_too_long_is_400(client):
    tree = page(client, {"q": "x" * 10_001}, 400)
    assert "limit is 10,000" in tree.findtext(".//p[@class='error-message']")


LABELS = {"fr": "art. ", "en": "s. "}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_output_names_a_hit_in_the_language_asked_from_its_id(data_dir, cli, lang):
    """The index holds ids and headings; the API, the CLI and the page print each hit's label from
    its id, in the language asked, and the label reads back to the hit's section."""
    import json

    from alinea.kb import load

    kb = load(data_dir)
    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True})
    api = in_language(app, lang).get("/api/search", query_string={"q": "avoirs liquides"}).get_json()["results"]
    code, out, _ = cli("search", "avoirs liquides", "--json", "--lang", lang)
    shown = json.loads(out)["results"]
    tree = html.fromstring(in_language(app, lang).get("/search", query_string={"q": "avoirs liquides"}).data)
    page_titles = [a.text_content() for a in tree.xpath("//ol[@class='hits']//h2/a")]
    assert code == 0 and [h["id"] for h in api] == [h["id"] for h in shown]
    statute = [h for h in api if h["doc"] == kb.default_statute().id]
    assert len(statute) >= 3
    for hits in (api, shown):
        for hit in statute:
            title = next(h["title"] for h in hits if h["id"] == hit["id"])
            label = " ".join(title.split(" ")[:2])
            assert title.startswith(LABELS[lang]) and kb.lookup(label) == hit["section"], title
            assert title in page_titles, (title, page_titles)
