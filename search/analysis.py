"""Text analysis per language: what a word of the law becomes in the index.

Two kinds of analyser, both folding case and accents and dropping French
elisions (``l'``, ``d'``, ``qu'`` with straight or typographic apostrophes)
and English possessives:

- `text_analyzer(lang)` also removes stop words and stems (English Porter,
  French Snowball): the ``text_en`` / ``text_fr`` fields that plain words search;
- `word_analyzer()` keeps every word as written: the ``words`` field that
  phrases, proximity, prefixes, wildcards, fuzzy terms and spelling use, so that
  a phrase matches exactly, stop words included.

Accents are folded before stemming so that "révision" and "revision" meet the
same stemmer input.

The Whoosh analyser chains define the analysis; `analyse` computes the same
tokens one distinct word at a time (memoised), and is what both engines index
and every query is read with (search.plan), so a query means the same thing in
either engine.

>>> [t.text for t in word_analyzer()("L’aide de dernier recours, d'autre part")]
['aide', 'de', 'dernier', 'recours', 'autre', 'part']
>>> [t.text for t in text_analyzer("fr")("les révisions de l'aide")]
['revis', 'aid']
>>> [t.text for t in text_analyzer("en")("the adult’s benefits")]
['adult', 'benefit']
"""
from __future__ import annotations

import os
import re
import sqlite3
from array import array
from functools import cache
from itertools import accumulate, chain, repeat
from operator import add, sub
from typing import Callable, NamedTuple

from whoosh.lang import stemmer_for_language, stopwords_for_language  # whoosh.lang's package imports nothing

LANGS = ("en", "fr")
"""Languages with their own analysed field; any other language is analysed as English."""
TOKEN_PATTERN = r"\w+(?:[.'’]\w+)*"
"""A word, with inner dots (``83.24``) and apostrophes (``l’aide``) kept for the elision filter."""
ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
"""French words that lose their vowel before another word (``l'``, ``d'``, ``qu'``...)."""
MORE_STOP_WORDS = {"fr": frozenset({"les"})}
"""Stop words missing from Whoosh's lists."""


def elide(tokens):
    """The Whoosh filter (`_base`) that drops an elided French article (``l’aide`` -> ``aide``) and an
    English ``’s``; any other apostrophe becomes a straight one."""
    for token in tokens:
        text = token.text.replace("’", "'")
        if "'" in text:
            head, _, rest = text.partition("'")
            if head in ELIDED and rest:
                if token.chars:
                    token.startchar += len(head) + 1
                text = rest
            if text.endswith("'s"):
                if token.chars:
                    token.endchar -= 2
                text = text[:-2]
        token.text = text
        yield token


def lang_of(lang: str) -> str:
    """The analysed language used for a document language."""
    return lang if lang in LANGS else "en"


@cache
def stop_words(lang: str) -> frozenset[str]:
    """Stop words of a language, accents kept (as the stop filter sees them)."""
    lang = lang_of(lang)
    return frozenset(stopwords_for_language(lang)) | MORE_STOP_WORDS.get(lang, frozenset())


@cache
def _accent_map() -> dict[int, str]:
    """Whoosh's accent table, imported when first needed: its module imports ``whoosh.compat``, which
    imports ``urllib.request`` (with ``http.client`` and ``email``), tens of milliseconds of a cold
    start."""
    from whoosh.support.charset import accent_map

    return accent_map


FRENCH_ACCENTS = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
"""The lower-case accented letters of French (and a few neighbours) as ``accent_map`` folds them (a
test checks each against it): text made of them and ASCII is folded without importing the table."""


