"""The search page (`/search?q=`), over the index opened once in create_app."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, g, has_request_context, render_template, request

from alinea.errors import AlineaError, BadQuery, NotFound
from alinea.ids import is_provision_id
from alinea.kb import KnowledgeBase
from alinea.limits import check_length, limit, whole_number
from alinea.model import Document
from graph.cite.acts import load_acts
from search import SearchQuery
from search.crosslang import Lexicon
from search.policy import search_across
from search.records import SEPARATOR
from search.store import POINTER
from web.i18n import current_language, echoed, gettext, language, word
from web.kb import Snapshot, cached_page, get_kb, snapshot, stamp_of
from web.messages import shown
from web.present import presenter

bp = Blueprint("search", __name__)


def _int(name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter (alinea.limits; its message is translated by web.messages)."""
    return whole_number(name, request.args.get(name, ""), low, high, default=default)


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


def typed_citation(text: str) -> str | None:
    """The provision of the knowledge base served now that a typed citation names (KnowledgeBase.resolver,
    in the interface's language), read once per request: one search page asks it of the query, of
    the query carried into the other language and of each search that page makes of them."""
    memo = g.setdefault("citations", {}) if has_request_context() else {}
    if text not in memo:
        try:
            memo[text] = (get_kb().resolver(current_language())(text), None)
        except AlineaError as exc:  # Outside: what the citation names, said again each time it is read
            memo[text] = (None, exc)
    found, error = memo[text]
    if error is not None:
        raise error
    return found


def lexicon(version: Snapshot | None = None) -> Lexicon:
    """The cross-language lexicon of the knowledge base served now (once per version): as the build
    stored it, else built from the glossary, the thesaurus and the learned word table."""
    version = version or snapshot()
    return version.cached("lexicon", lambda: lexicon_of(version.kb))


def lexicon_of(kb: KnowledgeBase) -> Lexicon:
    rows = kb.stored("lexicon")
    if rows is None:
        return Lexicon.of(kb.glossary, kb.thesaurus, kb.word_table)
    return Lexicon.stored(rows, kb.stored_in())


def prepare(version: Snapshot) -> None:
    """What every search of a knowledge-base version needs, built before it is served: the lexicon
    and what reading a typed citation needs (the knowledge base's citation index, the citation
    engine's patterns, that of the act names among them), by reading one citation of an act."""
    lexicon(version)
    titles = [doc.title for doc in version.kb.documents if doc.title][:1]
    version.kb.resolver("fr")(", ".join(["art. 1", *titles]))


def run_query():
    """The results for the request's q (narrowed to a document by ``doc``), page and limit, the words
    carried into the other language unless xlang=0; BadQuery for bad parameters."""
    text = check_length("the query", query_text(), "search_query")
    query = SearchQuery(text, page=_int("page", 1, 1, limit("page")), per_page=_int("limit", 10, 1, limit("per_page")))
    if not text.strip():
        return None
    results = search_across(current_app.extensions["search"], query, lexicon(),
                            enabled=crosslang_wanted(), prefer=current_language())
    if results.pages and results.page > results.pages and not results.hits:
        raise PastLastPage(results.page, results.pages)
    return results


class PastLastPage(NotFound):
    """A page number past the last page of results: 404, with the last page's address."""

    def __init__(self, page: int, pages: int) -> None:
        super().__init__(gettext("There is no page %(page)s: the results of this query end on page %(pages)s "
                                 "(%(url)s).", page=page, pages=pages, url=page_url(pages)))
        self.in_interface_language = True
        self.page, self.pages = page, pages


def page_url(page: int) -> str:
    """This search (page or API) on another page."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    return f"{request.path}?{urlencode(args + [('page', str(page))])}"


@bp.errorhandler(PastLastPage)
def past_last_page(exc: PastLastPage):
    """The search page, saying where the results end, with a link to their last page."""
    return render_template("search.html", q=query_text(), results=None, xlang=crosslang_wanted(), docs=[],
                           past=exc, last_page=page_url(exc.pages)), 404


@bp.app_template_global()
def facet_label(name: str, value: str, label: str) -> str:
    """A facet's value in the interface's language: a language, a kind or a status in its words, a
    division by its label and heading (« Chapitre VI — BASIC INCOME PROGRAM »), an act by its name
    in that language; any other value by the label the index gives it."""
    lang = current_language()
    if name == "lang":
        return language(value)
    if name in ("kind", "status"):
        return word(label)
    if name in ("title", "chapter"):
        return presenter().title(value, label)
    if name == "document":
        return load_acts().title(value, lang) or label
    return label


@bp.app_template_global()
def crumb(hit) -> str:
    """A hit's breadcrumb with its document named in the interface's language (the divisions keep
    the words their text prints)."""
    name = load_acts().title(hit.doc, current_language())
    first, sep, rest = hit.breadcrumb.partition(SEPARATOR)
    return name + sep + rest if name and sep else (name or hit.breadcrumb)


def facets_in_language(facets: dict) -> dict:
    """The JSON form's facets (SearchResults.to_dict) with each label in the interface's language."""
    return {name: [{**v, "label": facet_label(name, v["value"], v["label"])} for v in values]
            for name, values in facets.items()}


def query_text() -> str:
    """The request's q, narrowed to one document by its ``doc`` parameter (the query
    language's ``doc:`` filter); BadQuery when ``doc`` is not a document id."""
    text, doc = request.args.get("q", ""), request.args.get("doc", "").strip()
    if not doc or len(text) > limit("search_query"):
        return text
    if len(doc) > 100 or not is_provision_id(doc) or "/" in doc:
        raise shown(BadQuery(gettext("doc must be a document id such as A-13.1.1 or S-2.1-r6 (got %(got)s).",
                                     got=echoed(doc[:40]))))
    return f"doc:{doc} {text}" if text.strip() else ""


def result_documents(results) -> list[Document]:
    """The documents a printed search names: the one it is narrowed to (``doc``), else each
    document that has a hit on this page, in the order of the hits."""
    narrowed = request.args.get("doc", "").strip()
    ids = [narrowed] if narrowed else [hit.doc for hit in (results.hits if results else ())]
    kb = get_kb()
    found = (kb.get(doc_id) for doc_id in dict.fromkeys(ids) if doc_id in kb)
    return [located.node for located in found if isinstance(located.node, Document)]


@bp.get("/search")
def search_page():
    return cached_search(render_search_page)


def cached_search(render):
    """A search page or answer from the page cache, which also keys on the index the data directory
    points at now (the index is reopened when that pointer changes, the knowledge base may not be)."""
    return cached_page(render, stamp_of(current_app.extensions["live"].data_dir, (POINTER,)))


def render_search_page() -> str:
    results = run_query()
    return render_template("search.html", q=query_text(), results=results, xlang=crosslang_wanted(),
                           docs=result_documents(results))
