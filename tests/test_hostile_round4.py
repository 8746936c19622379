"""Hostile input found in round 4: pages the HTML reader cannot read whole, and inputs that held a
worker for seconds.  Each test failed before its fix (or is marked xfail where the fix belongs to
another part of the code)."""
from __future__ import annotations

import pytest

from alinea.errors import ParseError
from ingest.guidance_html import parse_guidance_html
from ingest.legisquebec_html import parse_html_text

IDENTIFICATION = ('<div class="Identification"><div class="Identification-Id">chapitre A-1</div>'
                  '<div class="Title-of-the-act">Loi</div></div>')


def legisquebec_page(body: str) -> str:
    return (f'<html lang="fr"><body><div class="LegislativeDocument">{IDENTIFICATION}{body}'
            "</div></body></html>")


def guidance_page(body: str) -> str:
    return f'<html lang="fr"><body><main><h1>Aide sociale</h1>{body}</main></body></html>'


DEEP = "\n" + "<div>" * 300 + "texte enfoui" + "</div>" * 300 + "<p>la suite de la page</p>"
"""Elements nested past libxml2's limit (255): it stops there and drops the rest of the page."""


@pytest.mark.parametrize("parse, page", [(parse_html_text, legisquebec_page), (parse_guidance_html, guidance_page)])
def test_a_page_nested_too_deep_is_refused_by_name_not_cut_short(parse, page):
    """The text below the 255th level and everything after it were dropped without a word, and the
    lossless check could not see it (the parsed tree lacked it too)."""
    with pytest.raises(ParseError, match=r"^page\.html:2: elements nested more than 255 deep"):
        parse(page(DEEP), "page.html")


@pytest.mark.parametrize("parse, page", [(parse_html_text, legisquebec_page), (parse_guidance_html, guidance_page)])
def test_a_text_of_more_than_10_mb_in_one_piece_is_refused_by_name(parse, page):
    """libxml2 drops the whole document past 10 MB of text in one node: the page read as empty."""
    with pytest.raises(ParseError, match=r"^page\.html:1: .*longer than 10,000,000 bytes"):
        parse(page("<p>" + "a" * 10_100_000 + "</p>"), "page.html")
