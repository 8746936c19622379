"""The Act parsed once, with its references and graph, for the graph tests."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alinea.model import Corpus, Document
from graph.build import build_graph
from graph.cite import Context, Index
from graph.references import extract_references

ROOT = Path(__file__).resolve().parent.parent
ACT_PATH = ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt"


@lru_cache(maxsize=1)
def act() -> Document:
    from ingest import parse_file

    return parse_file(str(ACT_PATH))


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    return Corpus((act(),))


@lru_cache(maxsize=1)
def index() -> Index:
    return Index.build(corpus())


@lru_cache(maxsize=1)
def references() -> tuple:
    return tuple(extract_references(corpus(), index()))


@lru_cache(maxsize=1)
def graph():
    return build_graph(corpus(), references(), index())


def context(section: str | None = None, unit: str | None = None) -> Context:
    """A context inside the Act, with the divisions enclosing the section."""
    divisions: tuple[str, ...] = ()
    if section:
        parents = {d.id: d.parent for d in act().divisions}
        parent = act().section(section).parent
        chain = []
        while parent:
            chain.append(parent)
            parent = parents.get(parent)
        divisions = tuple(reversed(chain))
    sid = f"A-13.1.1/{section}" if section else None
    return Context(index(), "A-13.1.1", sid, unit, divisions)
