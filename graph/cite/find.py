"""Find the citations in a text: run the rule table, keep what does not overlap, read what
joins the citations (an act shared along a list, a division implied by an earlier one, an act
written next to a pinpoint) and the relation of each to its text.

>>> [(c.text, c.start) for c in find_citations("Despite the first paragraph, section 26 applies.")]
[('the first paragraph', 8), ('section 26', 29)]
>>> c = find_citations("under subparagraph 4 of the first paragraph of section 57 of the Act (chapter A-2.1)")[0]
>>> c.text, c.relation, [(lv.kind, lv.values) for lv in c.levels], c.act.doc
('subparagraph 4 of the first paragraph of section 57 of the Act (chapter A-2.1)', 'cites', [('section', ('57',)), ('paragraph', ('1',)), ('unit', ('4',))], 'A-2.1')
>>> [c.text for c in find_citations("sous réserve du deuxième alinéa de l'article 28", lang="fr")]
["deuxième alinéa de l'article 28"]
>>> find_citations("sous réserve du deuxième alinéa de l'article 28", lang="fr")[0].relation
'subject to'
>>> [(c.text, c.act.name) for c in find_citations("see art. 133 LAPF", "fr", ["LAPF"], source="query")]
[('art. 133 LAPF', 'LAPF')]
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from graph.cite.grammar import (
    APOS,
    DIVISION_RANK,
    OTHER_DOCUMENT_WORDS,
    S1,
    SP,
    Act,
    Found,
    Level,
    S,
    _Scan,
    lazy,
    other_document,
)
from graph.cite.literals import case_plain, name_words, spaced
from graph.cite.relations import type_relations
from graph.cite.rules import CODE, QUERY, RULES, STATUTE, TYPED, Span

_UPPER_LABEL = lazy(r"\(([A-Z]{1,4})\)|((?i:sous-paragraphe|subparagraph|sous-par\.|subpara\.|subpar\.)\s)([A-Z]{1,4})\b")
_DIVISION_WORD = lazy(r"\b(title|chapter|division|subdivision|part|schedule)(?=\s+(?:[IVXLC]+|\d+)\b)")


def _as_the_law_writes(text: str) -> str:
    """Typed text in any case, as the law writes it, letter for letter (offsets are kept): lettered
    labels in lower case ("(A)" -> "(a)"), English division words capitalised ("title II")."""
    text = _UPPER_LABEL.sub(lambda m: f"({m[1].lower()})" if m[1] else m[2] + m[3].lower(), text)
    return _DIVISION_WORD.sub(lambda m: m[1].capitalize(), text)


class _Taken:
    """Non-overlapping spans, kept sorted: adding or testing one costs a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)
        if (i < len(self.starts) and self.starts[i] < end) or (i and self.ends[i - 1] > start):
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def find_citations(text: str, lang: str = "en", names: Iterable[str] = (), source: str = STATUTE) -> list[Found]:
    """Every citation in text, in order, with exact offsets (``text[c.start:c.end] == c.text``).

    `names` are act titles and abbreviations known to the caller (corpus/acts.json, the titles
    the corpus gives with a chapter) that are found without their chapter ("the Taxation Act",
    "LAPF").  `source` (``statute``, ``guidance``, ``code``, ``query``, ``course``) says which
    rules run: machine forms and acts written next to a pinpoint are read in typed text only.
    """
    scan = _Scan(_as_the_law_writes(text) if source in TYPED else text, lang, _names_pattern(tuple(names)),
                 query=source == QUERY, chains=source in (QUERY, CODE))
    lowered = spaced(text.lower())
    spans: list[Span] = []
    taken = _Taken()
    for rule in RULES:
        if not rule.runs_on(lowered, source):
            continue
        for span in rule.scan(scan):
            if span[1] > span[0] and taken.add(span[0], span[1]):
                spans.append(span)
    spans.sort(key=lambda span: span[0])
    if source == STATUTE:
        spans = [span for span in spans if not _HEADING_LABEL.match(text, span[0])]
    if source in TYPED:
        spans = _join_adjacent(text, spans)
    spans = _imply_divisions(text, _share_sections(text, _share_acts(text, _other_documents(text, _titled(text, spans)))))
    spans = _another_of_the_kind(text, spans)
    relations = type_relations(text, [(s, e) for s, e, _, _ in spans], lang)
    return [Found(text[s:e], s, e, (), act.doc if act and act.doc else None, relation,
                  levels=tuple(levels), act=act, lang=lang)
            for (s, e, levels, act), relation in zip(spans, relations)]



@lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> Names | None:
    names = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", f"{SP}+").replace("’", APOS).replace("'", APOS)
                    for n in names)
    return Names(rf"(?<![\w-])(?:{body})(?-i:(?![a-z\d-]))",  # "…ActLink to external site"
                 name_words(tuple(names)))


class Names:
    """The pattern of the act names a caller knows (`re.IGNORECASE`), run only on a text that holds,
    in any case, the longest word of one of them: the pattern has a few hundred space classes and
    takes longer to compile than most questions take to answer, and few texts name an act.  A text
    with a character that matches another without being its lower case (dotless i, long s, Kelvin
    sign...: `re._casefix`) is always run."""

    def __init__(self, pattern: str, words: tuple[str, ...]) -> None:
        self._pattern = lazy(pattern, re.IGNORECASE)
        self._words = words
        self._last: tuple[str | None, bool] = (None, True)

    def may_match(self, text: str) -> bool:
        last, may = self._last
        if last is not text:
            lowered = text.lower()
            may = not case_plain(text, lowered) or any(word in lowered for word in self._words)
            self._last = (text, may)
        return may

    def finditer(self, text: str, *bounds: int):
        return self._pattern.finditer(text, *bounds) if self.may_match(text) else iter(())

    def match(self, text: str, *bounds: int) -> re.Match | None:
        return self._pattern.match(text, *bounds) if self.may_match(text) else None

    def fullmatch(self, text: str, *bounds: int) -> re.Match | None:
        return self._pattern.fullmatch(text, *bounds) if self.may_match(text) else None


_ADJACENT = lazy(rf"{S},?{S}(?:(?:of{S1}the|of|de{S1}la|de{S1}l{APOS}|du|des|in|dans{S1}la){S1})?{S}$", re.IGNORECASE)


_OPEN = lazy(rf"{S}\({S}")
_CLOSE = lazy(rf"{S}\)")


def _names_document(act: Act | None) -> bool:
    return act is not None and act.kind in ("chapter", "name", "federal", "annual", "id") and "/" not in act.doc


