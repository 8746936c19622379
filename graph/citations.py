"""Legislative citations in English and French text: find them, with exact offsets.

`find_citations(text, lang)` reads every citation form found in Québec statutes,
regulations and guidance, and returns each as a `Found` (a model `Citation`
carrying what the grammar read, for `graph.resolve.resolve`):

- sections, lists and ranges: "section 26", "sections 49 to 51, 58 and 69",
  "les articles 3.2.1, 3.2.4 et 5.2.2", "ss. 30–31";
- pinpoints from the finest level up ("subparagraph a of subparagraph 2 of the
  first paragraph of section 55", "le paragraphe 3° du premier alinéa de
  l'article 22") and from the section down ("s. 55(2)(a)", "A-13.1.1, s. 55,
  par. 2", "chapitre S-2.1, a. 223, 1er al., par. 36");
- relative references ("the first paragraph", "this section", "that paragraph",
  "le présent article", "Division II of this chapter");
- divisions ("Chapter I, II, V or VI of Title II", "la section I du chapitre VI");
- other acts: by chapter ("(chapter A-2.1)", "(chapitre S-3, r. 2)"), federal
  ("(Revised Statutes of Canada, 1985, chapter C-29)", "(S.C. 1996, c. 23)"),
  annual statutes ("(1969, chapter 63)", "chapter 15 of the statutes of 2005"),
  by a name given in `names` ("the Taxation Act"), and "this Act", "that Act",
  "the Act" (in a regulation: its enabling act), "the regulation".

>>> [(c.text, c.start) for c in find_citations("Despite the first paragraph, section 26 applies.")]
[('the first paragraph', 8), ('section 26', 29)]
>>> c = find_citations("under subparagraph 4 of the first paragraph of section 57 of the Act (chapter A-2.1)")[0]
>>> c.text, c.relation, [(lv.kind, lv.values) for lv in c.levels], c.act.doc
('subparagraph 4 of the first paragraph of section 57 of the Act (chapter A-2.1)', 'cites', [('section', ('57',)), ('paragraph', ('1',)), ('unit', ('4',))], 'A-2.1')
>>> [c.text for c in find_citations("sous réserve du deuxième alinéa de l'article 28", lang="fr")]
["deuxième alinéa de l'article 28"]
>>> find_citations("sous réserve du deuxième alinéa de l'article 28", lang="fr")[0].relation
'subject to'
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from alinea.ids import (
    CHAPTER_RE,
    annual_statute_id,
    doc_id_from_chapter,
    federal_act_id,
)
from alinea.model import Citation

if TYPE_CHECKING:
    from alinea.kb import KnowledgeBase

SP = r"[ \t\n\u00a0\u2009\u202f\u2007\u200a\u2002\u2003]"
S = f"{SP}*"
S1 = f"{SP}+"
END = r"(?![\w-])"
NUM = r"\d+(?:\.\d+)*"
APOS = r"['’]"

DIVISION_RANK = {"subdivision": 4, "division": 5, "chapter": 6, "title": 7,
                 "part": 8, "book": 8, "schedule": 8}
RANK = {"unit": 0, "paragraph": 2, "section": 3, **DIVISION_RANK}

ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "1st": "1", "2nd": "2",
    "3rd": "3", "4th": "4", "5th": "5", "6th": "6",
    "premier": "1", "première": "1", "1er": "1", "1re": "1", "deuxième": "2", "2e": "2",
    "seconde": "2", "troisième": "3", "3e": "3", "quatrième": "4", "4e": "4",
    "cinquième": "5", "5e": "5", "sixième": "6", "6e": "6", "septième": "7", "7e": "7",
    "huitième": "8", "8e": "8", "neuvième": "9", "9e": "9", "dixième": "10", "10e": "10",
}
RELATIVE_ORDINALS = {"last": "last", "preceding": "preceding", "dernier": "last",
                     "précédent": "preceding"}
_ORD = "|".join(sorted(map(re.escape, list(ORDINALS) + list(RELATIVE_ORDINALS)), key=len, reverse=True))

_EN = {
    "section": "section", "sections": "section",
    "paragraph": "unit", "paragraphs": "unit",  # "paragraph 2 of section 27": the subparagraph (2)
    "subparagraph": "unit", "subparagraphs": "unit",
    "title": "title", "titles": "title", "chapter": "chapter", "chapters": "chapter",
    "division": "division", "divisions": "division", "subdivision": "subdivision",
    "subdivisions": "subdivision", "part": "part", "parts": "part", "book": "book",
    "books": "book", "schedule": "schedule", "schedules": "schedule",
}
_FR = {
    "article": "section", "articles": "section",
    "paragraphe": "unit", "paragraphes": "unit",
    "sous-paragraphe": "unit", "sous-paragraphes": "unit",
    "titre": "title", "titres": "title", "chapitre": "chapter", "chapitres": "chapter",
    "section": "division", "sections": "division", "sous-section": "subdivision",
    "sous-sections": "subdivision", "partie": "part", "parties": "part", "livre": "book",
    "livres": "book", "annexe": "schedule", "annexes": "schedule",
}
_RELATIVE_EN = {"section": "section", "paragraph": "paragraph", "subparagraph": "unit",
                "chapter": "chapter", "title": "title", "division": "division",
                "subdivision": "subdivision", "part": "part", "schedule": "schedule"}
_RELATIVE_FR = {"article": "section", "alinéa": "paragraph", "paragraphe": "unit",
                "sous-paragraphe": "unit", "chapitre": "chapter", "titre": "title",
                "section": "division", "sous-section": "subdivision", "partie": "part",
                "annexe": "schedule"}


def _words(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@dataclass(frozen=True)
class Level:
    """One level of a pinpoint, as written."""

    kind: str
    """``section``, ``paragraph`` (an alinéa), ``unit`` (a numbered, lettered or roman
    subdivision), or a division kind (``title``, ``chapter``, ``division`` ...)."""
    values: tuple[str, ...] = ()
    """Labels named (``55``, ``1``, ``a``, ``II``); empty for relative levels."""
    ranges: tuple[tuple[str, str], ...] = ()
    """Ranges named (``("131", "135")``)."""
    relative: str = ""
    """``this``, ``that``, ``last`` or ``preceding`` for relative levels; empty otherwise."""
    fallback: bool = False
    """For a ``unit`` level from a short form ("s. 36(2)", "par. 2"): may also mean the alinéa."""
    implied: bool = False
    """Not written in the citation: taken from an earlier citation in the same sentence."""


@dataclass(frozen=True)
class Act:
    """The act a citation names."""

    kind: str
    """``chapter`` (a Québec code), ``federal``, ``annual``, ``name`` (a title without
    a chapter), ``this``, ``that``, ``enabling`` ("the Act" in a regulation) or ``regulation``."""
    doc: str = ""
    """Document id when the citation gives it (``A-2.1``, ``canada:sc-1996-c-23``, ``1969, c. 63``)."""
    name: str = ""
    """The act's title as written, when given."""


