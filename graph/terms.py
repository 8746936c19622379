"""Programs and defined terms, read from the statute's own text.

Programs: a chapter whose heading names a program ("CHAPTER I SOCIAL ASSISTANCE
PROGRAM") establishes it; so does text that says "establish a Social Assistance and
Support Program", and, inside a program's chapter, "establish specific financial
assistance programs".  Terms: "The word “spouses” means", and in a DEFINITIONS
division "An adult is a person …", "A family is composed of", "… are considered to
be dependants of …"; anywhere "There is misrepresentation if".

Ids are ``program:<slug>`` and ``term:<slug>`` (``program:basic-income``,
``term:spouses``).

>>> concept_slug("SOCIAL ASSISTANCE PROGRAM"), concept_slug("SPECIFIC PROGRAMS")
('social-assistance', 'specific-programs')
>>> inflections("dependent child")
('dependent child', 'dependent children')
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from alinea.ids import slug
from alinea.model import Corpus, Document, Unit

USAGE_FORMS = {"dependants": "dependent child"}
"""Defined words the statute uses in another form: s. 23 defines "dependants", the rest of
the Act (ss. 24, 25 …) says "dependent child"; the term is named by the form used."""


@dataclass(frozen=True)
class Concept:
    """A program or a defined term."""

    id: str
    """``program:basic-income``, ``term:spouses``."""
    kind: str
    """``program`` or ``term``."""
    label: str
    """As the text writes it: ``Basic Income Program``, ``spouses``."""
    forms: tuple[str, ...]
    """Words that name it in text (English and French)."""
    sources: tuple[tuple[str, str, int, int], ...] = ()
    """Where it is established or defined: (node id, field, start, end) of the words."""


@dataclass(frozen=True)
class Mention:
    """Words of a text that name a concept."""

    concept: str
    start: int
    end: int


def concept_slug(name: str) -> str:
    """Slug of a program or term name, without a trailing singular "program"."""
    return slug(re.sub(r"\s+program$", "", name.strip(), flags=re.IGNORECASE))


def inflections(form: str) -> tuple[str, ...]:
    """A word or phrase with its plural or singular (on the last word)."""
    *head, last = form.split()
    lowered = last.lower()
    if lowered == "child":
        other = last + "ren"
    elif lowered == "children":
        other = last[:-3]
    elif lowered.endswith("ies"):
        other = last[:-3] + "y"
    elif lowered.endswith("y"):
        other = last[:-1] + "ies"
    elif lowered.endswith("s"):
        other = last[:-1]
    else:
        other = last + "s"
    return form, " ".join(head + [other])


_PROGRAM_HEADING = re.compile(r"^(?:(.+?)\s+PROGRAMS?|PROGRAMMES?\s+(.+))$")
_ESTABLISH_NAMED = re.compile(r"\bestablish\s+(?:a|an|the)\s+((?:[A-Z][\w-]*\s+(?:(?:and|for|of)\s+)?)+Program)\b")
_ESTABLISH_GENERIC = re.compile(r"\bestablish\s+((?:[a-z-]+\s+){0,4}programs?)\b")
_DEFINES_ANYWHERE = [
    re.compile(r"\bThe\s+(?:word|expression|term)\s+[“\"]([^”\"]+)[”\"]\s+means\b"),
    re.compile(r"^There\s+is\s+([a-z]+)\s+if\b"),
    re.compile(r"\b(?:Le|le)\s+(?:mot|terme)\s+«\s*([^»]+?)\s*»\s+(?:désigne|signifie)\b"),
    re.compile(r"\bon\s+entend\s+par\s+«\s*([^»]+?)\s*»"),
]
_DEFINES_IN_DEFINITIONS = [
    re.compile(r"^An?\s+([a-z]+(?:\s+[a-z]+)?)\s+is\s+(?:an?\s|composed\s+of\b)"),
    re.compile(r"\bare\s+considered\s+to\s+be\s+([a-z]+)\s+of\b"),
]


_Q = "[\"“”«»'‘’]"
_DEFINITION_FRAMES = (
    rf"{_Q}\s*{{t}}\s*{_Q}\s*(?:means|includes|désigne|signifie|:)",           # "“spouses” means", « conjoints » :
    r"\b(?:the|le|la|les|l')\s*(?:word|expression|term|mot|terme|expression)s?\s+\W?{t}\W?\s+(?:means|désigne|signifie)",
    r"\bon\s+entend\s+par\s+\W?\s*{t}\b",
    r"\b{t}\s+means\b",
    r"\b(?:is|are)\s+(?:an?\s+|the\s+)?{t}\s+within\s+the\s+meaning\s+of\s+this\b",
    r"\b(?:is|are)\s+(?:considered|deemed)\s+(?:to\s+be\s+)?(?:an?\s+)?{t}\b",
    r"^(?:an?|the)\s+{t}\s+(?:is|are)\s+(?:an?\s|composed\s+of\b|persons?\b)",
    r"\bthere\s+is\s+{t}\s+if\b",
    r"\b{t}\b[^.;]{{0,200}}\bau\s+sens\s+du\s+présent\s+(?:article|chapitre|titre|section)\b",
)
"""Ways a text defines a term {t}: "In this Act, “spouses” means", « on entend par », "is a … within
the meaning of this section", "An adult is a person", "There is misrepresentation if".  A text that
only uses the term matches none of them."""


def defines(text: str, names: tuple[str, ...]) -> bool:
    """Whether text defines a term known by any of names (not merely uses it).

    >>> defines("In this Act, “spouses” means two persons who", ("spouses",))
    True
    >>> defines("the adjustment for dependent children provided for in section 55", ("adjustment for dependent children",))
    False
    """
    for name in names:
        forms = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in inflections(name))
        for frame in _DEFINITION_FRAMES:
            if re.search(frame.format(t=f"(?:{forms})"), text, re.IGNORECASE | re.MULTILINE):
                return True
    return False


def find_concepts(corpus: Corpus, program_names: Mapping[str, tuple[str, ...]] | None = None) -> list[Concept]:
    """Programs and defined terms of the statutes and regulations of a corpus.  `program_names`
    gives each program's other names (its French names, from corpus/glossary.json: see
    `graph.concepts.program_names`), so that a French heading or text names the same program."""
    names = program_names or {}
    programs: dict[str, Concept] = {}
    terms: dict[str, Concept] = {}
    for doc in corpus.documents:
        if doc.kind == "guidance":
            continue
        for concept in _programs(doc, names):
            old = programs.get(concept.id)
            programs[concept.id] = concept if old is None else Concept(
                old.id, old.kind, old.label, old.forms, old.sources + concept.sources)
        for concept in _terms(doc):
            terms.setdefault(concept.id, concept)
    return list(programs.values()) + list(terms.values())


def _programs(doc: Document, names: Mapping[str, tuple[str, ...]]) -> Iterator[Concept]:
    chapters: dict[str, str] = {}
    for division in doc.divisions:
        m = _PROGRAM_HEADING.match(division.heading)
        if not m or division.kind in ("title", "group", "schedule"):
            continue
        name = division.heading.strip()
        pid = "program:" + _program_slug(name, names)
        chapters[division.id] = pid
        label = _as_written(doc, name) or name.title()
        yield Concept(pid, "program", label, _program_forms(pid, label, names),
                      ((division.id, "heading", 0, len(division.heading)),))
    for section in doc.sections:
        enclosing = _enclosing_program(section.parent, chapters, doc)
        for unit in section.walk():
            for m in _ESTABLISH_NAMED.finditer(unit.text):
                pid = "program:" + concept_slug(m[1])
                yield Concept(pid, "program", m[1], _program_forms(pid, m[1], names),
                              ((unit.id, "text", m.start(1), m.end(1)),))
            if enclosing is None:
                continue
            for m in _ESTABLISH_GENERIC.finditer(unit.text):
                yield Concept(enclosing, "program", "", (), ((unit.id, "text", m.start(1), m.end(1)),))


def _program_slug(heading: str, names: Mapping[str, tuple[str, ...]]) -> str:
    """The program a heading names: by one of its known names ("PROGRAMME DE SOLIDARITÉ SOCIALE"),
    else by the slug of its words."""
    for pid, known in names.items():
        if any(heading.casefold() == n.casefold() for n in known):
            return pid.split(":", 1)[1]
    return concept_slug(heading)


def _program_forms(pid: str, label: str, names: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(inflections(label) + tuple(names.get(pid, ()))))


def _as_written(doc: Document, heading: str) -> str | None:
    """The heading's words as the sections write them ("Aim for Employment Program")."""
    pattern = re.compile(re.escape(heading).replace(r"\ ", r"\s+"), re.IGNORECASE)
    for section in doc.sections:
        for unit in section.walk():
            if m := pattern.search(unit.text):
                return m.group(0)
    return None


