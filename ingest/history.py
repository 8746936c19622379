"""Amendment histories: ``2005, c. 15, s. 55; 2016, c. 25, s. 28.`` -> HistoryEntry list.

The same grammar reads English (``s.``) and French (``a.``) histories, decrees
(``D. 851-2016, a. 1``), revised regulations (``R.R.Q., 1981, c. S-2.1, r. 9, a. 1``)
and update notes (``I.N. 2016-01-01 (NCCP)``, ``N.I. 2016-01-01 (NCPC)``).

>>> [e.raw for e in parse_history("2005, c. 15, s. 21; 2007, c. 3, s. 69, s. 72.")]
['2005, c. 15, s. 21', '2007, c. 3, s. 69, s. 72']
>>> parse_history("2007, c. 3, s. 69, s. 72.")[0].sections
('69', '72')
>>> e = parse_history("I.N. 2016-01-01 (NCCP).")[0]
>>> e.kind, e.date, e.reason
('update', '2016-01-01', 'NCCP')
>>> parse_history("2005, c. 15, c. III; 2016, c. 25, s. 30.")[0].other_pinpoints
('c. III',)
>>> e = parse_history("D. 1234-2001, a. 2 et 3, Erratum")[0]
>>> e.kind, e.year, e.chapter, e.sections, e.other_pinpoints
('decree', 2001, '1234-2001', ('2', '3'), ('Erratum',))
>>> [(e.kind, e.year, e.chapter, e.sections, e.other_pinpoints) for e in parse_history(
...     "Décision 83-11-17, a. 3; Erratum, 1987 G.O. 2, 1673; R.R.Q. 1981, c. S-2.1, r. 15, s. III", lang="fr")]
[('decision', 1983, '83-11-17', ('3',), ()), ('erratum', 1987, None, (), ('G.O. 2, 1673',)), ('revised', 1981, 'S-2.1, r. 15', (), ('s. III',))]
>>> e = parse_history("D. 1606-84, a. 1")[0]
>>> e.kind, e.year, e.chapter, e.sections
('decree', 1984, '1606-84', ('1',))

In French histories ``ss.`` is a *sous-section* (subdivision), not sections:

>>> e = parse_history("R.R.Q., 1981, c. S-2.1, r. 9, ss. 4.5", lang="fr")[0]
>>> e.sections, e.other_pinpoints
((), ('ss. 4.5',))
>>> parse_history("2016, c. 25, ss. 4, 5")[0].sections
('4', '5')

With ``strict=False`` an entry of unknown shape is kept as ``unparsed``, as printed (the last
with the line's closing period, if the page prints one):

>>> [(e.kind, e.raw) for e in parse_history("D. 12-2001; Loi spéciale.", strict=False)]
[('decree', 'D. 12-2001'), ('unparsed', 'Loi spéciale.')]
>>> parse_history("2016, c. 32016")
Traceback (most recent call last):
...
ValueError: '2016, c. 32016': expected an entry such as '2016, c. 25, s. 28'
"""
from __future__ import annotations

import re

from alinea.model import HistoryEntry
from ingest.clean import clean

NUM = r"\d+(?:\.\d+)*(?:\.?[a-z])?"
_ACT = re.compile(r"^(?:(?:S\.Q\.|L\.Q\.)\s*)?(\d{4}),\s*c\.\s*(\d{1,3})(?=,|$)(.*)$")
_DECREE = re.compile(r"^(?:D\.|O\.C\.)\s*(\d+-(\d{4}|\d{2}))(?=,|$)(.*)$")
_REVISED = re.compile(r"^(R\.R\.Q\.|R\.S\.Q\.|L\.R\.Q\.),?\s*(\d{4}),\s*c\.\s*([A-Z]{1,3}-\d+(?:\.\d+)*(?:,\s*r\.\s*\d+(?:\.\d+)*)?)(?=,|$)(.*)$")
_DECISION = re.compile(r"^D[ée]cision\s+((\d{2}|\d{4})-\d{2}-\d{2})(?=,|$)(.*)$")
_ERRATUM = re.compile(r"^Erratum,\s*(\d{4})\s+((?:G\.O\.|O\.G\.)\s*\d,\s*\d+)$")
_UPDATE = re.compile(r"^(I\.N\.|N\.I\.)\s*(\d{4}-\d{2}-\d{2})(?:\s*\(([^)]*)\))?$")
_SECTIONS = re.compile(rf"^(?:s|ss|a|aa|art)\.\s*({NUM}(?:\s*(?:et|and|,)\s*{NUM})*)$")
_SECTIONS_FR = re.compile(rf"^(?:a|aa|art)\.\s*({NUM}(?:\s*(?:et|,)\s*{NUM})*)$")
_OTHER = re.compile(r"^(?:(?:c|ch|s|sec|ss|Ann|Sch|par|al|ann)\.\s*[A-Za-z0-9.]+|Schedule\s+[A-Z0-9]+|Annexe\s+[A-Z0-9]+|Erratum)$")
EXAMPLE = "'2016, c. 25, s. 28'"


