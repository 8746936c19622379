"""Whether a typed text may be a citation, told without the grammar: a literal test that never
turns a citation away (tests/test_startup.py checks it against `graph.cite.parse_query`), so that a
search for words or a question to govern neither imports nor compiles the citation engine."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

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
