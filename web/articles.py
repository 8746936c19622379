"""Pages for documents, divisions and provisions, each at its id (`/A-13.1.1/55/p1/2/a`)."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from alinea.course import citation
from alinea.errors import NotFound
from alinea.ids import document_sort_key, legisquebec_url
from alinea.kb import KnowledgeBase
from alinea.limits import limit
from alinea.model import Division, Document, Unit
from alinea.say import CITE_STYLES, reader_first
from alinea.views import citations, provision_json
from graph.amendments import enacting_act, operations
from graph.cite import cite, official_url
from web.i18n import LANGUAGES, current_language, echoed, gettext, lazy_gettext
from web.kb import cached_page, get_kb, snapshot
from web.messages import shown
from web.present import presenter

bp = Blueprint("articles", __name__)
SHELVES = (("statute", lazy_gettext("Acts")), ("regulation", lazy_gettext("Regulations")),
           ("guidance", lazy_gettext("Guidance")))
"""The library's documents by kind, in this order."""


def kb() -> KnowledgeBase:
    return get_kb()


@bp.get("/")
def home():
    graph = kb().graph
    glossary = kb().glossary
    programs = [(n, d.get("label", n), d.get("label_fr", ""), bool(glossary and glossary.get(n) and glossary.get(n).fr_verified))
                for n, d in graph.nodes(data=True) if d.get("kind") == "program" and d.get("in_corpus") and graph.in_degree(n)]
    return render_template("home.html", shelves=shelves(doc_language()), programs=programs, doc_lang=doc_language())


def doc_language() -> str:
    """The ``doclang`` parameter: lists show only the documents of that language (``fr``, ``en``)."""
    asked = request.args.get("doclang", "")
    return asked if asked in LANGUAGES else ""


@bp.get("/documents")
def documents():
    return render_template("documents.html", shelves=shelves(doc_language()), doc_lang=doc_language())


def shelves(lang: str = "") -> list[tuple[str, list[Document]]]:
    """(heading, documents) for each kind the library holds: acts, regulations, guidance; only
    the documents of one language when `lang` is given."""
    ordered = sorted(kb().documents, key=lambda d: document_sort_key(d.id) if d.kind != "guidance" else (1, ""))
    groups = [(name, [d for d in ordered if d.kind == kind and (not lang or d.lang == lang)])
              for kind, name in SHELVES]
    return [(name, docs) for name, docs in groups if docs]


@bp.get("/<path:node_id>")
def provision(node_id: str):
    if len(node_id) > limit("provision_id"):
        raise shown(NotFound(gettext("No provision has an id that long.")))
    node_id = node_id.strip("/")
    if wants_json():
        return jsonify(provision_json(kb(), node_id))
    return cached_page(lambda: provision_page(node_id))


def provision_page(node_id: str) -> str:
    """The HTML page of a document, division or provision, or of an id the library only refers to."""
    if node_id not in kb() and kb().referenced(node_id):
        return outside(node_id)
    located = kb().get(node_id)
    node = located.node
    if isinstance(node, Document):
        if node.kind == "guidance":
            return render_template("guidance.html", doc=node, target=None)
        return render_template("document.html", doc=node, toc=toc(node.id))
    if isinstance(node, Division):
        ancestors = kb().ancestors(node.id)
        return render_template("division.html", doc=located.doc, division=node, toc=toc(node.id),
                               ancestors=ancestors, cite_full=citation(located, current_language()))
    section = located.section
    if section is None:
        raise shown(NotFound(gettext("No provision %(what)s in the knowledge base.", what=echoed(node_id))))
    before, after = kb().neighbours(section.id)
    return render_template(
        "section.html", doc=located.doc, section=section, target=node.id if isinstance(node, Unit) else None,
        ancestors=kb().ancestors(section.id), previous=before, next=after,
        official=legisquebec_url(node.id, located.doc.lang) if located.doc.kind != "guidance" else located.doc.url,
        cite_short=cite(node.id, "short", current_language(), home=located.doc.id),
        cite_as=cite_as(node.id, located.doc), cite_full=citation(located, current_language()),
        operations=[op for _, op in operations(section, enacted_by(located.doc))])


def enacted_by(doc: Document) -> str | None:
    """The act that enacted a document (`graph.amendments.enacting_act`), once per knowledge-base version."""
    return snapshot().cached(("enacting act", doc.id), lambda: enacting_act(doc))


def outside(node_id: str):
    """An id the library refers to but does not hold: its citation, its official page, the
    regulations made under it and what cites it."""
    lang = current_language()
    return render_template("outside.html", node_id=node_id, cite_short=cite(node_id, "short", lang),
                           act=cite(node_id.split("/", 1)[0], "short", lang), official=official_url(node_id, lang),
                           groups=presenter().cited_outside(node_id), in_graph=node_id in kb().graph)


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


CITE_AS = tuple((style, lazy_gettext(label), {lang: lazy_gettext(text) for lang, text in other.items()})
                for style, label, other in CITE_STYLES)
"""The styles a provision page offers under "Cite", in order (alinea.say.CITE_STYLES)."""


def cite_as(node_id: str, doc: Document) -> list[tuple[str, str]]:
    """(label, citation) for each style of CITE_AS; a guidance page is cited by its title."""
    if doc.kind == "guidance":
        return [(gettext("Title"), doc.title)]
    forms = citations(kb(), node_id)
    reader = current_language()
    order = reader_first(reader, LANGUAGES)
    return [(str(label if lang == reader else other[lang]), forms[style][lang])
            for style, label, other in CITE_AS for lang in order]
