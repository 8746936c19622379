"""Text mode of "which articles govern this?": cues, retrieval, graph evidence, ranking, and the
answer's shape (shared with the node mode, graph.govern_nodes)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Callable

from graph.govern_delegation import delegation
from graph.govern_input import Cues, Reading, cues
from graph.govern_rank import ROLES, WEIGHTS, Candidate, Scorer, Weights, label, prepare, role_of
from graph.govern_why import Why, step, texts, why

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
GUIDANCE_LIMIT = 3
TEXT_LIKE = ("text", "bridge", "feedback", "heading", "lay", "aspect")
"""Evidence from words alone: a result's path is drawn from the graph or the thesaurus first."""
MAX_REASONS = 5
"""Reasons a result gives at most, strongest first."""


@dataclass(frozen=True)
class Understood:
    """Something the text was read as saying: a thesaurus entry or a glossary concept."""

    id: str
    """``thesaurus:leaving-a-job``, ``term:spouses``, ``program:basic-income``, or a cited provision."""
    said: str
    """The words of the text."""
    means: str
    """What the Act calls it (or the provision cited)."""


@dataclass(frozen=True)
class GovernResult:
    """One provision that governs the input."""

    id: str
    """The pinpoint: the unit where the match lies (``A-13.1.1/22/p1/3``), else the section."""
    section: str
    """The section (``A-13.1.1/22``); for guidance, the page's section."""
    score: float
    role: str
    """``rule``, ``definition``, ``procedure``, ``regulation power`` or ``guidance``."""
    reason: str
    """Why it applies, in English words (the strongest reasons first): `reasons` printed."""
    path: tuple[str, ...]
    """node, edge, node, ...: the chain that justifies the result: for a definition or a regulation
    power, the route through that term or power; else the strongest reason drawn from the graph
    or the thesaurus (the full-text match when there is none).  Even positions are nodes (graph
    ids, ``text: ‘…’`` for words of the input, ``thesaurus:<entry>``), odd positions name the
    edges; the last node is the result."""
    matched: tuple[str, ...] = ()
    """Words of the pinpoint's text that matched the input."""
    title: str = ""
    """``s. 59`` and the section's heading, or the guidance page's title."""
    status: str = "in force"
    rank: int = 0
    """1 for the best provision; guidance comes after the provisions."""
    reasons: tuple[Why, ...] = ()
    """Why it applies, as data (graph.govern_why), strongest first: what the site prints in its language."""


@dataclass(frozen=True)
class GovernAnswer:
    """The provisions that govern an input, best first."""

    query: str
    lang: str
    input_kind: str
    """``text``, ``provision``, ``program``, ``term``, ``guidance`` or ``amending act``."""
    concepts: tuple[Understood, ...]
    results: tuple[GovernResult, ...]
    node: str | None = None
    """The node, in node mode."""
    messages: tuple[str, ...] = ()

    def groups(self) -> list[tuple[str, list[GovernResult]]]:
        """Results grouped by role, each group in rank order, the group holding the best-ranked
        result first (ROLES order between groups whose best ranks tie): a reader sees the best
        answer first whatever its role."""
        groups = [(role, [r for r in self.results if r.role == role]) for role in ROLES
                  if any(r.role == role for r in self.results)]
        return sorted(groups, key=lambda group: min(r.rank for r in group[1]))

    def documents(self) -> list[tuple[str, list[GovernResult]]]:
        """Results grouped by document (the statute's first, guidance pages apart), each in rank order."""
        out: dict[str, list[GovernResult]] = {}
        for r in self.results:
            if r.role != "guidance":
                out.setdefault(r.section.split("/")[0], []).append(r)
        return list(out.items())

    def to_dict(self, say: Callable[[Why], str] | None = None) -> dict:
        """The answer as JSON data; each reason as data, and with its text when `say` prints one
        (then `reason` is those texts, in say's language)."""
        out = {"query": self.query, "lang": self.lang, "input_kind": self.input_kind,
               "concepts": [asdict(c) for c in self.concepts],
               "results": [{f.name: getattr(r, f.name) for f in fields(r)} for r in self.results],
               "node": self.node, "messages": self.messages}
        for result, data in zip(self.results, out["results"]):
            data["reasons"] = [dict(r.to_dict(), **({"text": say(r)} if say else {})) for r in result.reasons]
            if say:
                data["reason"] = "; ".join(r["text"] for r in data["reasons"])
        out["groups"] = {role: [r.rank for r in results] for role, results in self.groups()}
        out["documents"] = {doc: [r.rank for r in results] for doc, results in self.documents()}
        return out


