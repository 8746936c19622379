"""Legislative citations in English and French text: find them, with exact offsets.

The grammar of the citation forms found in Québec statutes,
regulations and guidance, and returns each as a `Found` (a model `Citation`
carrying what the grammar read, for `graph.cite.resolve.resolve`):

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

`graph.cite.find.find_citations` runs these pieces through the rule table of
`graph.cite.rules`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from alinea.ids import (
    CHAPTER_RE,
    annual_statute_id,
    doc_id_from_chapter,
    federal_act_id,
)
from alinea.model import Citation

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
ORDINALS.update({f"{n}th": str(n) for n in range(4, 21)} | {f"{n}e": str(n) for n in range(2, 21)})
RELATIVE_ORDINALS = {"last": "last", "preceding": "preceding", "dernier": "last",
                     "précédent": "preceding"}
_ORD = "|".join(sorted(map(re.escape, list(ORDINALS) + list(RELATIVE_ORDINALS)), key=len, reverse=True))

_EN = {
    "section": "section", "sections": "section", "article": "section", "articles": "section",
    "paragraph": "unit", "paragraphs": "unit",  # "paragraph 2 of section 27": the subparagraph (2)
    "subparagraph": "unit", "subparagraphs": "unit",
    "subsection": "unit", "subsections": "unit",  # "subsections (1) to (3) of section 27": the items (1) to (3)
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
    """``this``, ``that``, ``last``, ``preceding`` or ``next`` for relative levels; empty otherwise."""
    fallback: bool = False
    """For a ``unit`` level from a short form ("s. 36(2)", "par. 2"): may also mean the alinéa."""
    implied: bool = False
    """Not written in the citation: taken from an earlier citation in the same sentence."""


@dataclass(frozen=True)
class Act:
    """The act a citation names."""

    kind: str
    """``chapter`` (a Québec code), ``federal``, ``annual``, ``decree``, ``name`` (a title without
    a chapter), ``this``, ``that``, ``enabling`` ("the Act" in a regulation), ``regulation``, ``other`` (a document
    that is not a law: « de la norme », « du manuel »), ``kind`` (a document named by its kind word alone, « du
    code »: the citing document when it is of that kind) or ``standard`` (a technical standard by its designation)."""
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
    """The act names' pattern (graph.cite.find.Names: `match`, `fullmatch` and `finditer`)."""
    query: bool = False
    """The text is one citation a person typed (a `show` argument, a go-to box, an API path): the
    levels of an abbreviated chain may be separated by spaces alone ("art. 22 al. 1 par. 3°") and
    a section abbreviation may lack its period ("art 55"), which in running text would read too much."""
    chains: bool = False
    """The text is typed in short pieces (a typed citation, a comment in code): an abbreviated chain may go without
    its commas ("art. 27 al. 1 par. 2 LAPF") and a section word of three letters or more without its period ("sec 27
    para 2"); a single letter ("s 27") still needs its period but in a typed citation."""

    def at(self, pattern: re.Pattern, pos: int) -> re.Match | None:
        return pattern.match(self.text, pos)


