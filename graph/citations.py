"""Citations typed by people: the short forms accepted by `alinea show` and the search box.

>>> parse_short("s. 55")
'55'
>>> parse_short("83.5.1")
'83.5.1'
>>> parse_short("the Act") is None
True
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alinea.kb import KnowledgeBase

_SHORT = re.compile(r"^(?:(?:s|sec|section|art|article|a)\.?\s*)?(\d+(?:\.\d+)*)\.?$", re.I)


def parse_short(text: str) -> str | None:
    """The section number of a plain short citation ("55", "s. 55", "art. 55"), or None."""
    m = _SHORT.match(" ".join(text.split()))
    return m[1] if m else None


def resolve_query(text: str, kb: "KnowledgeBase") -> str | None:
    """The id of the provision a typed citation names in the default statute, or None."""
    number = parse_short(text)
    statute = kb.default_statute()
    if number is None or statute is None:
        return None
    sid = f"{statute.id}/{number}"
    return sid if sid in kb else None
