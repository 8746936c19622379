"""The engines mean the same thing: the benchmark's query suite, the search tests' queries and
arbitrary queries give the same results with SQLite FTS5, tantivy and Whoosh (each compared with
FTS5).

Same everywhere: the total, the set of sections and headings on all pages, every facet count,
the citation, "did you mean" and the messages.  Where both engines score every hit alike (only
filters, only NOTs, a citation typed as an id: every score is 0) the hits are the same elements
in the same order.  Where they rank (BM25 both, with different idf and length normalisation; see
docs/search.md, "Engines") the order may differ, and so may the element a hit pinpoints within
its section.  Govern's bag scoring (search.bag) is the same formula over the same numbers on both:
the same sections, scores and reasons."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.kb import KnowledgeBase
from benchmarks.search import QUERIES, QUERIES_FR
from graph.concepts import load_glossary
from graph.thesaurus import load_thesaurus
from search import SearchQuery, WordBag, build_index, open_index
from search.crosslang import Lexicon
from search.plan import Translator
from search.policy import search_across
from search.query import parse
from search.store import ENGINES
from tests.search_corpus import search_corpus
from tests.test_search import EXPLAINED, ODD, QUERY_ALPHABET, STATUTE

SUITE = [text.format(last=STATUTE, section=f"{STATUTE}/55") for suite in (QUERIES, QUERIES_FR)
         for queries in suite.values() for text, _, _ in queries]
"""The benchmark's queries: words, phrases, booleans, prefixes, fuzzy terms, filters, citations."""
MORE = ["person", "income", "aide", "l'aide lang:fr", "revenu de base", "the benefit", "de la", "child OR children",
        '"capacity employment"~5', "benef?t", "spouse NOT child NOT children", "NOT benefit", "status:repealed",
        f"status:abrogé doc:{STATUTE}", f"amended:2016-2018 doc:{STATUTE}", "kind:guidance", "lang:fr",
        'in:"titre 2 chapitre 1" benefit', 'program:"revenu de base"', f"defines:spouse doc:{STATUTE}",
        "benifit", "solidarty program", "s. 55(2)(a)", "A-13.1.1/title:II/chapter:VI", "décisions", "bonifiés"]
"""Queries of the search tests (analysis, operators, filters, spelling, citations)."""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(search_corpus())


@pytest.fixture(scope="module")
def engines(tmp_path_factory, kb) -> dict:
    glossary = load_glossary()
    out = {}
    for name in sorted(ENGINES):
        path = tmp_path_factory.mktemp(f"conformance-{name}")
        build_index(kb.corpus, path, glossary, engine=name)
        out[name] = open_index(path, kb.resolver())
    return out


def all_pages(index, text: str) -> tuple:
    first = index.search(SearchQuery(text, per_page=100))
    hits = list(first.hits)
    for page in range(2, first.pages + 1):
        hits += index.search(SearchQuery(text, page=page, per_page=100)).hits
    return first, hits


def unscored(index, text: str) -> bool:
    """True when nothing in the query is ranked (filters and NOTs only)."""
    current = index.engine
    built = Translator(current.meta, current.vocabulary).translate(parse(text))
    return not built.highlight and not built.phrases


def pairs(engines: dict) -> list[tuple]:
    """(FTS5's index, another engine's), for each other engine."""
    return [(engines["fts5"], engines[name]) for name in sorted(engines) if name != "fts5"]


def assert_same(engines: dict, text: str) -> None:
    for a, b in pairs(engines):
        assert_same_pair(a, b, text)


def assert_same_pair(a, b, text: str) -> None:
    (first_a, hits_a), (first_b, hits_b) = all_pages(a, text), all_pages(b, text)
    assert first_a.total_exact and first_b.total_exact, text  # a small corpus is counted exactly
    assert first_a.total == first_b.total == len(hits_a) == len(hits_b), text
    assert {h.section for h in hits_a} == {h.section for h in hits_b}, text
    assert first_a.facets == first_b.facets, text
    assert (first_a.citation, first_a.did_you_mean, first_a.messages) == \
           (first_b.citation, first_b.did_you_mean, first_b.messages), text
    if first_a.citation:
        assert hits_a[0].id == hits_b[0].id == first_a.citation
    if unscored(a, text) or first_a.citation and len(hits_a) == 1:
        assert [h.id for h in hits_a] == [h.id for h in hits_b], text
        assert [h.snippet for h in hits_a] == [h.snippet for h in hits_b], text


@pytest.mark.parametrize("text", SUITE + MORE)
def test_the_engines_find_the_same(engines, text):
    assert_same(engines, text)


@pytest.mark.parametrize("text", EXPLAINED + ODD)
def test_the_engines_read_malformed_queries_alike(engines, text):
    assert_same(engines, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(QUERY_ALPHABET, max_size=12).map("".join))
def test_arbitrary_queries_give_the_same_results(engines, text):
    assert_same(engines, text)


def test_snippets_of_a_common_hit_are_the_same(engines):
    for pair in pairs(engines):
        by_engine = [{h.id: h.snippet for h in all_pages(index, '"capacity for employment" spouse OR benefit')[1]}
                     for index in pair]
        common = by_engine[0].keys() & by_engine[1].keys()
        assert common
        assert all(by_engine[0][i] == by_engine[1][i] for i in common)


