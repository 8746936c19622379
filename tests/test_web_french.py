"""The site as a French reader meets it: citations printed by the one formatter in French (never a
raw id, never the English form), French articles and quotation marks, messages of the search and
of govern in French (pages and JSON), and French typography (no-break spaces before « : ; ? ! »
and inside « »)."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from lxml import html

from graph.cite import cite
from tests.clients import in_language


def page(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return html.fromstring(response.data)


def text(element) -> str:
    """An element's text on one line (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


# -- provision pages --------------------------------------------------------------------------------

def print_citation(client, url: str) -> str:
    """The citation a printed provision page names (the print head's dd that holds the chapter's citation)."""
    (box,) = page(client, url).xpath("//div[contains(@class,'print-head')]")
    (found,) = [text(dd) for dd in box.xpath("dl[last()]/dd") if "A-13.1.1" in text(dd) and "://" not in text(dd)]
    return found


def test_the_french_print_head_cites_in_french(fr, en):
    url = "/A-13.1.1/55/p1/2/a"
    assert print_citation(fr, url) == cite("A-13.1.1/55/p1/2/a", "mcgill", "fr")
    assert print_citation(fr, url).startswith("Loi sur l'aide aux personnes et aux familles, RLRQ")
    assert print_citation(en, url) == "Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)"


@pytest.mark.parametrize(("url", "expected"), [
    ("/graph/A-13.1.1/55", "autour de l’art. 55"),
    ("/graph/program:basic-income", "autour du Programme de revenu de base"),
    ("/graph/term:adult", "autour de l’adulte"),
])
def test_a_graph_is_around_a_provision_with_its_french_article(fr, url, expected):
    tree = page(fr, url)
    shown = [text(tree.xpath("//title")[0]), text(tree.xpath("//h1")[0]),
             text(tree.xpath("//svg/title[@id='graph-title']")[0])]
    assert all(expected in line for line in shown), shown
    assert not any(" de art." in line or " de Programme" in line for line in shown), shown


def test_a_provision_pages_graph_caption_names_its_section_in_french(fr, en):
    caption = text(page(fr, "/A-13.1.1/55").xpath("//figcaption/a[starts-with(@href,'/graph/')]")[0])
    assert caption == "Le graphe autour de l’art. 55"
    caption = text(page(en, "/A-13.1.1/55").xpath("//figcaption/a[starts-with(@href,'/graph/')]")[0])
    assert caption == "The graph around s. 55"


def quoted_words(tree, xpath: str) -> list[str]:
    """The text around each quotation a list prints (the words quoted are in their own span)."""
    return [span.getparent().text_content() for span in tree.xpath(xpath)]


@pytest.mark.parametrize("url", ["/A-13.1.1/55", "/graph/A-13.1.1/55", "/guidance:adel-66-72"])
def test_quotations_in_lists_have_french_quotation_marks_with_no_break_spaces(fr, en, url):
    xpath = "//ul[@class='refs']//span[@lang]"
    french = quoted_words(page(fr, url), xpath)
    assert french, url
    for line in french:
        assert "«\u00a0" in line and "\u00a0»" in line, line
        assert "« " not in line and " »" not in line and "«" + line.split("«", 1)[1][:1] != "«" + " "
    assert all("‘" in line and "’" in line and "«" not in line for line in quoted_words(page(en, url), xpath))


# -- search -----------------------------------------------------------------------------------------

def test_a_hit_on_a_pinpoint_prints_its_citation_not_its_id(fr):
    tree = page(fr, "/search?q=revenu")
    pinpoints = tree.xpath("//p[contains(@class,'crumb')]/a")
    assert pinpoints
    for link in pinpoints:
        target = link.get("href").lstrip("/")
        assert text(link) == cite(target, "short", "fr", home=target.split("/")[0]) != target
        assert "/" not in text(link)


