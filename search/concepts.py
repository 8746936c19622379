"""Programs and defined terms a provision is about, read from the model.

Two small functions the concept graph can later replace: `programs_of` (the
financial assistance programs a section falls under or names) and
`defined_terms` (the words a section defines).

>>> programs_named("basic income"), programs_named("solidarité sociale")
(('basic-income',), ('social-solidarity',))
>>> programs_in("a recipient under the Social Solidarity Program or the Basic Income Program")
('social-solidarity', 'basic-income')
"""
from __future__ import annotations

import re

from alinea.ids import slug
from alinea.model import Division, Document, Section

PROGRAMS: dict[str, tuple[str, ...]] = {
    "social-assistance": ("Social Assistance Program", "Programme d'aide sociale"),
    "social-solidarity": ("Social Solidarity Program", "Programme de solidarité sociale"),
    "aim-for-employment": ("Aim for Employment Program", "Programme objectif emploi"),
    "basic-income": ("Basic Income Program", "Programme de revenu de base"),
    "social-assistance-and-support": ("Social Assistance and Support Program",
                                      "Programme d'aide et d'accompagnement social"),
}
"""Program id -> its names in English and French, as the Act and guidance print them."""

_DEFINITIONS = (
    # The word “spouses” means / “family” means / « conjoints » désigne
    re.compile(r"[“\"«]\s*([^”\"»]{1,60}?)\s*[”\"»]\s+(?:means|includes|désigne|signifie|s['’]entend)\b"),
    # An adult is a person ... / A family is composed of ... (at the start of a section)
    re.compile(r"^(?:An?|The)\s+([a-z][a-z -]{0,40}?)\s+is\s+(?:an?|composed\s+of)\b"),
)


def _words(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for name matching."""
    return " " + slug(text.replace("’", "'").replace("'", " ")).replace("-", " ") + " "


_NAMES = [(pid, _words(name)) for pid, names in PROGRAMS.items() for name in names]


def programs_in(text: str) -> tuple[str, ...]:
    """Programs whose English or French name appears in text, in order of first mention."""
    words = _words(text)
    found = sorted((words.find(name), pid) for pid, name in _NAMES if name in words)
    return tuple(dict.fromkeys(pid for _, pid in found))


def programs_named(value: str) -> tuple[str, ...]:
    """Programs a filter value names: an id, or words of a name in either language."""
    if value in PROGRAMS:
        return (value,)
    words = _words(value)
    return tuple(dict.fromkeys(pid for pid, name in _NAMES if words.strip() and words in name))


def ancestors(node: Section | Division, doc: Document) -> list[Division]:
    """Divisions enclosing a section or division, outermost first."""
    by_id = {d.id: d for d in doc.divisions}
    chain: list[Division] = []
    parent = node.parent
    while parent in by_id:
        chain.append(by_id[parent])
        parent = by_id[parent].parent
    return chain[::-1]


def programs_of(node: Section | Division, doc: Document) -> tuple[str, ...]:
    """Programs a section (or heading) is about: those named by the headings it sits
    under (Title II, Chapter VI "BASIC INCOME PROGRAM") or by its own text."""
    texts = [doc.title] + [d.heading for d in ancestors(node, doc)]
    texts.append(node.heading)
    if isinstance(node, Section):
        texts.append(node.text)
    return tuple(dict.fromkeys(p for text in texts for p in programs_in(text)))


def defined_terms(section: Section) -> tuple[str, ...]:
    """Terms a section defines: definition units' terms and phrasings such as
    'The word “spouses” means', 'An adult is a person', 'A family is composed of'."""
    terms = [u.term for u in section.walk() if u.term]
    for i, unit in enumerate(section.units):
        patterns = _DEFINITIONS if i == 0 else _DEFINITIONS[:1]
        terms += [m[1] for pattern in patterns for m in pattern.finditer(unit.text)]
    return tuple(dict.fromkeys(t.strip() for t in terms))
