"""Accessibility checks on the main pages, as parsed HTML: landmarks, one h1, labelled form
fields, link text, image alternatives, the page language, and colour contrast of the palette."""
from __future__ import annotations

import re

import pytest
from lxml import html

from tests.clients import in_language
from tests.conftest import ROOT
from web import create_app

PAGES = ["/", "/A-13.1.1", "/A-13.1.1/55", "/A-13.1.1/55/p1/2/a", "/A-13.1.1/title:II/chapter:I",
         "/guidance:adel-66-72", "/program:basic-income", "/term:spouses", "/acts", "/acts/2018-c-11",
         "/search?q=liquid+assets", "/course", "/graph/A-13.1.1/83.24", "/A-13.1.1/999"]


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


@pytest.mark.parametrize("url", PAGES)
def test_page_structure(client, url):
    tree = html.fromstring(client.get(url).data)
    assert tree.get("lang") in ("en", "fr")
    assert len(tree.xpath("//main")) == 1 and tree.xpath("//header[@role='banner']")
    assert tree.xpath("//nav[@aria-label]") and tree.xpath("//a[@class='skip' and @href='#main']")
    assert len(tree.xpath("//h1")) == 1
    for field in tree.xpath("//input[not(@type='hidden')] | //textarea | //select"):
        assert tree.xpath(f"//label[@for='{field.get('id')}']") or field.get("aria-label"), html.tostring(field)
    for link in tree.xpath("//a[@href]"):
        name = link.text_content().strip() or link.get("aria-label") or link.get("title")
        assert name, html.tostring(link)
    assert not tree.xpath("//img[not(@alt)]")
    for svg in tree.xpath("//*[local-name()='svg']"):
        assert svg.get("role") == "img" and svg.get("aria-labelledby")


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_palette_meets_wcag_aa_on_white():
    css = (ROOT / "web" / "static" / "site.css").read_text()
    palette = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", css))
    for name in ("fg", "muted", "accent", "repealed", "warn"):
        assert contrast(palette[name], "#ffffff") >= 4.5, name
    assert contrast(palette["fg"], palette["hl"]) >= 4.5