@dataclass(frozen=True)
class Found(Citation):
    """A citation with what the grammar read: levels (coarsest first) and the act."""

    levels: tuple[Level, ...] = ()
    """Pinpoint levels, coarsest first; empty when only an act is cited."""
    act: Act | None = None
    """The act named, None for a provision of the citing document."""
    lang: str = "en"
    """Language the citation was read in."""
    kind: str = "provision"
    """``provision``; for words naming a program or term (see graph.terms) ``concept``, and
    ``anaphor`` for "this program" (a program only where something is made to apply to it)."""


# -- the scanner ------------------------------------------------------------------------
@dataclass
class _Scan:
    text: str
    lang: str
    names: re.Pattern | None = None

    def at(self, pattern: re.Pattern, pos: int) -> re.Match | None:
        return pattern.match(self.text, pos)


def _c(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile(pattern, flags)


_VALUE_SECTION = _c(rf"({NUM}){END}")
_VALUE_DIVISION = re.compile(r"([IVXLC]+(?:\.[IVXLC]+)*|\d+|[A-Z])(?![\w-])")
_VALUE_UNIT = re.compile(rf"(?:\((\d+(?:\.\d+)?|[a-z]{{1,2}}(?:\.\d+)?)\)|(\d+(?:\.\d+)?)°?|((?:[ivx]{{1,4}}|[a-z])(?:\.\d+)?)){END}")
_LABELS = re.compile(r"((?:\((?:\d+(?:\.\d+)?|[a-z]{1,4}(?:\.\d+)?)\))+)")
_LABEL = re.compile(r"\(([^()]+)\)")
_SEP = _c(rf"{S}(?:,{S}(?:(?:and|or|et|ou){S1})?|{SP}+(?:and|or|et|ou|&){S1})")
_RANGE = _c(rf"{S}(?:(?:to|à|through){S1}|[–—-]{S})")
_WORDLIKE_FOLLOW = _c(rf"(?={S}(?:,|and{END}|or{END}|et{END}|ou{END}|of{END}|de{END}|du{END}|des{END}|to{END}|à{END}|[.;:)]|$))")
_OF_EN = _c(rf"{S1}of{S1}")
_OF_FR = _c(rf"{S1}(?:de{S1}la{S1}|de{S1}l{APOS}{S}|du{S1}|de{S1}|des{S1})")
_DET_EN = _c(rf"(the){S1}")
_ORDINALS = _c(rf"({_ORD}){END}((?:{S}(?:,|,?{S1}and|,?{S1}or|{SP}+et|{SP}+ou){S1}(?:{_ORD}){END})*)")
_ORD_SPLIT = _c(rf"{_ORD}")
_PARAGRAPH_EN = _c(rf"{S1}paragraphs?{END}")
_ALINEA_FR = _c(rf"{S1}alinéas?{END}")
_ALINEA_AFTER = _c(rf"alinéas?{S1}(précédent|dernier){END}")
_KEYWORD_EN = _c(rf"({_words(_EN)}){END}{S}")
_KEYWORD_FR = _c(rf"({_words(_FR)}){END}{S}")
_RELATIVE_EN_RE = _c(rf"(this|that){S1}({_words(_RELATIVE_EN)}){END}")
_RELATIVE_FR_RE = _c(rf"(présente?|cet|cette|ce){S1}({_words(_RELATIVE_FR)}){END}")
_ABBREV_SECTION = re.compile(rf"(?:(?:ss?|secs?|arts?|aa|Ss|Secs?|Arts?)\.|a\.(?={S}\d)|§§?){S}")
_SHORT_PIN = _c(rf",{S}(?:(?P<ord>{_ORD}){S1}(?:al|para|par)\.?{END}|(?P<kw>sous-paragraphe|subparagraph|paragraphe|paragraph|s\.-par|sous-par|subpara|subpar|alinéa|paras|para|par|al)\.?{S}(?P<v>\d+(?:\.\d+)?°?|\([a-z0-9.]+\)|[a-z]{{1,3}}(?:\.\d+)?){END}(?P<labels>(?:\([^()\s]{{1,4}}\))*))")
_CODE_HEAD = re.compile(rf"(?:(?i:chapter|chapitre|c\.|ch\.){S})?({CHAPTER_RE}(?:{S},{S}r\.{S}{NUM})?),?{S}"
                        rf"|(?:(?:S\.Q\.|L\.Q\.){S})?(1[6-9]\d\d|20\d\d){S},{S}(?:c|ch)\.{S}(\d+){S},{S}")
_OFFICIAL_SECTION = re.compile(rf"(?:s|art|a){S1}(?=\d)")
"""The section abbreviation without a period in LégisQuébec's citation form "CQLR c A-13.1.1, s 55"."""
_DIV_KEY_CASE = re.compile(r"[A-Z]")

_NAME_HEADS = r"Act|Code|Charter|Regulation|Regulations|Loi|Charte|Règlement|Tariff|Tarif|By-law"
_NAME_CONTINUES = _c(rf"{S1}(?:respecting|to|on|for|concerning|of|sur|concernant|relative|relatif|instituant|modifiant|visant|favorisant|assurant|portant|de|du|des|d{APOS})")
_THIS_ACT = _c(rf"(?:this{S1}Act|the{S1}present{S1}Act|this{S1}Regulation|la{S1}présente{S1}loi|le{S1}présent{S1}règlement|ce{S1}règlement){END}")
_THAT_ACT = _c(rf"(?:that{S1}Act|cette{S1}loi){END}")
_ENABLING_EN = re.compile(rf"(?:the{S1})?Act{END}(?!{S}\()")
_UNKNOWN_TITLE = re.compile(rf"(?:[A-Z][\w’'-]*{S1})*(?:Act|Code|Charter){END}")
_ENABLING_FR = re.compile(rf"(?:la{S1})?Loi{END}(?!{S}\()")
_REGULATION = _c(rf"(?:(?:the|that){S1}regulations?|(?:(?:du|le|ce){S1})?règlement){END}(?!{S1}(?:Act|respecting|sur){END})")

_ARTICLE = _c(rf"(?:the|la|le|l{APOS}){S}")
_TITLE_START = re.compile(rf"(?:{_NAME_HEADS}|[A-ZÉÈ])")
_BREAK = re.compile(r"[;:()]|\.\s")
_HEAD_BACK = re.compile(rf"\b(?:{_NAME_HEADS}){END}")
_PAREN_AFTER = re.compile(rf"{S}\(([^()]{{3,150}})\)")
_SECTION_WORD = _c(rf"(?:section|article){S1}")
_QC_REF = _c(rf"(?:chapter|chapitre|c\.|ch\.){S}({CHAPTER_RE}(?:{S},{S}r\.{S}{NUM})?)$", 0)
_FED_REVISED = _c(rf"(?:Revised{S1}Statutes{S1}of{S1}Canada|R\.S\.C\.|Lois{S1}révisées{S1}du{S1}Canada|L\.R\.C\.){S},?{S}\(?(\d{{4}})\)?{S},{S}(?:chapter|chapitre|c\.|ch\.){S}([A-Z]{{1,3}}-\d+(?:\.\d+)*)$", 0)
_FED_ANNUAL = _c(rf"(?:Statutes{S1}of{S1}Canada|S\.C\.|Lois{S1}du{S1}Canada|L\.C\.){S},?{S}(\d{{4}}){S},{S}(?:chapter|chapitre|c\.|ch\.){S}(\d+)$", 0)
_QC_ANNUAL = _c(rf"(?:(?:S\.Q\.|L\.Q\.){S})?(1[6-9]\d\d|20\d\d){S},{S}(?:chapter|chapitre|c\.|ch\.){S}(\d+)$", 0)
_PAREN = re.compile(r"\(([^()]{1,120})\)")
_STATUTES_OF = _c(rf"(?:chapter|chapitre){S1}(\d+){S1}(?:of{S1}the{S1}statutes{S1}of|des{S1}lois{S1}de){S1}(\d{{4}}){END}")
_REVISED_STATUTES = _c(rf"(?:chapter|chapitre){S1}({CHAPTER_RE}){S1}(?:of{S1}the{S1}Revised{S1}Statutes|des{S1}Lois{S1}refondues){END}")


def chapter_ref(inside: str) -> Act | None:
    """The act named by the words inside a parenthesis, or None.

    >>> chapter_ref("chapter S-2.1, r. 4").doc
    'S-2.1-r4'
    >>> chapter_ref("Revised Statutes of Canada, 1985, chapter C-29").doc
    'canada:rsc-1985-c-c-29'
    >>> chapter_ref("S.C. 1996, c. 23").doc, chapter_ref("1969, chapter 63").doc
    ('canada:sc-1996-c-23', '1969, c. 63')
    """
    inside = " ".join(inside.split())
    if m := _QC_REF.match(inside):
        return Act("chapter", doc_id_from_chapter(m[1]))
    if m := _FED_REVISED.match(inside):
        return Act("federal", federal_act_id(True, m[1], m[2]))
    if m := _FED_ANNUAL.match(inside):
        return Act("federal", federal_act_id(False, m[1], m[2]))
    if m := _QC_ANNUAL.match(inside):
        return Act("annual", annual_statute_id(m[1], m[2]))
    return None


def _values(scan: _Scan, pos: int, value: re.Pattern, wordlike: bool) -> tuple[list[str], list[tuple[str, str]], int] | None:
    """A list of labels with ranges at pos: "49 to 51, 58 and 69"."""
    m = scan.at(value, pos)
    if not m:
        return None
    singles: list[str] = []
    ranges: list[tuple[str, str]] = []
    last = next(g for g in m.groups() if g is not None)
    pos = m.end()
    pending_range = False
    while True:
        r = scan.at(_RANGE, pos)
        if r and not pending_range and (m2 := scan.at(value, r.end())) and _ok_follow(scan, m2, wordlike):
            ranges.append((last, next(g for g in m2.groups() if g is not None)))
            pending_range = True
            pos = m2.end()
            continue
        s = scan.at(_SEP, pos)
        if s and (m2 := scan.at(value, s.end())) and _ok_follow(scan, m2, wordlike):
            if not pending_range:
                singles.append(last)
            last = next(g for g in m2.groups() if g is not None)
            pending_range = False
            pos = m2.end()
            continue
        break
    if not pending_range:
        singles.append(last)
    return singles, ranges, pos


def _ok_follow(scan: _Scan, m: re.Match, wordlike: bool) -> bool:
    return not wordlike or bool(scan.at(_WORDLIKE_FOLLOW, m.end()))


def _label_levels(labels: str, fallback: bool) -> list[Level]:
    """``(2)(a)`` -> unit levels 2 then a."""
    return [Level("unit", (lab.rstrip("°"),), fallback=fallback and i == 0)
            for i, lab in enumerate(_LABEL.findall(labels))]


def _level(scan: _Scan, pos: int) -> tuple[Level, int, int] | None:
    """One level at pos: (level, start of its text, end)."""
    text, fr = scan.text, scan.lang == "fr"
    start = pos
    if (not fr and (d := scan.at(_DET_EN, pos)) and (o := scan.at(_ORDINALS, d.end()))
            and (p := scan.at(_PARAGRAPH_EN, o.end()))):
        return _ordinal_level(o), start, p.end()
    if (o := scan.at(_ORDINALS, pos)) and (p := scan.at(_ALINEA_FR if fr else _PARAGRAPH_EN, o.end())):
        return _ordinal_level(o), start, p.end()
    if fr and (m := scan.at(_ALINEA_AFTER, pos)):
        return Level("paragraph", relative=RELATIVE_ORDINALS[m[1].lower()]), start, m.end()
    if m := scan.at(_RELATIVE_FR_RE if fr else _RELATIVE_EN_RE, pos):
        kinds = _RELATIVE_FR if fr else _RELATIVE_EN
        rel = "that" if m[1].lower() in ("that", "cet", "cette", "ce") else "this"
        return Level(kinds[m[2].lower()], relative=rel), start, m.end()
    if m := scan.at(_ABBREV_SECTION, pos):
        return _section_level(scan, start, m.end())
    if m := scan.at(_KEYWORD_FR if fr else _KEYWORD_EN, pos):
        kind = (_FR if fr else _EN)[m[1].lower()]
        if kind == "section":
            return _section_level(scan, start, m.end())
        if kind == "unit":
            got = _values(scan, m.end(), _VALUE_UNIT, wordlike=True)
            if got:
                singles, ranges, end = got
                return Level("unit", tuple(singles), tuple(ranges)), start, end
            return None
        if (not fr and not _DIV_KEY_CASE.match(text[pos])) or scan.at(_STATUTES_OF, pos):
            return None  # "chapter 15 of the statutes of 2005"; English divisions are capitalised
        got = _values(scan, m.end(), _VALUE_DIVISION, wordlike=True)
        if got:
            singles, ranges, end = got
            return Level(kind, tuple(singles), tuple(ranges)), start, end
    return None


def _ordinal_level(o: re.Match) -> Level:
    words = [w.lower() for w in _ORD_SPLIT.findall(o.group(0))]
    if len(words) == 1 and words[0] in RELATIVE_ORDINALS:
        return Level("paragraph", relative=RELATIVE_ORDINALS[words[0]])
    return Level("paragraph", tuple(ORDINALS[w] for w in words if w in ORDINALS))


def _section_level(scan: _Scan, start: int, pos: int) -> tuple[Level, int, int] | None:
    """Section numbers at pos, with the start of the citation's text."""
    got = _values(scan, pos, _VALUE_SECTION, wordlike=False)
    if not got:
        return None
    singles, ranges, end = got
    return Level("section", tuple(singles), tuple(ranges)), start, end


def _pinpoints_after_section(scan: _Scan, pos: int, single: bool) -> tuple[list[Level], int]:
    """Levels written after a section number: "(2)(a)", ", par. 2", ", 1er al., par. 36"."""
    levels: list[Level] = []
    if single and (m := scan.at(_LABELS, pos)):
        levels += _label_levels(m[1], fallback=True)
        pos = m.end()
    while single and (m := scan.at(_SHORT_PIN, pos)):
        if m["ord"]:
            levels.append(Level("paragraph", (ORDINALS.get(m["ord"].lower(), "1"),)))
        else:
            kw, value = m["kw"].lower(), m["v"].strip("()").rstrip("°")
            if kw in ("al", "alinéa"):
                levels.append(Level("paragraph", (value,)))
            else:
                levels.append(Level("unit", (value,), fallback=kw in ("par", "para", "paras", "paragraph")))
            levels += _label_levels(m["labels"], fallback=False)
        pos = m.end()
    return levels, pos


def _coarser(new: Level, old: Level) -> bool:
    if new.kind == "unit" and old.kind == "unit":
        return True
    return RANK[new.kind] > RANK[old.kind]


def _act_after(scan: _Scan, pos: int) -> tuple[Act, int] | None:
    """The act named at pos (after "of"/"de"): this Act, a name with its chapter, a known name."""
    text, fr = scan.text, scan.lang == "fr"
    if m := scan.at(_THIS_ACT, pos):
        return Act("this"), m.end()
    if m := scan.at(_THAT_ACT, pos):
        return Act("that"), m.end()
    if m := scan.at(_REGULATION, pos):
        return Act("regulation"), m.end()
    if m := scan.at(_REVISED_STATUTES, pos):
        return Act("chapter", doc_id_from_chapter(m[1])), m.end()
    if m := scan.at(_STATUTES_OF, pos):
        return Act("annual", annual_statute_id(m[2], m[1])), m.end()
    lead = scan.at(_ARTICLE, pos)
    name_start = lead.end() if lead else pos
    named = _name_with_chapter(scan, name_start)
    if named:
        return named
    if scan.names is not None and (m := scan.names.match(text, name_start)):
        return Act("name", name=m.group(0)), m.end()
    if (m := (_ENABLING_FR if fr else _ENABLING_EN).match(text, pos)) and not scan.at(_NAME_CONTINUES, m.end()):
        return Act("enabling"), m.end()
    if not fr and (m := scan.at(_UNKNOWN_TITLE, name_start)):
        return Act("name", name=m.group(0)), m.end()
    return None


def _name_with_chapter(scan: _Scan, pos: int) -> tuple[Act, int] | None:
    """A title followed by its chapter in parentheses, starting at pos."""
    text = scan.text
    if not _TITLE_START.match(text, pos):
        return None
    paren = text.find("(", pos, pos + 300)
    if paren < 0:
        return None
    between = text[pos:paren]
    if _BREAK.search(between) or not _HEAD_BACK.search(between):
        return None
    close = text.find(")", paren)
    act = chapter_ref(text[paren + 1:close]) if close > 0 else None
    if act is None:
        return None
    return replace(act, name=" ".join(between.split())), close + 1


def _chain(scan: _Scan, pos: int) -> tuple[list[Level], Act | None, int, int] | None:
    """A pinpoint chain at pos: levels (finest first as written) then an optional act."""
    first = _level(scan, pos)
    if first is None:
        return None
    level, start, end = first
    levels = [level]
    section_single = level.kind == "section" and len(level.values) == 1 and not level.ranges
    if section_single:
        extra, end = _pinpoints_after_section(scan, end, True)
        levels = list(reversed(extra)) + levels
    act: Act | None = None
    connector = _OF_FR if scan.lang == "fr" else _OF_EN
    while True:
        c = scan.at(connector, end)
        if not c:
            break
        nxt = _level(scan, c.end())
        if nxt and _coarser(nxt[0], levels[-1]):
            levels.append(nxt[0])
            end = nxt[2]
            continue
        got = _act_after(scan, c.end())
        if got:
            act, end = got
        break
    if act is None and (p := scan.at(_PAREN_AFTER, end)):
        inside = p[1]
        if scan.names is not None and scan.names.fullmatch(inside.strip()):
            act, end = Act("name", name=inside.strip()), p.end()
        elif (a := chapter_ref(inside)) is not None:
            act, end = a, p.end()
    return list(reversed(levels)), act, start, end


def _short_with_code(scan: _Scan, pos: int) -> tuple[list[Level], Act, int, int] | None:
    """ "A-13.1.1, s. 55, par. 2", "c. A-3.001, s. 11", "chapitre S-2.1, a. 223, 1er al., par. 36",
    "A-13.1.1, s 55" (LégisQuébec's form), "2016, c. 25, s. 30" (an annual statute)."""
    m = scan.at(_CODE_HEAD, pos)
    if not m:
        return None
    a = (scan.at(_ABBREV_SECTION, m.end()) or scan.at(_SECTION_WORD, m.end())
         or (m[1] and scan.at(_OFFICIAL_SECTION, m.end())))
    if not a:
        return None
    got = _section_level(scan, m.start(), a.end())
    if got is None:
        return None
    level, _, end = got
    extra, end = _pinpoints_after_section(scan, end, len(level.values) == 1 and not level.ranges)
    act = Act("chapter", doc_id_from_chapter(m[1])) if m[1] else Act("annual", annual_statute_id(m[2], m[3]))
    return [level] + extra, act, pos, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,\u00a0\u2009\u202f":
        end -= 1
    return start, end


def acts_in_parentheses(text: str) -> list[tuple[int, int, Act]]:
    """Every "(chapter X)"-style parenthesis, with the title before it when there is one:
    (start, end, act) with the act's name set.

    >>> text = "under the Labour Code (chapter C-27) and"
    >>> [(text[s:e], a.doc) for s, e, a in acts_in_parentheses(text)]
    [('Labour Code (chapter C-27)', 'C-27')]
    """
    out = []
    for m in _PAREN.finditer(text):
        act = chapter_ref(m[1])
        if act is None:
            continue
        name_start = _title_start(text, m.start())
        if name_start is None:
            out.append((m.start(), m.end(), act))
        else:
            name = " ".join(text[name_start:m.start()].split())
            out.append((name_start, m.end(), replace(act, name=name)))
    return out


_WORD_BACK = re.compile(r"([\w’'-]+)\s+$")


def _title_start(text: str, paren: int) -> int | None:
    """Where the title before a parenthesis starts ("the Labour Code (…)" -> at "Labour"), or None."""
    window_start = max(0, paren - 300)
    heads = list(_HEAD_BACK.finditer(text, window_start, paren))
    if not heads or _BREAK.search(text, heads[-1].start(), paren):
        return None
    head = heads[-1]
    start = head.start()
    if text[head.end():paren].strip():
        return start  # "Act respecting …", "Loi sur …", "Code of Civil Procedure"
    cursor = start
    while m := _WORD_BACK.search(text, max(0, cursor - 40), cursor):
        word = m[1]
        if word[0].isupper() and word != "The":
            start = cursor = m.start()
        elif word in ("and", "of", "on", "for"):
            cursor = m.start()
        else:
            break
    return start


_STARTERS = _c(rf"(?:1[6-9]\d\d|20\d\d|S\.Q\.|L\.Q\.|the|this|that|présente?|cet|cette|ce|{_ORD}|{_words(_EN)}|{_words(_FR)}|alinéas?|chapter|chapitre|c\.|ch\.|{CHAPTER_RE}){END}|(?:ss?|secs?|arts?|aa|a)\.|§")
_STANDALONE = (_REGULATION, _THAT_ACT, _STATUTES_OF, _REVISED_STATUTES)


def find_citations(text: str, lang: str = "en", names: Iterable[str] = ()) -> list[Found]:
    """Every citation in text, in order, with exact offsets (``text[c.start:c.end] == c.text``).

    `names` are act titles known to the caller (learned from the corpus) that are
    found even without their chapter ("the Employment Insurance Act").
    """
    scan = _Scan(text, lang, _names_pattern(tuple(names)))
    spans: list[tuple[int, int, list[Level], Act | None]] = []
    taken: list[tuple[int, int]] = []

    def take(start: int, end: int, levels: list[Level], act: Act | None) -> bool:
        if end <= start or any(start < e and end > s for s, e in taken):
            return False
        spans.append((start, end, levels, act))
        taken.append((start, end))
        return True

    pos = 0
    for m in re.finditer(r"(?<![\w§])(?=[\w§])", text):
        if m.start() < pos or not _STARTERS.match(text, m.start()):
            continue
        got = _short_with_code(scan, m.start()) or _chain(scan, m.start())
        if got:
            levels, act, start, end = got
            start, end = _trim(text, start, end)
            if take(start, end, levels, act):
                pos = end
    for start, end, act in acts_in_parentheses(text):
        take(start, end, [], act)
    if scan.names is not None:
        for m in scan.names.finditer(text):
            take(m.start(), m.end(), [], Act("name", name=m.group(0)))
    for pattern in _STANDALONE:
        for m in pattern.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue
            if pattern is _STATUTES_OF:
                act = Act("annual", annual_statute_id(m[2], m[1]))
            elif pattern is _REVISED_STATUTES:
                act = Act("chapter", doc_id_from_chapter(m[1]))
            else:
                act = Act("regulation" if pattern is _REGULATION else "that")
            take(m.start(), m.end(), [], act)
    spans.sort(key=lambda span: span[0])
    spans = _imply_divisions(text, _share_acts(text, spans))
    found = [Found(text[s:e], s, e, (), act.doc if act and act.doc else None,
                   levels=tuple(levels), act=act, lang=lang)
             for s, e, levels, act in spans]
    relations = type_relations(text, [(f.start, f.end) for f in found], lang)
    return [replace(f, relation=r) for f, r in zip(found, relations)]


@lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    names = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", f"{SP}+").replace("’", APOS).replace("'", APOS)
                    for n in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?-i:(?![a-z\d-]))", re.IGNORECASE)  # "…ActLink to external site"


