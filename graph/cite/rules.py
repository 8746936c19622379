"""The citation forms, one small rule each, in the order they take precedence.

A rule reads a whole text and yields the spans it recognises as ``(start, end, levels, act)``.
Like eyecite's extractors, each rule has literal strings (lower case) of which at least one
must occur in the text for the rule to run at all, so that a text without them costs one
substring search per rule; they are in `graph.cite.literals`, which tells without importing the
grammar whether any rule may run on a text.  `graph.cite.find` runs the table, keeps the first rule's span where
two overlap, and then reads what joins them (acts shared along a list, divisions implied by an
earlier one, the relation of each citation to its text).

The grammar of a pinpoint chain (levels, ranges, lists, acts after "of") is in
`graph.cite.grammar`; the rules here only say where each form starts.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from alinea.ids import (
    CHAPTER_RE,
    DOC_RE,
    LEGISQUEBEC_URL,
    InvalidId,
    ProvisionId,
    annual_statute_id,
    doc_id_from_chapter,
    parse_legisquebec_url,
)
from graph.cite.grammar import (
    _REVISED_STATUTES,
    _STATUTES_OF,
    _THAT_ACT,
    APOS,
    ENABLING_ALONE,
    FEDERAL_CITATION,
    NUM,
    PUBLICATION,
    QC_COLLECTION,
    REGULATION_ALONE,
    S1,
    STANDARD,
    STANDARD_BODY,
    STARTERS,
    THIS_DOCUMENT,
    Act,
    Level,
    S,
    _chain,
    _Scan,
    _short_with_code,
    _trim,
    acts_in_parentheses,
    chapter_ref,
    last_item_pinpoints,
    lazy,
    sibling_pinpoints,
    standard_id,
)
from graph.cite.literals import RULE_LITERALS

Span = tuple[int, int, list[Level], "Act | None"]

STATUTE, GUIDANCE, CODE, QUERY, COURSE = "statute", "guidance", "code", "query", "course"
"""Where a text comes from: statute or regulation text, a guidance page, source code, a search
query or a `show` argument, a trainer's course notes."""
SOURCES = (STATUTE, GUIDANCE, CODE, QUERY, COURSE)
TYPED = frozenset({GUIDANCE, CODE, QUERY, COURSE})
"""Texts written by people rather than by the legislator: they may hold machine forms
(provision ids, addresses) and acts named next to a pinpoint ("art. 133 LAPF")."""


@dataclass(frozen=True)
class Rule:
    """One citation form."""

    name: str
    """Its name, which `graph.cite.literals.RULE_LITERALS` keys its literals by."""
    scan: Callable[[_Scan], Iterator[Span]]
    sources: frozenset[str] = frozenset(SOURCES)
    """Where the rule runs."""

    @property
    def literals(self) -> tuple[str, ...]:
        """Lower-case strings one of which the text must hold for the rule to run."""
        return RULE_LITERALS[self.name]

    def runs_on(self, lowered: str, source: str) -> bool:
        return source in self.sources and any(lit in lowered for lit in self.literals)


# -- machine forms ------------------------------------------------------------------------
_ID = lazy(rf"(?<![\w./:@-])(?:https?://[\w.-]+(?::\d+)?(?:/api/provisions)?/|/)?({DOC_RE}(?:/[\w.:-]+)*)")
_ID_TRAIL = lazy(r"[.:,;-]+$")


def legisquebec_addresses(scan: _Scan) -> Iterator[Span]:
    """ "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a" and
    every other shape `alinea.ids.parse_legisquebec_url` reads."""
    for m in LEGISQUEBEC_URL.finditer(scan.text):
        pid = parse_legisquebec_url(m.group(0))
        if pid is not None:
            yield m.start(), m.end(), [], Act("id", str(pid))


def _ids(scan: _Scan, with_path: bool) -> Iterator[Span]:
    for m in _ID.finditer(scan.text):
        ident = m[1]
        if trail := _ID_TRAIL.search(ident):
            ident = ident[:trail.start()]
        if ("/" in ident) != with_path:
            continue
        try:
            pid = ProvisionId.parse(ident)
        except InvalidId:
            continue
        yield m.start(), m.start(1) + len(ident), [], Act("id", str(pid))


def provision_ids(scan: _Scan) -> Iterator[Span]:
    """ "A-13.1.1/55/p1/2/a", "guidance:adel-66-72/3", our own permalinks."""
    return _ids(scan, True)


