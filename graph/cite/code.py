"""Citations of the law in source code: recognise them, resolve them, check them.

Developers cite the law in comments, docstrings, strings and configuration values:
"# A-13.1.1 s. 55(2)(a)", "// art. 83.24 LAPF", a LégisQuébec address in a YAML file.
`find_in_line` reads one line with the citation engine (`graph.cite.find_citations`, source
``code``: its rules read provision ids, LégisQuébec addresses and acts written next to a
pinpoint as well) and decides which of them are citations of the law.  `file_citations` reads a
whole file: one compiled regex of trigger words picks the lines worth reading, the
file's other citations decide what a bare "s. 48" or "section 57" means, and each
citation gets its status against the knowledge base (`check`).  The rules are set out
in docs/code-links.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Protocol

from alinea.ids import (
    LEGISQUEBEC_URL,
    InvalidId,
    ProvisionId,
    legisquebec_url,
)
from alinea.model import IN_FORCE, CodeCitation, Division, Document, Section, Unit
from graph.cite.find import find_citations
from graph.cite.grammar import Found, lazy
from graph.cite.resolve import Context, Index, Resolution, resolve
from graph.cite.rules import CODE


class Library(Protocol):
    """What reading code needs of the knowledge base (alinea.kb.KnowledgeBase is one)."""

    citation_index: Index

    def default_statute(self) -> Document | None: ...

    def get(self, node_id: str) -> Any: ...

    def __contains__(self, node_id: str) -> bool: ...

OK = "ok"
REPEALED = "repealed"
NOT_IN_FORCE = "not in force"
UNKNOWN = "unknown provision"
AMBIGUOUS = "ambiguous"
NOT_IN_LIBRARY = "not in the library"
"""A regulation made under a statute of the library that the library does not hold: not checked."""
OTHER_ACT = "other act"
CODE_STATUSES = (REPEALED, UNKNOWN, AMBIGUOUS, NOT_IN_FORCE, NOT_IN_LIBRARY, OK, OTHER_ACT)
"""Statuses of a citation in code, stale first."""
STALE = (REPEALED, UNKNOWN, AMBIGUOUS)
"""Statuses that make `alinea links --strict` fail."""

LONG_LINE = 2_000
"""Lines longer than this (minified code, data) are read only around their trigger words."""
WINDOW = 300
"""Characters read on each side of a trigger word in a long line."""

_ABBREVIATED = lazy(r"^(?:ss?|secs?|arts?|aa|a)\.", re.IGNORECASE)
_NAMES_ANOTHER = lazy(r"\s+(?:of|in|from|de|du|des|dans)\b", re.IGNORECASE)
_ROMAN = lazy(r"^[IVXLC]+$")
_CODE_PREFIX = lazy(r"(?:\b(?:CQLR|RLRQ)[ \t]*,?[ \t]*)?(?:\b(?:c|ch|chapter|chapitre)\.?[ \t]*)?$")
_FRENCH = lazy(r"\b(?:articles?|alinéas?|al|paragraphes?|titres?|chapitres?|annexes?|loi|règlement|rlrq|du|des|de la|l['’]article)\b",
                     re.IGNORECASE)
_PARTIAL = lazy(r"\b(?:sentences?|words?|phrases?|expressions?|portions?|mots?)\b", re.IGNORECASE)
_REGULATION_WORD = lazy(r"Regulation|Règlement")
_QUEBEC_DOC = lazy(r"^[A-Z]{1,3}-\d|^CCQ-")


@dataclass(frozen=True)
class Mention:
    """A citation recognised in a line and resolved, before its status is checked."""

    start: int
    """Offset of its first character in the line."""
    end: int
    """Offset just past its last character."""
    form: str
    """``id``, ``url``, ``explicit`` (a pinpoint with its act), ``short`` (an abbreviated or
    pinpointed form without an act: "s. 55(2)(a)"), ``word`` ("section 57" alone) or ``act``
    (an act named without a provision: context only, never reported)."""
    targets: tuple[str, ...] = ()
    """Ids named, in or out of the corpus."""
    missing: tuple[str, ...] = ()
    """Ids named in a document of the corpus that has no such provision."""
    candidates: tuple[str, ...] = ()
    """When the grammar finds the citation ambiguous, the ids it may mean."""
    note: str = ""
    """Why something is missing or ambiguous."""

    @property
    def bare(self) -> bool:
        """Read in the default statute because it names no act."""
        return self.form in ("short", "word")


class Recogniser:
    """What reading code needs about the knowledge base, compiled once."""

    def __init__(self, kb: Library) -> None:
        self.kb = kb
        self.index = kb.citation_index
        statute = kb.default_statute()
        self.statute = statute.id if statute else None
        self.names = self.index.title_list

    def corpus_law(self, doc: str) -> bool:
        """True for a document of the corpus and for a regulation made under one (``A-13.1.1-r1``)."""
        m = re.match(r"^(.+)-r\d+(?:\.\d+)*$", doc)
        return doc in self.index.documents or bool(m and m[1] in self.index.documents)

    @cached_property
    def triggers(self) -> re.Pattern:
        """One regex over a line's UTF-8 bytes, lower-cased, matching wherever a citation may
        start: a line without a match holds none.  Every branch starts with a literal, so that
        the regex engine skips the characters that start none (10x faster than words with
        ``re.IGNORECASE``)."""
        titles = [t for t, docs in self.index.titles.items() if all(self.corpus_law(d) for d in docs)]
        codes = {d.split("-r")[0].lower() for d in self.index.documents if _QUEBEC_DOC.match(d)}
        words = [
            r"legisquebec", r"/(?:en|fr)/(?:document|version|showdoc)/", r"guidance:", r"§",
            r"s(?<![\w.$@]s)(?:s|ecs?|ects?)?\.[ \t]*\d", r"a(?<![\w.$@]a)(?:rts?|a)?\.[ \t]*\d",
            r"s(?<![\w.$@]s)ects?[ \t]+\d", r"s(?<![\w.$@]s)ecs?[ \t]+\d", r"a(?<![\w.$@]a)rts?[ \t]+\d",  # "sec 27 para 2"
            r"annexes?[ \t]+[a-z\d]", r"schedules?[ \t]+[a-z\d]",
            r"sections?[ \t]+\d", r"articles?[ \t]+\d", r"titles?[ \t]+[ivxlc\d]", r"titres?[ \t]+[ivxlc\d]",
            r"chapters?[ \t]+[ivxlc\d]", r"chapitres?[ \t]+[ivxlc\d]", r"divisions?[ \t]+[ivxlc\d]",
            r"cqlr", r"rlrq", r"regulation", r"règlement",
            r"-\d+(?:\.\d+)*(?:,[ \t]*r\.[ \t]*\d+)?,?[ \t]*(?:s|art|a)[ \t]+\d",  # "A-2.1, s 57"
        ]
        words += [re.escape(code) for code in sorted(codes)]
        words += [re.escape(t).replace(r"\ ", r"\s+").replace("'", "(?:'|’)") for t in titles]
        return re.compile("|".join(words).encode("utf-8"))

    def resolve(self, found: Found) -> Resolution:
        return resolve(found, Context(self.index, "", base=self.statute))

    def documents_named(self, mentions: list[Mention]) -> set[str]:
        """Québec and federal acts a file's explicit citations name (ids, addresses, acts)."""
        docs = set()
        for mention in mentions:
            if mention.bare:
                continue
            for target in mention.targets + mention.missing:
                doc = doc_of(target)
                if doc and not doc.startswith("guidance:"):
                    docs.add(doc)
        return docs


