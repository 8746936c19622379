"""The "which articles govern this?" page, checked as parsed HTML."""
from __future__ import annotations

import re

import pytest
from lxml import html

from graph.concepts import load_glossary
from tests.clients import in_language
from web import create_app


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


def page(client, query: dict | None = None, status: int = 200):
    response = client.get("/govern", query_string=query or {})
    assert response.status_code == status
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    return html.fromstring(response.data)


def test_the_form_has_a_labelled_textarea_and_the_nav_links_to_it(client):
    tree = page(client)
    area = tree.xpath("//form[@action='/govern']//textarea[@name='q']")[0]
    assert tree.xpath(f"//label[@for='{area.get('id')}']")
    assert tree.xpath("//nav[@aria-label='Site']//a[@href='/govern']")
    assert not tree.xpath("//ol[@class='govern-results']")


def test_results_are_grouped_by_role_with_reasons_and_pinpoints(client):
    tree = page(client, {"q": "Can my social assistance be cut because I quit my job?"})
    assert tree.xpath("//textarea[@name='q']/text()") == ["Can my social assistance be cut because I quit my job?"]
    groups = [h.text_content() for h in tree.xpath("//section[@class='govern-group']/h2")]
    assert groups[0] == "The rules themselves" and "Procedure and remedies" in groups
    first = tree.xpath("//ol[@class='govern-results']/li")[0]
    assert first.get("value") == "1" and first.get("data-section") == "A-13.1.1/59"
    assert first.xpath("./a[@class='result']/@href")[0].startswith("/A-13.1.1/59")
    assert "leaving or losing a job" in first.xpath("./p[@class='reason']")[0].text_content()
    assert tree.xpath("//figure[@class='govern-figure']/*[local-name()='svg']//*[local-name()='a']/@href")


def test_french_and_node_input(client):
    tree = page(client, {"q": "Est-ce qu'on peut me couper mon chèque si j'ai lâché ma job?"})
    assert "a text in French" in tree.xpath("//section[@class='govern-read']/p")[0].text_content()
    tree = page(client, {"q": "program:basic-income", "limit": "5"})
    assert tree.xpath("//section[@class='govern-read']//a/@href") == ["/program:basic-income"]
    assert len(tree.xpath("//ol[@class='govern-results']/li")) >= 5


@pytest.mark.parametrize("q, words", [("", "Type a question"), ("x" * 10_001, "the limit is 10,000"),
                                      ("<script>alert(1)</script>", "HTML"), ("a\x07b", "control characters")])
def test_bad_input_gives_a_clear_message(client, q, words):
    tree = page(client, {"q": q}, status=400)
    alert = tree.xpath("//p[@role='alert']")[0].text_content()
    assert words in alert and not tree.xpath("//ol[@class='govern-results']")
    assert not tree.xpath("//script[contains(text(), 'alert(1)')]")


def test_bad_limit_gives_a_clear_message(client):
    tree = page(client, {"q": "s. 59", "limit": "999"}, status=400)
    assert "‘limit’ must be a whole number from 1 to 50 (got ‘999’)" in tree.xpath("//p[@role='alert']")[0].text_content()


@pytest.mark.parametrize("question", ["j'ai lâché ma job", "puis-je garder ma voiture",
                                      "quels sont mes avoirs liquides permis", "programme objectif emploi"])
def test_french_reasons_name_provisions_and_programs_in_french(data_dir, question):
    """Reasons on the French interface cite « art. … » (graph.cite in French) and name a program
    by its French name from the glossary; the words quoted from the Act stay as the Act writes them."""
    client = in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}), "fr")
    tree = html.fromstring(client.get("/govern", query_string={"q": question, "limit": 30}).data)
    reasons = [p.text_content() for p in tree.xpath("//p[@class='reason']")]
    assert reasons
    english = [c.en for c in load_glossary() if c.en != c.fr and c.kind == "program"]
    for reason in reasons:
        unquoted = re.sub(r"‘[^’]*’|«[^»]*»", "", reason)
        assert not re.search(r"\bs\. \d", unquoted), reason
        assert not [name for name in english if re.search(rf"\b{re.escape(name)}\b", unquoted)], reason


