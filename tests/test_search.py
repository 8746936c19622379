"""Full-text search over the real Act and hand-made guidance: analysis, query language,
filters, citations, facets, pages, spelling, and malformed input.

Expected results are computed from the model (section texts, statuses, histories,
headings), never typed in, except facts checked by reading the Act."""
from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.cli import main
from alinea.kb import KnowledgeBase
from alinea.labels import hit_title
from alinea.model import REPEALED, Division, Section, Unit
from graph.concepts import load_glossary
from search import SearchQuery, build_index, open_index
from search.analysis import word_analyzer
from search.store import ENGINES
from tests.search_corpus import EN_DOC, FR_DOC, search_corpus

STATUTE = "A-13.1.1"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(search_corpus())


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine(request) -> str:
    """Every test of this module runs against each engine."""
    return request.param


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, kb, engine):
    path = tmp_path_factory.mktemp(f"search-data-{engine}")
    build_index(kb.corpus, path, load_glossary(), engine=engine)
    return path


@pytest.fixture(scope="module")
def index(data_dir, kb):
    return open_index(data_dir, kb.resolver())


def everything(index, text: str) -> list:
    """All hits of a query, every page."""
    first = index.search(SearchQuery(text, per_page=100))
    hits = list(first.hits)
    for page in range(2, first.pages + 1):
        hits += index.search(SearchQuery(text, page=page, per_page=100)).hits
    return hits


def sections(index, text: str) -> set[str]:
    return {h.section for h in everything(index, text)}


def element_text(kb, node_id: str) -> str:
    node = kb.get(node_id).node
    if isinstance(node, Unit):
        return node.full_text
    if isinstance(node, Division):
        return f"{node.label} {node.heading}"
    return "\n".join(t for t in (node.heading, node.text or node.status_text) if t)


def words(text: str) -> list[str]:
    return [t.text for t in word_analyzer()(text)]


def statute_sections(kb, pattern: str) -> set[str]:
    """Sections of the Act whose text matches pattern (case-insensitive)."""
    return {s.id for s in kb.document(STATUTE).sections if re.search(pattern, s.text, re.I)}


# -- analysis --------------------------------------------------------------------------
def test_stemming_finds_plural_and_singular(index, kb):
    s62 = kb.get(f"{STATUTE}/62").node
    assert "benefit" in s62.text and "benefits" not in s62.text
    assert f"{STATUTE}/62" in sections(index, "benefits")
    assert sections(index, "benefits") == sections(index, "benefit")


def test_stop_words_are_ignored_outside_phrases(index):
    assert sections(index, "the benefit") == sections(index, "benefit")
    assert sections(index, "benefit of the") == sections(index, "benefit")


def test_a_query_of_common_words_only_is_searched_as_written(index, kb):
    results = everything(index, "de la")
    assert results and "common words" in index.search(SearchQuery("de la")).messages[0]
    for hit in results:
        assert {"de", "la"} <= set(words(element_text(kb, hit.id)))


@pytest.mark.parametrize("phrase", ["father or mother", "father and mother", "capacity for employment",
                                    "programs or services"])
def test_phrase_matches_exactly_with_its_stop_words(index, kb, phrase):
    expected = statute_sections(kb, r"\b" + phrase.replace(" ", r"\s+") + r"\b")
    assert expected, phrase
    found = {s for s in sections(index, f'"{phrase}"') if s.startswith(STATUTE + "/")}
    assert found == expected
    for hit in everything(index, f'"{phrase}"'):
        assert phrase in " ".join(words(element_text(kb, hit.id)))
        assert {" ".join(words(hit.snippet.text[s:e])) for s, e in hit.snippet.matches} == {phrase}


def test_phrases_differing_only_by_a_stop_word_differ(index):
    assert sections(index, '"father or mother"') != sections(index, '"father and mother"')
    assert sections(index, '"programs or services"') < sections(index, "programs services")


@pytest.mark.parametrize("query", ["l'aide", "l’aide", "aide", "L’AIDE", "d'aide"])
def test_french_elisions_with_either_apostrophe(index, query):
    found = sections(index, f"{query} lang:fr")
    assert {f"{FR_DOC}/1", f"{FR_DOC}/2", f"{FR_DOC}/3"} <= found


