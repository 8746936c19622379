"""Citations in guidance pages: the forms ADEL and ministry pages use, in French and English.

>>> [c.targets for c in find_guidance_citations(
...     "Article 157.1 (Règlement sur l'aide aux personnes et aux familles)", "fr")]
[('A-13.1.1-r1/157.1',)]
>>> c = find_guidance_citations("selon l'article 57 de la Loi, l'adulte", "fr")[0]
>>> c.text, c.targets
("l'article 57 de la Loi", ('A-13.1.1/57',))
>>> find_guidance_citations("sections 83.11 to 83.13 of the Act", "en",
...                         {"A-13.1.1": ["83.10", "83.11", "83.12", "83.13", "83.14"]})[0].targets
('A-13.1.1/83.11', 'A-13.1.1/83.12', 'A-13.1.1/83.13')

The Act is named "Loi sur l'aide aux personnes et aux familles", "Individual and
Family Assistance Act" or LAPF; its Regulation "Règlement sur l'aide aux
personnes et aux familles", "Individual and Family Assistance Regulation" or
RAPF.  A capitalised "la Loi" / "the Act" ("le Règlement" / "the Regulation")
after an article number means them, as it does on these pages; a lower-case
"la loi", or "la Loi sur …" naming another act, does not.  An article whose act
is not named takes the act of the citation before it in the same text ("l'article
55 de la Loi et l'article 61"); with none before it, it is ambiguous between the
Act and the Regulation and both candidates are given rather than one guessed.
Ranges ("articles 86 à 90") expand to every section the corpus has between the
two, inserted ones included; when the cited document is not in the corpus the
endpoints are kept and the citation says so.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from alinea.ids import (
    ProvisionId,
    chapter_from_doc_id,
    doc_id_from_chapter,
    fold_chars,
    legisquebec_url,
    section_sort_key,
)
from alinea.model import Citation, Document, Reference

ACT, REGULATION = "A-13.1.1", "A-13.1.1-r1"
AMBIGUOUS = "ambiguous: the article's act is not named"
"""`Citation.unresolved` of an article naming no act; its targets are then candidates."""
_AP = r"['’]"
_CHAPTER = r"(?:\s*\((?:chapitre|chapter|c\.)\s+a-13\.1\.1(?P<reg>,\s*r\.\s*1)?\s*\))?"
_NAMES = [
    (rf"loi sur l{_AP}aide aux personnes et aux familles", ACT),
    (r"individual and family assistance act", ACT),
    (rf"reglement sur l{_AP}aide aux personnes et aux familles", REGULATION),
    (r"individual and family assistance regulation", REGULATION),
    (r"lapf", ACT),
    (r"rapf", REGULATION),
]
_NAME = "|".join(f"(?P<n{i}>{rx})" for i, (rx, _) in enumerate(_NAMES))
_OTHER_ACT = (rf"(?!\s+(?:sur|concernant|relative|visant|favorisant|instituant|modifiant|assurant|respecting"
              rf"|to|on|for|concerning|of|de|du|des|d{_AP}|\())")
_BARE = rf"(?P<bare>(?:presente\s+|this\s+)?(?:loi|reglement|act|regulation)\b){_OTHER_ACT}"
_NUM = r"\d+(?:\.\d+)*"
_NUMS = rf"(?P<nums>{_NUM}(?:(?:\s*,\s*|\s+(?:a|to|through|et|and|ou|or)\s+|\s*[-–]\s*){_NUM})*)"
_ORD_FR = r"premier|1er|deuxieme|second|2e|troisieme|3e|quatrieme|4e|cinquieme|5e|sixieme|6e|septieme|7e"
_ORD_EN = r"first|second|third|fourth|fifth|sixth|seventh"
_PREFIX_FR = (rf"(?:(?:le|du|au|dans le)\s+)?(?:paragraphe\s+(?P<sp>\d+(?:\.\d+)?)°?\s+"
              rf"(?:du\s+(?P<al2>{_ORD_FR})\s+alinea\s+)?de\s+l{_AP}\s*"
              rf"|(?P<al>{_ORD_FR})\s+alinea\s+de\s+l{_AP}\s*)")
_PREFIX_EN = (rf"(?:the\s+)?(?:subparagraph\s+(?P<sp>\d+(?:\.\d+)?)\s+of\s+"
              rf"(?:the\s+(?P<al2>{_ORD_EN})\s+paragraph\s+of\s+)?"
              rf"|paragraph\s+(?P<item>\d+(?:\.\d+)?)\s+of\s+"
              rf"|(?P<al>{_ORD_EN})\s+paragraph\s+of\s+)")
_WORD = {"fr": rf"(?:l{_AP}\s*|les\s+)?(?:articles?|art\.)",
         "en": r"(?:sections?|ss?\.|secs?\.|articles?|art\.)"}
_SUFFIX = (rf"(?:(?:\s*(?P<open>\()\s*|\s+(?:de\s+la|de\s+l{_AP}|du|des|of\s+the|of)\s*)"
           rf"(?:(?:{_NAME}){_CHAPTER}|{_BARE})(?(open)\s*\))"
           rf"|\s+(?P<abbr>lapf|rapf)\b)?")
_ORDINALS = {"premier": 1, "1er": 1, "first": 1, "deuxieme": 2, "second": 2, "2e": 2, "troisieme": 3,
             "3e": 3, "third": 3, "quatrieme": 4, "4e": 4, "fourth": 4, "cinquieme": 5, "5e": 5,
             "fifth": 5, "sixieme": 6, "6e": 6, "sixth": 6, "septieme": 7, "7e": 7, "seventh": 7}
_RELATIONS = [
    (re.compile(r"(?:au sens (?:de|du|des)|within the meaning of)\s*$"), "within the meaning of"),
    (re.compile(r"(?:malgre|despite|notwithstanding)\s*$"), "despite"),
    (re.compile(r"(?:sous reserve (?:de|du|des)|subject to)\s*$"), "subject to"),
    (re.compile(r"(?:pour l['’]application (?:de|du|des)|for the purposes of)\s*$"), "for the purposes of"),
    (re.compile(r"(?:en vertu (?:de|du|des)|conformement a|under|pursuant to)\s*$"), "applies"),
]


_ARTICLES = {lang: re.compile(rf"\b(?:{prefix})?{_WORD[lang]}\s+{_NUMS}{_SUFFIX}")
             for lang, prefix in (("fr", _PREFIX_FR), ("en", _PREFIX_EN))}
_MENTION = re.compile(rf"\b(?:{_NAME}){_CHAPTER}(?:\s*\((?:lapf|rapf)\))?")
_CLAUSE = (r"qui|que|dont|ou|et|est|sont|stipule|stipulent|prevoit|prevoient|precise|dispose|s['’]applique"
           r"|ne|peut|doit|which|that|provides|states|applies|is|are|and|or|may|must")
_OTHER = re.compile(rf"\s+(?:de\s+la|de\s+l{_AP}|du|des|of\s+the|of)\s*"
                    rf"(?P<other>(?:loi|code|charte|reglement|act|regulation|charter)\b"
                    rf"(?:\s+(?!(?:{_CLAUSE})\b)[^\s,.;:()]+){{0,9}})")


def _named_doc(m: re.Match[str], original: str) -> tuple[str | None, str]:
    """The document an article citation names, and why it is None when it names none."""
    groups = m.groupdict()
    for i, (_, doc) in enumerate(_NAMES):
        if groups.get(f"n{i}"):
            return (REGULATION if groups.get("reg") else doc), ""
    if groups.get("abbr"):
        return (ACT if groups["abbr"] == "lapf" else REGULATION), ""
    if groups.get("bare"):
        word = original[m.start("bare"):m.end("bare")]
        if not word.split()[-1][:1].isupper():
            return None, f"{word!r} in lower case does not name the Act"
        return (REGULATION if fold_chars(word).split()[-1] in ("reglement", "regulation") else ACT), ""
    return None, AMBIGUOUS


def _items(nums: str) -> list[tuple[str, str | None]]:
    """``86 à 90, 92`` -> [("86", "90"), ("92", None)]."""
    tokens = re.findall(rf"{_NUM}|\b(?:a|to|through)\b|[-–]", nums)
    items: list[tuple[str, str | None]] = []
    i = 0
    while i < len(tokens):
        if i + 2 < len(tokens) and not tokens[i + 1][0].isdigit():
            items.append((tokens[i], tokens[i + 2]))
            i += 3
        else:
            items.append((tokens[i], None))
            i += 1
    return items


def _expand(doc: str, first: str, last: str, sections: Mapping[str, Sequence[str]]) -> tuple[list[str], str]:
    """Every section of `doc` from first to last, or the two endpoints and why."""
    lo, hi = section_sort_key(first), section_sort_key(last)
    if hi < lo:
        return [first, last], f"range {first} to {last} runs backwards"
    if doc not in sections:
        return [first, last], f"range {first} to {last} not expanded: {doc} is not in the corpus"
    return [n for n in sections[doc] if lo <= section_sort_key(n) <= hi], ""


def _path(m: re.Match[str]) -> str:
    groups = m.groupdict()
    al = groups.get("al") or groups.get("al2")
    if groups.get("item"):
        return f"/p1/{groups['item']}"
    if groups.get("sp"):
        return f"/p{_ORDINALS[al] if al else 1}/{groups['sp']}"
    return f"/p{_ORDINALS[al]}" if al else ""


def _relation(folded: str, start: int) -> str:
    before = folded[max(0, start - 40):start]
    return next((rel for rx, rel in _RELATIONS if rx.search(before)), "cites")


def find_guidance_citations(text: str, lang: str = "fr",
                            sections: Mapping[str, Sequence[str]] | None = None) -> list[Citation]:
    """Citations of the Act and its Regulation in guidance text, with exact offsets.

    `lang` (``fr``/``en``) picks the word for an article ("article" / "section": a French
    "section" is a division).  `sections` maps a document id to its section numbers in
    order, to expand ranges; documents missing from it keep their ranges' endpoints."""
    sections = sections or {}
    folded = fold_chars(text)
    found: list[Citation] = []
    for m in _ARTICLES["fr" if lang == "fr" else "en"].finditer(folded):
        previous = next((c.doc for c in reversed(found) if c.doc), None)
        found.append(_article(m, text, folded, sections, previous))
    taken = [(c.start, c.end) for c in found]
    for m in _MENTION.finditer(folded):
        start, end = m.span()
        if any(a < end and start < b for a, b in taken):
            continue
        doc, _ = _named_doc(m, text)
        assert doc is not None
        found.append(Citation(text[start:end], start, end, (doc,), chapter_from_doc_id(doc),
                              _relation(folded, start)))
    return sorted(found, key=lambda c: c.start)


