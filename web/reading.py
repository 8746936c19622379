"""The reading view of a document (`/read/A-13.1.1`): its full text on one page with a
collapsible table of contents, a "go to" box that accepts any citation form, and
find-in-document (web/static/reading.js).  The page is rendered once per knowledge-base version
and language, and served from that cache afterwards, so that the largest regulation stays fast."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from alinea.errors import NotFound
from alinea.kb import KnowledgeBase
from alinea.model import Document, Section, Unit
from graph.cite import cite
from web.i18n import current_language, echoed, gettext
from web.kb import get_kb, snapshot
from web.messages import shown

bp = Blueprint("reading", __name__)
MAX_GOTO = 200
OPEN_TOC_UP_TO = 60
"""A table of contents starts open for documents with at most this many sections."""


def goto_target(kb: KnowledgeBase, doc: Document, text: str) -> str:
    """The id a typed citation names, read by the one engine in this document's context (a bare
    number, "s. 55(2)(a)", is this document's; "s. 12 of the … Act" is that act's); NotFound
    otherwise, saying in the reader's language which unit does not exist, with the nearest real
    units of the document read."""
    text = " ".join(text.split())[:MAX_GOTO]
    try:
        return kb.lookup(text, base=doc.id, lang=current_language())
    except NotFound as exc:
        owner, *path = exc.missing.split("/")
        if len(path) > 1:  # a pinpoint the section lacks
            lang = current_language()
            what = _named(cite(exc.missing, "drafting", lang, home=owner), lang)
            raise shown(NotFound(gettext("%(what)s does not exist in %(doc)s.", what=what,
                                         doc=kb.document(owner).title), exc.nearest)) from None
        if exc.missing.startswith(doc.id + "/"):
            raise shown(NotFound(gettext("%(what)s names no provision of %(doc)s.", what=echoed(text), doc=doc.title),
                                 exc.nearest)) from None
        raise


def _named(unit: str, lang: str) -> str:
    """A unit in the drafting form, as the subject of a sentence: "The ninth paragraph of section 55",
    « Le paragraphe 1° du premier alinéa de l'article 3.15.3 »."""
    if lang != "fr":
        return unit[:1].upper() + unit[1:]
    return ("L'" if unit[:1].lower() in "aeéèêiîoôuh" else "Le ") + unit


def goto_examples(doc: Document, lang: str) -> str:
    """What the go-to box takes, from this document: a section's number and a pinpoint below it,
    written by the one formatter (graph.cite) in the reader's language; the box reads both back."""
    for section in doc.sections:
        for unit in section.units:
            if section.number and unit.children:
                return f"{section.number}, {cite(unit.children[0].id, 'short', lang, home=doc.id)}"
    numbers = [s.number for s in doc.sections if s.number]
    return numbers[0] if numbers else ""


def anchor(kb: KnowledgeBase, node_id: str) -> str:
    """The element of the reading view that shows a node."""
    located = kb.get(node_id)
    node = located.node
    if isinstance(node, Unit):
        return node.anchor or node.id
    if isinstance(node, Section):
        return section_anchor(node)
    return node_id


def section_anchor(section: Section) -> str:
    """LégisQuébec's anchor of a section (``se:83_24``), so that their addresses work here too."""
    return "se:" + section.number.replace(".", "_") if section.number else section.id


@bp.get("/read/<path:doc_id>")
def read(doc_id: str):
    kb = get_kb()
    doc = kb.document(doc_id)
    wanted = request.args.get("goto", "").strip()
    if wanted:
        target = goto_target(kb, doc, wanted)
        located = kb.get(target)
        if located.doc.kind == "guidance" or located.doc.id == target:
            return redirect(f"/{target}" if located.doc.id != doc.id else url_for("reading.read", doc_id=doc.id))
        return redirect(url_for("reading.read", doc_id=located.doc.id) + "#" + anchor(kb, target))
    if doc.kind == "guidance":
        return redirect(f"/{doc.id}")
    if set(request.args) - {"lang"}:  # the page is cached as it is, so it is served at one address per language
        kept = {"lang": request.args["lang"]} if "lang" in request.args else {}
        return redirect(url_for("reading.read", doc_id=doc.id, **kept))
    return snapshot().cached(("reading", doc.id, current_language()), lambda: render_template(
        "reading.html", doc=doc, tree=_tree(kb, doc.id), sections=len(doc.sections),
        toc_open=len(doc.sections) <= OPEN_TOC_UP_TO, section_anchor=section_anchor,
        examples=goto_examples(doc, current_language())))


def _tree(kb: KnowledgeBase, node_id: str) -> list[dict]:
    return [{"node": child, "children": _tree(kb, child.id) if not isinstance(child, Section) else []}
            for child in kb.children(node_id)]