def decree_year(year: str) -> int:
    """The year of a decree number: ``2016``; two digits are 19xx (``84`` -> 1984)."""
    return int(year) if len(year) == 4 else 1900 + int(year)


def parse_entry(raw: str, lang: str = "en") -> HistoryEntry:
    """One entry (no trailing ';' or '.'); ValueError when it has no known shape.
    `lang` is the language of the history (``fr``: ``ss.`` is a subdivision)."""
    text = clean(raw).rstrip(".").strip()
    if m := _UPDATE.match(text):
        return HistoryEntry(text, "update", int(m[2][:4]), None, (), (), m[2], m[3])
    if m := _ERRATUM.match(text):
        return HistoryEntry(text, "erratum", int(m[1]), None, (), (" ".join(m[2].split()),))
    if m := _ACT.match(text):
        kind, year, chapter, rest = "act", int(m[1]), m[2], m[3]
    elif m := _DECREE.match(text):
        kind, year, chapter, rest = "decree", decree_year(m[2]), m[1], m[3]
    elif m := _DECISION.match(text):
        kind, year, chapter, rest = "decision", decree_year(m[2]), m[1], m[3]
    elif m := _REVISED.match(text):
        kind, year, chapter, rest = "revised", int(m[2]), " ".join(m[3].split()), m[4]
    else:
        raise ValueError(f"{raw!r}: expected an entry such as {EXAMPLE}")
    sections: list[str] = []
    others: list[str] = []
    section_re = _SECTIONS_FR if lang == "fr" else _SECTIONS
    for token in _pinpoints(rest, section_re):
        if s := section_re.match(token):
            sections += re.findall(NUM, s[1])
        elif _OTHER.match(token):
            others.append(token)
        else:
            raise ValueError(f"{raw!r}: {token!r} is not a pinpoint (expected 's. 28', 'a. 28' or 'c. III')")
    return HistoryEntry(text, kind, year, chapter, tuple(sections), tuple(others))


def _pinpoints(rest: str, section_re: re.Pattern = _SECTIONS) -> list[str]:
    """Split ', s. 69, s. 72' into pinpoints, keeping 'a. 2 et 3' and 's. 1, 2' together."""
    tokens: list[str] = []
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        if tokens and re.fullmatch(NUM, part) and section_re.match(tokens[-1]):
            tokens[-1] += ", " + part
        else:
            tokens.append(part)
    return tokens


def parse_history(line: str, lang: str = "en", strict: bool = True) -> list[HistoryEntry]:
    """Every entry of a history line, in the publisher's order, duplicates kept.
    A bad entry raises ValueError, or with ``strict=False`` is kept as ``unparsed``."""
    text = clean(line)
    if not text:
        raise ValueError("empty history line")
    parts = text.split(";")
    entries = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        try:
            entries.append(parse_entry(closing_period_off(part) if last else part, lang))
        except ValueError:
            if strict:
                raise
            # kept as printed; the last keeps its closing period, if any (ingest.rebuild.history_text)
            entries.append(HistoryEntry(clean(part), "unparsed"))
    return entries


def closing_period_off(text: str) -> str:
    """The last entry of a history line without the period that closes the line."""
    text = text.rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("I.N.") else text


def is_history_line(line: str) -> bool:
    """True when the whole line reads as a history line."""
    try:
        parse_history(line)
    except ValueError:
        return False
    return True