def doc_of(target: str) -> str | None:
    """The document id of a target id, None for an annual statute ("2016, c. 25, s. 30")."""
    try:
        return ProvisionId.parse(target).doc
    except InvalidId:
        return None


# -- one line ------------------------------------------------------------------------
def find_in_line(line: str, rec: Recogniser) -> list[Mention]:
    """The citations in one line of code, resolved, in order (``line[m.start:m.end]`` is the
    citation as written); the rules of docs/code-links.md, except those that need the whole file.
    The line is read by the citation engine (`graph.cite.find_citations`, source ``code``) in the
    language that reads more of it."""
    best = _read(line, "en", rec)
    if _FRENCH.search(line):
        french = _read(line, "fr", rec)
        if _coverage(french) > _coverage(best):
            best = french
    mentions = (_mention(f, line, rec) for f in best)
    return [m for m in mentions if m is not None]


def _read(text: str, lang: str, rec: Recogniser) -> list[Found]:
    return [f for f in find_citations(text, lang, rec.names, source=CODE) if f.kind == "provision"]


def _names_document(found: Found) -> bool:
    """An act named alone that identifies a document: a chapter, a title, "the Regulation"."""
    act = found.act
    if act is None or act.kind in ("this", "that", "enabling"):
        return False
    return act.kind != "regulation" or bool(_REGULATION_WORD.search(found.text))


def _coverage(found: list[Found]) -> int:
    """Characters of a line the pinpoints found cover."""
    return sum(f.end - f.start for f in found if f.levels)


