"""Scoring a search.engine.WordBag over a Whoosh index: BM25 computed here from the index's
postings, which are read once per term and kept (a bag has dozens of optional terms, and
Whoosh's generic union matcher costs tens of milliseconds for that; this costs a few).

The score of an element is Whoosh's BM25F for a disjunction of the bag's terms (each term's
weight multiplies its score), plus, for each phrase, BM25 with the phrase's occurrences as
its frequency and the rarest of its words' idf.  Elements are collapsed into sections: the
section's own record gives `SectionScore.score`, its best element the pinpoint.
"""
from __future__ import annotations

import json
import math
import threading
from array import array
from collections import Counter

from whoosh.searching import Searcher

from search.analysis import LANGS, lang_of, text_analyzer, word_analyzer
from search.engine import SectionScore, WordBag
from search.snippets import find_matches

B, K1 = 0.75, 1.2
"""Whoosh's BM25F defaults."""


class BagScorer:
    """Postings, field lengths and element kinds of one open index, read when first needed."""

    def __init__(self, searcher: Searcher, columns) -> None:
        reader = searcher.reader()
        self.columns = columns
        self.count = reader.doc_count_all()
        stored = [reader.stored_fields(n) for n in range(self.count)]
        self.ids = [f["id"] for f in stored]
        self.headings = {n for n, f in enumerate(stored) if f["element"] == "heading"}
        self._lengths: dict[str, array] = {}
        self._average: dict[str, float] = {}
        self._postings: dict[tuple[str, str], tuple[tuple[int, float], ...]] = {}
        self._positions: dict[str, dict[int, tuple[int, ...]]] = {}
        self._lock = threading.Lock()

    # -- what the index holds -------------------------------------------------------------
    def _length(self, searcher: Searcher, field: str) -> tuple[array, float]:
        if field not in self._lengths:
            reader = searcher.reader()
            with self._lock:
                self._lengths[field] = array("f", (reader.doc_field_length(n, field, 1) or 0 for n in range(self.count)))
                self._average[field] = searcher.avg_field_length(field) or 1.0
        return self._lengths[field], self._average[field]

    def _posting(self, reader, field: str, term: str) -> tuple[tuple[int, float], ...]:
        key = (field, term)
        if key not in self._postings:
            found = tuple(reader.postings(field, term).items_as("weight")) if reader.doc_frequency(field, term) else ()
            self._postings[key] = found
        return self._postings[key]

    def _word_positions(self, reader, word: str) -> dict[int, tuple[int, ...]]:
        if word not in self._positions:
            found = reader.postings("words", word).items_as("positions") if reader.doc_frequency("words", word) else ()
            self._positions[word] = {n: tuple(p) for n, p in found}
        return self._positions[word]

    # -- one bag ------------------------------------------------------------------------
    def score(self, searcher: Searcher, bag: WordBag) -> list[SectionScore]:
        reader = searcher.reader()
        terms = self._terms(searcher, bag)
        phrases = self._phrases(reader, bag)
        scores: Counter = Counter()
        for (field, term), weight in terms.items():
            lengths, average = self._length(searcher, field)
            idf = searcher.idf(field, term)
            for n, tf in self._posting(reader, field, term):
                scores[n] += weight * _bm25(idf, tf, lengths[n], average)
        if phrases:
            lengths, average = self._length(searcher, "words")
            for words, weight in phrases:
                idf = max(searcher.idf("words", w) for w in words)
                for n, tf in self._phrase_counts(reader, words).items():
                    scores[n] += weight * _bm25(idf, tf, lengths[n], average)
        return self._sections(searcher, bag, scores, terms, [w for w, _ in phrases])

    def _terms(self, searcher: Searcher, bag: WordBag) -> dict[tuple[str, str], float]:
        """(field, term) -> weight: a term said n times weighs its heaviest weight times
        1 + ln(n) / 2; only terms of the index, the weightiest and rarest `max_terms` of them."""
        heaviest: dict[tuple[str, str], float] = {}
        counts: Counter = Counter()
        for text, weight in bag.words:
            for lang in LANGS:
                for token in text_analyzer(lang)(text, mode="query"):
                    key = (f"text_{lang}", token.text)
                    heaviest[key] = max(heaviest.get(key, 0.0), weight)
                    counts[key] += 1
        reader = searcher.reader()
        weights = {key: w * (1 + math.log(counts[key]) / 2) for key, w in heaviest.items()
                   if w > 0 and reader.doc_frequency(*key)}
        ranked = sorted(weights, key=lambda k: (-weights[k] * searcher.idf(*k), k))
        return {key: weights[key] for key in ranked[:bag.max_terms]}

    @staticmethod
    def _phrases(reader, bag: WordBag) -> list[tuple[tuple[str, ...], float]]:
        out = []
        for text, weight in bag.phrases:
            words = tuple(t.text for t in word_analyzer()(text, mode="query"))
            if words and weight > 0 and all(reader.doc_frequency("words", w) for w in words):
                out.append((words, weight))
        return out

    def _phrase_counts(self, reader, words: tuple[str, ...]) -> dict[int, int]:
        """Document number -> occurrences of the words in that order."""
        positions = [self._word_positions(reader, w) for w in words]
        docs = set(positions[0]).intersection(*positions[1:])
        out = {}
        for n in docs:
            later = [set(p[n]) for p in positions[1:]]
            count = sum(all(start + k + 1 in later[k] for k in range(len(later))) for start in positions[0][n])
            if count:
                out[n] = count
        return out

    def _sections(self, searcher: Searcher, bag: WordBag, scores: Counter, terms: dict[tuple[str, str], float],
                  phrases: list[tuple[str, ...]]) -> list[SectionScore]:
        own: dict[str, float] = {}
        best: dict[str, tuple[float, int]] = {}
        for n, score in scores.items():
            if n in self.headings or self.columns.get("doc_kind", n) != bag.doc_kind:
                continue
            group = self.columns.get("group", n)
            if self.ids[n] == group:
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
                stored = searcher.stored_fields(n)
                body, lang = stored["body"], stored["lang"]
                tokens = [tuple(t) for t in json.loads(stored["tokens"])]
                spans = find_matches(tokens, set(), by_field.get(f"text_{lang_of(lang)}", set()), phrases)  # type: ignore[arg-type]
                matched = tuple(dict.fromkeys(" ".join(body[s:e].split()) for s, e in spans))
            out.append(SectionScore(group, round(own.get(group, 0.0), 4), self.ids[n], round(score, 4), matched))
        return out


def _bm25(idf: float, tf: float, length: float, average: float) -> float:
    return idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * length / average))
