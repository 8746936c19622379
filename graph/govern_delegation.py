"""When a provision hands its detail to a regulation ("prescribed by regulation", "determined by
regulation", « déterminé par règlement ») that the library does not hold: which regulation, where
it is published, and which provisions empower the Government to make it.

    >>> bool(DELEGATES.search("the percentage prescribed by regulation"))
    True
    >>> bool(DELEGATES.search("selon la méthode déterminée par règlement"))
    True
    >>> bool(DELEGATES.search("the Government may make regulations"))
    False
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from alinea.model import Section, Unit
from graph.govern_rank import prepare
from graph.govern_state import graph_nodes

DELEGATES = re.compile(
    r"\b(?:prescribed|determined|provided(?: for)?|fixed|set|specified|established|excluded)"
    r"(?: (?:\w+ ){0,3}?)? by (?:the )?regulations?\b"
    r"|\b(?:in keeping with|within the meaning of) the regulations?\b"
    r"|\b(?:prévu|déterminé|fixé|établi|prescrit|exclu)e?s?(?: (?:\w+ ){0,3}?)? par (?:le )?règlements?\b"
    r"|\b(?:conformément au|au sens du) règlement\b", re.IGNORECASE)
"""Words that leave the detail of a rule to a regulation."""
REGULATION_POWER = re.compile(r"\bmay(?:, [^,]+,)? make regulations\b|\bprescribe by regulation\b|"
                              r"\bpeut, par règlement\b|\bpeut prendre des règlements\b", re.IGNORECASE)
"""The opening words of a regulation-making power."""


@dataclass(frozen=True)
class Delegation:
    """A regulation the library does not hold, to which a provision leaves its detail."""

    words: str
    """The words that hand the detail over ("prescribed by regulation")."""
    regulation: str
    """The regulation's id (``A-13.1.1-r1``)."""
    title: str
    """Its title as the law graph knows it, else its id."""
    url: str
    """Its official page."""
    powers: tuple[str, ...]
    """The provisions that empower the Government to make it (for this provision's purposes when
    the Act says so, else the document's regulation-making powers)."""


@lru_cache(maxsize=4096)
def delegation(kb, node_id: str) -> Delegation | None:
    """What a provision leaves to a regulation missing from the library, or None (no such
    words, or the regulation is in the library)."""
    if node_id not in kb:
        return None
    located = kb.get(node_id)
    node, section = located.node, located.section
    if section is None or located.doc.kind == "guidance":
        return None
    text = node.full_text if isinstance(node, Unit) else section.text
    found = DELEGATES.search(text)
    if not found:
        return None
    regulation = _regulation_cited(kb, node, section) or _regulation_of(kb, located.doc.id)
    if regulation is None or regulation in kb:
        return None
    graph = graph_nodes(kb)
    data = graph.nodes[regulation] if regulation in graph else {}
    from alinea.ids import legisquebec_url

    return Delegation(found[0], regulation, str(data.get("label") or regulation),
                      str(data.get("url") or legisquebec_url(regulation)), _powers(kb, section))


def _regulation_cited(kb, node, section: Section) -> str | None:
    ids = [node.id] + [u.id for u in (node.walk() if isinstance(node, Unit) else section.walk())]
    pattern = re.compile(rf"^{re.escape(section.doc)}-r\d+(?:\.\d+)*$")
    for node_id in ids:
        for ref in kb.refs_out.get(node_id, []):
            target = ref.target.split("/")[0]
            if pattern.match(target):
                return target
    return None


@lru_cache(maxsize=64)
def _regulation_of(kb, doc_id: str) -> str | None:
    """The first regulation made under a document that the law graph knows (``A-13.1.1-r1``)."""
    pattern = re.compile(rf"^{re.escape(doc_id)}-r(\d+)$")
    numbered = sorted((int(m[1]), n) for n in graph_nodes(kb).nodes if (m := pattern.match(n)))
    return numbered[0][1] if numbered else None


def _powers(kb, section: Section) -> tuple[str, ...]:
    prep = prepare(kb)
    own = tuple(dict.fromkeys(unit for unit, _ in prep.regulations.get(section.id, ())))
    if own:
        return own
    doc = kb.get(section.doc).node
    general = [s.id for s in doc.sections if s.units and prep.roles.get(s.id) == "regulation power"
               and REGULATION_POWER.search(s.units[0].text)]
    return tuple(general[:1])