def _mention(found: Found, text: str, rec: Recogniser) -> Mention | None:
    """A citation found as a mention, or None when it is not a citation of law in code."""
    act = found.act
    if act is not None and act.kind == "id":
        if LEGISQUEBEC_URL.fullmatch(found.text):
            return Mention(found.start, found.end, "url", (act.doc,))
        if not rec.corpus_law(ProvisionId.parse(act.doc).doc):
            return None
        return Mention(found.start, found.end, "id", (act.doc,)) if not found.levels else \
            _resolved(found, "explicit", found.start, rec)
    if act is not None and act.kind == "this":
        act = None  # "section 55 of this Act" in code: the act the file names, as for a bare "section 55"
    if any(level.relative for level in found.levels) or (act is not None and act.kind in ("that", "other", "kind", "standard")):
        return None  # relative, or a number of another document ("s. 2 of the guide")
    if found.start and text[found.start - 1] in ".$@":
        return None  # obj.s.55, $s.55
    if not found.levels:
        if not _names_document(found):
            return None
        return _resolved(found, "act", found.start, rec)
    explicit = act is not None and act.kind != "enabling"
    if not explicit:
        roman = all(_ROMAN.match(v) for lv in found.levels for v in lv.values)
        if (found.levels[0].kind != "section" and not roman) or _NAMES_ANOTHER.match(text, found.end):
            return None  # "Chapter 2", "section 3 of the README"; "Chapter VI of Title II" is the law's
        pinpointed = len(found.levels) > 1 or _ABBREVIATED.match(found.text)
        return _resolved(found, "short" if pinpointed else "word", found.start, rec)
    start = found.start
    if act.kind == "chapter" and (prefix := _CODE_PREFIX.search(text, max(0, found.start - 40), found.start)):
        start = prefix.start()
    return _resolved(found, "explicit", start, rec)


def _resolved(found: Found, form: str, start: int, rec: Recogniser) -> Mention:
    resolution = rec.resolve(found)
    return Mention(start, found.end, form, resolution.targets, resolution.missing,
                   resolution.candidates, resolution.note)


# -- a whole file -------------------------------------------------------------------------
def file_citations(text: str, path: str, rec: Recogniser, include_other: bool = False) -> list[CodeCitation]:
    """Every citation of the law in a file's text, checked, in order of line and column."""
    lines = _lines_to_read(text, rec)
    found: list[tuple[int, Mention]] = []
    for number, line, segments in lines:
        for offset, segment in segments:
            for mention in find_in_line(segment, rec):
                found.append((number, replace(mention, start=mention.start + offset, end=mention.end + offset)))
    mentions = [m for _, m in found]
    named = rec.documents_named(mentions)
    in_context = any(rec.corpus_law(d) for d in named)
    others = sorted(d for d in named if d != rec.statute)
    texts = {number: line for number, line, _ in lines}
    out: list[CodeCitation] = []
    for number, mention in found:
        if mention.form == "act" or (mention.form == "word" and not in_context):
            continue
        written = texts[number][mention.start:mention.end]
        for target, status, note, candidates in _citations(mention, others, rec):
            if status == OTHER_ACT and not include_other:
                continue
            out.append(CodeCitation(path, number, mention.start + 1, written, target, status, note, candidates))
    return out


def _lines_to_read(text: str, rec: Recogniser) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(line number, line, segments to read as (offset, text)) for each line with a trigger;
    the triggers run over the text's bytes, lower-cased, and each byte is looked at a bounded
    number of times."""
    raw = text.encode("utf-8", "surrogatepass")
    hits: list[tuple[int, int, int, list[int]]] = []  # number, start, end, trigger offsets (bytes)
    end, number, counted = -1, 1, 0
    for m in rec.triggers.finditer(raw.lower()):
        pos = m.start()
        if pos < end:
            hits[-1][3].append(pos - hits[-1][1])
            continue
        start = raw.rfind(b"\n", max(end, 0), pos) + 1
        number += raw.count(b"\n", counted, start)
        counted = start
        end = raw.find(b"\n", pos)
        end = len(raw) if end < 0 else end
        hits.append((number, start, end, [pos - start]))
    out = []
    for number, start, end, positions in hits:
        data = raw[start:end]
        line = data.decode("utf-8", "surrogatepass").removesuffix("\r")
        if len(line) > LONG_LINE:
            segments = _segments(line, [len(data[:p].decode("utf-8", "ignore")) for p in positions])
        else:
            segments = [(0, line)]
        out.append((number, line, segments))
    return out


def _segments(line: str, positions: list[int]) -> list[tuple[int, str]]:
    """The windows of a long line around its triggers (merged)."""
    windows: list[list[int]] = []
    for pos in positions:
        lo, hi = max(0, pos - WINDOW), min(len(line), pos + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return [(lo, line[lo:hi]) for lo, hi in windows]


def _citations(mention: Mention, others: list[str], rec: Recogniser) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(target, status, note, candidates) for each provision a mention names."""
    if mention.candidates:
        return [("", AMBIGUOUS, mention.note, mention.candidates)]
    if not mention.targets and not mention.missing:
        return [("", OTHER_ACT, mention.note, ())]
    out = []
    for target in mention.targets + mention.missing:
        if mention.bare and others:
            candidates = (target,) + tuple(_same_provision(target, doc) for doc in others)
            out.append(("", AMBIGUOUS, "names no act, and this file also cites "
                        + ", ".join(others), candidates))
            continue
        out.append((target, *check(target, rec), ()))
    return out


