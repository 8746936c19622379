"""Citations -> provision ids, against what the corpus holds and where the citation was read.

`resolve(found, context)` turns a `graph.cite.grammar.Found` into the ids it names:
sections and units that exist (ranges expanded against the sections of the target
document, "paragraph 2 of section 27" looked up among the units that exist),
divisions ("Division II of this chapter"), relative references ("the first
paragraph", "that section", "that Act") and other acts, in or out of the corpus.

The `Context` says where the citation was read (document, section, unit,
enclosing divisions) and what was cited before it in the same section (for
"that section", "that paragraph", "that Act"); `Context.after` moves it past a
resolved citation.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from alinea.ids import (
    ANNUAL_RE,
    annual_statute_id,
    doc_id_from_chapter,
    section_sort_key,
)
from alinea.model import IN_FORCE, Corpus, Division, Document
from graph.cite.acts import load_acts
from graph.cite.enabling import enabling_citations, enabling_notes
from graph.cite.find import find_citations
from graph.cite.format import document_kind
from graph.cite.grammar import DIVISION_RANK, Act, Found, Level, acts_in_parentheses, lazy
from graph.cite.rules import COURSE


def normalise_title(title: str) -> str:
    """Titles compare without case, leading article or quote style.

    >>> normalise_title("the  Labour Code") == normalise_title("LABOUR CODE")
    True
    """
    title = " ".join(title.replace("’", "'").split()).casefold()
    return re.sub(r"^(?:(?:the|la|le)\s+|l')", "", title)


_PART_HEADING = re.compile(r"(?:PARTIE|PART)\s+([IVXLC]+|\d+)$|([IVXLC]+)\s+[A-ZÀ-Ý][A-ZÀ-Ý’' -]+$")
"""A schedule part's heading on its own line: « PARTIE II », "PART 2", « II EXAMEN PHYSIQUE »."""
_INLINE_ITEM = re.compile(r"(?:^|[:;]\s+)([ivx]{1,4})\.\s")
"""A roman item printed inline after a colon or semicolon: « procédures suivantes: i.  l'association … ; ii.  … »."""