def _share_acts(text: str, spans: list) -> list:
    """ "subparagraph ii of … section 69.0.0.7 and section 94.0.1 of the Act … (chapter M-31)":
    a pinpoint joined by "and"/"or" to a pinpoint of a named act is in that act too."""
    out = list(spans)
    for i in range(len(out) - 2, -1, -1):
        s, e, levels, act = out[i]
        ns, _, nlevels, nact = out[i + 1]
        if (act is None and levels and nlevels and levels[0].kind == "section" and not levels[0].relative
                and nact is not None and nact.kind != "regulation"
                and re.fullmatch(rf"{S},?{S}(?:and|or|et|ou){S1}", text[e:ns])):
            out[i] = (s, e, levels, nact)
    return out


def _imply_divisions(text: str, spans: list) -> list:
    """ "decisions under Title I, except a decision under Chapter II": a bare division takes
    the higher division named alone earlier in the same sentence."""
    out = []
    named: dict[str, Level] = {}
    previous_end = 0
    for s, e, levels, act in spans:
        if re.search(r"[.;:]\s", text[previous_end:s]):
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


# -- relations --------------------------------------------------------------------------
_BEFORE = [
    ("despite", _c(rf"(?:despite|notwithstanding|malgré|nonobstant){S1}(?:the{S1}|l{APOS}|le{S1}|la{S1}|les{S1})?$")),
    ("subject to", _c(rf"(?:(?<!not )subject{S1}to|(?<!pas )sous{S1}réserve{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de))(?:{S1}[\w’'-]+){{0,5}}?{S}(?:{S1}|l{APOS})?$")),
    ("for the purposes of", _c(rf"(?:for{S1}the{S1}purposes?{S1}of|(?:aux{S1}fins{S1}de{S1}l{APOS}|pour{S1}l{APOS}){S}application{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de)|aux{S1}fins{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de)){S}(?:the{S1})?$")),
    ("within the meaning of", _c(rf"(?:within{S1}the{S1}meaning{S1}of|au{S1}sens{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de)){S}(?:the{S1})?$")),
]
_NECESSARY = rf"(?:with{S1}the{S1}necessary{S1}modifications|by{S1}operation{S1}of{S1}law|avec{S1}les{S1}adaptations{S1}nécessaires)"
_APPLY_VERB = _c(rf"{S}(?:,{S}{_NECESSARY},{S})?(?:appl(?:y|ies)|continues?{S1}to{S1}apply|s{APOS}appliqu(?:e|ent))(?:{S},?{S}{_NECESSARY},?)?{S1}(?:to|à|au|aux){END}"
                 rf"|{S}ne{S1}s{APOS}appliqu(?:e|ent){S1}qu{APOS}{S}(?:à|au|aux){END}")
