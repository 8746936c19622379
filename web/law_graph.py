"""Pages of the law graph: the Act's programs and terms (`/program:basic-income`, `/term:spouses`),
the acts that amended it (`/acts/2018-c-11`: what that act changed) and a provision's neighbourhood."""
from __future__ import annotations

from flask import Blueprint, render_template

from alinea.errors import NotFound
from alinea.ids import amending_act_slug
from graph.amendments import ENACTED, amending_acts
from graph.cite import official_url
from graph.queries import cited_by, cited_from, governing
from web.i18n import current_language, echoed, gettext
from web.kb import get_kb, snapshot
from web.messages import shown
from web.present import href, presenter
from web.svg import neighbourhood_svg

bp = Blueprint("law_graph", __name__)


def kb():
    return get_kb()


@bp.get("/program:<name>")
def program(name: str):
    return concept(f"program:{name}")


@bp.get("/term:<name>")
def term(name: str):
    return concept(f"term:{name}")


def concept(concept_id: str):
    graph = kb().graph
    if concept_id not in graph or graph.nodes[concept_id].get("kind") not in ("program", "term"):
        raise shown(NotFound(gettext("No program or term %(what)s in the knowledge base.", what=echoed(concept_id))))
    data = graph.nodes[concept_id]
    glossary = kb().glossary
    entry = glossary.get(concept_id) if glossary else None
    incoming = [(u, d) for u, _, d in graph.in_edges(concept_id, data=True)]
    defined_by = sorted({u for u, d in incoming if d.get("type") in ("defines", "establishes")})
    users = [u for u, d in incoming if d.get("type") in ("uses term", "cites", "cited by guidance")]
    used_in = sorted({u.split("/")[0] + "/" + u.split("/")[1] if u.count("/") else u for u in users
                      if not u.startswith("guidance:")}, key=_order)
    statute = kb().default_statute()
    if entry and statute:
        used_in = sorted(set(used_in) | {f"{statute.id}/{n}" for n in entry.uses}, key=_order)
    guidance = sorted({u.split("/")[0] for u in users if u.startswith("guidance:")})
    governs = governing(graph, concept_id) if data.get("kind") == "program" else None
    return render_template("concept.html", concept_id=concept_id, data=data, entry=entry,
                           defined_by=defined_by, used_in=used_in, guidance=guidance, governs=governs)


def _order(node_id: str) -> int:
    return kb()._order.get(node_id, 10**9)


def known_acts() -> dict:
    """The acts named in the histories (graph.amendments), with the titles and assent dates the law
    graph holds for them; built once per knowledge-base version."""
    current = kb()

    def build():
        nodes = [(n, d) for n, d in current.graph.nodes(data=True) if d.get("kind") == "amending act"]
        titles = {n: d["label"] for n, d in nodes if d.get("label") and d["label"] != n}
        assented = {n: d["assented"] for n, d in nodes if d.get("assented")}
        return amending_acts(current.corpus, titles, assented)
    return snapshot().cached("amending acts", build)


@bp.get("/acts")
def acts():
    every = sorted(known_acts().values(), key=lambda act: _act_key(act.id))
    return render_template("acts.html", enacting=[a for a in every if a.enacted],
                           amending=[a for a in every if not a.enacted], documents=_documents())


@bp.get("/acts/<name>")
def act(name: str):
    slugs = snapshot().cached("act slugs", lambda: act_slugs(known_acts()))
    if name not in slugs:
        raise shown(NotFound(gettext("No amending act %(what)s in the amendment histories of the corpus.",
                                     what=echoed(name))))
    found = known_acts()[slugs[name]]
    changes = sorted(found.amendments, key=lambda change: _order(change.provision))
    enacted = [c for c in found.changes if c.operations == (ENACTED,)]
    return render_template("act.html", act=found, act_id=found.id, changes=changes, enacted=len(enacted),
                           documents=_documents())


def _documents() -> dict:
    return {d.id: d for d in kb().documents}


def _act_key(act_id: str) -> tuple:
    parts = [int(p) if p.isdigit() else p for p in act_id.replace(",", " ").replace(".", " ").split()]
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in parts)


def act_slugs(acts) -> dict[str, str]:
    """URL segment -> act id (``2018-c-11`` -> ``2018, c. 11``) for every act `/acts` lists: the
    ones the histories name, whatever kind of node the law graph made of them (a decree that
    enacted a regulation is an external act there, cited by its enabling note)."""
    return {amending_act_slug(act_id): act_id for act_id in acts}


@bp.get("/graph/<path:node_id>")
def neighbourhood(node_id: str):
    graph = kb().graph
    if node_id not in graph:
        raise shown(NotFound(gettext("%(what)s is not in the law graph.", what=echoed(node_id))))
    out = cited_from(graph, node_id)
    into = cited_by(graph, node_id)
    official = official_url(node_id, current_language()) if kb().referenced(node_id) else ""
    return render_template("graph.html", node_id=node_id, label=presenter().label(node_id), official=official,
                           svg=neighbourhood_svg(graph, node_id, lambda n: href(kb(), n), limit=30), out=out, into=into)
