"""The tantivy engine's early termination is exact: fetching only the best elements, in small steps,
gives the same pages as scoring every match; and above its counting cap it says so.

The exhaustive path is the same engine asked for every match at once (`FIRST_FETCH` above the
number of elements): every matching element scored, collapsed into sections and counted.  The
early path is forced on the small corpus by fetching a few elements at a time and capping the
count at a few sections, so that each page is assembled from several partial fetches, each cut
where its last score could be shared by elements left out."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import search.tantivy_index as tantivy_index
from alinea.kb import KnowledgeBase
from benchmarks.search import scaled
from graph.concepts import load_glossary
from search import SearchQuery, build_index, open_index
from tests.search_corpus import search_corpus
from tests.test_search import EXPLAINED, QUERY_ALPHABET
from tests.test_search_conformance import MORE, SUITE

WORDS = ["benefit", "benefits", "spouse", "child", "children", "income", "assistance", "employment", "capacity",
         "program", "last resort", "work", "aide", "revenu", "conjoint", "travail", "the", "of", "de", "la"]
OPERATORS = [" ", " ", " AND ", " OR ", " NOT ", " (", ") ", '"', "*", "~", " status:repealed ", ' status:"in force" ',
             " lang:fr ", " kind:guidance ", " s. 55 "]
QUERIES = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(OPERATORS)), min_size=1, max_size=8).map("".join)
"""Queries made of words the corpus holds, operators, filters and citations (ranked ones mostly)."""
PAGES = (1, 3)
PER_PAGE = 4


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The search corpus with two more copies of its Act (every score of the Act's elements is tied
    three times), in several segments (whose ties tantivy returns in no set order)."""
    kb = KnowledgeBase(scaled(search_corpus(), 3))
    path = tmp_path_factory.mktemp("tantivy")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tantivy_index, "SEGMENT_RECORDS", 150)
        build_index(kb.corpus, path, load_glossary(), engine="tantivy")
    opened = open_index(path, kb.resolver())
    assert opened.engine.compiler.searcher.num_segments > 1
    return opened


def results(index, text: str, page: int, fetch: int, cap: int, monkeypatch):
    monkeypatch.setattr(tantivy_index, "FIRST_FETCH", fetch)
    monkeypatch.setattr(tantivy_index, "COUNT_CAP", cap)
    return index.search(SearchQuery(text, page=page, per_page=PER_PAGE))


def page_of(found) -> list[tuple]:
    return [(h.id, h.section, h.score, h.snippet) for h in found.hits]


def assert_early_is_exact(index, text: str, monkeypatch) -> None:
    for page in PAGES:
        full = results(index, text, page, 100_000, 100_000, monkeypatch)
        assert full.total_exact
        early = results(index, text, page, 2, 3, monkeypatch)
        assert page_of(early) == page_of(full), (text, page)
        assert (early.citation, early.did_you_mean, early.messages) == (full.citation, full.did_you_mean,
                                                                        full.messages)
        if early.total_exact:
            assert (early.total, early.facets) == (full.total, full.facets), text
        else:  # more than the cap: the cap is a lower bound and the facets count the first cap sections
            assert 3 <= early.total < full.total, text
            if not early.citation:  # (a cited provision is counted besides)
                assert early.total == 3 == sum(v.count for v in early.facets["lang"]), text


@pytest.mark.parametrize("text", SUITE + MORE)
def test_early_termination_gives_the_exhaustive_pages(index, text, monkeypatch):
    assert_early_is_exact(index, text, monkeypatch)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(QUERIES, st.lists(QUERY_ALPHABET, max_size=12).map("".join)))
def test_early_termination_is_exact_on_generated_queries(index, monkeypatch, text):
    assert_early_is_exact(index, text, monkeypatch)


def test_above_the_cap_the_facets_count_the_first_sections(index, monkeypatch):
    everything = results(index, "benefit OR spouse", 1, 100_000, 100_000, monkeypatch)
    ranked = [h.section for p in range(1, everything.pages + 1)
              for h in results(index, "benefit OR spouse", p, 100_000, 100_000, monkeypatch).hits]
    first = set(ranked[:5])
    bounded = results(index, "benefit OR spouse", 1, 2, 5, monkeypatch)
    assert everything.total > 5 and (bounded.total, bounded.total_exact, bounded.pages) == (5, False, 2)
    by_doc = Counter(section.split("/")[0] for section in first)
    assert {v.value: v.count for v in bounded.facets["document"]} == by_doc
    assert bounded.to_dict()["total_exact"] is False


def test_a_malformed_query_is_still_answered(index, monkeypatch):
    for text in EXPLAINED:
        assert results(index, text, 1, 2, 3, monkeypatch).messages, text


def test_the_index_without_its_ranking_folder_is_reported(tmp_path, index):
    import shutil

    from alinea.errors import AlineaError
    from search.tantivy_index import RANKING_DIR, TantivyIndex

    copy = tmp_path / "copy"
    shutil.copytree(index.engine.directory, copy)
    shutil.rmtree(copy / RANKING_DIR)
    with pytest.raises(AlineaError, match="ranking index"):
        TantivyIndex().open(copy)
