"""Every reference of a corpus: citations resolved, relations typed, terms and programs linked.

`extract_references(corpus)` walks each document's division headings, section
headings, unit texts and closing texts, in document order, and returns:

- one `Reference` per id a citation names, typed ``cites``, ``applies``, ``applies to``,
  ``despite``, ``subject to``, ``for the purposes of`` or ``within the meaning of``
  (``cited by guidance`` when the citing text is a guidance page);
- ``unresolved`` references (the id as cited when there is one, and a note) and
  ``ambiguous`` ones (with their candidates): never dropped;
- ``defines`` / ``uses term`` for defined terms, ``establishes`` for programs;
- ``amended by`` (history entries -> the amending act, ``2018, c. 11``) and
  ``integrated into`` (sections whose text went into another act);
- ``made under``: from a regulation's document node to each provision its enabling note
  names (« (chapitre S-2.1, a. 223, 1er al., par. 7) » -> ``S-2.1/223/p1/7``).

Offsets index the source's field: ``text``, ``closing`` or ``heading``, for
``integrated into`` the section's ``status_text``, for ``made under`` the line of the
document's front matter that holds the note (``front``); history references carry the
entry as printed and no offsets.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from alinea.ids import doc_id_from_chapter
from alinea.model import Corpus, Division, Document, Reference, Section, Unit
from graph.cite import Context, Found, Index, Resolution, find_citations, resolve, type_relations
from graph.cite.enabling import enabling_citations, enabling_notes
from graph.cite.grammar import OTHER_DOCUMENT_WORDS, STANDARD, publication_id, standard_id
from graph.cite.resolve import headings_naming_acts
from graph.terms import (
    Concept,
    concepts_pattern,
    defining_spans,
    find_concepts,
    find_mentions,
    program_of_chapters,
)

_PROGRAM_ANAPHOR = re.compile(r"\b(?:this|the)\s+program\b|\b(?:ce|le)\s+programme\b", re.IGNORECASE)
_QUOTED_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.\s")
_INDEFINITE_REGULATION = re.compile(r"\b(?:a|the\s+first|un|le\s+premier)\s+(?:regulation|règlement)\b", re.IGNORECASE)


@dataclass
class _Walk:
    """What the walk of one corpus needs at hand."""

    index: Index
    concepts: list[Concept]
    names: list[str]

    def __post_init__(self) -> None:
        self.pattern, self.by_form = concepts_pattern(self.concepts)
        self.chapter_programs = program_of_chapters(self.concepts)
        self.defining = defining_spans(self.concepts)
        self.sources = {node: (c, start, end, fieldname) for c in self.concepts
                        for node, fieldname, start, end in c.sources}


def extract_references(corpus: Corpus, index: Index | None = None,
                       program_names: Mapping[str, tuple[str, ...]] | None = None) -> list[Reference]:
    """Every reference in the corpus, in document order; `program_names` as for
    `graph.terms.find_concepts`."""
    index = index or Index.build(corpus)
    walk = _Walk(index, find_concepts(corpus, program_names), index.title_list)
    refs: list[Reference] = []
    for doc in corpus.documents:
        if doc.kind != "guidance":  # guidance pages are linked by graph.guidance_links
            refs += _document(walk, doc)
    return refs


def _document(walk: _Walk, doc: Document) -> list[Reference]:
    refs = _made_under(walk, doc)
    parents = {d.id: d.parent for d in doc.divisions}
    heading_acts = {division.id: act for division, act in headings_naming_acts(doc)}
    for division in doc.divisions:
        if division.id in heading_acts:
            refs.append(Reference(division.id, heading_acts[division.id], "cites", division.heading,
                                  0, len(division.heading), "heading"))
        else:
            context = Context(walk.index, doc.id, divisions=_chain(division.id, parents),
                              base=_base(walk, doc))
            refs += _text(walk, doc, division.id, "heading", division.heading, context, quoted=False)[0]
        refs += _history(division.id, division)
    for section in doc.sections:
        refs += _section(walk, doc, section, _chain(section.parent, parents))
    return refs


def _made_under(walk: _Walk, doc: Document) -> list[Reference]:
    """``made under``: a regulation's enabling note -> each provision (or act) it names."""
    refs: list[Reference] = []
    context = Context(walk.index, doc.id)
    for note in enabling_notes(doc):
        for found in enabling_citations(note.raw, doc.lang):
            refs += _from_resolution(doc.id, "front", found, "made under", resolve(found, context))
    return refs


