"""The course-material builder: citations become links or excerpts; notes cannot inject markup."""
from __future__ import annotations

import pytest
from lxml import html

from alinea.course import render_course
from tests.clients import in_language
from web import create_app


def tree(fragment: str):
    return html.fromstring(f"<div>{fragment}</div>")


def test_links_excerpts_and_provisions_used(kb):
    course = render_course("# Quitting\n\nSee [[s. 59]] and [[s. 55(2)(a)]].\n\n![[s. 83.24]]\n", kb,
                           base_url="https://alinea.test")
    doc = tree(course.html)
    assert doc.xpath("//a[@class='cite']/@href") == ["https://alinea.test/A-13.1.1/59",
                                                     "https://alinea.test/A-13.1.1/55/p1/2/a"]
    (excerpt,) = doc.xpath("//figure[@class='excerpt']")
    assert excerpt.get("data-id") == "A-13.1.1/83.24"
    assert excerpt.findtext("blockquote").startswith("83.24. Sections 49 to 51, 58, 59, 63, 64 and 69 apply")
    assert course.used == ["A-13.1.1/59", "A-13.1.1/55/p1/2/a", "A-13.1.1/83.24"]
    assert course.unresolved == []
    assert "[s. 59](https://alinea.test/A-13.1.1/59)" in course.markdown
    assert "> 83.24. Sections 49 to 51" in course.markdown
    assert course.markdown.endswith("- [A-13.1.1/83.24](https://alinea.test/A-13.1.1/83.24)\n")


def test_unresolved_citations_are_kept_and_reported(kb):
    course = render_course("Compare [[s. 999]] with [[the Civil Code]].", kb)
    assert course.unresolved == ["s. 999", "the Civil Code"]
    assert tree(course.html).xpath("//span[contains(@class,'unresolved')]/text()") == ["s. 999", "the Civil Code"]
    assert "[[s. 999]]" in course.markdown


def test_code_is_left_alone(kb):
    course = render_course("`[[s. 59]]`\n\n```\n![[s. 55]]\n```\n\n    [[s. 1]]\n", kb)
    assert course.used == [] and "<a" not in course.html
    assert course.markdown.startswith("`[[s. 59]]`")


@pytest.mark.parametrize("notes", ["<script>alert(1)</script>", "[x](javascript:alert(1))",
                                   "<img src=x onerror=alert(1)>", "[[<b>s. 55</b>]]", "[[" * 5000])
def test_raw_html_is_never_rendered(kb, notes):
    body = render_course(notes, kb).html
    doc = tree(body)
    assert not doc.xpath("//script | //img | //b | //a[starts-with(@href,'javascript')]")


def test_appendix_has_the_text_of_every_provision(kb):
    course = render_course("[[s. 59]] [[s. 40]]", kb, appendix=True)
    figures = tree(course.html).xpath("//section[@class='appendix']/figure")
    assert [f.get("data-id") for f in figures] == ["A-13.1.1/59", "A-13.1.1/40"]
    assert "(repealed)" in figures[1].xpath("string(figcaption)")


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


def test_course_page_and_downloads(client):
    page = html.fromstring(client.get("/course").data)
    assert page.xpath("//label[@for='notes']") and page.xpath("//textarea[@id='notes']")
    response = client.post("/course", data={"notes": "See [[s. 59]].", "format": "preview"})
    page = html.fromstring(response.data)
    assert page.xpath("//div[@class='course-body']//a[@class='cite']/@href") == ["http://localhost/A-13.1.1/59"]
    md = client.post("/course", data={"notes": "See [[s. 59]].", "format": "markdown"})
    assert md.mimetype == "text/markdown" and "attachment" in md.headers["Content-Disposition"]
    assert md.get_data(as_text=True).startswith("See [s. 59](http://localhost/A-13.1.1/59).")
    standalone = client.post("/course", data={"notes": "![[s. 59]]", "format": "html", "appendix": "on"})
    doc = html.fromstring(standalone.data)
    assert doc.xpath("//style") and doc.xpath("//figure[@class='excerpt']")
    assert client.post("/course", data={"notes": "x", "format": "pdf"}).status_code == 400
    assert client.post("/course", data={"notes": "x" * 300_000}).status_code == 400


def test_plain_text_citations_are_linked(kb):
    course = render_course("Under section 83.24, sections 49 to 51 apply. Voir l'article 59 de la Loi. "
                           "Version 1.2.3, 2024-08-31, 10.0.0.1.", kb)
    links = tree(course.html).xpath("//a[@class='cite']")
    assert [(a.text, a.get("href")) for a in links] == [
        ("section 83.24", "/A-13.1.1/83.24"), ("sections 49 to 51", "/A-13.1.1/49"),
        ("article 59 de la Loi", "/A-13.1.1/59")]
