"""The acts named in amendment histories, as people know them: the act that enacted a document,
kept apart from those that amended it, and what each act did to which provision.

What an entry did is read from the history and the provision's status only (no amending act's
text is in the library): the first entry of a section enacted it when it is the document's
enacting act, else inserted it; the last entry of a repealed section repealed it; the others
amended it.  Titles and assent dates come from what the corpus knows (``titles``, ``assented``)
and are None otherwise, so that a page can say they are unknown.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from alinea.model import REPEALED, Corpus, Division, Document, HistoryEntry, Section

ENACTED, INSERTED, AMENDED, REPEALED_BY = "enacted", "inserted", "amended", "repealed"
OPERATIONS = (ENACTED, INSERTED, AMENDED, REPEALED_BY)
ENACTING_SHARE = 0.5
"""An act is a document's enacting act when it is the first history entry of at least this share
of the document's sections."""


@dataclass(frozen=True)
class Change:
    """What one act did to one provision (its entries merged: an act named twice appears once)."""

    provision: str
    """A section or division id."""
    operations: tuple[str, ...]
    """Among OPERATIONS, in the order of the history."""
    entries: tuple[str, ...]
    """The history entries that name the act, as printed, duplicates removed."""


@dataclass(frozen=True)
class Act:
    """An act (or decree) named in amendment histories."""

    id: str
    """``2018, c. 11``, ``D. 851-2016``."""
    title: str | None
    """Its title, when the corpus knows it."""
    assented: str | None
    """ISO date of assent, when the corpus knows it."""
    enacted: tuple[str, ...]
    """Documents it enacted (their ids)."""
    changes: tuple[Change, ...]
    """Every provision whose history names it: divisions, then sections, each in document order."""

    def counts(self) -> dict[str, int]:
        """How many provisions each operation touched."""
        counted = Counter(op for change in self.changes for op in dict.fromkeys(change.operations))
        return {op: counted[op] for op in OPERATIONS if counted[op]}

    @property
    def amendments(self) -> tuple[Change, ...]:
        """The changes other than enactment."""
        return tuple(c for c in self.changes if c.operations != (ENACTED,))


def enacting_act(doc: Document) -> str | None:
    """The act that is the first history entry of most sections of a document (``2005, c. 15``)."""
    firsts = Counter(s.history[0].act for s in doc.sections if s.history and s.history[0].act)
    if not firsts:
        return None
    act, count = firsts.most_common(1)[0]
    return act if count >= ENACTING_SHARE * len([s for s in doc.sections if s.history]) else None


def operations(node: Section | Division, enacting: str | None) -> list[tuple[HistoryEntry, str | None]]:
    """(entry, what it did) for each entry of a provision's history, publisher's order; None for
    an entry that names no act (an update of the consolidation)."""
    out: list[tuple[HistoryEntry, str | None]] = []
    history = node.history
    last = len(history) - 1
    for i, entry in enumerate(history):
        if entry.act is None:
            out.append((entry, None))
            continue
        if i == 0:
            op = ENACTED if entry.act == enacting else INSERTED
        elif i == last and node.status == REPEALED:
            op = REPEALED_BY
        else:
            op = AMENDED
        out.append((entry, op))
    return out


def amending_acts(corpus: Corpus, titles: dict[str, str] | None = None,
                  assented: dict[str, str] | None = None) -> dict[str, Act]:
    """Every act named in the histories of the corpus, by id."""
    titles, assented = titles or {}, assented or {}
    changes: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    enacted: dict[str, list[str]] = {}
    for doc in corpus.documents:
        if doc.kind == "guidance":
            continue
        enacting = enacting_act(doc)
        if enacting:
            enacted.setdefault(enacting, []).append(doc.id)
        for node in (*doc.divisions, *doc.sections):
            for entry, op in operations(node, enacting):
                if op is None:
                    continue
                ops, entries = changes.setdefault(entry.act, {}).setdefault(node.id, ([], []))
                if op not in ops:
                    ops.append(op)
                if entry.raw not in entries:
                    entries.append(entry.raw)
    return {act: Act(act, titles.get(act), assented.get(act), tuple(enacted.get(act, ())),
                     tuple(Change(p, tuple(ops), tuple(entries)) for p, (ops, entries) in provisions.items()))
            for act, provisions in changes.items()}