@dataclass
class Index:
    """What resolution needs to know about the corpus, built once."""

    documents: dict[str, Document]
    default_statute: str | None
    titles: dict[str, set[str]] = field(default_factory=dict)
    """Normalised act title -> document ids it has been seen with."""
    written: dict[str, str] = field(default_factory=dict)
    """Document id -> its title as first written in the corpus."""
    enabled: dict[str, list[tuple[str, Level | None]]] = field(default_factory=dict)
    """Act id -> (regulation of the corpus whose enabling note names it, the sections named)."""
    _own_kind: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, corpus: Corpus) -> Index:
        """Index a corpus and learn the titles of the acts its texts cite with their chapter."""
        docs = {d.id: d for d in corpus.documents}
        statute = next((d.id for d in corpus.documents if d.kind == "statute"), None)
        index = cls(docs, statute)
        for known in load_acts().acts.values():
            for title in (*known.title.values(), *known.abbreviations):
                index.learn(title, known.id)
        for doc in corpus.documents:
            if doc.kind != "guidance":
                index.learn(doc.title, doc.id)
            for text, _ in texts_of(doc):
                index.learn_from(text)
            for division, chapter in headings_naming_acts(doc):
                index.learn(division.heading, chapter)
            for note in enabling_notes(doc):
                for found in enabling_citations(note.raw, doc.lang):
                    top = found.levels[0] if found.levels and found.levels[0].kind == "section" else None
                    index.enabled.setdefault(found.act.doc, []).append((doc.id, top))
        return index

    def learn_from(self, text: str) -> None:
        """Learn the titles a text gives with their chapter: "the Labour Code (chapter C-27)"."""
        for _, _, act in acts_in_parentheses(text):
            if act.name and act.doc:
                self.learn(act.name, act.doc)

    def learn(self, title: str, doc: str) -> None:
        self.titles.setdefault(normalise_title(title), set()).add(doc)
        if not title.isupper():
            self.written.setdefault(doc, " ".join(title.split()))

    @property
    def title_list(self) -> list[str]:
        """Every learned title (normalised), for `find_citations(names=...)`."""
        return list(self.titles)

    def documents_titled(self, title: str) -> set[str]:
        return self.titles.get(normalise_title(title), set())

    @cached_property
    def ids(self) -> dict[str, int]:
        """Every document, division, section and unit id, with its position in document order."""
        order: dict[str, int] = {}
        for doc in self.documents.values():
            order[doc.id] = len(order)
            for div in doc.divisions:
                order[div.id] = len(order)
            for section in doc.sections:
                order[section.id] = len(order)
                for unit in section.walk():
                    order[unit.id] = len(order)
        return order

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Unit ids directly under a section or unit id."""
        out: dict[str, tuple[str, ...]] = {}
        for doc in self.documents.values():
            for section in doc.sections:
                out[section.id] = tuple(u.id for u in section.units)
                for unit in section.walk():
                    out[unit.id] = tuple(c.id for c in unit.children)
        return out

    @cached_property
    def section_numbers(self) -> dict[str, tuple[str, ...]]:
        """Document id -> the numbers of its sections; a schedule with sections of its own
        (``S-2.1-r4/schedule:B/1``) -> theirs."""
        out: dict[str, list[str]] = {d.id: [] for d in self.documents.values()}
        for d in self.documents.values():
            for s in d.sections:
                out.setdefault(s.id.rsplit("/", 1)[0], []).append(s.number)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def enacted(self) -> dict[str, str]:
        """A section of an annual statute (``2005, c. 15, s. 27``) -> the section of the corpus it enacted under the
        same number (``A-13.1.1/27``), as the section's history says first: tribunals cite the Act as « L.Q. 2005,
        c. 15, art. 27 ».  A section an amending act inserted (a history that begins with another number) is not
        that act's section."""
        out: dict[str, str] = {}
        for d in self.documents.values():
            for section in d.sections:
                first = section.history[0] if section.history else None
                if first is not None and first.act and first.kind == "act" and first.sections == (section.number,):
                    out.setdefault(f"{first.act}, s. {section.number}", section.id)
        return out

    @cached_property
    def section_ids(self) -> dict[str, tuple[str, ...]]:
        """Document id -> its section ids in order."""
        return {d.id: tuple(s.id for s in d.sections) for d in self.documents.values()}

    @cached_property
    def division_ids(self) -> dict[str, tuple[str, ...]]:
        return {d.id: tuple(div.id for div in d.divisions) for d in self.documents.values()}

    @cached_property
    def inline_items(self) -> frozenset[str]:
        """``S-2.1-r5/10/p1/2/a/ii``: roman items a unit prints inline in its text (« … suivantes: i.  …; ii.  … »),
        which the parser keeps as that unit's text."""
        return frozenset(f"{unit.id}/{m[1]}" for d in self.documents.values() for section in d.sections
                         for unit in section.walk() for m in _INLINE_ITEM.finditer(unit.text))

    def has(self, uid: str) -> bool:
        """A unit, division or section of the corpus, or a part or item its text shows without a unit of its own."""
        return uid in self.ids or uid in self.schedule_parts or uid in self.inline_items

    @cached_property
    def schedule_parts(self) -> frozenset[str]:
        """``S-2.1-r7/schedule:I/part:II``: the parts a schedule's text shows by their headings (« PARTIE II »,
        "PART 2", or a roman number before a heading in capitals, « II EXAMEN PHYSIQUE »).  The parser gives a
        schedule's content as text, not units, so a part is known by its heading and cited by that id."""
        return frozenset(f"{div.id}/part:{m[1] or m[2]}" for d in self.documents.values() for div in d.divisions
                         if div.kind == "schedule" for note in div.notes if (m := _PART_HEADING.match(note.text)))

    def made_under(self, statute: str, section: str | None = None) -> tuple[str, ...]:
        """The regulations of the corpus whose enabling note names a statute: those in force when
        there are any; of those, the ones made under `section` when its notes name it."""
        pairs = self.enabled.get(statute, [])
        current = {r for r, _ in pairs if self.documents[r].status == IN_FORCE} or {r for r, _ in pairs}
        if section is not None:
            number = section.split("/")[1] if section.startswith(statute + "/") else ""
            named = {r for r, level in pairs if r in current and level is not None and _names(level, number)}
            current = named or current
        return tuple(sorted(current))

    def is_code(self, doc: str) -> bool:
        """True when the document's title makes it a code (« Code de sécurité pour les travaux de construction »,
        "Safety Code for the construction industry", "Labour Code")."""
        title = self.documents[doc].title if doc in self.documents else self.written.get(doc, "")
        return document_kind(doc, title) == "code"

    def named_by_kind(self, doc: str) -> bool:
        """True when « le code » in the document's text is the document itself: it is a code, in the knowledge
        base, and does not define the word « code » as another document."""
        if doc not in self._own_kind:
            self._own_kind[doc] = doc in self.documents and self.is_code(doc) and not any(
                _DEFINES_CODE.search(text) for text, _ in texts_of(self.documents[doc]))
        return self._own_kind[doc]

    def regulation_of(self, statute: str) -> str | None:
        """The one regulation known to be made under a statute, or None."""
        known = {d for docs in self.titles.values() for d in docs} | set(self.documents)
        regulations = sorted(d for d in known if d.startswith(statute + "-r"))
        return regulations[0] if len(regulations) == 1 else None


