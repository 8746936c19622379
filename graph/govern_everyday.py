"""Everyday English for the Act's words: a word list of the Act's vocabulary, read and matched.

People ask in their own words ("kicked out", "can't work", "moved in with", "got paid cash",
"my ex"); the Act says "precarious", "capacity for employment", "cohabit", "misrepresentation",
"spouse".  `corpus/lexicon_everyday_en.json` gives, for each content word of the Act and each of
its recurring multiword terms ("last resort financial assistance", "leaving or losing a job"),
the everyday English words and expressions that say it, as the French word list
(corpus/lexicon_fr_en.json) gives its French.  It is per word of the Act, not per question or
per section: a question reaches the Act's word whatever provision uses it.

`load_everyday` reads and checks the list (an error names the file and the line); the build
keeps what it returns with the ranker's tables (graph.govern_lexicon.Lexicon.everyday);
`everyday_words` finds a text's expressions: each expression's words stemmed (Porter), in order,
with at most `GAP` other words between two of them ("kicked me out" holds "kicked out").

>>> words = tokens("My ex can't work and they kicked me out")
>>> words
['my', 'ex', 'cannot', 'work', 'and', 'they', 'kicked', 'me', 'out']
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from alinea.errors import AlineaError
from alinea.ids import fold_chars
from graph.datafile import read_entries_by_line
from graph.govern_words import FUNCTION_WORDS
from graph.thesaurus import stemmer
from search.analysis import stop_words

EVERYDAY_FILE = Path(__file__).resolve().parents[1] / "corpus" / "lexicon_everyday_en.json"
"""Everyday English for each content word and recurring term of the Act, written by hand."""
ACT_SHARE = 0.05
"""An expression of one word that the Act says in this share of its sections or more is not everyday
English for another word of the Act: the full text finds it, and a bridge from it leads everywhere."""
GAP = 2
"""Most words between two words of an expression, common words only ("kicked *me* out", "turned *it* down")."""
_WORD = re.compile(r"[a-z0-9]+")
_CONTRACTIONS = ((re.compile(r"\bcan'?t\b"), "cannot"), (re.compile(r"\bwon'?t\b"), "will not"),
                 (re.compile(r"n't\b"), " not"), (re.compile(r"'s\b|s'(?=\s|$)"), ""))
"""Contractions and possessives written out, so that "can't work" is "cannot work" and "doctor's
note" is "doctor note", in the list as in a question."""


def tokens(text: str) -> list[str]:
    """The words of an English text, folded, lower case, contractions and possessives written out."""
    text = fold_chars(text.lower().replace("’", "'"))
    for pattern, written in _CONTRACTIONS:
        text = pattern.sub(written, text)
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return stemmer("en")(word)


def expression_key(text: str) -> str:
    """How an expression is looked up: its words' stems, a space between."""
    return " ".join(_stem(w) for w in tokens(text))


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    """Stems of the words that say nothing alone: a question's function words and the stop words."""
    return frozenset(_stem(t) for w in common_words() for t in tokens(w))


def common_words() -> frozenset[str]:
    """The words that say nothing alone, as written (graph.govern_stems has the build keep their stems)."""
    return FUNCTION_WORDS["en"] | stop_words("en")


def _common(word: str) -> bool:
    """A word that says nothing alone ("can", and "canned", which stems as "can")."""
    return len(word) < 2 or word in FUNCTION_WORDS["en"] or _stem(word) in _common_stems()


def load_everyday(vocabulary: set[str], act_texts: Iterable[str],
                  path: Path = EVERYDAY_FILE) -> dict[str, tuple[str, ...]]:
    """Expression key (`expression_key`) -> the Act's words and terms it stands for.  Checked:
    AlineaError naming the file and the line when an entry's name is neither a content word of the
    Act (`vocabulary`) nor a phrase of its text (`act_texts`, one per section), when it does not
    list expressions, or when an expression is the Act's own word, a word that says nothing alone
    ("can"), or a word the Act itself says in many sections (`ACT_SHARE`: the full text finds it,
    and a bridge from it leads everywhere: "program" -> ‘training’)."""
    texts = [" ".join(tokens(t)) for t in act_texts]
    act = " " + " ".join(texts) + " "
    sections: dict[str, int] = {}
    for text in texts:
        for stem in {_stem(w) for w in text.split()}:
            sections[stem] = sections.get(stem, 0) + 1
    often = ACT_SHARE * sum(1 for t in texts if t)
    table: dict[str, list[str]] = {}
    for line, name, said in read_entries_by_line(path, "everyday word list", "words"):
        where = f"{path}:{line}"
        words = tokens(name)
        if not words or (len(words) == 1 and name not in vocabulary) or \
                (len(words) > 1 and f" {' '.join(words)} " not in act):
            raise AlineaError(f"{where}: {name!r} is not a word or a phrase of the Act")
        if not isinstance(said, list) or not said or not all(isinstance(e, str) and tokens(e) for e in said):
            raise AlineaError(f"{where}: {name!r} must list everyday words or expressions, got {said!r}")
        for expression in said:
            key = expression_key(expression)
            if key == expression_key(name):
                raise AlineaError(f"{where}: {name!r} lists itself ({expression!r}): list what people say instead")
            if " " not in key and _common(tokens(expression)[0]):
                raise AlineaError(f"{where}: {name!r} lists {expression!r}, a common word that says nothing alone")
            if " " not in key and sections.get(key, 0) >= often:
                raise AlineaError(f"{where}: {name!r} lists {expression!r}, which the Act itself says in "
                                  f"{sections[key]} sections (the full text finds it)")
            found = table.setdefault(key, [])
            if name not in found:
                found.append(name)
    return {key: tuple(names) for key, names in table.items()}


Firsts = dict[str, list[tuple[tuple[str, ...], str]]]


def by_first_word(table: dict[str, tuple[str, ...]]) -> Firsts:
    """The table's expressions by their first stem: (the other stems, the expression's key)."""
    firsts: Firsts = {}
    for expression in table:
        first, *rest = expression.split()
        firsts.setdefault(first, []).append((tuple(rest), expression))
    return firsts


def everyday_words(text: str, table: dict[str, tuple[str, ...]], firsts: Firsts | None = None) -> list[tuple[str, str]]:
    """(the text's words as matched, the Act's word or term) for each expression of the list that
    the text holds: its stems in order, at most GAP words between two of them.  firsts: the
    table's `by_first_word`, when the caller keeps it."""
    words = tokens(text)
    stems = [_stem(w) for w in words]
    firsts = by_first_word(table) if firsts is None else firsts
    found: dict[tuple[str, str], None] = {}
    for start, first in enumerate(stems):
        for rest, key in firsts.get(first, ()):
            end = _match(stems, start, rest)
            if end is not None:
                for name in table[key]:
                    found[(" ".join(words[start:end + 1]), name)] = None
    return list(found)


def _match(stems: list[str], start: int, rest: tuple[str, ...]) -> int | None:
    """The position of the last word of an expression whose first word is at `start`, None when the
    text does not hold it.  Only common words may come between two of its words ("kicked *me* out",
    "pay *it* back"), at most GAP: "take *to get* back" is not "take back"."""
    at = start
    common = _common_stems()
    for stem in rest:
        for i in range(at + 1, min(at + GAP + 2, len(stems))):
            if stems[i] == stem:
                at = i
                break
            if stems[i] not in common:
                return None
        else:
            return None
    return at

