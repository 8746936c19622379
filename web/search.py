"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from alinea.limits import check_length, limit, whole_number
from search import SearchQuery

bp = Blueprint("search", __name__)


def run_query():
    """The results for the request's q, page and limit; BadQuery for bad parameters."""
    text = check_length("the query", request.args.get("q", ""), "search_query")
    page = whole_number("page", request.args.get("page"), 1, limit("page"), default=1)
    per_page = whole_number("limit", request.args.get("limit"), 1, limit("per_page"), default=10)
    query = SearchQuery(text, page=page, per_page=per_page)
    return current_app.extensions["search"].search(query) if text.strip() else None


@bp.get("/search")
def search_page():
    return render_template("search.html", q=request.args.get("q", ""), results=run_query())
