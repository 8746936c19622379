"""A search.plan plan -> a tantivy query over the ranking index of search.tantivy_index.

The index holds the tokens search.analysis made (tantivy's ``whitespace`` tokenizer only splits
them at spaces), so each plan term is a term query on the indexed term.  Filters (the ``tags`` and
``terms`` columns) score nothing, as in FTS5 (weight 0): they are wrapped in a constant score of 0.

Proximity (`Near`) is the one part of a plan compiled to None: tantivy's sloppy phrase counts
slop differently (a transposition costs 2) from FTS5's NEAR, so such a plan is searched by FTS5,
which keeps its meaning exactly the same.
"""
from __future__ import annotations

from search.fts5_query import tag
from search.plan import AllOf, AnyOf, AnyTerm, Constant, Everything, ExactPhrase, Near, Plan, PrefixTerm, Term, Without

TEXT_FIELDS = ("words", "text_en", "text_fr", "terms", "tags")
"""Indexed text fields, the same as FTS5's columns."""
SCORED = frozenset({"words", "text_en", "text_fr"})
"""Fields that rank (the others only filter)."""
MAX_PREFIX_TERMS = 1000
"""A prefix with more indexed terms than this is matched unranked (a regular expression)."""


class Unsupported(Exception):
    """The plan holds something this engine does not mean exactly as FTS5 does."""


def ranks(plan: Plan) -> bool:
    """True when something in plan outside a NOT gives a score (else every match scores 0)."""
    if isinstance(plan, (Term, AnyTerm, PrefixTerm, ExactPhrase, Near)):
        return not isinstance(plan, Term) or plan.field in SCORED
    if isinstance(plan, (AllOf, AnyOf)):
        return any(ranks(p) for p in plan.items)
    return False


class Compiler:
    """Compiles plans against one open tantivy index (its schema and searcher)."""

    def __init__(self, tantivy, schema, searcher) -> None:
        self.t, self.schema, self.searcher = tantivy, schema, searcher

    def compile(self, plan: Plan):
        """The tantivy query matching what plan means; Unsupported for proximity."""
        t, q = self.t, self.t.Query
        if isinstance(plan, Term):
            found = q.term_query(self.schema, plan.field, plan.term)
            return found if plan.field in SCORED else self._unscored(found)
        if isinstance(plan, AnyTerm):
            return self._any("words", plan.terms)
        if isinstance(plan, PrefixTerm):
            return self._prefix(plan.prefix)
        if isinstance(plan, ExactPhrase):
            return q.phrase_query(self.schema, "words", list(plan.words))
        if isinstance(plan, Near):
            raise Unsupported("proximity")
        if isinstance(plan, Constant):
            field = "terms" if plan.field == "terms" else "tags"
            tokens = plan.values if field == "terms" else [tag(plan.field, v) for v in plan.values]
            if not tokens:
                return q.empty_query()
            if not plan.every:
                return self._unscored(q.term_set_query(self.schema, field, list(tokens)))
            return self._unscored(q.boolean_query([(t.Occur.Must, q.term_query(self.schema, field, token))
                                                   for token in tokens]))
        if isinstance(plan, Everything):
            return self._every()
        if isinstance(plan, Without):
            return q.boolean_query([(t.Occur.Must, self._every()), (t.Occur.MustNot, self.compile(plan.item))])
        if isinstance(plan, AnyOf):
            return q.boolean_query([(t.Occur.Should, self.compile(p)) for p in plan.items])
        if isinstance(plan, AllOf):
            clauses = [(t.Occur.MustNot, self.compile(p.item)) if isinstance(p, Without) else
                       (t.Occur.Must, self.compile(p)) for p in plan.items]
            if all(occur == t.Occur.MustNot for occur, _ in clauses):
                clauses.append((t.Occur.Must, self._every()))
            return q.boolean_query(clauses)
        raise TypeError(f"not a plan: {plan!r}")

    def _any(self, field: str, terms) -> object:
        q = self.t.Query
        if not terms:
            return q.empty_query()
        return q.boolean_query([(self.t.Occur.Should, q.term_query(self.schema, field, term)) for term in terms])

    def _prefix(self, prefix: str):
        """Every indexed ``words`` term with the prefix, each ranked as a term (FTS5 ranks the prefix
        as one term: the sets are the same, the order may differ, as between FTS5 and Whoosh)."""
        terms = self.searcher.terms_with_prefix("words", prefix, limit=MAX_PREFIX_TERMS + 1)
        if len(terms) <= MAX_PREFIX_TERMS:
            return self._any("words", [term for term, _ in terms])
        import re

        return self._unscored(self.t.Query.regex_query(self.schema, "words", re.escape(prefix) + ".*"))

    def _every(self):
        return self._unscored(self.t.Query.all_query())

    def _unscored(self, query):
        return self.t.Query.const_score_query(query, 0.0)