def _chain(division: str | None, parents: dict[str, str | None]) -> tuple[str, ...]:
    chain: list[str] = []
    while division:
        chain.append(division)
        division = parents.get(division)
    return tuple(reversed(chain))


def _base(walk: _Walk, doc: Document) -> str | None:
    """Guidance pages cite the default statute when they name no act."""
    return walk.index.default_statute if doc.kind == "guidance" else None


def _section(walk: _Walk, doc: Document, section: Section, divisions: tuple[str, ...]) -> list[Reference]:
    refs: list[Reference] = []
    context = Context(walk.index, doc.id, section.id, None, divisions, _base(walk, doc))
    if section.heading:
        got, context, _ = _text(walk, doc, section.id, "heading", section.heading, context, quoted=False)
        refs += got
    acts: dict[str, str] = {}
    lists_of = _lists_of_other_documents(section)
    for unit in section.walk():
        quoted = unit.kind == "quotation"
        unit_context = _quotation_context(context, unit, acts) if quoted else replace(context, unit=unit.id)
        unit_context = replace(unit_context, numbers_of=_announced(unit.id, lists_of))
        for fieldname, text in (("text", unit.text), ("closing", unit.closing)):
            if not text:
                continue
            got, after, named = _text(walk, doc, unit.id, fieldname, text, unit_context, quoted)
            refs += got
            if not quoted:
                if named:
                    acts[unit.id] = named[-1]
                unit_context = after
        if not quoted:
            context = replace(unit_context, unit=None, numbers_of="")
    refs += _integrated(walk, section)
    refs += _history(section.id, section)
    return refs


_LIST_OF_OTHER = re.compile(
    rf"(?:\b(?:articles?|sections?|clauses?|annexes?|schedules?|parties|parts|chapitres?|chapters?|dispositions?|provisions?)"
    rf"\s+(?:suivante?s|following)\s+(?:de|du|des|of)\s+(?:la\s+|le\s+|l['’]|les\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{OTHER_DOCUMENT_WORDS})\b"
    rf"|\b(?:(?:la|le|l['’]|the)\s*(?:{OTHER_DOCUMENT_WORDS}|(?-i:code))\b[^.;:]{{0,60}}?\s(?:est|sont|is|are)\s+(?:modifiée?s?|amended)\b))"
    rf"(?:[^.;]|\.(?=\w))*:\s*$", re.IGNORECASE)
"""A text that announces, in the items below it, numbers of another document: « … prévues aux articles
suivants de la norme … CSA Z94.2-2014: », « Aux fins du présent règlement, le code est modifié: »."""


def _lists_of_other_documents(section: Section) -> dict[str, str]:
    """Units whose text announces a list of another document's numbers -> the words that say so."""
    out = {}
    for unit in section.walk():
        if unit.children and (m := _LIST_OF_OTHER.search(unit.text)):
            out[unit.id] = " ".join(m.group(0).split())
    return out


def _announced(unit: str, lists_of: dict[str, str]) -> str:
    """What the nearest unit above `unit` announces, if it announces another document's numbers."""
    while "/" in unit:
        unit = unit.rsplit("/", 1)[0]
        if unit in lists_of:
            return lists_of[unit]
    return ""


def _quotation_context(context: Context, unit: Unit, acts: dict[str, str]) -> Context:
    """Quoted text is read in the act it quotes: the act named last by the units around it."""
    parent = unit.id.rsplit("/", 1)[0]
    quoted_doc = None
    while "/" in parent and quoted_doc is None:
        quoted_doc = acts.get(parent)
        parent = parent.rsplit("/", 1)[0]
    m = _QUOTED_SECTION.match(unit.text)
    base = quoted_doc or context.base_doc
    section = f"{base}/{m[1]}" if m and quoted_doc else context.section
    return replace(context, unit=unit.id, base=base, section=section,
                   last_section=None, last_paragraph=None)