def test_accents_are_folded_both_ways(index, kb):
    assert f"{FR_DOC}/2" in sections(index, "revision")
    assert f"{FR_DOC}/2" in sections(index, "révision")
    ministry = statute_sections(kb, "Solidarité sociale")
    assert ministry and ministry <= sections(index, "solidarite")


def test_french_stemming(index):
    assert f"{FR_DOC}/2" in sections(index, "décisions")
    assert f"{FR_DOC}/1" in sections(index, "bonifiés")


# -- operators -------------------------------------------------------------------------
def test_and_is_the_default(index):
    assert sections(index, "spouse child") == sections(index, "spouse AND child")
    assert sections(index, "spouse child") == sections(index, "spouse") & sections(index, "child")


def test_or_and_parentheses(index):
    assert sections(index, "spouse OR dependant") == sections(index, "spouse") | sections(index, "dependant")
    grouped = sections(index, "(spouse OR dependant) AND regulation")
    assert grouped == (sections(index, "spouse") | sections(index, "dependant")) & sections(index, "regulation")


def test_not_excludes_the_word_from_each_hit(index, kb):
    hits = everything(index, "spouse NOT child NOT children")
    assert hits
    for hit in hits:
        text = " ".join(words(element_text(kb, hit.id)))
        assert re.search(r"\bspouses?\b", text) and not re.search(r"\bchild(ren)?\b", text), hit.id
    assert sections(index, "spouse NOT child") > sections(index, "spouse NOT child NOT children")


def test_prefix_and_wildcard(index, kb):
    assert sections(index, "benefit") <= sections(index, "benef*")
    for hit in everything(index, "benef*"):
        assert any(w.startswith("benef") for w in words(element_text(kb, hit.id)))
    assert f"{STATUTE}/62" in sections(index, "benef?t")


def test_fuzzy(index):
    assert f"{STATUTE}/62" in sections(index, "benifit~")
    assert not sections(index, "benifit")


def test_proximity(index, kb):
    near = everything(index, '"capacity employment"~5')
    assert sections(index, '"capacity for employment"') < {h.section for h in near}
    for hit in near:
        tokens = words(element_text(kb, hit.id))
        at = {w: [i for i, t in enumerate(tokens) if t == w] for w in ("capacity", "employment")}
        assert any(abs(i - j) <= 5 for i in at["capacity"] for j in at["employment"]), hit.id


# -- filters ---------------------------------------------------------------------------
def test_status_filter_counts_match_the_model(index, kb):
    doc = kb.document(STATUTE)
    expected = {s.id for s in doc.sections if s.status == REPEALED}
    expected |= {s.id for s in doc.sections for u in s.walk() if u.status == REPEALED}
    expected |= {d.id for d in doc.divisions if d.status == REPEALED}
    results = index.search(SearchQuery(f"status:repealed doc:{STATUTE}", per_page=100))
    assert {h.section for h in results.hits} == expected
    assert {v.value: v.count for v in results.facets["status"]} == {REPEALED: len(expected)}
    assert sections(index, f"status:abrogé doc:{STATUTE}") == expected
    assert sections(index, 'status:"in force" benefit') == sections(index, "benefit")  # no repealed benefit text


def test_amended_filter(index, kb):
    doc = kb.document(STATUTE)
    expected = {s.id for s in doc.sections if any(e.year == 2018 for e in s.history)}
    expected |= {d.id for d in doc.divisions if any(e.year == 2018 for e in d.history)}
    assert sections(index, f"amended:2018 doc:{STATUTE}") == expected
    ranged = sections(index, f"amended:2016-2018 doc:{STATUTE}")
    assert expected | sections(index, f"amended:2016 doc:{STATUTE}") <= ranged


def test_kind_and_lang_filters(index, kb):
    guidance = everything(index, "kind:guidance")
    assert {h.doc for h in guidance} == {FR_DOC, EN_DOC} | {d.id for d in kb.documents if d.kind == "guidance"}
    assert {h.doc for h in everything(index, "lang:fr")} == {FR_DOC} | {
        d.id for d in kb.documents if d.lang == "fr"}
    assert {h.kind for h in everything(index, "kind:subparagraph benefit")} == {"subparagraph"}


@pytest.mark.parametrize("where,division", [('in:"title II"', "title:II"), ("in:A-13.1.1/title:II", "title:II"),
                                            ('in:"title II chapter I"', "title:II/chapter:I"),
                                            ('in:"titre 2 chapitre 1"', "title:II/chapter:I"),
                                            ('in:"social solidarity program"', "title:II/chapter:II")])