class LazyPattern:
    """A regular expression compiled the first time it is used, then the compiled pattern's own
    methods: the citation engine holds over a hundred, and a text without citations (most of a
    question to govern) needs a few of them, so a process does not compile the rest."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    @property
    def pattern(self) -> str:
        """The source, read without compiling it (a pattern built from another's reads it at import)."""
        return self._source[0]

    def __getattr__(self, name: str):
        compiled = re.compile(*self._source)
        self.__dict__.update({attr: getattr(compiled, attr) for attr in (
            "match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "flags",
            "groups", "groupindex")})
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, deferred to the first use (`LazyPattern`)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def _c(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    return lazy(pattern, flags)


_VALUE_SECTION = lazy(rf"({NUM}(?:(?<=\d)(?:[a-df-z]|e(?=\))))?){END}", re.IGNORECASE)
"""A section number, with the letter a publisher prints after some (« l'article 12a »; in a federal act,
« l'article 13b » is paragraph 13(b): `graph.cite.resolve` reads it so); not « 2e » (an ordinal), but « 13e) »."""
_VALUE_DIVISION = lazy(r"([IVXLC]+(?:\.[IVXLC]+)*|\d+(?:\.\d+)*|[A-Z]{1,2})(?![\w-])")
"""Division labels: roman (``II``, ``I.I``), numbered with insertions (``2.20``, ``0.1``), lettered (``A``, ``ZA``)."""
_ITEM_NUMBER = r"\d+(?:\.\d+)*"
_ITEM_LETTER = r"(?:\d+\.)*[a-z]{1,2}(?:\.\d+)*"
"""Item labels as alinea.ids has them: ``7.0.0``, ``d.1``, and letters inserted before ``a`` (``0.a``)."""
_VALUE_UNIT = lazy(rf"(?:\(({_ITEM_NUMBER}|{_ITEM_LETTER})\)|((?:\d+\.)+[a-z]{{1,2}}(?:\.\d+)*)|({_ITEM_NUMBER})[°º]?"
                         rf"|((?:[ivx]{{1,4}}|[a-z])(?:\.\d+)?)){END}")
_LABELS = lazy(rf"((?:\((?:{_ITEM_NUMBER}|(?:\d+\.)*[a-z]{{1,4}}(?:\.\d+)*)\))+(?:[a-z]{{1,2}}\)(?:\([ivx]{{1,4}}\))*(?:\([A-Za-z]\))?)?)")
"""Labels after a number: "(2)(a)", and the federal French style « (2)a)(ii) »."""
_LABEL = lazy(r"\(([^()]+)\)")
_LABEL_OR_LETTER = lazy(r"\(([^()]+)\)|(?<=\))([a-z]{1,2})\)")
_SEP = _c(rf"{S}(?:,{S}(?:(?:and|or|et|ou){S1})?|{SP}+(?:and|or|et|ou|&){S1})")
_RANGE = _c(rf"{S}(?:(?:to|à|through){S1}|[–—-]{S})")
_WORDLIKE_FOLLOW = _c(rf"(?={S}(?:,|and{END}|or{END}|et{END}|ou{END}|of{END}|de{END}|du{END}|des{END}|to{END}|à{END}|\.(?!{S}\d)|[;:)]|$))")
_OF_EN = _c(rf"{S1}of{S1}")
_OF_FR = _c(rf"{S1}(?:de{S1}la{S1}|de{S1}l{APOS}{S}|du{S1}|de{S1}|des{S1})")
_DET_EN = _c(rf"(the){S1}")
_ORDINALS = _c(rf"({_ORD}){END}((?:{S}(?:,|,?{S1}and|,?{S1}or|{SP}+et|{SP}+ou){S1}(?:(?:le|la|the){S1})?(?:{_ORD}){END})*)")
"""« les deuxième et troisième alinéas », « le premier et le deuxième alinéas », "the first and the second paragraphs"."""
_ORD_SPLIT = _c(rf"{_ORD}")
_PARAGRAPH_EN = _c(rf"{S1}paragraphs?{END}")
_ALINEA_FR = _c(rf"{S1}alinéas?{END}")
_SAME_AFTER = _c(rf"(?:\b(?:du|de{S1}la|la|le|au|à{S1}la|aux|des|les)|l{APOS}){S}$")
"""What goes before « même » when it names the unit named last: « du même article », « la même section »."""
_ALINEA_AFTER = _c(rf"alinéas?{S1}(précédent|dernier){END}")
_ITEM_AFTER = _c(rf"(?:sous-)?paragraphes?{S1}(précédent|dernier){END}")
"""« du paragraphe précédent »: the numbered item before the citing one."""
_KEYWORD_EN = _c(rf"({_words(_EN)}){END}{S}")
_KEYWORD_FR = _c(rf"({_words(_FR)}){END}{S}")
_RELATIVE_EN_RE = _c(rf"(this|that){S1}({_words(_RELATIVE_EN)}){END}")
_NEIGHBOURS = {"preceding": "preceding", "previous": "preceding", "next": "next", "précédent": "preceding",
               "précédente": "preceding", "suivant": "next", "suivante": "next"}
"""The section or division before or after the citing one: « le chapitre précédent », "the preceding section"."""
_NEIGHBOUR_EN_RE = _c(rf"the{S1}(preceding|previous|next){S1}(section|chapter|title|division|subdivision|part|schedule){END}")
_NEIGHBOUR_FR_RE = _c(rf"(article|chapitre|titre|section|sous-section|partie|annexe){S1}(précédente?|suivante?){END}(?!{S}:)")
"""Singular only, and not before a colon: « les articles suivants », « l'article suivant: » announce what follows."""
_RELATIVE_FR_RE = _c(rf"(présente?|cet|cette|ce|même){S1}({_words(_RELATIVE_FR)}){END}")
_SUBDIVISION_SIGN = _c(rf"§{S}(?=\d+(?:\.\d+)*{S1}(?:de{S1}la{S1}(?:présente{S1})?(?:sous-)?section|du{S1}(?:présent{S1})?(?:chapitre|titre)|de{S1}la{S1}partie){END})")
"""In French, « § » before the division holding it heads a subdivision (S-2.1, r. 9: « § 1 » to « § 6 » under a
section): « le § 2 de la section IV du chapitre IV »; elsewhere « § 5 » is a section."""
_ABBREV_SECTION = lazy(rf"(?:(?i:ss?|secs?|sects?|arts?|aa)\.|(?i:a)\.(?={S}\d)|(?<=\()a(?={SP}\d)|§§?){S}")
"""Section abbreviations; "a" without its period only in a marginal reference, « (a 1.1) »."""
_PIN_BODY = rf"(?:(?P<ord>(?:{_ORD})(?:(?:{S},{S}|{S1}(?:et|and){S1})(?:{_ORD}))*){S1}(?:alinéas?|paragraphs?|als?|paras?|pars?)\.?{END}|(?P<kw>sous-paragraphes|sous-paragraphe|subparagraphs|subparagraph|paragraphes|paragraphe|paragraphs|paragraph|s\.-par|sous-par|subparas|subpara|subpars|subpar|alinéas|alinéa|paras|para|pars|par|al)(?![\w-])\.?{S}(?P<v>(?:\d+\.)+[a-z]{{1,3}}(?:\.\d+)*|{_ITEM_NUMBER}[°º]?|\([a-z0-9.]+\)|(?:[ivx]{{1,4}}|[a-z])(?:\.\d+)*){END}(?P<labels>(?:\([^()\s]{{1,4}}\))*))"
_SHORT_PIN = _c(rf",{S}{_PIN_BODY}")
_QUERY_PIN = _c(rf",?{S}{_PIN_BODY}")
"""In a typed citation, a comma between the levels of a chain is optional."""
_PIN_ALONE = _c(_PIN_BODY)
_SIBLING_SEP = _c(rf"{S}(?:,|,?{S1}(?:and|or|et|ou)){S}")
QC_ANNUAL_COLLECTION = r"(?:S\.Q\.|L\.Q\.|SQ|LQ)"
"""The annual statutes of Québec, as tribunals (« L.Q. 2005, c. 15 ») and McGill ("SQ 2005, c 15") write them."""
QC_COLLECTION = rf"(?:CQLR|RLRQ|L\.R\.Q\.|R\.S\.Q\.|R\.R\.Q\.(?:{S},?{S}1981)?)"
"""A Québec collection before a chapter: the consolidation (CQLR, RLRQ), the Revised Statutes (R.S.Q., L.R.Q.) and
the Revised Regulations of 1981 (« R.R.Q., 1981, c. S-2.1, r. 3 »), whose chapter and regulation numbers the
consolidation kept: each names the document of that number."""
_CODE_HEAD = lazy(rf"(?:{QC_COLLECTION}{S},?{S})?(?:(?i:chapter|chapitre|c\.|ch\.|c(?={SP})){S})?({CHAPTER_RE}(?:{S},{S}r\.?{S}{NUM})?),?{S}"
                        rf"|(?:{QC_ANNUAL_COLLECTION}{S})?(1[6-9]\d\d|20\d\d){S},{S}(?:c|ch)\.?{S}(\d+){S},{S}")
_DECREE = (rf"(?:(?-i:D|O\.C)\.|(?i:décret|order{S1}in{S1}council)(?:{S1}(?i:numéro|no|n°|number))?){S}"
           rf"(\d{{1,4}}-(?:\d{{4}}|\d{{2}}))(?![\w-])")
"""A decree (an order in council) by its number, as history entries write it: « D. 1234-2019 », « décret 605-2014 »,
"O.C. 1234-2019"; it is not in the corpus, so a citation of one of its sections is a citation of the decree."""
_DECREE_HEAD = lazy(rf"{_DECREE}{S},{S}")
_DECREE_AFTER = lazy(rf"(?:(?i:le|du|the|of){S1})?{_DECREE}")


def decree_id(number: str) -> str:
    """A decree's id, as `alinea.model.HistoryEntry.act` writes it.

    >>> decree_id("605-2014")
    'D. 605-2014'
    """
    return f"D. {number}"


_UNDOTTED_SECTION = lazy(rf"(?i:ss?|secs?|sects?|arts?){S1}(?=\d)")
"""A section abbreviation typed without its period ("art 55", McGill's "s 27(2)", "ss 83.1–83.5"), read in a typed
citation only; elsewhere a single letter ("s 55", "a 55") only after a chapter code (`_OFFICIAL_SECTION`): alone in
running text it is a word."""
_UNDOTTED_WORD = lazy(rf"(?i:secs?|sects?|arts?){S1}(?=\d)")
"""A section word of three letters or more without its period ("sec 27", "art 55"): read in code comments too."""


def _undotted(scan: _Scan, pos: int) -> re.Match | None:
    """A section abbreviation without its period at pos, where the text is typed (`_Scan.query`, `_Scan.chains`)."""
    if scan.query:
        return scan.at(_UNDOTTED_SECTION, pos)
    return scan.at(_UNDOTTED_WORD, pos) if scan.chains else None


_OFFICIAL_SECTION = lazy(rf"(?i:ss?|arts?|a){S1}(?=\d)")
"""The section abbreviation without a period in LégisQuébec's citation form "CQLR c A-13.1.1, s 55"."""
_DIV_KEY_CASE = lazy(r"[A-Z]")
_YEAR_BEFORE = lazy(rf"\b(?:1[6-9]\d\d|20\d\d)\)?{S},{S}$")
"""A chapter after a year is a statute's: « (1969, chapitre 63) », « (Lois du Canada, 2001, chapitre 27) »."""

_NAME_HEADS = r"Act|Code|Charter|Regulation|Regulations|Loi|Charte|Règlement|Tariff|Tarif|By-law"
_NAME_CONTINUES = _c(rf"{S1}(?:respecting|to|on|for|concerning|of|sur|concernant|relative|relatif|instituant|modifiant|visant|favorisant|assurant|portant|de|du|des|d{APOS})")
_THIS_ACT = _c(rf"(?:this{S1}Act|the{S1}present{S1}Act|this{S1}Regulation|la{S1}présente{S1}loi|le{S1}présent{S1}règlement|présente{S1}loi|présent{S1}règlement|présent{S1}code|présente{S1}charte){END}")
THIS_DOCUMENT = _c(rf"(?:(?:this|the{S1}present){S1}(?-i:Act|Regulation|Code|Charter)|présente{S1}(?:loi|charte)"
                   rf"|présent{S1}(?:règlement|code)){END}")
"""The citing document named as a whole, standing alone: "this Act", « le présent règlement », « la présente loi »,
« le présent code » (the article, often « du » or « au », is not part of the words).  An English head keeps its capital:
"this act" is a deed."""
_THAT_ACT = _c(rf"(?:that{S1}Act|that{S1}Regulation|cette{S1}loi|ce{S1}règlement|ce{S1}code|ledit{S1}règlement|ladite{S1}loi){END}")
"""An act named before in the section; with none, the citing document when it is of that kind."""
_ENABLING_EN = lazy(rf"(?:the{S1})?Act{END}(?!{S}\()")
_UNKNOWN_TITLE = lazy(rf"(?:[A-Z][\w’'-]*{S1})*(?:Act|Code|Charter){END}")
_ENABLING_FR = lazy(rf"(?:la{S1})?Loi{END}(?!{S}\()")
OTHER_DOCUMENT_WORDS = (r"standards?|agreements?|conventions?|contracts?|protocols?|treat(?:y|ies)|memorandum|"
                        r"manuals?|guides?|handbooks?|volumes?|publications?|bulletins?|codes?\s+of\s+practice|"
                        r"normes?|ententes?|accords?|contrats?|protocoles?|traités?|manuels?|tomes?|guides?|recueils?|"
                        r"codes?\s+de\s+(?:pratique|bonnes?\s+pratiques)|organismes?|CSA|ACNOR|ISO|BNQ|ANSI|NFPA|ULC")
"""Words naming a document that is not a law: a number cited in it is not a provision of a law."""
_STANDARD_BODIES = (r"CAN/CSA|CAN/ULC|CAN/CGSB|CAN/BNQ|CAN/ONGC|CAN-?[1-9]|CSA|ACNOR|ANSI(?:/[A-Z]{2,6})?|ISO(?:/IEC)?|IEC|CEI|BNQ|NFPA|"
                    r"ULC|UL|ASTM|ASME|ASHRAE|NF[ \u00a0]EN(?:[ \u00a0]ISO)?|EN(?:[ \u00a0]ISO)?|DIN|CGSB|ONGC|NIOSH|SAE|IEEE|NEMA|NQ|"
                    r"ACGIH|AIHA")
"""The bodies that publish technical standards, as their designations begin; the series of the Standards Council of
Canada by their own prefix (« CAN-4-S114 », « CAN3-Z94.3-M84 ») and the Québec standards by theirs (« NQ 3650-900 »)."""
_NUMBER_WORD = r",?[ \u00a0](?:No|no|N°|n°|Nº|nº)\.?[ \u00a0]?"
"""« NFPA, No 68-1954 »: the body, then the word for a number."""
STANDARD = lazy(rf"(?<![\w/-])(?:{_STANDARD_BODIES})(?:[ \u00a0](?i:standard|norme)(?=[ \u00a0]))?(?:(?:[ \u00a0]?[-/][ \u00a0]?|[ \u00a0]|{_NUMBER_WORD})(?:[A-Z]{{1,3}}[-.]?)?|[A-Z]{{1,3}}[-.]?)\d[\w.:/-]*(?<![.:/-])")
"""A technical standard by its designation: « CSA Z94.4-11 », "CAN/CSA-Z62.1-03", "ANSI Z89.1-2003", "ISO 45001:2018",
"NFPA 30", "NFPA, No 68-1954", "ULC-S508", "BNQ 1809-300", "NF EN 458", "(ACGIH-1972)" (the body in capitals, then a
number)."""


STANDARD_BODY = lazy(rf"(?>(?:{_STANDARD_BODIES})(?:/(?:{_STANDARD_BODIES}))*)")
"""The body a designation begins with: « CSA », "CAN/CSA", "ANSI/ISEA", "NF EN ISO"."""
_BODY_THEN = lazy(rf"^((?>(?:{_STANDARD_BODIES})(?:/(?:{_STANDARD_BODIES}))*))(?=[A-Z]{{1,3}}[-.]?\d)")


PUBLICATION = lazy(rf"(?<![\w-])(?i:tome|volume|vol\.){S1}(?:[IVXLC]+|\d+){S1}(?i:du|de{S1}la|de{S1}l{APOS}|des|of{S1}the){S1}"
                   rf"(?i:manuel|guide|recueil|collection|manual|handbook|series){S1}(?i:intitulée?|entitled|titled){S}"
                   rf"[«\"“]{S}[^»\"”\n]{{1,150}}?{S}[»\"”]")
"""A named publication by its volume and title: « Tome V du manuel intitulé «Signalisation routière» », "Volume 2 of the
manual entitled “Traffic Control”"; typed a standard (a document of rules that is not a law)."""


def publication_id(words: str) -> str | None:
    """The id of the named publication in words (`PUBLICATION`), None when there is none."""
    m = PUBLICATION.search(words)
    return standard_id(m.group(0)) if m else None


def other_document(name: str) -> Act:
    """The document a number belongs to when it is not a law: a technical standard when its words give its
    designation (« de la norme CSA Z462 »), else another document (« de l'entente », « de cette norme »)."""
    if m := STANDARD.search(name):
        return Act("standard", standard_id(m.group(0)), name)
    return Act("other", name=name)


def standard_id(designation: str) -> str:
    """The id of a standard: ``standard:`` and the slug of its designation.

    >>> standard_id("CAN/CSA-Z62.1-03"), standard_id("CSA standard Z94.4-11"), standard_id("CAN/CSAZ195-02")
    ('standard:can-csa-z62.1-03', 'standard:csa-z94.4-11', 'standard:can-csa-z195-02')
    >>> standard_id("NFPA, No 68-1954"), standard_id("NFPA No. 13")
    ('standard:nfpa-68-1954', 'standard:nfpa-13')
    """
    designation = re.sub(r"\b(?:standard|norme)\b", " ", designation)  # "CSA standard Z94.4-11"
    designation = _BODY_THEN.sub(r"\1 ", designation)  # "CAN/CSAZ195-02" is "CAN/CSA Z195-02"
    designation = re.sub(_NUMBER_WORD, " ", designation, count=1)  # "NFPA, No 68-1954" is "NFPA 68-1954"
    return "standard:" + re.sub(r"[^\w.]+", "-", designation.lower()).strip("-")


_OTHER_DOCUMENT = _c(rf"(?:(?:the|this|that|la|le|les|cette|ce|l{APOS}){S})?(?:[\w-]+{S1}){{0,2}}?"
                     rf"(?:{OTHER_DOCUMENT_WORDS}){END}(?-i:(?:{S1}(?:{STANDARD.pattern}|CSA|ISO|BNQ|ANSI|NFPA|ULC|standard|norme|[A-Z]{{0,3}}[-.]?[0-9][\w./:-]*(?<![.:/-])))*)")
"""Another document named after a number: "of the CSA standard Z462", « de l'entente », « de la norme ISO 45001 »."""
_LAW_NAMED = _c(rf"(?:(?:the|this|that|la|le|les|cette|ce|l{APOS}){S})?(?:{_NAME_HEADS}|loi|règlement|présente?|this){END}")
_PRACTICE = _c(r"practice|pratique")
_CODE_WORD = lazy(rf"(?:(?:le|la|l{APOS}|the){S})?code(?={S}(?:[,.;:)]|$|(?:et|ou|and|or|est|sont|is|are|qui|which){END}))")
"""« du code » in lower case and alone: a document named by its kind word.  In a code it is that code (« l'article
11.3 du code » in the Code de sécurité pour les travaux de construction); in a regulation that adopts a code
(« le Code national du bâtiment ») it is the adopted code, not a law (`graph.cite.resolve`); a law is named with a
capital (« du Code de la sécurité routière »)."""
"""A code of practice is not a code of law."""
_TITLE_GOES_ON = rf"(?:{S1}(?:Act|respecting|to|on|for|concerning|under|sur|concernant|relative|relatif|d{APOS}application|de|du|des){END}|{S1}d{APOS}|{S}\()"
_REGULATION = _c(rf"(?:(?:the|that){S1}regulations?|(?:(?:du|le){S1})?(?<!présent\s)(?<!ce\s)(?<!cet\s)règlement){END}(?!{_TITLE_GOES_ON})")
"""The regulation made under the citing act: not "the Regulation respecting …", « le Règlement
d'application de la Loi … », « le présent règlement » (the citing one) or « ce règlement »."""
REGULATION_ALONE = _c(rf"(?:(?:the|that){S1}regulations?|(?:du|le|au){S1}règlement){END}(?!{_TITLE_GOES_ON})")
"""The same, standing alone, where it needs its article: « par règlement » is "by regulation"."""
ENABLING_ALONE = lazy(rf"(?<![\w-])(?i:la|the){S1}(?:Loi|Act)(?![\w-])(?!{S}\()(?!{_TITLE_GOES_ON})")
"""« conformément à la Loi », "under the Act" standing alone: in a regulation, its enabling act (capitalised, as
regulations define it; « la Loi sur … » and "the Act respecting …" are titles)."""

_ARTICLE = _c(rf"(?:the{S1}|la{S1}|le{S1}|l{APOS}{S})")  # not the "LA" of "LATMP"
_TITLE_START = lazy(rf"(?:{_NAME_HEADS}|[A-ZÉÈ])")
_BREAK = lazy(r"[;:()]|\.\s")
_CLAUSE = _c(rf",{S}(?:est|sont|soit|is|are|was|were|qui|which|where|lorsque|when|si|if){END}")
"""Words that go on a sentence, not a title: « … de la Loi, est la Liste de divulgation (DORS/88-64) »."""
_HEAD_BACK = lazy(rf"\b(?:{_NAME_HEADS}){END}")
_PAREN_AFTER = lazy(rf"{S}\(((?:[^()]|\(\d{{4}}\)){{3,150}})\)")
_SECTION_WORD = _c(rf"(?:section|article){S1}")
_QC_REF = _c(rf"(?:{QC_COLLECTION}{S},?{S})?(?:chapter|chapitre|c\.|ch\.){S}({CHAPTER_RE}(?:{S},{S}r\.{S}{NUM})?)$", 0)
_FED_REVISED_BODY = (rf"(?:Revised{S1}Statutes{S1}of{S1}Canada|R\.S\.C\.|Lois{S1}révisées{S1}du{S1}Canada|L\.R\.C\.){S},?{S}"
                     rf"\(?(\d{{4}})\)?{S},{S}(?:chapter|chapitre|c\.|ch\.){S}([A-Z]{{1,3}}-\d+(?:\.\d+)*)")
_FED_REGULATION_BODY = rf"(?:DORS|SOR){S}/{S}(\d{{2}}|\d{{4}}){S}-{S}(\d+)"
_FED_ANNUAL_BODY = rf"(?:Statutes{S1}of{S1}Canada|S\.C\.|Lois{S1}du{S1}Canada|L\.C\.){S},?{S}(\d{{4}}){S},{S}(?:chapter|chapitre|c\.|ch\.){S}(\d+)"
_FED_CONSOLIDATED_BODY = rf"(?:C\.R\.C\.|Consolidated{S1}Regulations{S1}of{S1}Canada){S},?{S}(?:1978{S},{S})?(?:chapter|chapitre|c\.|ch\.){S}(\d+)"
_FED_REVISED = _c(_FED_REVISED_BODY + "$", 0)
_FED_REGULATION = lazy(_FED_REGULATION_BODY + "$")
"""A federal regulation by its registration number: "SOR/88-66", « DORS/2001-286 »."""
_FED_ANNUAL = _c(_FED_ANNUAL_BODY + "$", 0)
_FED_CONSOLIDATED = _c(_FED_CONSOLIDATED_BODY + "$", 0)
"""A federal regulation of the 1978 consolidation: "C.R.C., c. 1370"."""
FEDERAL_CITATION = lazy(rf"(?<![\w.])(?:{_FED_REVISED_BODY}|{_FED_REGULATION_BODY}|{_FED_ANNUAL_BODY}|{_FED_CONSOLIDATED_BODY})(?![\w-])")
"""A federal act or regulation by its citation anywhere in a text: « L.R.C. 1985, c. H-3 », "S.C. 1996, c. 23",
"SOR/88-66", « DORS/2015-17 », "C.R.C., c. 1370"."""
_FED_HEAD = lazy(rf"((?:{_FED_REVISED_BODY}|{_FED_REGULATION_BODY}|{_FED_ANNUAL_BODY}|{_FED_CONSOLIDATED_BODY})),{S}")
_QC_ANNUAL = _c(rf"(?:(?:S\.Q\.|L\.Q\.){S})?(1[6-9]\d\d|20\d\d){S},{S}(?:chapter|chapitre|c\.|ch\.){S}(\d+)$", 0)
_PAREN = lazy(r"\(((?:[^()]|\(\d{4}\)){1,120})\)")
"""A parenthesis, which may hold a year in its own (« (Lois révisées du Canada (1985), chapitre C-29) »)."""
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
    >>> chapter_ref("DORS/88-66").doc
    'canada:sor-88-66'
    """
    inside = " ".join(inside.split())
    if m := _QC_REF.match(inside):
        return Act("chapter", doc_id_from_chapter(m[1]))
    if m := _FED_REVISED.match(inside):
        return Act("federal", federal_act_id(True, m[1], m[2]))
    if m := _FED_REGULATION.match(inside):
        return Act("federal", f"canada:sor-{m[1]}-{m[2]}")
    if m := _FED_ANNUAL.match(inside):
        return Act("federal", federal_act_id(False, m[1], m[2]))
    if m := _FED_CONSOLIDATED.match(inside):
        return Act("federal", f"canada:crc-c-{m[1]}")
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
        if r and not pending_range and (m2 := scan.at(value, r.end())) and (
                _ok_follow(scan, m2, wordlike) or _numbers(last, m2)):
            ranges.append((last, next(g for g in m2.groups() if g is not None)))
            pending_range = True
            pos = m2.end()
            continue
        s = scan.at(_SEP, pos)
        if s and (m2 := scan.at(value, s.end())) and (_ok_follow(scan, m2, wordlike) or _last_item(s, last, m2)):
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
    """After a listed label: a word that goes on the list or the citation, unless the label is an
    inserted number, which is never a word or an amount (« les sous-sections 6.4 et 6.9 sont »), or
    a number with its degree sign (« visés aux paragraphes 1° à 4° sont »)."""
    return (not wordlike or _INSERTED.fullmatch(m.group(0)) is not None or m.group(0)[-1:] in "°º"
            or bool(scan.at(_WORDLIKE_FOLLOW, m.end())))


_INSERTED = lazy(r"\d+(?:\.\d+)+")
_CONJUNCTION = _c(rf"(?:and|or|et|ou|&){END}")
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _last_item(sep: re.Match, previous: str, m: re.Match) -> bool:
    """ « les paragraphes a, b et c doit », "subparagraphs (a), (b) and (c) are", « sous-paragraphes i, ii ou iii »: the
    last item of a list, joined by a conjunction, is read whatever word follows it when it has the shape of the item
    before it and comes after it (a list of labels is written in the order of the text); so « le paragraphe b et a
    droit » stays one item."""
    if not _CONJUNCTION.search(sep.group(0)):
        return False
    label = next(g for g in m.groups() if g is not None)
    before, after = previous.strip("()").rstrip("°º").lower(), label.strip("()").rstrip("°º").lower()
    return any(key(before) < key(after) for key in _LABEL_ORDERS if key(before) is not None and key(after) is not None)


def _number_order(label: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in label.split(".")) if re.fullmatch(r"\d+(?:\.\d+)*", label) else None


def _letter_order(label: str) -> tuple[int, str] | None:
    return (len(label), label) if re.fullmatch(r"[a-z]{1,2}", label) else None


def _roman_order(label: str) -> int | None:
    if not re.fullmatch(r"[ivx]{1,4}", label):
        return None
    values = [_ROMAN[c] for c in label]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_LABEL_ORDERS = (_number_order, _letter_order, _roman_order)


def _numbers(low: str, high: re.Match) -> bool:
    """A range between two numbers is one whatever word follows: "paragraphs 1 to 4 are"."""
    return low.rstrip("°º").isdigit() and high.group(0).rstrip("°º").isdigit()


def _label_levels(labels: str, fallback: bool) -> list[Level]:
    """``(2)(a)`` -> unit levels 2 then a."""
    return [Level("unit", (lab.rstrip("°º"),), fallback=fallback and i == 0)
            for i, lab in enumerate(a or b for a, b in _LABEL_OR_LETTER.findall(labels))]


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
    if fr and (m := scan.at(_ITEM_AFTER, pos)):
        return Level("unit", relative=RELATIVE_ORDINALS[m[1].lower()]), start, m.end()
    if fr and text[pos:pos + 1] in "acstpACSTP" and (m := scan.at(_NEIGHBOUR_FR_RE, pos)):
        return Level(_RELATIVE_FR[m[1].lower()], relative=_NEIGHBOURS[m[2].lower()]), start, m.end()
    if not fr and text[pos:pos + 1] in "tT" and (m := scan.at(_NEIGHBOUR_EN_RE, pos)):
        return Level(_RELATIVE_EN[m[2].lower()], relative=_NEIGHBOURS[m[1].lower()]), start, m.end()
    if m := scan.at(_RELATIVE_FR_RE if fr else _RELATIVE_EN_RE, pos):
        if m[1].lower() == "même" and not _SAME_AFTER.search(text, max(0, pos - 8), pos):
            return None  # « une pièce de même section »: a shape, not « la même section »
        kinds = _RELATIVE_FR if fr else _RELATIVE_EN
        rel = "that" if m[1].lower() in ("that", "cet", "cette", "ce", "même") else "this"
        return Level(kinds[m[2].lower()], relative=rel), start, m.end()
    if fr and text.startswith("§", pos) and (m := scan.at(_SUBDIVISION_SIGN, pos)) and (got := _values(scan, m.end(), _VALUE_DIVISION, wordlike=True)):
        singles, ranges, end = got  # « le § 2 de la section IV »: a subdivision, not a section
        return Level("subdivision", tuple(singles), tuple(ranges)), start, end
    if m := scan.at(_ABBREV_SECTION, pos) or _undotted(scan, pos):
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
        if (not fr and not _DIV_KEY_CASE.match(text[pos])) or scan.at(_STATUTES_OF, pos) \
                or _YEAR_BEFORE.search(text, max(0, pos - 12), pos):
            return None  # "chapter 15 of the statutes of 2005", « (Lois du Canada, 2001, chapitre 27) »; English divisions are capitalised
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
    if scan.lang == "fr" and (m := scan.at(_FIRST_ARTICLE, pos)):
        return Level("section", ("1",)), start, m.end()  # « l'article premier », « l'article 1er »
    if _PLURAL_SECTIONS.fullmatch(scan.text, start, pos) and (h := scan.at(_HYPHEN_RANGE, pos)):
        return Level("section", (), ((h[1], h[2]),)), start, h.end()  # "ss. 131-133", « articles 131-133 »
    got = _values(scan, pos, _VALUE_SECTION, wordlike=False)
    if not got:
        return None
    singles, ranges, end = got
    if len(singles) == 1 and not ranges and (m := scan.at(_AND_FOLLOWING, end)):
        end = m.end()  # « articles 5 et suivants »: the first is the pinpoint, the others have no bound
    elif ranges and (m := scan.at(_INCLUSIVE, end)):
        end = m.end()  # « les articles 3 à 5 inclusivement »
    return Level("section", tuple(singles), tuple(ranges)), start, end


_PLURAL_SECTIONS = _c(rf"(?:ss|secs|sects|arts|aa)\.?{S}|§§{S}|(?:sections|articles){S1}")
_HYPHEN_RANGE = lazy(rf"({NUM})-({NUM})(?![\w-])")
"""After a plural section word, two numbers joined by a hyphen are a range; after a singular one (« l'article 4-5 »)
they are one number of another document's."""
_INCLUSIVE = _c(rf"{S},?{S1}(?:inclusivement|both{S1}inclusive|inclusively|inclusive)(?![\w-])")


_FIRST_ARTICLE = _c(r"(?:premier|1er)(?![\w-])(?!\s+(?:alinéa|paragraphe))")
_AND_FOLLOWING = _c(rf"{S1}(?:et{S1}suivants|et{S1}suiv\.|and{S1}following|et{S1}seq\.?|ff\.)(?![\w-])")
"""« aux articles 5 et suivants », "sections 45 and following", "sections 5 et seq.": read in the citation's words."""


def _pinpoints_after_section(scan: _Scan, pos: int, single: bool) -> tuple[list[Level], int]:
    """Levels written after a section number: "(2)(a)", ", par. 2", ", 1er al., par. 7, 8, 19 et 42"."""
    levels: list[Level] = []
    if single and pos and scan.text[pos - 1].isalpha() and scan.text.startswith(")", pos) and (
            scan.query or scan.text.startswith("(", pos + 1)):
        pos += 1  # « art 13b)(ii) »: the federal French style of paragraph 13(b)
    if single and (m := scan.at(_LABELS, pos)):
        levels += _label_levels(m[1], fallback=True)
        pos = m.end()
        if scan.lang != "fr":
            levels[-1], pos = _label_tail(scan, pos, levels[-1])
    return _finer_pinpoints(scan, pos, levels) if single else (levels, pos)


def _finer_pinpoints(scan: _Scan, pos: int, levels: list[Level]) -> tuple[list[Level], int]:
    """Abbreviated pinpoints at pos, each finer than the last of `levels` (", 1er al., par. 7");
    an alinéa after an alinéa or a subparagraph is a sibling (`sibling_pinpoints`), not read here."""
    while (m := scan.at(_QUERY_PIN if scan.query or scan.chains else _SHORT_PIN, pos)):
        if _is_alinea(m) and any(lv.kind in ("paragraph", "unit") for lv in levels):
            break
        level, pos = _pin_level(scan, m, levels)
        levels.append(level)
        if level.ranges or len(level.values) > 1:
            break  # nothing lies under a list
        levels += _label_levels(m["labels"] or "", fallback=False)
    return levels, pos


def _is_alinea(m: re.Match) -> bool:
    return bool(m["ord"]) or m["kw"].lower().rstrip("s") in ("al", "alinéa")


def _pin_level(scan: _Scan, m: re.Match, levels: list[Level]) -> tuple[Level, int]:
    """The level of one abbreviated pinpoint ("par. 3°", "2e al.", "paras. 1 and 2"), and its end."""
    if m["ord"]:
        ordinals = tuple(ORDINALS[w.lower()] for w in _ORD_SPLIT.findall(m["ord"]) if w.lower() in ORDINALS)
        return Level("paragraph", ordinals or ("1",)), m.end()  # "1er et 2e al."
    kw = m["kw"].lower().rstrip("s")
    values, ranges, end = [m["v"]], [], m.end()
    if not m["labels"] and (got := _values(scan, m.start("v"), _VALUE_UNIT, wordlike=True)) and got[2] > m.end():
        values, ranges, end = got
    values = [v.strip("()").rstrip("°º") for v in values]
    ranges = [(a.strip("()").rstrip("°º"), b.strip("()").rstrip("°º")) for a, b in ranges]
    if kw in ("al", "alinéa"):
        return Level("paragraph", tuple(values), tuple(ranges)), end
    if kw in _SUB_WORDS and kw not in _FRENCH_SUB_WORDS and levels and levels[-1].fallback:
        levels[-1] = Level("paragraph", levels[-1].values)  # "s. 22, para. 1, subpara. 3"
    numbered = m["v"].endswith(("°", "º"))  # « par. 2° » is a paragraph 2°, never an alinéa
    return Level("unit", tuple(values), tuple(ranges), fallback=kw in _PARAGRAPH_WORDS and not numbered), end


def sibling_pinpoints(scan: _Scan, pos: int, levels: list[Level]) -> tuple[list[Level], int, int] | None:
    """ "a. 223, 1er al., par. 7, 2e al. et 3e al.": a pinpoint after a chain, at a level the chain
    has, names a sibling: the levels above it are the chain's (implied), then the new one."""
    sep = scan.at(_SIBLING_SEP, pos)
    m = sep and scan.at(_PIN_ALONE, sep.end())
    if not m:
        return None
    level, end = _pin_level(scan, m, [])
    at = [i for i, lv in enumerate(levels) if lv.kind == level.kind]
    if not at or at[-1] == 0:
        return None
    chain = [replace(lv, implied=True) for lv in levels[:at[-1]]] + [level]
    if not (level.ranges or len(level.values) > 1):
        chain, end = _finer_pinpoints(scan, end, chain)  # ", 2e al., par. 3"
    return chain, m.start(), end


_LIST_TAIL = _c(rf"{S}(?:,{S}(?:(?:and|or|et|ou){S1})?|{SP}+(?:and|or|et|ou|&){S1})$")


def last_item_pinpoints(scan: _Scan, start: int, end: int, levels: list[Level]
                        ) -> tuple[tuple[int, list[Level]], tuple[int, int, list[Level]]] | None:
    """ "a. 170 et 223, 1er al., par. 39": pinpoints written after a list of sections are those of
    its last section.  Returns the list without it (end, levels), then the last section with its
    pinpoints (start, end, levels); None when no pinpoint follows a list."""
    if len(levels) != 1 or levels[0].kind != "section" or not levels[0].values or not scan.at(_SHORT_PIN, end):
        return None
    section = levels[0]
    last = section.values[-1]
    last_start = end - len(last)
    sep = _LIST_TAIL.search(scan.text, start, last_start)
    if scan.text[last_start:end] != last or sep is None or (len(section.values) == 1 and not section.ranges):
        return None
    extra, last_end = _pinpoints_after_section(scan, end, True)
    rest = Level("section", section.values[:-1], section.ranges)
    return (sep.start(), [rest]), (last_start, last_end, [Level("section", (last,))] + extra)


_PARAGRAPH_WORDS = ("par", "para", "paras", "paragraph")
_SUB_WORDS = ("subparagraph", "subpara", "subpar", "sous-paragraphe", "sous-par", "s.-par")
_FRENCH_SUB_WORDS = ("sous-paragraphe", "sous-par", "s.-par")
"""Under a French « par. », a « sous-par. » is its item: « art. 55, par. 2, sous-par. a » is 55/p1/2/a."""



def _coarser(new: Level, old: Level) -> bool:
    if new.kind == "unit" and old.kind == "unit":
        return True
    if new.kind == "schedule" and old.kind in DIVISION_RANK and old.kind != "schedule":
        return True  # « la partie I de l'annexe I »: a schedule holds its own parts and divisions
    return RANK[new.kind] > RANK[old.kind]


def _act_after(scan: _Scan, pos: int) -> tuple[Act, int] | None:
    """The act named at pos (after "of"/"de"): this Act, a name with its chapter, a known name."""
    text, fr = scan.text, scan.lang == "fr"
    if (text[pos:pos + 1].isupper() or text[pos:pos + 1] in "lrtc") and (m := scan.at(_CHAPTER_AFTER, pos)):
        return Act("chapter", doc_id_from_chapter(m[1])), m.end()  # « l'annexe I du règlement S-2.1, r. 9 »
    if m := scan.at(_THIS_ACT, pos):
        return Act("this"), m.end()
    if m := scan.at(_THAT_ACT, pos):
        return Act("that", name=m.group(0)), m.end()
    if m := scan.at(_REGULATION, pos):
        return Act("regulation"), m.end()
    if m := scan.at(_REVISED_STATUTES, pos):
        return Act("chapter", doc_id_from_chapter(m[1])), m.end()
    if m := scan.at(_STATUTES_OF, pos):
        return Act("annual", annual_statute_id(m[2], m[1])), m.end()
    if m := scan.at(_DECREE_AFTER, pos):
        return Act("decree", decree_id(m[1])), m.end()
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


_CHAPTER_AFTER = lazy(rf"(?:(?:(?i:the){S1})?(?i:regulation|act)|(?:(?i:le|la){S1})?(?i:règlement|loi))?{S}"
                      rf"(?:{QC_COLLECTION}{S},?{S})?(?:(?i:chapter|chapitre|c\.|ch\.|c(?={SP})){S})?"
                      rf"({CHAPTER_RE}(?:{S},{S}r\.?{S}{NUM})?)(?![\w.-])")
"""An act or regulation by its chapter after "of"/« de », with or without its kind word: "Schedule I of S-2.1, r. 9",
« l'annexe I du règlement S-2.1, r. 9 », "section 5 of CQLR c S-2.1, r 9"."""
_ANOTHER_TITLE = _c(rf"{S}(?:,|{SP}(?:et|ou|and|or)){S1}(?:(?:de|à|of){S1})?(?:la{S1}|le{S1}|l{APOS}{S}|the{S1}|du{S1}|au{S1})?"
                    rf"(?-i:(?:[A-ZÉÈ][\w’'-]*{S1}){{0,6}}(?:{_NAME_HEADS})){END}")
"""A list of acts, not one title: « la Loi et la Loi sur … », "the Act and the Act respecting …"."""
_AMENDING = _c(r"modifiant|amend|abrogeant|repeal|remplaçant|replac")
"""A title that names other acts: « Loi modifiant la Loi sur X et la Loi sur Y »."""


def _name_with_chapter(scan: _Scan, pos: int) -> tuple[Act, int] | None:
    """A title followed by its chapter in parentheses, starting at pos."""
    text = scan.text
    if not _TITLE_START.match(text, pos):
        return None
    paren = text.find("(", pos, pos + 300)
    if paren < 0:
        return None
    between = text[pos:paren]
    if _BREAK.search(between) or not _HEAD_BACK.search(between) or _CLAUSE.search(between):
        return None
    if _ANOTHER_TITLE.search(between) and not _AMENDING.search(between):
        return None  # « de la Loi et de la Loi sur la santé … (chapitre S-2.1) »: two acts
    close = text.find(")", paren)
    act = chapter_ref(text[paren + 1:close]) if close > 0 else None
    if act is None:
        return None
    return replace(act, name=" ".join(between.split())), close + 1


def _federal_style(scan: _Scan, pos: int) -> tuple[Level, int, int, list[Level]] | None:
    """ "subsection 22(1)", "paragraph 5(2)(a)", « le paragraphe 15(1) », « l'alinéa 14(2)a) », « le
    sous-alinéa 14(2)a)(ii) », « l'article 14(2), a, ii » (LégisQuébec's print of 14(2)a)(ii)): the federal
    drafting style, a section number with its subsection (a paragraph here) and what lies below it."""
    if scan.lang == "fr":
        if not (m := scan.at(_FEDERAL_STYLE_FR, pos)) or not (m[3] or m[5] or (m[2] and not m[0].lower().startswith("art"))):
            return None  # « l'article 15(1) » is the short form's, read with its labels
        labels = _LABEL.findall(m[2] or "") + [m[3] or ""] + _LABEL.findall(m[4] or "") + [m[5] or "", m[6] or ""]
    elif m := scan.at(_FEDERAL_STYLE, pos):
        labels = _LABEL.findall(m[2])
        below = federal_levels(labels)
        below[0], end = _label_tail(scan, m.end(), below[0])
        return Level("section", (m[1],)), pos, end, below
    else:
        return None
    return Level("section", (m[1],)), pos, m.end(), federal_levels(labels)


_LABEL_MORE = _c(rf"{S}(,|,?{S1}and|,?{S1}or|{S1}to){S}\(((?:\d+(?:\.\d+)*|[a-z]{{1,2}}(?:\.\d+)?|[ivx]{{1,4}}))\)(?![\w(])")


def _label_tail(scan: _Scan, pos: int, last: Level) -> tuple[Level, int]:
    """More labels of the finest level after a pinpoint written with its labels: "paragraphs 14(2)(a) to (c)",
    "section 55(2)(a) and (b)" (a list or a range of that level, under the same section and subsection)."""
    singles, ranges = list(last.values), list(last.ranges)
    while (m := scan.at(_LABEL_MORE, pos)) and (singles or ranges):
        if m[1].strip().lower() == "to" and singles:
            ranges.append((singles.pop(), m[2].lower()))
        elif m[1].strip().lower() != "to":
            singles.append(m[2].lower())
        else:
            break
        pos = m.end()
    return replace(last, values=tuple(singles), ranges=tuple(ranges)), pos


def federal_levels(labels: list[str]) -> list[Level]:
    """The levels of a federal pinpoint's labels ("(2)(a)(ii)"), finest first: a number first is the
    subsection (a paragraph of the id: ``14/p2/a/ii``); a letter first lies in the first (``13/p1/b``)."""
    labels = [lab.lower() for lab in labels if lab]
    below = [Level("paragraph", (labels[0],))] + [Level("unit", (lab,)) for lab in labels[1:]] \
        if labels and labels[0][:1].isdigit() else [Level("unit", (lab,)) for lab in labels]
    return list(reversed(below))


_FEDERAL_LABEL = r"\((?:\d+(?:\.\d+)*|[a-z]{1,2}(?:\.\d+)?|[ivx]{1,4}|[A-Z])\)"
_FEDERAL_STYLE = _c(rf"(?:subsections?|paragraphs?|subparagraphs?|clauses?){S1}({NUM})((?:{_FEDERAL_LABEL})+){END}")
_FEDERAL_STYLE_FR = lazy(
    rf"(?i:articles?|art\.?|paragraphes?|sous-alinéas?|alinéas?|divisions?){S}(\d+(?:\.\d+)*)((?:\(\d+(?:\.\d+)*\))*)"
    rf"(?:([a-z]{{1,2}}(?:\.\d+)?)\)((?:\([ivx]{{1,4}}\))*(?:\([A-Za-z]\))?)"
    rf"|,{S}([a-z]){END}(?:,{S}([ivx]{{1,4}}){END})?(?={S1}(?:du|de|des){END}))?(?![\w-])")
"""« l'alinéa 14(2)a) », « le sous-alinéa 14(2)a)(ii) », « la division 14(2)a)(ii)(A) »; LégisQuébec prints
some as « l'article 14(2), a, ii du Règlement … » (a letter and a roman number after commas, before the act)."""


def _chain(scan: _Scan, pos: int) -> tuple[list[Level], Act | None, int, int] | None:
    """A pinpoint chain at pos: levels (finest first as written) then an optional act."""
    if federal := _federal_style(scan, pos):
        level, start, end, below = federal
        return _chain_from(scan, [*below, level], start, end)
    first = _level(scan, pos)
    if first is None:
        return None
    level, start, end = first
    levels = [level]
    while _single_division(level) and (c := scan.at(_DIVISION_COMMA, end)) and (nxt := _level(scan, c.end())) \
            and _single_division(nxt[0]) and _coarser(level, nxt[0]):
        level, end = nxt[0], nxt[2]  # "Title II, Chapter I", « annexe II, partie I »: from the top down, one division
        levels.insert(0, level)
    upward = len(levels) == 1
    while upward and _single_division(levels[-1]) and (c := scan.at(_DIVISION_COMMA, end)) \
            and (nxt := _level(scan, c.end())) and _single_division(nxt[0]) and _coarser(nxt[0], levels[-1]):
        levels.append(nxt[0])  # "Chapter II, Title II", « chapitre II, titre II »: from the bottom up, one division
        end = nxt[2]
    section_single = level.kind == "section" and len(level.values) == 1 and not level.ranges
    if section_single:
        extra, end = _pinpoints_after_section(scan, end, True)
        levels = list(reversed(extra)) + levels
    return _chain_from(scan, levels, start, end)


def _chain_from(scan: _Scan, levels: list[Level], start: int, end: int) -> tuple[list[Level], Act | None, int, int]:
    """The rest of a chain after its first levels (finest first): coarser levels and the act after "of"."""
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
        if (o := scan.at(_OTHER_DOCUMENT, c.end())) and (_PRACTICE.search(o.group(0)) or not scan.at(_LAW_NAMED, c.end())):
            act, end = other_document(o.group(0)), o.end()  # "chapitre 2 du Tome V du manuel …"
            break
        if o := scan.at(_CODE_WORD, c.end()):
            act, end = Act("kind", name=o.group(0)), o.end()  # « l'article 11.3 du code »: which code, the resolver says
            break
        got = _act_after(scan, c.end())
        if got:
            act, end = got
        break
    if act is None and (c := scan.at(connector, end)) and (o := scan.at(_OTHER_DOCUMENT, c.end())):
        act, end = other_document(o.group(0)), o.end()  # "clause 4.3 of CSA standard Z462"
    if act is None and (p := scan.at(_PAREN_AFTER, end)):
        inside = p[1]
        if scan.names is not None and scan.names.fullmatch(inside.strip()):
            act, end = Act("name", name=inside.strip()), p.end()
        elif (a := chapter_ref(inside)) is not None:
            act, end = a, p.end()
    if act is not None and act.kind not in ("other", "standard") and _single_section(levels[0]):
        below, end = _finer_pinpoints(scan, end, [])  # « l'article 112 de la Loi, deuxième alinéa »
        levels = list(reversed(below)) + levels
    return list(reversed(levels)), act, start, end


def _single_section(level: Level) -> bool:
    return level.kind == "section" and len(level.values) == 1 and not level.ranges and not level.relative


_DIVISION_COMMA = _c(rf"{S},{S}")


def _single_division(level: Level) -> bool:
    return level.kind in DIVISION_RANK and len(level.values) == 1 and not level.ranges and not level.relative


def _short_with_code(scan: _Scan, pos: int) -> tuple[list[Level], Act, int, int] | None:
    """ "A-13.1.1, s. 55, par. 2", "c. A-3.001, s. 11", "chapitre S-2.1, a. 223, 1er al., par. 36",
    "A-13.1.1, s 55" (LégisQuébec's form), "2016, c. 25, s. 30" (an annual statute)."""
    federal = scan.at(_FED_HEAD, pos)
    decree = None if federal or scan.text[pos:pos + 1] not in "DOdo" else scan.at(_DECREE_HEAD, pos)
    m = federal or decree or scan.at(_CODE_HEAD, pos)
    if not m:
        return None
    a = (scan.at(_ABBREV_SECTION, m.end()) or scan.at(_SECTION_WORD, m.end())
         or ((m[1] or federal) and scan.at(_OFFICIAL_SECTION, m.end()))
         or _undotted(scan, m.end()))  # McGill's "SQ 2005, c 15, s 27"
    if not a and m[1] and m.group(0).rstrip().endswith(",") and (divisions := _chain(scan, m.end())) \
            and divisions[1] is None and all(lv.kind in DIVISION_RANK and not lv.relative for lv in divisions[0]):
        return divisions[0], Act("chapter", doc_id_from_chapter(m[1])), pos, divisions[3]  # "S-2.1, r. 9, annexe II"
    if not a:
        return None
    got = _section_level(scan, m.start(), a.end())
    if got is None:
        return None
    level, _, end = got
    extra, end = _pinpoints_after_section(scan, end, len(level.values) == 1 and not level.ranges)
    if federal:
        act = chapter_ref(federal[1])
    elif decree:
        act = Act("decree", decree_id(decree[1]))
    else:
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


_WORD_BACK = lazy(r"([\w’'-]+)\s+$")


_TITLE_OF = _c(rf"(?:(?!{SP}(?:et|ou|and|or){SP})[^;:().,]){{0,40}}?{SP}(?:de|du|des|of|d{APOS}){S}(?:la{S1}|l{APOS}{S}|the{S1})?")
"""Between two heads of one title: « Règlement [d'application de la] Loi sur … »."""


def _title_start(text: str, paren: int) -> int | None:
    """Where the title before a parenthesis starts ("the Labour Code (…)" -> at "Labour"), or None."""
    window_start = max(0, paren - 300)
    heads = list(_HEAD_BACK.finditer(text, window_start, paren))
    if not heads or _BREAK.search(text, heads[-1].start(), paren) or _CLAUSE.search(text, heads[-1].start(), paren):
        return None  # « … de la Loi, est la Liste de divulgation des ingrédients (DORS/88-64) »: the sentence goes on
    head = heads[-1]
    start = head.start()
    if text[head.end():paren].strip():
        for earlier in reversed(heads[:-1]):  # « Règlement d'application de la Loi sur … »
            if not _TITLE_OF.fullmatch(text, earlier.end(), start):
                break
            start = earlier.start()
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


STARTERS = _c(rf"(?:1[6-9]\d\d|20\d\d|S\.Q\.|L\.Q\.|SQ|LQ|[RL]\.[SR]\.C\.|[SL]\.C\.|C\.R\.C\.|SOR|DORS|Revised|Statutes|Consolidated|Lois|sous-alinéas?|the|this|that|présente?|cet|cette|ce|même|subsection|clause|{_ORD}|{_words(_EN)}|{_words(_FR)}|alinéas?|chapter|chapitre|c\.|ch\.|c|CQLR|RLRQ|{CHAPTER_RE}){END}|(?:ss?|secs?|sects?|arts?|aa|a)\.|(?-i:D|O\.C)\.(?={S}\d)|(?:ss?|secs?|sects?|arts?)(?={SP}+\d)|(?<=\()a(?={SP}\d)|§")
"""Where a pinpoint or a chapter code may start."""