_DEFINES_CODE = lazy(r"[«\"“]\s*code\s*[»\"”]", re.IGNORECASE)
"""« «code» : le Code national du bâtiment … »: the document calls another document « code »."""


def _names(level: Level, number: str) -> bool:
    """True when a section level names that section number, alone or in a range."""
    key = section_sort_key(number) if number else None
    return number in level.values or any(
        section_sort_key(lo) <= key <= section_sort_key(hi) for lo, hi in level.ranges if key is not None)


def texts_of(doc: Document) -> Iterator[tuple[str, str]]:
    """(text, lang) of every unit text, closing text and division heading of a document."""
    for division in doc.divisions:
        yield division.heading, doc.lang
    for section in doc.sections:
        for unit in section.walk():
            yield unit.text, doc.lang
            if unit.closing:
                yield unit.closing, doc.lang


def headings_naming_acts(doc: Document) -> Iterator[tuple[Division, str]]:
    """(group division, chapter) for headings over sections all integrated into one act
    ("ACT RESPECTING INDUSTRIAL ACCIDENTS …" over sections integrated into c. A-3.001)."""
    for division in doc.divisions:
        if division.kind != "group":
            continue
        chapters = {s.integrated_into[0] for s in doc.sections
                    if s.parent == division.id and s.integrated_into}
        if len(chapters) == 1:
            yield division, doc_id_from_chapter(chapters.pop())


@dataclass(frozen=True)
class Context:
    """Where a citation is read, and what the same section cited before it."""

    index: Index
    doc: str
    """The citing document."""
    section: str | None = None
    """The citing section (for text quoted from another act: the quoted section)."""
    unit: str | None = None
    """The citing unit."""
    divisions: tuple[str, ...] = ()
    """Divisions enclosing the citing text, outermost first."""
    base: str | None = None
    """Document a bare "section 5" names, when not the citing one (guidance: the statute;
    quoted text: the quoted act)."""
    last_section: str | None = None
    last_paragraph: str | None = None
    last_act: str | None = None
    last_divisions: tuple[tuple[str, str], ...] = ()
    last_regulation: str | None = None
    """The last regulation named (antecedent of « ce règlement »)."""
    sections_elsewhere: tuple[str, ...] = ()
    """Sections of other acts named before in the section: « l'article 62.3 de la Loi », then « l'article 62.3 »."""
    other_regulation: bool = False
    """The section spoke of "a regulation" before: "the regulation" then refers back to it."""
    last_standard: str | None = None
    """The last technical standard named (« l'article 4.2 de cette norme » is in it)."""
    numbers_of: str = ""
    """The citing text is an item of a list of another document's numbers, announced by the text
    above it (« … aux articles suivants de la norme CSA Z94.2: »): bare numbers are that document's."""

    @property
    def base_doc(self) -> str:
        return self.base or self.doc

    def after(self, resolution: Resolution) -> Context:
        """The context for the next citation of the same section."""
        return replace(
            self,
            last_section=resolution.section or self.last_section,
            last_paragraph=resolution.paragraph or self.last_paragraph,
            last_act=resolution.act or self.last_act,
            last_divisions=tuple({**dict(self.last_divisions), **dict(resolution.divisions)}.items()),
            last_regulation=resolution.act if _is_regulation(resolution.act) else self.last_regulation,
            sections_elsewhere=_remembered(self.sections_elsewhere, resolution),
            last_standard=next((t for t in resolution.targets if t.startswith("standard:")), self.last_standard))


_REMEMBERED = 32
"""How many sections of other acts a long text keeps in mind (so that reading it stays linear)."""


def _remembered(sections: tuple[str, ...], resolution: Resolution) -> tuple[str, ...]:
    section = resolution.section
    if not (resolution.act and section and section.startswith(resolution.act + "/")) or section in sections:
        return sections
    return (sections + (section,))[-_REMEMBERED:]


def _is_regulation(doc: str | None) -> bool:
    return bool(doc and (_REGULATION_ID.match(doc) or doc.startswith("canada:sor-")))


@dataclass(frozen=True)
class Resolution:
    """What a citation names."""

    targets: tuple[str, ...] = ()
    """Ids named: provisions that exist, or ids built as cited for documents outside the corpus."""
    missing: tuple[str, ...] = ()
    """Ids named in a document of the corpus that has no such provision."""
    candidates: tuple[str, ...] = ()
    """When the citation is ambiguous, the ids it may mean."""
    note: str = ""
    """Why something is missing or ambiguous."""
    section: str | None = None
    """Last section named (antecedent of "that section")."""
    paragraph: str | None = None
    """Last paragraph named (antecedent of "that paragraph")."""
    act: str | None = None
    """Other act named (antecedent of "that Act")."""
    divisions: tuple[tuple[str, str], ...] = ()
    """(kind, id) of divisions named (antecedents of "that chapter")."""