REASON_INPUTS = ["j'ai lâché ma job", "I disagree with the decision on my claim, how do I ask for a review?",
                 "s. 83.24", "A-13.1.1/59", "program:basic-income", "term:spouses", "avoirs liquides",
                 "What value of property can I own and still get last-resort assistance?"]


@pytest.fixture(scope="module")
def site(data_dir):
    return create_app({"DATA_DIR": str(data_dir), "TESTING": True})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_citation_a_reason_prints_reads_back_to_its_id(site, lang):
    """Each provision or document a reason, a pinpoint or a regulation note names is printed by the
    one formatter in the page's language, linked, and its printed form reads back to the id it was
    printed from."""
    kb = site.extensions["live"].current.kb
    client = in_language(site, lang)
    checked = set()
    for question in REASON_INPUTS:
        tree = html.fromstring(client.get("/govern", query_string={"q": question, "limit": 20}).data)
        for a in tree.xpath("//ol[@class='govern-results']//a[@class='cited']"):  # reasons, pinpoints, regulations
            assert kb.lookup(a.text_content(), outside=True) == a.get("data-id"), (lang, a.text_content())
            if a.get("data-id") in kb:
                assert a.get("href") == "/" + a.get("data-id")
            checked.add(a.get("data-id"))
    assert len(checked) >= 10, checked


def test_french_reasons_put_the_article_before_a_citation_and_contract_it(site):
    """« de l'art. 83.3 », « au Programme de revenu de base », « du chapitre du Programme… »:
    never « de art. », « de le », « à le »."""
    client = in_language(site, "fr")
    reasons = []
    for question in REASON_INPUTS:
        tree = html.fromstring(client.get("/govern", query_string={"q": question, "limit": 20}).data)
        reasons += [p.text_content() for p in tree.xpath("//p[@class='reason']")]
    unquoted = [re.sub(r"«[^»]*»", "", r) for r in reasons]
    assert not [r for r in unquoted if re.search(r"\b(?:de|à) (?:le|les|art\.) ", r)]
    assert any("pour l’application de l’art. " in r for r in unquoted)
    assert any("applicable au Programme de revenu de base" in r for r in unquoted)
    assert any("du chapitre du Programme de revenu de base" in r for r in unquoted)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_api_gives_each_reason_as_data_and_as_text_in_the_asked_language(site, lang):
    data = in_language(site, lang).get("/api/govern", query_string={"q": "s. 83.24"}).get_json()
    result = next(r for r in data["results"] if r["section"] == "A-13.1.1/59")
    applied = next(r for r in result["reasons"] if r["key"] == "applies it to")
    assert applied["ids"] == {"source": "A-13.1.1/83.24"} and applied["concepts"] == {"program": "program:basic-income"}
    expected = {"fr": "l’art. 83.24 la rend applicable au Programme de revenu de base",
                "en": "s. 83.24 makes it apply to the Basic Income Program"}[lang]
    assert applied["text"].startswith(expected) and expected in result["reason"]


@pytest.mark.parametrize("q", ["Can they cut my cheque if I quit my job?", "liquid assets limit",
                               "J'ai lâché ma job le mois passé. Est-ce qu'ils peuvent couper mon chèque?"])
def test_a_regulation_the_library_lacks_is_said_once_per_result(client, q):
    """Found by a new user's walk: « Le détail se trouve dans un règlement absent… » came under the reason that
    already said « elle laisse le détail à un règlement … n'est pas dans la bibliothèque »."""
    tree = page(client, {"q": q})
    for item in tree.xpath("//ol[@class='govern-results']/li"):
        text = item.text_content()
        said = sum(text.count(words) for words in ("leaves the detail", "laisse le détail",
                                                   "not in the library:", "absent de la bibliothèque"))
        assert said <= 1, text