_WHICH_APPLIES = _c(rf"{S},{S}(?:which|qui){S1}(?:appl(?:y|ies)|s{APOS}appliqu(?:e|ent)){S1}(?:to|à|au|aux){END}")
_CONDITIONAL = _c(rf"(?:when|if|whom|which|where|unless|lorsque|si|qui|laquelle|lequel|auquel|auxquels|dont){S1}(?:the{S1}|le{S1}|la{S1}|les{S1}|l{APOS})?$")
_RUN_SEP = _c(rf"{S}(?:,|,?{S1}and|,?{S1}or|{S1}et|{S1}ou){S}(?:(?:of{S1})?(?:the{S1})?|(?:de{S1})?(?:la{S1}|le{S1}|les{S1}|l{APOS})?)")
_OBJECT_GAP = _c(rf"{S}(?:the{S1}|this{S1}|le{S1}|la{S1}|les{S1}|l{APOS})?")


def type_relations(text: str, spans: list[tuple[int, int]], lang: str = "en") -> list[str]:
    """The relation of each citation span (sorted, non-overlapping) to the citing text:
    ``despite``, ``subject to``, ``for the purposes of``, ``within the meaning of``,
    ``applies`` (the cited provision is made to apply), ``applies to`` (what it is
    made to apply to) or ``cites``.

    >>> t = "Sections 49 to 51 apply to the Basic Income Program."
    >>> type_relations(t, [(0, 17), (31, 51)])
    ['applies', 'applies to']
    >>> type_relations("a person to whom paragraph 2 of section 27 applies is", [(17, 43)])
    ['cites']
    """
    relations = ["cites"] * len(spans)
    for i, (start, _) in enumerate(spans):
        before = text[max(0, start - 80):start]
        relations[i] = next((name for name, pattern in _BEFORE if pattern.search(before)), "cites")
    for i, (start, end) in enumerate(spans):
        which = _WHICH_APPLIES.match(text, end)
        verb = which or _APPLY_VERB.match(text, end)
        if not verb:
            continue
        run = [i]
        while not which and run[-1] > 0 and _RUN_SEP.fullmatch(text, spans[run[-1] - 1][1], spans[run[-1]][0]):
            run.append(run[-1] - 1)
        head = spans[run[-1]][0]
        if not which and _CONDITIONAL.search(text, max(0, head - 30), head):
            continue
        for k in run:
            if relations[k] == "cites":
                relations[k] = "applies"
        if i + 1 < len(spans) and _OBJECT_GAP.fullmatch(text, verb.end(), spans[i + 1][0]):
            relations[i + 1] = "applies to"
    return relations


