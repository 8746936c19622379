"""A law library that grows: `alinea add` on every real page, then `alinea build`, then
`alinea show` across documents; and the test library corpus in tests/library."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alinea.cli import main
from alinea.corpus import load_manifest
from alinea.integrity import sha256_of as sha256

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "legisquebec-html").glob("S-*.html"))
GUIDANCE = sorted((ROOT / "corpus" / "guidance").glob("*.txt"))
ACT = ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt"
LIBRARY = ROOT / "tests" / "library"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A corpus made by `alinea add`, one file at a time, and built."""
    corpus, data = tmp_path_factory.mktemp("corpus"), tmp_path_factory.mktemp("data")
    for path in [ACT, *GUIDANCE, *PAGES]:
        assert main(["add", str(path), "--corpus", str(corpus)]) == 0, path
    assert main(["--data", str(data), "build", "--corpus", str(corpus), "--quiet"]) == 0
    return corpus, data


@pytest.mark.slow
def test_add_names_copies_and_lists_every_document(library):
    corpus, _ = library
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in manifest["documents"]}
    assert len(entries) == 1 + len(GUIDANCE) + len(PAGES)
    r4 = entries["S-2.1-r4"]
    assert (r4["file"], r4["format"], r4["kind"], r4["lang"], r4["current_to"]) == (
        "legisquebec/S-2.1-r4.fr.html", "legisquebec-html", "regulation", "fr", "2025-04-01")
    assert r4["title"] == "Code de sécurité pour les travaux de construction"
    assert entries["S-2.1-r8"]["current_to"] is None  # the page prints no "À jour au"
    assert entries["A-13.1.1"]["kind"] == "statute" and entries["guidance:adel-66-72"]["kind"] == "guidance"
    for entry in entries.values():
        assert sha256(corpus / entry["file"]) == entry["sha256"]
    assert not list(corpus.rglob("*.tmp"))


@pytest.mark.slow
def test_show_follows_a_reference_from_one_regulation_to_another(library, capsys):
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "show", "S-2.1-r9/37", "--json")
    assert code == 0
    assert "S-2.1-r4/5.2.1" in {r["target"] for r in json.loads(out)["references_out"]}
    code, out, _ = run(capsys, "--data", str(data), "show", "S-2.1-r4/5.2.1", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["document"] == "S-2.1-r4"
    assert "S-2.1-r9/37/p1" in {r["source"] for r in shown["references_in"]}


@pytest.mark.slow
def test_a_provision_of_an_act_outside_the_library_stays_a_node_cited_by_the_regulation(library, capsys):
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "graph", "S-2.1/137")
    assert code == 0 and "external provision" in out and "S-2.1-r0.1/6/p1/2" in out


@pytest.mark.slow
def test_an_enabling_note_links_to_the_act_section_that_allows_the_regulation(library, capsys):
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "show", "S-2.1/223", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["in_library"] is False
    assert shown["url"] == "https://www.legisquebec.gouv.qc.ca/fr/document/lc/S-2.1#se:223"
    assert {"S-2.1-r4", "S-2.1-r9"} <= {r["source"].split("/")[0] for r in shown["references_in"]}
    assert {r["type"] for r in shown["references_in"] if r["source"] in ("S-2.1-r4", "S-2.1-r9")} == {"made under"}
    forest = next(r for r in shown["regulations"] if r["id"] == "S-2.1-r12.1")
    assert forest["targets"] == ["S-2.1/223/p1/7", "S-2.1/223/p1/8", "S-2.1/223/p1/19", "S-2.1/223/p1/42",
                                 "S-2.1/223/p2", "S-2.1/223/p3"]


@pytest.mark.slow
def test_show_of_a_cross_document_citation_lists_the_regulations_made_under_it(library, capsys):
    """`alinea show` of a citation of the Act (not in the library) typed as a user would."""
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "show", "chapitre S-2.1, a. 223, 1er al., par. 39")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "S-2.1/223/p1/39" and lines[1].startswith("not in the library: ")
    assert "official: https://www.legisquebec.gouv.qc.ca/fr/document/lc/S-2.1#se:223-ss:1-p1:39" in lines
    made = lines[lines.index("Regulations made under this provision:") + 1:]
    assert [line.split()[0] for line in made] == ["S-2.1-r30.1"]
    code, _, err = run(capsys, "--data", str(data), "show", "chapitre S-2.1, a. 224")
    assert code == 1 and "(S-2.1/224) is a Québec text, outside the knowledge base" in err