def test_a_hits_breadcrumb_names_its_act_in_the_readers_language(fr, en):
    """The divisions keep the words the Act prints; the Act itself is named as the reader calls it."""
    def crumbs(client):
        return [text(p) for p in page(client, "/search?q=conjoint").xpath("//p[contains(@class,'crumb')]")]

    french = [c for c in crumbs(fr) if "› TITLE" in c]  # the Act's hits (a guidance page has its own title)
    english = [c for c in crumbs(en) if "› TITLE" in c]
    assert french and all(c.startswith("Loi sur l'aide aux personnes et aux familles › TITLE") for c in french)
    assert english and all(c.startswith("Individual and Family Assistance Act › TITLE") for c in english)


def test_a_provisions_breadcrumb_names_its_act_in_the_readers_language(fr, en):
    def first(client):
        return page(client, "/A-13.1.1/55").xpath("//nav[contains(@class,'crumbs')]//li[1]/a")[0]

    french, english = first(fr), first(en)
    assert (text(french), french.get("lang")) == ("Loi sur l'aide aux personnes et aux familles", "fr")
    assert (text(english), english.get("lang")) == ("Individual and Family Assistance Act", "en")


def test_a_page_past_the_last_says_so_with_a_link_to_the_last(fr):
    last = page(fr, "/search?q=revenu").xpath("string(//nav[@class='pagination']/span)")
    pages = int(last.split()[-1])
    response = fr.get("/search?q=revenu&page=999")
    assert response.status_code == 404
    tree = html.fromstring(response.data)
    (alert,) = tree.xpath("//p[@role='alert']")
    assert "999" in text(alert) and str(pages) in text(alert)
    (link,) = alert.xpath("a")
    assert link.get("href").endswith(f"page={pages}")
    assert page(fr, link.get("href")).xpath("//ol[@class='hits']/li")
    api = fr.get("/api/search?q=revenu&page=999")
    assert api.status_code == 404
    error = api.get_json()["error"]
    assert error["status"] == 404 and "999" in error["message"] and f"page={pages}" in error["message"]
    assert error["message"].startswith("Il n’y a pas de page 999")


def test_an_unclosed_quotation_mark_still_carries_the_words_over(fr, app):
    for q in ("«avoirs liquides", "avoirs liquides»", '"avoirs liquides'):
        found = fr.get("/api/search", query_string={"q": q}).get_json()
        assert [c["said"] for c in found["carried"]] == ["avoirs liquides"], q
        assert found["total"] > 0
        assert found["messages"][0] == "Un guillemet n’est pas fermé\u00a0: les mots qui le suivent ont été cherchés."
    tree = page(fr, "/search?q=%C2%ABavoirs+liquides")
    assert "avoirs liquides" in text(tree.xpath("//p[@class='carried']")[0])
    assert any("guillemet" in text(p) for p in tree.xpath("//p[@class='note-line']"))
    closed = fr.get("/api/search", query_string={"q": "« avoirs liquides »"}).get_json()
    assert closed["carried"] == [] and not closed["messages"]  # a phrase in quotes is searched as typed


def test_search_facets_and_notes_are_in_the_language_asked(fr, en):
    french = fr.get("/api/search?q=revenu&lang=fr").get_json()["facets"]
    english = en.get("/api/search?q=revenu&lang=en").get_json()["facets"]
    labels = {name: [v["label"] for v in values] for name, values in french.items()}
    assert "en vigueur" in labels["status"] and "loi" in labels["kind"]
    assert "Loi sur l'aide aux personnes et aux familles" in labels["document"]
    assert all(label.startswith("Chapitre ") for label in labels["chapter"])
    assert all(label.startswith("Titre ") for label in labels["title"])
    assert {v["label"] for v in english["status"]} >= {"in force"}
    assert "Individual and Family Assistance Act" in [v["label"] for v in english["document"]]
    assert all(v["label"].startswith("Chapter ") for v in english["chapter"])
    assert en.get("/api/search?q=%22revenu&lang=en").get_json()["messages"][0].startswith("A quotation mark has no")
    shown = [text(a) for a in page(fr, "/search?q=revenu").xpath("//aside[@class='facets']//li/a")]
    assert "en vigueur" in shown and not any(label.startswith("CHAPTER") for label in shown)


# -- govern -----------------------------------------------------------------------------------------