def fold_accents(lowered: str) -> str:
    """Lower-case text with its accents folded as Whoosh's ``accent_map`` folds them.  The table maps
    no lower-case ASCII letter to another character, so ASCII text is returned as it is, and text
    whose other letters are all in `FRENCH_ACCENTS` is folded with that: the whole table is
    imported only for other characters.

    >>> fold_accents("révision"), fold_accents("revision")
    ('revision', 'revision')
    """
    if lowered.isascii():
        return lowered
    folded = lowered.translate(FRENCH_ACCENTS)
    return folded if folded.isascii() else lowered.translate(_accent_map())


def _base():
    """The chains' common start (Whoosh's analysis package is imported here, not by a search:
    `analyse` computes the same tokens without it)."""
    from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

    class ElisionFilter(Filter):
        def __call__(self, tokens):
            return elide(tokens)

    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | ElisionFilter()


@cache
def text_analyzer(lang: str):
    """Stop words removed, accents folded, stemmed: for plain-word search in one language."""
    from whoosh.analysis import CharsetFilter, StemFilter, StopFilter

    lang = lang_of(lang)
    return _base() | StopFilter(stoplist=stop_words(lang), minsize=1) | CharsetFilter(_accent_map()) \
        | StemFilter(lang=lang)


@cache
def word_analyzer():
    """Every word, accents folded, not stemmed: for phrases, prefixes, fuzzy terms and spelling."""
    from whoosh.analysis import CharsetFilter

    return _base() | CharsetFilter(_accent_map())


Token = tuple[str, int, int, str]
"""(word as indexed in ``words``, start, end, stem in the record's language or "" for a stop word)."""
_SPLIT = re.compile(f"({TOKEN_PATTERN})")
"""Splits a text into the gaps and the tokens between them."""


CACHE_WORDS = 1_000_000
"""Distinct words whose analysis is kept per language (a library has far fewer; beyond, the cache restarts)."""


class _Known(NamedTuple):
    """The analysis of each distinct raw token of a language seen so far, as parallel dicts (so that
    a text's columns are read with C-speed ``map``)."""

    words: dict[str, str]
    stems: dict[str, str]
    first: dict[str, int]
    """Where the word starts in the raw token (after an elided article)."""
    last: dict[str, int]
    """Where the word ends, from the raw token's end (-2 when a possessive is dropped)."""
    shifted: set[str]
    """Raw tokens whose word does not span the whole token."""


_CACHE: dict[str, _Known] = {}


def _analyse_word(raw: str, lang: str) -> tuple[str, int, int, str]:
    text = raw.lower().replace("’", "'")
    start = end = 0
    if "'" in text:
        head, _, rest = text.partition("'")
        if head in ELIDED and rest:
            start, text = len(head) + 1, rest
        if text.endswith("'s"):
            end, text = -2, text[:-2]
    word = fold_accents(text)
    return word, start, end, "" if text in stop_words(lang) else stem(word, lang)


def analysed_word(raw: str, lang: str) -> tuple[str, int, int, str]:
    """What the chains make of one raw token: (word, start shift, end shift, stem or "" for a stop
    word).  The chains work token by token, so this is computed once per distinct token."""
    known = _known([raw], lang_of(lang))
    return known.words[raw], known.first[raw], known.last[raw], known.stems[raw]


@cache
def _stemmer(lang: str):
    return stemmer_for_language(lang)


StemSource = Callable[[str, str], "str | None"]
"""(folded word, language) -> its stem as the stemmer makes it, or None when not known."""
_STEM_SOURCE: list[tuple[int, StemSource]] = []
"""(process id, source) of the source in use."""


def stems_from(source: StemSource | None) -> None:
    """Read stems from source before asking the stemmer: a table of the stems of an index's words,
    made by `stem_table` at build, so that a fresh process searching words the index holds does
    not import the stemmers (Whoosh's snowball package, with ``whoosh.compat`` and
    ``urllib.request``: 50 to 70 ms of a cold start).  A word the source does not hold, or a source
    that fails (its index closed or removed), is stemmed; None: the stemmers only."""
    _STEM_SOURCE[:] = [(os.getpid(), source)] if source is not None else []