def _join_adjacent(text: str, spans: list[Span]) -> list[Span]:
    """ "art. 133 LAPF", "LAPF art. 133", "s. 55(2)(a) A-13.1.1": a pinpoint without its act and
    an act alone, side by side, are one citation."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, levels, act = spans[i]
        if i + 1 < len(spans):
            ns, ne, nlevels, nact = spans[i + 1]
            gap = text[e:ns]
            if levels and not nlevels and (act is None or act.kind == "enabling") and _names_document(nact) \
                    and _ADJACENT.fullmatch(gap):
                out.append((s, ne, levels, nact))
                i += 2
                continue
            if nlevels and not levels and _names_document(act) and re.fullmatch(rf"{S},?{S}", gap) \
                    and (nact is None or nact.kind in ("chapter", "federal", "annual")):  # "LAPF art. 83.24", McGill's form
                out.append((s, ne, nlevels, nact or act))
                i += 2
                continue
            if levels and not nlevels and act is not None and act.kind == "name" and nact is not None \
                    and nact.kind == "chapter" and re.fullmatch(rf"{S},{S}", gap):
                out.append((s, ne, levels, Act(nact.kind, nact.doc, act.name)))  # « l'article 27 de la Loi sur …, RLRQ,
                # c. »: the chapter says which (the title kept, to check it names that act: resolve)
                i += 2
                continue
            close = _CLOSE.match(text, ne)
            if not levels and not nlevels and act is not None and act.kind == "name" and nact is not None \
                    and nact.kind == "name" and _OPEN.fullmatch(gap) and close:  # "Loi sur … (LAPF)"
                out.append((s, close.end(), [], act))
                i += 2
                continue
            if not levels and not nlevels and act is not None and act.kind == "name" and nact is not None \
                    and nact.kind == "chapter" and re.fullmatch(rf"{S},{S}", gap):  # "Title, CQLR c A-13.1.1"
                out.append((s, ne, [], Act(nact.kind, nact.doc, act.name)))
                i += 2
                continue
        out.append(spans[i])
        i += 1
    return out


def _titled(text: str, spans: list[Span]) -> list[Span]:
    """ « la Loi sur la santé et la sécurité du travail (chapitre S-2.1, a. 223 et 223.2) »: a title followed by
    its chapter and sections in parentheses is one citation of those sections, not of the act besides."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, levels, act = spans[i]
        if i + 1 < len(spans) and not levels and act is not None and act.kind == "name":
            ns, ne, nlevels, nact = spans[i + 1]
            close = _CLOSE.match(text, ne)
            if nlevels and nact is not None and nact.kind in ("chapter", "federal") and _OPEN.fullmatch(text, e, ns) and close:
                out.append((s, close.end(), nlevels, replace(nact, name=text[s:e])))
                i += 2
                continue
        out.append(spans[i])
        i += 1
    return out


_ARTICLES = rf"(?:of{S1}|the{S1}|(?:de{S1}|à{S1})?(?:l{APOS}{S}|la{S1}|le{S1}|les{S1})|du{S1}|des{S1}|au{S1}|aux{S1})?"
_LIST_JOIN = lazy(rf"{S1}(?:and|or|et|ou){S1}{_ARTICLES}", re.IGNORECASE)
"""Between the last two pinpoints of one list: "and", « et de l'annexe B », « ou au paragraphe 2 »."""
_COMMA_JOIN = lazy(rf"{S},{S}(?:(?:and|or|et|ou){S1})?{_ARTICLES}", re.IGNORECASE)
"""Between two pinpoints of a longer list: « l'article 5, l'article 6 et l'article 7 de la Loi »; a comma alone, or
before « et », joins only inside such a list (« selon l'article 48, et l'article 12 de la Loi prévoit » is two clauses)."""
_COMMA_ONLY = lazy(rf"{S},{S}{_ARTICLES}", re.IGNORECASE)


def _share_acts(text: str, spans: list[Span]) -> list[Span]:
    """ "subparagraph ii of … section 69.0.0.7 and section 94.0.1 of the Act … (chapter M-31)":
    a pinpoint of a list whose last one names an act is in that act too, and so is one joined to a
    pinpoint of another document (« l'article 6.2.3.2 et de l'annexe B de la norme »).  A list is
    joined by "and"/"or" before its last item and by commas before it (`_COMMA_JOIN`)."""
    out = list(spans)
    shared = [False] * len(out)
    for i in range(len(out) - 2, -1, -1):
        s, e, levels, act = out[i]
        ns, _, nlevels, nact = out[i + 1]
        joined = _LIST_JOIN.fullmatch(text, e, ns) or (_COMMA_JOIN.fullmatch(text, e, ns) and (
            shared[i + 1] or (i > 0 and _COMMA_ONLY.fullmatch(text, out[i - 1][1], s))))
        if (act is None and levels and nlevels and levels[0].kind == "section" and not levels[0].relative
                and nact is not None and nact.kind not in ("regulation", "id") and joined):
            out[i], shared[i] = (s, e, levels, nact), True
        elif act is None and levels and nact is not None and nact.kind in ("other", "standard") and _OF.fullmatch(text, e, ns):
            out[i] = (s, e, levels, nact)  # "les annexes A et ZA de la Partie 1: Serre-tête"
    return out


