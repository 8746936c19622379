"""What govern prepares about a knowledge base, computed once at `alinea build` and stored as data.

Ranking a text needs tables read from the whole library (graph.govern_rank.Prepared: roles,
chapters, roots and their idf, the learned word tables...) and a few facts of the law graph (its
nodes and their attributes; what governs each program).  Computing them stems every word of the
Act and needs the networkx graph; `state` gathers them once at build, the store keeps them as
JSON (checked by its SHA-256 like every blob, see alinea.store), and a process reads them back
(`graph_nodes`, `stored_governed`, graph.govern_rank.prepare), so that a question is answered
without networkx and without stemming the Act.

The knowledge base decodes what it stored (`kb.decode(type, value)`, alinea.codec, which this
layer does not import).  A stored state of another `VERSION` is not read: govern then computes
what it needs in the process, as for a knowledge base that was not built (tests, a corpus in
memory), until the next build.
"""
from __future__ import annotations

from functools import lru_cache

from alinea.errors import DamagedData

BLOB = "govern"
"""The store blob that holds the state."""
VERSION = 5
"""Bumped when what a stored part means changes without its name or type changing."""


def state(kb, prepared: dict | None, lay: list | None = None) -> dict:
    """The state of a knowledge base (plain values, for alinea.codec.encode): the graph's nodes,
    what governs each program, `prepared`, the ranker's tables (graph.govern_rank.prepared_state),
    and `lay`, what people say of each provision (graph.govern_lay.lay_documents)."""
    from graph.queries import governing

    graph = kb.graph
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    programs = {}
    for node, data in nodes.items():
        if data.get("kind") == "program":
            found = governing(graph, node)
            programs[node] = {"sections": found["sections"], "links": {k: v for k, v in found.items() if k != "sections"}}
    return {"version": VERSION, "nodes": nodes, "governed": programs, "prepared": prepared, "lay": lay}


class Nodes:
    """The law graph's nodes and their attributes, as stored: ``node in nodes``, ``nodes.nodes[node]``
    (a dict of attributes) and iteration, as a networkx graph offers them."""

    def __init__(self, nodes: dict[str, dict]) -> None:
        self.nodes = nodes

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self):
        return iter(self.nodes)


@lru_cache(maxsize=4)
def stored(kb) -> dict | None:
    """The state the build stored for this knowledge base; None when there is none or it was made
    by another version of govern (what is asked is then computed in the process)."""
    data = kb.stored(BLOB)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    if not isinstance(data.get("nodes"), dict) or not isinstance(data.get("governed"), dict):
        raise DamagedData(kb.stored_in(), "holds a govern state that cannot be read (no nodes)")
    return data


def graph_nodes(kb):
    """The nodes of the law graph with their attributes: as stored (no networkx), else the graph."""
    data = stored(kb)
    return Nodes(data["nodes"]) if data is not None else kb.graph


def stored_governed(kb, program: str) -> dict | None:
    """graph.queries.governing for a program, as stored; None when not stored."""
    data = stored(kb)
    found = data["governed"].get(program) if data is not None else None
    if found is None:
        return None
    from graph.queries import Link

    if not isinstance(found, dict) or not isinstance(found.get("links"), dict):
        raise DamagedData(kb.stored_in(), f"holds a govern state that cannot be read ({program})")
    return {"sections": kb.decode(list[str], found.get("sections")),
            **{k: kb.decode(list[Link], v) for k, v in found["links"].items()}}
