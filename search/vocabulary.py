"""The terms an index holds and how many elements hold each: built once at `alinea build`, shared by
every engine, so that fuzzy terms, wildcards, prefixes and "did you mean" expand to the same terms
whichever engine answers.

Fields are ``words`` (every word as written, accents folded), ``text_en`` and ``text_fr`` (stems).

>>> v = Vocabulary({"words": {"benefit": 40, "benefits": 3, "spouse": 12}})
>>> v.within("benifit", 1), v.prefixed("benef"), v.matching("sp?use"), v.frequency("spouse")
(['benefit'], ['benefit', 'benefits'], ['spouse'], 12)
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from pathlib import Path

from alinea.errors import AlineaError
from search.analysis import Analysed, lang_of
from search.engine import IndexMissing

FILE = "vocabulary.json"
MAX_EXPANSION = 500
"""A fuzzy term, wildcard or prefix stands for at most this many terms (the most frequent)."""


class Vocabulary:
    """Terms and their document frequencies, per field; terms sorted for prefix look-ups."""

    def __init__(self, fields: dict[str, dict[str, int]]) -> None:
        self._df = fields
        self._sorted = {name: sorted(terms) for name, terms in fields.items()}
        self._by_first: dict[str, dict[str, list[str]]] = {}

    def frequency(self, term: str, field: str = "words") -> int:
        """Elements holding term in field (0 when none)."""
        return self._df.get(field, {}).get(term, 0)

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
                and _distance(t[prefix:], word[prefix:], maxdist) <= maxdist]

    def most_frequent(self, terms: list[str], field: str = "words", limit: int = MAX_EXPANSION) -> list[str]:
        """The `limit` most frequent of terms, in sorted order (how an expansion is bounded)."""
        if len(terms) <= limit:
            return terms
        return sorted(sorted(terms, key=lambda t: (-self.frequency(t, field), t))[:limit])

    def save(self, directory: Path) -> None:
        tmp = Path(directory) / (FILE + ".tmp")
        tmp.write_text(json.dumps(self._df, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, Path(directory) / FILE)

    @classmethod
    def load(cls, directory: Path) -> Vocabulary:
        return cls(json.loads((Path(directory) / FILE).read_text(encoding="utf-8")))

    @classmethod
    def of_index(cls, directory: Path | None) -> Vocabulary:
        """The vocabulary of the index open in directory (IndexMissing when a rebuild removed it)."""
        if directory is None:
            raise AlineaError("the search index is not open")
        try:
            return cls.load(directory)
        except (OSError, ValueError) as exc:
            raise IndexMissing(f"the search index in {directory}/ is gone ({exc})") from None


class VocabularyCounter:
    """Counts terms record by record while an index is built."""

    def __init__(self) -> None:
        self.fields: dict[str, Counter] = {"words": Counter(), "text_en": Counter(), "text_fr": Counter()}

    def add(self, forms: Analysed, lang: str) -> None:
        self.fields["words"].update(set(forms.words))
        self.fields[f"text_{lang_of(lang)}"].update(set(forms.stems) - {""})

    def vocabulary(self) -> Vocabulary:
        return Vocabulary({name: dict(counts) for name, counts in self.fields.items()})


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
