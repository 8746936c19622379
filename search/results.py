"""What a search returns: hits collapsed by section, facets, pages, and a "did you mean".

Every object here is plain data; `SearchResults.to_dict()` is the JSON the CLI
prints and the web API can serve as is.  A snippet is given twice: as plain
text with match offsets, and as HTML in which everything is escaped except our
own ``<mark>`` tags.
"""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field, replace
from typing import Callable

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


@dataclass(frozen=True)
class Snippet:
    """A passage of a hit's text with the words the query matched."""

    text: str
    """Plain text (an ellipsis marks a cut)."""
    matches: tuple[tuple[int, int], ...] = ()
    """(start, end) offsets of matched words in `text`, in order, not overlapping."""

    @property
    def html(self) -> str:
        """The passage as HTML: text escaped, matches wrapped in ``<mark>``."""
        out, pos = [], 0
        for start, end in self.matches:
            out += [html.escape(self.text[pos:start]), MARK_OPEN, html.escape(self.text[start:end]), MARK_CLOSE]
            pos = end
        out.append(html.escape(self.text[pos:]))
        return "".join(out)


@dataclass(frozen=True)
class Hit:
    """One result: a section (or heading), pointing at its best-matching element."""

    id: str
    """The element that matched best: a unit (``A-13.1.1/55/p1/2/a``), the section, or a heading."""
    section: str
    """The section the hit collapses into (for a heading: the division id)."""
    score: float
    """Relevance score of `id` (engine-specific; a citation hit keeps the best score)."""
    doc: str
    """Document id."""
    doc_kind: str
    """``statute``, ``regulation`` or ``guidance``."""
    kind: str
    """Kind of `id`: ``section``, ``paragraph``, ``subparagraph``... or ``heading``."""
    lang: str
    """``en`` or ``fr``."""
    status: str
    """Status of `id` (``in force``, ``repealed``...)."""
    heading: str
    """The heading of `section` as its document prints it (a division's heading for a heading hit)."""
    breadcrumb: str
    """Document title and enclosing headings, separated by " › "."""
    snippet: Snippet
    """A passage of `id`'s text with the matches."""
    cited: bool = False
    """True when the query was a citation of this provision (it then comes first)."""
    title: str = ""
    """How the result is named (« art. 55 Heading »): printed by the caller at output time, in the
    language it is asked for (`SearchResults.titled`); the index stores ids and headings only."""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["snippet"] = {"text": self.snippet.text, "html": self.snippet.html,
                           "matches": [list(m) for m in self.snippet.matches]}
        return data


@dataclass(frozen=True)
class FacetValue:
    """How many results share one value of a facet."""

    value: str
    """The value: a document or division id, a kind, a status, a language."""
    label: str
    """How to show it (document title, division heading, the value itself)."""
    count: int
    """Results (sections and headings, not units) with that value."""
    filter: str
    """The query filter that keeps only those results (``status:repealed``)."""


@dataclass(frozen=True)
class Carried:
    """Words of the query searched in the other language too: « avoirs liquides → liquid assets »."""

    said: str
    """The words as typed."""
    source: str
    """Their language (``fr`` or ``en``)."""
    target: str
    """The language they were carried into."""
    means: tuple[str, ...]
    """What was searched in that language."""
    verified: bool = True
    """False when a French wording was not found in the French texts of the library (glossary)."""


@dataclass(frozen=True)
class SearchResults:
    """One page of results."""

    query: str
    """The query as typed."""
    hits: tuple[Hit, ...]
    """This page's hits, best first (a cited provision first of all)."""
    total: int
    """Results on all pages (sections and headings); a lower bound when `total_exact` is False."""
    page: int
    """This page, from 1."""
    pages: int
    """Number of pages (0 when there is no result)."""
    per_page: int
    """Hits per page."""
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    """``document``, ``title``, ``chapter``, ``kind``, ``status``, ``lang`` -> values, most frequent first."""
    did_you_mean: str | None = None
    """The query with misspelled words corrected, when a correction exists."""
    messages: tuple[str, ...] = ()
    """What was not understood and how it was read instead (unbalanced quote, unknown field...)."""
    citation: str | None = None
    """The provision id the whole query was read as, when it was a citation."""
    carried: tuple[Carried, ...] = ()
    """Words of the query also searched in the other language (search.crosslang)."""
    total_exact: bool = True
    """False when more results matched than the engine counts exactly: `total` is then that cap
    (there are more), and the facet counts are those of the first `total` results."""

    def titled(self, title: Callable[[Hit], str]) -> SearchResults:
        """These results with each hit's `title` printed by `title` (the caller's: the one formatter,
        in the language asked for)."""
        return replace(self, hits=tuple(replace(hit, title=title(hit)) for hit in self.hits))

    def to_dict(self) -> dict:
        """The JSON form: ``query``, ``results``, ``facets``, ``total``, ``did_you_mean``..."""
        return {"query": self.query, "results": [h.to_dict() for h in self.hits], "total": self.total,
                "total_exact": self.total_exact, "page": self.page, "pages": self.pages, "per_page": self.per_page,
                "facets": {name: [asdict(v) for v in values] for name, values in self.facets.items()},
                "did_you_mean": self.did_you_mean, "messages": list(self.messages),
                "citation": self.citation, "carried": [asdict(c) for c in self.carried]}