def govern_text(reading: Reading, kb, search_index, limit: int, weights: Weights = WEIGHTS) -> GovernAnswer:
    """Text mode: cues, retrieval, graph evidence, ranking."""
    found = cues(reading, kb)
    scorer = Scorer(kb, reading, found, weights)
    ranked = scorer.run(search_index)
    remedies = [c for c in ranked[limit:] if any(r.kind in ("remedy", "adverse") for r in c.reasons)][:limit // 2]
    chosen = ranked[:limit - len(remedies)] + remedies  # the remedies take the last places: never more than `limit`
    results = [result(kb, c, role_of(scorer.prep, c), rank) for rank, c in enumerate(chosen, 1)]
    results += guidance_results(kb, [r.section for r in results], len(results))
    messages = reading.messages
    if not results:
        messages += ("nothing in the Act matches this text: try other words",)
    return GovernAnswer(reading.text, reading.lang, "text", understood(kb, found), tuple(results), None, messages)


def result(kb, c: Candidate, role: str, rank: int) -> GovernResult:
    """A candidate as a result: pinpoint, reasons strongest first, the strongest reason's path."""
    reasons = sorted(c.reasons, key=lambda r: -c.weighed(r))
    pinpoint = next((r.pinpoint for r in reasons if r.pinpoint), None) or c.best or c.section
    whys = list(dict.fromkeys(r.why for r in reasons))
    if c.program_reason:
        whys.insert(1, c.program_reason[0])
    kinds = {"definition": ("definition", "term"), "regulation power": ("enables", "regulation")}.get(role, ())
    path = next((r.path for kind in kinds for r in reasons if r.kind == kind), None) or \
        next((r.path for r in reasons if r.kind not in TEXT_LIKE), reasons[0].path)
    whys = whys[:MAX_REASONS]
    if role != "regulation power" and (left := delegation(kb, pinpoint)):
        whys.append(why("delegates", words={"words": left.words}, ids={"regulation": left.regulation,
                                                                      "power": left.powers[0]}) if left.powers
                    else why("delegates nowhere", words={"words": left.words}, ids={"regulation": left.regulation}))
    return GovernResult(id=pinpoint, section=c.section, score=round(c.score, 4), role=role,
                        reason=texts(whys, "en", kb), path=path, matched=c.matched,
                        title=section_title(kb, c.section), status=kb.get(c.section).node.status, rank=rank,
                        reasons=tuple(whys))


def section_title(kb, section: str) -> str:
    node = kb.get(section).node
    heading = getattr(node, "heading", "")
    if section.startswith("guidance:"):
        doc = kb.get(section).doc
        return f"{doc.title} — {heading}" if heading else doc.title
    return f"{label(kb, section)} {heading}".strip()


def guidance_results(kb, sections: list[str], after: int) -> list[GovernResult]:
    """Guidance pages that cite the best sections, best-cited first (at most GUIDANCE_LIMIT)."""
    prep = prepare(kb)
    found: dict[str, tuple[int, str, str]] = {}
    for position, section in enumerate(sections):
        for unit in prep.guidance.get(section, ()):
            page_section = section_of_guidance(unit)
            if page_section not in found:
                found[page_section] = (position, unit, section)
    out = []
    for rank, (page_section, (position, unit, section)) in enumerate(sorted(found.items(), key=lambda x: x[1][0])[:GUIDANCE_LIMIT],
                                                                     after + 1):
        cites = why("guidance cites", ids={"what": section})
        out.append(GovernResult(id=unit, section=page_section, score=0.0, role="guidance",
                                reason=texts([cites], "en", kb), reasons=(cites,),
                                path=(section, step("cited by guidance"), unit), title=section_title(kb, page_section),
                                status=kb.get(page_section).node.status, rank=rank))
    return out


def section_of_guidance(node: str) -> str:
    """``guidance:adel-66-72/11/p2`` -> ``guidance:adel-66-72/11``."""
    return "/".join(node.split("/")[:2])


def understood(kb, found: Cues) -> tuple[Understood, ...]:
    """What the text was read as saying, in text order."""
    items: list[tuple[int, Understood]] = []
    for m in found.thesaurus:
        entry = kb.thesaurus.get(m.entry)
        items.append((m.start, Understood(f"thesaurus:{m.entry}", m.text, entry.means[0])))
    glossary = kb.glossary
    for m in found.concepts:
        items.append((m.start, Understood(m.concept, m.text, glossary.get(m.concept).en)))
    items.sort(key=lambda x: x[0])
    citations = [Understood(target, said, label(kb, target)) for target, said in found.citations]
    return tuple(dict.fromkeys([u for _, u in items] + citations))
