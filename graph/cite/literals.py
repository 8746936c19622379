"""Whether a text may hold a citation, told without the grammar, so that a search for words or a
question to govern neither imports nor compiles the citation engine:

- `RULE_LITERALS`: the strings one of which a text must hold for each rule of `graph.cite.rules`
  to run; `may_hold_citations(text, names)`: False when no rule would find anything in text;
- `may_cite(text, names)`: False when a typed text cannot be one citation (`graph.cite.parse_query`),
  a tighter test (tests/test_startup.py checks it against the grammar)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

RULE_LITERALS: dict[str, tuple[str, ...]] = {
    "LégisQuébec address": ("/document/", "/version/", "/showdoc/"),
    "provision id": ("/",),
    "pinpoint": (
        "s.", "ss.", "sec", "art", "a.", "§", "para", "al.", "alinéa", "subpar", "sous-par", "par.", "chap",
        "title", "titre", "division", "part", "livre", "book", "schedule", "annexe", "this", "that", "présent",
        "cet", "ce ", "même", "clause", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "last", "preceding", "premi", "1er", "1re", "ième", "dernier", "précédent", "c.", "ch.", "-",
        "s ", "a ", "sor/", "dors/"),
    "items named by their labels": ("décrit", "prévu", "visé", "mentionné", "énoncé", "described", "set out", "referred to"),
    "technical standard": ("csa", "can", "acnor", "ansi", "iso", "iec", "cei", "bnq", "nfpa", "ul", "astm", "asme", "ashrae",
                           "en", "din", "cgsb", "ongc", "niosh", "sae", "ieee", "nema", "nq", "acgih", "aiha"),
    "named publication": ("tome", "volume", "vol."),
    "standard id": ("standard:",),
    "act with its chapter": ("(",),
    "federal act or regulation": ("r.s.c", "l.r.c", "s.c.", "l.c.", "sor", "dors", "c.r.c", "statutes of canada",
                                  "lois du canada", "consolidated regulations"),
    "act in the collection": ("cqlr", "rlrq", "l.r.q.", "r.s.q.", "r.r.q."),
    "act named": ("",),
    "the regulation": ("regulation", "règlement"),
    "the enabling act": ("la loi", "the act"),
    "that act": ("that act", "that regulation", "cette loi", "ladite loi", "règlement", "ce code"),
    "this document": ("this act", "present act", "this regulation", "present regulation", "this code", "present code",
                      "this charter", "present charter", "présente loi", "présent règlement", "présent code", "présente charte"),
    "chapter of the statutes of": ("statutes of", "lois de"),
    "chapter of the Revised Statutes": ("revised statutes", "lois refondues"),
    "document id": ("-", "guidance:", "canada:"),
}
"""Each rule of `graph.cite.rules`, by name -> lower-case strings one of which a text must hold for it
to run (`Rule.runs_on`); "" for the act names, whose own test is `name_words`."""

CITATION_LITERALS = (
    "/", ":", "§", "(", "s.", "a.", "c.", "r.", "al.", "ch.", "par.", "sect", "art", "para", "alin", "titl", "titr",
    "chap", "divis", "part", "book", "livre", "sched", "annex", "act", "code", "chart", "loi", "règl", "regl", "regul",
    "tarif", "by-law", "cqlr", "rlrq", "r.s.q", "l.r.q", "statut")
"""Lower-case strings one of which a citation without a digit holds: its level words and
abbreviations, act name heads, collections, ids and addresses."""


def may_cite(text: str, names: Iterable[str] = ()) -> bool:
    """False when text cannot be one typed citation: no digit, no citation word (`CITATION_LITERALS`),
    none of the act titles and abbreviations `names`, and only characters whose lower case decides
    what the grammar's case-blind patterns match."""
    if any(c.isdigit() for c in text):
        return True
    lowered = " ".join(text.lower().replace("’", "'").split())
    return not case_plain(text, text.lower()) or any(lit in lowered for lit in CITATION_LITERALS) or \
        any(" ".join(n.lower().replace("’", "'").split()) in lowered for n in names if n.strip())


_SPACES = re.compile(r"\s+")


def spaced(lowered: str) -> str:
    """Lowered text with each run of spaces (no-break, thin, line breaks) one ASCII space, as the
    literals are written: the patterns take any run of spaces where a literal has one."""
    return _SPACES.sub(" ", lowered)


def may_hold_citations(text: str, names: Iterable[str] = ()) -> bool:
    """False when `graph.cite.find_citations` would find nothing in text, from any source: no rule's
    literals occur in it, and no word of `names` that the act names' pattern asks first
    (`graph.cite.find.Names.may_match`).  What govern asks before it builds the citation index."""
    lowered = text.lower()
    spaced_text = spaced(lowered)
    if any(lit and lit in spaced_text for literals in RULE_LITERALS.values() for lit in literals):
        return True
    words = name_words(tuple(names))
    return bool(words) and (not case_plain(text, lowered) or any(word in lowered for word in words))


@lru_cache(maxsize=16)
def name_words(names: tuple[str, ...]) -> tuple[str, ...]:
    """The longest word of each act name (lower case), one of which a text must hold, in any case,
    for the names' pattern to be worth running on it."""
    names = tuple(sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True))
    return tuple(max(re.split(r"[ '’]+", n.lower()), key=len) for n in names)


def case_plain(text: str, lowered: str) -> bool:
    """True when lower case alone decides what `re.IGNORECASE` matches in text."""
    if text.isascii():
        return True
    variants = _case_variants()
    return variants is not None and "İ" not in text and variants.isdisjoint(lowered)


@lru_cache(maxsize=1)
def _case_variants() -> frozenset[str] | None:
    """Non-ASCII characters (lower case) that `re.IGNORECASE` matches with another besides their
    case; None when this Python does not say."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:
        return None
    return frozenset(chr(c) for key, others in _EXTRA_CASES.items() for c in (key, *others) if c >= 0x80)
