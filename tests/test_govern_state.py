"""What `alinea build` stores for govern (graph.govern_state) is what a process would compute: the
ranker's prepared tables, the law graph's nodes and what governs each program."""
from __future__ import annotations

import dataclasses
import json

import pytest

from alinea.codec import encode
from alinea.errors import DamagedData
from alinea.kb import KnowledgeBase, load
from graph import govern_state
from graph.govern_rank import Prepared, compute_prepared, prepare, prepared_state, stored_prepared
from graph.queries import governing


@pytest.fixture(scope="module")
def fresh(data_dir):
    """The knowledge base read from the store, in a state no other test has warmed."""
    return load(data_dir)


def test_the_stored_prepared_tables_are_the_computed_ones(fresh):
    stored = stored_prepared(fresh)
    computed = compute_prepared(fresh)
    assert stored is not None and prepare(fresh) is not computed
    for f in dataclasses.fields(Prepared):
        if f.name == "lexicon":
            assert stored.lexicon.state() == computed.lexicon.state()
            assert stored.lexicon.translate(["prestation", "conjoint"]) == computed.lexicon.translate(["prestation", "conjoint"])
        else:
            assert getattr(stored, f.name) == getattr(computed, f.name), f.name
            assert list(getattr(stored, f.name)) == list(getattr(computed, f.name)), f"{f.name}: order"
    assert stored.roles and stored.root_idf and stored.lexicon.by_root


def test_the_stored_graph_facts_are_the_graphs(fresh):
    nodes = govern_state.graph_nodes(fresh)
    assert isinstance(nodes, govern_state.Nodes)
    assert nodes.nodes == dict(fresh.graph.nodes(data=True)) and list(nodes) == list(fresh.graph.nodes)
    programs = [n for n, kind in fresh.graph.nodes(data="kind") if kind == "program"]
    assert programs
    for program in programs:
        assert govern_state.stored_governed(fresh, program) == governing(fresh.graph, program)


def test_the_state_is_data_only(data_dir):
    from alinea.store import Store

    store = Store(data_dir)
    try:
        text = store.blob_text(govern_state.BLOB)
    finally:
        store.close()
    data = json.loads(text)
    assert data["version"] == govern_state.VERSION and data["prepared"]["sections"]


def _kb_with(fresh, state) -> KnowledgeBase:
    return KnowledgeBase(fresh.corpus, {"graph": fresh.graph, "glossary": fresh.glossary, "thesaurus": fresh.thesaurus,
                                        "word_table": fresh.word_table, govern_state.BLOB: state}, source="test.sqlite")


def _state(fresh) -> dict:
    return encode(govern_state.state(fresh, prepared_state(fresh)))


def test_a_state_of_other_fields_or_version_is_not_read_and_govern_computes_instead(fresh):
    state = _state(fresh)
    kb = _kb_with(fresh, {**state, "prepared": {**state["prepared"], "fields": state["prepared"]["fields"][1:]}})
    assert stored_prepared(kb) is None and govern_state.stored(kb) is not None
    assert prepare(kb).roles == prepare(fresh).roles
    kb = _kb_with(fresh, {**state, "version": govern_state.VERSION + 1})
    assert govern_state.stored(kb) is None and govern_state.graph_nodes(kb) is kb.graph


def test_a_damaged_state_is_named(fresh):
    state = _state(fresh)
    kb = _kb_with(fresh, {**state, "prepared": {**state["prepared"], "roles": ["not", "a", "table"]}})
    with pytest.raises(DamagedData, match="test.sqlite holds data that cannot be read"):
        stored_prepared(kb)


def test_the_stored_lay_documents_are_the_computed_ones(fresh):
    from graph.govern_lay import lay_documents, lay_index

    docs = govern_state.stored(fresh)["lay"]
    assert docs and fresh.decode(list[tuple[str, str, dict[str, int], tuple[str, ...]]], docs) == lay_documents(fresh)
    assert lay_index(fresh).docs == lay_documents(fresh)


def test_threads_reading_a_stored_table_at_once_all_get_it(data_dir):
    """The site serves with several threads: the first readers of a table not yet decoded wait for
    it rather than see it missing (it was None for 99 of 240 such reads)."""
    import threading

    for _ in range(5):
        kb = load(data_dir)
        start, seen = threading.Barrier(8), []

        def read(kb=kb, start=start, seen=seen):
            start.wait()
            seen.append((kb.stored("govern") is not None, kb.stored("glossary") is not None))

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert seen == [(True, True)] * 8
