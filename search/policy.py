"""What the site and the CLI search through: cross-language rewriting (search.crosslang) and a
"did you mean" checked to find something (search.suggest), in front of any engine."""
from __future__ import annotations

import math
from dataclasses import replace

from alinea.errors import AlineaError, NotFound, Outside
from search.crosslang import FEW, Lexicon, rewrite
from search.engine import MAX_PER_PAGE
from search.query import UNCLOSED, without_unclosed_quotes
from search.suggest import did_you_mean


def search_across(index, query, lexicon: Lexicon, enabled: bool = True, prefer: str = "fr"):
    """The results of a SearchQuery with its words carried into the other language (unless not
    `enabled`), and a "did you mean" that search.suggest checked finds something.  When fewer than
    `FEW` sections hold all the words, the sections that hold some of them follow (those with all
    of them first), and a note says so.  A quotation mark that closes nothing is ignored, as the
    engine ignores it, and the words are carried over all the same (the engine's note is kept)."""
    if not hasattr(index, "vocabulary"):  # an engine that cannot say its words: the query as typed
        return index.search(query)
    loose = without_unclosed_quotes(query.text)
    plan = rewrite(loose or query.text, lexicon, index.vocabulary, prefer) \
        if enabled and not _citation(index, query.text) else None
    results = index.search(replace(query, text=plan.text, suggest=False, cite=False) if plan
                           else replace(query, suggest=False))
    if plan is not None and loose is not None:  # the quotation mark the plan left out, as the engine would say
        results = replace(results, messages=(UNCLOSED,) + results.messages)
    if plan is not None and plan.relaxed and results.total < FEW:
        relaxed = _strict_first(index, query, plan.text, plan.relaxed, results)
        if relaxed.total > results.total:
            results = replace(relaxed, messages=relaxed.messages + (RELAXED,))
    if plan is not None:
        results = replace(results, query=query.text, carried=plan.carried)
    suggestion = did_you_mean(query, results, index, lexicon, enabled, prefer)
    return replace(results, did_you_mean=suggestion)


RELAXED = "few sections hold all the words: those that hold some of them follow"


def _strict_first(index, query, strict_text: str, relaxed_text: str, found):
    """The results of relaxed_text, the sections strict_text finds (fewer than FEW) first, whatever
    the engine's ranking makes of the relaxed query; `found`: strict_text's results for query (all
    of them when they are on its first page)."""
    query = replace(query, cite=False)  # both texts are plans (search.crosslang.rewrite)
    strict = found.hits if found.page == 1 and len(found.hits) == found.total else \
        index.search(replace(query, text=strict_text, page=1, per_page=FEW, suggest=False)).hits
    first = {h.section for h in strict}
    want = query.page * query.per_page
    # enough hits for the page on the first page of results (a hit is a snippet made), unless that is
    # more than a page can hold: then pages of MAX_PER_PAGE until there are enough
    per_page = min(MAX_PER_PAGE, want + len(first))
    rest, page, first_page = [], 1, None
    while len(rest) < want:
        relaxed = index.search(replace(query, text=relaxed_text, page=page, per_page=per_page, suggest=False))
        first_page = first_page or relaxed  # its total, facets and notes are those of the query's own pages
        rest += [h for h in relaxed.hits if h.section not in first]
        if page >= relaxed.pages:
            break
        page += 1
    merged = list(strict) + rest
    return replace(first_page, hits=tuple(merged[want - query.per_page:want]), page=query.page,
                   per_page=query.per_page, pages=math.ceil(first_page.total / query.per_page))


def _citation(index, text: str) -> bool:
    """True when the whole query is a citation the index's resolver reads ("article 22"): it is
    searched as typed, for the pipeline to jump to the provision, or to say in one line what it names
    outside the knowledge base or that what it names does not exist ("Chapter VII of Title II")."""
    resolve = getattr(index, "resolve", None)
    if resolve is None:
        return False
    try:
        return bool(resolve(" ".join(text.split())))
    except NotFound as read:
        return isinstance(read, Outside) or bool(read.missing)
    except (AlineaError, ValueError, LookupError):
        return False
