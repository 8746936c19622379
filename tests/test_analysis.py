"""`search.analysis.analyse` (what both engines index and queries are read with) gives exactly the
tokens, offsets and stems of the Whoosh analyser chains that define the analysis."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import LANGS, analyse, pack, text_analyzer, unpack, word_analyzer

PIECES = st.sampled_from(["l’aide", "L'AIDE", "d'autre", "qu'il", "jusqu'à", "adult's", "adults’", "aujourd'hui",
                          "83.24", "s.", "révision", "Révisions", "bonifiés", "the", "de", "les", "Les", "père",
                          "ÉTAT", "naïve", "cœur", "ß", "İ", "_x_", "e.g.", "a.b's", "’s", "l’", " ", "\n", "-", ",",
                          "benefits", "spouses", "mothers-in-law"])
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=25).map(" ".join), st.lists(PIECES).map("".join))


@settings(max_examples=300)
@given(TEXTS, st.sampled_from(LANGS + ("de",)))
def test_analyse_agrees_with_the_whoosh_chains(text, lang):
    tokens = analyse(text, lang)
    words = [(t.text, t.startchar, t.endchar) for t in word_analyzer()(text, chars=True, mode="index")]
    assert [(w, s, e) for w, s, e, _ in tokens] == words
    stems = [(t.startchar, t.text) for t in text_analyzer(lang)(text, chars=True, mode="index")]
    assert [(s, stem) for _, s, _, stem in tokens if stem] == stems
    assert unpack(pack(tokens)) == tokens
