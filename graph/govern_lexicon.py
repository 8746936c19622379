"""Word bridges from a question to the Act's wording that generalise beyond listed expressions.

- **Morphology, both ways** (`root`): a word and the words derived from it share a root once
  inflections, derivational endings (-ity, -able, -ment, -ion, -ance, -ure…) and the d/s
  alternation (decide / decision) are set aside; a negated form (un-, in-, dis-, non-; French
  in-, dé-, non-) leads to the positive one.  "ineligible" meets "eligibility", "unable" meets
  "ability", "seizable" meets "seizure".
- **French to English** (`Lexicon.translate`): a word translation table *learned* from the
  parallel expressions of the thesaurus and the glossary (the Dice association of a French word
  and an English word over the entries that hold both), and cognates (a French word whose
  English spelling — ``-ité`` → ``-ity``, ``-ique`` → ``-ic``, ``-aire`` → ``-ary``… — has
  the root of a word of the Act).  A French question thus reaches the English Act through
  words no entry lists together.
- **English to French** (`Lexicon.to_french`): the same table read the other way and cognates
  read backwards, so that an English question reaches the library's French laws.
- **Everyday English to the Act's English** (`Lexicon.paraphrase`): the same Dice table learned
  from the thesaurus's English expressions against its Act phrases.
- **French to English, written** (`load_dictionary`): a bilingual word list of the Act's whole
  vocabulary (corpus/lexicon_fr_en.json, one entry per word of the Act), matched on French stems
  (Snowball), so that « financement », « financer » and « financière » all reach ‘financial’
  and ‘funding’ whatever expression holds them.

>>> root("eligibility") == root("ineligible".removeprefix("in")) == root("eligible")
True
>>> root("decision") == root("decide")
True
>>> root("ability") == root("able"), root("recovery") == root("recoverable"), root("marriage") == root("married")
(True, True, True)
>>> english_spelling("admissibilité"), english_spelling("médicale")
('admissibility', 'medical')
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable

from whoosh.lang import stopwords_for_language

from alinea.errors import AlineaError
from alinea.ids import fold_chars
from graph.datafile import read_member
from graph.govern_everyday import by_first_word, everyday_words
from graph.govern_words import FUNCTION_WORDS
from graph.thesaurus import stemmer

_WORD = re.compile(r"[a-z]+")
_DERIVED = ("abl", "ibl", "ur", "anc", "enc", "ion", "iti", "iv", "al", "at", "ant", "ent", "ic", "ori", "ment",
            "ship", "ag")
"""Endings a Porter stem may still carry that derivation added (Porter leaves them on)."""
_ALTERNATIONS = (("abil", "abl"), ("ibil", "ibl"))
"""Porter's stems of -ability / -ibility, spelt as those of -able / -ible: "ability" meets "able"."""
NEGATIONS = {"en": ("non", "dis", "un", "in", "im", "il", "ir"), "fr": ("non", "des", "de", "in", "im", "il", "ir")}
MIN_ROOT = 4
FRENCH_ENDINGS = (("ieuses", "ious"), ("ieuse", "ious"), ("ieux", "ious"), ("euses", "ous"), ("euse", "ous"),
                  ("eux", "ous"), ("autes", "ity"), ("aute", "ity"), ("ites", "ity"), ("ite", "ity"), ("iques", "ic"), ("ique", "ic"), ("aires", "ary"), ("aire", "ary"),
                  ("eurs", "or"), ("eur", "or"), ("elles", "al"), ("elle", "al"), ("els", "al"), ("el", "al"),
                  ("ives", "ive"), ("if", "ive"), ("ifs", "ive"), ("ements", "ment"), ("ement", "ment"),
                  ("ees", "ed"), ("ee", "ed"), ("es", "e"), ("e", ""), ("s", ""))
"""French endings and their usual English spelling (on folded words), longest first."""
MIN_DICE = 0.3
"""Weakest association of a French word and an English word that the translation table keeps."""
PER_WORD = 3
"""English words kept per French word."""
LAY_DICE = 0.5
"""Least Dice association of an everyday English word and a word of the Act: the lay table pairs
expressions on one topic, so weaker associations are topics, not paraphrases ("income" -> "information")."""
MIN_COGNATE = 6
"""Shortest French word read as a cognate: short words are too often false friends ("car")."""
DICTIONARY_FILE = Path(__file__).resolve().parents[1] / "corpus" / "lexicon_fr_en.json"
"""French words for each content word of the Act, written by hand (`load_dictionary`)."""
COGNATE_PREFIX = 7
"""Letters a French word and an English word of the Act must share at the start to be cognates
by spelling alone ("incarcérée" and "incarcerated"), when the usual ending changes do not meet."""


