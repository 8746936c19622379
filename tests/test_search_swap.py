"""Rebuilding the index while it is searched: readers see the old index or the new one."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from alinea.errors import DamagedData
from alinea.model import Corpus
from search import build_index, current_dir, open_index
from search.store import POINTER, PREFIX
from tests.search_corpus import search_corpus

WORD = "zanzibar"


def _corpora() -> tuple[Corpus, Corpus]:
    """The test corpus, and the same with s. 62 rewritten to say WORD instead of benefit."""
    old = search_corpus()
    statute = old.documents[0]
    s62 = statute.section("62")
    unit = replace(s62.units[0], text=s62.units[0].text.replace("benefit", WORD))
    new_62 = replace(s62, units=(unit,) + s62.units[1:])
    statute = replace(statute, sections=tuple(new_62 if s is s62 else s for s in statute.sections))
    return old, replace(old, documents=(statute,) + old.documents[1:])


@pytest.mark.slow
def test_queries_during_rebuilds_see_the_old_or_the_new_index(tmp_path):
    old, new = _corpora()
    build_index(old, tmp_path)
    index = open_index(tmp_path)
    expected = {q: {index.search(q).total} for q in (WORD, "benefit")}
    build_index(new, tmp_path)
    for q in expected:
        expected[q].add(index.search(q).total)
    assert expected[WORD] == {0, 1} and len(expected["benefit"]) == 2

    seen: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def search_until_stopped() -> None:
        reader = open_index(tmp_path)  # a reader of its own, as a web worker would have
        while not stop.is_set():
            for q in expected:
                try:
                    seen.append((q, reader.search(q).total))
                except BaseException as exc:  # noqa: BLE001 - any error is a failure of the swap
                    errors.append(exc)

    thread = threading.Thread(target=search_until_stopped)
    thread.start()
    try:
        for corpus in (old, new, old, new):
            build_index(corpus, tmp_path)
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert len(seen) > 20
    assert {total for q, total in seen if q == WORD} == {0, 1}  # both indexes were searched
    assert all(total in expected[q] for q, total in seen)
    assert index.search(WORD).total == 1  # the last build (new) is what a reader now sees
    assert len([p for p in tmp_path.glob(PREFIX + "*") if p.is_dir()]) <= 2


def test_a_reader_keeps_working_on_its_index_while_a_rebuild_swaps(tmp_path):
    old, new = _corpora()
    first = build_index(old, tmp_path)
    index = open_index(tmp_path)
    assert index.directory == first and index.search(WORD).total == 0
    second = build_index(new, tmp_path)
    assert first.is_dir()  # the previous index is kept for searches already under way
    assert index.search(WORD).total == 1 and index.directory == second
    build_index(old, tmp_path)
    assert not first.exists()


def test_the_pointer_names_only_index_directories(tmp_path):
    assert current_dir(tmp_path) is None  # nothing built: no index, no damage
    (tmp_path / POINTER).write_text("../elsewhere\n", encoding="utf-8")
    with pytest.raises(DamagedData, match="index.current does not name an index directory"):
        current_dir(tmp_path)
    (tmp_path / POINTER).write_text(PREFIX + "missing\n", encoding="utf-8")
    with pytest.raises(DamagedData, match="index.current names index.missing/, which is missing"):
        current_dir(tmp_path)
