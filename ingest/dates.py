"""Single dates in English and French, as publishers print them.

>>> parse_date("31 August 2024")
'2024-08-31'
>>> parse_date("1er août 2024")
'2024-08-01'
>>> parse_date("January 31, 2026")
'2026-01-31'
>>> parse_date("2016-12-21")
'2016-12-21'
>>> parse_date("22 CNovember 2006") is None
True
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janv": 1, "fevr": 2, "avr": 4, "juil": 7,
}
MONTH_RE = r"[A-Za-zÀ-ÿ]+\.?"
DAY_RE = r"(?:1er|1re|\d{1,2})"


def fold(text: str) -> str:
    """Lower case without accents (``Août`` -> ``aout``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def month_number(name: str) -> int | None:
    """1-12 for an English or French month name (accents optional), else None."""
    return MONTHS.get(fold(name).rstrip("."))


def iso(year: int, month: int, day: int) -> str | None:
    """ISO date, or None when the date does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The ISO date written in text (a whole date, nothing else), or None."""
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" .,")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return iso(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(rf"({DAY_RE})\s+({MONTH_RE})\s+(\d{{4}})", text):
        month = month_number(m[2])
        day = 1 if m[1] in ("1er", "1re") else int(m[1])
        return iso(int(m[3]), month, day) if month else None
    if m := re.fullmatch(rf"({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", text):
        month = month_number(m[1])
        return iso(int(m[3]), month, int(m[2])) if month else None
    return None
