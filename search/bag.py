"""Scoring a search.engine.WordBag over any engine's index: BM25 computed here from the index's
postings, which are read once per term and kept (a bag has dozens of optional terms; a generic
union of that many terms costs tens of milliseconds, this costs a few).

The score of an element is BM25F for a disjunction of the bag's terms (each term's weight
multiplies its score; idf ``log(N / (df + 1)) + 1``, Whoosh's), plus, for each phrase, BM25
with the phrase's occurrences as its frequency and the rarest of its words' idf.  Elements are
collapsed into sections: the section's own record gives `SectionScore.score`, its best element
the pinpoint.  An engine provides the numbers (`Postings`); every engine scores alike.
"""
from __future__ import annotations

import math
import threading
from array import array
from collections import Counter
from typing import Protocol

from search.analysis import LANGS, Analysed, lang_of, query_stems, query_words
from search.engine import SectionScore, WordBag
from search.snippets import find_matches
from search.vocabulary import Vocabulary

B, K1 = 0.75, 1.2
"""Whoosh's BM25F defaults."""


class Postings(Protocol):
    """What an engine's index says about its elements (numbered as search.pipeline numbers them).
    ctx is whatever the engine reads with in one call (a searcher, a connection)."""

    count: int
    ids: list[str]
    """Element number -> id."""
    headings: set[int]
    """Element numbers of division headings (never a section's evidence)."""
    vocabulary: Vocabulary

    def group(self, n: int) -> str: ...

    def doc_kind(self, n: int) -> str: ...

    def lengths(self, ctx, field: str) -> tuple[array, float]:
        """Element number -> length of field in tokens; and the average length over every element."""

    def postings(self, ctx, field: str, term: str) -> tuple[tuple[int, float], ...]:
        """(element number, occurrences) of a term."""

    def positions(self, ctx, word: str) -> dict[int, tuple[int, ...]]:
        """Element number -> positions of a ``words`` term."""

    def stored(self, ctx, n: int) -> dict:
        """search.pipeline.STORED fields of an element."""


class BagScorer:
    """Postings, field lengths and element kinds of one open index, read when first needed."""

    def __init__(self, source: Postings) -> None:
        self.source = source
        self.vocabulary = source.vocabulary
        self._lengths: dict[str, tuple[array, float]] = {}
        self._postings: dict[tuple[str, str], tuple[tuple[int, float], ...]] = {}
        self._positions: dict[str, dict[int, tuple[int, ...]]] = {}
        self._lock = threading.Lock()

    # -- what the index holds -------------------------------------------------------------
    def _length(self, ctx, field: str) -> tuple[array, float]:
        if field not in self._lengths:
            lengths, average = self.source.lengths(ctx, field)
            with self._lock:
                self._lengths[field] = (lengths, average or 1.0)
        return self._lengths[field]

    def _posting(self, ctx, field: str, term: str) -> tuple[tuple[int, float], ...]:
        key = (field, term)
        if key not in self._postings:
            self._postings[key] = self.source.postings(ctx, field, term) if self._df(field, term) else ()
        return self._postings[key]

    def _word_positions(self, ctx, word: str) -> dict[int, tuple[int, ...]]:
        if word not in self._positions:
            self._positions[word] = self.source.positions(ctx, word) if self._df("words", word) else {}
        return self._positions[word]

    def _df(self, field: str, term: str) -> int:
        return self.vocabulary.frequency(term, field)

    def _idf(self, field: str, term: str) -> float:
        return math.log(self.source.count / (self._df(field, term) + 1)) + 1

    # -- one bag ------------------------------------------------------------------------
    def score(self, ctx, bag: WordBag) -> list[SectionScore]:
        terms = self._terms(bag)
        phrases = self._phrases(bag)
        scores: Counter = Counter()
        for (field, term), weight in terms.items():
            lengths, average = self._length(ctx, field)
            idf = self._idf(field, term)
            for n, tf in self._posting(ctx, field, term):
                scores[n] += weight * _bm25(idf, tf, lengths[n], average)
        if phrases:
            lengths, average = self._length(ctx, "words")
            for words, weight in phrases:
                idf = max(self._idf("words", w) for w in words)
                for n, tf in self._phrase_counts(ctx, words).items():
                    scores[n] += weight * _bm25(idf, tf, lengths[n], average)
        return self._sections(ctx, bag, scores, terms, [w for w, _ in phrases])

    def _terms(self, bag: WordBag) -> dict[tuple[str, str], float]:
        """(field, term) -> weight: a term said n times weighs its heaviest weight times
        1 + ln(n) / 2; only terms of the index, the weightiest and rarest `max_terms` of them."""
        heaviest: dict[tuple[str, str], float] = {}
        counts: Counter = Counter()
        for text, weight in bag.words:
            for lang in LANGS:
                for stem in query_stems(text, lang):
                    key = (f"text_{lang}", stem)
                    heaviest[key] = max(heaviest.get(key, 0.0), weight)
                    counts[key] += 1
        weights = {key: w * (1 + math.log(counts[key]) / 2) for key, w in heaviest.items()
                   if w > 0 and self._df(*key)}
        ranked = sorted(weights, key=lambda k: (-weights[k] * self._idf(*k), k))
        return {key: weights[key] for key in ranked[:bag.max_terms]}

    def _phrases(self, bag: WordBag) -> list[tuple[tuple[str, ...], float]]:
        out = []
        for text, weight in bag.phrases:
            words = tuple(w for w, _, _ in query_words(text))
            if words and weight > 0 and all(self._df("words", w) for w in words):
                out.append((words, weight))
        return out

    def _phrase_counts(self, ctx, words: tuple[str, ...]) -> dict[int, int]:
        """Element number -> occurrences of the words in that order."""
        positions = [self._word_positions(ctx, w) for w in words]
        docs = set(positions[0]).intersection(*positions[1:])
        out = {}
        for n in docs:
            later = [set(p[n]) for p in positions[1:]]
            count = sum(all(start + k + 1 in later[k] for k in range(len(later))) for start in positions[0][n])
            if count:
                out[n] = count
        return out

    def _sections(self, ctx, bag: WordBag, scores: Counter, terms: dict[tuple[str, str], float],
                  phrases: list[tuple[str, ...]]) -> list[SectionScore]:
        source = self.source
        own: dict[str, float] = {}
        best: dict[str, tuple[float, int]] = {}
        for n, score in scores.items():
            if n in source.headings or source.doc_kind(n) != bag.doc_kind:
                continue
            group = source.group(n)
            if source.ids[n] == group:
                own[group] = score
            if group not in best or score > best[group][0] or (score == best[group][0] and n < best[group][1]):
                best[group] = (score, n)
        order = sorted(best, key=lambda g: (-max(own.get(g, 0.0), best[g][0]), g))[:bag.limit]
        by_field: dict[str, set[str]] = {}
        for field, term in terms:
            by_field.setdefault(field, set()).add(term)
        out = []
        for i, group in enumerate(order):
            score, n = best[group]
            matched: tuple[str, ...] = ()
            if i < bag.explain:
                stored = source.stored(ctx, n)
                spans = find_matches(Analysed.unpacked(stored["tokens"]), set(), by_field.get(f"text_{lang_of(stored['lang'])}", set()), phrases)
                body = stored["body"]
                matched = tuple(dict.fromkeys(" ".join(body[s:e].split()) for s, e in spans))
            out.append(SectionScore(group, round(own.get(group, 0.0), 4), source.ids[n], round(score, 4), matched))
        return out


def _bm25(idf: float, tf: float, length: float, average: float) -> float:
    return idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * length / average))