def stem(word: str, lang: str) -> str:
    """The stem of a folded word in a language (`stems_from`, else the stemmer).  A forked process
    (a build's worker) does not read its parent's source: an SQLite connection is not shared
    across a fork."""
    for pid, source in _STEM_SOURCE:
        if pid != os.getpid():
            continue
        try:
            found = source(word, lang)
        except sqlite3.Error:  # the index's table unreadable (closed, replaced): the stemmer gives the same answer
            found = None
        if found is not None:
            return found
    return _stemmer(lang)(word)


def stem_table(words) -> list[tuple[str, str, str]]:
    """(word, English stem, French stem) of folded words, stop words included (whether a word is
    one depends on its accents, which folding removed: analysis checks that itself)."""
    en, fr = _stemmer("en"), _stemmer("fr")
    return [(word, en(word), fr(word)) for word in words]


def _known(raws: list[str], lang: str) -> _Known:
    """The analysis of each distinct word of a language seen so far, raws included."""
    known = _CACHE.get(lang)
    if known is None or len(known.words) > CACHE_WORDS:
        known = _CACHE[lang] = _Known({}, {}, {}, {}, set())
    for raw in set(raws).difference(known.words):
        word, start, end, stem = _analyse_word(raw, lang)
        known.words[raw], known.stems[raw], known.first[raw], known.last[raw] = word, stem, start, end
        if start or end:
            known.shifted.add(raw)
    return known


class Analysed(NamedTuple):
    """A text's tokens as parallel columns, the way an index consumes them."""

    words: list[str]
    stems: list[str]
    """"" for a stop word."""
    spans: array
    """start, end of each token, flat."""

    def tokens(self) -> list[Token]:
        spans = self.spans
        return [(w, spans[2 * i], spans[2 * i + 1], s) for i, (w, s) in enumerate(zip(self.words, self.stems))]

    @classmethod
    def unpacked(cls, packed: str) -> Analysed:
        """The columns a packed string holds (see `pack`)."""
        words, stems, offsets = packed.split("\t")
        if not words:
            return cls([], [], array("I"))
        return cls(words.split(" "), stems.split(" "), _offsets(offsets))

    def pack(self, words: str | None = None) -> str:
        """One compact string for an index to store (`unpack` reads the tokens back): the words, the
        stems (a stop word's empty), both space-separated, and the offsets (`_deltas`).  words: the
        words already joined by spaces (the index's ``words`` column), not joined again."""
        if words is None:
            words = " ".join(self.words)
        return words + "\t" + " ".join(self.stems) + "\t" + _deltas(self.spans)


def _deltas(offsets: array) -> str:
    """Offsets (start, end of each token: never decreasing) as the hex of each one's difference from
    the one before (the first's from 0), each difference a LEB128 varint.  A difference is a word's
    length or the gap to the next word: almost always below 128, one byte, so that a token costs 4
    hex digits instead of the 16 of two 32-bit offsets (the largest part of an index's store)."""
    try:
        small = bytes(map(sub, offsets, chain((0,), offsets)))
        if small.isascii():
            return small.hex()
    except ValueError:  # a difference above 255
        pass
    out = bytearray()
    for delta in map(sub, offsets, chain((0,), offsets)):
        while delta >= 128:
            out.append(delta & 127 | 128)
            delta >>= 7
        out.append(delta)
    return out.hex()


def _offsets(hexed: str) -> array:
    """The offsets `_deltas` encoded."""
    raw = bytes.fromhex(hexed)
    if raw.isascii():  # every difference in one byte
        return array("I", accumulate(raw))
    deltas, value, shift = [], 0, 0
    for byte in raw:
        value |= (byte & 127) << shift
        shift += 7
        if byte < 128:
            deltas.append(value)
            value = shift = 0
    return array("I", accumulate(deltas))