MADE_UNDER = {  # read by hand from the enabling note printed under each regulation's title
    "S-2.1-r0.1": ["S-2.1/223"], "S-2.1-r1": ["S-2.1/223"], "S-2.1-r2": ["S-2.1/223"], "S-2.1-r4": ["S-2.1/223"],
    "S-2.1-r5": ["S-2.1/223"], "S-2.1-r6": ["S-2.1/223"], "S-2.1-r7": ["S-2.1/223"], "S-2.1-r16": ["S-2.1/223"],
    "S-2.1-r8": ["S-2.1/223", "S-2.1/223.2"], "S-2.1-r9": ["S-2.1/63", "S-2.1/223"],
    "S-2.1-r11": ["S-2.1/223", "Q-2"], "S-2.1-r11.2": ["S-2.1/223/p1/36"],
    "S-2.1-r12.1": ["S-2.1/223/p1/7", "S-2.1/223/p1/8", "S-2.1/223/p1/19", "S-2.1/223/p1/42", "S-2.1/223/p2",
                    "S-2.1/223/p3"],
    "S-2.1-r15": ["S-2.1"], "S-2.1-r17": ["S-2.1"], "S-2.1-r22": ["S-2.1/170", "S-2.1/223"],
    "S-2.1-r30.1": ["S-2.1/170", "S-2.1/223/p1/39"],
}


@pytest.mark.slow
def test_every_regulation_of_the_library_is_made_under_the_units_its_enabling_note_names(library, capsys):
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "references", "--type", "made under", "--json")
    found: dict[str, list[str]] = {}
    for ref in json.loads(out):
        found.setdefault(ref["source"], []).append(ref["target"])
    assert code == 0 and found == MADE_UNDER


def test_add_says_when_a_document_is_already_there_or_replaces_an_older_one(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    page = PAGES[0].read_text(encoding="utf-8")
    older = tmp_path / "older.html"
    older.write_text(page.replace("À jour au 1<sup>er</sup> avril 2025", "À jour au 1<sup>er</sup> mars 2024"),
                     encoding="utf-8")
    code, out, _ = run(capsys, "add", str(older), "--corpus", str(corpus))
    assert code == 0 and "added S-2.1-r0.1 (regulation, fr, current to 2024-03-01)" in out
    code, out, _ = run(capsys, "add", str(PAGES[0]), "--corpus", str(corpus))
    assert code == 0 and "replaces the consolidation current to 2024-03-01" in out
    code, out, _ = run(capsys, "add", str(PAGES[0]), "--corpus", str(corpus))
    assert code == 0 and "already in the corpus as legisquebec/S-2.1-r0.1.fr.html" in out
    code, _, err = run(capsys, "add", str(older), "--corpus", str(corpus))
    assert code == 1 and "is older than the consolidation in the corpus (current to 2025-04-01)" in err
    [entry] = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert entry["current_to"] == "2025-04-01" and entry["sha256"] == sha256(PAGES[0])


def test_add_refuses_what_alinea_does_not_read_by_name(tmp_path, capsys):
    blog = tmp_path / "blog.html"
    blog.write_text("<!doctype html><html><head><title>Mon blogue</title></head><body><h1>Recettes</h1>"
                    + "<p>Une tarte aux pommes se prépare en une heure, avec du beurre.</p>" * 50
                    + "</body></html>", encoding="utf-8")
    code, _, err = run(capsys, "add", str(blog), str(PAGES[0]), "--corpus", str(tmp_path / "c"))
    assert code == 1
    assert f"{blog}: not a document Alinea reads" in err and "1 of 2 files not added" in err
    assert [e.id for e in load_manifest(tmp_path / "c")] == ["S-2.1-r0.1"]


def test_the_test_library_holds_the_act_the_guidance_and_every_real_page_unchanged():
    """tests/library is what `alinea add` makes of those files; its copies may not drift."""
    entries = load_manifest(LIBRARY)
    held = {sha256(e.path) for e in entries}
    assert {sha256(p) for p in [ACT, *GUIDANCE, *PAGES]} == held
    for entry in entries:
        assert sha256(entry.path) == entry.meta["sha256"], entry.id
    for name in ("glossary.json", "thesaurus.json"):
        assert (LIBRARY / name).read_bytes() == (ROOT / "corpus" / name).read_bytes()


@pytest.mark.slow
def test_the_test_library_builds_end_to_end(tmp_path, capsys):
    code, _, err = run(capsys, "--data", str(tmp_path), "build", "--corpus", str(LIBRARY), "--quiet")
    assert code == 0, err
    code, out, _ = run(capsys, "--data", str(tmp_path), "search", "doc:S-2.1-r22 entente", "--json")
    assert code == 0 and json.loads(out)["results"]
    assert all(r["id"].startswith("S-2.1-r22") for r in json.loads(out)["results"])


# -- the site as a library ------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(library):
    from web import create_app

    return create_app({"DATA_DIR": str(library[1]), "TESTING": True})


@pytest.fixture(scope="module")
def site(app):
    from tests.clients import in_language

    return in_language(app, "en")


def page(client, url: str):
    import lxml.html

    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.data)