def test_govern_bag_scoring_agrees(engines):
    bag = WordBag((("spouse", 1.0), ("child", 0.5), ("income", 1.0), ("benefit", 2.0), ("work", 1.0)),
                  (("capacity for employment", 2.0),))
    for a, b in pairs(engines):
        assert a.score_sections(bag) == b.score_sections(bag)


CROSS_LANGUAGE = ["avoirs liquides", "contraintes sévères", "liquid assets", "revenu de base conjoint",
                  "prestatoins", "solidarty program", "aide sociale enfant à charge", "basic income spouse"]
"""French and English queries that cross-language search rewrites, and misspellings the policy corrects."""


@pytest.mark.parametrize("text", CROSS_LANGUAGE)
def test_cross_language_search_and_did_you_mean_are_the_same_on_both_engines(engines, text):
    lexicon = Lexicon.of(load_glossary(), load_thesaurus())
    for pair in pairs(engines):
        a, b = (search_across(index, SearchQuery(text, per_page=100), lexicon) for index in pair)
        assert (a.total, a.carried, a.did_you_mean, a.messages) == (b.total, b.carried, b.did_you_mean, b.messages), text
        assert {h.section for h in a.hits} == {h.section for h in b.hits}, text


def test_the_conformance_queries_cross_languages(engines):
    lexicon = Lexicon.of(load_glossary(), load_thesaurus())
    carried = [text for text in CROSS_LANGUAGE if search_across(engines["fts5"], SearchQuery(text), lexicon).carried]
    assert len(carried) >= len(CROSS_LANGUAGE) // 2, carried


def test_the_engines_hold_the_same_vocabulary(engines):
    for pair in pairs(engines):
        a, b = (index.vocabulary for index in pair)
        for field in ("words", "text_en", "text_fr", "words_en", "words_fr"):
            assert a.terms(field) == b.terms(field) and a.terms(field), field
        assert a.forms == b.forms


def table_rows(directory) -> dict[str, list]:
    import sqlite3

    from search.fts5_index import DB_FILE

    db = sqlite3.connect(directory / DB_FILE)
    try:
        return {t: db.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("el", "store", "vals", "postings")}
    finally:
        db.close()


def test_a_build_on_several_cores_writes_what_one_core_writes(engines, kb, tmp_path, monkeypatch):
    import search.fts5_index as fts5_index

    monkeypatch.setattr(fts5_index, "PARALLEL_MIN", 0)
    monkeypatch.setattr(fts5_index, "CHUNK", 150)  # several chunks per worker
    monkeypatch.setattr("search.parallel.cores", lambda: 2)
    index = fts5_index.Fts5Index()
    index.build(kb.corpus, tmp_path / "parallel", load_glossary())
    serial = engines["fts5"].directory
    assert len(fts5_index._chunks(kb.corpus)) > 2
    assert table_rows(tmp_path / "parallel") == table_rows(serial)
    for name in ("vocabulary.json", "alinea-index.json"):
        assert json.loads((tmp_path / "parallel" / name).read_text()) == json.loads((serial / name).read_text())


def _on_two_cores(monkeypatch) -> None:
    import search.fts5_index as fts5_index

    monkeypatch.setattr(fts5_index, "PARALLEL_MIN", 0)
    monkeypatch.setattr(fts5_index, "CHUNK", 150)  # several chunks per worker
    monkeypatch.setattr("search.parallel.cores", lambda: 2)
    monkeypatch.setattr("search.tantivy_index.RANKING_BATCH", 100)  # several batches to the ranking process


def test_a_tantivy_build_on_several_cores_ranks_what_one_core_ranks(engines, kb, tmp_path, monkeypatch):
    """On several cores the ranking index is written by a process of its own: every page of every query
    is the one the index built on one core gives, scores included."""
    import search.tantivy_index as tantivy_index
    from search.tantivy_index import TantivyIndex

    started = []

    class Counted(tantivy_index._RankingProcess):
        def __init__(self, directory) -> None:
            started.append(directory)
            super().__init__(directory)

    _on_two_cores(monkeypatch)
    monkeypatch.setattr(tantivy_index, "_RankingProcess", Counted)
    TantivyIndex().build(kb.corpus, tmp_path / "parallel", load_glossary())
    assert started == [tmp_path / "parallel"]
    parallel = TantivyIndex()
    parallel.open(tmp_path / "parallel", kb.resolver())
    try:
        for text in SUITE + MORE:
            for page in (1, 2):
                query = SearchQuery(text, page=page, per_page=20)
                assert parallel.search(query).to_dict() == engines["tantivy"].search(query).to_dict(), text
    finally:
        parallel.close()


def test_a_ranking_process_that_fails_fails_the_build(kb, tmp_path, monkeypatch):
    from alinea.errors import AlineaError
    from search.tantivy_index import TantivyIndex, _Ranking

    def add(self, records):
        raise OSError("No space left on device")

    _on_two_cores(monkeypatch)
    monkeypatch.setattr(_Ranking, "add", add)
    with pytest.raises(AlineaError, match="ranking index's process failed: OSError: No space left on device"):
        TantivyIndex().build(kb.corpus, tmp_path / "parallel", load_glossary())
