"""Concepts: the Act's programs and legal terms, one node whichever language names them.

The bilingual glossary `corpus/glossary.json` (its shape is described in
`corpus/glossary.md`) lists each concept with an id (``program:basic-income``,
``term:spouses``), its English and French names, aliases in both languages
(abbreviations such as PRB or TAQ included), the sections of the Act that
define or establish it and the sections that use it.  `Glossary.find` tags
text in either language with concept ids, so that a French page or question
reaches the English Act.

>>> glossary = load_glossary()
>>> glossary.resolve("Programme de revenu de base") == glossary.resolve("basic income program")
True
>>> glossary.resolve("PRB")
'program:basic-income'
>>> [(m.text, m.concept) for m in glossary.find("Le conjoint du prestataire du PRB")]
[('conjoint', 'term:spouses'), ('prestataire', 'term:recipient'), ('PRB', 'program:basic-income')]

`uses` is computed from the Act, not typed by hand: `python -m alinea.glossary_uses`
recomputes it from the corpus's statute and rewrites the file; a test checks
that the file agrees with the computation.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from alinea.errors import AlineaError
from alinea.ids import fold_chars
from alinea.model import Document, Reference
from graph.datafile import read_entries
from graph.terms import defines, unit_texts

GLOSSARY = Path(__file__).resolve().parents[1] / "corpus" / "glossary.json"
KINDS = ("program", "defined term", "person", "condition", "benefit", "allowance", "resource",
         "obligation", "procedure", "measure", "institution")
_ID = re.compile(r"^(?:program|term):[a-z0-9]+(?:-[a-z0-9]+)*$")
_SECTION = re.compile(r"^\d+(?:\.\d+)*$")
_ACRONYM = re.compile(r"^[A-ZÀ-Ý]{2,7}$")


@dataclass(frozen=True)
class Concept:
    """A program or a legal term of the Act."""

    id: str
    """``program:social-solidarity``, ``term:liquid-assets``."""
    kind: str
    """One of KINDS."""
    en: str
    """The English name, as the Act writes it."""
    fr: str
    """The French name, as the French version of the Act and ADEL write it."""
    aliases: tuple[str, ...] = ()
    """Other names in either language: plurals, variants, abbreviations."""
    sections: tuple[str, ...] = ()
    """Sections of the Act that define or establish it (or provide for its definition)."""
    uses: tuple[str, ...] = ()
    """Sections of the Act whose text names it (computed)."""
    fr_verified: bool = False
    """True when the French name was checked against published French text."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.en, self.fr, *self.aliases)


class ConceptMatch(NamedTuple):
    """A concept named in a text."""

    start: int
    end: int
    concept: str
    text: str


_WORD = re.compile(r"\w+")
_JOINER = re.compile(r"[\s\-‑'’]+|,\s*")
"""What may stand between the words of a name in a text: spaces, hyphens, apostrophes, or a
comma ("Individualized Integration, Training and Employment Plan")."""


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold_chars(name)))


