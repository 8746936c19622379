"""What the site and the CLI search through: cross-language rewriting (search.crosslang) and a
"did you mean" checked to find something (search.suggest), in front of any engine."""
from __future__ import annotations

from dataclasses import replace

from search.crosslang import Lexicon, rewrite
from search.suggest import did_you_mean


def search_across(index, query, lexicon: Lexicon, enabled: bool = True, prefer: str = "fr"):
    """The results of a SearchQuery with its words carried into the other language (unless not
    `enabled`), and a "did you mean" that search.suggest checked finds something."""
    if not hasattr(index, "vocabulary"):  # an engine that cannot say its words: the query as typed
        return index.search(query)
    plan = rewrite(query.text, lexicon, index.vocabulary, prefer) if enabled else None
    results = index.search(replace(query, text=plan.text if plan else query.text, suggest=False))
    if plan is not None:
        results = replace(results, query=query.text, carried=plan.carried)
    suggestion = did_you_mean(query, results, index, lexicon, enabled, prefer)
    return replace(results, did_you_mean=suggestion)