def _porter():
    """The English stemmer, each distinct word stemmed once per process."""
    return stemmer("en")


@lru_cache(maxsize=1 << 16)
def root(word: str) -> str:
    """The derivational root of an English word (folded, lower case)."""
    stem = _porter()(word)
    for spelt, alternate in _ALTERNATIONS:
        if stem.endswith(spelt):
            stem = stem[: -len(spelt)] + alternate
    stem = _without_y(stem)
    for ending in _DERIVED:
        if stem.endswith(ending) and len(stem) - len(ending) >= MIN_ROOT:
            stem = _without_y(stem[: -len(ending)])
            break
    if len(stem) > MIN_ROOT and stem[-1] in "ds" and stem[-2] in "aeiou":
        stem = stem[:-1]
    return stem


def _without_y(stem: str) -> str:
    """A stem without the final ``i`` Porter writes for a -y ("recovery" -> ``recoveri``), so that
    "recovery" meets "recoverable", "study" "student", "marry" "marriage"."""
    return stem[:-1] if stem.endswith("i") and len(stem) - 1 >= MIN_ROOT else stem


@cache
def _french_stemmer():
    """The French stemmer, each distinct word stemmed once per process (graph.thesaurus.stemmer:
    the build's stored stems first)."""
    return stemmer("fr")


def french_stem(word: str) -> str:
    """The Snowball stem of a folded French word: « financement », « financer » -> ``financ``."""
    return _french_stemmer()(word)


def english_spelling(word: str) -> str:
    """A French word (folded) spelt the English way: ``admissibilite`` -> ``admissibility``."""
    word = fold_chars(word.lower())
    for french, english in FRENCH_ENDINGS:
        if word.endswith(french) and len(word) - len(french) >= MIN_ROOT:
            return word[: -len(french)] + english
    return word


@cache
def _stop(lang: str) -> frozenset[str]:
    return frozenset(fold_chars(w) for w in stopwords_for_language(lang))


def content_words(text: str, lang: str) -> list[str]:
    """Folded words of a text, common words of the language left out."""
    stop = _stop(lang)
    return [w for w in _WORD.findall(fold_chars(text.lower().replace("’", "'"))) if w not in stop and len(w) > 2]


@dataclass(frozen=True)
class Bridge:
    """A word of the Act reached from a word of the question."""

    word: str
    """The Act's word."""
    source: str
    """The question's word."""
    how: str
    """``derived``, ``negated``, ``translated`` or ``cognate``."""
    weight: float
    """0..1: how sure the bridge is."""


