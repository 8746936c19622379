"""The search interface the rest of Alinea uses, whatever engine is behind it.

An engine builds an index of a `Corpus` into a directory, opens it, and answers
`SearchQuery`s with `SearchResults` (see search.results).  Whoosh is the
engine today (search.whoosh_index); search.store adds the atomic swap of index
directories on top of any engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from alinea.model import Corpus
from search.results import SearchResults

Resolver = Callable[[str], "str | None"]
"""Reads a typed citation ("s. 55(2)(a)") as a provision id, or returns None."""

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class SearchQuery:
    """A query in Alinea's query language (see search.query) and the page wanted."""

    text: str
    """What the user typed."""
    page: int = 1
    """Page wanted, from 1."""
    per_page: int = 10
    """Hits per page (1 to MAX_PER_PAGE)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "page", max(1, int(self.page)))
        object.__setattr__(self, "per_page", max(1, min(MAX_PER_PAGE, int(self.per_page))))


class SearchIndex(Protocol):
    """A full-text index of the knowledge base."""

    def build(self, corpus: Corpus, directory: Path) -> None:
        """Index every document of corpus into directory (which must not hold another index)."""

    def open(self, directory: Path, resolve: Resolver | None = None) -> None:
        """Open the index in directory; resolve reads citations typed as queries."""

    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results; never raises on a malformed query (messages say what was done)."""

    def close(self) -> None:
        """Release files."""
