"""Cross-language search, as query rewriting in front of any engine.

A French query finds the English provisions and an English query the French guidance through
the bilingual glossary and the thesaurus (`Lexicon`), and French words no phrase lists through
the word table the build learned from them (passed by the caller: search does not import graph).
Lexicon phrases are found as written, inflected otherwise (by their stems) and, failing that,
misspelt. The language is decided word by word, not for the whole query: the longest glossary or
thesaurus phrase first, then each other word by the stop words of each language, by accents and by
the words of each language's texts (the engine's `Vocabulary`); a word only a stop word or a
misspelling tells apart, or nothing does, takes the language of the rest of the query ("car" in
"can I keep my car" is English, not the French "because").

The query is then searched once per language, each branch restricted to that language's
documents (`lang:`): in its own language as typed; in the other language with the phrases the
lexicon carries over (as exact phrases), the words both languages' texts use (long words by their
stem too), whole numbers, and nothing else; a branch that would keep less than half of the
query's content words is not searched. `Plan.relaxed` is the same query with each branch reading
"all its words, or any one of them", for when few sections hold them all (search.policy). What
was carried over is reported (`Carried`) so that the page can say « avoirs liquides → liquid
assets ».

Only plain queries (words, whole numbers, and filters such as ``status:repealed``) are
rewritten: quotes, operators, wildcards and citations mean the person chose their words, and are
left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from alinea.errors import DamagedData
from search.analysis import analyse, query_stems, stop_words
from search.query import FIELDS, MAX_CHARS, parse
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
_NUMBER = re.compile(r"^\d{1,9}$")
LEARNED_MIN = 0.5
"""Weakest association (Dice) of a French word and an English word that search carries over."""
LEARNED_SHARE = 0.75
"""A French word's other English words are carried over too when at least this share of its best one's."""
LEARNED_PER_WORD = 2
MIN_COGNATE = 7
"""Shortest word of one language searched in the other by its stem alone ("refuser" finds "refuse"):
shorter words are too often false friends ("amende" is a fine, not an amendment)."""
FEW = 10
"""Fewer results than this for all the words together: the sections with most of them follow."""


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
    learned: bool = False
    """True for a word of the build's learned word table rather than a phrase of the glossary or thesaurus."""


def _edits(words: tuple[str, ...], key: tuple[str, ...]) -> int:
    """The edits between two phrases of as many words when each word is at most one edit away, two
    in all, and words of fewer than four letters exact; else 0 (the first word too far ends it)."""
    total = 0
    for word, other in zip(words, key):
        edits = distance(word, other, 1)
        if edits > 1 or (edits and len(word) < 4):
            return 0
        total += edits
        if total > 2:
            return 0
    return total