_TO_OF = rf"(?:aux|au|à{S1}la|à{S1}l{APOS}|des|du|de{S1}la|de{S1}l{APOS})"
_LIST_ITEM_JOIN = lazy(rf"{S},{S}{_TO_OF}{S}|{S},?{S1}(?:and|or|et|ou){S1}(?:{_TO_OF}|les|le|la|l{APOS}|the)?{S}",
                             re.IGNORECASE)
"""Between two items of one list: « , au », « et aux », "and"; not a bare comma (« Malgré le paragraphe 2, le
paragraphe 3 de l'article 5 »)."""
_BELOW_SECTION = ("paragraph", "unit")


def _share_sections(text: str, spans: list[Span]) -> list[Span]:
    """ « aux paragraphes 1 et 2, au sous-paragraphe e du paragraphe 7 et aux paragraphes 10 et 11 de
    l'article 3.23.16 »: pinpoints below a section, listed before one that names its section, lie in
    that section (and act)."""
    out = list(spans)
    for i in range(len(out) - 2, -1, -1):
        s, e, levels, act = out[i]
        ns, _, nlevels, nact = out[i + 1]
        if (act is None and levels and all(lv.kind in _BELOW_SECTION and not lv.relative for lv in levels)
                and len(nlevels) > 1 and nlevels[0].kind == "section" and not nlevels[0].relative
                and len(nlevels[0].values) == 1 and not nlevels[0].ranges
                and any(lv.kind in _BELOW_SECTION for lv in nlevels[1:])
                and _LIST_ITEM_JOIN.fullmatch(text, e, ns)):
            implied = [replace(lv, implied=True) for lv in nlevels if lv.kind not in _BELOW_SECTION]
            out[i] = (s, e, implied + list(levels), nact)
    return out


_OF = lazy(rf"{S1}(?:of{S1}(?:the{S1})?|de{S1}la{S1}|de{S1}l{APOS}{S}|du{S1}|des{S1})", re.IGNORECASE)


_HEADING_LABEL = lazy(rf"(?:ANNEXE|SCHEDULE|CHAPITRE|CHAPTER|TITRE|TITLE|SOUS-SECTION|SECTION|SUBDIVISION|DIVISION|PARTIE|PART|LIVRE|BOOK){S1}")
"""A division word in capitals, in the law's own text, is the label of a heading printed with the text
(« ANNEXE I (a. 51.14) ÉQUIPEMENTS »): the law cites a division in lower case (« l'annexe I »)."""
_TITLE_PART = lazy(rf"{S}:{S}\w")
"""After a part of another document's title: "Partie 1: Serre-tête", "Part 2: Ear-plugs"."""

_OTHER_BEFORE = lazy(rf"\b(?:{OTHER_DOCUMENT_WORDS})\b(?:[^.;:()\n]|\.(?=\w)){{0,40}}?,{S}(?:(?:à|in|at|under|selon){S1}(?:l{APOS}|la{S1}|le{S1})?)?$",
                           re.IGNORECASE)


_OTHER_EXCEPT = lazy(rf"\b(?:{OTHER_DOCUMENT_WORDS})\b(?:[^.;:()\n]|\.(?=\w)){{0,160}}?,?{S}(?:à{S1}l{APOS}exception{S1}"
                           rf"(?:de{S1}l{APOS}|du{S1}|des{S1}|de{S1}la{S1})|sauf{S1}(?:l{APOS}|le{S1}|la{S1}|les{S1})|except(?:{S1}for)?{S1}(?:the{S1})?){S}$",
                           re.IGNORECASE)
"""A standard's own numbers excepted from it: « conforme à la norme … CAN/CSA-W117.2-M87, à l'exception de
l'article 7.8.2.2 »."""
_OTHER_TITLE_DASH = lazy(rf"\b(?:{OTHER_DOCUMENT_WORDS})\b[^.;:()\n]{{0,120}}?{SP}[–—-]{S}$", re.IGNORECASE)
"""A part of a standard written after its title and a dash: "la norme Vêtements de protection … – partie 5"."""


