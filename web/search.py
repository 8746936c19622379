"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from alinea.errors import BadQuery
from alinea.ids import is_provision_id
from search import SearchQuery
from search.engine import MAX_PER_PAGE

bp = Blueprint("search", __name__)
MAX_QUERY = 10_000
MAX_PAGE = 1000


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise BadQuery(f"{name} must be a whole number from {low} to {high} (got {raw[:20]!r})")
    return int(raw)


def run_query():
    """The results for the request's q, page and limit; BadQuery for bad parameters."""
    text = query_text()
    if len(text) > MAX_QUERY:
        raise BadQuery(f"the query is {len(text):,} characters; the limit is {MAX_QUERY:,}")
    query = SearchQuery(text, page=_int("page", 1, 1, MAX_PAGE), per_page=_int("limit", 10, 1, MAX_PER_PAGE))
    return current_app.extensions["search"].search(query) if text.strip() else None


def query_text() -> str:
    """The request's q, narrowed to one document by its ``doc`` parameter (the query
    language's ``doc:`` filter); BadQuery when ``doc`` is not a document id."""
    text, doc = request.args.get("q", ""), request.args.get("doc", "").strip()
    if not doc:
        return text
    if len(doc) > 100 or not is_provision_id(doc) or "/" in doc:
        raise BadQuery(f"doc must be a document id such as A-13.1.1 or S-2.1-r6 (got {doc[:40]!r})")
    return f"doc:{doc} {text}" if text.strip() else ""


@bp.get("/search")
def search_page():
    return render_template("search.html", q=query_text(), results=run_query())
