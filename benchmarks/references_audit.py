"""Read through the references of one page fast: every citation found, with its words, target and
type, and every number-like word the engine did NOT take as a citation (« article 12 »,
« paragraphe 3° », « annexe », « section II », « chapitre », « Loi », « règlement »), so that
false positives and misses show at a glance.  A development aid, not a score.

    python -m benchmarks.references_audit tests/library/legisquebec/S-2.1-r4.fr.html [--only 12-40]
    python -m benchmarks.references_audit corpus/legisquebec/a-13.1.1.txt --missed-only

Each text (division heading, section heading, unit text or closing text) with something to show
prints its id and field, then one line per citation (``+ words -> target [type]``, ``?`` for an
unresolved or ambiguous one, with the resolver's note) and one line per word left over
(``- …context…``).  The last lines count references by type and the words left over.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator

from alinea.ids import section_sort_key
from alinea.model import Corpus, Document, Reference

_UNIT_WORDS = (r"articles?|a\.|art\.|alinéas?|(?:sous-)?paragraphes?|(?:sous-)?sections?|chapitres?|titres?|parties?"
               r"|annexes?|subsections?|(?:sub)?paragraphs?|chapters?|titles?|parts?|schedules?|divisions?")
LEFT_OVER = re.compile(
    rf"(?<![\w-])(?:{_UNIT_WORDS})\s+(?:\d|[IVXLC]+\b|[A-Z]{{1,2}}\b|\()"
    rf"|(?<![\w-])(?:présente?|cet|cette|ce|même|this|that|preceding|précédent|dernier)\s+(?:{_UNIT_WORDS})(?![\w-])"
    rf"|(?<![\w-])(?:{_UNIT_WORDS})\s+(?:précédent|dernier|preceding)(?![\w-])"
    r"|(?<!this )(?<!other )(?<!another )(?<![\w-])(?:Loi|Code|Règlement|Charte|Act|Regulation|Charter)(?![\w-])"
    r"|(?<![\w.-])\d+(?:\.\d+)*°|(?<![\w.,-])\d+(?:\.\d+)+(?![\w.-])")
"""Words that usually start or belong to a citation (a unit word and its label, « ce paragraphe », an act
word with its capital) and numbers shaped like provision numbers (« 3° », « 2.10.15 »)."""
_HISTORY_FIELDS = ("history", "status")


def read_document(path: str) -> Document:
    """A LégisQuébec page (HTML) or text file, parsed as `alinea build` parses it."""
    from ingest import parse_file
    return parse_file(path)


def texts(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(source id, field, text) of every text the reference walk reads, in document order."""
    for division in doc.divisions:
        yield division.id, "heading", division.heading
    for section in doc.sections:
        if section.heading:
            yield section.id, "heading", section.heading
        for unit in section.walk():
            yield unit.id, "text", unit.text
            if unit.closing:
                yield unit.id, "closing", unit.closing


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def audit(doc: Document, only: tuple[str, str] | None = None, missed_only: bool = False) -> Counter:
    from graph.references import extract_references

    refs = extract_references(Corpus((doc,)))
    by_text: dict[tuple[str, str], list[Reference]] = {}
    for r in refs:
        if r.field not in _HISTORY_FIELDS:
            by_text.setdefault((r.source, r.field), []).append(r)
    counts: Counter = Counter(r.type for r in refs if r.field not in _HISTORY_FIELDS)
    for source, fieldname, text in texts(doc):
        if only and not _in_range(source, doc.id, only):
            continue
        mine = [r for r in by_text.get((source, fieldname), []) if r.type not in ("uses term", "defines")]
        spans = [(r.start, r.end) for r in mine if r.start is not None]
        left = [m for m in LEFT_OVER.finditer(text or "")
                if not any(s <= m.start() < e for s, e in spans)]
        counts["words left over"] += len(left)
        if not left and (missed_only or not mine):
            continue
        print(f"{source} ({fieldname})")
        if not missed_only:
            for r in mine:
                mark = "?" if r.type in ("unresolved", "ambiguous") else "+"
                target = r.target or ", ".join(r.candidates) or "-"
                note = f"  ({r.note})" if r.note else ""
                print(f"  {mark} {r.text!r} -> {target} [{r.type}]{note}")
        for m in left:
            print(f"  - {_context(text, m.start(), m.end())}")
    return counts


def _in_range(source: str, doc: str, only: tuple[str, str]) -> bool:
    number = source[len(doc) + 1:].split("/", 1)[0]
    if not number or not number[0].isdigit():
        return False
    key = section_sort_key(number)
    return section_sort_key(only[0]) <= key <= section_sort_key(only[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a LégisQuébec page (.html) or statute text (.txt)")
    parser.add_argument("--only", metavar="FROM-TO", help="sections FROM to TO only (e.g. 12-40)")
    parser.add_argument("--missed-only", action="store_true", help="show only the words left over")
    args = parser.parse_args(argv)
    only = tuple(args.only.split("-", 1)) if args.only else None
    counts = audit(read_document(args.path), only, args.missed_only)  # type: ignore[arg-type]
    print("; ".join(f"{k}: {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
