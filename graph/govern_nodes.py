"""Which articles govern a node of the law graph: a provision, a program, a term, a guidance
page or an amending act.  The answer is read from the graph, each result with the edge that
brings it and its role; repealed or spent provisions are shown as they are (the node was
asked for by name)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from alinea.model import Section
from graph.govern_input import ADVERSE, Reading, find_words
from graph.govern_rank import REMEDIES, WEIGHTS, Weights, prepare, section_of
from graph.govern_text import GovernAnswer, GovernResult, Understood, govern_text, guidance_results, section_title
from graph.govern_why import Why, step, texts, why
from graph.queries import changed_by, cited_by, cites, governing

RELATIONS = {"applies": 4.0, "applies to": 4.0, "for the purposes of": 3.0, "despite": 2.5, "subject to": 2.5,
             "within the meaning of": 2.5, "cites": 2.0}
"""How strongly a reference edge ties two provisions (the provision asked about scores 10)."""


@dataclass
class _Found:
    node: str
    score: float
    role: str
    reason: Why
    path: tuple[str, ...]


class _Collect:
    """Results keyed by section: the strongest reason leads, the others are appended."""

    def __init__(self, kb) -> None:
        self.kb, self.prep = kb, prepare(kb)
        self.found: dict[str, list[_Found]] = {}

    def add(self, node: str, score: float, reason: Why, path: tuple[str, ...], role: str | None = None) -> None:
        section = section_of(node)
        if section not in self.kb or node.startswith("guidance:") or not isinstance(self.kb.get(section).node, Section):
            return
        role = role or self.prep.roles.get(section, "rule")
        self.found.setdefault(section, []).append(_Found(node, score, role, reason, path))

    def results(self, limit: int) -> list[GovernResult]:
        ranked = sorted(self.found.items(), key=lambda kv: (-max(f.score for f in kv[1]), self._order(kv[0])))
        out = []
        for rank, (section, found) in enumerate(ranked[:limit], 1):
            found.sort(key=lambda f: -f.score)
            lead = found[0]
            reasons = list(dict.fromkeys(f.reason for f in found))[:4]
            out.append(GovernResult(id=lead.node, section=section, score=round(lead.score, 4), role=lead.role,
                                    reason=texts(reasons, "en", self.kb), reasons=tuple(reasons), path=lead.path,
                                    title=section_title(self.kb, section), status=self.kb.get(section).node.status,
                                    rank=rank))
        return out

    def _order(self, section: str) -> int:
        return self.prep.order.get(section, 10**6)


def govern_node(reading: Reading, kb, search_index, limit: int, weights: Weights = WEIGHTS) -> GovernAnswer:
    """The provisions that govern a node (see the module docstring)."""
    node = reading.node
    assert node is not None
    collect = _Collect(kb)
    if reading.kind == "program":
        _program(collect, node)
    elif reading.kind == "term":
        _term(collect, node)
    elif reading.kind == "amending act":
        _amending_act(collect, node)
    elif reading.kind == "guidance":
        return _guidance(reading, kb, search_index, limit, weights)
    else:
        _provision(collect, node)
    name = kb.graph.nodes[node].get("label", node) if node in kb.graph else node
    concepts = (Understood(node, reading.text, str(name)),)
    results = collect.results(limit)
    results += guidance_results(kb, [r.section for r in results], len(results))
    messages = reading.messages + (() if results else (f"nothing in the corpus is linked to {node}",))
    return GovernAnswer(reading.text, reading.lang, reading.kind, concepts, tuple(results), node, messages)


def _provision(collect: _Collect, node: str) -> None:
    kb, graph = collect.kb, collect.kb.graph
    me = section_of(node)
    collect.add(node, 10.0, why("asked"), (node,))
    for link in cites(graph, node):
        target = link.target
        if link.type in ("uses term", "defines"):
            for definition in collect.prep.defines.get(target, ()):
                if section_of(definition) != me:
                    collect.add(definition, 2.2, why("defines used", terms={"term": target}, ids={"what": me}),
                                (link.source, step("uses term"), target, step("defined by"), definition), "definition")
        elif link.type == "applies to":
            continue
        elif link.type in RELATIONS and section_of(target) != me:
            program = _program_of(graph, link.source) if link.type == "applies" else ""
            reason = why("applies it to" if program else "applies it" if link.type == "applies" else f"{link.type} it",
                         ids={"source": me}, words={"words": link.text}, concepts={"program": program} if program else None)
            collect.add(target, RELATIONS[link.type], reason, (link.source, step(link.type), target))
    for link in cited_by(graph, node):
        source = link.source
        if link.type in RELATIONS and not source.startswith("guidance:") and section_of(source) != me:
            program = _program_of(graph, source) if link.type == "applies" else ""
            if program:
                reason = why("makes apply to", ids={"what": me}, concepts={"program": program})
            elif link.type == "applies":
                reason = why("makes apply", ids={"what": me})
            elif link.type == "for the purposes of":
                reason = why("regulation for it", ids={"what": me})
            else:
                reason = why(f"it {link.type}", ids={"target": me}, words={"words": link.text})
            collect.add(source, RELATIONS[link.type] * 0.9, reason, (source, step(link.type), link.target))
    _enabling(collect, me)
    found = kb.get(me).node if me in kb else None
    text = " ".join(u.text for u in found.walk()) if hasattr(found, "walk") else getattr(found, "heading", "")
    if find_words(text, "en", ADVERSE):
        _remedies(collect, me)


def _enabling(collect: _Collect, me: str) -> None:
    """The enabling relation both ways: a regulation's rule is governed by the powers the regulation
    is made under; a power governs the regulations made under it (their first rule stands for each)."""
    kb, prep = collect.kb, collect.prep
    doc = prep.document.get(me)
    for power in prep.made_under.get(doc, ()):
        collect.add(power, 3.0, why("made under it", ids={"regulation": doc}), (doc, step("made under"), power),
                    "regulation power")
    for regulation, powers in prep.made_under.items():
        first = next((s.id for s in kb.get(regulation).node.sections), None) if regulation in kb else None
        if first and any(section_of(p) == me for p in powers):
            collect.add(first, 2.7, why("made under", ids={"regulation": regulation, "power": me}),
                        (regulation, step("made under"), next(p for p in powers if section_of(p) == me)))


def _program_of(graph, unit: str) -> str:
    """The program the unit makes something apply to (``program:basic-income``), else ''."""
    return next((v for _, v, t in graph.out_edges(unit, data="type") if t == "applies to"), "")


def _remedies(collect: _Collect, origin: str) -> None:
    """Review and contestation, for a provision that provides for a decision."""
    glossary = collect.kb.glossary
    for concept_id in REMEDIES:
        concept = glossary.get(concept_id) if glossary else None
        for section in collect.prep.defines.get(concept_id, ()) + collect.prep.provides.get(concept_id, ()):
            if concept is not None and section.startswith(collect.prep.statute + "/"):
                collect.add(section, 1.5, why("decision", ids={"what": origin}, concepts={"remedy": concept_id}),
                            (origin, step("decisions reviewed by"), concept_id, step("provided for by"), section),
                            "procedure")


def _program(collect: _Collect, program: str) -> None:
    graph = collect.kb.graph
    name = {"program": program}
    answer = governing(graph, program)
    for link in answer["established by"]:
        collect.add(link.source, 9.0, why("establishes", concepts=name), (program, step("established by"), link.source))
    for i, section in enumerate(answer["sections"]):
        collect.add(section, 8.0 - i * 0.05, why("chapter of", concepts=name), (program, step("contains"), section))
    for link in answer["applied"]:
        if not link.via:
            collect.add(link.source, 8.6, why("makes others apply", concepts=name),
                        (program, step("made to apply by"), link.source))
            continue
        if link.source.startswith("program:"):
            collect.add(link.via, 8.6, why("makes rules apply", concepts={**name, "other": link.source}),
                        (program, step("made to apply by"), link.via, step("applies"), link.source))
            continue
        collect.add(link.source, 5.0, why("applied", ids={"via": section_of(link.via)}, concepts=name),
                    (program, step("made to apply by"), link.via, step("applies"), link.source))
    for link in answer["regulations"]:
        collect.add(link.source, 7.6, why("regulations for program", concepts=name), (program, step("regulations for it"), link.source),
                    "regulation power")
    for link in answer["named by"]:
        if link.type == "defines":
            collect.add(link.source, 9.2, why("defines program", concepts=name), (program, step("defined by"), link.source), "definition")
        else:
            collect.add(link.source, 2.0, why("names said", concepts=name, words={"words": link.text}) if link.text
                        else why("names", concepts=name), (program, step(link.type), link.source))


def _term(collect: _Collect, term: str) -> None:
    graph = collect.kb.graph
    for definition in collect.prep.defines.get(term, ()):
        collect.add(definition, 9.0, why("defines", terms={"term": term}), (term, step("defined by"), definition), "definition")
    counts: dict[str, int] = {}
    for u, _, kind in graph.in_edges(term, data="type"):
        if kind in ("uses term", "cites") and not u.startswith("guidance:"):
            counts[section_of(u)] = counts.get(section_of(u), 0) + 1
    for section, n in counts.items():
        used = why("uses times", terms={"term": term}, numbers={"count": n}) if n > 1 else why("uses", terms={"term": term})
        collect.add(section, 2.0 + min(n, 10) / 10, used,
                    (term, step("used by"), section))


def _amending_act(collect: _Collect, act: str) -> None:
    for link in changed_by(collect.kb.graph, act):
        collect.add(link.source, 5.0, why("history", words={"entry": link.text}), (act, step("amended"), link.source))


def _guidance(reading: Reading, kb, search_index, limit: int, weights: Weights) -> GovernAnswer:
    """A guidance page: the articles it cites first, then what governs its text."""
    node = reading.node
    assert node is not None
    located = kb.get(node)
    doc = located.doc
    sections = [located.section] if located.section is not None else list(doc.sections)
    cited: dict[str, tuple[str, str]] = {}
    words = []
    for section in sections:
        words.append(section.heading)
        for unit in section.walk():
            words.append(unit.text)
            for ref in kb.refs_out.get(unit.id, []):
                if ref.type == "cited by guidance" and ref.target in kb and section_of(ref.target) not in cited:
                    cited[section_of(ref.target)] = (unit.id, ref.text)
    found = govern_text(Reading("\n".join(t for t in words if t), doc.lang, "text"), kb, search_index, limit, weights)
    results: list[GovernResult] = []
    for section, (unit, said) in cited.items():
        cites = why("page cites", words={"words": said})
        results.append(GovernResult(id=section, section=section, score=100.0, role=prepare(kb).roles.get(section, "rule"),
                                    reason=texts([cites], "en", kb), reasons=(cites,), path=(unit, step("cited by guidance"), section),
                                    title=section_title(kb, section), status=kb.get(section).node.status))
    results += [r for r in found.results if r.section not in cited and r.role != "guidance"]
    ranked = tuple(replace(r, rank=i) for i, r in enumerate(results[:limit], 1))
    name = kb.graph.nodes[node].get("label", doc.title) if node in kb.graph else doc.title
    return GovernAnswer(reading.text, doc.lang, "guidance", (Understood(node, reading.text, str(name)),) + found.concepts,
                        ranked, node, reading.messages)
