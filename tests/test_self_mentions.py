"""A document's mentions of itself as a whole (« Le présent règlement s'applique à … », "for the purposes of this Act"):
references to the document, typed like any citation and marked `self_mention`; the document's page lists them in a
group of their own, a provision's page among what it cites, and no count, path or ranking of citations follows them."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from alinea.export import export, reference_dict
from alinea.model import IN_FORCE, Corpus, Document, Section, Source, Unit
from graph.build import build_graph
from graph.cite import document_kind, itself
from graph.queries import cited_by, cites, neighbourhood, path
from graph.references import extract_references
from tests.clients import in_language

ROOT = Path(__file__).resolve().parent.parent
ACT = "A-13.1.1"


def _document(doc: str, lang: str, texts: list[str], title: str = "Règlement d'essai") -> Document:
    """A document whose section N holds texts[N - 1] as its one paragraph (and a section 5 to cite)."""
    sections = []
    for number, text in enumerate([*texts, *([""] * max(0, 5 - len(texts)))], 1):
        sid = f"{doc}/{number}"
        unit = Unit(f"{sid}/p1", "paragraph", "", "", text or "Un texte.", Source(1, text))
        sections.append(Section(sid, str(number), IN_FORCE, None, (unit,), Source(1, str(number))))
    kind = "statute" if document_kind(doc, title) == "act" else "regulation"
    return Document(doc, kind, lang, title, "z.html", sections=tuple(sections))


def references_of(doc: str, lang: str, text: str, title: str = "Règlement d'essai") -> list[tuple[str, str, str, bool]]:
    """(words, target, type, self_mention) of every citation of `text`, read as section 1 of a document."""
    refs = extract_references(Corpus((_document(doc, lang, [text], title),)))
    return [(r.text, r.target, r.type, r.self_mention) for r in refs if r.source == f"{doc}/1/p1"]


# -- the rule, on written sentences ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, words, kind", [
    ("Le présent règlement s'applique à toute nouvelle fonderie.", "présent règlement", "applies"),
    ("Aux fins du présent règlement, une fonderie est un établissement industriel.", "présent règlement",
     "for the purposes of"),
    ("Dans le présent règlement, on entend par:", "présent règlement", "cites"),
    ("Un travailleur au sens du présent règlement doit porter un casque.", "présent règlement", "within the meaning of"),
    ("Le présent règlement de sécurité et d'hygiène s'applique à l'équipement.", "présent règlement", "applies"),
    ("Toute modification touchant les matières traitées dans ce règlement est soumise au comité.", "ce règlement", "cites"),
    ("Les locaux auxquels le présent règlement ne s'applique qu'en cas de prescription formelle.", "présent règlement",
     "applies"),
])
def test_a_french_regulation_naming_itself_is_a_reference_to_it(text, words, kind):
    assert references_of("Z-8-r2", "fr", text) == [(words, "Z-8-r2", kind, True)]


@pytest.mark.parametrize("text, words, kind", [
    ("This Act applies to every employer.", "This Act", "applies"),
    ("For the purposes of this Act, a spouse is a person who lives with another.", "this Act", "for the purposes of"),
    ("Financial assistance granted under this Act is unassignable.", "this Act", "cites"),
    ("The rules contained in this Act apply to any claim.", "this Act", "applies"),
])
def test_an_english_act_naming_itself_is_a_reference_to_it(text, words, kind):
    assert references_of("Z-8", "en", text, "Employer Assistance Act") == [(words, "Z-8", kind, True)]


def test_a_code_and_a_law_name_themselves_in_their_own_words():
    assert references_of("Z-8-r3", "fr", "Le présent code s'applique à tout chantier.", "Code de sécurité d'essai") == [
        ("présent code", "Z-8-r3", "applies", True)]
    assert references_of("Z-8", "fr", "Au sens de la présente loi, un conjoint est", "Loi d'essai") == [
        ("présente loi", "Z-8", "within the meaning of", True)]


def test_a_pinpoint_in_the_document_and_a_deed_are_no_mentions_of_it_as_a_whole():
    assert references_of("Z-8-r2", "fr", "Malgré l'article 5 du présent règlement, le travailleur peut") == [
        ("article 5 du présent règlement", "Z-8-r2/5", "despite", False)]
    assert references_of("Z-8", "en", "section 5 of this Act", "Employer Assistance Act") == [
        ("section 5 of this Act", "Z-8/5", "cites", False)]
    assert references_of("Z-8", "en", "The person who committed this act is liable.", "Employer Assistance Act") == []


def test_that_regulation_after_another_is_the_other_one():
    text = "Le Règlement sur les mines (chapitre M-13.1, r. 9) s'applique; les définitions de ce règlement valent ici."
    got = references_of("Z-8-r2", "fr", text)
    assert ("ce règlement", "M-13.1-r9", "cites", False) in got and not any(mention for *_, mention in got)


def test_this_act_in_quoted_text_is_the_act_quoted():
    quote = Unit("Z-8/5/p1/q1", "quotation", "", "", "« 12. This Act applies to every employer. »", Source(1, ""))
    intro = Unit("Z-8/5/p1", "paragraph", "", "", "Section 12 of the Labour Code (chapter C-27) is replaced by the "
                 "following section:", Source(1, ""), children=(quote,))
    doc = Document("Z-8", "statute", "en", "Employer Assistance Act", "z.txt",
                   sections=(Section("Z-8/5", "5", IN_FORCE, None, (intro,), Source(1, "5")),))
    got = [(r.source, r.target, r.type, r.self_mention) for r in extract_references(Corpus((doc,)))]
    assert ("Z-8/5/p1/q1", "C-27", "applies", False) in got and not any(mention for *_, mention in got)


_WORDS = st.sampled_from(["le", "travailleur", "doit", "selon", "toute", "fonderie", "à", "de", "et", "employeur",
                          "lorsque", "un", "casque", "porter", "ainsi", "que", "chantier", ","])
_FORMS = st.sampled_from([("le présent règlement", "présent règlement"), ("du présent règlement", "présent règlement"),
                          ("Le  présent\u00a0règlement", "présent\u00a0règlement"), ("ce règlement", "ce règlement")])


@settings(max_examples=60, deadline=None)
@given(before=st.lists(_WORDS, max_size=8), form=_FORMS, after=st.lists(_WORDS, max_size=8))
def test_any_sentence_around_the_form_gives_one_mention_of_the_document(before, form, after):
    written, words = form
    text = " ".join([*before, written, *after]) + "."
    got = references_of("Z-8-r2", "fr", text)
    assert [(w, target, mention) for w, target, _, mention in got] == [(words, "Z-8-r2", True)]


@settings(max_examples=40, deadline=None)
@given(before=st.lists(_WORDS, max_size=8), head=st.sampled_from(["act", "regulation", "code"]))
def test_an_english_head_in_lower_case_is_no_document(before, head):
    assert references_of("Z-8", "en", " ".join([*before, "this", head, "is done"]), "Employer Assistance Act") == []


@pytest.mark.parametrize("doc, title, en, fr", [
    (ACT, "Individual and Family Assistance Act", "this Act", "la présente loi"),
    ("S-2.1-r15", "Règlement sur la sécurité et l'hygiène dans les travaux de fonderie", "this Regulation",
     "le présent règlement"),
    ("S-2.1-r4", "Code de sécurité pour les travaux de construction", "this Code", "le présent code"),
    ("C-12", "Charte des droits et libertés de la personne", "this Charter", "la présente charte"),
    ("S-2.1-r9", "", "this Regulation", "le présent règlement"),
])
def test_a_document_is_named_from_inside_by_its_kind_in_either_language(doc, title, en, fr):
    assert (itself(doc, "en", title), itself(doc, "fr", title)) == (en, fr)


# -- the knowledge base, the graph and govern -----------------------------------------------------------------------
def test_the_acts_mentions_of_itself_are_kept_apart_from_what_cites_it(kb):
    mentions = kb.self_mentions[ACT]
    assert len(mentions) >= 30 and all(r.self_mention and r.target == ACT for r in mentions)
    assert {r.text for r in mentions} >= {"this Act"}
    assert not any(r.self_mention for refs in kb.refs_in.values() for r in refs)
    assert [r for r in kb.refs_out[f"{ACT}/1/p1"] if r.self_mention]  # what s. 1 cites


def test_graph_counts_paths_and_neighbourhoods_do_not_follow_a_documents_mentions_of_itself(kb):
    graph = kb.graph
    marked = [(u, d["type"]) for u, v, d in graph.in_edges(ACT, data=True) if d.get("self_mention")]
    assert len(marked) == len(kb.self_mentions[ACT])
    assert not any(link.self_mention for link in cited_by(graph, ACT))
    assert ACT not in [link.target for link in cites(graph, f"{ACT}/1")]
    assert [link.target for link in cites(graph, f"{ACT}/1", itself=True) if link.self_mention] == [ACT, ACT]
    # s. 1 and s. 199 both say "this Act": no chain joins them through the Act
    assert all(ACT not in (step.source, step.target) for step in path(graph, f"{ACT}/1", f"{ACT}/199"))
    assert ACT not in neighbourhood(graph, f"{ACT}/1", depth=1)
    assert not [u for u, v, d in graph.out_edges(ACT, data=True) if d.get("derived")]


def test_the_graph_of_a_corpus_marks_the_mention_and_cited_by_leaves_it_out():
    doc = _document("Z-8", "en", ["This Act applies to every employer.", "Section 1 applies to it."],
                    "Employer Assistance Act")
    corpus = Corpus((doc,))
    refs = extract_references(corpus)
    graph = build_graph(corpus, refs)
    assert [d.get("self_mention") for _, _, d in graph.in_edges("Z-8", data=True)] == [True]
    assert cited_by(graph, "Z-8", within=False) == []


def test_govern_node_mode_never_answers_the_document_a_provision_mentions(kb, data_dir):
    from graph.govern import govern
    from search import open_index

    index = open_index(data_dir, kb.resolver())
    for section in ("1", "2", "20", "183"):
        answer = govern(f"{ACT}/{section}", kb, index)
        assert ACT not in [r.id for r in answer.results] and all(ACT not in r.path for r in answer.results)


# -- the export ----------------------------------------------------------------------------------------------------
def test_the_export_marks_each_mention_and_its_schema_says_so(kb):
    schema = json.loads((ROOT / "alinea" / "export.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["reference"]["properties"]["self_mention"]["type"] == "boolean"
    dicts = [reference_dict(r) for r in kb.corpus.references]
    assert all(d["self_mention"] == (d["target"] == d["source"].split("/", 1)[0]) for d in dicts)
    assert sum(d["self_mention"] for d in dicts) == len(kb.self_mentions[ACT])
    small = Corpus((_document("Z-8-r2", "fr", ["Le présent règlement s'applique à toute fonderie."]),))
    data = export(Corpus(small.documents, tuple(extract_references(small))))
    jsonschema.validate(data, schema)
    assert [(r["target"], r["type"], r["self_mention"]) for r in data["references"]] == [("Z-8-r2", "applies", True)]


# -- the pages -----------------------------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.data)


@pytest.fixture(scope="module", params=["en", "fr"])
def client(app, request):
    return in_language(app, request.param)


def test_the_documents_page_groups_its_mentions_of_itself_by_type(client, kb):
    lang = client.environ_base["HTTP_ACCEPT_LANGUAGE"]
    page = _page(client, f"/{ACT}")
    [group] = page.xpath("//section[@id='about-itself']")
    heading = " ".join(group.xpath("string(h2)").split())
    assert heading == ("Provisions about this Act as a whole" if lang == "en" else
                       "Dispositions qui visent la présente loi dans son ensemble")
    items = group.xpath(".//ul/li")
    assert len(items) == len(kb.self_mentions[ACT])
    assert {li.xpath("string(.//mark)") for li in items} >= {"this Act"}
    assert f"/{ACT}/1/p1" in group.xpath(".//a/@href")
    kinds = [" ".join(h.text_content().split()) for h in group.xpath("h3")]
    assert len(kinds) == len({r.type for r in kb.self_mentions[ACT]}) and all("(" in k for k in kinds)


def test_a_provisions_page_lists_its_mention_of_the_act_among_what_it_cites(client):
    lang = client.environ_base["HTTP_ACCEPT_LANGUAGE"]
    name = "this Act" if lang == "en" else "la présente loi"
    page = _page(client, f"/{ACT}/1")
    cited = [" ".join(a.text_content().split()) for a in page.xpath("//div[@class='graph-list']/ul[1]/li/a")]
    assert name in cited
    links = page.xpath("//a[@class='xref'][normalize-space(.)='this Act']")
    assert links and all(a.get("href") == f"/{ACT}#about-itself" and name in a.get("title") for a in links)
    assert name in page.xpath("//svg//text/text()")


def test_the_graph_page_of_the_act_is_not_flooded_by_its_own_mentions(client, kb):
    page = _page(client, f"/graph/{ACT}")
    quoted = page.xpath("//section[@aria-labelledby='in-h']//li//span[@lang]/text()")
    assert quoted and "this Act" not in quoted  # what cites the Act: its provisions' citations, not "this Act"
    assert len(page.xpath("//section[@aria-labelledby='in-h']//li")) == len(cited_by(kb.graph, ACT))
    provision = _page(client, f"/graph/{ACT}/1")
    assert f"/{ACT}" in provision.xpath("//section[@aria-labelledby='out-h']//li/a/@href")


def test_the_api_gives_a_documents_mentions_of_itself(app, kb):
    data = app.test_client().get(f"/api/provisions/{ACT}").get_json()
    assert [r["source"] for r in data["self_mentions"]] == [r.source for r in kb.self_mentions[ACT]]
    assert all(r["self_mention"] and r["target"] == ACT for r in data["self_mentions"])
    section = app.test_client().get(f"/api/provisions/{ACT}/1").get_json()
    assert [r["target"] for r in section["references_out"] if r["self_mention"]] == [ACT, ACT]


# -- the benchmark scores them --------------------------------------------------------------------------------------
def test_the_heldout_scorer_counts_a_documents_mentions_of_itself_where_the_set_annotates_them():
    from benchmarks.references_eval import evaluate_heldout

    result = evaluate_heldout(ROOT / "tests" / "fixtures" / "references_heldout5_r15_fr.jsonl", with_corpus=True)
    assert result["self-mentions"]["scored"] and result["self-mentions"]["gold"] == 6
    assert result["self-mentions by target"]["recall"] == 1.0 and result["by target"]["precision"] == 1.0
    assert result["reduced by target"]["gold"] < result["by target"]["gold"]  # the column without them stays


def test_a_french_codes_page_names_it_as_the_code_does(regulation_data_dir):
    from web import create_app

    site = in_language(create_app({"DATA_DIR": str(regulation_data_dir), "TESTING": True}), "fr")
    page = html.fromstring(site.get("/S-2.1-r4").data)
    [group] = page.xpath("//section[@id='about-itself']")
    assert " ".join(group.xpath("string(h2)").split()) == "Dispositions qui visent le présent code dans son ensemble"
    marked = set(group.xpath(".//mark/text()"))
    assert {"présent code", "présent règlement"} <= marked and group.xpath(".//h3")
    english = html.fromstring(in_language(site.application, "en").get("/S-2.1-r4").data)
    assert english.xpath("string(//section[@id='about-itself']/h2)").strip() == "Provisions about this Code as a whole"
