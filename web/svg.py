"""A provision's neighbourhood in the law graph as an SVG picture drawn on the server.

The centre node sits in the middle; what it cites is on the right half of a circle, what cites
it on the left, each a link to its page. Presentation attributes only (no inline style), so the
picture passes the site's Content-Security-Policy and reads without JavaScript.
"""
from __future__ import annotations

import math
from html import escape
from typing import Callable

import networkx as nx

from graph.queries import STRUCTURE, members
from web.i18n import current_language, gettext, ngettext, separator, word
from web.kb import snapshot
from web.present import href as node_href
from web.present import presenter

COLOURS = {"section": "#0b4f8a", "unit": "#0b4f8a", "division": "#555555", "program": "#7a4b00",
           "term": "#2f6b2f", "guidance": "#6a2c91", "amending act": "#8a1c1c", "external act": "#444444",
           "external provision": "#444444", "document": "#333333"}
WIDTH, HEIGHT = 760, 460
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
"""A white outline under a label's letters, so that an edge passing behind it does not cross them out."""
EDGE_LABEL_AT = 0.62
"""Where an edge's relation is written, from the centre towards the node: out where the edges fan apart."""


def _section_of(graph: nx.MultiDiGraph, node: str) -> str:
    """Units are drawn as their section, so the picture stays readable."""
    while graph.nodes[node].get("kind") == "unit":
        parent = next((u for u, edges in graph.pred[node].items()
                       if any(d.get("type") == STRUCTURE for d in edges.values())), None)
        if parent is None:
            break
        node = parent
    return node


def neighbours(graph: nx.MultiDiGraph, centre: str, limit: int = 16) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(out, in): the nodes the centre (or its units) cites and those citing it, each with the
    edge type, collapsed to sections, most frequent first, at most `limit` in all.  A provision's mention
    of its own document as a whole is among what it cites, not among what cites the document."""
    counts: dict[tuple[str, str, str], int] = {}
    for m in members(graph, centre):
        for v, edges in graph.succ[m].items():  # graph.out_edges(m, data="type"), without its views
            for data in edges.values():
                t = data.get("type")
                if t != STRUCTURE and t != "amended by":
                    key = ("out", _section_of(graph, v), t)
                    counts[key] = counts.get(key, 0) + 1
        for u, edges in graph.pred[m].items():
            for data in edges.values():
                t = data.get("type")
                if t != STRUCTURE and not data.get("self_mention"):  # a document's own mentions of itself: its page lists them
                    key = ("in", _section_of(graph, u), t)
                    counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])
    out: list[tuple[str, str]] = []
    into: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for direction, node, kind in ranked:
        if node == centre or (direction, node) in seen or len(out) + len(into) >= limit:
            continue
        seen.add((direction, node))
        (out if direction == "out" else into).append((node, kind))
    return out, into


def _label(graph: nx.MultiDiGraph, node: str, centre: str = "") -> str:
    """A node as the site labels it seen from `centre` (web.present: provisions in the interface's language,
    the centre's own document as "this Act"), cut to fit."""

    label = presenter().seen_from(node, centre)
    return label if len(label) <= 28 else label[:27] + "…"


def neighbourhood(centre: str, limit: int = 16) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """`neighbours` in the law graph served now, worked out once per knowledge-base version (a
    section's page and the pages of its units show the same ones, in the figure and in its list)."""
    current = snapshot()
    return current.cached(("neighbours", centre, limit), lambda: neighbours(current.kb.graph, centre, limit))


def section_figure(centre: str) -> str:
    """The figure of a provision page, drawn once per knowledge-base version and language."""
    current = snapshot()
    return current.cached(("neighbourhood svg", centre, current_language()), lambda: neighbourhood_svg(
        current.kb.graph, centre, lambda n: node_href(current.kb, n), around=neighbourhood(centre)))


def neighbourhood_svg(graph: nx.MultiDiGraph, centre: str, href: Callable[[str], str], limit: int = 16,
                      around: tuple | None = None) -> str:
    """The SVG markup (an accessible figure: title and description name what it shows); `href`
    gives each node's link; `around`, the centre's `neighbours` when they are known already."""
    out, into = around or neighbours(graph, centre, limit)
    cx, cy, r = WIDTH / 2, HEIGHT / 2, min(WIDTH, HEIGHT) / 2 - 50
    places: list[tuple[str, str, float, float, str]] = []
    for side, items in (("out", out), ("in", into)):
        for i, (node, kind) in enumerate(items):
            angle = math.pi * (i + 1) / (len(items) + 1) - math.pi / 2
            x = cx + (r * 1.35 * math.cos(angle) if side == "out" else -r * 1.35 * math.cos(angle))
            y = cy + r * math.sin(angle)
            places.append((node, kind, x, y, side))
    title = presenter().around_text("figure", centre)
    desc = (ngettext("%(num)s node it cites on the right", "%(num)s nodes it cites on the right", len(out))
            + separator(";") + ngettext("%(num)s node citing it on the left", "%(num)s nodes citing it on the left",
                                        len(into))
            if places else gettext("No cross-references to or from this provision"))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="graph-title graph-desc" class="neighbourhood">',
             f'<title id="graph-title">{escape(title)}</title><desc id="graph-desc">{escape(desc)}</desc>',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#777"/></marker></defs>']
    for node, kind, x, y, side in places:
        (x1, y1, x2, y2) = (cx, cy, x, y) if side == "out" else (x, y, cx, cy)
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#999" '
                     f'stroke-width="1.2" marker-end="url(#arrow)"><title>{escape(word(kind))}</title></line>')
        mx, my = cx + (x - cx) * EDGE_LABEL_AT, cy + (y - cy) * EDGE_LABEL_AT
        parts.append(f'<text x="{mx:.0f}" y="{my - 3:.0f}" font-size="11" fill="#666" text-anchor="middle" {HALO}>'
                     f'{escape(word(kind))}</text>')
    for node, kind, x, y, side in places:
        colour = COLOURS.get(graph.nodes[node].get("kind", ""), "#333")
        link = href(node)
        label = escape(_label(graph, node, centre))
        shape = (f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="{colour}"/>'
                 f'<text x="{x + (10 if side == "out" else -10):.0f}" y="{y + 4:.0f}" font-size="12" '
                 f'fill="{colour}" text-anchor="{"start" if side == "out" else "end"}" {HALO}>{label}</text>')
        parts.append(f'<a href="{escape(link)}">{shape}</a>' if link else shape)
    parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="10" fill="#f0a500"/>'
                 f'<text x="{cx:.0f}" y="{cy - 16:.0f}" font-size="14" font-weight="bold" fill="#1a1a1a" '
                 f'text-anchor="middle">{escape(_label(graph, centre))}</text>')
    parts.append("</svg>")
    return "".join(parts)