def resolve(found: Found, context: Context) -> Resolution:
    """The ids a citation names, read where `context` says."""
    if context.numbers_of and found.act is None and found.levels and not found.levels[0].relative:
        return Resolution(note=f"a provision of another document: {context.numbers_of}")
    if found.act is not None and found.act.kind == "id" and not found.levels:
        return _given_id(found.act.doc, context.index)
    if found.act is not None and found.act.kind in ("standard", "decree"):  # outside the corpus, cited whole
        return Resolution((found.act.doc,))
    doc, problem = _document(found, context)
    if doc is None:
        return problem
    other_act = doc if found.act is not None and found.act.kind not in ("this", "regulation") else None
    levels = _federal(found.levels) if doc.startswith("canada:") else list(found.levels)
    if not levels:
        return Resolution((doc,), act=other_act)
    top = levels[0]
    schedule = None
    if top.kind in DIVISION_RANK:
        if any(lv.kind == "section" for lv in levels):
            schedule = _schedule_holding(doc, levels, context.index)
            levels = [lv for lv in levels if lv.kind not in DIVISION_RANK]
        else:
            return replace(_divisions(doc, levels, context), act=other_act)
    top = levels[0]
    if top.kind == "unit" and top.relative:
        if top.relative == "this" and context.unit:
            return Resolution((_this_item(context.unit, context.index),))
        if top.relative == "listed":
            return _listed_items(top, context)
        if top.relative in ("preceding", "last") and (item := _item_of(context)):
            siblings = context.index.children.get(item.rsplit("/", 1)[0], ())
            at = siblings.index(item) if item in siblings else 0
            if top.relative == "last" and siblings:
                return Resolution((siblings[-1],))
            if at > 0:
                return Resolution((siblings[at - 1],))
        return Resolution(note=f"no subparagraph to read '{top.relative} subparagraph' against")
    if top.kind == "section" and not top.relative:
        sections, missing, note = _sections(context.index, schedule or doc, top, found.act.name if found.act else "")
        if missing and found.act is None:
            sections, missing, note = _named_elsewhere(sections, missing, note, context)
        rest = levels[1:]
    else:
        section = _section_for_relative(top, context, found.lang)
        if section is None:
            return Resolution(note=f"no section to read {_describe(top)} against")
        sections, missing, note = [section], [], ""
        rest = levels[1:] if top.kind == "section" else levels
    targets: list[str] = []
    for sid in sections:
        got, lost, why = _below(sid, rest, context)
        targets += got
        missing += lost
        note = note or why
    paragraph = next((t for t in reversed(targets + missing) if _paragraph_of(t, rest)), None)
    return Resolution(_ordered(targets, context.index), tuple(missing), note=note if missing else "",
                      section=sections[-1] if sections else None,
                      paragraph=_paragraph_of(paragraph, rest) if paragraph else None, act=other_act)


_LETTERED = re.compile(r"^(\d+(?:\.\d+)*)([a-z])$", re.IGNORECASE)


def _federal(levels: tuple[Level, ...]) -> list[Level]:
    """A federal pinpoint: « l'article 13b » is paragraph 13(b) (``13/b``: federal acts number no section
    with a letter); its levels below the section are read as labels (`_below`)."""
    out = list(levels)
    at = next((i for i, lv in enumerate(out) if lv.kind == "section"), None)
    if at is not None and len(out[at].values) == 1 and not out[at].ranges and (m := _LETTERED.match(out[at].values[0])):
        out[at:at + 1] = [Level("section", (m[1],)), Level("unit", (m[2].lower(),))]
    return out


def _schedule_holding(doc: str, levels: list[Level], index: Index) -> str | None:
    """ « l'article 3 de l'annexe B »: the schedule, when it has sections of its own (ids under it)."""
    schedule = next((lv for lv in levels if lv.kind == "schedule" and len(lv.values) == 1 and not lv.ranges), None)
    if schedule is None:
        return None
    sid = f"{doc}/schedule:{schedule.values[0]}"
    return sid if index.section_numbers.get(sid) else None


def _named_elsewhere(sections: list[str], missing: list[str], note: str,
                     context: Context) -> tuple[list[str], list[str], str]:
    """A bare section number the citing document lacks, named before in the section with another act
    (« … de l'article 62.3 de la Loi; … aux paragraphes 1 à 4 de l'article 62.3 »), is that act's."""
    elsewhere = {sid.rsplit("/", 1)[1]: sid for sid in context.sections_elsewhere}
    found = [elsewhere[m.rsplit("/", 1)[1]] for m in missing if m.rsplit("/", 1)[1] in elsewhere]
    if len(found) != len(missing):
        return sections, missing, note
    return sections + found, [], ""


_CONTINUED = lazy(r"/q\d+$")


