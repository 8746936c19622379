"""One search, whatever the engine: parse, plan, the citation jump, collapsing, pages, facets,
snippets and "did you mean" are done here once; an engine only matches and stores (`Backend`).

Element numbers are the records' positions in search.records order in every engine, so ties
break the same way everywhere.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter
from typing import NamedTuple, Protocol

from alinea.errors import AlineaError, NotFound, Outside
from alinea.ids import is_provision_id
from search.analysis import Analysed, lang_of
from search.engine import Resolver, SearchQuery
from search.plan import Built, IndexMeta, Plan, Translator
from search.query import parse
from search.records import Record
from search.results import FacetValue, Hit, SearchResults
from search.snippets import find_matches, make_snippet
from search.vocabulary import Vocabulary

FACETS = ("document", "title", "chapter", "kind", "status", "lang")
"""Facets, in the order of `Group.facets`: document, title id, chapter id, document kind, status, language."""
FACET_VALUES = 100
"""Values of a facet given at most, the most frequent (a library of a thousand documents lists a
thousand; no one reads them, and labelling them all grew with the library)."""
LANG_NAMES = {"en": "English", "fr": "Français"}
STORED = ("id", "group", "doc", "doc_kind", "element", "lang", "status", "heading", "breadcrumb", "body", "tokens")
"""What an engine keeps of each record to show it as a hit."""


class Group(NamedTuple):
    """The best element of a section (or heading) that matched."""

    score: float
    number: int
    """Element number."""
    group: str
    facets: tuple[str, ...]
    """Values of FACETS."""


def facet_values(rec: Record) -> tuple[str, ...]:
    """A record's values of FACETS."""
    return rec.doc, rec.title_id, rec.chapter_id, rec.doc_kind, rec.status, rec.lang


def stored_row(rec: Record, forms: Analysed, words: str | None = None) -> tuple[str, ...]:
    """What an engine stores of a record, in STORED order, tokens packed (search.analysis.Analysed.pack;
    words: its words already joined by spaces)."""
    return (rec.id, rec.group, rec.doc, rec.doc_kind, rec.kind, rec.lang, rec.status, rec.heading, rec.breadcrumb,
            rec.text, forms.pack(words))


def stored_fields(rec: Record, forms: Analysed) -> dict:
    """What an engine stores of a record (STORED), by name."""
    return dict(zip(STORED, stored_row(rec, forms), strict=True))


class Matches(Protocol):
    """The best element of each section that matched a query, best first (ties: lower element number)."""

    total: int
    exact: bool
    """False when `total` is a lower bound (search.results.SearchResults.total_exact)."""

    def page(self, start: int, stop: int, without: str | None) -> list[Group]:
        """Groups start to stop (excluded), leaving out the group named without."""

    def facets(self, without: str | None) -> list[Counter]:
        """For each of FACETS, value -> groups, leaving out the group named without."""

    def score(self, group: str) -> float | None:
        """Score of a group, None when it did not match."""


class GroupList:
    """`Matches` held as a list (for engines that rank in Python)."""

    exact = True

    def __init__(self, groups: list[Group]) -> None:
        self.groups, self.total = groups, len(groups)

    def _kept(self, without: str | None) -> list[Group]:
        return self.groups if without is None else [g for g in self.groups if g.group != without]

    def page(self, start: int, stop: int, without: str | None) -> list[Group]:
        return self._kept(without)[start:stop]

    def facets(self, without: str | None) -> list[Counter]:
        kept = self._kept(without)
        return [Counter(g.facets[i] for g in kept) for i in range(len(FACETS))]

    def score(self, group: str) -> float | None:
        return next((g.score for g in self.groups if g.group == group), None)


class Backend(Protocol):
    """What an engine provides to run a search."""

    meta: IndexMeta
    vocabulary: Vocabulary

    def match(self, plan: Plan) -> Matches:
        """What plan matches, collapsed into sections and ranked."""

    def element(self, number: int) -> Group:
        """Group, facets and no score of one element."""

    def stored(self, number: int) -> dict:
        """STORED fields of an element (``tokens`` packed)."""

    def stored_many(self, numbers: list[int]) -> dict[int, dict]:
        """Element number -> STORED fields, for a page of elements at once (one read of the store:
        a thread that leaves the interpreter lock to read waits to take it back, once per read)."""

    def number(self, element_id: str) -> int | None:
        """Element number of an id, None when it is not indexed."""


def cited(backend: Backend, text: str, resolve: Resolver | None) -> tuple[int | None, str]:
    """Element number of the provision the whole text cites, or None; and, when the text cites something
    outside the knowledge base (a federal provision, a standard), the resolver's line saying what it is."""
    text = " ".join(text.split())
    if not text:
        return None, ""
    candidate = text if is_provision_id(text) else None
    if (candidate is None or backend.number(candidate) is None) and resolve is not None:  # an id not indexed too
        try:
            candidate = resolve(text)
        except Outside as outside:
            return None, str(outside)
        except NotFound as lacking:  # "s. 55(2)(z)": read, and naming nothing real; the line says the nearest
            return None, str(lacking) if lacking.missing else ""
        except (AlineaError, ValueError, LookupError):
            candidate = None
    return (backend.number(candidate) if candidate else None), ""


