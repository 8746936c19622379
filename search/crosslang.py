"""Cross-language search, as query rewriting in front of any engine.

A French query finds the English provisions and an English query the French guidance through
the bilingual glossary and the thesaurus (`Lexicon`). The language is decided word by word, not
for the whole query: the longest glossary or thesaurus phrase first, then each other word by the
stop words of each language, by accents and by the words of each language's texts (the engine's
`Vocabulary`); a word only a stop word tells apart, or nothing does, takes the language of the
rest of the query ("car" in "can I keep my car" is English, not the French "because").

The query is then searched once per language, each branch restricted to that language's
documents (`lang:`): in its own language as typed; in the other language with the phrases the
lexicon carries over (as exact phrases), the words both languages' texts use, and nothing else;
a branch that would keep less than half of the query's content is not searched. What was carried
over is reported (`Carried`) so that the page can say « avoirs liquides → liquid assets ».

Only plain queries (words, and filters such as ``status:repealed``) are rewritten: quotes,
operators, wildcards and citations mean the person chose their words, and are left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.analysis import stop_words
from search.query import FIELDS, MAX_CHARS
from search.results import Carried
from search.vocabulary import LANGS, Vocabulary, distance, fold, words_of

MAX_MEANS = 4
"""Phrases carried over per segment at most."""
MAX_NEAR = 24
"""Queries of more words than this do not look for misspellings to decide a word's language."""
_ACCENTED = re.compile(r"[àâäçéèêëîïôöùûüÿœæ]", re.I)
_ACRONYM = re.compile(r"^[A-ZÀ-Ý]{2,7}$")
_FILTER = re.compile(r"^(?P<field>[^\W\d_]+):(?P<value>[^\s\"“«»”()]+)$")
_PLAIN_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*$")


def other(lang: str) -> str:
    return "fr" if lang == "en" else "en"


def folded_stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in stop_words(lang))


FUNCTION_WORDS = {"fr": frozenset({"car", "donc", "or", "ni", "mais", "puis", "lorsque", "quand", "si", "comme"}),
                  "en": frozenset()}
"""Conjunctions the stop word lists of search.analysis lack; they tell a language apart as well."""
STOP = {lang: folded_stop_words(lang) | FUNCTION_WORDS[lang] for lang in LANGS}


def key_of(text: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in words_of(text))


def guess_lang(phrase: str, en: str = "", fr: str = "") -> str:
    """The language of a glossary alias: the language of the name it shares more word stems with
    ("avoir liquide" and « avoirs liquides »), else French with an accent or a French-only stop word."""
    words = key_of(phrase)

    def shared(name: str) -> int:
        stems = {w[:4] for w in key_of(name)}
        return sum(w[:4] in stems for w in words)
    if shared(fr) != shared(en):
        return "fr" if shared(fr) > shared(en) else "en"
    if _ACCENTED.search(phrase) or any(w in STOP["fr"] and w not in STOP["en"] for w in words):
        return "fr"
    return "en"


@dataclass(frozen=True)
class Term:
    """A phrase of one language and what it is called in the other."""

    words: tuple[str, ...]
    text: str
    """As the glossary or the thesaurus writes it."""
    lang: str
    means: tuple[str, ...]
    verified: bool = True
    """False when the other-language wording is a French term the glossary marks unverified."""
    same: tuple[str, ...] = ()
    """The Act's own wording in the same language, for everyday words of the thesaurus ("quit my job")."""