@pytest.mark.slow
@pytest.mark.parametrize("url", ["/documents", "/"])
def test_the_library_lists_documents_by_kind_with_language_date_and_size(site, url):
    tree = page(site, url)
    headings = tree.xpath("//main//*[self::h2 or self::h3][following-sibling::*[1][self::ul[@class='documents']]]")
    assert [h.text.strip() for h in headings] == ["Acts", "Regulations", "Guidance"]
    regulations = headings[1].getnext().xpath("li")
    assert len(regulations) == len(PAGES)
    r4 = next(li for li in regulations if li.xpath("a/@href") == ["/S-2.1-r4"])
    meta = r4.xpath("span[@class='meta']")[0].text_content()
    assert "French" in meta and r4.xpath(".//time/@datetime") == ["2025-04-01"] and "753 sections" in meta
    r8 = next(li for li in regulations if li.xpath("a/@href") == ["/S-2.1-r8"])
    assert "date not printed" in r8.text_content()
    assert r8.xpath("span[contains(@class, 'badge')]")[0].text == "Remplacé le 3 juin 2015"


@pytest.mark.slow
def test_each_document_has_its_table_of_contents_and_a_search_narrowed_to_it(site):
    tree = page(site, "/S-2.1-r22")
    toc = tree.xpath("//nav[@aria-label='Table of contents']//a/@href")
    assert "/S-2.1-r22/1" in toc and "/S-2.1-r22/schedule:1" in toc
    box = tree.xpath("//form[@role='search' and contains(@class, 'header-search')]//input[@name='doc']")
    assert [b.get("value") for b in box] == ["S-2.1-r22"]
    results = page(site, "/search?q=entente&doc=S-2.1-r22")
    hrefs = results.xpath("//main//ol//a/@href") or results.xpath("//main//a[starts-with(@href, '/S-2.1')]/@href")
    assert hrefs and all(h.startswith("/S-2.1-r22") for h in hrefs if h.startswith("/S-2.1"))
    assert site.get("/search?q=entente&doc=../../etc").status_code == 400


@pytest.mark.slow
def test_a_regulation_page_links_its_enabling_note_to_the_official_page_of_an_act_not_in_the_library(site):
    [note] = page(site, "/S-2.1-r12.1").xpath("//p[@class='enabling-note']")
    assert "Loi sur la santé et la sécurité du travail" in note.text_content()
    links = note.xpath(".//a[@class='xref']")
    assert [a.text for a in links] == ["chapitre S-2.1, a. 223, 1er al., par. 7, 8, 19 et 42", "2e al.", "3e al."]
    assert [a.get("href") for a in links] == [
        "https://www.legisquebec.gouv.qc.ca/en/document/cs/S-2.1#se:223-ss:1-p1:7",
        "https://www.legisquebec.gouv.qc.ca/en/document/cs/S-2.1#se:223-ss:2",
        "https://www.legisquebec.gouv.qc.ca/en/document/cs/S-2.1#se:223-ss:3"]


# a provision of the Act S-2.1, which the library does not hold: (the interface's language,
# its citation by graph.cite.cite, the words saying so, the official page's address)
OUTSIDE = {"fr": ("c. S-2.1, art. 223", "Ce document n'est pas dans la bibliothèque",
                  "https://www.legisquebec.gouv.qc.ca/fr/document/lc/S-2.1#se:223"),
           "en": ("c. S-2.1, s. 223", "This document is not in the library",
                  "https://www.legisquebec.gouv.qc.ca/en/document/cs/S-2.1#se:223")}


