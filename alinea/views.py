"""Views of one provision: plain text for `alinea show`, JSON for `--json` and the API."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from alinea.export import history_dict, note_dict, reference_dict, unit_dicts
from alinea.ids import legisquebec_url
from alinea.kb import KnowledgeBase
from alinea.model import IN_FORCE, Division, Document, Reference, Section, Unit


def citations(kb: KnowledgeBase, node_id: str) -> dict[str, dict[str, str]]:
    """The provision cited in every style and language (`graph.cite.cite`): style -> lang -> text."""
    from graph.cite import LANGS, STYLES, cite

    doc = kb.get(node_id).doc
    statute = kb.default_statute()
    home = statute.id if statute else None
    return {style: {lang: cite(node_id, style, lang, home=home, title=doc.title if lang == doc.lang else None)
                    for lang in LANGS} for style in STYLES}


def breadcrumb(kb: KnowledgeBase, node_id: str) -> str:
    located = kb.get(node_id)
    parts = [located.doc.title] + [f"{d.label} {d.heading}".strip() for d in kb.ancestors(node_id)]
    return " › ".join(parts)


@dataclass(frozen=True)
class Line:
    """One line of a provision's text as printed: a paragraph, a subparagraph, an item, or the
    closing words of a unit, at its depth in the structure."""

    depth: int
    """0 for a paragraph, 1 for ``(1)``, 2 for ``(a)``, 3 for ``i.``."""
    label: str
    """``55.`` (the section number on its first paragraph), ``(1)``, ``(a)``, ``i.``; may be empty."""
    text: str
    """The unit's own words, with its status when it is not in force (``[repealed]``)."""
    closing: bool = False
    """True for words that close a unit after its children ("is not subject to review.")."""


def provision_lines(node: object) -> list[Line]:
    """A section or unit as lines, each subdivision on its own line at its depth: the one
    structure that terminals, handouts and print show."""
    if isinstance(node, Section):
        lines = [Line(0, "", node.heading)] if node.heading else []
        if node.status_text:
            lines.append(Line(0, f"{node.number}.", node.status_text))
        for i, unit in enumerate(node.units):
            first = i == 0 and not node.status_text
            lines += _unit_lines(unit, 0, f"{node.number}." if first else "")
        return lines
    if isinstance(node, Unit):
        return _unit_lines(node, 0)
    return [Line(0, "", getattr(node, "title", None) or getattr(node, "heading", ""))]


def _unit_lines(unit: Unit, depth: int, prefix: str = "") -> list[Line]:
    label = " ".join(part for part in (prefix, unit.label) if part)
    status = f" [{unit.status}]" if unit.status != IN_FORCE else ""
    lines = [Line(depth, label, unit.text + status)]
    for child in unit.children:
        lines += _unit_lines(child, depth + 1)
    if unit.closing:
        lines.append(Line(depth, "", unit.closing, closing=True))
    return lines