class Lexicon:
    """Phrases of the glossary and the thesaurus, by their folded words."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms: dict[tuple[str, ...], list[Term]] = {}
        self._shapes: dict[tuple[int, str], list[tuple[str, ...]]] = {}
        for term in terms:
            if term.words and (term.means or term.same) and not self._too_weak(term):
                if term.words not in self.terms:
                    self._shapes.setdefault((len(term.words), term.words[0][:1]), []).append(term.words)
                self.terms.setdefault(term.words, []).append(term)
        self.longest = max((len(k) for k in self.terms), default=0)

    def near(self, words: tuple[str, ...]) -> str | None:
        """The phrase of two words or more that these (folded) words misspell: each word at most
        one edit away, two edits in all, words of fewer than four letters exact."""
        if len(words) < 2:
            return None
        best: tuple[int, str] | None = None
        for key in self._shapes.get((len(words), words[0][:1]), ()):
            edits = [distance(a, b, 1) for a, b in zip(words, key)]
            if 0 < sum(edits) <= 2 and max(edits) <= 1 and all(e == 0 or len(w) >= 4 for e, w in zip(edits, words)):
                best = min(best or (3, ""), (sum(edits), self.terms[key][0].text))
        return best[1] if best else None

    def rows(self) -> list[list]:
        """The terms kept, as plain JSON rows `Lexicon.of_rows` rebuilds the same lexicon from (what
        `alinea build` stores, so that a search does not fold every phrase again)."""
        return [[list(t.words), t.text, t.lang, list(t.means), t.verified, list(t.same)]
                for terms in self.terms.values() for t in terms]

    @classmethod
    def of_rows(cls, rows: list[list]) -> "Lexicon":
        return cls([Term(tuple(words), text, lang, tuple(means), bool(verified), tuple(same))
                    for words, text, lang, means, verified, same in rows])

    @staticmethod
    def _too_weak(term: Term) -> bool:
        """A single stop word ("car", "pour") says nothing about a language."""
        return len(term.words) == 1 and any(term.words[0] in STOP[lang] for lang in LANGS)

    @classmethod
    def of(cls, glossary=None, thesaurus=None) -> "Lexicon":
        """From graph.concepts.Glossary-like and graph.thesaurus.Thesaurus-like objects (anything
        with concepts `.en`, `.fr`, `.aliases`, `.fr_verified`; entries `.say`, `.means`)."""
        terms: list[Term] = []
        for c in glossary or ():
            aliases = [a for a in c.aliases if not _ACRONYM.match(a)]
            names = {"en": [c.en] + [a for a in aliases if guess_lang(a, c.en, c.fr) == "en"],
                     "fr": [c.fr] + [a for a in aliases if guess_lang(a, c.en, c.fr) == "fr"]}
            for lang in LANGS:
                for name in names[lang]:
                    terms.append(Term(key_of(name), name, lang, tuple(names[other(lang)]),
                                      verified=lang == "fr" or bool(c.fr_verified)))
        for entry in thesaurus or ():
            said = {lang: [s for s in entry.say.get(lang, ()) if not _ACRONYM.match(s)] for lang in LANGS}
            for expression in said["fr"]:
                terms.append(Term(key_of(expression), expression, "fr", tuple(entry.means)))
            for expression in said["en"]:
                terms.append(Term(key_of(expression), expression, "en", tuple(said["fr"]), same=tuple(entry.means)))
        return cls(terms)


@dataclass
class Segment:
    """Words of the query read together: a lexicon phrase, or one word."""

    text: str
    """As typed."""
    words: tuple[str, ...]
    terms: list[Term] = field(default_factory=list)
    lang: str = ""
    by_stop_word: bool = False
    """True when only a stop word list said which language the word is in."""

    def content(self) -> bool:
        """False for a stop word of its language."""
        return not all(w in STOP.get(self.lang, frozenset()) for w in self.words)


@dataclass(frozen=True)
class Plan:
    """The query to give the engine, and what was carried over."""

    text: str
    carried: tuple[Carried, ...]
    segments: tuple[Segment, ...]


def split(text: str) -> tuple[list[str], list[str]] | None:
    """(word tokens, filter tokens) of a plain query; None when it uses quotes, operators,
    wildcards, digits or other syntax."""
    words, filters = [], []
    for token in text.split():
        found = _FILTER.match(token)
        if found and found["field"].lower() in FIELDS:
            filters.append(token)
        elif _PLAIN_WORD.match(token) and token not in ("AND", "OR", "NOT"):
            words.append(token)
        else:
            return None
    return (words, filters) if words else None


def segment(text: str, lexicon: Lexicon) -> list[Segment]:
    """The words of a text, longest lexicon phrase first."""
    tokens = words_of(text)
    out: list[Segment] = []
    i = 0
    while i < len(tokens):
        for size in range(min(lexicon.longest, len(tokens) - i), 0, -1):
            key = tuple(w for w, _, _ in tokens[i:i + size])
            if key in lexicon.terms:
                out.append(Segment(text[tokens[i][1]:tokens[i + size - 1][2]], key, lexicon.terms[key]))
                i += size
                break
        else:
            out.append(Segment(text[tokens[i][1]:tokens[i][2]], (tokens[i][0],)))
            i += 1
    return out


def decide(segments: list[Segment], vocabulary: Vocabulary, prefer: str = "fr") -> str:
    """Set each segment's language; returns the language of most of the query."""
    votes = {lang: 0 for lang in LANGS}
    for s in segments:
        langs = {t.lang for t in s.terms}
        if len(langs) == 1 and len(s.words) > 1:
            s.lang = langs.pop()
            votes[s.lang] += 2
            continue
        word = s.words[0]
        stop = {lang for lang in LANGS if word in STOP[lang]}
        known = {lang for lang in LANGS if (vocabulary.count(word, lang) or lang in langs) and lang not in stop}
        near = {lang for lang in LANGS if not stop and not known and len(segments) <= MAX_NEAR
                and vocabulary.near(word, lang, 1)}
        if _ACCENTED.search(s.text):
            s.lang = "fr"
        elif len(known) == 1 and not stop:
            s.lang = next(iter(known))
        elif len(stop) == 1 and not known:
            s.lang, s.by_stop_word = next(iter(stop)), True
        elif len(near) == 1:
            s.lang = next(iter(near))  # a misspelling of a word of that language
        if s.lang:
            votes[s.lang] += 1
    main = max(LANGS, key=lambda lang: (votes[lang], lang == prefer))
    for s in segments:
        if not s.lang or (s.by_stop_word and s.lang != main and s.words[0] not in STOP[main]):
            s.lang = main
    return main