def _text(walk: _Walk, doc: Document, source: str, fieldname: str, text: str, context: Context,
          quoted: bool) -> tuple[list[Reference], Context, list[str]]:
    """References in one text field, the context after them, and the other acts they named."""
    found = find_citations(text, doc.lang, walk.names)
    if not quoted:
        found = _merge(found, _concept_mentions(walk, source, text, doc.lang, context))
    relations = type_relations(text, [(f.start, f.end) for f in found], doc.lang)
    refs: list[Reference] = []
    acts: list[str] = []
    guidance = doc.kind == "guidance"
    for f, relation in zip(found, relations):
        if _INDEFINITE_REGULATION.search(text, 0, f.start):
            context = replace(context, other_regulation=True)
        if f.kind in ("concept", "anaphor"):
            if f.kind == "anaphor" and relation != "applies to":
                continue
            concept = f.targets[0]
            kind = "uses term" if concept.startswith("term:") else ("cited by guidance" if guidance else relation)
            refs.append(Reference(source, concept, kind, f.text, f.start, f.end, fieldname))
            continue
        if f.act is not None and f.act.kind == "standard":
            resolution = resolve(f, context)
            context = context.after(resolution)
            refs += [Reference(source, t, "standard", f.text, f.start, f.end, fieldname) for t in resolution.targets]
            continue  # « la norme CSA Z94.4-11 »: a technical standard, typed `standard`
        other = f.text if f.act is not None and f.act.kind == "other" else (
            context.numbers_of if context.numbers_of and f.act is None and f.levels else "")
        if other and (standard := _standard_of(other, text[f.start:f.end + 120] if other == f.text else other, context)):
            refs.append(Reference(source, standard, "standard", f.text, f.start, f.end, fieldname))
            continue  # « l'article 4.2 de cette norme », « chapitre 2 du Tome V du manuel », an item of a list of a standard's
        if f.act is not None and f.act.kind == "other" or context.numbers_of and f.act is None and f.levels:
            continue  # a clause of a standard, an article of an agreement: not a reference of the law
        resolution = resolve(f, context)
        if f.act is not None and f.act.kind == "kind" and not resolution.targets:
            continue  # « l'article 5 du code » in a regulation adopting a code: the adopted code's, as « de la norme »
        context = context.after(resolution)
        if not f.levels and f.act is not None and f.act.kind == "enabling" and not resolution.targets:
            continue  # "the Act" alone outside a regulation: no act is named
        if resolution.act:
            acts.append(resolution.act)
        refs += _from_resolution(source, fieldname, f, "cited by guidance" if guidance else relation, resolution)
    refs += _definitions(walk, source, fieldname, text)
    refs.sort(key=lambda r: (r.start if r.start is not None else -1))
    return refs, context, acts


_STANDARD_WORD = re.compile(r"\b(?:normes?|standards?)\b", re.IGNORECASE)
"""Words naming a technical standard without its designation: « de cette norme », "of that standard"."""
_REFERENCE_WORK = re.compile(r"\b(?:manuels?|manuals?|guides?|tomes?|handbooks?|volumes?|codes?\s+(?:de|of)\s+(?:bonnes?\s+)?pratiques?|"
                             r"codes?\s+of\s+practice)\b", re.IGNORECASE)
"""Other documents of rules that are not laws, typed `standard` like a technical standard: a manual, a guide, a code
of practice (not an agreement, a contract or a body: « de l'entente », « de cet organisme »)."""


def _standard_of(words: str, title: str, context: Context) -> str | None:
    """The standard a number of another document lies in, from the words that cite it: the standard they
    designate, else for « cette norme » the standard named last, else a manual or guide by its words
    (« chapitre 2 du Tome V du manuel intitulé … » -> ``standard:tome-v-du-manuel-intitulé-…``); None for
    other documents (an agreement, a body).  `title` is where a manual's title is read: the words and what follows."""
    if m := STANDARD.search(words):
        return standard_id(m.group(0))
    if _STANDARD_WORD.search(words) and context.last_standard:
        return context.last_standard
    if _REFERENCE_WORK.search(words) and (named := publication_id(title)):
        return named  # « chapitre 2 du Tome V du manuel intitulé «Signalisation routière» »: that publication
    if _REFERENCE_WORK.search(words) and (m := _REFERENCE_WORK.search(title)):
        return standard_id(_TITLE_END.split(title[m.start():], maxsplit=1)[0][:80])
    return None


