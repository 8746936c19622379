"""The words of an index per language, as written, with how many indexed elements hold each: what
cross-language search decides a word's language with, and what "did you mean" takes its
suggestions from. Every engine builds it from the texts it indexed (`Vocabulary.of_texts`), so
the policies of search.crosslang and search.suggest stay the same whatever engine is behind.

>>> v = Vocabulary.of_texts([("fr", "Les avoirs liquides."), ("en", "Liquid assets; the assets.")])
>>> v.count("avoirs", "fr"), v.count("Avoirs", "en"), v.count("assets", "en")
(1, 0, 1)
>>> v.near("liquide", "fr")
[('liquides', 1)]
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable

LANGS = ("en", "fr")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word of letters, with inner apostrophes (``l’aide``)."""
ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
MAX_WORD = 40


def fold(word: str) -> str:
    """Lower case, accents removed, an elided French article dropped (``L’Aide`` -> ``aide``)."""
    word = word.lower().replace("’", "'")
    head, _, rest = word.partition("'")
    if rest and head in ELIDED:
        word = rest
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of each word of a text."""
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text) if len(m.group()) <= MAX_WORD]


class Vocabulary:
    """Folded word -> (elements of each language that hold it, the form it is most often written in)."""

    def __init__(self, counts: dict[str, Counter], forms: dict[str, str]) -> None:
        self.counts = counts
        self.forms = forms
        self._by_initial: dict[tuple[str, str], list[str]] = {}
        for lang, counter in counts.items():
            for word in counter:
                self._by_initial.setdefault((lang, word[:1]), []).append(word)

    @classmethod
    def of_texts(cls, texts: Iterable[tuple[str, str]]) -> "Vocabulary":
        """From (language, text) pairs: the indexed elements."""
        counts: dict[str, Counter] = {lang: Counter() for lang in LANGS}
        written: dict[str, Counter] = {}
        for lang, text in texts:
            seen = set()
            for match in WORD.finditer(text):
                surface = match.group()
                if len(surface) > MAX_WORD:
                    continue
                word = fold(surface)
                seen.add(word)
                written.setdefault(word, Counter())[surface.lower().replace("’", "'").split("'")[-1]] += 1
            counts.setdefault(lang if lang in LANGS else "en", Counter()).update(seen)
        forms = {word: c.most_common(1)[0][0] for word, c in written.items()}
        return cls(counts, forms)

    def count(self, word: str, lang: str) -> int:
        """Elements of that language that hold the word (folded comparison)."""
        return self.counts.get(lang, Counter()).get(fold(word), 0)

    def form(self, folded: str) -> str:
        """How a folded word is most often written in the texts (``severes`` -> ``sévères``)."""
        return self.forms.get(folded, folded)

    def near(self, word: str, lang: str, max_edits: int = 2) -> list[tuple[str, int]]:
        """Words of that language within 1 (else `max_edits`) edits of `word`, same first letter,
        most frequent first, as written."""
        folded = fold(word)
        candidates = self._by_initial.get((lang, folded[:1]), [])
        for edits in range(1, max_edits + 1):
            found = [(w, self.counts[lang][w]) for w in candidates
                     if w != folded and abs(len(w) - len(folded)) <= edits and distance(w, folded, edits) <= edits]
            if found:
                return [(self.form(w), n) for w, n in sorted(found, key=lambda x: (-x[1], x[0]))]
        return []


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, cut short above `limit` (returns limit + 1)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
