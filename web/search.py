"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from alinea.errors import BadQuery
from alinea.ids import is_provision_id
from alinea.limits import check_length, limit, whole_number
from search import SearchQuery

bp = Blueprint("search", __name__)


def run_query():
    """The results for the request's q, page and limit; BadQuery for bad parameters."""
    text = check_length("the query", query_text(), "search_query")
    page = whole_number("page", request.args.get("page"), 1, limit("page"), default=1)
    per_page = whole_number("limit", request.args.get("limit"), 1, limit("per_page"), default=10)
    query = SearchQuery(text, page=page, per_page=per_page)
    return current_app.extensions["search"].search(query) if text.strip() else None


def query_text() -> str:
    """The request's q, narrowed to one document by its ``doc`` parameter (the query
    language's ``doc:`` filter); BadQuery when ``doc`` is not a document id."""
    text, doc = request.args.get("q", ""), request.args.get("doc", "").strip()
    if not doc or len(text) > limit("search_query"):
        return text
    if len(doc) > 100 or not is_provision_id(doc) or "/" in doc:
        raise BadQuery(f"doc must be a document id such as A-13.1.1 or S-2.1-r6 (got {doc[:40]!r})")
    return f"doc:{doc} {text}" if text.strip() else ""


@bp.get("/search")
def search_page():
    return render_template("search.html", q=query_text(), results=run_query())