_TITLE_END = re.compile(r"[;:.,()«»\"]|\s(?:et|ou|and|or|qui|which)\s")


def _merge(found: list[Found], mentions: list[Found]) -> list[Found]:
    """Citations and concept mentions, in order; a mention inside a citation is dropped."""
    kept = [m for m in mentions if all(m.end <= f.start or m.start >= f.end for f in found)]
    return sorted(found + kept, key=lambda f: f.start)


def _concept_mentions(walk: _Walk, source: str, text: str, lang: str, context: Context) -> list[Found]:
    defining = walk.defining.get(source, [])
    out = []
    for m in find_mentions(text, walk.pattern, walk.by_form):
        if any(m.start < e and m.end > s for s, e in defining):
            continue
        out.append(Found(text[m.start:m.end], m.start, m.end, (m.concept,), kind="concept", lang=lang))
    program = next((walk.chapter_programs[d] for d in reversed(context.divisions)
                    if d in walk.chapter_programs), None)
    if program:
        for m in _PROGRAM_ANAPHOR.finditer(text):
            if all(m.end() <= o.start or m.start() >= o.end for o in out):
                out.append(Found(m.group(0), m.start(), m.end(), (program,), kind="anaphor", lang=lang))
    return sorted(out, key=lambda f: f.start)


def _from_resolution(source: str, fieldname: str, f: Found, relation: str,
                     resolution: Resolution) -> list[Reference]:
    def ref(target: str, kind: str, **kw: object) -> Reference:
        return Reference(source, target, kind, f.text, f.start, f.end, fieldname, **kw)  # type: ignore[arg-type]

    out = [ref(t, relation) for t in resolution.targets]
    out += [ref(t, "unresolved", note=resolution.note) for t in resolution.missing]
    if resolution.candidates:
        out.append(ref("", "ambiguous", candidates=resolution.candidates, note=resolution.note))
    if not out:
        out.append(ref("", "unresolved", note=resolution.note or "names nothing the resolver knows"))
    return out


def _definitions(walk: _Walk, source: str, fieldname: str, text: str) -> list[Reference]:
    """``defines`` / ``establishes`` references for the words that define a term or establish a program."""
    out = []
    for concept in walk.concepts:
        for node, where, start, end in concept.sources:
            if node == source and where == fieldname:
                kind = "defines" if concept.kind == "term" else "establishes"
                out.append(Reference(source, concept.id, kind, text[start:end], start, end, fieldname))
    return out


def _integrated(walk: _Walk, section: Section) -> list[Reference]:
    """``integrated into``: "(Amendment integrated into c. A-3.001, s. 11)." -> A-3.001/11."""
    if not section.integrated_into:
        return []
    chapter, provision = section.integrated_into
    cited = f"c. {chapter}, {provision}"
    start = section.status_text.find(cited)
    found = find_citations(cited)
    context = Context(walk.index, section.doc, section.id)
    targets: tuple[str, ...] = ()
    if found:
        targets = resolve(found[0], context).targets
    if not targets:
        doc = doc_id_from_chapter(chapter)
        found = find_citations(provision)
        targets = resolve(found[0], replace(context, base=doc)).targets if found else (doc,)
    span = (start, start + len(cited)) if start >= 0 else (None, None)
    return [Reference(section.id, t, "integrated into", cited, span[0], span[1], "status") for t in targets]


def _history(node: str, owner: Section | Division) -> list[Reference]:
    """``amended by``: each history entry that names an act or decree -> that act (``2018, c. 11``)."""
    return [Reference(node, entry.act, "amended by", entry.raw, None, None, "history")
            for entry in owner.history if entry.act]
