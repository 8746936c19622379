"""The ids nearest to one that does not exist, for "did you mean" on 404 pages.

Only where the id points: within the document it names when the library holds it (the units of
its closest existing ancestor, or the sections numbered around a missing one: `graph.cite.nearest`,
the same as a citation that names nothing), else the nearest documents of the same kind (the
same chapter letters, the nearest chapter numbers; a guidance page's or a concept's nearest slug).
Bounded work whatever is asked: the input is cut to `alinea.limits` "suggestion_input"
characters, the longest existing ancestor is found by walking up the path (one dict lookup per
segment), and a fuzzy comparison runs only over one ancestor's children or over the top-level
ids of one kind, never over every id.

>>> near = NearestIds(["A-13.1.1", "A-13.1.1/55", "A-13.1.1/55/p1", "A-13.1.1/99", "A-13.1.1/9", "A-2.1"])
>>> near.suggest("A-13.1.1/55/p9")
['A-13.1.1/55/p1', 'A-13.1.1/55']
>>> near.suggest("A-13.1.2/55")
['A-13.1.1/55', 'A-2.1']
>>> near.suggest("B-1/5")
[]
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from itertools import zip_longest
from typing import Callable

from alinea.limits import limit

MAX_SEGMENTS = 12
"""Path segments looked at: no id of the model is deeper."""
_KIND = re.compile(r"^(?:[A-Za-z]+-|[a-z]+:)")
"""What a top-level id starts with: its chapter letters (``A-``) or its kind (``guidance:``)."""
_NUMBER = re.compile(r"\d+")


class NearestIds:
    """The ids of a knowledge base grouped by their parent path, built once; `around` gives the
    provisions next to a missing one of a held document (`graph.cite.nearest`)."""

    def __init__(self, ids: Iterable[str], around: Callable[[str, int], Iterable[str]] | None = None) -> None:
        self.ids: set[str] = set()
        self.children: dict[str, list[str]] = {}
        self.around = around
        for node_id in ids:
            self.ids.add(node_id)
            parent = node_id.rsplit("/", 1)[0] if "/" in node_id else ""
            self.children.setdefault(parent, []).append(node_id)

    def suggest(self, wanted: str, limit_to: int = 5) -> list[str]:
        """Up to `limit_to` existing ids close to `wanted`, closest first."""
        wanted = wanted.strip("/")
        if not wanted or len(wanted) > limit("suggestion_input"):
            return []
        segments = wanted.split("/")[:MAX_SEGMENTS]
        if segments[0] in self.ids:
            return self._within(segments, limit_to)
        out = []
        for doc in self._documents_near(segments[0], limit_to):
            same = "/".join([doc, *segments[1:]])
            out.append(same if same in self.ids else doc)
        return list(dict.fromkeys(out))[:limit_to]

    def _within(self, segments: list[str], limit_to: int) -> list[str]:
        """Ids of the document `segments` name: numbered around the missing one, else the children
        of its closest existing ancestor closest in spelling."""
        wanted = "/".join(segments)
        if self.around is not None:
            found = [i for i in self.around(wanted, limit_to) if i in self.ids]
            if found:
                return found[:limit_to]
        ancestor = self._ancestor(segments)
        assert ancestor is not None  # the document itself exists
        depth = ancestor.count("/") + 1
        if depth >= len(segments):
            return [ancestor]
        asked = "/".join([ancestor, *segments[depth:depth + 1]])
        close = difflib.get_close_matches(asked, self.children.get(ancestor, []), n=limit_to - 1, cutoff=0.6)
        return [*close, ancestor]

    def _documents_near(self, top: str, limit_to: int) -> list[str]:
        """Top-level ids of the same kind as `top`: chapter codes by the nearest numbers, slugs by spelling."""
        kind = _KIND.match(top)
        if kind is None:
            return []
        same = [i for i in self.children.get("", []) if i.startswith(kind[0]) and i != top]
        if kind[0].endswith(":"):
            return difflib.get_close_matches(top, same, n=limit_to, cutoff=0.6)
        numbers = [int(n) for n in _NUMBER.findall(top)]

        def distance(candidate: str) -> list[int]:
            theirs = [int(n) for n in _NUMBER.findall(candidate)]
            return [abs(a - b) for a, b in zip_longest(numbers, theirs, fillvalue=0)]

        return sorted(same, key=lambda i: (distance(i), i))[:limit_to]

    def _ancestor(self, segments: list[str]) -> str | None:
        """The longest existing id made of the first segments, None when even the first is unknown."""
        for end in range(len(segments), 0, -1):
            candidate = "/".join(segments[:end])
            if candidate in self.ids:
                return candidate
        return None