def _enclosing_program(parent: str | None, chapters: dict[str, str], doc: Document) -> str | None:
    parents = {d.id: d.parent for d in doc.divisions}
    while parent:
        if parent in chapters:
            return chapters[parent]
        parent = parents.get(parent)
    return None


def _terms(doc: Document) -> Iterator[Concept]:
    definitions = {d.id for d in doc.divisions if re.search(r"DEFINITION|DÉFINITION", d.heading.upper())}
    for section in doc.sections:
        in_definitions = section.parent in definitions
        for unit in section.walk():
            found: list[tuple[str, int, int]] = []
            if unit.term:
                at = unit.text.find(unit.term)
                found.append((unit.term, max(at, 0), max(at, 0) + len(unit.term) if at >= 0 else 0))
            patterns = _DEFINES_ANYWHERE + (_DEFINES_IN_DEFINITIONS if in_definitions else [])
            for pattern in patterns:
                found += [(m[1], m.start(1), m.end(1)) for m in pattern.finditer(unit.text)]
            for word, start, end in found:
                form = USAGE_FORMS.get(word.lower(), word)
                forms = tuple(dict.fromkeys(inflections(form) + inflections(word)))
                yield Concept("term:" + concept_slug(form), "term", word, forms,
                              ((unit.id, "text", start, end),))