class Lexicon:
    """The Act's vocabulary by root, and the French-English table learned from parallel expressions."""

    def __init__(self, act_words: Iterable[str], pairs: Iterable[tuple[str, str]], min_dice: float = MIN_DICE,
                 per_word: int = PER_WORD, lay_pairs: Iterable[tuple[str, str]] = (),
                 french_words: Iterable[str] = (), table: dict[str, tuple[tuple[str, float], ...]] | None = None,
                 dictionary: dict[str, tuple[str, ...]] | None = None,
                 everyday: dict[str, tuple[str, ...]] | None = None) -> None:
        """table: the French -> English table the build learned (`translation_table`); learned
        here from `pairs` when None.  dictionary: French stem -> words of the Act (`load_dictionary`).
        everyday: everyday English expression -> words and terms of the Act (graph.govern_everyday)."""
        self.dictionary = dictionary or {}
        self.everyday = everyday or {}
        pairs = list(pairs)
        counts = Counter(act_words)
        self.by_root: dict[str, tuple[str, ...]] = {}
        grouped: dict[str, list[str]] = {}
        for word in counts:
            grouped.setdefault(root(word), []).append(word)
        roots = set(grouped)
        for word in counts:
            for prefix in NEGATIONS["en"]:
                rest = word[len(prefix):]
                if word.startswith(prefix) and len(rest) > MIN_ROOT and root(rest) in roots:
                    grouped[root(rest)].append(word)
                    break
        self.by_root = {r: tuple(sorted(ws, key=lambda w: -counts[w])[:4]) for r, ws in grouped.items()}
        self.by_prefix: dict[str, list[str]] = {}
        for word in sorted(counts, key=lambda w: -counts[w]):
            if len(word) >= COGNATE_PREFIX:
                self.by_prefix.setdefault(word[:COGNATE_PREFIX], []).append(word)
        self.stems = {_porter()(w) for w in counts}
        self.table = table if table is not None else learn_table(pairs, set(counts), min_dice, per_word)
        self.lay = learn_table(lay_pairs, set(counts), LAY_DICE, per_word, source_lang="en")
        french = Counter(french_words)
        self.reverse = learn_table([(en, fr) for fr, en in pairs], set(french), min_dice, per_word,
                                   source_lang="en", target_lang="fr")
        by_spelling: dict[str, list[str]] = {}
        for word in sorted(french, key=lambda w: -french[w]):
            if len(word) >= MIN_COGNATE:
                by_spelling.setdefault(root(english_spelling(word)), []).append(word)
        self.french_by_root = {r: tuple(ws[:3]) for r, ws in by_spelling.items()}
        """Root of an English spelling -> the library's French words spelt so (cognates, read backwards)."""

    STATE = {"by_root": dict[str, tuple[str, ...]], "by_prefix": dict[str, list[str]], "stems": frozenset[str],
             "table": dict[str, tuple[tuple[str, float], ...]], "lay": dict[str, tuple[tuple[str, float], ...]],
             "reverse": dict[str, tuple[tuple[str, float], ...]], "french_by_root": dict[str, tuple[str, ...]],
             "dictionary": dict[str, tuple[str, ...]], "everyday": dict[str, tuple[str, ...]]}
    """What a lexicon holds once learned, by attribute, with its type (what `state` writes and
    `from_state` reads back, so that a process does not learn it again)."""

    def state(self) -> dict:
        """The learned tables (graph.govern_state stores them at build)."""
        return {name: getattr(self, name) for name in self.STATE}

    @classmethod
    def from_state(cls, data: dict, decode) -> "Lexicon":
        """The lexicon whose `state` this is, each table read by decode(type, value) (the knowledge
        base's, which names the file when the data does not fit); KeyError when one is missing."""
        lexicon = cls.__new__(cls)
        for name, tp in cls.STATE.items():
            setattr(lexicon, name, decode(tp, data[name]))
        return lexicon

    @staticmethod
    def shared(bridges: list[Bridge]) -> list[Bridge]:
        """Each source word's translations share its weight: a word with three translations counts
        for one word, not three (the usual translation-model normalisation).  Derived forms are not
        shared: each is the same word in another shape."""
        totals: dict[str, float] = {}
        for b in bridges:
            totals[b.source] = totals.get(b.source, 0.0) + b.weight
        best: dict[str, float] = {}
        for b in bridges:
            best[b.source] = max(best.get(b.source, 0.0), b.weight)
        out: dict[tuple[str, str], Bridge] = {}
        for b in bridges:
            weight = round(best[b.source] * b.weight / totals[b.source], 3)
            key = (b.source, b.word)
            if key not in out or out[key].weight < weight:
                out[key] = Bridge(b.word, b.source, b.how, weight)
        return list(out.values())

    def derived(self, words: Iterable[str]) -> list[Bridge]:
        """Act words sharing an English word's root (not its mere inflections), negated forms of
        the Act's included ("seizable" reaches "unseizable"), and the positive form of a negated
        word ("ineligible" reaches "eligible")."""
        out = []
        for word in dict.fromkeys(words):
            stem = _porter()(word)
            for w in self.by_root.get(root(word), ()):
                if _porter()(w) != stem and w != word:
                    out.append(Bridge(w, word, "derived", 1.0))
            for prefix in NEGATIONS["en"]:
                rest = word[len(prefix):]
                if word.startswith(prefix) and len(rest) > MIN_ROOT and _porter()(rest) != stem:
                    for w in self.by_root.get(root(rest), ()):
                        if w != word:
                            out.append(Bridge(w, word, "negated", 1.0))
        return list({(b.source, b.word): b for b in out}.values())

    def translate(self, words: Iterable[str]) -> list[Bridge]:
        """English words of the Act for French words: the written word list first (`dictionary`),
        else cognates, else learned translations.  A word the list holds is bridged to its entries
        alone, and a word spelt as a word of the Act to that word alone: the cognates' shared
        starts and the table, learned from few pairs, also hold words of the same topic or spelling
        (« employeur » → ‘employees’, « décision » → ‘observations’, ‘days’)."""
        out = []
        for word in dict.fromkeys(words):
            written = self.written(word)
            out += [Bridge(w, word, "dictionary", DICTIONARY_WEIGHT) for w in written]
            found: tuple[str, ...] = ()
            if len(word) >= MIN_COGNATE:
                spelt = english_spelling(word)
                found = self.by_root.get(root(spelt), ())
                if not found and len(word) >= COGNATE_PREFIX:
                    found = self._shared_start(word)
                for w in found:
                    out.append(Bridge(w, word, "cognate", 0.8))
            roots = {root(w) for w in found}
            for english, dice in self.table.get(word, ()):
                if not roots or root(english) in roots:
                    out.append(Bridge(english, word, "translated", dice))
            if len(word) >= MIN_COGNATE:
                for prefix in NEGATIONS["fr"]:
                    rest = spelt[len(prefix):]
                    if spelt.startswith(prefix) and len(rest) >= MIN_COGNATE and root(spelt) not in self.by_root:
                        for w in self.by_root.get(root(rest), ()):
                            out.append(Bridge(w, word, "negated", 0.6))
        return self.shared(out)

    def written(self, word: str) -> tuple[str, ...]:
        """The Act's words the bilingual word list gives for a French word: as written, else as the
        infinitive of a verb form (`infinitives`), else by stem."""
        forms = (word, *infinitives(word))
        for key in forms + tuple(STEMMED + french_stem(w) for w in forms):
            if found := self.dictionary.get(key):
                return found
        return ()

    def paraphrase(self, words: Iterable[str]) -> list[Bridge]:
        """Act words for everyday English words, from the table learned on the thesaurus's everyday
        expressions against its Act phrases ("turned down" -> "refuse"); the Act's own words are
        left to the full text."""
        out = [Bridge(act, word, "paraphrase", dice) for word in dict.fromkeys(words)
               for act, dice in self.lay.get(word, ()) if act != word]
        return self.shared(out)

    def say_as_act(self, text: str) -> list[Bridge]:
        """The Act's words and terms for the everyday English expressions a text holds, from the
        written word list (graph.govern_everyday): "kicked me out" -> ‘precarious’, ‘housing’."""
        firsts = getattr(self, "_everyday_firsts", None)
        if firsts is None:
            firsts = self._everyday_firsts = by_first_word(self.everyday)
        return self.shared([Bridge(act, said, "everyday", 1.0) for said, act in everyday_words(text, self.everyday, firsts)])

    def to_french(self, words: Iterable[str]) -> list[Bridge]:
        """French words of the library's French texts for English words: the French-English table
        read the other way, and cognates (a French word whose English spelling has the English
        word's root: "incarcerated" -> "incarceree")."""
        out = []
        for word in dict.fromkeys(words):
            for french, dice in self.reverse.get(word, ()):
                out.append(Bridge(french, word, "translated", dice))
            if len(word) >= MIN_COGNATE:
                for french in self.french_by_root.get(root(word), ()):
                    out.append(Bridge(french, word, "cognate", 0.8))
        return self.shared(out)

    def _shared_start(self, word: str) -> tuple[str, ...]:
        """Act words that share the longest start with a French word (7 letters at least, and
        three fifths of the shorter word)."""
        best: list[str] = []
        longest = 0
        for w in self.by_prefix.get(word[:COGNATE_PREFIX], ()):
            n = next((i for i, (a, b) in enumerate(zip(word, w)) if a != b), min(len(word), len(w)))
            if n >= 0.6 * min(len(word), len(w)):
                if n > longest:
                    best, longest = [w], n
                elif n == longest:
                    best.append(w)
        return tuple(best[:3])


