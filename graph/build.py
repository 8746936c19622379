"""The law graph: every node of the corpus and everything its references reach, in networkx.

`build_graph(corpus, references)` returns a `networkx.MultiDiGraph` whose nodes have
``kind`` (``document``, ``guidance``, ``division``, ``section``, ``unit``, ``term``,
``program``, ``amending act``, ``external act``, ``external provision``), ``label``,
``in_corpus``, and ``url`` (LégisQuébec for Québec provisions, in the corpus or not).
Edges are ``contains`` (document > division > section > unit, and act > provision for
acts outside the corpus) and one edge per reference with its ``type``, ``text``,
offsets and ``field``.  Unresolved references stay in `Corpus.references` only;
an ambiguous one gets an ``ambiguous`` edge to each candidate.  Where a provision
is made to apply to a program ("Sections 49 to 51 … apply to the Basic Income
Program"), a derived ``applies to`` edge runs from each applied provision to the
program, with ``via`` naming the provision that says so.  A mention of the citing document
as a whole (« le présent règlement », "this Act") is an edge to its document node marked
``self_mention``: the queries that count or follow citations leave it out (`graph.queries`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from alinea.ids import (
    ANNUAL_RE,
    InvalidId,
    ProvisionId,
    legisquebec_url,
)
from alinea.model import Corpus, Reference
from graph.cite import Index, act_citation, cite, official_url
from graph.terms import Concept, find_concepts

NOT_EDGES = ("unresolved",)


def build_graph(corpus: Corpus, references: Iterable[Reference], index: Index | None = None,
                concepts: list[Concept] | None = None) -> nx.MultiDiGraph:
    """The graph of a corpus and its references."""
    index = index or Index.build(corpus)
    graph = nx.MultiDiGraph()
    _add_corpus(graph, corpus)
    for concept in concepts if concepts is not None else find_concepts(corpus):
        graph.add_node(concept.id, kind=concept.kind, label=concept.label, in_corpus=True)
    amending = {r.target for r in references if r.type == "amended by"}
    references = list(references)
    for ref in references:
        if ref.type in NOT_EDGES:
            continue
        targets = ref.candidates if ref.type == "ambiguous" else (ref.target,)
        for target in targets:
            _ensure(graph, target, index, amending)
            graph.add_edge(ref.source, target, **_edge_attributes(ref))
    _add_applied(graph, references)
    return graph


def _add_corpus(graph: nx.MultiDiGraph, corpus: Corpus) -> None:
    for doc in corpus.documents:
        guidance = doc.kind == "guidance"
        graph.add_node(doc.id, kind="guidance" if guidance else "document", label=doc.title,
                       in_corpus=True, url=doc.url or ("" if guidance else legisquebec_url(doc.id, doc.lang)))
        for div in doc.divisions:
            graph.add_node(div.id, kind="division", label=f"{div.label} {div.heading}".strip(),
                           in_corpus=True, status=div.status, url="" if guidance else legisquebec_url(doc.id, doc.lang))
            graph.add_edge(div.parent or doc.id, div.id, type="contains")
        for section in doc.sections:
            url = "" if guidance else legisquebec_url(section.id, doc.lang)
            label = section.heading if guidance and section.heading else provision_label(section.id, doc.lang)
            graph.add_node(section.id, kind="section", label=label, in_corpus=True, status=section.status, url=url)
            graph.add_edge(section.parent or doc.id, section.id, type="contains")
            for unit in section.walk():
                graph.add_node(unit.id, kind="unit", label=provision_label(unit.id, doc.lang), in_corpus=True,
                               status=unit.status, url="" if guidance else legisquebec_url(unit.id, doc.lang))
                graph.add_edge(unit.id.rsplit("/", 1)[0], unit.id, type="contains")


def provision_label(node: str, lang: str = "en") -> str:
    """A provision's label in the graph: its short citation within its own document
    (`graph.cite.cite`).

    >>> provision_label("A-13.1.1/55/p1/2/a"), provision_label("A-13.1.1/22/p1/3", "fr")
    ('s. 55(2)(a)', 'art. 22, al. 1, par. 3°')
    """
    return cite(node, "short", lang, home=node.split("/", 1)[0])


def _ensure(graph: nx.MultiDiGraph, target: str, index: Index, amending: set[str]) -> None:
    """Add a node for a target outside the corpus (with its act, for a provision)."""
    if target in graph:
        return
    if target.startswith(("program:", "term:")):
        graph.add_node(target, kind=target.split(":", 1)[0], label=target.split(":", 1)[1], in_corpus=False)
        return
    if target.startswith("standard:"):  # a technical standard (graph.cite.standard_id)
        graph.add_node(target, kind="standard", label=target.split(":", 1)[1].upper(), in_corpus=False)
        return
    if m := ANNUAL_RE.match(target):
        act = f"{m[1]}, c. {m[2]}"
        kind = "amending act" if act in amending else "external act"
        if act not in graph:
            graph.add_node(act, kind=kind, label=index.written.get(act, act), in_corpus=False)
        if m[3]:
            graph.add_node(target, kind="external provision", label=target, in_corpus=False)
            graph.add_edge(act, target, type="contains")
        return
    if re.match(r"^D\. \d+-\d{4}$", target):
        graph.add_node(target, kind="amending act", label=target, in_corpus=False)
        return
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        graph.add_node(target, kind="external act", label=target, in_corpus=False)
        return
    if pid.doc not in graph:
        graph.add_node(pid.doc, kind="external act", label=_act_label(pid.doc, index),
                       in_corpus=False, url=_url(pid.doc))
    if target != pid.doc:
        graph.add_node(target, kind="external provision", label=cite(target, "short", "en"),
                       in_corpus=False, url=_url(target))
        graph.add_edge(pid.doc, target, type="contains")


def _act_label(doc: str, index: Index) -> str:
    title = index.written.get(doc)
    return f"{title} ({act_citation(doc)})" if title else act_citation(doc)


def _url(node: str) -> str:
    return official_url(node)


def _edge_attributes(ref: Reference) -> dict:
    attributes = {"type": ref.type, "text": ref.text, "field": ref.field}
    if ref.start is not None:
        attributes.update(start=ref.start, end=ref.end)
    if ref.note:
        attributes["note"] = ref.note
    if ref.self_mention:
        attributes["self_mention"] = True
    return attributes


def _add_applied(graph: nx.MultiDiGraph, references: list[Reference]) -> None:
    """Derived edges: each provision made to apply to a program -> that program."""
    by_text: dict[tuple[str, str], list[Reference]] = {}
    for ref in references:
        by_text.setdefault((ref.source, ref.field), []).append(ref)
    for (source, _), refs in by_text.items():
        programs = [r.target for r in refs if r.type == "applies to" and r.target.startswith("program:")]
        for program in programs:
            for ref in refs:
                if ref.type == "applies" and ref.target and ref.target != program and not ref.self_mention:
                    graph.add_edge(ref.target, program, type="applies to", via=source, text=ref.text,
                                   field=ref.field, derived=True)