def test_in_filter_matches_the_heading_path(index, kb, where, division):
    inside = f"{STATUTE}/{division}"
    benefit = statute_sections(kb, r"\bbenefits?\b") | {
        d.id for d in kb.document(STATUTE).divisions if re.search(r"\bbenefits?\b", d.heading, re.I)}
    expected = {s for s in benefit if inside in {d.id for d in kb.ancestors(s)} | {s}}
    assert expected
    assert sections(index, f"benefit {where}") == expected


def test_in_filter_for_a_chapter_number_alone_means_every_such_chapter(index, kb):
    chapter_ones = {d.id for d in kb.document(STATUTE).divisions if d.id.endswith("/chapter:I")}
    found = {h.section for h in everything(index, 'in:"chapter I" kind:heading')}
    assert chapter_ones <= found and len(chapter_ones) == 3


def test_program_filter_in_either_language(index, kb):
    basic = sections(index, 'program:"basic income"')
    assert basic == sections(index, 'program:"revenu de base"')
    chapter_vi = {s.id for s in kb.document(STATUTE).sections if s.parent == f"{STATUTE}/title:II/chapter:VI"}
    assert chapter_vi <= basic
    assert f"{STATUTE}/83.24" in basic
    assert f"{FR_DOC}/1" in basic  # "Programme de revenu de base" in the French text


def test_defines_filter(index, kb):
    from search.concepts import ConceptTags

    tags = ConceptTags(kb.corpus, load_glossary())
    for word, section in (("spouse", "22"), ("adult", "24"), ("family", "25")):
        found = sections(index, f"defines:{word} doc:{STATUTE}")
        assert f"{STATUTE}/{section}" in found
        for sid in found:  # every hit defines a term with that word in it
            assert any(word in term.lower() for term in tags.defined_terms(kb.get(sid).node)), sid
    assert sections(index, f"defines:zebra doc:{STATUTE}") == set()


def test_doc_filter(index):
    assert {h.doc for h in everything(index, "aide doc:guidance:test-solidarite")} == {FR_DOC}


# -- citations -------------------------------------------------------------------------
@pytest.mark.parametrize("query,cited", [("s. 55", "A-13.1.1/55"), ("55", "A-13.1.1/55"),
                                         ("art. 83.24", "A-13.1.1/83.24"),
                                         ("A-13.1.1/55/p1/2/a", "A-13.1.1/55/p1/2/a"),
                                         ("A-13.1.1/title:II/chapter:VI", "A-13.1.1/title:II/chapter:VI")])
def test_a_citation_comes_first(index, query, cited):
    results = index.search(SearchQuery(query))
    assert results.citation == cited
    assert results.hits[0].id == cited and results.hits[0].cited
    assert [h.section for h in results.hits].count(results.hits[0].section) == 1
    assert not any(h.cited for h in results.hits[1:])


def test_subparagraph_citation_comes_first(index, kb):

    assert kb.lookup("s. 55(2)(a)") == "A-13.1.1/55/p1/2/a"
    results = index.search(SearchQuery("s. 55(2)(a)"))
    assert results.hits[0].id == results.citation == kb.lookup("s. 55(2)(a)")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_section_titles_are_printed_at_output_in_the_language_asked_and_read_back(index, kb, lang):
    """The index holds the heading, never a printed label: a hit's title is printed when it is
    shown, by graph.cite in the language asked (« art. 55 », "s. 55"), and reads back to the hit."""
    for query in ("s. 55", "art. 83.24"):
        hit = index.search(SearchQuery(query)).hits[0]
        assert hit.title == "" and hit.heading == kb.get(hit.section).node.heading
        title = index.search(SearchQuery(query)).titled(lambda h: hit_title(h, lang)).hits[0].title
        label = " ".join(title.split(" ")[:2])
        assert label.startswith({"en": "s. ", "fr": "art. "}[lang]) and title.endswith(hit.heading)
        assert kb.lookup(label) == hit.section


def test_a_citation_not_in_the_index_is_ordinary_text(index):
    results = index.search(SearchQuery("s. 9999"))
    assert results.citation is None and not any(h.cited for h in results.hits)