def _plurals(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = words[-1]
    if last.endswith(("s", "x")) or not last.isalpha():
        return []
    return [words[:-1] + (last + "s",), words[:-1] + (last + "es",)]


class Glossary:
    """The concepts, with a matcher for their names in English and French.

    Names are matched word by word (a dictionary of word sequences, longest first),
    so tagging a text costs a few lookups per word whatever the size of the glossary."""

    def __init__(self, concepts: Iterable[Concept], path: str = "") -> None:
        self.concepts = {c.id: c for c in concepts}
        self._names: dict[tuple[str, ...], str] = {}
        self._acronyms: dict[str, str] = {}
        for concept in self.concepts.values():
            for name in concept.names:
                if _ACRONYM.match(name):
                    self._acronyms[name] = concept.id
                words = _words(name)
                if self._names.get(words, concept.id) != concept.id:
                    raise AlineaError(f"{path}: {name!r} names both {self._names[words]} and {concept.id}")
                self._names[words] = concept.id
        self._keys = dict(self._names)
        for words, cid in self._names.items():
            for plural in _plurals(words):
                self._keys.setdefault(plural, cid)
        for name in self._acronyms:
            del self._keys[_words(name)]
        self._longest = max((len(k) for k in self._keys), default=0)
        self._first = {k[0] for k in self._keys if k}
        """First words of the names: a text's word that is none of them starts no name."""

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def resolve(self, name: str) -> str | None:
        """The concept a name (either language, any case, accents optional) stands for."""
        if name.strip() in self._acronyms:
            return self._acronyms[name.strip()]
        return self._keys.get(_words(name))

    def find(self, text: str) -> list[ConceptMatch]:
        """Concepts named in text, longest names first, without overlaps, in text order.
        Abbreviations count only in capitals (PAS, not "pas")."""
        folded = fold_chars(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        found: list[ConceptMatch] = []
        i = 0
        while i < len(words):
            longest = min(self._longest, len(words) - i) if words[i][2] in self._first else 0
            for size in range(longest, 0, -1):
                cid = self._keys.get(tuple(w for _, _, w in words[i:i + size]))
                if cid and all(_JOINER.fullmatch(folded[words[k][1]:words[k + 1][0]])
                               for k in range(i, i + size - 1)):
                    start, end = words[i][0], words[i + size - 1][1]
                    found.append(ConceptMatch(start, end, cid, text[start:end]))
                    i += size
                    break
            else:
                original = text[words[i][0]:words[i][1]]
                if original in self._acronyms:
                    found.append(ConceptMatch(words[i][0], words[i][1], self._acronyms[original], original))
                i += 1
        return found


def load_glossary(path: str | Path = GLOSSARY) -> Glossary:
    """The glossary file, checked; AlineaError naming the file and entry when it is wrong."""
    path = Path(path)
    entries = read_entries(path, "glossary")
    concepts, seen = [], set()
    for i, entry in enumerate(entries, 1):
        concepts.append(_concept(entry, f"{path}: entry {i}"))
        if concepts[-1].id in seen:
            raise AlineaError(f"{path}: entry {i}: id {concepts[-1].id!r} is listed twice")
        seen.add(concepts[-1].id)
    return Glossary(concepts, str(path))


def _concept(entry: object, where: str) -> Concept:
    if not isinstance(entry, dict):
        raise AlineaError(f"{where}: expected an object")
    for key in ("id", "kind", "en", "fr"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise AlineaError(f"{where}: {key!r} must be a non-empty string")
    if not _ID.match(entry["id"]):
        raise AlineaError(f"{where}: id {entry['id']!r} is not 'program:<slug>' or 'term:<slug>'")
    if entry["kind"] not in KINDS:
        raise AlineaError(f"{where} ({entry['id']}): kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    if entry["id"].startswith("program:") != (entry["kind"] == "program"):
        raise AlineaError(f"{where} ({entry['id']}): programs, and only programs, have 'program:' ids")
    lists = {}
    for key in ("aliases", "sections", "uses"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise AlineaError(f"{where} ({entry['id']}): {key!r} must be a list of strings")
        if key != "aliases" and (bad := [v for v in value if not _SECTION.match(v)]):
            raise AlineaError(f"{where} ({entry['id']}): {key!r} has {bad[0]!r}, not a section number")
        lists[key] = tuple(value)
    return Concept(entry["id"], entry["kind"], entry["en"], entry["fr"], lists["aliases"],
                   lists["sections"], lists["uses"], bool(entry.get("fr_verified", False)))


def compute_uses(glossary: Glossary, statute: Document) -> dict[str, tuple[str, ...]]:
    """Concept id -> the sections of the statute whose text names it, in the statute's order."""
    uses: dict[str, list[str]] = {c.id: [] for c in glossary}
    for section in statute.sections:
        for cid in dict.fromkeys(m.concept for m in glossary.find(section.text)):
            uses[cid].append(section.number)
    return {cid: tuple(numbers) for cid, numbers in uses.items()}


def document_concepts(doc: Document, glossary: Glossary) -> tuple[str, ...]:
    """Concepts a document names (title, headings, text), in order of first mention."""
    texts = [doc.title] + [t for s in doc.sections for t in [s.heading] + [u.text for u in s.walk()]]
    return tuple(dict.fromkeys(m.concept for t in texts for m in glossary.find(t)))


def concept_references(doc: Document, glossary: Glossary) -> list[Reference]:
    """``uses term`` references from a document's headings and units to the concepts they name."""
    refs = []
    for section in doc.sections:
        places = [(section.id, section.heading, "heading")] + [(u.id, u.text, "text") for u in section.walk()]
        for source, text, where in places:
            refs += [Reference(source, m.concept, "uses term", m.text, m.start, m.end, where)
                     for m in glossary.find(text)]
    return refs


def program_names(glossary: Glossary | None) -> dict[str, tuple[str, ...]]:
    """Program id -> its French names (the glossary's ``fr`` and the aliases that start with
    "programme"): the only source of program names."""
    out: dict[str, tuple[str, ...]] = {}
    for concept in glossary or ():
        if concept.id.startswith("program:"):
            out[concept.id] = tuple(dict.fromkeys(
                [concept.fr] + [a for a in concept.aliases if a.casefold().startswith("programme")]))
    return out


def glossary_references(glossary: Glossary, statute: Document) -> list[Reference]:
    """``establishes`` references from the sections the glossary gives for each program, and
    ``defines`` from those of a term's sections whose text defines it (`graph.terms.defines`),
    ``provides for`` from the others: a section that only uses a term does not define it."""
    refs = []
    for concept in glossary:
        for number in concept.sections:
            section = statute.section(number)
            if section is None:
                continue
            if concept.id.startswith("program:"):
                refs.append(Reference(section.id, concept.id, "establishes"))
            elif any(defines(text, concept.names) for unit in section.walk() for _, text in unit_texts(unit)):
                refs.append(Reference(section.id, concept.id, "defines"))
            else:
                refs.append(Reference(section.id, concept.id, "provides for"))
    return refs


def write_uses(path: Path, statute: Document) -> int:
    """Rewrite the glossary file with `uses` recomputed from the statute; the number of entries changed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    uses = compute_uses(load_glossary(path), statute)
    changed = 0
    for entry in data["entries"]:
        new = list(uses[entry["id"]])
        changed += entry.get("uses") != new
        entry["uses"] = new
    path.write_text(dump_glossary(data), encoding="utf-8")
    return changed


def dump_glossary(data: dict) -> str:
    """The glossary as JSON with one entry per line (short diffs when an entry changes)."""
    head = {k: v for k, v in data.items() if k != "entries"}
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    entries = [f"  {json.dumps(e, ensure_ascii=False)}" for e in data["entries"]]
    return "\n".join(lines + [' "entries": [', ",\n".join(entries), " ]", "}"]) + "\n"


def annotate_graph(graph, glossary: Glossary) -> None:
    """Give the graph's concept nodes their names in both languages and their kind."""
    for concept in glossary:
        if concept.id not in graph:
            graph.add_node(concept.id)
        node = graph.nodes[concept.id]
        node.update(label=concept.en, label_fr=concept.fr, concept_kind=concept.kind, in_corpus=True,
                    kind=node.get("kind") or ("program" if concept.id.startswith("program:") else "term"))
