"""Full-text search over provisions and guidance, in English and French.

    from search import SearchQuery, open_index
    index = open_index("data", kb.resolver())  # once, shared by every request (kb: a KnowledgeBase)
    results = index.search(SearchQuery('"capacity for employment" status:"in force"', page=2))

`open_index` returns a thread-safe `CurrentIndex` that follows rebuilds;
results are `SearchResults` (search.results), the query language is described
in search.query, and `build_index` is what `alinea build` calls.
"""
from search.engine import SearchIndex, SearchQuery, SectionScore, WordBag
from search.results import FacetValue, Hit, SearchResults, Snippet
from search.store import CurrentIndex, build_index, current_dir, open_index

__all__ = ["CurrentIndex", "FacetValue", "Hit", "SearchIndex", "SearchQuery", "SearchResults", "SectionScore",
           "Snippet", "WordBag", "build_index", "current_dir", "open_index"]