def document_ids(scan: _Scan) -> Iterator[Span]:
    """A document id alone ("A-13.1.1-r1"), when no other form reads it ("A-13.1.1, s. 55")."""
    return _ids(scan, False)


# -- words ------------------------------------------------------------------------------
_WORD_START = lazy(r"(?<![\w§])(?=[\w§])")


def pinpoints(scan: _Scan) -> Iterator[Span]:
    """Sections, pinpoint chains, divisions and the acts written after them: the grammar of
    `graph.cite.grammar`, tried at each word that may start a citation."""
    text, pos = scan.text, 0
    for m in _WORD_START.finditer(text):
        if m.start() < pos or not STARTERS.match(text, m.start()):
            continue
        short = _short_with_code(scan, m.start())
        got = short or _chain(scan, m.start())
        if got:
            levels, act, start, end = got
            if short and (split := last_item_pinpoints(scan, start, end, levels)):  # "a. 170 et 223, 1er al."
                (first_end, first_levels), (last_start, end, last_levels) = split
                yield start, first_end, first_levels, act
                start, levels = last_start, last_levels
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            pos = end
            yield start, end, levels, act
            while short and (sibling := sibling_pinpoints(scan, pos, levels)):  # ", 2e al. et 3e al."
                levels, start, pos = sibling
                yield start, pos, levels, act


def acts_with_chapter(scan: _Scan) -> Iterator[Span]:
    """ "the Labour Code (chapter C-27)", "(S.C. 1996, c. 23)"."""
    for start, end, act in acts_in_parentheses(scan.text):
        yield start, end, [], act


def federal_citations(scan: _Scan) -> Iterator[Span]:
    """ « L.R.C. 1985, c. H-3 », "S.C. 1996, c. 23", "SOR/88-66" written outside parentheses."""
    for m in FEDERAL_CITATION.finditer(scan.text):
        if (act := chapter_ref(m.group(0))) is not None:
            yield m.start(), m.end(), [], act


_MORE_DESIGNATIONS = lazy(rf"{S}(?:,|et|ou|and|or){S}((?:[A-Z]{{1,3}}[-.]?)\d[\w.:/-]*(?<![.:/-]))(?![\w-])")
"""A designation listed after a standard's, without its body: « CSA Z94.2-02 et Z94.3-07 », "CSA W47.1 and W59"."""


_DESIGNATION_OF_BODY = lazy(rf"(?<![\w/-])((?:[A-Z]{{1,3}}[ \u00a0]?)\d[\w.:/-]*(?<![.:/-])){S1}"
                           rf"(?:de{S1}(?:l{APOS}{S})?|d{APOS}{S}|of{S1}(?:the{S1})?)({STANDARD_BODY.pattern})(?![\w-])")
"""The designation, then its body: « la norme E 136-1965 de ASTM », "standard D 2240 of ASTM"."""


def standards(scan: _Scan) -> Iterator[Span]:
    """ « la norme CSA Z94.4-11 », "ANSI Z89.1-2003": a technical standard, never a provision of a law (a number
    cited in it, « l'article 4.2 de la norme CSA Z94.4-11 », is read by the pinpoint rule as the standard's)."""
    for m in STANDARD.finditer(scan.text):
        yield m.start(), m.end(), [], Act("standard", standard_id(m.group(0)), m.group(0))
        body, pos = STANDARD_BODY.match(m.group(0))[0], m.end()
        while more := _MORE_DESIGNATIONS.match(scan.text, pos):  # « les normes CSA Z94.2-02 et Z94.3-07 »
            designation = f"{body} {more[1]}"
            yield more.start(1), more.end(1), [], Act("standard", standard_id(designation), designation)
            pos = more.end()
    for m in _DESIGNATION_OF_BODY.finditer(scan.text):  # « la norme E 136-1965 de ASTM »: the body after
        designation = f"{m[2]} {m[1]}"
        yield m.start(), m.end(), [], Act("standard", standard_id(designation), m.group(0))




def publications(scan: _Scan) -> Iterator[Span]:
    """ « dans le Tome V du manuel intitulé «Signalisation routière» »: a named publication, typed a standard."""
    for m in PUBLICATION.finditer(scan.text):
        yield m.start(), m.end(), [], Act("standard", standard_id(m.group(0)), m.group(0))


_STANDARD_ID = lazy(r"(?<![\w/:-])standard:[a-z0-9](?:[\w.-]*[a-z0-9])?", re.IGNORECASE)