def learn_table(pairs: Iterable[tuple[str, str]], vocabulary: set[str], min_dice: float,
                per_word: int, source_lang: str = "fr", target_lang: str = "en") -> dict[str, tuple[tuple[str, float], ...]]:
    """Word -> (word of the target texts, Dice association), from (source text, target text) pairs
    that say the same thing: how often the two words are in the same pair, over how often each is
    in any.  Only associations seen in two pairs at least.  The source is French and the target the
    Act's English (a translation table), or the reverse (English questions reaching French texts),
    or everyday English and the Act's English (lay words -> the Act's words)."""
    fr_count: Counter = Counter()
    en_count: Counter = Counter()
    both: Counter = Counter()
    for french, english in pairs:
        fr = {w for w in content_words(french, source_lang) if w not in FUNCTION_WORDS[source_lang]}
        en = {w for w in content_words(english, target_lang) if w in vocabulary and w not in FUNCTION_WORDS[target_lang]}
        fr_count.update(fr)
        en_count.update(en)
        both.update((f, e) for f in fr for e in en)
    table: dict[str, list[tuple[str, float]]] = {}
    for (f, e), n in both.items():
        if n < 2:
            continue
        dice = 2 * n / (fr_count[f] + en_count[e])
        if dice >= min_dice:
            table.setdefault(f, []).append((e, round(dice, 3)))
    return {f: tuple(sorted(v, key=lambda x: (-x[1], x[0]))[:per_word]) for f, v in table.items()}