def _this_item(unit: str, index: Index) -> str:
    """The item « le présent paragraphe », "this subparagraph" names: the citing one; text printed between two items
    (a continued unit, ``…/p1/q4``) goes on the item before it (« 1. Le maître d'œuvre doit … Le présent paragraphe
    ne s'applique pas … 1.1. … »)."""
    if not _CONTINUED.search(unit):
        return unit
    siblings = index.children.get(unit.rsplit("/", 1)[0], ())
    before = siblings[:siblings.index(unit)] if unit in siblings else ()
    return next((s for s in reversed(before) if not _CONTINUED.search(s)), unit)


def _listed_items(level: Level, context: Context) -> Resolution:
    """ « la procédure décrite en ii et iii »: the items of that label under the nearest unit around the citing text
    that holds them all; else nothing (kept as a citation that names nothing the resolver knows)."""
    for around in _enclosing_units(context.unit or ""):
        ids = tuple(f"{around}/{v}" for v in level.values)
        if all(context.index.has(i) for i in ids):
            return Resolution(ids)
    return Resolution(note=f"no list around the text holds items {', '.join(level.values)}")


def _item_of(context: Context) -> str | None:
    """The numbered item (under a paragraph) the citing text lies in: « le paragraphe précédent »
    is the one before it."""
    unit = context.unit or ""
    while (m := re.match(r"^(.*)/([^/]+)$", unit)) and not re.search(r"/p\d+$", m[1]):
        unit = m[1]
    return unit if m and re.search(r"/p\d+$", m[1]) else None


def _given_id(target: str, index: Index) -> Resolution:
    """A provision id or address: it names itself, if its document does not lack it."""
    doc = target.split("/", 1)[0]
    section = "/".join(target.split("/")[:2])
    if doc in index.documents and target not in index.ids:
        return Resolution(missing=(target,), note=f"{doc} has no {target[len(doc) + 1:]}")
    return Resolution((target,), section=section if section != doc else None,
                      act=doc if doc != index.default_statute else None)


def _describe(level: Level) -> str:
    what = {"paragraph": "paragraph", "unit": "subparagraph"}.get(level.kind, level.kind)
    return f"{level.relative or 'the'} {what}"


def _document(found: Found, context: Context) -> tuple[str | None, Resolution]:
    act = found.act
    index = context.index
    if act is None or act.kind == "this":
        return context.base_doc, Resolution()
    if act.kind == "other":
        return None, Resolution(note=f"a provision of another document: {act.name}")
    if act.kind == "kind" or (act.kind == "name" and normalise_title(act.name) in _KIND_WORDS):
        return _named_by_its_kind(act, context)
    if act.doc and act.kind == "chapter" and act.name:  # "s. 27 of the Social Aid Act, CQLR c A-13.1.1": which?
        titled = index.documents_titled(act.name)
        if titled and act.doc not in titled:
            return None, Resolution(candidates=tuple(sorted({act.doc, *titled})),
                                    note=f"{act.name!r} names {', '.join(sorted(titled))}, not {act.doc}")
    if act.doc:
        return act.doc, Resolution()
    if act.kind == "that":
        if _THIS_REGULATION.fullmatch(act.name):  # « ce règlement »: the last regulation named, else the citing one
            if context.last_regulation:
                return context.last_regulation, Resolution()
            if _REGULATION_ID.match(context.base_doc):
                return context.base_doc, Resolution()
        if context.last_act:
            return context.last_act, Resolution()
        if _THIS_CODE.fullmatch(act.name):  # « ce code » with no code named before: the citing one
            return context.base_doc, Resolution()
        return None, Resolution(note=f"{act.name or 'that Act'!r} with no act named before it in the section")
    if act.kind == "enabling":
        m = re.match(r"^(.+)-r\d+(?:\.\d+)*$", context.base_doc)
        if m:
            return m[1], Resolution()
        if context.base and context.base != context.doc:
            return context.base, Resolution()
        return None, Resolution(note="'the Act' read outside a regulation: which act is not said")
    if act.kind == "regulation":
        if context.other_regulation:
            return None, Resolution(note="refers back to 'a regulation' named earlier in the section, "
                                         "which no document identifies")
        made = index.made_under(context.base_doc, context.section)
        if len(made) == 1:
            return made[0], Resolution()
        if made:
            return None, Resolution(candidates=made, note=f"several regulations of the library are made under "
                                                          f"{context.base_doc}: {', '.join(made)}")
        regulation = index.regulation_of(context.base_doc)
        if regulation:
            return regulation, Resolution()
        return None, Resolution(note=f"no regulation known to be made under {context.base_doc}")
    docs = sorted(index.documents_titled(act.name))
    if len(docs) == 1:
        return docs[0], Resolution()
    if docs:
        return None, Resolution(candidates=tuple(docs), note=f"{act.name!r} names several acts: {', '.join(docs)}")
    return None, Resolution(note=f"act not identified: {act.name!r} (no chapter given and not named elsewhere with one)")


