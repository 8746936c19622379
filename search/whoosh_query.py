"""A search.plan plan -> a Whoosh query over the schema of search.whoosh_index."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from search.plan import AllOf, AnyOf, AnyTerm, Constant, Everything, ExactPhrase, Near, Plan, PrefixTerm, Term, Without


def compile_plan(plan: Plan) -> wq.Query:
    """The Whoosh query that matches what plan means."""
    if isinstance(plan, Term):
        return wq.Term(plan.field, plan.term)
    if isinstance(plan, AnyTerm):
        terms = [wq.Term("words", t) for t in plan.terms]
        return wq.NullQuery if not terms else terms[0] if len(terms) == 1 else wq.Or(terms)
    if isinstance(plan, PrefixTerm):
        return wq.Prefix("words", plan.prefix)
    if isinstance(plan, ExactPhrase):
        return wq.Phrase("words", list(plan.words))
    if isinstance(plan, Near):
        return SpanNear2([wq.Term("words", t) for t in plan.words], slop=plan.slop, ordered=False)
    if isinstance(plan, Constant):
        terms = [wq.Term(plan.field, v) for v in plan.values]
        joined = terms[0] if len(terms) == 1 else (wq.And if plan.every else wq.Or)(terms)
        return wq.ConstantScoreQuery(joined, 0.0)
    if isinstance(plan, (AllOf, AnyOf)):
        return (wq.And if isinstance(plan, AllOf) else wq.Or)([compile_plan(p) for p in plan.items])
    if isinstance(plan, Without):
        return wq.Not(compile_plan(plan.item))
    if isinstance(plan, Everything):
        return wq.Every()
    raise TypeError(f"not a plan: {plan!r}")