STEMMED = "~"
"""Marks a stem among the dictionary's keys: a word the list holds as written is looked up as
written first, its stem only when the list does not hold it (Snowball reads « loyer » as ``loi``
and « partie » as ``part``)."""
DICTIONARY_WEIGHT = 1.0
"""How sure a bridge the bilingual word list gives is (a learned one: its Dice association)."""


VERB_ENDINGS = ("eraient", "erions", "eriez", "aient", "erais", "erait", "erons", "eront", "ions", "iez", "ent",
                "ons", "ez", "ais", "ait", "era", "eras", "erai", "ees", "es", "ee", "e")
"""Endings of the forms of a French verb in -er (folded), longest first: « réclament », « réclamez »,
« réclamerait », « réclamées » all lead to « réclamer », where Snowball stems « réclament » to
``recl`` (as an adverb in -ment) and « réclamer » to ``reclam``."""


def infinitives(word: str) -> tuple[str, ...]:
    """The infinitive in -er a French verb form may be of (none for a word too short to be one)."""
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return (word[: -len(ending)] + "er",)
    return ()


def load_dictionary(vocabulary: set[str], path: Path = DICTIONARY_FILE) -> dict[str, tuple[str, ...]]:
    """French word, and French stem marked `STEMMED` -> the Act's words it stands for, from the
    bilingual word list: each French word of an entry folded, split as a question's words are
    (`content_words`, function words left out), and stemmed.  Checked: AlineaError naming the file when it is not an object of lists of
    French words, or when an entry is not a word of the Act (`vocabulary`)."""
    words = read_member(path, "word list", "words", dict)
    table: dict[str, list[str]] = {}
    for english, french in words.items():
        if english not in vocabulary:
            raise AlineaError(f"{path}: {english!r} is not a word of the Act")
        if not isinstance(french, list) or not french or not all(isinstance(w, str) and w.strip() for w in french):
            raise AlineaError(f"{path}: {english!r} must list French words, got {french!r}")
        for phrase in french:
            for word in content_words(phrase, "fr"):
                if word not in FUNCTION_WORDS["fr"]:
                    for key in (word, STEMMED + french_stem(word)):
                        found = table.setdefault(key, [])
                        if english not in found:
                            found.append(english)
    return {stem: tuple(english) for stem, english in table.items()}


def act_words(statute) -> list[str]:
    """The content words of a statute's sections, as govern and the translation table read them."""
    return [w for s in statute.sections for w in content_words(s.text, statute.lang or "en")]


def translation_table(statute, thesaurus, glossary) -> dict[str, tuple[tuple[str, float], ...]]:
    """French word -> (English word of the statute, Dice association), learned from the parallel
    expressions of the thesaurus and the glossary: built once at `alinea build` and kept with the
    knowledge base (``word_table``), where govern and cross-language search both read it."""
    return learn_table(parallel_pairs(thesaurus, glossary), set(act_words(statute)), MIN_DICE, PER_WORD)


def lay_pairs(thesaurus, glossary) -> list[tuple[str, str]]:
    """(everyday English, the Act's English) texts that say the same thing: each thesaurus entry's
    English expressions against its Act phrases; each glossary concept's other names against its
    name."""
    pairs = []
    for entry in thesaurus or ():
        english = " ".join(entry.say.get("en", ()))
        if english and entry.means:
            pairs.append((english, " ".join(entry.means)))
    for concept in glossary or ():
        if concept.aliases and concept.en:
            pairs.append((" ".join(concept.aliases), concept.en))
    return pairs


def parallel_pairs(thesaurus, glossary, cited: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(French, English) texts that say the same thing: each thesaurus entry's French expressions
    against its English ones and its Act phrases (one pair per entry, so that an entry counts
    once); each glossary concept's two names; and `cited`, French guidance against the English
    provisions it rests on (a page's own list of the articles it applies)."""
    pairs = list(cited)
    for entry in thesaurus or ():
        french = " ".join(entry.say.get("fr", ()))
        if french:
            pairs.append((french, " ".join(entry.say.get("en", ()) + entry.means)))
    for concept in glossary or ():
        if concept.fr and concept.en:
            pairs.append((concept.fr, concept.en))
    return pairs


def idf(df: int, n: int) -> float:
    return math.log(1 + n / (1 + df))
