"""The lay-to-legal thesaurus: everyday words (English and Québec French) -> the Act's wording.

`corpus/thesaurus.json` (described in `corpus/README.md`) lists concepts, each with the
expressions people use (`say`, per language), phrases that occur verbatim in the Act
(`means`) and the sections that govern it.  `Thesaurus.find` spots the expressions in a
question: word by word on folded text (case and accents ignored), each word stemmed in
the question's language so that "quitting my job" meets "quit my job" and "coupée" meets
"coupé"; expressions of the other language match as written (people mix: "ma job",
"Objectif emploi").  Expressions written in capitals (BS, EI, TAQ) match only in capitals.

>>> th = load_thesaurus()
>>> [(m.text, m.entry) for m in th.find("Can they cut my cheque because I quit my job?", "en")][-1]
('quit my job', 'leaving-a-job')
>>> [m.entry for m in th.find("J'ai lâché ma job", "fr")]
['leaving-a-job']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from whoosh.lang import stemmer_for_language, stopwords_for_language

from alinea.errors import AlineaError
from alinea.ids import fold_chars
from graph.datafile import read_entries

THESAURUS = Path(__file__).resolve().parents[1] / "corpus" / "thesaurus.json"
LANGS = ("en", "fr")
_WORD = re.compile(r"\w+")
_ACRONYM = re.compile(r"^[A-ZÀ-Ý]{2,7}$")
_SECTION = re.compile(r"^\d+(?:\.\d+)*$")
NEAR = 3
"""Words an expression's words may be spread over beyond its own length, for a near match."""
_SENTENCE_END = re.compile(r"[.!?;:\n]")
_JOINER = re.compile(r"[\s\-‑'’/]+|,\s*")
"""What may stand between the words of an expression in a text."""


@dataclass(frozen=True)
class Entry:
    """One concept of the thesaurus."""

    id: str
    """A slug (``leaving-a-job``)."""
    say: dict[str, tuple[str, ...]]
    """Language -> everyday expressions."""
    means: tuple[str, ...]
    """Phrases that occur verbatim (case aside) in the English Act."""
    sections: tuple[str, ...]
    """Section numbers of the Act that govern the concept, most important first."""


class ThesaurusMatch(NamedTuple):
    """An everyday expression found in a text."""

    start: int
    end: int
    entry: str
    text: str
    """The words of the text, as written."""
    generality: int = 0
    """How many other entries have an expression that contains this one ("welfare" is in
    "apply for welfare", "welfare debt", "first time on welfare"...): a head word of the
    domain says where a question stands more than what it asks."""
    exact: bool = True
    """False when the expression's words were found close together but not as written
    ("quit the job" for "quit my job", "lâché ma petite job" for "lâché ma job")."""


_STEM: list[Callable[[str, str], str]] = []
"""The function a caller gave to stem a folded word in a language (`stem_with`)."""


def stem_with(stem: Callable[[str, str], str]) -> None:
    """Stem with `stem(word, lang)` rather than with the Snowball stemmer, which it must agree with:
    graph.govern_input gives search.analysis.stem, which reads the stems the build stored and imports
    the stemmers (with ``whoosh.compat`` and ``urllib.request``) only for another word."""
    _STEM[:] = [stem]
    stemmer.cache_clear()


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The language's stemmer (`stem_with`), each distinct word stemmed once per process."""
    if _STEM:
        given = _STEM[0]
        return lru_cache(maxsize=1 << 16)(lambda word: given(word, lang))
    return lru_cache(maxsize=1 << 16)(stemmer_for_language(lang))


def words_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each word of text."""
    folded = fold_chars(text)
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]


@cache
def _stop_stems(lang: str) -> frozenset[str]:
    """Stems of a language's common words (folded): they do not make a near match."""
    return frozenset(stems((w for _, _, w in words_of(" ".join(stopwords_for_language(lang)))), lang))


def stems(words: Iterable[str], lang: str) -> tuple[str, ...]:
    stem = stemmer(lang)
    return tuple(stem(w) for w in words)


