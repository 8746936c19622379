"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from alinea.errors import BadQuery
from search import SearchQuery
from search.crosslang import Lexicon
from search.engine import MAX_PER_PAGE
from search.policy import search_across
from web.i18n import current_language, gettext, number
from web.kb import get_kb, snapshot
from web.messages import shown

bp = Blueprint("search", __name__)
MAX_QUERY = 10_000
MAX_PAGE = 1000


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise shown(BadQuery(gettext("%(name)s must be a whole number from %(low)s to %(high)s (got %(got)s).",
                                     name=name, low=low, high=high, got=repr(raw[:20]))))
    return int(raw)


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


def lexicon() -> Lexicon:
    """The cross-language lexicon of the knowledge base served now (built once per version)."""
    current = get_kb()
    return snapshot().cached("lexicon", lambda: Lexicon.of(current.glossary, current.thesaurus))


def run_query():
    """The results for the request's q, page and limit, the words carried into the other language
    unless xlang=0; BadQuery for bad parameters."""
    text = request.args.get("q", "")
    if len(text) > MAX_QUERY:
        raise shown(BadQuery(gettext("The query is %(size)s characters long; the limit is %(limit)s.",
                                     size=number(len(text)), limit=number(MAX_QUERY))))
    query = SearchQuery(text, page=_int("page", 1, 1, MAX_PAGE), per_page=_int("limit", 10, 1, MAX_PER_PAGE))
    if not text.strip():
        return None
    return search_across(current_app.extensions["search"], query, lexicon(),
                         enabled=crosslang_wanted(), prefer=current_language())


@bp.get("/search")
def search_page():
    return render_template("search.html", q=request.args.get("q", ""), results=run_query(), xlang=crosslang_wanted())