def _wrapped(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        indent = "    " * line.depth
        words = f"{line.label} {line.text}".strip()
        out += textwrap.wrap(words, 100, initial_indent=indent,
                             subsequent_indent=indent + ("" if line.closing else "    ")) or [indent]
    return out


@dataclass(frozen=True)
class MadeUnder:
    """A regulation made under a provision (or a unit under it), as its enabling note says."""

    regulation: str
    """The regulation's id (``S-2.1-r12.1``)."""
    title: str
    """Its title."""
    targets: tuple[str, ...]
    """What its note names at or under the provision (``S-2.1/223/p1/7``, ``S-2.1/223/p2``)."""
    text: str
    """The note's words, as printed (« chapitre S-2.1, a. 223, 1er al., par. 7, 8, 19 et 42 »)."""


def made_under(kb: KnowledgeBase, node_id: str) -> list[MadeUnder]:
    """The regulations of the library made under a provision or any unit under it (``made under``
    references read backwards), in the library's order, each once."""
    by_regulation: dict[str, list[Reference]] = {}
    for ref in kb.refs_into(node_id, "made under"):
        by_regulation.setdefault(ref.source, []).append(ref)
    order = {d.id: i for i, d in enumerate(kb.documents)}
    return [MadeUnder(reg, kb.document(reg).title, tuple(dict.fromkeys(r.target for r in refs)),
                      " ; ".join(dict.fromkeys(r.text for r in refs)))
            for reg, refs in sorted(by_regulation.items(), key=lambda item: order.get(item[0], 0))]


def _made_under_lines(kb: KnowledgeBase, node_id: str, words=None) -> list[str]:
    regulations = made_under(kb, node_id)
    if not regulations:
        return []
    heading = "Regulations made under this provision:" if words is None else \
        words("regulations made under this section").capitalize() + words.sign(":").rstrip()
    lines = ["", heading]
    for m in regulations:
        below = [t[len(node_id) + 1:] for t in m.targets if t != node_id]
        lines.append(f"  {m.regulation} — {m.title}" + (f"  [{', '.join(below)}]" if below else ""))
    return lines


def _made_under_dicts(kb: KnowledgeBase, node_id: str) -> list[dict]:
    return [{"id": m.regulation, "title": m.title, "targets": list(m.targets), "text": m.text}
            for m in made_under(kb, node_id)]


def outside_text(kb: KnowledgeBase, node_id: str) -> str:
    """An id outside the library that the library refers to: where its text is, what refers to it."""
    from graph.cite import official_url

    url = official_url(node_id, _referrers_lang(kb, node_id))
    lines = [node_id, f"not in the library: {_outside_label(kb, node_id)}"]
    if url:
        lines.append(f"official: {url}")
    lines += _made_under_lines(kb, node_id)
    cited = [r for r in kb.refs_into(node_id) if r.type != "made under"]
    if cited:
        lines += ["", "Cited by:"] + [f"  {r.source} {r.type} {r.target}: {r.text}" for r in cited]
    return "\n".join(lines)


def outside_json(kb: KnowledgeBase, node_id: str) -> dict:
    """The JSON of an id outside the library that the library refers to."""
    from graph.cite import official_url

    doc = node_id.split("/", 1)[0]
    return {"id": node_id, "document": doc, "kind": "external provision" if "/" in node_id else "external act",
            "in_library": False, "breadcrumb": [], "title": _outside_label(kb, node_id),
            "url": official_url(node_id, _referrers_lang(kb, node_id)),
            "regulations": _made_under_dicts(kb, node_id),
            "references_in": [reference_dict(r) for r in kb.refs_into(node_id)]}


def _referrers_lang(kb: KnowledgeBase, node_id: str) -> str:
    """The language of the first document that refers to an id: the official page to link to."""
    sources = [r.source for r in kb.refs_into(node_id) if r.source in kb]
    return kb.get(sources[0]).doc.lang if sources else "en"


def _outside_label(kb: KnowledgeBase, node_id: str) -> str:
    graph = kb.graph
    doc = node_id.split("/", 1)[0]
    act = str(graph.nodes[doc].get("label", doc)) if doc in graph else doc
    if node_id == doc:
        return act
    return f"{graph.nodes[node_id].get('label', node_id) if node_id in graph else node_id} — {act}"


def provision_text(kb: KnowledgeBase, node_id: str, lang: str = "en") -> str:
    """The provision as a reader wants it in a terminal, its frame in `lang` with the site's words
    (alinea.say): the document's own words as it writes them."""
    from alinea.say import CITE_STYLES, Words, reader_first

    if node_id not in kb and kb.referenced(node_id):
        return outside_text(kb, node_id)
    words = Words(lang)
    located = kb.get(node_id)
    node = located.node
    if isinstance(node, Document):
        current = words("current to %(date)s", date=words.date(node.updated_to)) if node.updated_to else \
            words("consolidation date unknown")
        lines = [f"{node.id} — {node.title}", current, ""]
        for child in kb.children(node.id):
            lines.append(_toc_line(child))
        return "\n".join(lines)
    if isinstance(node, Division):
        lines = [node.id, breadcrumb(kb, node.id), f"{words('Status:')} {words(node.status)}", ""]
        lines += [_toc_line(child) for child in kb.children(node.id)]
        return "\n".join(lines)
    section = located.section
    assert section is not None
    lines = [node.id, breadcrumb(kb, node.id), f"{words('Status:')} {words(section.status)}"]
    if located.doc.kind != "guidance":
        lines.append(words("Official page") + words.sign(":") + legisquebec_url(node.id, located.doc.lang))
        forms = citations(kb, node.id)
        lines += [words(label if each == lang else other[each]) + words.sign(":") + forms[style][each]
                  for style, label, other in CITE_STYLES for each in reader_first(lang)]
    lines.append("")
    if isinstance(node, Section) and located.doc.kind == "guidance":
        lines.append(node.heading)
        if node.period:
            lines.append(f"period: {node.period.start or '…'} to {node.period.end or '…'} ({node.period.text})")
        for unit in node.units:
            lines += _wrapped(_unit_lines(unit, 0))
    else:
        lines += _wrapped(provision_lines(node if isinstance(node, Unit) else section))
    lines.append("")
    if located.doc.kind != "guidance":
        lines.append(words("History:") + " " + ("; ".join(e.raw for e in section.history) or "—"))
    for note in section.notes:
        lines.append(words(note.kind).capitalize() + words.sign(":") + note.text)
    if located.doc.kind != "guidance":
        lines += _made_under_lines(kb, node_id, words)
    return "\n".join(lines)


def _toc_line(node: object) -> str:
    if isinstance(node, Division):
        return f"  {node.label} {node.heading}".rstrip() + f"  [{node.id}]"
    assert isinstance(node, Section)
    first = node.status_text or (node.units[0].text if node.units else "")
    return f"  {node.number}. {first[:80]}"


def references(table: dict[str, list[Reference]], ids: list[str]) -> list[Reference]:
    """The references a table holds for any of the ids, in their order."""
    return [ref for node_id in ids for ref in table.get(node_id, [])]


def provision_json(kb: KnowledgeBase, node_id: str) -> dict:
    """The provision with its context, history and references, as JSON; for an id outside the
    library that the library refers to, what `outside_json` knows of it."""
    if node_id not in kb and kb.referenced(node_id):
        return outside_json(kb, node_id)
    located = kb.get(node_id)
    node = located.node
    out: dict = {"id": node_id, "document": located.doc.id, "lang": located.doc.lang, "in_library": True,
                 "other_version": kb.other_version(node_id),
                 "breadcrumb": [d.id for d in kb.ancestors(node_id)]}
    if isinstance(node, (Document, Division)):
        out["kind"] = "document" if isinstance(node, Document) else node.kind
        out["title"] = node.title if isinstance(node, Document) else f"{node.label} {node.heading}".strip()
        out["children"] = [c.id for c in kb.children(node_id)]  # type: ignore[attr-defined]
        if isinstance(node, Document):
            out["self_mentions"] = [reference_dict(r) for r in kb.self_mentions.get(node_id, [])]
        return out
    section = located.section
    assert section is not None
    units = unit_dicts(node, section.id) if isinstance(node, Unit) else [
        d for u in section.units for d in unit_dicts(u, section.id)]
    ids = [node_id] + [u.id for u in (node.walk() if isinstance(node, Unit) else section.walk())]
    out.update({
        "kind": "section" if isinstance(node, Section) else node.kind,
        "section": section.id, "status": section.status,
        "text": node.text if isinstance(node, Section) else node.full_text,
        "units": units,
        "history": [history_dict(e) for e in section.history],
        "notes": [note_dict(n) for n in section.notes],
        "heading": section.heading,
        "period": section.period and {"start": section.period.start, "end": section.period.end,
                                      "text": section.period.text},
        "references_out": [reference_dict(r) for r in references(kb.refs_out, ids)],
        "references_in": [reference_dict(r) for r in references(kb.refs_in, ids)],
    })
    if located.doc.kind != "guidance":
        out["url"] = legisquebec_url(node_id, located.doc.lang)
        out["cite"] = citations(kb, node_id)
        out["regulations"] = _made_under_dicts(kb, node_id)
    return out
