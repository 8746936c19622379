"""Normalise the spaces and quotes of published text.

>>> clean("2018, c.\u00a011, s.\u20091. ")
'2018, c. 11, s. 1.'
>>> fold_quotes("the word \u201cspouses\u201d, l\u2019adulte")
'the word "spouses", l\\'adulte'
"""
from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u2007\u200a\u2002\u2003]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-"})


def clean(text: str) -> str:
    """Collapse every kind of space (no-break, thin, tabs) to one space and strip."""
    return _SPACES.sub(" ", text).strip()


def fold_quotes(text: str) -> str:
    """Typographic quotes and dashes to ASCII, one character for one (offsets are kept)."""
    return text.translate(_QUOTES)
