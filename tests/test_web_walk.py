"""Defects a new user met walking the site (a French-speaking lawyer, a trainer, a developer),
each checked on the pages as served: links that must open, French wording and typography, and
nothing empty shown as if it held something."""
from __future__ import annotations

import re

import pytest
from lxml import html

from tests.clients import in_language

NBSP = "\u00a0"


def page(client, url: str, status: int = 200, **post):
    response = client.post(url, data=post) if post else client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return html.fromstring(response.data)


def text(element) -> str:
    """An element's text on one line (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


# -- the acts page: every act it lists opens -------------------------------------------------------

@pytest.mark.slow
def test_every_act_the_acts_page_lists_opens_including_the_decree_that_enacted_a_regulation(regulation_data_dir):
    """A regulation's enacting decree is named by its enabling note too, so the law graph holds it
    as an external act, not an amending one: its row on /acts linked to a 404."""
    from web import create_app

    client = in_language(create_app({"DATA_DIR": str(regulation_data_dir), "TESTING": True}), "fr")
    links = sorted({a for a in page(client, "/acts").xpath("//table[contains(@class, 'acts')]//a/@href")
                    if a.startswith("/acts/")})
    assert len(links) > 20
    broken = [link for link in links if client.get(link).status_code != 200]
    assert broken == []
    decree = page(client, "/acts/r-r-q-1981-c-s-2-1-r-4")
    assert text(decree.find(".//h1")) == "R.R.Q., 1981, c. S-2.1, r. 4"


# -- search ----------------------------------------------------------------------------------------

def test_a_search_that_finds_nothing_shows_no_empty_refine_box(fr, en):
    for client in (fr, en):
        nothing = page(client, "/search?q=art.+999")
        assert nothing.xpath("//ol[@class='hits']/li") == []
        assert nothing.xpath("//aside[@class='facets']") == []
    found = page(fr, "/search?q=conjoint")
    [aside] = found.xpath("//aside[@class='facets']")
    assert aside.xpath(".//section/ul/li/a")


def test_a_query_read_as_a_citation_says_so_in_correct_french(fr):
    [line] = [p for p in page(fr, "/search?q=art.+27+LAPF").xpath("//div[@class='search-meta']/p")
              if p.xpath(".//a[@href='/A-13.1.1/27']")]
    assert f"Compris comme une citation{NBSP}: art. 27." in text(line)
    assert "citation de art." not in text(line)


# -- a provision's page ----------------------------------------------------------------------------

def test_a_section_with_no_neighbours_says_so_instead_of_an_empty_figure(fr, en):
    for client, words in ((fr, "Aucun renvoi vers cette disposition"), (en, "No cross-references")):
        repealed = page(client, "/A-13.1.1/40")
        [graph] = repealed.xpath("//section[@class='graph']")
        assert graph.xpath(".//svg | .//figure") == []
        assert text(graph.xpath(".//p[contains(@class, 'no-neighbours')]")[0]).startswith(words)
    cited = page(fr, "/A-13.1.1/55").xpath("//section[@class='graph']")[0]
    assert cited.xpath(".//figure/svg") and not cited.xpath(".//p[contains(@class, 'no-neighbours')]")


def test_a_table_of_contents_keeps_the_space_after_a_number_out_of_the_underlined_text(fr):
    """The link's text began with the space after the number (an inline block), underlined alone."""
    entries = page(fr, "/A-13.1.1").xpath("//ul[@class='toc']//a[span[@class='num']]")
    assert len(entries) > 200
    for entry in entries:
        number = entry.find("span")
        assert re.fullmatch(r"[0-9.a-z]+\. ", number.text), number.text
        assert not (number.tail or "x")[0].isspace(), html.tostring(entry)


# -- programs and terms ----------------------------------------------------------------------------

@pytest.mark.parametrize("concept, french, english", [
    ("program:basic-income", "Programme de revenu de base", "Basic Income Program"),
    ("term:spouses", "conjoints", "spouses"),
])
def test_a_program_or_term_page_is_titled_in_the_readers_language(fr, en, concept, french, english):
    for client, name, lang in ((fr, french, "fr"), (en, english, "en")):
        tree = page(client, f"/{concept}")
        [heading] = tree.xpath("//h1/span[@lang]")
        assert (heading.text, heading.get("lang")) == (name, lang)
        assert tree.findtext(".//title").startswith(name)


# -- the navigator's hint ---------------------------------------------------------------------------

def test_the_navigators_example_citation_does_not_break_after_art(fr):
    hint = text(page(fr, "/govern").xpath("//p[@id='q-hint']")[0])
    assert f"art.{NBSP}83.24" in hint


# -- a regulation's page ----------------------------------------------------------------------------

@pytest.mark.slow
def test_a_regulations_enabling_note_reads_as_french(regulation_data_dir):
    """« Pris en vertu de Loi sur la santé… » lacked its article; the note is labelled instead."""
    from web import create_app

    client = in_language(create_app({"DATA_DIR": str(regulation_data_dir), "TESTING": True}), "fr")
    [note] = page(client, "/S-2.1-r4").xpath("//p[@class='enabling-note']")
    assert text(note).startswith(f"Loi habilitante{NBSP}: Loi sur la santé et la sécurité du travail")


# -- course material ------------------------------------------------------------------------------

NOTES = "Le chapitre abrogé : [[A-13.1.1/title:II/chapter:III]] et l’article abrogé : [[art. 40]].\n"


def test_a_handout_marks_a_repealed_division_as_it_marks_a_repealed_section(fr):
    preview = page(fr, "/course", notes=NOTES, format="preview", appendix="on")
    used = {li.get("data-id"): li for li in preview.xpath("//ol[@class='used']/li")}
    for provision in ("A-13.1.1/title:II/chapter:III", "A-13.1.1/40"):
        assert [text(b) for b in used[provision].xpath("./span[contains(@class, 'badge')]")] == ["abrogé"], provision
    markdown = fr.post("/course", data={"notes": NOTES, "format": "markdown"}).get_data(as_text=True)
    [division] = [line for line in markdown.splitlines() if "Chapter III of Title II" in line]
    assert division.endswith("(abrogé)")


# -- "cited by" a guidance page --------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/A-13.1.1/133", "/A-13.1.1-r1/157.1"])
def test_a_guidance_page_citing_a_provision_is_named_never_shown_as_its_id(fr, en, url):
    """Legal staff read « guidance:adel-66-72/11/p2 » as the name of the guidance citing s. 133."""
    for client in (fr, en):
        [group] = [ul for ul in page(client, url).xpath("//section[@class='cited-by']/h3/following-sibling::ul[1]")
                   if ul.getprevious().text in ("Directives", "Guidance")]
        [link] = group.xpath("./li/a")
        assert link.get("href") == "/guidance:adel-66-72/11/" + ("p2" if url.endswith("133") else "p3")
        assert text(link) == ("Prestataire du Programme de solidarité sociale depuis 66 mois au cours des 72 mois "
                              "précédents › Lois et règlements")
        assert link.get("lang") == "fr"
