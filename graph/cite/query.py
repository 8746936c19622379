"""One citation typed by a person (a `show` argument, a search, `/api/provisions/…`, a course's
``[[…]]``, govern's node mode) read as the provisions it names, or one clear line saying why not,
with the nearest real provisions.

>>> [(lv.kind, lv.values) for lv in parse_query("s. 55(2)(a)")[0].levels]
[('section', ('55',)), ('unit', ('2',)), ('unit', ('a',))]
>>> parse_query("the Act") == parse_query("55 apples") == []
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from alinea.ids import InvalidId, ProvisionId, section_sort_key
from graph.cite.find import find_citations
from graph.cite.format import cite
from graph.cite.grammar import NUM, Found, lazy
from graph.cite.resolve import Context, Index, resolve
from graph.cite.rules import QUERY

_BARE_NUMBER = lazy(rf"^({NUM})((?:\([0-9a-z.]{{1,4}}\))*(?:[a-z]{{1,2}}\))?)$")
"""A section number alone, with its pinpoints: "55(2)(a)", and the French way of writing the last one, « 55(2)a) »."""
_LEADING_NUMBER = lazy(rf"^{NUM}(?:\([0-9a-z.]{{1,4}}\))*\s")
_GLUED_LABELS = lazy(r"(?<=[\d)])\s+(?=\([0-9a-z.]{1,4}\))")
_LEFTOVER = lazy(r"[\s,;.]|\b(?:and|or|et|ou|the|le|la|les|du|de|des|see|voir|norme|standard)\b|\bl['’]", re.IGNORECASE)
_FRENCH = lazy(r"\b(?:chapitre|alinéa|sous-par|du|de\s+la)\b", re.IGNORECASE)
"""Words that make a typed citation French, so that "Section 1 (chapitre …)" is a division."""


@dataclass(frozen=True)
class Reading:
    """What a typed citation names."""

    targets: tuple[str, ...] = ()
    """Ids named, in order: provisions of the knowledge base, or ids of documents outside it."""
    error: str = ""
    """One line saying why nothing was named (empty when targets are)."""
    nearest: tuple[str, ...] = ()
    """Real provisions close to what was asked, when it names nothing."""
    missing: tuple[str, ...] = ()
    """The id of what was asked and does not exist, when the citation was read."""


def parse_query(text: str, names: tuple[str, ...] = ()) -> list[Found]:
    """The citations a person typed ("55", "s. 55(2)(a)", "art. 133 LAPF", "CQLR c A-13.1.1, s 57",
    "subparagraph a of subparagraph 2 of the first paragraph of section 55", an id or a
    LégisQuébec address) when they make up the whole text, else []."""
    query = " ".join(text.split()).rstrip(".")
    query = _GLUED_LABELS.sub("", query)
    if m := _BARE_NUMBER.match(query):
        query = f"s. {m[1]}{m[2]}"
    found = _whole(query, names)
    if not found and _LEADING_NUMBER.match(query):  # "27(2) LAPF", "57 al. 2": a section number, then the rest
        found = _whole(f"s. {query}", names)
    return found


def _whole(query: str, names: tuple[str, ...]) -> list[Found]:
    """The citations that make up the whole of `query`, read in French or English, else []."""
    for lang in ("fr", "en") if _FRENCH.search(query) else ("en", "fr"):
        found = [f for f in find_citations(query, lang, names, source=QUERY)
                 if f.levels or (f.act and f.act.kind in ("chapter", "federal", "annual", "name", "id", "standard"))]
        leftover = query
        for f in reversed(found):
            leftover = leftover[:f.start] + leftover[f.end:]
        if found and not _LEFTOVER.sub("", leftover):
            return found
    return []


def read(text: str, index: Index, base: str | None = None) -> Reading:
    """The provisions a typed citation names; a bare number is a section of `base` (by default the
    first statute).  A part of it that names nothing (a pinpoint the section lacks, a second citation
    read against nothing) makes the whole fail: it never lands on the unit above what was asked."""
    text = " ".join(text.split())
    if not text:
        return Reading(error="empty citation")
    if text in index.ids:
        return Reading((text,))
    context = Context(index, "", base=base or index.default_statute)
    targets: list[str] = []
    missing: list[str] = []
    notes: list[str] = []
    unread = ""
    for found in parse_query(text, tuple(index.title_list)):
        resolution = resolve(found, context)
        context = context.after(resolution)
        if found.levels and found.levels[0].implied:
            targets = []  # "Title II, Chapter I": the chapter of that title, not both
        targets += resolution.targets
        missing += resolution.missing
        if resolution.candidates:
            notes.append(f"{found.text!r} may mean {', '.join(resolution.candidates)}")
        elif resolution.note:
            notes.append(resolution.note)
        if not (resolution.targets or resolution.missing or unread):
            unread = notes[-1] if resolution.note or resolution.candidates else f"{found.text!r} names nothing"
    if targets and not missing and not unread:
        return Reading(tuple(dict.fromkeys(targets)))
    if missing:
        return Reading(error=f"{text!r}: {_lacks(missing[0], notes)}", nearest=nearest(missing[0], index),
                       missing=(missing[0],))
    if unread and targets:
        return Reading(error=f"{text!r}: {unread}", nearest=(targets[-1], *_units_below(targets[-1], index))[:5])
    if notes:
        return Reading(error=f"{text!r}: {notes[0]}")
    return Reading(error=f"{text!r} is not a citation Alinea can read",
                   nearest=_nearest_number(text, index, base or index.default_statute))


def _lacks(target: str, notes: list[str]) -> str:
    """What a document lacks, in words: "A-13.1.1 has no section 999", "A-13.1.1 has no subparagraph z
    of subparagraph 2 of the first paragraph of section 55"."""
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        return notes[0] if notes else f"no such provision: {target}"
    if pid.section is None and pid.divisions:  # "A-13.1.1 has no Chapter VII of Title II"
        return f"{pid.doc} has no {cite(target, 'drafting', 'en', home=pid.doc)} ({target})"
    if not pid.path and notes:
        return notes[0] if target in notes[0] else f"{notes[0]} ({target})"
    words = cite(target, "drafting", "en", home=pid.doc).removeprefix("the ")
    return f"{pid.doc} has no {words} ({target})"


