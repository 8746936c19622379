"""The terms an index holds and how many elements hold each: built once at `alinea build`, shared by
every engine, so that fuzzy terms, wildcards, prefixes, "did you mean" and cross-language search
expand to the same terms whichever engine answers.

Fields are ``words`` (every word as written, accents folded), ``text_en`` and ``text_fr`` (stems),
and ``words_en`` / ``words_fr`` (the words of the elements of each language): what cross-language
search decides a word's language with (search.crosslang) and what the did-you-mean policy takes its
suggestions from (search.suggest), with the form each word is most often written in.

>>> v = Vocabulary({"words": {"benefit": 40, "benefits": 3, "spouse": 12}})
>>> v.within("benifit", 1), v.prefixed("benef"), v.matching("sp?use"), v.frequency("spouse")
(['benefit'], ['benefit', 'benefits'], ['spouse'], 12)
>>> v = Vocabulary.of_texts([("fr", "Les avoirs liquides."), ("en", "Liquid assets; the assets.")])
>>> v.count("avoirs", "fr"), v.count("Avoirs", "en"), v.count("assets", "en")
(1, 0, 1)
>>> v.near("liquide", "fr")
[('liquides', 1)]
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from itertools import filterfalse
from pathlib import Path
from typing import Iterable

from alinea.errors import AlineaError
from search.analysis import ELIDED, Analysed, analysed_lines, analysed_raw, analysed_word, fold_accents, lang_of
from search.engine import IndexMissing

FILE = "vocabulary.json"
MAX_EXPANSION = 500
"""A fuzzy term, wildcard or prefix stands for at most this many terms (the most frequent)."""
LANGS = ("en", "fr")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word of letters, with inner apostrophes (``l’aide``)."""
MAX_WORD = 40


def fold(word: str) -> str:
    """A word as the ``words`` field holds it: lower case, an elided French article dropped, accents
    folded (``L’Aide`` -> ``aide``)."""
    word = word.lower().replace("’", "'")
    head, _, rest = word.partition("'")
    if rest and head in ELIDED:
        word = rest
    return fold_accents(word)


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of each word of letters of a text."""
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text) if len(m.group()) <= MAX_WORD]


def _lettered(word: str) -> bool:
    return word.replace("'", "").isalpha() and len(word) <= MAX_WORD


class Vocabulary:
    """Terms and their document frequencies, per field; terms sorted for prefix look-ups; the form a
    folded word is most often written in when it differs from the folded word."""

    def __init__(self, fields: dict[str, dict[str, int]], forms: dict[str, str] | None = None) -> None:
        self._df = fields
        self.forms = forms or {}
        self._sorted = {name: sorted(terms) for name, terms in fields.items()}
        self._by_first: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def of_texts(cls, texts: Iterable[tuple[str, str]]) -> Vocabulary:
        """From (language, text) pairs, analysed as the engines analyse the elements they index."""
        counter = VocabularyCounter()
        for lang, text in texts:
            counter.add(text, lang)
        return counter.vocabulary()

    def frequency(self, term: str, field: str = "words") -> int:
        """Elements holding term in field (0 when none)."""
        return self._df.get(field, {}).get(term, 0)

    def count(self, word: str, lang: str) -> int:
        """Elements of that language that hold the word (folded comparison)."""
        return self.frequency(fold(word), f"words_{lang_of(lang)}")

    def form(self, folded: str) -> str:
        """How a folded word is most often written in the texts (``severes`` -> ``sévères``)."""
        return self.forms.get(folded, folded)

    def near(self, word: str, lang: str, max_edits: int = 2) -> list[tuple[str, int]]:
        """Words of that language within 1 (else `max_edits`) edits of `word`, same first letter,
        most frequent first, as written."""
        folded, field = fold(word), f"words_{lang_of(lang)}"
        for edits in range(1, max_edits + 1):
            found = [(w, self.frequency(w, field)) for w in self.within(folded, edits, field=field) if w != folded]
            if found:
                return [(self.form(w), n) for w, n in sorted(found, key=lambda x: (-x[1], x[0]))]
        return []

    def terms(self, field: str = "words") -> list[str]:
        """Every term of field, sorted."""
        return self._sorted.get(field, [])

    def prefixed(self, prefix: str, field: str = "words") -> list[str]:
        """Terms starting with prefix, sorted."""
        terms = self.terms(field)
        start = bisect.bisect_left(terms, prefix)
        end = bisect.bisect_left(terms, prefix + "\U0010ffff")
        return terms[start:end]

    def matching(self, pattern: str, field: str = "words") -> list[str]:
        """Terms matching a wildcard pattern (``*`` any characters, ``?`` one), sorted."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        regex = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern))
        return [t for t in self.prefixed(literal, field) if regex.fullmatch(t)]

    def within(self, word: str, maxdist: int, prefix: int = 1, field: str = "words") -> list[str]:
        """Terms within maxdist Levenshtein edits of word sharing its first `prefix` characters, sorted."""
        if len(word) < prefix:
            return []
        if field not in self._by_first:
            buckets: dict[str, list[str]] = {}
            for term in self.terms(field):
                buckets.setdefault(term[:1], []).append(term)
            self._by_first[field] = buckets
        head = word[:prefix]
        return [t for t in self._by_first[field].get(word[:1], ())
                if t.startswith(head) and abs(len(t) - len(word)) <= maxdist
                and distance(t[prefix:], word[prefix:], maxdist) <= maxdist]

    def most_frequent(self, terms: list[str], field: str = "words", limit: int = MAX_EXPANSION) -> list[str]:
        """The `limit` most frequent of terms, in sorted order (how an expansion is bounded)."""
        if len(terms) <= limit:
            return terms
        return sorted(sorted(terms, key=lambda t: (-self.frequency(t, field), t))[:limit])

    def save(self, directory: Path) -> None:
        tmp = Path(directory) / (FILE + ".tmp")
        data = {"fields": self._df, "forms": self.forms}
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, Path(directory) / FILE)

    @classmethod
    def load(cls, directory: Path) -> Vocabulary:
        data = json.loads((Path(directory) / FILE).read_text(encoding="utf-8"))
        return cls(data["fields"], data["forms"])

    @classmethod
    def of_index(cls, directory: Path | None) -> Vocabulary:
        """The vocabulary of the index open in directory (IndexMissing when a rebuild removed it)."""
        if directory is None:
            raise AlineaError("the search index is not open")
        try:
            return cls.load(directory)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexMissing(f"the search index in {directory}/ is gone ({exc})") from None