_KIND_WORDS = ("code",)
"""Kinds of document a text may name by the word alone: « l'article 11.3 du code », "section 5 of the Code"."""


def _named_by_its_kind(act: Act, context: Context) -> tuple[str | None, Resolution]:
    """ « l'article 11.3 du code »: the citing document when it is a code that gives no other document the name
    « code » (a regulation adopting the Code national du bâtiment defines « code » as that code), and no other code
    was named before in the section (« le Code de la sécurité routière … l'article 5 du code »); else another
    document's number, not a provision of a law."""
    doc, index = context.base_doc, context.index
    if index.named_by_kind(doc) and not (context.last_act and context.last_act != doc and index.is_code(context.last_act)):
        return doc, Resolution()
    return None, Resolution(note=f"a provision of another document: {act.name}")


_REGULATION_ID = lazy(r"^.+-r\d+(?:\.\d+)*$")
_THIS_REGULATION = lazy(r"ce\s+règlement", re.IGNORECASE)
_THIS_CODE = lazy(r"ce\s+code", re.IGNORECASE)


def _sections(index: Index, doc: str, level: Level, title: str = "") -> tuple[list[str], list[str], str]:
    """Section ids a section level names in a document (or a schedule with sections of its own);
    ranges take every section of the document between the endpoints ("131 to 135" includes 133.1).  The
    sections of an annual statute are those of the act it enacted (`Index.enacted`), unless the citation
    gives it another title."""
    endpoints = list(level.values) + [n for pair in level.ranges for n in pair]
    if m := ANNUAL_RE.match(doc):
        cited = [annual_statute_id(m[1], m[2], n) for n in endpoints]
        enacted = index.enacted[cited[0]].rsplit("/", 1)[0] if cited and all(c in index.enacted for c in cited) else None
        if enacted and (not title or enacted in index.documents_titled(title)):
            return _sections(index, enacted, level)  # « L.Q. 2005, c. 15, art. 27 »: the act it enacted
        return cited, [], ""
    if doc not in index.section_numbers:  # a document outside the corpus
        return [f"{doc}/{n}" for n in _between_outside(level)], [], ""
    numbers = index.section_numbers[doc]
    sections = [f"{doc}/{n}" for n in level.values if n in numbers]
    for lo, hi in level.ranges:
        if lo not in numbers and hi not in numbers:
            continue  # neither end is in the document: nothing between them is named with certainty
        klo, khi = section_sort_key(lo), section_sort_key(hi)
        sections += [f"{doc}/{n}" for n in numbers if klo <= section_sort_key(n) <= khi]
    missing = [f"{doc}/{n}" for n in endpoints if n not in numbers]
    note = f"{doc} has no section {', '.join(m.rsplit('/', 1)[1] for m in missing)}" if missing else ""
    return sections, missing, note


_NUMBER = lazy(r"^((?:\d+\.)*)(\d+)$")


def _between_outside(level: Level) -> list[str]:
    """Labels a level names in a document outside the corpus: its values, and for a range of numbers
    that differ only in their last part every number between (« paragraphes 1 à 4 »: 1, 2, 3, 4;
    « articles 62.7 à 62.18 »: 62.7, 62.8, …, 62.18); numbers inserted between cannot be known
    (62.7.1), and a range whose ends differ higher up (« 62.7 à 63 ») keeps its ends."""
    out = list(level.values)
    for lo, hi in level.ranges:
        low, high = _NUMBER.match(lo), _NUMBER.match(hi)
        if low and high and low[1] == high[1] and 0 < int(high[2]) - int(low[2]) <= 100:
            out += [f"{low[1]}{n}" for n in range(int(low[2]), int(high[2]) + 1)]
        elif lo in _ROMANS and hi in _ROMANS and _ROMANS.index(lo) < _ROMANS.index(hi):
            out += list(_ROMANS[_ROMANS.index(lo):_ROMANS.index(hi) + 1])  # "(i) to (iv)"
        elif len(lo) == len(hi) == 1 and "a" <= lo < hi <= "z":
            out += [chr(c) for c in range(ord(lo), ord(hi) + 1)]  # "paragraphs 14(2)(a) to (c)"
        else:
            out += [lo, hi]
    return out


_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
"""Roman labels of items, in order: a range whose both ends are among them is roman ("(i) to (v)"), else lettered."""


def _section_for_relative(level: Level, context: Context, lang: str = "en") -> str | None:
    """The section a citation without a section number is read against; « cet article » with no
    article named before it is the one being read."""
    if level.kind == "section" and level.relative == "that":
        return context.last_section or (context.section if lang == "fr" else None)
    if level.kind == "paragraph" and level.relative == "that" and context.last_paragraph:
        return context.last_paragraph.rsplit("/", 1)[0]
    if level.kind == "section" and level.relative in ("preceding", "next"):
        return _neighbour(context.section, context.index.section_ids.get(context.doc, ()), level.relative)
    return context.section


