"""A search.plan plan -> an SQLite FTS5 MATCH expression over the table of search.fts5_index.

The table holds tokens already analysed by search.analysis (FTS5 only splits them at spaces), so
each plan term is written as a quoted FTS5 string and means exactly the indexed term.  Filters
are tokens of the ``tags`` column (`tag`), which scores nothing.

>>> from functools import lru_cache

from search.plan import AllOf, Term, Without
>>> compile_plan(AllOf((Term("text_en", "benefit"), Without(Term("words", "child")))))
'(text_en : "benefit") NOT (words : "child")'
"""
from __future__ import annotations

from functools import lru_cache

from search.plan import AllOf, AnyOf, AnyTerm, Constant, Everything, ExactPhrase, Near, Plan, PrefixTerm, Term, Without

COLUMNS = ("words", "text_en", "text_fr", "terms", "tags")
"""Indexed columns, in table order."""
WEIGHTS = (1.0, 1.0, 1.0, 0.0, 0.0)
"""bm25() weight of each column: defined terms and tags only filter."""
EVERY = "all"
"""The tag every element has."""
NONE = "none"
"""A tag no element has (what an empty expansion matches)."""


@lru_cache(maxsize=100_000)
def tag(field: str, value: str) -> str:
    """The ``tags`` token of a keyword field's value (any value becomes one plain token)."""
    return f"{field}x{value.encode('utf-8').hex()}"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def compile_plan(plan: Plan) -> str:
    """The MATCH expression that matches what plan means."""
    if isinstance(plan, Term):
        return f"{plan.field} : {_quoted(plan.term)}"
    if isinstance(plan, AnyTerm):
        if not plan.terms:
            return f"tags : {_quoted(NONE)}"
        return "words : (" + " OR ".join(_quoted(t) for t in plan.terms) + ")"
    if isinstance(plan, PrefixTerm):
        return f"words : {_quoted(plan.prefix)} *"
    if isinstance(plan, ExactPhrase):
        return f"words : {_quoted(' '.join(plan.words))}"
    if isinstance(plan, Near):
        # Whoosh's slop counts positions apart (1 = adjacent); FTS5 counts the tokens in between
        return f"words : NEAR({' '.join(_quoted(w) for w in plan.words)}, {max(plan.slop - 1, 0)})"
    if isinstance(plan, Constant):
        field = "terms" if plan.field == "terms" else "tags"
        tokens = [_quoted(v if field == "terms" else tag(plan.field, v)) for v in plan.values]
        return f"{field} : (" + (" AND " if plan.every else " OR ").join(tokens) + ")"
    if isinstance(plan, Everything):
        return f"tags : {_quoted(EVERY)}"
    if isinstance(plan, Without):
        return f"(tags : {_quoted(EVERY)}) NOT ({compile_plan(plan.item)})"
    if isinstance(plan, AnyOf):
        return " OR ".join(f"({compile_plan(p)})" for p in plan.items)
    if isinstance(plan, AllOf):
        # FTS5's NOT is binary: the items without NOT first, then each NOT subtracted
        positive = [p for p in plan.items if not isinstance(p, Without)]
        negative = [p.item for p in plan.items if isinstance(p, Without)]
        expr = " AND ".join(f"({compile_plan(p)})" for p in positive) if positive else \
            f"tags : {_quoted(EVERY)}"
        for item in negative:
            expr = f"{expr} NOT ({compile_plan(item)})"
        return expr
    raise TypeError(f"not a plan: {plan!r}")
