"""The ids nearest to one that does not exist, for "did you mean" on 404 pages.

Bounded work whatever is asked: the input is cut to `alinea.limits` "suggestion_input"
characters, the longest existing ancestor is found by walking up the path (one dict lookup per
segment), and the fuzzy comparison runs only over that ancestor's children (or over the top-level
ids when no ancestor exists), never over every id.

>>> near = NearestIds(["A-13.1.1", "A-13.1.1/55", "A-13.1.1/55/p1", "A-13.1.1/99", "A-13.1.1/9"])
>>> near.suggest("A-13.1.1/999")
['A-13.1.1/99', 'A-13.1.1/9', 'A-13.1.1/55', 'A-13.1.1']
>>> near.suggest("A-13.1.1/55/p9")
['A-13.1.1/55/p1', 'A-13.1.1/55']
>>> near.suggest("A-13.1.l/55")
['A-13.1.1/55']
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from alinea.limits import limit

MAX_SEGMENTS = 12
"""Path segments looked at: no id of the model is deeper."""


class NearestIds:
    """The ids of a knowledge base grouped by their parent path, built once."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids: set[str] = set()
        self.children: dict[str, list[str]] = {}
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
        ancestor = self._ancestor(segments)
        if ancestor is None:
            top = difflib.get_close_matches(segments[0], self.children.get("", []), n=1, cutoff=0.6)
            if not top:
                return []
            ancestor = self._ancestor([top[0], *segments[1:]])
            if ancestor is None:
                return top
        depth = ancestor.count("/") + 1
        if depth >= len(segments):
            return [ancestor]
        asked = "/".join([ancestor, *segments[depth:depth + 1]])
        siblings = self.children.get(ancestor, [])
        close = difflib.get_close_matches(asked, siblings, n=limit_to - 1, cutoff=0.6)
        return [*close, ancestor]

    def _ancestor(self, segments: list[str]) -> str | None:
        """The longest existing id made of the first segments, None when even the first is unknown."""
        for end in range(len(segments), 0, -1):
            candidate = "/".join(segments[:end])
            if candidate in self.ids:
                return candidate
        return None