class VocabularyCounter:
    """Counts terms record by record while an index is built (in C-speed Counter updates: the
    per-word work is done once per distinct word, in `vocabulary`)."""

    def __init__(self) -> None:
        self.words = {lang: Counter() for lang in LANGS}
        """Language -> word -> elements of that language holding it."""
        self.stems = {lang: Counter() for lang in LANGS}
        self.raws = {lang: Counter() for lang in LANGS}
        """Language -> raw token, as written -> occurrences (what a word's written form is read from):
        non-ASCII tokens only, since an ASCII token is written as its word is indexed."""

    def add(self, text: str, lang: str, lines: dict | None = None) -> Analysed:
        """Count one element's text; returns its analysis (search.analysis.analysed; with `lines`,
        the lines of the text analysed before are taken from it: search.analysis.analysed_lines)."""
        lang = lang_of(lang)
        forms, raws = analysed_raw(text, lang) if lines is None else analysed_lines(text, lang, lines)
        self.words[lang].update(set(forms.words))
        self.stems[lang].update(set(forms.stems))
        if not text.isascii():  # an ASCII token is written as it is indexed
            self.raws[lang].update(filterfalse(str.isascii, raws))
        return forms

    def merge(self, other: VocabularyCounter) -> None:
        """Add the counts of another counter (of other elements)."""
        for mine, theirs in ((self.words, other.words), (self.stems, other.stems), (self.raws, other.raws)):
            for lang in LANGS:
                mine[lang].update(theirs[lang])

    def vocabulary(self) -> Vocabulary:
        words: Counter = Counter()
        fields: dict[str, dict[str, int]] = {}
        for lang in LANGS:
            words.update(self.words[lang])
            fields[f"text_{lang}"] = {stem: n for stem, n in self.stems[lang].items() if stem}
            fields[f"words_{lang}"] = {w: n for w, n in self.words[lang].items() if _lettered(w)}
        written: dict[str, Counter] = {}
        for lang in LANGS:
            for raw, n in self.raws[lang].items():
                word, start, end, _ = analysed_word(raw, lang)
                surface = raw[start:len(raw) + end].lower().replace("’", "'")
                if surface != word and _lettered(word):
                    written.setdefault(word, Counter())[surface.split("'")[-1]] += n
        forms = {word: c.most_common(1)[0][0] for word, c in written.items()}
        return Vocabulary({"words": dict(words), **{k: fields[k] for k in sorted(fields)}},
                          {word: form for word, form in forms.items() if form != word})


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:
        return _one_edit(a, b)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _one_edit(a: str, b: str) -> int:
    """`distance(a, b, 1)` of words whose lengths differ by one at most, without the table: 0 when
    equal, 1 when one substitution, insertion or deletion makes one the other, else 2 (what a
    misspelling check asks of every phrase of the lexicon, per query)."""
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return 1 if a[i + (len(a) == len(b)):] == b[i + 1:] else 2
