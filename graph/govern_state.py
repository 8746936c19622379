"""What govern prepares about a knowledge base, computed once at `alinea build` and stored as data.

Ranking a text needs tables read from the whole library (graph.govern_rank.Prepared: roles,
chapters, roots and their idf, the learned word tables...) and a few facts of the law graph (its
nodes and their attributes; what governs each program).  Computing them stems every word of the
Act and needs the networkx graph; `state` does it once at build, the store keeps the result as
JSON (checked by its SHA-256 like every blob, see alinea.store), and `stored` reads it back in
each process, so that a question is answered without networkx and without stemming the Act.

A new field of `Prepared` is stored with no code here (its type is read from the annotations);
a stored state of other fields, or of another `VERSION`, is not read: govern then computes what
it needs in the process, as it does for a knowledge base that was not built (tests, a corpus in
memory), until the next build.
"""
from __future__ import annotations

import dataclasses
import typing
from functools import lru_cache

from alinea.codec import CodecError, decode, encode
from alinea.errors import DamagedData, NotFound

BLOB = "govern"
"""The store blob that holds the state."""
VERSION = 1
"""Bumped when what a stored field means changes without its name or type changing."""
DERIVED = ("sections", "order", "lexicon")
"""Fields of Prepared read back from the knowledge base or stored their own way, not field by field."""


@lru_cache(maxsize=1)
def _prepared_fields() -> dict[str, typing.Any]:
    from graph.govern_rank import Prepared

    hints = typing.get_type_hints(Prepared)
    return {f.name: hints[f.name] for f in dataclasses.fields(Prepared) if f.name not in DERIVED}


def state(kb) -> dict:
    """The state of a knowledge base as JSON-ready data: what `alinea build` stores."""
    from graph.govern_rank import compute_prepared
    from graph.queries import governing

    graph = kb.graph
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    programs = {}
    for node, data in nodes.items():
        if data.get("kind") == "program":
            found = governing(graph, node)
            programs[node] = {"sections": found["sections"],
                              "links": {k: encode(v) for k, v in found.items() if k != "sections"}}
    try:
        prep = compute_prepared(kb)
    except NotFound:  # no statute: nothing to rank against
        prepared = None
    else:
        prepared = {name: encode(getattr(prep, name)) for name in _prepared_fields()}
        prepared.update(sections=list(prep.sections), lexicon=prep.lexicon.state())
    return {"version": VERSION, "fields": sorted(_prepared_fields()), "nodes": nodes, "governed": programs,
            "prepared": prepared}


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
    """The state the build stored for this knowledge base, checked; None when there is none or it
    was made by another version of govern (what is asked is then computed in the process)."""
    data = kb.stored(BLOB)
    if not isinstance(data, dict):
        return None
    if data.get("version") != VERSION or data.get("fields") != sorted(_prepared_fields()):
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

    try:
        return {"sections": decode(list[str], found["sections"]),
                **{k: decode(list[Link], v) for k, v in found["links"].items()}}
    except (CodecError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedData(kb.stored_in(), f"holds a govern state that cannot be read ({exc})") from None


def stored_prepared(kb):
    """graph.govern_rank.Prepared as stored, its sections read from the knowledge base; None when
    not stored."""
    data = stored(kb)
    if data is None or data.get("prepared") is None:
        return None
    from graph.govern_lexicon import Lexicon
    from graph.govern_rank import Prepared

    prepared = data["prepared"]
    try:
        ids = decode(list[str], prepared["sections"])
        values = {name: decode(tp, prepared[name]) for name, tp in _prepared_fields().items()}
        return Prepared(sections={sid: kb.get(sid).node for sid in ids}, order={sid: i for i, sid in enumerate(ids)},
                        lexicon=Lexicon.from_state(prepared["lexicon"]), **values)
    except (CodecError, KeyError, TypeError, NotFound) as exc:
        raise DamagedData(kb.stored_in(), f"holds a govern state that cannot be read ({exc})") from None
