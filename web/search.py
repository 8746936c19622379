"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from alinea.errors import BadQuery
from alinea.ids import is_provision_id
from alinea.limits import check_length, limit, whole_number
from search import SearchQuery
from search.policy import search_across
from web.i18n import current_language, gettext
from web.messages import shown

bp = Blueprint("search", __name__)


def crosslang_wanted() -> bool:
    """``xlang=0`` turns off carrying the query's words into the other language (the form sends
    ``xlang=0`` and, when its box is ticked, ``xlang=1`` too)."""
    values = request.args.getlist("xlang")
    return not values or "1" in values


@bp.app_template_global()
def switch_crosslang(on: bool) -> str:
    """This search with cross-language search turned on or off."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("xlang", "page")]
    return f"{request.path}?{urlencode(args + ([] if on else [('xlang', '0')]))}"


def run_query():
    """The results for the request's q, page and limit, the words carried into the other language
    unless xlang=0; BadQuery for bad parameters."""
    text = check_length("the query", query_text(), "search_query")
    page = whole_number("page", request.args.get("page"), 1, limit("page"), default=1)
    per_page = whole_number("limit", request.args.get("limit"), 1, limit("per_page"), default=10)
    query = SearchQuery(text, page=page, per_page=per_page)
    if not text.strip():
        return None
    return search_across(current_app.extensions["search"], query, current_app.extensions["lexicon"],
                         enabled=crosslang_wanted(), prefer=current_language())


def query_text() -> str:
    """The request's q, narrowed to one document by its ``doc`` parameter (the query
    language's ``doc:`` filter); BadQuery when ``doc`` is not a document id."""
    text, doc = request.args.get("q", ""), request.args.get("doc", "").strip()
    if not doc or len(text) > limit("search_query"):
        return text
    if len(doc) > 100 or not is_provision_id(doc) or "/" in doc:
        raise shown(BadQuery(gettext("doc must be a document id such as A-13.1.1 or S-2.1-r6 (got %(got)s).",
                                     got=repr(doc[:40]))))
    return f"doc:{doc} {text}" if text.strip() else ""


@bp.get("/search")
def search_page():
    return render_template("search.html", q=query_text(), results=run_query(), xlang=crosslang_wanted())
