"""Citations of the law in code, as recorded by `alinea links --record`: the /code page (stale
citations first), the "Cited by code" section of provision pages, and the JSON of /api/code-links."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from alinea.code_links import Recorded, citation_dict
from alinea.errors import BadQuery, NotFound
from alinea.ids import InvalidId, ProvisionId
from alinea.limits import check_length
from alinea.model import CodeCitation, Section
from graph.cite import official_url
from graph.cite.code import CODE_STATUSES, STALE
from web.articles import vary_on_accept, wants_json
from web.i18n import current_language, echoed, gettext
from web.kb import get_kb, snapshot
from web.messages import shown

bp = Blueprint("code", __name__)
bp.after_request(vary_on_accept)


def recorded() -> Recorded | None:
    return snapshot().code_links


@bp.app_template_global()
def cited_by_code(section: Section) -> list[CodeCitation]:
    """Recorded citations of a section or of any of its units."""
    scan = recorded()
    return scan.citing(section.id) if scan is not None else []


@bp.app_template_global()
def provision_href(target: str) -> str:
    """Where to read a cited provision: our page; for a provision missing from a document of the
    corpus, the nearest provision that exists; else its LégisQuébec page."""
    kb = get_kb()
    try:
        pid: ProvisionId | None = ProvisionId.parse(target)
    except InvalidId:
        return ""
    if pid.doc not in kb:
        return official_url(target, current_language())
    while pid is not None and str(pid) not in kb:
        pid = pid.parent
    return f"/{pid}" if pid is not None else ""


def code_links_json(provision: str = "", status: str = "") -> dict:
    """The recorded scan as JSON, optionally only the citations of a provision (and its units)
    or with one status; NotFound when no scan is recorded."""
    check_length("the id", provision, "provision_id")
    scan = recorded()
    if scan is None:
        raise shown(NotFound(gettext("No scan of code is recorded: run `alinea links PATH --record`.")))
    if status and status not in CODE_STATUSES:
        raise shown(BadQuery(gettext("Unknown status %(what)s: use one of %(known)s.", what=echoed(status),
                                     known=", ".join(CODE_STATUSES))))
    data = scan.as_json()
    citations = scan.citing(provision) if provision else list(scan.citations)
    if status:
        citations = [c for c in citations if c.status == status]
    data["citations"] = [citation_dict(c) for c in citations]
    return data


@bp.get("/code")
def code():
    if wants_json():
        return jsonify(code_links_json())
    scan = recorded()
    groups = []
    if scan is not None:
        groups = [(status, [c for c in scan.citations if c.status == status]) for status in CODE_STATUSES]
        groups = [(status, items) for status, items in groups if items]
    stale = sum(len(items) for status, items in groups if status in STALE)
    return render_template("code.html", scan=scan, groups=groups, stale=stale, stale_statuses=STALE)