def concepts_pattern(concepts: list[Concept]) -> tuple[re.Pattern | None, dict[str, tuple[str, str]]]:
    """One regex for every form of every concept, and form (casefolded) -> (concept id, form)."""
    by_form: dict[str, tuple[str, str]] = {}
    for concept in concepts:
        for form in concept.forms:
            form = " ".join(form.replace("’", "'").split())
            by_form.setdefault(form.casefold(), (concept.id, form))
    if not by_form:
        return None, by_form
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]")
                    for f in sorted(by_form, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), by_form


def find_mentions(text: str, pattern: re.Pattern | None, by_form: dict[str, tuple[str, str]]) -> list[Mention]:
    """Where text names a concept, longest form first.  A form written with capitals
    ("Basic Income Program") matches only with them, but for its first letter."""
    if pattern is None or not text:
        return []
    out = []
    for m in pattern.finditer(text):
        words = " ".join(m.group(0).replace("’", "'").split())
        concept, form = by_form[words.casefold()]
        if form[1:] != form[1:].lower() and words[1:] != form[1:]:
            continue
        out.append(Mention(concept, m.start(), m.end()))
    return out


def program_of_chapters(concepts: list[Concept]) -> dict[str, str]:
    """Division id -> program it establishes."""
    return {node: c.id for c in concepts if c.kind == "program"
            for node, fieldname, _, _ in c.sources if fieldname == "heading"}


def defining_spans(concepts: list[Concept]) -> dict[str, list[tuple[int, int]]]:
    """Node id -> spans of defining or establishing words (not counted as uses)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for concept in concepts:
        for node, _, start, end in concept.sources:
            out.setdefault(node, []).append((start, end))
    return out


def unit_texts(unit: Unit) -> Iterator[tuple[str, str]]:
    """(field, text) of a unit: its text, then its closing text."""
    yield "text", unit.text
    if unit.closing:
        yield "closing", unit.closing
