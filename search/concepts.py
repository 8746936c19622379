"""Programs and defined terms a provision is about, read from the corpus's references.

The graph layer already knows which provisions establish, name or are made to apply to a
program, and which define a term (graph.references, graph.guidance_links); the glossary names
them in English and French. `ConceptTags` turns that into the index's ``programs`` and
``terms`` fields, and `programs_named` reads a ``program:`` filter in either language.

>>> programs_named("revenu de base", {"basic-income": ("Basic Income Program", "Programme de revenu de base")})
('basic-income',)
"""
from __future__ import annotations

from collections import defaultdict

from alinea.ids import slug
from alinea.model import Corpus, Division, Document, Section

PROGRAM = "program:"
TERM = "term:"


def _words(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for name matching."""
    return " " + slug(text.replace("’", "'").replace("'", " ")).replace("-", " ") + " "


def programs_named(value: str, names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Programs a filter value names: an id, or words of a name in either language."""
    if value in names:
        return (value,)
    words = _words(value)
    return tuple(pid for pid, forms in names.items() if words.strip() and any(words in _words(f) for f in forms))


_DIVISIONS: tuple[Document | None, dict[str, Division]] = (None, {})
"""The divisions by id of the document last asked about (records are made document by document)."""


def _divisions(doc: Document) -> dict[str, Division]:
    global _DIVISIONS
    known = _DIVISIONS  # one read: another thread may replace it meanwhile
    if known[0] is not doc:
        known = _DIVISIONS = (doc, {d.id: d for d in doc.divisions})
    return known[1]


def ancestors(node: Section | Division, doc: Document) -> list[Division]:
    """Divisions enclosing a section or division, outermost first."""
    by_id = _divisions(doc)
    chain: list[Division] = []
    parent = node.parent
    while parent in by_id:
        chain.append(by_id[parent])
        parent = by_id[parent].parent
    return chain[::-1]


class ConceptTags:
    """Program and term tags of the corpus's provisions, built once per index build."""

    def __init__(self, corpus: Corpus, glossary=None) -> None:
        self.names: dict[str, tuple[str, ...]] = {}
        labels: dict[str, str] = {}
        for concept in glossary or ():
            if concept.id.startswith(PROGRAM):
                self.names[concept.id[len(PROGRAM):]] = (concept.en, concept.fr, *concept.aliases)
            labels[concept.id] = concept.en
        self._programs: dict[str, set[str]] = defaultdict(set)
        self._terms: dict[str, list[str]] = defaultdict(list)
        for ref in corpus.references:
            if ref.target.startswith(PROGRAM) and ref.type not in ("unresolved", "ambiguous"):
                program = ref.target[len(PROGRAM):]
                self._programs[ref.source].add(program)
                if ref.text:
                    self.names.setdefault(program, (ref.text,))
            elif ref.type == "defines" and ref.target.startswith(TERM):
                label = labels.get(ref.target, ref.target[len(TERM):].replace("-", " "))
                self._terms[_section_id(ref.source)].append(label)

    def programs_of(self, node: Section | Division, doc: Document) -> tuple[str, ...]:
        """Programs the node is about: those its enclosing headings establish or name, and those
        it (or one of its units) names or is made to apply to."""
        ids = [d.id for d in ancestors(node, doc)] + [node.id]
        if isinstance(node, Section):
            ids += [u.id for u in node.walk()]
        return tuple(sorted({p for node_id in ids for p in self._programs.get(node_id, ())}))

    def defined_terms(self, section: Section) -> tuple[str, ...]:
        """Terms the section (or one of its units) defines, plus definition units' own terms."""
        terms = self._terms.get(section.id, []) + [u.term for u in section.walk() if u.term]
        return tuple(dict.fromkeys(terms))


def _section_id(node_id: str) -> str:
    """``A-13.1.1/22/p1`` -> ``A-13.1.1/22`` (ids of sections are doc/number)."""
    parts = node_id.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else node_id
