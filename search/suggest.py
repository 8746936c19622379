"""\"Did you mean\": a policy in front of any engine.

A suggestion replaces a word of the query the texts of its language do not hold by the most
frequent word of the same language within one (else two) edits, taken from the engine's
vocabulary (search.vocabulary); the language of each word is decided as cross-language search
decides it (search.crosslang), so a French word is never corrected into an English one nor the
reverse. Words of a glossary or thesaurus phrase, stop words and short words are left alone.
A suggestion is made only when it finds something: it is searched before it is offered.
"""
from __future__ import annotations

from dataclasses import replace

from search.crosslang import STOP, Lexicon, decide, rewrite, segment, split
from search.query import MAX_CHARS
from search.vocabulary import Vocabulary

MIN_LENGTH = 3
MAX_UNKNOWN = 6
"""A text with more unknown words than this is not a misspelt query: no suggestion."""


def corrected(text: str, lexicon: Lexicon, vocabulary: Vocabulary, prefer: str = "fr") -> str | None:
    """The plain query with its unknown words corrected in their own language, or None."""
    parts = split(text) if len(text) <= MAX_CHARS else None
    if parts is None:
        return None
    words, filters = parts
    segments = segment(" ".join(words), lexicon)
    decide(segments, vocabulary, prefer)
    unknown = [s for s in segments if not s.terms and not any(vocabulary.count(s.words[0], lang) for lang in STOP)]
    if len(unknown) > MAX_UNKNOWN:
        return None
    out, changed = [], False
    i = 0
    while i < len(segments):
        phrase = _misspelt_phrase(segments[i:], lexicon)
        if phrase:
            out.append(phrase[0])
            changed, i = True, i + phrase[1]
            continue
        s = segments[i]
        i += 1
        if s.as_listed() and not all(any(vocabulary.count(w, lang) for lang in STOP) for w in s.words):
            out.append(s.as_listed())  # a lexicon phrase misspelt so that it still reads as the phrase inflected
            changed = True
            continue
        word = s.words[0]
        if s.terms or len(word) < MIN_LENGTH or word in STOP[s.lang] or any(vocabulary.count(word, lang)
                                                                            for lang in STOP):
            out.append(s.text)
            continue
        near = [w for w, _ in vocabulary.near(word, s.lang) if w not in STOP[s.lang]]
        out.append(near[0] if near else s.text)
        changed |= bool(near)
    return " ".join(out + filters) if changed else None


def _misspelt_phrase(segments, lexicon: Lexicon) -> tuple[str, int] | None:
    """(the lexicon phrase, how many segments it replaces) when the next words misspell one."""
    for size in range(min(lexicon.longest, len(segments)), 1, -1):
        window = segments[:size]
        if any(s.terms for s in window):
            continue
        phrase = lexicon.near(tuple(s.words[0] for s in window))
        if phrase:
            return phrase, size
    return None


def did_you_mean(query, results, index, lexicon: Lexicon, crosslang: bool = True, prefer: str = "fr") -> str | None:
    """A corrected query that finds something, or None (never the engine's unchecked guess)."""
    if results.citation is not None:
        return None
    vocabulary = index.vocabulary
    suggestion = corrected(query.text, lexicon, vocabulary, prefer)
    if suggestion is None or suggestion == query.text:
        return None
    plan = rewrite(suggestion, lexicon, vocabulary, prefer) if crosslang else None
    found = index.search(replace(query, text=plan.text, page=1, per_page=1, suggest=False, cite=False) if plan
                         else replace(query, text=suggestion, page=1, per_page=1, suggest=False))
    return suggestion if found.total else None