QUESTION = "je veux contester une décision"
ENGLISH_STEPS = re.compile(r"‘|’|\b(?:text|full-text match|everyday words|said of|governed by|provided for by|"
                           r"asks about|defined by|and related situations)\b")


def test_the_govern_api_answers_in_french(fr, en):
    answer = fr.get("/api/govern", query_string={"q": QUESTION, "lang": "fr"}).get_json()
    assert answer["results"]
    for result in answer["results"]:
        assert result["reason"] == "\u00a0; ".join(r["text"] for r in result["reasons"])
        assert result["title"].startswith(cite(result["section"], "short", "fr", home="A-13.1.1"))
        assert len(result["path_text"]) == len(result["path"])
        assert not any(ENGLISH_STEPS.search(step) for step in result["path_text"]), result["path_text"]
    nothing = fr.get("/api/govern", query_string={"q": "zzzz qqqq", "lang": "fr"}).get_json()
    assert nothing["messages"] == ["rien dans la Loi ne correspond à ce texte\u00a0: essayez d’autres mots"]
    english = en.get("/api/govern", query_string={"q": "zzzz qqqq", "lang": "en"}).get_json()
    assert english["messages"] == ["nothing in the Act matches this text: try other words"]


def test_govern_paths_and_their_figure_are_in_french_with_citations(fr):
    tree = page(fr, "/govern?" + urlencode({"q": QUESTION}))
    paths = [text(p) for p in tree.xpath("//p[contains(@class,'path')]")]
    assert paths
    for line in paths:
        assert not ENGLISH_STEPS.search(line), line
    assert any("«\u00a0" in line for line in paths)
    (desc,) = tree.xpath("//svg[contains(@class,'govern-paths')]/desc")
    assert "A-13.1.1/" not in desc.text and "term:" not in desc.text and "thesaurus:" not in desc.text, desc.text
    assert "art. " in desc.text and not ENGLISH_STEPS.search(desc.text)


def test_one_word_is_le_mot_and_several_are_les_mots(fr, kb):
    from graph.govern_why import why
    from web.present import presenter

    with fr.application.test_request_context("/?lang=fr"):
        one = presenter().say(why("lay", words={"words": ("décision",)}))
        two = presenter().say(why("lay", words={"words": ("contester", "décision")}))
    assert one == "ce qu’on en dit contient le mot «\u00a0décision\u00a0» de la question"
    assert two.startswith("ce qu’on en dit contient les mots «\u00a0contester\u00a0», ")
    reasons = [text(p) for p in page(fr, "/govern?" + urlencode({"q": QUESTION})).xpath("//p[@class='reason']")]
    assert not any(re.search(r"les mots «[^»]*» de la question", r) for r in reasons), reasons


# -- French typography ------------------------------------------------------------------------------

SPACE_BEFORE_SIGN = re.compile(r"(?:(?<=\S) [:;?!](?=\s|$|\"|<)|(?<=[^\s\u00a0])[:;](?=\s|$)|« | »)")
"""A regular space, or none, where French puts a no-break one: before « : ; ? ! », inside « »."""