def standard_ids(scan: _Scan) -> Iterator[Span]:
    """ "standard:csa-z94.4-11": a standard's id, as Alinea prints it (`standard_id`)."""
    for m in _STANDARD_ID.finditer(scan.text):
        yield m.start(), m.end(), [], Act("standard", m.group(0).lower(), m.group(0))


def act_names(scan: _Scan) -> Iterator[Span]:
    """Titles and abbreviations known without their chapter (corpus/acts.json and the corpus)."""
    if scan.names is not None:
        for m in scan.names.finditer(scan.text):
            yield m.start(), m.end(), [], Act("name", name=m.group(0))


_ROMAN = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"
_ITEMS_NAMED_BARE = lazy(rf"(?<![\w-])(?:décrite?s?|prévue?s?|visée?s?|mentionnée?s?|énoncée?s?|described|set{S}out|referred{S}to)"
                         rf"{S}(?:en|à|aux|in){S}({_ROMAN}(?![\w-])(?:{S}(?:,|et|ou|and|or){S}{_ROMAN}(?![\w-]))*)")
_ROMAN_LABEL = lazy(r"[ivx]+")


def items_named_bare(scan: _Scan) -> Iterator[Span]:
    """ « la procédure décrite en ii et iii », "the procedure described in ii and iii": roman items of the list the
    text is in, named by their labels alone; the resolver reads them under the nearest unit that holds them."""
    for m in _ITEMS_NAMED_BARE.finditer(scan.text):
        labels = tuple(_ROMAN_LABEL.findall(m[1]))
        yield m.start(1), m.end(1), [Level("unit", labels, relative="listed")], None


_COLLECTION = lazy(rf"(?<![\w.]){QC_COLLECTION}{S},?{S}(?:(?i:chapter|chapitre|c\.|ch\.|c)){S}"
                         rf"({CHAPTER_RE}(?:{S},{S}r\.?{S}{NUM})?)(?![\w.-]|{S},{S}r\.?{S}\d)")


def acts_in_collection(scan: _Scan) -> Iterator[Span]:
    """ "CQLR c A-13.1.1", "RLRQ, c. S-2.1, r. 6", « R.R.Q., 1981, c. S-2.1, r. 3 »: an act cited by its chapter in a
    collection (`QC_COLLECTION`)."""
    for m in _COLLECTION.finditer(scan.text):
        yield m.start(), m.end(), [], Act("chapter", doc_id_from_chapter(m[1]))


def _standalone(pattern: re.Pattern, act: Callable[[re.Match], Act]) -> Callable[[_Scan], Iterator[Span]]:
    def scan_(scan: _Scan) -> Iterator[Span]:
        for m in pattern.finditer(scan.text):
            if not (m.start() and scan.text[m.start() - 1].isalnum()):
                yield m.start(), m.end(), [], act(m)
    return scan_


RULES: tuple[Rule, ...] = (
    Rule("LégisQuébec address", legisquebec_addresses, frozenset(TYPED)),
    Rule("provision id", provision_ids, frozenset(TYPED)),
    Rule("pinpoint", pinpoints),
    Rule("items named by their labels", items_named_bare, frozenset({STATUTE})),
    Rule("technical standard", standards, frozenset({STATUTE, GUIDANCE, COURSE, QUERY})),
    Rule("named publication", publications, frozenset({STATUTE, GUIDANCE, COURSE, QUERY})),
    Rule("standard id", standard_ids, frozenset({CODE, QUERY, COURSE})),
    Rule("act with its chapter", acts_with_chapter),
    Rule("federal act or regulation", federal_citations),
    Rule("act in the collection", acts_in_collection),
    Rule("act named", act_names),
    Rule("the regulation", _standalone(REGULATION_ALONE, lambda m: Act("regulation"))),
    Rule("the enabling act", _standalone(ENABLING_ALONE, lambda m: Act("enabling")), frozenset({STATUTE})),
    Rule("that act", _standalone(_THAT_ACT, lambda m: Act("that", name=m.group(0)))),
    Rule("this document", _standalone(THIS_DOCUMENT, lambda m: Act("this")), frozenset({STATUTE})),
    Rule("chapter of the statutes of", _standalone(_STATUTES_OF, lambda m: Act("annual", annual_statute_id(m[2], m[1])))),
    Rule("chapter of the Revised Statutes", _standalone(_REVISED_STATUTES, lambda m: Act("chapter", doc_id_from_chapter(m[1])))),
    Rule("document id", document_ids, frozenset({CODE, QUERY})),
)
"""The forms, first rule first: where two spans overlap the earlier rule's is kept."""