# -- results ---------------------------------------------------------------------------
def test_unit_hits_collapse_into_their_section(index, kb):
    hits = everything(index, "liquid assets")
    assert len({h.section for h in hits}) == len(hits)
    by_section = {h.section: h for h in hits}
    assert by_section[f"{STATUTE}/55"].id.startswith(f"{STATUTE}/55/")
    assert "liquid assets" in element_text(kb, by_section[f"{STATUTE}/55"].id)


def test_facets_count_sections_as_the_model_does(index, kb):
    expected = statute_sections(kb, r"\bbenefits?\b")
    expected |= {d.id for d in kb.document(STATUTE).divisions if re.search(r"\bbenefits?\b", d.heading, re.I)}
    results = index.search(SearchQuery(f"benefit doc:{STATUTE}"))
    assert results.total == len(expected)
    chapters = Counter(d.id for s in expected for d in kb.ancestors(s) + [kb.get(s).node]
                       if isinstance(d, Division) and d.kind == "chapter")
    assert {v.value: v.count for v in results.facets["chapter"]} == chapters
    assert {v.value: v.count for v in results.facets["document"]} == {STATUTE: len(expected)}
    assert {v.value for v in results.facets["lang"]} == {"en"}
    chapter_vi = next(v for v in results.facets["chapter"] if v.value.endswith("title:II/chapter:VI"))
    assert chapter_vi.label == "CHAPTER VI BASIC INCOME PROGRAM"
    assert sections(index, f"benefit doc:{STATUTE} {chapter_vi.filter}") == {
        s for s in expected if f"{STATUTE}/title:II/chapter:VI" in {d.id for d in kb.ancestors(s)}}