def test_the_french_catalogue_uses_no_break_spaces():
    from babel.messages.pofile import read_po

    from tests.test_i18n_coverage import TRANSLATIONS

    catalog = read_po((TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb"))
    wrong = [string for message in catalog if message.id
             for string in (message.string if isinstance(message.string, tuple) else (message.string,))
             if SPACE_BEFORE_SIGN.search(string)]
    assert not wrong, wrong


def interface_text(tree) -> list[str]:
    """The words a page writes itself: every text outside what it quotes from a document or from
    the person (elements marked with their own `lang`, form fields, scripts)."""
    out = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "textarea", "input"):
            continue
        inside = [e for e in element.iterancestors() if e.get("lang") and e.tag != "html"]
        if (element.get("lang") and element.tag != "html") or inside:
            continue
        out += [t for t in (element.text,) if t and t.strip()]
        out += [child.tail for child in element if child.tail and child.tail.strip()]
    out += [value for element in tree.iter() if isinstance(element.tag, str)
            for name, value in element.attrib.items() if name in ("title", "aria-label", "placeholder")]
    return out


@pytest.mark.parametrize("url", ["/A-13.1.1/55", "/graph/A-13.1.1/55", "/search?q=avoirs+liquides",
                                 "/search?q=%C2%ABavoirs+liquides", "/search?q=revenu&page=999",
                                 "/govern?" + urlencode({"q": QUESTION}), "/govern?q=s.+83.24", "/govern"])
def test_french_pages_put_no_break_spaces_before_signs_and_inside_quotation_marks(fr, url):
    response = fr.get(url)
    tree = html.fromstring(response.data)
    wrong = [t for t in interface_text(tree) if SPACE_BEFORE_SIGN.search(t)]
    assert not wrong, wrong
    assert any("\u00a0" in t for t in interface_text(tree))


def test_a_graphs_description_counts_one_node_in_the_singular(fr):
    descs = [text(d) for d in page(fr, "/graph/A-13.1.1/55/p1/2").xpath("//svg/desc")]
    assert descs and "1 nœud qui la cite" in descs[0] and "1 nœuds" not in descs[0], descs


@pytest.mark.parametrize("words, expected", [
    (("avis d’intention",), "« avis d’intention »"),
    (("l’enfant à charge", "l’adulte"), "« l’enfant à charge », « l’adulte »"),
    (("décision",), "« décision »"),
    (("J’ai reçu un ‘avis’, ‘réclamation’",), "« J’ai reçu un ‘avis’, ‘réclamation’ »"),
])
def test_quoted_words_keep_their_apostrophes_in_french(kb, words, expected):
    """Words of the input are data (Said, Step.words): quotation marks and commas inside them stay."""
    from graph.govern_why import Said, node_pieces, plain, step, step_pieces

    french = plain(node_pieces(Said(*words), "fr", kb)).replace("\u202f", " ").replace("\u00a0", " ")
    edge = step("full-text match of", words=words)
    english = ", ".join(f"‘{w}’" for w in words)
    assert french == expected and plain(step_pieces(edge, "en", kb)) == f"full-text match ({english})" == edge
    assert plain(step_pieces(edge, "fr", kb)).replace("\u00a0", " ").endswith(f"({expected})")


@pytest.mark.parametrize("lang, marker, host", [("fr", "disposition fédérale", "lois-laws.justice.gc.ca/fra/"),
                                                ("en", "federal provision", "laws-lois.justice.gc.ca/eng/")])
def test_a_course_says_in_the_readers_language_what_lies_outside(app, lang, marker, host):
    client = in_language(app, lang)
    response = client.post("/course", data={"notes": "Voir [[L.R.C. 1985, c. H-3, art. 13]]."})
    assert response.status_code == 200
    tree = html.fromstring(response.get_data(as_text=True))
    titles = [s.get("title") for s in tree.xpath('//span[contains(@class, "unresolved")]')]
    assert any(marker in t and host in t for t in titles), titles


def test_the_api_gives_govern_paths_as_data_and_in_french(fr):
    """The JSON API's paths as the CLI's: each edge as data (`path_steps`), each step in French
    (`path_text`), printed by graph.govern_why in one place."""
    data = fr.get("/api/govern?" + urlencode({"q": "program:basic-income", "limit": 2})).get_json()
    first = data["results"][0]
    assert first["path_steps"] == [{"node": "program:basic-income"},
                                   {"edge": "established by", "words": [], "what": ""}, {"node": "A-13.1.1/83.15"}]
    assert first["path_text"] == ["Programme de revenu de base", "établi par", "art. 83.15"]
    situation = fr.get("/api/govern?" + urlencode({"q": "J'ai quitté mon emploi", "limit": 3})).get_json()
    steps = [s for r in situation["results"] for s in r["path_steps"] if "edge" in s]
    assert any(s["edge"] == "everyday words for" for s in steps), steps
    texts = [t for r in situation["results"] for t in r["path_text"]]
    assert "mots courants pour" in texts and any(t.startswith("«\u00a0") for t in texts), texts