class Thesaurus:
    """The entries, with a matcher for their expressions."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = {e.id: e for e in entries}
        self._stemmed: dict[str, dict[tuple[str, ...], str]] = {lang: {} for lang in LANGS}
        self._exact: dict[str, dict[tuple[str, ...], str]] = {lang: {} for lang in LANGS}
        self._acronyms: dict[str, str] = {}
        for entry in self.entries.values():
            for lang in LANGS:
                for expression in entry.say.get(lang, ()):
                    if _ACRONYM.match(expression):
                        self._acronyms.setdefault(expression, entry.id)
                        continue
                    words = tuple(w for _, _, w in words_of(expression))
                    if words:
                        self._exact[lang].setdefault(words, entry.id)
                        self._stemmed[lang].setdefault(stems(words, lang), entry.id)
        self._longest = max((len(k) for table in self._exact.values() for k in table), default=0)
        self._generality = {lang: _generality(table) for lang, table in self._stemmed.items()}
        self._near: dict[str, dict[str, list[tuple[frozenset[str], int, str]]]] = {lang: {} for lang in LANGS}
        for lang, table in self._stemmed.items():
            stop = _stop_stems(lang)
            for key, entry_id in table.items():
                content = frozenset(k for k in key if k not in stop)
                if len(content) >= 2:
                    for stem in content:
                        self._near[lang].setdefault(stem, []).append((content, len(key), entry_id))

    def tables(self) -> dict:
        """The matcher's tables as JSON-ready data, built once by `alinea build` so that a
        process reads them instead of stemming every expression again (see `from_tables`)."""
        def pairs(table: dict) -> list:
            return [[list(key), value] for key, value in table.items()]
        return {"stemmed": {lang: pairs(t) for lang, t in self._stemmed.items()},
                "exact": {lang: pairs(t) for lang, t in self._exact.items()},
                "generality": {lang: pairs(t) for lang, t in self._generality.items()},
                "near": {lang: {stem: [[sorted(content), size, entry] for content, size, entry in items]
                                for stem, items in t.items()} for lang, t in self._near.items()},
                "acronyms": self._acronyms, "longest": self._longest}

    @classmethod
    def from_tables(cls, entries: Iterable[Entry], tables: dict) -> Thesaurus:
        """The thesaurus whose `tables()` were given, without stemming anything; ValueError (or
        KeyError, TypeError) when they are not such tables."""
        def keyed(table: list) -> dict:
            return {tuple(key): value for key, value in table}
        self = cls.__new__(cls)
        self.entries = {e.id: e for e in entries}
        self._stemmed = {lang: keyed(tables["stemmed"][lang]) for lang in LANGS}
        self._exact = {lang: keyed(tables["exact"][lang]) for lang in LANGS}
        self._generality = {lang: keyed(tables["generality"][lang]) for lang in LANGS}
        self._near = {lang: {stem: [(frozenset(content), int(size), str(entry)) for content, size, entry in items]
                             for stem, items in tables["near"][lang].items()} for lang in LANGS}
        self._acronyms = dict(tables["acronyms"])
        self._longest = int(tables["longest"])
        return self

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def find(self, text: str, lang: str) -> list[ThesaurusMatch]:
        """Expressions found in text (written in lang), longest first, without overlaps, in text order."""
        lang = lang if lang in LANGS else "en"
        other = next(x for x in LANGS if x != lang)
        words = words_of(text)
        folded = [w for _, _, w in words]
        stemmed = stems(folded, lang)
        found: list[ThesaurusMatch] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                key, stem_key = tuple(folded[i:i + size]), stemmed[i:i + size]
                entry = self._stemmed[lang].get(stem_key)
                generality = self._generality[lang].get(stem_key, 0)
                if entry is None and key in self._exact[other]:
                    entry = self._exact[other][key]
                    generality = self._generality[other].get(stems(key, other), 0)
                if entry and all(_JOINER.fullmatch(text[words[k][1]:words[k + 1][0]]) for k in range(i, i + size - 1)):
                    start, end = words[i][0], words[i + size - 1][1]
                    found.append(ThesaurusMatch(start, end, entry, text[start:end], generality))
                    i += size
                    break
            else:
                original = text[words[i][0]:words[i][1]]
                if original in self._acronyms:
                    found.append(ThesaurusMatch(words[i][0], words[i][1], self._acronyms[original], original))
                i += 1
        return found + self._near_matches(text, words, stemmed, lang, {m.entry for m in found})

    def _near_matches(self, text: str, words: list[tuple[int, int, str]], stemmed: tuple[str, ...], lang: str,
                      known: set[str]) -> list[ThesaurusMatch]:
        """Expressions of two or more meaningful words whose words all occur, in any order, within
        a few words of each other in one sentence; one match per entry not already found."""
        found: list[ThesaurusMatch] = []
        table = self._near[lang]
        for i, stem in enumerate(stemmed):
            for content, size, entry_id in table.get(stem, ()):
                if entry_id in known:
                    continue
                window = range(max(0, i - size - NEAR), min(len(words), i + size + NEAR + 1))
                hits = [k for k in window if stemmed[k] in content]
                if {stemmed[k] for k in hits} != content:
                    continue
                first, last = min(hits), max(hits)
                if last - first > size + NEAR - 1 or _SENTENCE_END.search(text, words[first][1], words[last][0]):
                    continue
                start, end = words[first][0], words[last][1]
                found.append(ThesaurusMatch(start, end, entry_id, text[start:end], 0, False))
                known.add(entry_id)
        return sorted(found)


def _generality(table: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], int]:
    """Stemmed expression -> the number of other entries with a longer expression containing it."""
    by_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, entry in table.items():
        for word in set(key):
            by_word.setdefault(word, []).append((key, entry))
    out = {}
    for key, entry in table.items():
        n = len(key)
        others = {e for big, e in by_word.get(key[0], ()) if e != entry and len(big) > n
                  and any(big[i:i + n] == key for i in range(len(big) - n + 1))}
        out[key] = len(others)
    return out


def load_thesaurus(path: str | Path = THESAURUS) -> Thesaurus:
    """The thesaurus file, checked; AlineaError naming the file and entry when it is wrong."""
    path = Path(path)
    entries = read_entries(path, "thesaurus")
    out, seen = [], set()
    for i, item in enumerate(entries, 1):
        entry = _entry(item, f"{path}: entry {i}")
        if entry.id in seen:
            raise AlineaError(f"{path}: entry {i}: id {entry.id!r} is listed twice")
        seen.add(entry.id)
        out.append(entry)
    return Thesaurus(out)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _entry(item: object, where: str) -> Entry:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
        raise AlineaError(f"{where}: expected an object with an 'id'")
    say = item.get("say")
    if not isinstance(say, dict) or not all(_strings(say.get(lang, [])) for lang in LANGS):
        raise AlineaError(f"{where} ({item['id']}): 'say' must map 'en' and 'fr' to lists of strings")
    for key in ("means", "sections"):
        if not _strings(item.get(key)) or not item[key]:
            raise AlineaError(f"{where} ({item['id']}): {key!r} must be a non-empty list of strings")
    if bad := [s for s in item["sections"] if not _SECTION.match(s)]:
        raise AlineaError(f"{where} ({item['id']}): 'sections' has {bad[0]!r}, not a section number")
    return Entry(item["id"], {lang: tuple(say.get(lang, [])) for lang in LANGS}, tuple(item["means"]),
                 tuple(item["sections"]))