def analysed(text: str, lang: str) -> Analysed:
    """Every word of text with its stem and offsets, as `word_analyzer` and `text_analyzer` make them
    (a property test checks that they agree), each distinct word analysed once per process."""
    return analysed_raw(text, lang)[0]


def analysed_raw(text: str, lang: str) -> tuple[Analysed, list[str]]:
    """`analysed`, and the raw tokens (as the text writes them) the words were made from."""
    parts = _SPLIT.split(text)  # gap, token, gap, token..., gap: offsets are the running sums of lengths
    raws = parts[1::2]
    known = _CACHE.get(lang_of(lang))
    try:
        words = list(map(known.words.__getitem__, raws))  # type: ignore[union-attr]
    except (KeyError, AttributeError):  # a word seen for the first time
        known = _known(raws, lang_of(lang))
        words = list(map(known.words.__getitem__, raws))
    spans = array("I", accumulate(map(len, parts)))
    del spans[-1]  # start, end of each token
    if not known.shifted.isdisjoint(raws):  # each start and end plus its raw token's shift, in C-speed maps
        starts = map(add, spans[0::2], map(known.first.__getitem__, raws))
        ends = map(add, spans[1::2], map(known.last.__getitem__, raws))
        spans = array("I", chain.from_iterable(zip(starts, ends)))
    return Analysed(words, list(map(known.stems.__getitem__, raws)), spans), raws


def analysed_lines(text: str, lang: str, lines: dict[str, tuple[Analysed, list[str]]]) -> tuple[Analysed, list[str]]:
    """`analysed_raw`, line by line, the lines already in `lines` (the caller's, for one language) not
    analysed again.  A token never spans a line break, so a text's analysis is its lines' analyses,
    each line's offsets moved by where it starts.  A section's text holds its units' lines, and a
    unit's its subunits' (search.records): a build analyses each line of a section once."""
    pieces = []
    for line in text.split("\n"):
        known = lines.get(line)
        if known is None:
            known = lines[line] = analysed_raw(line, lang)
        pieces.append(known)
    if len(pieces) == 1:
        return pieces[0]
    spans = array("I")
    start = 0
    for line, (forms, _) in zip(text.split("\n"), pieces):
        spans.extend(map(add, forms.spans, repeat(start)) if start else forms.spans)
        start += len(line) + 1
    words = list(chain.from_iterable(forms.words for forms, _ in pieces))
    stems = list(chain.from_iterable(forms.stems for forms, _ in pieces))
    return Analysed(words, stems, spans), list(chain.from_iterable(raws for _, raws in pieces))


def analyse(text: str, lang: str) -> list[Token]:
    """Every word of text with its offsets and its stem: what both engines index, what snippets and
    govern's reasons highlight without analysing the text again.

    >>> analyse("L’aide de dernier recours", "fr")
    [('aide', 2, 6, 'aid'), ('de', 7, 9, ''), ('dernier', 10, 17, 'derni'), ('recours', 18, 25, 'recour')]
    """
    return analysed(text, lang).tokens()


def pack(tokens: list[Token]) -> str:
    """Tokens as one compact string (see `Analysed.pack`)."""
    return Analysed([t[0] for t in tokens], [t[3] for t in tokens],
                    array("I", [n for _, start, end, _ in tokens for n in (start, end)])).pack()


def unpack(packed: str) -> list[Token]:
    """The tokens a packed string holds.

    >>> unpack(analysed("L’aide de dernier recours", "fr").pack())[:2]
    [('aide', 2, 6, 'aid'), ('de', 7, 9, '')]
    """
    return Analysed.unpacked(packed).tokens()


def query_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of a query's text, as ``words`` indexes them."""
    return [(w, s, e) for w, s, e, _ in analyse(text, "en")]


def query_stems(text: str, lang: str) -> list[str]:
    """Stems of a query's text in one language (stop words of that language dropped)."""
    return [stem for _, _, _, stem in analyse(text, lang) if stem]