def _article(m: re.Match[str], text: str, folded: str, sections: Mapping[str, Sequence[str]],
             previous: str | None) -> Citation:
    """The citation of one match; `previous` is the act (chapter) named by the citation before it."""
    start, end = m.span()
    written = text[start:end]
    relation = _relation(folded, start)
    doc, why = _named_doc(m, text)
    if doc is None and why == AMBIGUOUS and (other := _OTHER.match(folded, end)):
        name = text[other.start("other"):other.end("other")].rstrip()
        if name[:1].isupper():
            end = other.start("other") + len(name)
            return Citation(text[start:end], start, end, (), None, relation, f"cites another act: {name}")
    if doc is None and why == AMBIGUOUS and previous:
        doc, why = doc_id_from_chapter(previous), ""
    if doc is None and why != AMBIGUOUS:
        return Citation(written, start, end, (), None, relation, why)
    docs = [doc] if doc else [ACT, REGULATION]
    targets: list[str] = []
    notes: list[str] = [why] if why else []
    items = _items(m.group("nums"))
    path = _path(m) if len(items) == 1 and items[0][1] is None else ""
    for cited in docs:
        for first, last in items:
            if last is None:
                targets.append(f"{cited}/{first}{path}")
                continue
            numbers, note = _expand(cited, first, last, sections)
            targets += [f"{cited}/{n}" for n in numbers]
            notes += [note] if note else []
    return Citation(written, start, end, tuple(dict.fromkeys(targets)),
                    chapter_from_doc_id(doc) if doc else None, relation, "; ".join(notes))