def test_pagination_covers_every_result_once(index):
    first = index.search(SearchQuery("person", per_page=100))
    full = [h.id for p in range(1, first.pages + 1) for h in index.search(SearchQuery("person", page=p, per_page=100)).hits]
    pages = [index.search(SearchQuery("person", page=p, per_page=7)) for p in range(1, first.total // 7 + 2)]
    ids = [h.id for page in pages for h in page.hits]
    assert ids == full and len(ids) == first.total == len(set(ids))
    full = first
    assert pages[0].pages == -(-full.total // 7)
    beyond = index.search(SearchQuery("person", page=pages[0].pages + 1, per_page=7))
    assert beyond.hits == () and beyond.total == full.total


def test_snippet_offsets_and_html(index):
    hit = next(h for h in everything(index, "liquid assets") if h.section == f"{STATUTE}/55")
    assert hit.snippet.matches
    for start, end in hit.snippet.matches:
        assert hit.snippet.text[start:end].lower() in ("liquid", "assets", "asset")
    assert hit.snippet.html.count("<mark>") == len(hit.snippet.matches)
    assert hit.breadcrumb.startswith("Individual and Family Assistance Act › TITLE II")


def test_snippets_escape_the_text(index):
    hit = index.search(SearchQuery(f"script doc:{EN_DOC}")).hits[0]
    assert hit.doc == EN_DOC
    assert "<script>" in hit.snippet.text
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet.html and "&amp;" in hit.snippet.html
    assert re.sub(r"</?mark>", "", hit.snippet.html).count("<") == 0
    assert html.unescape(re.sub(r"</?mark>", "", hit.snippet.html)) == hit.snippet.text


def test_guidance_units_are_hits(index):
    hit = index.search(SearchQuery(f"réserves doc:{FR_DOC}")).hits[0]
    assert (hit.id, hit.section, hit.kind, hit.doc_kind) == (f"{FR_DOC}/2/p1/1", f"{FR_DOC}/2", "bullet",
                                                              "guidance")
    assert hit.heading == hit_title(hit, "fr") == hit_title(hit, "en") == "Périodes considérées"


# -- did you mean ----------------------------------------------------------------------
@pytest.mark.parametrize("typo,fixed", [("benifit", "benefit"), ("spouce", "spouse"),
                                        ("solidarty program", "solidarity program"),
                                        ('"capacity for employmnt"', '"capacity for employment"')])
def test_did_you_mean(index, typo, fixed):
    results = index.search(SearchQuery(typo))
    assert results.did_you_mean == fixed
    assert index.search(SearchQuery(fixed)).total > 0


def test_no_correction_for_known_words(index):
    assert index.search(SearchQuery("solidarite")).did_you_mean is None
    assert index.search(SearchQuery("benefit spouse")).did_you_mean is None


# -- malformed input -------------------------------------------------------------------
EXPLAINED = ['"capacity for employment', "(spouse OR child", "spouse) child", "AND", "OR", "NOT", "spouse AND",
             "OR spouse", "NOT NOT", '""', "foo:bar", "status:nonsense", "in:\"chapter XCIX\"", "amended:soon",
             "x" * 10_000, "benefit " * 2000, "benefit\x00\x07\x1b[31m spouse", "***", "program:\"nothing\"",
             "lang:xx", "benifit~9"]
"""Malformed queries that must come back with a message saying how they were read."""
ODD = ["capacity for employment\"", "( )", "<script>alert(1)</script>", "?", "~", "status:", "\u202e\u200bbenefit",
       "in:", "kind:", "a" * 300 + "*", "s.", "))((", "-", "A-13.1.1/999", "guidance:", "in:\"\"", "«»"]
"""Odd queries that must simply be answered."""


@pytest.mark.parametrize("query", EXPLAINED)
def test_malformed_queries_come_with_a_message(index, query):
    results = index.search(SearchQuery(query))
    assert results.messages
    json.dumps(results.to_dict())


@pytest.mark.parametrize("query", ODD)
def test_odd_queries_are_answered(index, query):
    results = index.search(SearchQuery(query))
    assert results.total == len(results.hits) or results.pages > 1
    json.dumps(results.to_dict())


def test_messages_say_what_was_done(index):
    assert "closing" in index.search(SearchQuery('"capacity for employment')).messages[0]
    assert "unknown field 'foo'" in index.search(SearchQuery("foo:bar")).messages[0]
    assert "status" in index.search(SearchQuery("status:nonsense benefit")).messages[0]
    assert index.search(SearchQuery("status:nonsense benefit")).total == index.search(SearchQuery("benefit")).total
    assert "1,000" in index.search(SearchQuery("x" * 10_000)).messages[0]
    controls = index.search(SearchQuery("benefit\x00\x07 spouse"))
    assert controls.total == index.search(SearchQuery("benefit spouse")).total and controls.messages


QUERY_ALPHABET = st.sampled_from(list('abc"“”«»()*?~:- \'’') + ["AND", "OR", "NOT", "status:", "in:", "s. 55",
                                                                     "benefit", "é", "\x00", "<b>", "program:"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(QUERY_ALPHABET, max_size=30).map("".join)),
       st.integers(-3, 50), st.integers(-3, 200))
def test_arbitrary_queries_never_raise(index, text, page, per_page):
    results = index.search(SearchQuery(text, page=page, per_page=per_page))
    assert results.page >= 1 and 1 <= results.per_page <= 100
    for hit in results.hits:
        assert re.sub(r"</?mark>", "", hit.snippet.html).count("<") == 0


# -- CLI -------------------------------------------------------------------------------
def test_cli_search_json(data_dir, capsys):
    assert main(["--data", str(data_dir), "search", '"capacity for employment"', "--json", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"query", "results", "facets", "total", "did_you_mean"}
    assert len(out["results"]) == 3 and out["total"] > 3
    assert set(out["results"][0]) >= {"id", "score", "section", "status", "breadcrumb", "snippet"}


def test_cli_search_text_and_malformed(data_dir, capsys):
    assert main(["--data", str(data_dir), "search", "(spouse", "OR"]) == 0
    captured = capsys.readouterr()
    assert "Note: " in captured.out and "[spouse" in captured.out and captured.err == ""



def test_cli_search_without_index_fails_with_one_line(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "search", "benefit"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1 and "alinea build" in captured.err


def test_records_of_sections_and_units(kb):
    from search.records import records

    recs = {r.id: r for r in records(kb.corpus)}
    unit = recs[f"{STATUTE}/55/p1/2/a"]
    assert (unit.group, unit.kind, unit.chapter_id) == (f"{STATUTE}/55", "clause", f"{STATUTE}/title:II/chapter:I")
    assert unit.amended == tuple(sorted({e.year for e in kb.get(f"{STATUTE}/55").node.history}))
    assert recs[f"{STATUTE}/83.24"].programs == ("basic-income",)
    assert recs[f"{STATUTE}/title:II/chapter:III"].kinds == ("statute", "heading", "chapter")
    assert all(isinstance(kb.get(r.id).node, (Section, Unit, Division)) for r in recs.values())
