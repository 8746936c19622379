"""Pages for documents, divisions and provisions, each at its id (`/A-13.1.1/55/p1/2/a`)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from alinea.errors import NotFound
from alinea.ids import legisquebec_url
from alinea.kb import KnowledgeBase
from alinea.limits import limit
from alinea.model import Division, Document, Section, Unit
from alinea.views import provision_json

bp = Blueprint("articles", __name__)


def kb() -> KnowledgeBase:
    return current_app.extensions["kb"]


@bp.get("/")
def home():
    graph = kb().graph
    programs = [(n, d.get("label", n), d.get("label_fr", "")) for n, d in graph.nodes(data=True)
                if d.get("kind") == "program" and d.get("in_corpus") and graph.in_degree(n)]
    return render_template("home.html", documents=kb().documents, programs=programs)


@bp.get("/<path:node_id>")
def provision(node_id: str):
    if len(node_id) > limit("provision_id"):
        abort(404, "No provision has an id that long.")
    located = kb().get(node_id.strip("/"))
    if wants_json():
        return jsonify(provision_json(kb(), node_id.strip("/")))
    node = located.node
    if isinstance(node, Document):
        if node.kind == "guidance":
            return render_template("guidance.html", doc=node, target=None)
        return render_template("document.html", doc=node, toc=toc(node.id))
    if isinstance(node, Division):
        return render_template("division.html", doc=located.doc, division=node, toc=toc(node.id),
                               ancestors=kb().ancestors(node.id))
    section = located.section
    if section is None:
        raise NotFound(f"no provision {node_id!r}")
    before, after = kb().neighbours(section.id)
    return render_template(
        "section.html", doc=located.doc, section=section, target=node.id if isinstance(node, Unit) else None,
        ancestors=kb().ancestors(section.id), previous=before, next=after,
        official=legisquebec_url(node.id, located.doc.lang) if located.doc.kind != "guidance" else located.doc.url,
        cite_short=cite_short(section, node), cite_official=cite_official(located.doc, section, node))


@bp.after_request
def vary_on_accept(response):
    """Provision pages answer HTML or JSON by the Accept header: caches must key on it."""
    response.vary.add("Accept")
    return response


def wants_json() -> bool:
    """Content negotiation: JSON when the client prefers it to HTML."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def toc(node_id: str) -> list[dict]:
    """The divisions and sections under a node, as a nested list."""
    out = []
    for child in kb().children(node_id):
        entry = {"node": child, "children": toc(child.id) if isinstance(child, Division) else []}
        out.append(entry)
    return out


def cite_short(section: Section, node: Section | Unit) -> str:
    """``s. 55(2)(a)``; paragraphs other than the first as ``s. 72, par. 3(1.1)``."""
    if not isinstance(node, Unit):
        return f"s. {section.number}"
    first, *items = node.id[len(section.id) + 1:].split("/")
    pinpoint = "".join(f"({p})" for p in items if not p.startswith("q"))
    if first == "p1" and pinpoint:
        return f"s. {section.number}{pinpoint}"
    return f"s. {section.number}, par. {first[1:]}{pinpoint}"


def cite_official(doc: Document, section: Section, node: Section | Unit) -> str:
    """The LégisQuébec form: ``Individual and Family Assistance Act, CQLR c A-13.1.1, s 55``."""
    if doc.kind == "guidance":
        return doc.title
    return f"{doc.title}, CQLR c {doc.chapter or doc.id}, s {section.number}"
