"""The JSON API (described by /api/openapi.json) and LégisQuébec URL redirects."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify, redirect, request

from alinea.errors import AlineaError, BadQuery, NotFound
from alinea.ids import InvalidId, ProvisionId, doc_id_from_chapter, parse_anchor
from alinea.labels import hit_title
from alinea.views import provision_json
from web.code_links import code_links_json
from web.errors import error_page, json_error
from web.i18n import current_language, echoed, gettext
from web.kb import get_kb
from web.messages import search_message, shown
from web.search import cached_search, facets_in_language, run_query

bp = Blueprint("api", __name__)
OPENAPI = Path(__file__).with_name("openapi.json")


def kb():
    return get_kb()


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


@bp.errorhandler(NotFound)
def api_not_found(exc: NotFound):
    return json_error(404, exc) if request.path.startswith("/api/") else error_page(404, exc)


@bp.errorhandler(AlineaError)
def api_bad_request(exc: AlineaError):
    return json_error(400, exc) if request.path.startswith("/api/") else error_page(400, exc)


@bp.get("/api/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.get("/api/provisions/<path:node_id>")
def provisions(node_id: str):
    """A provision by its id; any other citation form ("s. 55(2)(a)", "art. 133 LAPF") redirects to
    its id, and one that names nothing is a 404 with one line and the nearest provisions."""
    found = kb().lookup(node_id, outside=True, lang=current_language())
    if found != node_id:
        response = jsonify({"id": found, "location": f"/api/provisions/{found}"})
        response.status_code = 302
        response.headers["Location"] = f"/api/provisions/{found}"
        return response
    return jsonify(provision_json(kb(), found))


@bp.get("/api/govern")
def govern_api():
    from web.govern import answer_for, govern_json, problem, read_limit

    q = request.args.get("q", "")
    limit = read_limit(request.args.get("limit"))
    message = problem(q)
    if message:
        raise shown(BadQuery(message))
    return jsonify(govern_json(answer_for(q, limit)))


@bp.get("/api/search")
def search():
    return current_app.response_class(cached_search(search_json), mimetype="application/json")


def search_json() -> str:
    results = run_query()
    if results is None:
        raise shown(BadQuery(gettext("Give a query: /api/search?q=...")))
    out = results.titled(lambda hit: hit_title(hit, current_language())).to_dict()
    out["facets"] = facets_in_language(out["facets"])
    out["messages"] = [search_message(m) for m in out["messages"]]
    return current_app.json.dumps(out) + "\n"

@bp.get("/api/code-links")
def code_links():
    return jsonify(code_links_json(request.args.get("id", ""), request.args.get("status", "")))


@bp.get("/api/<path:rest>")
def unknown_endpoint(rest: str):
    return json_error(404, gettext("No API endpoint %(what)s; see /api/openapi.json.", what=f"/api/{rest}"))


@bp.get("/<any(en,fr):lang>/<any(document,version):view>/<any(cs,cr,lc,rc):kind>/<path:chapter>")
def legisquebec(lang: str, view: str, kind: str, chapter: str):
    """LégisQuébec addresses (``/en/document/cs/A-13.1.1``, ``/fr/version/lc/A-13.1.1?code=se:57``)
    redirect to our page for the same provision, or for the nearest one we hold when the anchor
    names a unit we do not; a ``#se:57`` fragment is kept by the browser (see static/site.js)."""
    chapter = chapter.split("/")[0]
    try:
        doc_id = doc_id_from_chapter(chapter.replace("%20", " "))
    except InvalidId:
        raise shown(BadQuery(gettext("%(what)s is not a Québec chapter code.", what=echoed(chapter)))) from None
    code = request.args.get("code", "")
    anchor = parse_anchor(code) or parse_anchor(code.split("-")[0])
    pid: ProvisionId | None = ProvisionId(doc_id, (), *anchor) if anchor else ProvisionId(doc_id)
    target = str(pid)
    while pid is not None and pid.path and str(pid) not in kb():
        pid = pid.parent
    if pid is None or str(pid) not in kb():
        raise shown(NotFound(gettext("%(what)s (from the LégisQuébec address) is not in the knowledge base.",
                                     what=target)))
    return redirect(f"/{pid}", code=301 if view == "document" else 302)