def nearest(target: str, index: Index, size: int = 5) -> tuple[str, ...]:
    """Real provisions next to an id that does not exist: what its closest existing ancestor
    holds, or the sections numbered around it."""
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        return ()
    if pid.doc not in index.documents:
        return ()
    ancestor = pid.parent
    while ancestor is not None and str(ancestor) not in index.ids:
        ancestor = ancestor.parent
    if ancestor is not None and ancestor.section is not None:
        below = _units_below(str(ancestor), index)
        return (str(ancestor), *below)[:size]
    if pid.section is None:
        return _divisions_around(pid, str(ancestor) if ancestor is not None else pid.doc, index, size)
    return _sections_around(pid.doc, pid.section, index, size)


def _divisions_around(pid: ProvisionId, ancestor: str, index: Index, size: int) -> tuple[str, ...]:
    """ "Chapter VII of Title II": the divisions of that kind the closest existing division holds (Title II's
    chapters), else the document's."""
    if not pid.divisions:
        return ()
    kind, label = pid.divisions[-1]
    held = [d for d in index.division_ids.get(pid.doc, ()) if d.rsplit("/", 1)[0] == ancestor
            and d.rsplit("/", 1)[1].startswith(kind + ":")]
    after = next((i for i, d in enumerate(held) if _label_key(d.rsplit(":", 1)[1]) >= _label_key(label)), len(held))
    lo = max(0, min(after - size // 2, len(held) - size))
    return tuple(held[lo:lo + size])


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _label_key(label: str) -> tuple[int, str]:
    """A division label's place: roman and arabic numbers by value (``IX`` after ``V``), letters in order."""
    if label.isdigit():
        return int(label), ""
    if label and all(c in _ROMAN_VALUES for c in label):
        values = [_ROMAN_VALUES[c] for c in label]
        return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0])), ""
    return 0, label


def _units_below(parent: str, index: Index) -> list[str]:
    out: list[str] = []
    stack = list(reversed(index.children.get(parent, ())))
    while stack and len(out) < 8:
        unit = stack.pop()
        out.append(unit)
        stack += reversed(index.children.get(unit, ()))
    return out


def _sections_around(doc: str, number: str, index: Index, size: int) -> tuple[str, ...]:
    numbers = index.section_numbers.get(doc, ())
    if not numbers:
        return ()
    try:
        key = section_sort_key(number)
    except ValueError:
        return ()
    after = next((i for i, n in enumerate(numbers) if section_sort_key(n) >= key), len(numbers))
    lo = max(0, min(after - size // 2, len(numbers) - size))
    return tuple(f"{doc}/{n}" for n in numbers[lo:lo + size])


def _nearest_number(text: str, index: Index, doc: str | None) -> tuple[str, ...]:
    m = re.search(NUM, text)
    if not m or doc is None:
        return ()
    return _sections_around(doc, m.group(0), index, 5)