def rewrite(text: str, lexicon: Lexicon, vocabulary: Vocabulary, prefer: str = "fr") -> Plan | None:
    """The query for the engine with each branch in its language, or None to search the text as
    typed (not a plain query, or a language filter already chosen)."""
    parts = split(text) if len(text) <= MAX_CHARS else None
    if parts is None or any(f.split(":")[0].lower() in ("lang", "language", "langue") for f in parts[1]):
        return None
    words, filters = parts
    segments = segment(" ".join(words), lexicon)
    main = decide(segments, vocabulary, prefer)
    branches, carried = [], []
    for lang in sorted(LANGS, key=lambda lang: lang != main):
        branch, kept, moved = _branch(segments, lang, vocabulary)
        content = sum(s.content() for s in segments)
        if branch and (lang == main and kept or kept * 2 >= content and moved):
            branches.append(" ".join(branch + [f"lang:{lang}"] + filters))
            carried += moved
    if not branches:
        return None
    query = branches[0] if len(branches) == 1 else " OR ".join(f"({b})" for b in branches)
    if len(query) > MAX_CHARS:
        return None
    return Plan(query, tuple(carried), tuple(segments))


def _branch(segments: list[Segment], lang: str, vocabulary: Vocabulary) -> tuple[list[str], int, list[Carried]]:
    """(query parts, content segments kept, what was carried over) for the branch of one language."""
    out: list[str] = []
    kept = 0
    moved: list[Carried] = []
    for s in segments:
        if s.lang == lang:
            same = _means(s, lang, vocabulary, same=True)
            out.append(f"({s.text} OR " + " OR ".join(f'"{m}"' for m in same) + ")" if same else s.text)
            kept += s.content()
            if same:
                moved.append(Carried(s.text, lang, lang, tuple(same)))
            continue
        means = _means(s, lang, vocabulary)
        if means:
            out.append("(" + " OR ".join(f'"{m}"' for m in means) + ")")
            kept += 1
            moved.append(Carried(s.text, s.lang, lang, tuple(means), all(t.verified for t in s.terms if t.lang == s.lang)))
        elif s.content() and len(s.words) == 1 and vocabulary.count(s.words[0], lang) \
                and s.words[0] not in STOP[lang]:
            out.append(s.text)  # a word both languages write the same way ("contribution", "condo")
            kept += 1
    return out, kept, moved


def _means(s: Segment, lang: str, vocabulary: Vocabulary, same: bool = False) -> list[str]:
    """The segment's phrases in another language (or the Act's wording in the same language) that
    the texts of that language hold word for word."""
    found: list[str] = []
    for term in s.terms:
        if term.lang != s.lang:
            continue
        for phrase in term.same if same else term.means:
            words = key_of(phrase)
            if words and words != s.words and phrase not in found and all(vocabulary.count(w, lang) for w in words if w not in STOP[lang]):
                found.append(phrase.replace('"', ""))
    return found[:MAX_MEANS]