def made_under_listed(tree) -> list[str]:
    """The regulations a page lists under "Regulations made under this section", the last group."""
    [heading] = tree.xpath("//section[@class='cited-by']/h3[last()]")
    return heading.getnext().xpath("li/a/@href")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_provision_of_an_act_not_in_the_library_has_a_page_linking_the_official_one(app, site, lang):
    from tests.clients import in_language

    client = in_language(app, lang)
    citation, words, official = OUTSIDE[lang]
    tree = page(client, "/S-2.1/223")
    assert tree.xpath("//main//h1")[0].text_content().strip() == citation
    assert words in tree.xpath("//main")[0].text_content()
    assert tree.xpath("//main//a[@rel='external']/@href") == [official]
    under = {f"/{reg}" for reg, targets in MADE_UNDER.items() if any(t.startswith("S-2.1/223") for t in targets)}
    assert sorted(made_under_listed(tree)) == sorted(under)
    unit = page(client, "/S-2.1/223/p1/39")
    assert made_under_listed(unit) == ["/S-2.1-r30.1"]
    assert unit.xpath("//main//a[@rel='external']/@href") == [official + "-ss:1-p1:39"]
    act = page(client, "/S-2.1")  # what cites the Act: provisions of the regulations, each at its page
    cited = act.xpath("//section[@class='cited-by']/h3[1]/following-sibling::ul[1]/li/a")
    regulations = [a for a in cited if a.get("href").startswith("/S-2.1-r")]
    assert regulations and all(a.text.startswith("c. S-2.1, r. ") for a in regulations)
    assert all(site.get(a.get("href")).status_code == 200 and a.text != a.get("href")[1:] for a in cited[:40])
    assert sorted(made_under_listed(act)) == sorted(f"/{reg}" for reg in MADE_UNDER
                                                    if any(t.startswith("S-2.1") for t in MADE_UNDER[reg]))
    graph = page(client, "/graph/S-2.1/223")
    assert words in graph.xpath("//main")[0].text_content()
    assert graph.xpath("//main//a[@rel='external']/@href") == [official]


@pytest.mark.slow
def test_an_id_nothing_refers_to_is_still_not_found(site):
    # the Act cites its own s. 103 second paragraph, which it does not have: a dangling
    # reference into a document of the library, not a document outside it
    for url in ("/S-2.1/224", "/Z-9/1", "/S-2.1-r9/99999", "/A-13.1.1/103/p2"):
        response = site.get(url)
        assert response.status_code == 404, url
        assert b"not in the library" not in response.data
    assert site.get("/api/provisions/S-2.1/223").get_json()["in_library"] is False
    assert site.get("/S-2.1/223", headers={"Accept": "application/json"}).get_json()["in_library"] is False


# -- which articles govern this? across the library ----------------------------------------------
def test_govern_ranks_the_regulations_of_the_library_and_groups_by_document(library, capsys):
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "govern", "Quelles règles de sécurité pour une pompe à béton sur "
                       "un chantier?", "--json", "--limit", "8")
    answer = json.loads(out)
    assert code == 0 and answer["results"][0]["section"].startswith("S-2.1-r9/")
    assert "S-2.1-r9" in answer["documents"]
    ranks = {r["rank"]: r["section"] for r in answer["results"]}
    assert all(ranks[n].startswith(doc + "/") for doc, numbers in answer["documents"].items() for n in numbers)


def test_govern_takes_an_english_question_to_the_french_regulations_through_its_bridges(library, capsys):
    """The library's regulations are French; an English question reaches them through the French words
    its own lead to (cognates, the French-English table read backwards), each result saying which,
    while a question on the Act keeps the Act's provisions first."""
    _, data = library
    code, out, _ = run(capsys, "--data", str(data), "govern", "What are the employer's obligations for the "
                       "ventilation of a construction site?", "--json")
    answer = json.loads(out)
    regulations = [r for r in answer["results"] if r["section"].startswith("S-2.1-r")]
    assert code == 0 and regulations
    assert any("‘ventilation’ → ‘ventilation’" in r["reason"] for r in regulations)
    code, out, _ = run(capsys, "--data", str(data), "govern", "Can my social assistance be cut because I quit my job?",
                       "--json")
    answer = json.loads(out)
    assert code == 0 and all(r["section"].startswith("A-13.1.1/") for r in answer["results"][:5])


@pytest.mark.slow
def test_the_documents_page_lists_regulations_in_the_order_of_their_numbers(library):
    """`alinea add` writes the manifest in file-name order (r. 11 before r. 2); a reader looks for
    r. 2 after r. 1, as LégisQuébec lists them."""
    from lxml import html

    from web import create_app

    _, data = library
    client = create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()
    tree = html.fromstring(client.get("/documents").data)
    [shelf] = [ul for ul in tree.xpath("//h2[starts-with(normalize-space(), 'Règlements')]/following-sibling::ul[1]")]
    numbers = [re.search(r"r\. ([0-9.]+)", li.text_content())[1] for li in shelf.xpath("./li")]
    assert len(numbers) == len(PAGES) and numbers[:4] == ["0.1", "1", "2", "4"]
    assert numbers == sorted(numbers, key=lambda n: [int(p) for p in n.split(".")])
