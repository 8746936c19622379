"""The course-material builder: citations become links or excerpts; notes cannot inject markup."""
from __future__ import annotations

import pytest
from lxml import html
from markdown_it import MarkdownIt

from alinea.course import public_links, render_course, site_links
from tests.clients import in_language
from web import create_app


def tree(fragment: str):
    return html.fromstring(f"<div>{fragment}</div>")


def test_links_excerpts_and_provisions_used(kb):
    course = render_course("# Quitting\n\nSee [[s. 59]] and [[s. 55(2)(a)]].\n\n![[s. 83.24]]\n", kb,
                           link=public_links("https://alinea.test/"))
    doc = tree(course.html)
    assert doc.xpath("//a[@class='cite']/@href") == ["https://alinea.test/A-13.1.1/59",
                                                     "https://alinea.test/A-13.1.1/55/p1/2/a"]
    (excerpt,) = doc.xpath("//figure[@class='excerpt']")
    assert excerpt.get("data-id") == "A-13.1.1/83.24"
    assert excerpt.xpath("string(blockquote)").startswith("83.24. Sections 49 to 51, 58, 59, 63, 64 and 69 apply")
    assert course.used == ["A-13.1.1/59", "A-13.1.1/55/p1/2/a", "A-13.1.1/83.24"]
    assert course.unresolved == []
    assert "[s. 59](https://alinea.test/A-13.1.1/59)" in course.markdown
    assert "> 83.24. Sections 49 to 51" in course.markdown
    assert course.markdown.endswith("3. [Individual and Family Assistance Act, CQLR c A-13.1.1, s 83.24]"
                                    "(https://alinea.test/A-13.1.1/83.24)\n")


def test_handout_links_default_to_the_official_pages(kb):
    course = render_course("[[s. 55(2)(a)]] and [[s. 59]]", kb)
    hrefs = tree(course.html).xpath("//a/@href")
    assert hrefs and all(h.startswith("https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:") for h in hrefs)
    assert "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a" in hrefs
    assert "](/" not in course.markdown and "](http" in course.markdown


def test_excerpts_keep_the_structure_and_cite_in_the_house_style(kb):
    course = render_course("![[s. 55(2)]]\n", kb)
    doc = tree(course.html)
    rows = [(p.get("class"), p.findtext("span")) for p in doc.xpath("//figure//p")]
    assert rows[:3] == [("depth-0", "(2)"), ("depth-1", "(a)"), ("depth-1", "(b)")]
    assert ("depth-2", "i.") in rows
    caption = doc.xpath("string(//figcaption)")
    assert caption == "— Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2) (current to 2024-08-31)"
    assert "A-13.1.1/55" not in caption
    assert "\n> - (a) the income from employment" in course.markdown
    assert "\n>   - i. the date on which" in course.markdown


def test_tables_render_in_html(kb):
    course = render_course("| Situation | Provision |\n|---|---|\n| Quits | [[s. 59]] |\n", kb)
    doc = tree(course.html)
    assert doc.xpath("//table/thead/tr/th/text()") == ["Situation", "Provision"]
    assert doc.xpath("//table/tbody//a[@class='cite']/text()") == ["s. 59"]


def test_html_and_markdown_carry_the_same_content(kb):
    """The Markdown, rendered, reads word for word as the HTML: notes, tables, excerpts with their
    structure, captions, the consolidation date and the one list of provisions used."""
    notes = ("# Leaving a job\n\n| Case | Rule |\n|---|---|\n| quits | [[s. 59]] |\n\n"
             "Also section 83.24.\n\n![[s. 55(2)]]\n")
    course = render_course(notes, kb, appendix=True)

    def words(fragment: str) -> list[str]:
        return tree(fragment).xpath("string()").replace("\\", "").split()

    assert words(MarkdownIt("commonmark").enable("table").render(course.markdown)) == words(course.html)
    assert course.html.count("Provisions used") == 1 and course.markdown.count("Provisions used") == 1
    assert "current to 2024-08-31" in course.markdown


