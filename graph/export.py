"""The law graph as files: GraphML (for Gephi, yEd, Cytoscape) and node-link JSON."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from alinea.atomic import replacing


def graph_json(graph: nx.MultiDiGraph) -> dict:
    """Node-link JSON: ``{"nodes": [{"id": …, "kind": …}], "edges": [{"source": …, "target": …, "type": …}]}``."""
    return nx.node_link_data(graph, edges="edges")


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML with every attribute; attributes a node or edge lacks are left out."""
    with replacing(path) as tmp:
        nx.write_graphml(graph, str(tmp))


def graph_from_json(data: dict) -> nx.MultiDiGraph:
    """The graph `graph_json` wrote, with every attribute."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