def _neighbour(uid: str | None, ordered: tuple[str, ...], relative: str) -> str | None:
    """The id before (``preceding``) or after (``next``) `uid` among its siblings `ordered`, if any."""
    if uid not in ordered:
        return None
    at = ordered.index(uid) + (1 if relative == "next" else -1)
    return ordered[at] if 0 <= at < len(ordered) else None


def _paragraph_of(target: str | None, rest: list[Level]) -> str | None:
    """The paragraph id a target lies in, when the citation named a paragraph."""
    if target is None or not any(lv.kind == "paragraph" for lv in rest):
        return None
    if ANNUAL_RE.match(target):
        return target
    m = re.match(r"^(.*?/p\d+)(?:/|$)", target)
    return m[1] if m else None


def _below(sid: str, levels: list[Level], context: Context) -> tuple[list[str], list[str], str]:
    """Ids under a section for the paragraph and unit levels of a citation."""
    index = context.index
    if not levels:
        return [sid], [], ""
    if ANNUAL_RE.match(sid):
        return [sid], [], ""
    if sid.startswith("canada:"):  # federal numbering: subsection 14(2), paragraph (a), subparagraph (ii)
        return _expand(index, [sid], [Level("unit", lv.values, lv.ranges) for lv in levels]), [], ""
    in_corpus = sid.split("/", 1)[0] in index.documents
    para = levels[0] if levels[0].kind == "paragraph" else None
    units = levels[1:] if para else levels
    if para is not None:
        paragraphs, note = _paragraphs(sid, para, context)
        if note:
            return [], [], note
        ids = _expand(index, paragraphs, units)
        return _split(ids, index, in_corpus)
    if not in_corpus:
        return _expand(index, [f"{sid}/p1"], units), [], ""
    if context.unit and context.unit.startswith(sid + "/p") and units and not units[0].relative:
        for around in _enclosing_units(context.unit):  # « au sous-paragraphe a » inside paragraph 1°: its own a)
            ids = _expand(index, [around], units)
            if ids and all(index.has(i) for i in ids):
                return ids, [], ""
    choices = list(index.children.get(sid, ()))
    if context.unit and context.unit.startswith(sid + "/p") and units and not units[0].relative:
        mine = re.match(r"^(.*?/p\d+)", context.unit)[0]
        choices.sort(key=lambda p: p != mine)
    for paragraph in choices:
        ids = _expand(index, [paragraph], units)
        if ids and all(i in index.ids for i in ids):
            return ids, [], ""
    first = units[0]
    if first.fallback and len(units) == 1 and len(first.values) == 1:
        alinea = f"{sid}/p{first.values[0]}"
        if alinea in index.ids:
            return [alinea], [], ""
    ids = _expand(index, [choices[0] if choices else f"{sid}/p1"], units)
    return _split(ids, index, True)


def _enclosing_units(unit: str) -> list[str]:
    """The citing unit and the units above it, up to (not including) its paragraph, nearest first."""
    out = []
    while not re.search(r"/p\d+$", unit) and "/" in unit:
        out.append(unit)
        unit = unit.rsplit("/", 1)[0]
    return out


def _paragraphs(sid: str, level: Level, context: Context) -> tuple[list[str], str]:
    """Paragraph ids an alinéa level names in a section."""
    index = context.index
    if level.relative == "that":
        if context.last_paragraph:
            return [context.last_paragraph], ""
        return [], "'that paragraph' with no paragraph named before it"
    here = re.match(r"^(.*?/p(\d+))", context.unit or "")
    if level.relative == "this":
        return ([here[1]], "") if here else ([], "'this paragraph' outside a paragraph")
    if level.relative == "preceding":
        if here and int(here[2]) > 1:
            return [f"{sid}/p{int(here[2]) - 1}"], ""
        return [], "'the preceding paragraph' in a first paragraph"
    if level.relative == "last":
        kids = index.children.get(sid)
        return ([kids[-1]], "") if kids else ([], f"{sid}: its paragraphs are not in the corpus")
    numbers = list(level.values) + [str(n) for lo, hi in level.ranges
                                     for n in range(int(lo), int(hi) + 1)]
    return [f"{sid}/p{n}" for n in numbers], ""