def run(backend: Backend, query: SearchQuery, resolve: Resolver | None) -> SearchResults:
    """One page of results for query."""
    parsed = parse(query.text)
    built = Translator(backend.meta, backend.vocabulary).translate(parsed)
    jump, outside = cited(backend, parsed.text, resolve) if query.cite else (None, "")
    # an id typed as is names its provision and nothing else: its fragments are not searched as words
    typed_id = jump is not None and is_provision_id(parsed.text.strip())
    matches: Matches = GroupList([]) if typed_id or built.query is None else backend.match(built.query)
    lead: list[Group] = []
    without = None
    if jump is not None:  # the cited provision first, its section nowhere else
        first = backend.element(jump)
        score = matches.score(first.group)
        lead, without = [first._replace(score=score or 0.0)], first.group
    total = matches.total + len(lead) - (1 if lead and matches.score(lead[0].group) is not None else 0)
    per_page, page = query.per_page, query.page
    start, stop = (page - 1) * per_page, page * per_page
    shown = lead[start:stop] + matches.page(max(0, start - len(lead)), stop - len(lead), without)
    stored = backend.stored_many([g.number for g in shown])
    hits = tuple(_hit(stored[g.number], g, built, g.number == jump) for g in shown)
    counts = matches.facets(without)
    for i, value in enumerate(lead[0].facets if lead else ()):
        counts[i][value] += 1
    messages = list(parsed.messages) + built.messages + ([outside] if outside else [])
    if not total and built.query is None and not messages:
        messages.append("nothing to search: type some words, a phrase in quotes or a citation")
    return SearchResults(
        query=query.text, hits=hits, total=total, page=page, pages=math.ceil(total / per_page),
        per_page=per_page, facets=_facets(backend.meta, counts),
        did_you_mean=None if jump is not None or outside or not query.suggest else correct(backend.vocabulary, parsed.text, built),
        messages=tuple(dict.fromkeys(messages)),
        citation=None if jump is None else backend.stored(jump)["id"], total_exact=matches.exact)


def _hit(stored: dict, group: Group, built: Built, is_cited: bool) -> Hit:
    lang = stored["lang"]
    matches = find_matches(Analysed.unpacked(stored["tokens"]), built.highlight.get("words", set()),
                           built.highlight.get(f"text_{lang_of(lang)}", set()), built.phrases)
    return Hit(id=stored["id"], section=stored["group"], score=round(group.score, 4), doc=stored["doc"],
               doc_kind=stored["doc_kind"], kind=stored["element"], lang=lang, status=stored["status"],
               heading=stored["heading"], breadcrumb=stored["breadcrumb"],
               snippet=make_snippet(stored["body"], matches), cited=is_cited)


def _facets(meta: IndexMeta, counts: list[Counter]) -> dict[str, tuple[FacetValue, ...]]:
    facets = {}
    for name, values in zip(FACETS, counts, strict=True):
        labels = _labels(meta, name)
        shown = heapq.nsmallest(FACET_VALUES, ((-n, v) for v, n in values.items() if v and n))
        facets[name] = tuple(FacetValue(v, labels.get(v, v), -n, _filter(name, v)) for n, v in shown)
    return facets


def _labels(meta: IndexMeta, facet: str) -> dict[str, str]:
    """Value -> label of a facet (a value without one is its own label)."""
    return {"document": meta.documents, "title": meta.divisions, "chapter": meta.divisions,
            "lang": LANG_NAMES}.get(facet, {})


def _filter(facet: str, value: str) -> str:
    """The query filter that narrows results to one facet value."""
    name = {"document": "doc", "title": "in", "chapter": "in", "kind": "kind"}.get(facet, facet)
    return f'{name}:"{value}"' if " " in value else f"{name}:{value}"


def correct(vocabulary: Vocabulary, text: str, built: Built) -> str | None:
    """The query with each unknown word replaced by the most frequent word within 1 (else 2) edits."""
    corrected, shift = text, 0
    for word, start, end in built.spelled:
        if len(word) < 3 or vocabulary.frequency(word):
            continue
        suggestion = suggest(vocabulary, word)
        if suggestion:
            corrected = corrected[:start + shift] + suggestion + corrected[end + shift:]
            shift += len(suggestion) - (end - start)
    return corrected if corrected != text else None


def suggest(vocabulary: Vocabulary, word: str) -> str | None:
    """The most frequent indexed word within 1, else 2, edits of word (same first letter)."""
    for maxdist in (1, 2):
        candidates = vocabulary.within(word, maxdist)
        if candidates:
            return max(candidates, key=lambda w: (vocabulary.frequency(w), w))
    return None