def test_markdown_appendix_has_the_text(kb):
    course = render_course("[[s. 59]] [[s. 40]]", kb, appendix=True)
    assert "> 59\\. The benefit granted an independent adult" in course.markdown
    assert "> 40\\. (Repealed)." in course.markdown


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
    items = tree(course.html).xpath("//section[@class='provisions-used']/ol/li")
    assert [li.get("data-id") for li in items] == ["A-13.1.1/59", "A-13.1.1/40"]
    assert items[0].xpath("string(blockquote)").startswith("59. The benefit granted")
    assert items[1].xpath("string(span[contains(@class,'badge')])") == "repealed"


@pytest.fixture(scope="module")
def client(data_dir):
    return in_language(create_app({"DATA_DIR": str(data_dir), "TESTING": True}))


def test_course_page_and_downloads(client):
    page = html.fromstring(client.get("/course").data)
    assert page.xpath("//label[@for='notes']") and page.xpath("//textarea[@id='notes']")
    response = client.post("/course", data={"notes": "See [[s. 59]].", "format": "preview"})
    page = html.fromstring(response.data)
    assert page.xpath("//div[@class='course-body']//a[@class='cite']/@href") == ["/A-13.1.1/59"]
    md = client.post("/course", data={"notes": "See [[s. 59]].", "format": "markdown"})
    assert md.mimetype == "text/markdown" and "attachment" in md.headers["Content-Disposition"]
    assert md.get_data(as_text=True).startswith(
        "See [s. 59](https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:59).")
    standalone = client.post("/course", data={"notes": "![[s. 59]]", "format": "html", "appendix": "on"})
    doc = html.fromstring(standalone.data)
    assert doc.xpath("//style") and doc.xpath("//figure[@class='excerpt']")
    assert all(h.startswith("https://") for h in doc.xpath("//a/@href"))
    assert client.post("/course", data={"notes": "x", "format": "pdf"}).status_code == 400
    assert client.post("/course", data={"notes": "x" * 300_000}).status_code == 400


def test_downloads_link_to_the_public_address(data_dir):
    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True, "PUBLIC_URL": "https://alinea.example.org/"})
    md = app.test_client().post("/course", data={"notes": "See [[s. 59]].", "format": "markdown", "appendix": "on"})
    text = md.get_data(as_text=True)
    assert text.startswith("See [s. 59](https://alinea.example.org/A-13.1.1/59).")
    assert "> 59\\. The benefit granted" in text


def test_plain_text_citations_are_linked(kb):
    course = render_course("Under section 83.24, sections 49 to 51 apply. Voir l'article 59 de la Loi. "
                           "Version 1.2.3, 2024-08-31, 10.0.0.1.", kb, link=site_links())
    links = tree(course.html).xpath("//a[@class='cite']")
    assert [(a.text, a.get("href")) for a in links] == [
        ("section 83.24", "/A-13.1.1/83.24"), ("sections 49", "/A-13.1.1/49"), ("51", "/A-13.1.1/51"),
        ("article 59 de la Loi", "/A-13.1.1/59")]  # each end of a range to its section


@pytest.mark.parametrize("notes, linked", [
    ("Voir les articles 59 et 63 de la Loi.", [("articles 59", "se:59"), ("63", "se:63")]),
    ("See sections 45 to 48.", [("sections 45", "se:45"), ("48", "se:48")]),
    ("Read sections 83.1, 83.5 and 84.", [("sections 83.1", "se:83_1"), ("83.5", "se:83_5"), ("84", "se:84")]),
])
def test_each_section_of_a_list_in_plain_text_is_linked(kb, notes, linked):
    """Found by a new user's walk: « articles 59 et 63 » in a trainer's notes was one link, to s. 59; s. 63 was
    lost from the text's links (it stayed in the list of provisions used)."""
    page = html.fromstring(render_course(notes, kb).html)
    assert [(a.text_content(), a.get("href").rsplit("#", 1)[1]) for a in page.xpath("//a[@class='cite']")] == linked


@pytest.mark.parametrize("notes, title", [("# L'aide de dernier recours\n\nVoir [[art. 59]].", "L'aide de dernier recours"),
                                          ("Voir [[art. 59]], sans titre.", "Course material")])
def test_a_handout_is_titled_by_the_trainers_first_heading(client, notes, title):
    """Found by a new user's walk: every downloaded handout was titled « Matériel de formation »."""
    page = html.fromstring(client.post("/course", data={"notes": notes, "format": "html"}).data)
    assert page.findtext(".//title") == title