def _expand(index: Index, parents: list[str], levels: list[Level]) -> list[str]:
    """Ids for unit levels under parents; a range takes the units between its endpoints."""
    ids = list(parents)
    for level in levels:
        out: list[str] = []
        for parent in ids:
            out += [f"{parent}/{v}" for v in level.values]
            kids = list(index.children.get(parent, ()))
            labels = [k.rsplit("/", 1)[1] for k in kids]
            for lo, hi in level.ranges:
                if lo in labels and hi in labels and labels.index(lo) <= labels.index(hi):
                    out += kids[labels.index(lo):labels.index(hi) + 1]
                elif not kids:  # outside the corpus
                    out += [f"{parent}/{n}" for n in _between_outside(Level(level.kind, ranges=((lo, hi),)))]
                else:
                    out += [f"{parent}/{lo}", f"{parent}/{hi}"]
        ids = out
    return ids


def _split(ids: list[str], index: Index, in_corpus: bool) -> tuple[list[str], list[str], str]:
    if not in_corpus:
        return ids, [], ""
    found = [i for i in ids if index.has(i)]
    missing = [i for i in ids if not index.has(i)]
    return found, missing, (f"not in the text of the corpus: {', '.join(missing)}" if missing else "")


def _divisions(doc: str, levels: list[Level], context: Context) -> Resolution:
    """Division ids: "Chapter I, II, V or VI of Title II", "Division II of this chapter"."""
    index = context.index
    top = levels[0]
    base: str | None = None
    if top.relative in ("preceding", "next"):  # « le chapitre précédent »: the sibling of the enclosing one
        here = _enclosing(context, top.kind)
        siblings = tuple(d for d in index.division_ids.get(context.doc, ())
                         if here and d.rsplit("/", 1)[0] == here.rsplit("/", 1)[0] and d.rsplit("/", 1)[1].startswith(top.kind + ":"))
        base = _neighbour(here, siblings, top.relative)
        if base is None:
            return Resolution(note=f"no {top.kind} to read '{top.relative} {top.kind}' against")
        levels = levels[1:]
        if not levels:
            return Resolution((base,), divisions=((top.kind, base),))
    elif top.relative:
        base = (_enclosing(context, top.kind) if top.relative == "this"
                else dict(context.last_divisions).get(top.kind))
        if base is None:
            return Resolution(note=f"no {top.kind} to read '{top.relative} {top.kind}' against")
        levels = levels[1:]
        if not levels:
            return Resolution((base,), divisions=((top.kind, base),))
    paths = [""]
    for level in levels:
        values = list(level.values) + [v for pair in level.ranges for v in pair]
        paths = [f"{p}/{level.kind}:{v}" for p in paths for v in values]
    if doc not in index.documents:
        if base is None and doc == context.doc:
            rank = DIVISION_RANK[levels[0].kind]
            base = next((d for d in reversed(context.divisions)
                         if DIVISION_RANK.get(d.rsplit("/", 1)[1].split(":")[0], 0) > rank), None)
        return Resolution(tuple(f"{base or doc}{p}" for p in paths))
    targets, missing, candidates = [], [], []
    known = index.division_ids.get(doc, ())
    for path in paths:
        if base is not None:
            (targets if index.has(f"{base}{path}") else missing).append(f"{base}{path}")
            continue
        bases = [d for d in reversed(context.divisions) if d.startswith(doc + "/")] + [doc]
        hit = next((f"{b}{path}" for b in bases if index.has(f"{b}{path}")), None)
        if hit:
            targets.append(hit)
            continue
        ending = [d for d in known if d.endswith(path)]
        if len(ending) == 1:
            targets.append(ending[0])
        elif ending:
            candidates += ending
        else:
            missing.append(f"{doc}{path}")
    note = ""
    if candidates:
        note = f"{', '.join(p.lstrip('/') for p in paths)}: several divisions match"
    elif missing:
        note = f"no such division in {doc}: {', '.join(missing)}"
    named = tuple((levels[-1].kind, t) for t in targets[-1:])
    return Resolution(tuple(targets), tuple(missing), tuple(candidates), note, divisions=named)


def _enclosing(context: Context, kind: str) -> str | None:
    for division in reversed(context.divisions):
        if division.rsplit("/", 1)[1].startswith(kind + ":"):
            return division
    return None


def _ordered(targets: list[str], index: Index) -> tuple[str, ...]:
    """Targets without repeats, in document order when they are in the corpus."""
    unique = list(dict.fromkeys(targets))
    if all(t in index.ids for t in unique):
        unique.sort(key=index.ids.__getitem__)
    return tuple(unique)


def citations_in(text: str, index: Index, lang: str = "en", source: str = COURSE) -> list[tuple[Found, Resolution]]:
    """Every citation in free text (notes, questions, source code) with what it names; a bare
    "section 55" is read in the default statute, and each citation is context for the next."""
    context = Context(index, "", base=index.default_statute)
    out: list[tuple[Found, Resolution]] = []
    for found in find_citations(text, lang, index.title_list, source=source):
        resolution = resolve(found, context)
        out.append((found, resolution))
        context = context.after(resolution)
    return out
