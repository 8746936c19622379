"""Questions asked of the law graph.

A section stands for itself and its units: what its units cite, the section cites
(`within=True`); a division, for the sections and units it contains.

- `cites(g, node)`, `cited_by(g, node)`: reference edges out of / into a provision;
- a mention of the citing document as a whole (« le présent règlement », "this Act": an edge marked
  ``self_mention``) is no citation between provisions: `cites` lists it only when asked (``itself=True``),
  `cited_by`, `neighbourhood` and `path` never follow it, so that a document's own mentions of itself
  neither count as citing it nor join every provision that makes one;
- `neighbourhood(g, node, depth)`: the subgraph of what is linked to it within depth references;
- `path(g, a, b)`: the shortest chain of references from a to b (following citations
  when possible, else in either direction);
- `changed_by(g, act)`: what an amending act (``2018, c. 11``) changed;
- `governing(g, program)`: the provisions that establish a program, those made to
  apply to it, the regulation-making powers for it and the provisions that name it.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from alinea.errors import NotFound

if TYPE_CHECKING:  # networkx is imported by the queries that need its algorithms, not by this module
    import networkx as nx

STRUCTURE = "contains"
CITATIONS = ("cites", "applies", "applies to", "despite", "subject to", "for the purposes of",
             "within the meaning of", "cited by guidance", "ambiguous")
"""Edge types a path may follow: citations, not history, term uses or containment."""


@dataclass(frozen=True)
class Link:
    """One reference edge."""

    source: str
    target: str
    type: str
    text: str = ""
    via: str = ""
    """For a derived ``applies to`` edge: the provision that makes it apply."""
    self_mention: bool = False
    """A mention of the citing document as a whole (its target is that document)."""

    def as_dict(self) -> dict:
        out = {"source": self.source, "target": self.target, "type": self.type, "text": self.text}
        if self.via:
            out["via"] = self.via
        if self.self_mention:
            out["self_mention"] = True
        return out


def _check(graph: nx.MultiDiGraph, node: str) -> None:
    if node not in graph:
        raise NotFound(f"{node!r} is not a node of the graph")


def members(graph: nx.MultiDiGraph, node: str, within: bool = True) -> list[str]:
    """The node, and when `within`, everything it contains, in document order."""
    _check(graph, node)
    if not within:
        return [node]
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        kids = [v for _, v, t in graph.out_edges(current, data="type") if t == STRUCTURE]
        stack.extend(reversed(kids))
    return out


def _link(u: str, v: str, data: dict) -> Link:
    return Link(u, v, data.get("type", ""), data.get("text", ""), data.get("via", ""), bool(data.get("self_mention")))


def _reference(data: dict) -> bool:
    """A reference edge between two nodes: not containment, not a document's mention of itself."""
    return data.get("type") != STRUCTURE and not data.get("self_mention")


def cites(graph: nx.MultiDiGraph, node: str, within: bool = True, itself: bool = False) -> list[Link]:
    """Reference edges out of the node (and out of what it contains); with `itself`, its mentions of
    its own document as a whole too."""
    return [_link(u, v, d) for m in members(graph, node, within)
            for u, v, d in graph.out_edges(m, data=True)
            if _reference(d) or itself and d.get("type") != STRUCTURE]


def cited_from(graph: nx.MultiDiGraph, node: str) -> list[Link]:
    """What a node's page lists as cited: its references and its mentions of its own document ("this Act" in a
    provision), never a document's mentions of itself listed on the document."""
    return [link for link in cites(graph, node, itself=True) if link.target != node]


def cited_by(graph: nx.MultiDiGraph, node: str, within: bool = True) -> list[Link]:
    """Reference edges into the node (and into what it contains), not a document's mentions of itself."""
    return [_link(u, v, d) for m in members(graph, node, within)
            for u, v, d in graph.in_edges(m, data=True) if _reference(d)]


def neighbourhood(graph: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The subgraph of the node (with what it contains) and every node within `depth`
    reference edges of it, in either direction, with the edges between them."""
    seen = set(members(graph, node))
    frontier = set(seen)
    for _ in range(depth):
        reached: set[str] = set()
        for current in frontier:
            for _, v, d in graph.out_edges(current, data=True):
                if _reference(d):
                    reached.add(v)
            for u, _, d in graph.in_edges(current, data=True):
                if _reference(d):
                    reached.add(u)
        frontier = reached - seen
        seen |= reached
    sub = graph.subgraph(seen).copy()
    return sub


def _citation_view(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Citation edges, plus section <-> unit containment so that a section reaches what its
    units cite and a citation of a unit reaches its section."""
    import networkx as nx

    view = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        kind = data.get("type")
        if kind == STRUCTURE:
            if graph.nodes[u].get("kind") in ("section", "unit"):
                view.add_edge(u, v, type=kind, text="")
                view.add_edge(v, u, type="part of", text="")
        elif kind in CITATIONS and not data.get("self_mention") and not view.has_edge(u, v):
            view.add_edge(u, v, type=kind, text=data.get("text", ""))
    return view


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Link]:
    """The shortest chain of citations from a to b: following them if such a chain exists,
    else ignoring their direction.  [] when a and b are not linked by citations."""
    _check(graph, a)
    _check(graph, b)
    import networkx as nx

    view = _citation_view(graph)
    try:
        nodes = nx.shortest_path(view, a, b)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        try:
            nodes = nx.shortest_path(view.to_undirected(as_view=True), a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
    steps = []
    for u, v in pairwise(nodes):
        x, y = (u, v) if view.has_edge(u, v) else (v, u)
        steps.append(Link(x, y, view.edges[x, y]["type"], view.edges[x, y]["text"]))
    return steps


def changed_by(graph: nx.MultiDiGraph, act: str) -> list[Link]:
    """Every provision whose history names the amending act, with the entry as printed."""
    _check(graph, act)
    return [_link(u, v, d) for u, v, d in graph.in_edges(act, data=True) if d.get("type") == "amended by"]


def governing(graph: nx.MultiDiGraph, program: str) -> dict[str, list]:
    """What governs a program: ``established by`` (the headings or provisions that establish
    it, and the sections of an establishing division), ``applied`` (provisions made to
    apply to it, with ``via``), ``regulations`` (powers to make regulations for it) and
    ``named by`` (other provisions that name it)."""
    _check(graph, program)
    established, applied, regulations, named = [], [], [], []
    for u, v, data in graph.in_edges(program, data=True):
        kind = data.get("type")
        link = _link(u, v, data)
        if kind == "establishes":
            established.append(link)
        elif kind in ("applies to", "applies"):
            applied.append(link)
        elif kind == "for the purposes of":
            regulations.append(link)
        else:
            named.append(link)
    sections = [m for link in established for m in members(graph, link.source)
                if graph.nodes[m].get("kind") == "section"]
    return {"established by": established, "sections": sections, "applied": applied,
            "regulations": regulations, "named by": named}
