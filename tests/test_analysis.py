"""`search.analysis.analyse` (what both engines index and queries are read with) gives exactly the
tokens, offsets and stems of the Whoosh analyser chains that define the analysis."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import LANGS, analyse, pack, text_analyzer, unpack, word_analyzer

PIECES = st.sampled_from(["l’aide", "L'AIDE", "d'autre", "qu'il", "jusqu'à", "adult's", "adults’", "aujourd'hui",
                          "83.24", "s.", "révision", "Révisions", "bonifiés", "the", "de", "les", "Les", "père",
                          "ÉTAT", "naïve", "cœur", "ß", "İ", "_x_", "e.g.", "a.b's", "’s", "l’", " ", "\n", "-", ",",
                          "benefits", "spouses", "mothers-in-law"])
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=25).map(" ".join), st.lists(PIECES).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(LANGS + ("de",)))
def test_analyse_agrees_with_the_whoosh_chains(text, lang):
    tokens = analyse(text, lang)
    words = [(t.text, t.startchar, t.endchar) for t in word_analyzer()(text, chars=True, mode="index")]
    assert [(w, s, e) for w, s, e, _ in tokens] == words
    stems = [(t.startchar, t.text) for t in text_analyzer(lang)(text, chars=True, mode="index")]
    assert [(s, stem) for _, s, _, stem in tokens if stem] == stems
    assert unpack(pack(tokens)) == tokens


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_folding_accents_without_the_table_is_the_tables_folding(text):
    from whoosh.support.charset import accent_map

    from search.analysis import fold_accents

    assert fold_accents(text.lower()) == text.lower().translate(accent_map)


def test_the_french_accents_fold_as_the_table_folds_them():
    from whoosh.support.charset import accent_map

    from search.analysis import FRENCH_ACCENTS

    assert len(FRENCH_ACCENTS) == 27 and {c: ord(accent_map[c]) for c in FRENCH_ACCENTS} == FRENCH_ACCENTS


def test_a_stem_source_is_read_first_and_the_stemmer_answers_what_it_does_not_hold():
    import sqlite3

    from search.analysis import _stemmer, stem, stems_from

    try:
        stems_from(lambda word, lang: {"benefits": "benefit"}.get(word))
        assert stem("benefits", "en") == "benefit"
        assert stem("spouses", "en") == _stemmer("en")("spouses")
        stems_from(lambda word, lang: sqlite3.connect("file:/nonexistent/x?mode=ro", uri=True))  # its index removed
        assert stem("benefits", "fr") == _stemmer("fr")("benefits")
    finally:
        stems_from(None)


LINED = st.lists(st.one_of(TEXTS, st.lists(PIECES, max_size=6).map(" ".join)), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINED, min_size=1, max_size=4), st.sampled_from(LANGS))
def test_a_text_analysed_line_by_line_with_lines_met_before_is_the_text_analysed_whole(texts, lang):
    from search.analysis import analysed_lines, analysed_raw

    lines: dict = {}
    for parts in texts:  # texts sharing lines, as a section's and its units' records do
        for text in ("\n".join(parts), "\n".join(parts[1:]), parts[0]):
            assert analysed_lines(text, lang, lines) == analysed_raw(text, lang)


def test_a_forked_process_does_not_read_its_parents_stem_source():
    import multiprocessing

    from search.analysis import _stemmer, stem, stems_from

    stems_from(lambda word, lang: "parent's")
    try:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        child = context.Process(target=lambda: queue.put(stem("benefits", "en")))
        child.start()
        in_child = queue.get(timeout=60)
        child.join()
        assert stem("benefits", "en") == "parent's" and in_child == _stemmer("en")("benefits") == "benefit"
    finally:
        stems_from(None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=70_000), max_size=40))
def test_stored_offsets_read_back_whatever_their_gaps(gaps):
    """Offsets are stored as differences, one byte each below 128, several above (long words, long gaps)."""
    from array import array
    from itertools import accumulate

    from search.analysis import _deltas, _offsets

    offsets = array("I", accumulate(gaps))
    assert _offsets(_deltas(offsets)) == offsets


def test_a_decreasing_offset_is_refused_not_stored_wrong():
    from array import array

    from search.analysis import _deltas

    with pytest.raises(ValueError):
        _deltas(array("I", [5, 3]))