# -- short forms typed by people ------------------------------------------------------------
_BARE_NUMBER = re.compile(rf"^({NUM})((?:\([0-9a-z.]{{1,4}}\))*)$")
_LEFTOVER = re.compile(r"[\s,;.]|\b(?:and|or|et|ou|the|le|la|les|du|de|des)\b|\bl['’]")


def parse_query(text: str) -> list[Found]:
    """The citations a person typed ("55", "s. 55(2)(a)", "art. 83.24", "A-13.1.1, s. 55, par. 2",
    "subparagraph a of subparagraph 2 of the first paragraph of section 55") when they
    make up the whole query, else [].

    >>> [(lv.kind, lv.values) for lv in parse_query("s. 55(2)(a)")[0].levels]
    [('section', ('55',)), ('unit', ('2',)), ('unit', ('a',))]
    >>> parse_query("the Act") == parse_query("55 apples") == []
    True
    """
    query = " ".join(text.split()).rstrip(".")
    query = re.sub(r"(?<=[\d)])\s+(?=\([0-9a-z.]{1,4}\))", "", query)
    if m := _BARE_NUMBER.match(query):
        query = f"s. {m[1]}{m[2]}"
    for lang in ("en", "fr"):
        found = [f for f in find_citations(query, lang) if f.levels or (f.act and f.act.doc)]
        leftover = query
        for f in reversed(found):
            leftover = leftover[:f.start] + leftover[f.end:]
        if found and not _LEFTOVER.sub("", leftover):
            return found
    return []


def resolve_query(text: str, kb: KnowledgeBase) -> str | None:
    """The id of the provision a typed citation names (in the default statute unless the
    citation names a document), or None.  A list or range gives its first provision."""
    from graph.resolve import Context, resolve

    statute = kb.default_statute()
    if statute is None:
        return None
    context = Context(kb.citation_index, statute.id)
    for found in parse_query(text):
        resolution = resolve(found, context)
        targets = [t for t in resolution.targets if t in kb]
        if targets:
            return targets[0]
    return None
