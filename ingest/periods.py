"""Dated periods in English and French guidance text -> `Period(start, end, text)`.

A period expression is a date (``1er janvier 2021``, ``January 31, 2026``,
``2016-12-21``, or a month: ``janvier 2023``) with the words that say which
side of it is governed:

>>> parse_period("Entre le 1er janvier 2021 et le 30 septembre 2021")
Period(start='2021-01-01', end='2021-09-30', text='Entre le 1er janvier 2021 et le 30 septembre 2021')
>>> parse_period("depuis janvier 2023")
Period(start='2023-01-01', end=None, text='depuis janvier 2023')
>>> parse_period("prior to January 1, 2002")
Period(start=None, end='2001-12-31', text='prior to January 1, 2002')
>>> parse_period("en juillet 2022")
Period(start='2022-07-01', end='2022-07-31', text='juillet 2022')
>>> parse_period("le 31 février 2021") is None
True

Rules: a range (``entre … et …``, ``du … au …``, ``between … and …``, ``from … to …``)
runs from the first day of its first date to the last day of its second (a month
counts whole); ``depuis``, ``à compter de``, ``à partir de``, ``dès``, ``au`` (as of),
``since``, ``as of``, ``effective``, ``comes into effect on`` open a period on the
date; ``après``/``after`` open it the day after; ``jusqu'au``/``until`` close it on
the date and ``avant``/``before``/``prior to`` the day before; a date alone is a
period of that day (or month).  Year-only expressions (``en 2023``) are not read.
A date that does not exist (31 février) gives no period.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from alinea.ids import fold_chars
from alinea.model import Period
from ingest.dates import iso, month_number

RANGE, FROM, AFTER, UNTIL, BEFORE, POINT = "range", "from", "after", "until", "before", "point"
GOVERNING = (RANGE, FROM)
"""Kinds that say which dates a running text governs.  A date alone only mentions a day,
and "après le …", "avant le …", "jusqu'au …" in running text are mostly conditions
("a person who left after 1 November 2021"), so they date a heading but not a paragraph."""

_MONTHS = sorted({
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
    "janv", "fevr", "avr", "juil", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "oct", "nov", "dec",
}, key=len, reverse=True)
MONTH = rf"(?:{'|'.join(_MONTHS)})\b\.?"
_DAY = r"\d{1,2}(?:er|re|st|nd|rd|th)?"
DATE = (rf"(?:\b\d{{4}}-\d{{2}}-\d{{2}}\b"
        rf"|\b{_DAY}\s+{MONTH}\s+\d{{4}}\b"
        rf"|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
        rf"|\b{MONTH}\s+\d{{4}}\b)")
_LE = r"(?:le\s+|la\s+|l['’]\s*)?"
_DE = r"(?:du|de\s+la|de|d['’])\s*"
_EXPRESSIONS = [
    (RANGE, rf"\bentre\s+{_LE}(?P<a1>{DATE})\s+et\s+{_LE}(?P<b1>{DATE})"),
    (RANGE, rf"\bdu\s+(?P<a2>{DATE})\s+au\s+(?P<b2>{DATE})"),
    (RANGE, rf"\b(?:de|d['’])\s*(?P<a3>{DATE})\s+(?:a|jusqu['’]\s*(?:a|au))\s+(?P<b3>{DATE})"),
    (RANGE, rf"\bbetween\s+(?P<a4>{DATE})\s+and\s+(?P<b4>{DATE})"),
    (RANGE, rf"\bfrom\s+(?P<a5>{DATE})\s+(?:to|until|through|till)\s+(?P<b5>{DATE})"),
    (UNTIL, rf"\bjusqu['’]\s*(?:au|a\s+la|a|en)\s+(?P<u1>{DATE})"),
    (UNTIL, rf"\b(?:until|till|up\s+to|through)\s+(?P<u2>{DATE})"),
    (FROM, rf"\bdepuis\s+{_LE}(?P<f1>{DATE})"),
    (FROM, rf"\ba\s+compter\s+{_DE}(?P<f2>{DATE})"),
    (FROM, rf"\ba\s+partir\s+{_DE}(?P<f3>{DATE})"),
    (FROM, rf"\bdes\s+{_LE}(?P<f4>{DATE})"),
    (FROM, rf"\b(?:en\s+vigueur|prend\s+effet|prendra\s+effet|entre\s+en\s+vigueur)\s+{_LE}(?P<f5>{DATE})"),
    (FROM, rf"\bau\s+(?P<f6>{DATE})"),
    (FROM, rf"\b(?:since|as\s+of|as\s+from|effective(?:\s+on|\s+as\s+of|\s+from)?)\s+(?P<f7>{DATE})"),
    (FROM, rf"\b(?:starting|beginning|commencing)(?:\s+on|\s+in|\s+from)?\s+(?P<f8>{DATE})"),
    (FROM, rf"\b(?:comes?|came|coming|will\s+come)\s+into\s+(?:effect|force)\s+(?:on|as\s+of|in)\s+"
           rf"(?P<f9>{DATE})"),
    (FROM, rf"\b(?:takes?|took|will\s+take)\s+effect\s+(?:on\s+|in\s+)?(?P<f10>{DATE})"),
    (FROM, rf"\bfrom\s+(?P<f11>{DATE})"),
    (AFTER, rf"\b(?:apres|after)\s+{_LE}(?P<g1>{DATE})"),
    (BEFORE, rf"\b(?:avant|before|prior\s+to)\s+{_LE}(?P<h1>{DATE})"),
    (POINT, rf"(?P<p1>{DATE})"),
]
_PATTERN = re.compile("|".join(f"(?P<{kind}_{i}>{rx})" for i, (kind, rx) in enumerate(_EXPRESSIONS)))


class PeriodMatch(NamedTuple):
    """A period expression found in a text, with its offsets in that text."""

    start: int
    end: int
    kind: str
    period: Period


def date_bounds(text: str) -> tuple[date, date] | None:
    """First and last day a date names (a month names all its days), or None."""
    text = " ".join(fold_chars(text).split())
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        day = _day(int(m[1]), int(m[2]), int(m[3]))
        return (day, day) if day else None
    if m := re.fullmatch(rf"(\d{{1,2}})(?:er|re|st|nd|rd|th)?\s+({MONTH})\s+(\d{{4}})", text):
        day = _day(int(m[3]), month_number(m[2]), int(m[1]))
        return (day, day) if day else None
    if m := re.fullmatch(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", text):
        day = _day(int(m[3]), month_number(m[1]), int(m[2]))
        return (day, day) if day else None
    if m := re.fullmatch(rf"({MONTH})\s+(\d{{4}})", text):
        year, month = int(m[2]), month_number(m[1])
        if not month or not 1 <= year <= 9999:
            return None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return None


def _day(year: int, month: int | None, day: int) -> date | None:
    text = iso(year, month, day) if month and year >= 1 else None
    return date.fromisoformat(text) if text else None


def _shift(day: date, days: int) -> str | None:
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _period(kind: str, dates: list[str], text: str) -> Period | None:
    bounds = [date_bounds(d) for d in dates]
    if any(b is None for b in bounds):
        return None
    first, *rest = bounds
    assert first is not None
    if kind == RANGE:
        last = rest[0]
        assert last is not None
        if last[1] < first[0]:
            return None
        return Period(first[0].isoformat(), last[1].isoformat(), text)
    if kind == FROM:
        return Period(first[0].isoformat(), None, text)
    if kind == AFTER:
        return Period(_shift(first[1], 1), None, text)
    if kind == UNTIL:
        return Period(None, first[1].isoformat(), text)
    if kind == BEFORE:
        return Period(None, _shift(first[0], -1), text)
    return Period(first[0].isoformat(), first[1].isoformat(), text)


def find_periods(text: str) -> list[PeriodMatch]:
    """Every period expression in text, in order; dates that do not exist are left out."""
    found = []
    for m in _PATTERN.finditer(fold_chars(text)):
        name = m.lastgroup or ""
        kind = name.split("_")[0]
        dates = [m.group(g) for g, v in m.groupdict().items()
                 if v is not None and g[0] in "abufghp" and g[1:].isdigit()]
        start, end = m.span()
        period = _period(kind, dates, text[start:end])
        if period is not None:
            found.append(PeriodMatch(start, end, kind, period))
    return found


def parse_period(text: str) -> Period | None:
    """The first period expression in text (a heading such as ``Entre le … et le …``), or None."""
    found = find_periods(text)
    return found[0].period if found else None


def governing_period(text: str) -> Period | None:
    """The first expression in text that governs a span of time (not a date merely mentioned)."""
    return next((f.period for f in find_periods(text) if f.kind in GOVERNING), None)