def _same_provision(target: str, doc: str) -> str:
    pid = ProvisionId.parse(target)
    return str(ProvisionId(doc, pid.divisions, pid.section, pid.path))


# -- status ------------------------------------------------------------------------------
def check(target: str, rec: Recogniser) -> tuple[str, str]:
    """(status, note) of a provision id against the knowledge base."""
    kb = rec.kb
    doc = doc_of(target)
    if doc is None or not rec.corpus_law(doc):
        url = legisquebec_url(target) if doc and _QUEBEC_DOC.match(doc) else ""
        return OTHER_ACT, f"{doc or target} is not in the corpus" + (f"; LégisQuébec: {url}" if url else "")
    if doc not in rec.index.documents:
        return NOT_IN_LIBRARY, f"not checked: {doc} is not in the library; LégisQuébec: {legisquebec_url(target)}"
    if target not in kb:
        return _missing(target, rec)
    located = kb.get(target)
    node = located.node
    if isinstance(node, Document):
        return OK, ""
    if isinstance(node, Division):
        if node.status != IN_FORCE:
            return REPEALED, f"{node.status}: {node.label} {node.heading}".strip()
        return OK, ""
    section = located.section
    assert section is not None
    if section.status != IN_FORCE:
        return REPEALED, f"{section.status}: s. {section.number} {section.status_text}".strip()
    if isinstance(node, Unit) and node.status != IN_FORCE:
        return REPEALED, f"{node.status}: {target}"
    return _in_force(target, section, located.doc, rec)


def _missing(target: str, rec: Recogniser) -> tuple[str, str]:
    pid = ProvisionId.parse(target)
    if pid.section is None:
        return UNKNOWN, f"{pid.doc} has no {target[len(pid.doc) + 1:]}"
    section_id = pid.section_id
    if section_id not in rec.kb:
        return UNKNOWN, f"{pid.doc} has no section {pid.section}"
    section = rec.kb.get(section_id).node
    assert isinstance(section, Section)
    if section.status != IN_FORCE:
        return REPEALED, (f"{section.status}: s. {section.number} {section.status_text}".strip()
                          + "; its text is no longer published")
    nearest = pid
    while str(nearest) not in rec.kb and nearest.parent is not None:
        nearest = nearest.parent
    return UNKNOWN, f"{nearest} has no {'/'.join(pid.path[len(nearest.path):])}"


def _in_force(target: str, section: Section, doc: Document, rec: Recogniser) -> tuple[str, str]:
    """``not in force`` when a not-in-force note covers the whole cited provision (or an
    ancestor); ``ok`` with the note when the cited provision only contains or lies in the
    part it names ("the second sentence of the first paragraph")."""
    for covered, partial, text in _not_in_force(section, doc, rec):
        inside = target == covered or target.startswith(covered + "/")
        if inside and not partial:
            return NOT_IN_FORCE, text
        if inside or covered.startswith(target + "/"):
            return OK, text
    return OK, ""


def _not_in_force(section: Section, doc: Document, rec: Recogniser) -> list[tuple[str, bool, str]]:
    """(id covered, only part of it, the note's first sentence) for each not-in-force note."""
    out = []
    for note in section.notes:
        if note.kind != "not in force":
            continue
        sentence = note.text.split(". ")[0].rstrip(".") + "."
        covered, partial = section.id, False
        context = Context(rec.index, doc.id, section=section.id)
        for found in find_citations(note.text, doc.lang, rec.names):
            targets = [t for t in resolve(found, context).targets
                       if t == section.id or t.startswith(section.id + "/")]
            if targets:
                covered, partial = targets[0], bool(_PARTIAL.search(note.text, 0, found.start))
                break
        out.append((covered, partial, sentence))
    return out