class Lexicon:
    """Phrases of the glossary and the thesaurus, by their folded words."""

    def __init__(self, terms: list[Term], keys: list[tuple[str, ...]] | None = None) -> None:
        """keys: each term's `stem_key` in its language, as `rows` stored them (computed here when None)."""
        self.terms: dict[tuple[str, ...], list[Term]] = {}
        self._shapes: dict[tuple[int, str], list[tuple[str, ...]]] = {}
        self._stemmed: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {lang: {} for lang in LANGS}
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}
        for i, term in enumerate(terms):
            if term.words and (term.means or term.same) and not self._too_weak(term):
                if term.words not in self.terms:
                    self._shapes.setdefault((len(term.words), term.words[0][:1]), []).append(term.words)
                    key = keys[i] if keys is not None else stem_key(term.words, term.lang)
                    self._keys[term.words] = key
                    self._stemmed[term.lang].setdefault(key, term.words)
                self.terms.setdefault(term.words, []).append(term)
        self._stemmed = {lang: {k: v for k, v in keys.items() if k} for lang, keys in self._stemmed.items()}
        self.longest = max((len(k) for k in self.terms), default=0)

    def lookup(self, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The lexicon phrases these (folded) words are: as written, else inflected otherwise
        (plural, feminine, verb forms: « prestations spéciales », « conjointe »), compared by their
        stems in each phrase's language; a window that starts or ends with a stop word is not
        inflection."""
        if words in self.terms:
            return [words]
        if any(words[i] in STOP[lang] for i in (0, -1) for lang in LANGS):
            return []
        found = (self._stemmed[lang].get(stem_key(words, lang)) for lang in LANGS)
        return list(dict.fromkeys(k for k in found if k))

    def near(self, words: tuple[str, ...]) -> str | None:
        """The phrase of two words or more that these (folded) words misspell: each word at most
        one edit away, two edits in all, words of fewer than four letters exact."""
        if len(words) < 2:
            return None
        best: tuple[int, str] | None = None
        for key in self._shapes.get((len(words), words[0][:1]), ()):
            edits = _edits(words, key)
            if edits:
                best = min(best or (3, ""), (edits, self.terms[key][0].text))
        return best[1] if best else None

    def rows(self) -> list[list]:
        """The terms kept, as plain JSON rows `Lexicon.of_rows` rebuilds the same lexicon from (what
        `alinea build` stores, so that a search does not fold every phrase again)."""
        return [[list(t.words), t.text, t.lang, list(t.means), t.verified, list(t.same), t.learned,
                 list(self._keys[t.words])]
                for terms in self.terms.values() for t in terms]

    @classmethod
    def of_rows(cls, rows: list[list]) -> "Lexicon":
        """The lexicon `rows` stored, its stem keys read rather than stemmed again."""
        return cls([Term(tuple(words), text, lang, tuple(means), bool(verified), tuple(same), bool(learned))
                    for words, text, lang, means, verified, same, learned, _ in rows],
                   [tuple(str(k) for k in row[7]) for row in rows])

    @classmethod
    def stored(cls, rows, where) -> "Lexicon":
        """The lexicon the build stored (`rows`, decoded JSON); DamagedData naming `where` (the
        file) when they are not what `rows()` writes."""
        try:
            bad = next((row for row in rows if not _a_row(row)), None)
            if bad is not None:
                raise ValueError(f"a row is not [words, text, lang, means, verified, same, learned, keys]: {bad!r:.80}")
            return cls.of_rows(rows)
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise DamagedData(where, f"holds a lexicon that cannot be read ({exc})") from None

    @staticmethod
    def _too_weak(term: Term) -> bool:
        """A single stop word ("car", "pour") says nothing about a language."""
        return len(term.words) == 1 and any(term.words[0] in STOP[lang] for lang in LANGS)

    @classmethod
    def of(cls, glossary=None, thesaurus=None, words: dict | None = None) -> "Lexicon":
        """From graph.concepts.Glossary-like and graph.thesaurus.Thesaurus-like objects (anything
        with concepts `.en`, `.fr`, `.aliases`, `.fr_verified`; entries `.say`, `.means`), and the
        French -> English word table the build learned from them (`KnowledgeBase.word_table`:
        word -> ((English word, association), ...)), which the caller passes: French words of no
        glossary or thesaurus phrase are carried over by it."""
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
        listed = {t.words for t in terms}
        for word, pairs in (words or {}).items():
            means = learned(pairs)
            if means and (word,) not in listed and word not in STOP["fr"]:
                terms.append(Term((word,), word, "fr", means, learned=True))
        return cls(terms)


def learned(pairs) -> tuple[str, ...]:
    """The English words a French word of the learned table is carried over as: the strongest
    associations only (`LEARNED_MIN`, `LEARNED_SHARE`, `LEARNED_PER_WORD`)."""
    pairs = sorted(((str(e), float(d)) for e, d in pairs), key=lambda p: -p[1])
    if not pairs or pairs[0][1] < LEARNED_MIN:
        return ()
    return tuple(e for e, d in pairs if d >= LEARNED_SHARE * pairs[0][1])[:LEARNED_PER_WORD]


def stem_key(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The stems of a phrase's words in a language, its stop words as they are; in French a final
    plural -s or -x is set aside first (the French stemmer keeps the one of « emplois »)."""
    stems = tuple(stem or word for word, _, _, stem in analyse(" ".join(words), lang))
    return tuple(s[:-1] if lang == "fr" and len(s) > 3 and s[-1] in "sx" else s for s in stems)


@dataclass
class Segment:
    """Words of the query read together: a lexicon phrase, or one word."""

    text: str
    """As typed."""
    words: tuple[str, ...]
    terms: list[Term] = field(default_factory=list)
    lang: str = ""
    by_stop_word: bool = False
    """True when only a stop word list (or a misspelling) said which language the word is in."""
    meant: str = ""
    """The lexicon phrase the words misspell, when they misspell one."""

    def content(self) -> bool:
        """False for a stop word of its language."""
        return not all(w in STOP.get(self.lang, frozenset()) for w in self.words)

    def as_listed(self) -> str:
        """The lexicon's own wording of the words in their language, when they are written otherwise
        (misspelt, or inflected: « prestations spéciales » for « prestation spéciale »); else ""."""
        if self.meant:
            return self.meant
        listed = [t.text for t in self.terms if t.lang == self.lang]
        return listed[0] if listed and not any(t.words == self.words for t in self.terms) else ""

    def weight(self) -> int:
        """How much of the query the segment is: its words that are not stop words of its language
        (« union de fait » is two, « depuis » one)."""
        return sum(w not in STOP.get(self.lang, frozenset()) for w in self.words)


@dataclass(frozen=True)
class Plan:
    """The query to give the engine, and what was carried over."""

    text: str
    carried: tuple[Carried, ...]
    segments: tuple[Segment, ...]
    relaxed: str | None = None
    """The query that also finds the sections holding only some of the words (each branch: all its
    words, or any one of them, so that sections with all of them still come first); None when there
    is only one word to search."""


def split(text: str, numbers: list[str] | None = None) -> tuple[list[str], list[str]] | None:
    """(word tokens, filter tokens) of a plain query; None when it uses quotes, operators,
    wildcards or other syntax.  Whole numbers ("20 semaines") go to `numbers` when a list is given
    (they are searched as typed in every language), else make the query not plain."""
    words, filters = [], []
    for token in text.split():
        found = _FILTER.match(token)
        if found and found["field"].lower() in FIELDS:
            filters.append(token)
        elif _PLAIN_WORD.match(token) and token not in ("AND", "OR", "NOT"):
            words.append(token)
        elif numbers is not None and _NUMBER.match(token):
            numbers.append(token)
        else:
            return None
    return (words, filters) if words else None


def segment(text: str, lexicon: Lexicon, near: bool = False) -> list[Segment]:
    """The words of a text, longest lexicon phrase first (inflected otherwise, see `Lexicon.lookup`;
    with `near`, misspelt too, see `Lexicon.near`)."""
    tokens = words_of(text)
    near = near and len(tokens) <= MAX_NEAR
    out: list[Segment] = []
    i = 0
    while i < len(tokens):
        for size in range(min(lexicon.longest, len(tokens) - i), 0, -1):
            key = tuple(w for w, _, _ in tokens[i:i + size])
            found = lexicon.lookup(key)
            meant = lexicon.near(key) if near and not found and size > 1 else None
            if meant:
                found = [key_of(meant)]
            if found:
                terms = [t for k in found for t in lexicon.terms.get(k, ())]
                out.append(Segment(text[tokens[i][1]:tokens[i + size - 1][2]], key, terms, meant=meant or ""))
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
        elif len(near) == 1:  # a misspelling of a word of that language, unless the rest of the query says otherwise
            s.lang, s.by_stop_word = next(iter(near)), True
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
    numbers: list[str] = []
    parts = split(text, numbers) if len(text) <= MAX_CHARS else None
    if parts is None or any(f.split(":")[0].lower() in ("lang", "language", "langue") for f in parts[1]):
        return None
    words, filters = parts
    segments = segment(" ".join(words), lexicon, near=True)
    main = decide(segments, vocabulary, prefer)
    branches, loose, carried = [], [], []
    for lang in sorted(LANGS, key=lambda lang: lang != main):
        branch, kept, moved = _branch(segments, lang, vocabulary)
        content = sum(s.weight() for s in segments)
        if branch and (lang == main and kept or kept * 2 >= content and moved):
            every = [part for part, _ in branch] + numbers
            branches.append(" ".join(every + [f"lang:{lang}"] + filters))
            carried += moved
            some = [part for part, s in branch if s.content()] + numbers
            loose.append(" ".join([f"(({' '.join(every)}) OR {' OR '.join(f'({p})' for p in some)})",
                                   f"lang:{lang}"] + filters) if len(some) > 1 else branches[-1])
    if not branches:
        return None
    query, relaxed = (b[0] if len(b) == 1 else " OR ".join(f"({x})" for x in b) for b in (branches, loose))
    if len(query) > MAX_CHARS:
        return None
    if relaxed == query or len(relaxed) > MAX_CHARS or parse(relaxed).messages:
        relaxed = None
    return Plan(query, tuple(carried), tuple(segments), relaxed)


def _shared(s: Segment, lang: str, vocabulary: Vocabulary) -> bool:
    """True for a word of another language that the texts of lang hold as written ("contribution",
    "condo"), or, when long enough not to be a false friend, by its stem ("refuser": "refuse")."""
    if not s.content() or len(s.words) != 1 or s.words[0] in STOP[lang]:
        return False
    word = s.words[0]
    if vocabulary.count(word, lang):
        return True
    stems = query_stems(word, lang) if len(word) >= MIN_COGNATE else []
    return bool(stems) and vocabulary.frequency(stems[0], f"text_{lang}") > 0


def _branch(segments: list[Segment], lang: str, vocabulary: Vocabulary) -> tuple[list[tuple[str, Segment]], int, list[Carried]]:
    """((query part, its segment) pairs, content segments kept, what was carried over) for the
    branch of one language."""
    out: list[tuple[str, Segment]] = []
    kept = 0
    moved: list[Carried] = []
    for s in segments:
        if s.lang == lang:
            same = _means(s, lang, vocabulary, same=True)
            listed = s.as_listed().replace('"', "")
            spelt = [listed] if listed and listed not in same else []
            out.append((f"({s.text} OR " + " OR ".join(f'"{m}"' for m in same + spelt) + ")" if same or spelt
                        else s.text, s))
            kept += s.weight()
            if same or spelt:
                moved.append(Carried(s.text, lang, lang, tuple(same + spelt)))
            continue
        means = _means(s, lang, vocabulary)
        if means:
            out.append(("(" + " OR ".join(f'"{m}"' for m in means) + ")", s))
            kept += s.weight()
            moved.append(Carried(s.text, s.lang, lang, tuple(means), all(t.verified for t in s.terms if t.lang == s.lang)))
        elif _shared(s, lang, vocabulary):
            out.append((s.text, s))  # a word both languages write the same way ("contribution", "condo")
            kept += s.weight()
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


def _a_row(row) -> bool:
    """A row as `Lexicon.rows` writes it."""
    return (isinstance(row, list) and len(row) == 8 and all(isinstance(row[i], list) for i in (0, 3, 5, 7))
            and isinstance(row[1], str) and row[2] in LANGS)