PATH_WIDTH, ROW = 760, 34


def figure_paths(answer, limit: int = 8) -> list[list[str]]:
    """The paths the govern figure draws (and its list rendering shows): those of the first results."""
    return [r.path for r in answer.results[:limit] if r.path]


def paths_text(paths: list[list[str]]) -> str:
    """The paths in words, as the results' paths say them (the figure's description)."""
    return separator(";").join(" — ".join(presenter().step(s, node=not i % 2) for i, s in enumerate(p)) for p in paths)


def paths_svg(kb, answer, limit: int = 8) -> str:
    """The paths of an answer's first results as an SVG picture: the words of the input on the
    left, the nodes each path goes through, the provisions on the right (each a link)."""

    paths = figure_paths(answer, limit)
    columns = max((len(p[0::2]) for p in paths), default=0)
    places: dict[str, tuple[int, int]] = {}
    per_column = [0] * columns
    edges: list[tuple[str, str, str]] = []
    for path in paths:
        nodes, kinds = path[0::2], path[1::2]
        for j, node in enumerate(nodes):
            if node not in places:
                col = columns - len(nodes) + j
                places[node] = (col, per_column[col])
                per_column[col] += 1
        edges += [(nodes[j], nodes[j + 1], kinds[j]) for j in range(len(nodes) - 1)]
    height = 30 + ROW * max(per_column, default=1)
    step = (PATH_WIDTH - 220) / max(1, columns - 1)

    def xy(node: str) -> tuple[float, float]:
        col, row = places[node]
        return 20 + col * step, 24 + row * ROW

    title = ngettext("How the first result was reached", "How the first %(num)s results were reached", len(paths))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PATH_WIDTH} {height}" role="img" '
             f'aria-labelledby="paths-title paths-desc" class="govern-paths">',
             f'<title id="paths-title">{escape(title)}</title>',
             f'<desc id="paths-desc">{escape(paths_text(paths))}</desc>']
    for a, b, kind in dict.fromkeys(edges):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#999" stroke-width="1.2">'
                     f'<title>{escape(presenter().step(kind))}</title></line>')
    for node in places:
        x, y = xy(node)
        graph_kind = kb.graph.nodes[node].get("kind", "") if node in kb.graph else ""
        colour = COLOURS.get(graph_kind, "#8a5a00" if node.startswith("thesaurus:") else "#444444")
        text = presenter().step(node, node=True)  # as the results' paths say
        text = text if len(text) <= 34 else text[:33] + "…"
        shape = (f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="{colour}"/>'
                 f'<text x="{x + 9:.0f}" y="{y + 4:.0f}" font-size="12" fill="{colour}" {HALO}>{escape(text)}</text>')
        link = node_href(kb, node) if node in kb.graph else ""
        parts.append(f'<a href="{escape(link)}">{shape}</a>' if link else shape)
    parts.append("</svg>")
    return "".join(parts)