def _node_ids(documents: Iterable[Document]) -> set[str]:
    ids: set[str] = set()
    for doc in documents:
        ids.add(doc.id)
        for section in doc.sections:
            ids.add(section.id)
            ids.update(u.id for u in section.walk())
    return ids


def guidance_references(doc: Document, documents: Iterable[Document] = ()) -> list[Reference]:
    """References from a guidance page's headings and units to the provisions they cite.

    `documents` is the corpus: targets in it must exist (a missing section is
    ``unresolved``; a missing paragraph falls back to its section, noted); targets in a
    document not in the corpus (the Regulation) are kept, noted with their LégisQuébec
    page, and resolve by themselves once that document is added."""
    documents = list(documents)
    sections = {d.id: [s.number for s in d.sections] for d in documents}
    in_corpus = set(sections)
    nodes = _node_ids(documents)
    refs: list[Reference] = []
    for section in doc.sections:
        places = [(section.id, section.heading, "heading")] if section.heading else []
        places += [(unit.id, unit.text, "text") for unit in section.walk()]
        for source, text, where in places:
            for cit in find_guidance_citations(text, doc.lang, sections):
                refs += _references(source, cit, where, in_corpus, nodes, doc.lang)
    return refs


def outside_corpus(references: Iterable[Reference], documents: Iterable[Document],
                   lang: str = "fr") -> dict[str, str]:
    """Cited ids whose document is not in the corpus -> their LégisQuébec page: the nodes to
    mark "not in the corpus" (they become ordinary nodes once the document is added)."""
    in_corpus = {d.id for d in documents}
    out: dict[str, str] = {}
    for ref in references:
        if ref.target and ProvisionId.parse(ref.target).doc not in in_corpus:
            out.setdefault(ref.target, legisquebec_url(ref.target, lang))
    return out


def _references(source: str, cit: Citation, where: str, in_corpus: set[str], nodes: set[str],
                lang: str) -> list[Reference]:
    def ref(target: str, kind: str, note: str) -> Reference:
        note = "; ".join(n for n in (cit.unresolved, note) if n)
        return Reference(source, target, kind, cit.text, cit.start, cit.end, where, note=note)

    if not cit.targets:
        return [ref("", "unresolved", "")]
    if cit.doc is None:
        return [Reference(source, "", "ambiguous", cit.text, cit.start, cit.end, where, cit.targets,
                          cit.unresolved)]
    out = []
    for target in cit.targets:
        pid = ProvisionId.parse(target)
        if pid.doc not in in_corpus:
            out.append(ref(target, cit.relation,
                           f"{pid.doc} is not in the corpus: {legisquebec_url(pid, lang)}"))
        elif target in nodes:
            out.append(ref(target, cit.relation, ""))
        elif pid.section_id in nodes and pid.section_id:
            out.append(ref(pid.section_id, cit.relation,
                           f"{target} does not exist; the citation is linked to its section"))
        else:
            out.append(ref("", "unresolved", f"{pid.doc} has no section {pid.section}"))
    return out
