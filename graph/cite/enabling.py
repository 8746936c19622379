"""A regulation's enabling note: the act and provisions it is made under.

LégisQuébec prints under a regulation's title the act that allows it and, in parentheses, the
provisions: « Loi sur la santé et la sécurité du travail (chapitre S-2.1, a. 223, 1er al., par. 7,
8, 19 et 42, 2e al. et 3e al.). », "(chapter S-2.1, s. 223)."  The parser keeps those lines in
`Document.front`; this module says which of them are enabling notes and reads them with the one
grammar (`find_citations`), in the one context that is theirs: every pinpoint of a note is in the
act the note names last before it ("a. 131 …; a. 195" are both in that act).

>>> [(f.text, f.act.doc) for f in enabling_citations("(chapitre S-2.1, a. 63 et 223).", "fr")]
[('chapitre S-2.1, a. 63 et 223', 'S-2.1')]
>>> is_enabling_note("(chapter A-13.1.1, s. 131)."), is_enabling_note("Loi sur la santé et la sécurité du travail")
(True, False)
"""
from __future__ import annotations

from dataclasses import replace

from alinea.model import Document, Source
from graph.cite.find import find_citations
from graph.cite.grammar import SP, Found, lazy
from graph.cite.rules import STATUTE

_NOTE = lazy(rf"^{SP}*\({SP}*(?:chapitre|chapter){SP}+[A-Z]{{1,3}}-\d[^()]*\){SP}*\.?{SP}*$")
"""A line that is one parenthesis citing a chapter, as LégisQuébec prints an enabling note."""


def is_enabling_note(line: str) -> bool:
    """True for a front-matter line printed as an enabling note: « (chapitre S-2.1, a. 223). »."""
    return len(line) < 2_000 and bool(_NOTE.match(line))


def enabling_notes(doc: Document) -> tuple[Source, ...]:
    """The enabling notes of a regulation (lines of its front matter), in order; none for any
    other document."""
    if doc.kind != "regulation":
        return ()
    return tuple(line for line in doc.front if is_enabling_note(line.raw))


def enabling_citations(text: str, lang: str) -> list[Found]:
    """The citations of one enabling note, each in the act named last before it (the note's
    act when the citation names none)."""
    out: list[Found] = []
    act = None
    for found in find_citations(text, lang, source=STATUTE):
        if found.act is not None and found.act.doc:
            act = found.act
        elif act is not None and found.act is None and found.levels and not found.levels[0].relative:
            found = replace(found, act=act, doc=act.doc)
        else:
            continue  # nothing an enabling note can be made under
        out.append(found)
    return out
