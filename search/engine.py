"""The search interface the rest of Alinea uses, whatever engine is behind it.

An engine builds an index of a `Corpus` into a directory, opens it, and answers
`SearchQuery`s with `SearchResults` (see search.results).  Three engines fill the
seam: tantivy (search.tantivy_index, over FTS5's tables), SQLite FTS5
(search.fts5_index) and Whoosh (search.whoosh_index);
search.store chooses one (``ALINEA_SEARCH_ENGINE``) and adds the atomic swap of
index directories on top of either.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol

from alinea.errors import AlineaError
from alinea.model import Corpus
from search.results import SearchResults

Resolver = Callable[[str], "str | None"]
"""Reads a typed citation ("s. 55(2)(a)") as a provision id, or returns None."""

MAX_PER_PAGE = 100
META_FILE = "alinea-index.json"
"""Every engine's index directory holds this file: engine name, format, documents, divisions, kinds, programs."""


class IndexMissing(AlineaError):
    """The index directory has no index (never built, or removed by a rebuild)."""


@dataclass(frozen=True)
class SearchQuery:
    """A query in Alinea's query language (see search.query) and the page wanted."""

    text: str
    """What the user typed."""
    page: int = 1
    """Page wanted, from 1."""
    per_page: int = 10
    """Hits per page (1 to MAX_PER_PAGE)."""
    suggest: bool = True
    """False when the caller makes its own "did you mean" (search.suggest): the engine need not."""
    cite: bool = True
    """False for a query the caller wrote itself from words it read as no citation (search.policy's
    plan in both languages, whose branches end with a ``lang:`` filter): the engine does not read
    the whole text as a typed citation to jump to."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "page", max(1, int(self.page)))
        object.__setattr__(self, "per_page", max(1, min(MAX_PER_PAGE, int(self.per_page))))


@dataclass(frozen=True)
class WordBag:
    """Weighted words and phrases that score sections without a query language: no operators,
    no filters, every word optional (what "which articles govern this?" and its baseline ask)."""

    words: tuple[tuple[str, float], ...]
    """(text, weight): each text is analysed like a plain query word (stemmed, stop words dropped)."""
    phrases: tuple[tuple[str, float], ...] = ()
    """(text, weight): matched as exact phrases, common words included."""
    doc_kind: str = "statute"
    """Only elements of documents of this kind are scored."""
    max_terms: int = 48
    """Keep at most this many distinct terms, the most weighty and rare first (a whole page stays fast)."""
    limit: int = 60
    """Sections returned at most."""
    explain: int = 15
    """The first this many sections say which words matched (finding them costs more than scoring)."""


@dataclass(frozen=True)
class SectionScore:
    """How well a section (and its best element) matches a WordBag."""

    section: str
    """Section id."""
    score: float
    """Score of the section's own record (its whole text); 0 when only a unit matched."""
    best: str
    """The unit that matched best (the section itself when it has no matching unit)."""
    best_score: float
    """Score of that element."""
    matched: tuple[str, ...] = ()
    """Words of the best element's text that matched, as written, in text order (see WordBag.explain)."""


class SearchIndex(Protocol):
    """A full-text index of the knowledge base: the seam an engine fills (search.whoosh_index,
    search.fts5_index, search.tantivy_index).  The meaning of a query (search.plan), the pipeline of a search
    (search.pipeline) and govern's scoring (search.bag) are shared; an engine matches, ranks,
    stores and counts terms."""

    directory: Path | None
    """The directory open now."""

    def build(self, corpus: Corpus, directory: Path, glossary=None, words: Iterable[str] = ()) -> None:
        """Index every document of corpus into directory (which must not exist); the glossary names
        the programs in both languages; `words`: other words whose stems a reader will want (an engine
        that keeps the stems of its words, search.analysis.stems_from, keeps theirs too)."""

    def open(self, directory: Path, resolve: Resolver | None = None) -> None:
        """Open the index in directory; resolve reads citations typed as queries."""

    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results; never raises on a malformed query (messages say what was done)."""

    def score_sections(self, bag: WordBag) -> list[SectionScore]:
        """Sections whose elements match any word or phrase of the bag, best first (BM25)."""

    @property
    def vocabulary(self):
        """The indexed terms and their document frequencies (a search.vocabulary.Vocabulary, which
        imports this module): what fuzzy terms, spelling suggestions and query rewriting look up."""

    def close(self) -> None:
        """Release files."""


def write_meta(directory, engine: str, fmt: int, corpus, divisions: dict, kinds, programs) -> None:
    """The index's description (engine, format, documents, divisions, kinds, program names), which
    both engines write the same way and read back when the index is opened."""
    import json

    meta = {"format": fmt, "engine": engine, "documents": {d.id: d.title for d in corpus.documents},
            "divisions": divisions, "kinds": sorted(kinds), "programs": programs}
    (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
