"""What the site and the CLI search through: cross-language rewriting (search.crosslang) and a
"did you mean" checked to find something (search.suggest), in front of any engine."""
from __future__ import annotations

from dataclasses import replace

from alinea.errors import AlineaError
from search.crosslang import FEW, Lexicon, rewrite
from search.suggest import did_you_mean


def search_across(index, query, lexicon: Lexicon, enabled: bool = True, prefer: str = "fr"):
    """The results of a SearchQuery with its words carried into the other language (unless not
    `enabled`), and a "did you mean" that search.suggest checked finds something.  When fewer than
    `FEW` sections hold all the words, the sections that hold some of them follow (those with all
    of them first), and a note says so."""
    if not hasattr(index, "vocabulary"):  # an engine that cannot say its words: the query as typed
        return index.search(query)
    plan = rewrite(query.text, lexicon, index.vocabulary, prefer) if enabled and not _citation(index, query.text) \
        else None
    results = index.search(replace(query, text=plan.text if plan else query.text, suggest=False))
    if plan is not None and plan.relaxed and results.total < FEW:
        strict = results.total
        results = index.search(replace(query, text=plan.relaxed, suggest=False))
        if results.total > strict:
            results = replace(results, messages=results.messages + (RELAXED,))
    if plan is not None:
        results = replace(results, query=query.text, carried=plan.carried)
    suggestion = did_you_mean(query, results, index, lexicon, enabled, prefer)
    return replace(results, did_you_mean=suggestion)


RELAXED = "few sections hold all the words: those that hold some of them follow"


def _citation(index, text: str) -> bool:
    """True when the whole query is a citation the index's resolver reads ("article 22"): it is
    searched as typed, for the pipeline to jump to the provision."""
    resolve = getattr(index, "resolve", None)
    if resolve is None:
        return False
    try:
        return bool(resolve(" ".join(text.split())))
    except (AlineaError, ValueError, LookupError):
        return False
