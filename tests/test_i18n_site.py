"""The site's language: French by default, English when the browser prefers it, a switch that keeps
the page and the query and is remembered, JSON errors by Accept-Language, dates per language."""
from __future__ import annotations

import pytest
from lxml import html

from tests.clients import in_language
from web import create_app


def test_french_is_the_default_and_english_is_asked_for(client_en, client_fr, client_any):
    assert html.fromstring(client_any.get("/").data).get("lang") == "fr"
    assert html.fromstring(client_fr.get("/").data).get("lang") == "fr"
    assert html.fromstring(client_en.get("/").data).get("lang") == "en"
    page = html.fromstring(client_en.get("/", headers={"Accept-Language": "en-CA,en;q=0.9,fr;q=0.8"}).data)
    assert page.get("lang") == "en"
    page = html.fromstring(client_en.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"}).data)
    assert page.get("lang") == "fr"
    page = html.fromstring(client_en.get("/", headers={"Accept-Language": "de"}).data)
    assert page.get("lang") == "fr"


def test_the_switch_keeps_the_page_and_the_query_and_is_remembered(client_any):
    tree = html.fromstring(client_any.get("/search?q=avoirs+liquides&page=1").data)
    (switch,) = tree.xpath("//nav[contains(@class,'language-switch')]//a[@hreflang='en']/@href")
    assert switch.startswith("/search?") and "q=avoirs+liquides" in switch and "page=1" in switch
    response = client_any.get(switch)
    assert html.fromstring(response.data).get("lang") == "en"
    assert "lang=en" in response.headers.get("Set-Cookie", "")
    assert html.fromstring(client_any.get("/A-13.1.1/55").data).get("lang") == "en"
    client_any.get("/?lang=fr")
    assert html.fromstring(client_any.get("/A-13.1.1/55").data).get("lang") == "fr"


def test_json_errors_follow_accept_language(client_any):
    fr = client_any.get("/api/provisions/A-13.1.1/999").get_json()["error"]["message"]
    en = client_any.get("/api/provisions/A-13.1.1/999", headers={"Accept-Language": "en"}).get_json()["error"]["message"]
    assert "A-13.1.1/999 n’existe pas" in fr and "Dispositions les plus proches" in fr
    assert "has no 999" in en and "Nearest provisions" in en


def test_dates_and_numbers_per_language(client_en, client_fr):
    def dates(client):
        return [t.text for t in html.fromstring(client.get("/guidance:adel-66-72/1").data).xpath("//p[@class='period']//time")]
    assert "1er janvier 2019" in dates(client_fr) and "31 décembre 2022" in dates(client_fr)
    assert "January 1, 2019" in dates(client_en) and "December 31, 2022" in dates(client_en)


@pytest.fixture(scope="module")
def site(data_dir):
    return create_app({"DATA_DIR": str(data_dir), "TESTING": True})


@pytest.fixture()
def client_en(site):
    return in_language(site, "en")


@pytest.fixture()
def client_fr(site):
    return in_language(site, "fr")


@pytest.fixture()
def client_any(site):
    return site.test_client()


def test_an_unverified_french_name_is_never_shown_without_saying_so(site, client_fr, client_en):
    """Every page that shows a glossary entry's French name says, in words, when that name was not
    found in the French texts; a verified one carries no such words."""
    glossary = site.extensions["live"].current.kb.glossary
    unverified = [c for c in glossary if not c.fr_verified]
    verified = [c for c in glossary if c.fr_verified]
    assert unverified and verified
    for client, words in ((client_fr, "pas encore trouvé"), (client_en, "not yet found")):
        for concept in unverified[:3] + verified[:2]:
            response = client.get(f"/{concept.id}")
            if response.status_code == 404:
                continue
            tree = html.fromstring(response.data)
            (dd,) = tree.xpath("//dd[@lang='fr']")
            assert (words in dd.text_content()) == (not concept.fr_verified), concept.id
        home = html.fromstring(client.get("/").data)
        for li in home.xpath("//ul[@class='programs']/li"):
            concept = glossary.get(li.xpath("a/@href")[0][1:])
            assert (words in li.text_content()) == (not concept.fr_verified), concept.id


def test_the_unavailable_site_speaks_both_languages(data_dir, tmp_path):
    """Over damaged data every request answers 503, in the language asked for, naming the file."""
    import shutil

    from alinea.store import STORE_FILE

    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    (copy / STORE_FILE).write_bytes(b"\x00" * 200)
    app = create_app({"DATA_DIR": str(copy), "TESTING": True})
    for lang, words in (("fr", "Service indisponible"), ("en", "Service unavailable")):
        response = in_language(app, lang).get("/")
        assert response.status_code == 503
        page = html.fromstring(response.data)
        assert page.get("lang") == lang and words in page.findtext(".//h1") and STORE_FILE in response.get_data(as_text=True)
    message = in_language(app, "fr").get("/api/search?q=x").get_json()["error"]["message"]
    assert message.startswith("Les données du site sont endommagées") and STORE_FILE in message


def test_every_relation_of_the_law_graph_has_its_words_in_french(site, kb):
    """The figures and lists name each edge by its relation: none may be left in English."""
    from web.i18n import word

    relations = {kind for _, _, kind in kb.graph.edges(data="type")}
    with site.test_request_context("/", headers={"Accept-Language": "fr"}):
        untranslated = sorted(r for r in relations if word(r) == r)
    assert relations and not untranslated


OVER_LONG = [  # (view, how it is asked, the limit of alinea.limits it checks, French name, English name)
    ("search", lambda c, text: c.get("/search", query_string={"q": text}), "search_query", "La requête", "The query"),
    ("search API", lambda c, text: c.get("/api/search", query_string={"q": text}), "search_query",
     "La requête", "The query"),
    ("govern", lambda c, text: c.get("/govern", query_string={"q": text}), "govern_text_web", "Le texte", "The text"),
    ("govern API", lambda c, text: c.get("/api/govern", query_string={"q": text}), "govern_text_web",
     "Le texte", "The text"),
    ("course", lambda c, text: c.post("/course", data={"notes": text}), "course_notes", "Les notes", "The notes"),
]


def _message(response) -> str:
    if response.is_json:
        return response.get_json()["error"]["message"]
    tree = html.fromstring(response.data)
    return " ".join(e.text_content() for e in tree.xpath("//p[@role='alert'] | //p[@class='error-message']"))


@pytest.mark.parametrize("view, ask, bound, fr_name, en_name", OVER_LONG, ids=[v[0] for v in OVER_LONG])
def test_an_over_long_input_gets_the_one_limit_message_in_each_language(site, view, ask, bound, fr_name, en_name):
    """Every view checks its bound with alinea.limits.check_length and shows that one message,
    translated by web.messages: the name, the size and the limit written the way each language does."""
    from alinea.limits import limit

    size = limit(bound) + 1
    french = " ".join(_message(ask(in_language(site, "fr"), "x" * size)).split()).replace("\u202f", " ")
    english = " ".join(_message(ask(in_language(site, "en"), "x" * size)).split())
    big, small = f"{size:,}", f"{limit(bound):,}"
    assert f"{fr_name} : {big.replace(',', ' ')} caractères ; la limite est de {small.replace(',', ' ')}" in french
    assert f"{en_name}: {big} characters; the limit is {small}" in english


LABEL_FORMS = {"fr": ("art. ", "Titre ", "Chapitre "), "en": ("s. ", "Title ", "Chapter ")}


def _section_of(href: str) -> str:
    return "/".join(href.strip("/").split("/")[:2])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_provision_labels_are_in_the_interface_language_and_read_back(site, lang):
    """Search results, govern's results and pinpoints, cited-by lists, breadcrumbs and the drawn
    graph name a provision of the English Act by the one formatter in the interface's language
    (« art. 132 », "s. 132"), and each label reads back to the provision its link goes to."""
    kb = site.extensions["live"].current.kb
    client = in_language(site, lang)
    section, division = LABEL_FORMS[lang][0], LABEL_FORMS[lang][1:]
    statute = kb.default_statute().id

    def check(links, at_least=1):
        checked = 0
        for a in links:
            href = a.get("href")
            if not href.startswith(f"/{statute}/") or ":" in href:
                continue
            label = a.text_content().split(" ")[:2]
            label = " ".join(label).split(",")[0]
            assert label.startswith(section), (lang, a.text_content())
            assert kb.lookup(label) == _section_of(href), (label, href)
            checked += 1
        assert checked >= at_least, lang

    tree = html.fromstring(client.get("/search?q=avoirs+liquides").data)
    check(tree.xpath("//ol[@class='hits']//h2/a"), 3)
    tree = html.fromstring(client.get("/govern", query_string={"q": "j'ai lâché ma job", "limit": "5"}).data)
    check(tree.xpath("//a[@class='result']"), 3)
    pinpoints = [m.text_content() for m in tree.xpath("//ol[@class='govern-results']//span[@class='meta']")]
    assert any(section in p for p in pinpoints) and not any(LABEL_FORMS["en" if lang == "fr" else "fr"][0] in p
                                                            for p in pinpoints), pinpoints
    tree = html.fromstring(client.get(f"/{statute}/55").data)
    check(tree.xpath("//section[@class='cited-by']//a"))
    crumbs = [a.text_content() for a in tree.xpath("//nav[@class='crumbs']//a")][1:]
    assert crumbs and all(c.startswith(division) for c in crumbs[:2]), crumbs
    assert tree.findtext(".//title").startswith(f"{section}55 ")
    other = LABEL_FORMS["en" if lang == "fr" else "fr"][0]
    drawn = [t.text for t in tree.xpath("//section[@class='graph']//*[local-name()='text']") if t.text]
    assert any(t.startswith(section) for t in drawn) and not any(t.startswith(other) for t in drawn), drawn


def _lang(element) -> str:
    """The language an element's own text is marked with (its nearest `lang`)."""
    found = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return found[0] if found else ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_label_is_marked_with_its_own_language_and_the_provisions_words_with_theirs(site, lang):
    """On search and govern results, crumbs and cited-by lists, the label the site prints (« art. 132 »)
    is in the interface's language and marked so; the heading and the words quoted from the English
    Act keep `lang="en"`."""
    kb = site.extensions["live"].current.kb
    client = in_language(site, lang)
    statute = kb.default_statute().id
    labels = headings = 0
    pages = [("/search", {"q": "avoirs liquides"}, "//ol[@class='hits']//h2/a"),
             ("/search", {"q": "kind:guidance revenus"}, "//ol[@class='hits']//h2/a"),
             ("/govern", {"q": "j'ai lâché ma job", "limit": "5"}, "//a[@class='result']")]
    for path, query, links in pages:
        tree = html.fromstring(client.get(path, query_string=query).data)
        for a in tree.xpath(links):
            located = kb.get(_section_of(a.get("href")))
            if a.get("href").startswith(f"/{statute}/"):
                assert a.text and a.text.startswith(LABEL_FORMS[lang][0]) and _lang(a) == lang, (path, a.text, _lang(a))
                labels += 1
            for span in a.xpath("./span"):
                assert _lang(span) == located.doc.lang and span.text_content() == (located.section.heading or located.section.number)
                headings += 1
    assert labels >= 6 and headings >= 1
    tree = html.fromstring(client.get(f"/{statute}/55").data)
    for a in tree.xpath("//nav[@class='crumbs']//a")[1:]:
        assert _lang(a) == lang and all(_lang(span) == "en" for span in a.xpath("./span"))
    quoted = tree.xpath("//section[@class='cited-by']//span[@class='meta']/span")
    assert quoted and all(_lang(q) == "en" for q in quoted)