_OTHER_WORD = lazy(rf"\b(?:{OTHER_DOCUMENT_WORDS})\b", re.IGNORECASE)
"""Where the words naming another document are: the patterns before a number are tried only near one."""


def _other_documents(text: str, spans: list[Span]) -> list[Span]:
    """ "la norme CSA Z462, article 4.3", "la norme … – partie 5": a number written just after
    another document is that document's, not a provision of the law."""
    out = []
    words = [m.start() for m in _OTHER_WORD.finditer(text)] if spans else []
    for s, e, levels, act in spans:
        if act is None and levels and not levels[0].relative:
            before = None
            near = bisect.bisect_left(words, s - 220)
            if near < len(words) and words[near] < s:  # one of the words within reach: look closer
                before = _OTHER_BEFORE.search(text, max(0, s - 80), s) if levels[0].kind == "section" else None
                before = before or _OTHER_TITLE_DASH.search(text, max(0, s - 160), s)
                before = before or _OTHER_EXCEPT.search(text, max(0, s - 220), s)
            if before:
                act = other_document(before.group(0).rstrip(" ,–—-"))
            elif _is_title_part(text, s, e, levels):
                act = Act("other", name=text[s:e])
        out.append((s, e, levels, act))
    return out


def _is_title_part(text: str, start: int, end: int, levels: list[Level]) -> bool:
    """ "… NF EN 1263-1 et NF EN 1263-2 … – Partie 1: exigences … et Partie 2: exigences …": a
    division followed by a colon and written with a capital in mid-sentence names a part of a
    document's title; the law writes its own divisions in lower case (« la partie 2 »)."""
    if levels[0].kind not in DIVISION_RANK or not _TITLE_PART.match(text, end) or not text[start].isupper():
        return False
    before = text[max(0, start - 3):start].rstrip()
    return bool(before) and before[-1] not in ".:;\n"


_SENTENCE_END = lazy(r"[.;:]\s")


def _imply_divisions(text: str, spans: list[Span]) -> list[Span]:
    """ "decisions under Title I, except a decision under Chapter II": a bare division takes
    the higher division named alone earlier in the same sentence."""
    out: list[Span] = []
    named: dict[str, Level] = {}
    previous_end = 0
    for s, e, levels, act in spans:
        if _SENTENCE_END.search(text, previous_end, s):
            named = {}
        previous_end = e
        if levels and act is None and levels[0].kind in DIVISION_RANK and not levels[0].relative:
            rank = DIVISION_RANK[levels[0].kind]
            higher = [lv for lv in named.values() if DIVISION_RANK[lv.kind] > rank]
            if higher:
                parent = min(higher, key=lambda lv: DIVISION_RANK[lv.kind])
                levels = [replace(parent, implied=True)] + list(levels)
            for lv in levels:
                if not lv.implied and len(lv.values) == 1 and not lv.ranges:
                    named[lv.kind] = lv
        out.append((s, e, levels, act))
    return out


_ANOTHER_CODE = lazy(rf"(?<!présent{SP})(?<!ce{SP})(?<!this{SP})\bCodes?\b")
"""A code named with a capital (« le Code national du bâtiment », « la norme Code canadien de l'électricité »), not
the citing one (« le présent Code », « ce Code »)."""


def _another_of_the_kind(text: str, spans: list[Span]) -> list[Span]:
    """ « conforme au Code national du bâtiment …; l'article 5 du code »: a document named by its kind word just after
    another of that kind was named is that one, not the citing document (`Act.kind` ``kind``)."""
    out = []
    first = _ANOTHER_CODE.search(text) if any(act is not None and act.kind == "kind" for _, _, _, act in spans) else None
    for s, e, levels, act in spans:
        if act is not None and act.kind == "kind" and first is not None and first.start() < s:
            act = Act("other", name=act.name)
        out.append((s, e, levels, act))
    return out

