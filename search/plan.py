"""Alinea query trees (search.query) -> an engine-neutral plan that every engine compiles.

All the meaning of a query is decided here, once, for every engine: how a word is
analysed (its stem in each language; a word that is a stop word in one language
matches every element of that language, so "the benefit" finds English text with
"benefit"), which indexed terms a fuzzy term, a wildcard or a prefix stands for
(search.vocabulary), what a filter value names, and what is highlighted.  Plain
words search the stemmed ``text_en`` and ``text_fr`` fields; phrases, proximity,
prefixes, wildcards and fuzzy terms search the exact-word ``words`` field; filters
search keyword fields and score nothing.  Filter values that name nothing are
reported and ignored.  search.whoosh_query and search.fts5_query compile a plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from alinea.ids import InvalidId, ProvisionId, doc_id_from_chapter
from alinea.model import STATUSES
from search.analysis import LANGS, fold_accents, query_stems, query_words
from search.concepts import programs_named
from search.query import And, Filter, Fuzzy, Node, Not, Or, Parsed, Phrase, Prefix, Wildcard, Word, leaves
from search.vocabulary import Vocabulary

STATUS_WORDS = {"inforce": "in force", "force": "in force", "current": "in force", "envigueur": "in force",
                "vigueur": "in force", "abroge": "repealed", "omis": "omitted", "inoperant": "inoperative",
                "integre": "integrated", **{s.replace(" ", ""): s for s in STATUSES}}
"""Status filter values (folded, spaces removed) in English and French -> status."""
LANG_WORDS = {"english": "en", "anglais": "en", "french": "fr", "francais": "fr"}
DIVISION_WORDS = {"titre": "title", "partie": "part", "chapitre": "chapter", "section": "division",
                  "sous-section": "subdivision", "annexe": "schedule"}
_LABELS = re.compile(r"\b(title|part|chapter|division|subdivision|schedule|titre|partie|chapitre|section|"
                     r"sous-section|annexe)\s+(\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])(?=\s|$)")
_YEARS = re.compile(r"^(\d{4})(?:\s*(?:-|\.\.|–|to|à)\s*(\d{4}))?$")
KEYWORD_FIELDS = {"status": "status", "amended": "amended", "kind": "kind", "lang": "lang", "in": "within",
                  "doc": "doc", "program": "programs", "defines": "terms"}
"""Filter -> the field of the index it reads (``terms`` holds stems of defined terms; the others values)."""


@dataclass(frozen=True)
class IndexMeta:
    """What filters need to know about an index: its documents, divisions and element kinds."""

    documents: dict[str, str]
    """Document id -> title."""
    divisions: dict[str, str]
    """Division id -> label and heading (``TITLE II FINANCIAL ASSISTANCE PROGRAMS``)."""
    kinds: frozenset[str]
    """Values of the ``kind`` field."""
    programs: dict[str, tuple[str, ...]]
    """Program slug -> its names in English and French (and abbreviations)."""

    @cached_property
    def division_words(self) -> dict[str, str]:
        """Division id -> the words of its label and heading, space-separated and space-enclosed
        (analysed once per open index, not per ``in:`` filter)."""
        return {d: " " + " ".join(t for t, _, _ in query_words(label)) + " " for d, label in self.divisions.items()}

    @cached_property
    def in_values(self) -> dict[str, list[str]]:
        """``in:`` value -> the divisions it names (found once per open index; at most 1,000 kept)."""
        return {}

    @cached_property
    def divisions_by_last(self) -> dict[tuple[str, str], list[str]]:
        """(kind, number) of a division's last level -> the division ids ending so, in order (an
        ``in:`` filter by labels reads only those, not every division of the library)."""
        found: dict[tuple[str, str], list[str]] = {}
        for d in self.divisions:
            path = _division_path(d)
            if path:
                found.setdefault(path[-1], []).append(d)
        return found


# -- the plan: what to match, in engine-neutral terms -------------------------------------
@dataclass(frozen=True)
class Term:
    """One indexed term of a field, scored (BM25)."""
    field: str
    term: str


@dataclass(frozen=True)
class AnyTerm:
    """Any of these ``words`` terms (a fuzzy term or a wildcard, expanded); none: matches nothing."""
    terms: tuple[str, ...]


@dataclass(frozen=True)
class PrefixTerm:
    """Any ``words`` term starting with prefix."""
    prefix: str


@dataclass(frozen=True)
class ExactPhrase:
    """``words`` terms in this order, adjacent."""
    words: tuple[str, ...]


@dataclass(frozen=True)
class Near:
    """``words`` terms in any order, each within slop positions of the span of those before it."""
    words: tuple[str, ...]
    slop: int


@dataclass(frozen=True)
class Constant:
    """Elements whose keyword field holds any (or, with every, all) of values; scores nothing."""
    field: str
    values: tuple[str, ...]
    every: bool = False


@dataclass(frozen=True)
class AllOf:
    items: tuple["Plan", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Plan", ...]


@dataclass(frozen=True)
class Without:
    """Every element that `item` does not match."""
    item: "Plan"


@dataclass(frozen=True)
class Everything:
    """Every element (what a query of only NOTs subtracts from)."""


Plan = Term | AnyTerm | PrefixTerm | ExactPhrase | Near | Constant | AllOf | AnyOf | Without | Everything


@dataclass
class Built:
    """A plan with what highlighting and spelling need."""

    query: Plan | None
    highlight: dict[str, set[str]] = field(default_factory=dict)
    """Field -> terms of the positive part of the query (prefixes and fuzzy terms expanded): highlighted
    wherever they occur."""
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    """Exact phrases outside any NOT (as ``words`` terms): highlighted only where they occur whole."""
    restricts: bool = False
    """True when something outside any NOT selects documents (else the query means "all but")."""
    literal: bool = False
    """True when every positive term is a common word ("the", "de"): they are then searched as written."""
    spelled: list[tuple[str, int, int]] = field(default_factory=list)
    """(word as indexed in ``words``, start, end in the cleaned query) of positive words, for "did you mean"."""
    messages: list[str] = field(default_factory=list)

    def mark(self, fieldname: str, terms) -> None:
        self.highlight.setdefault(fieldname, set()).update(terms)


def fold(text: str) -> str:
    """Lower case without accents."""
    return fold_accents(text.lower())


def _common(text: str) -> bool:
    """True when a word is a stop word in some language ("the", "de")."""
    return bool(query_words(text)) and any(not query_stems(text, lang) for lang in LANGS)


def _join(kind, parts: list[Plan]) -> Plan | None:
    return None if not parts else parts[0] if len(parts) == 1 else kind(tuple(parts))


class Translator:
    """Translates parsed queries for one index (its metadata and vocabulary)."""

    def __init__(self, meta: IndexMeta, vocabulary: Vocabulary) -> None:
        self.meta, self.vocabulary = meta, vocabulary

    def translate(self, parsed: Parsed) -> Built:
        positive = [leaf for leaf, negated in leaves(parsed.node) if not negated]
        built = Built(None, literal=bool(positive) and all(isinstance(leaf, Word) and _common(leaf.text)
                                                            for leaf in positive))
        if built.literal:
            built.messages.append("only common words: searched them exactly as written")
        q = self._node(parsed.node, False, built)
        if q is not None and not built.restricts:
            q = AllOf((Everything(), q))
        built.query = q
        return built

    def _node(self, node: Node | None, negated: bool, built: Built) -> Plan | None:
        if isinstance(node, (And, Or)):
            parts = [p for p in (self._node(n, negated, built) for n in node.items) if p is not None]
            return _join(AllOf if isinstance(node, And) else AnyOf, parts)
        if isinstance(node, Not):
            inner = self._node(node.item, not negated, built)
            return Without(inner) if inner is not None else None
        if node is None:
            return None
        q = self._filter(node, built) if isinstance(node, Filter) else self._leaf(node, negated, built)
        if q is not None and not negated:
            built.restricts = True
            if isinstance(q, ExactPhrase):
                built.phrases.append(q.words)
            elif not isinstance(node, Filter):
                self._mark(q, built)
        return q

    def _mark(self, q: Plan, built: Built) -> None:
        """Record the terms of a positive leaf for highlighting."""
        if isinstance(q, Term):
            built.mark(q.field, [q.term])
        elif isinstance(q, AnyTerm):
            built.mark("words", q.terms)
        elif isinstance(q, PrefixTerm):
            built.mark("words", self.vocabulary.prefixed(q.prefix))
        elif isinstance(q, Near):
            built.mark("words", q.words)
        elif isinstance(q, (AllOf, AnyOf)):
            for item in q.items:
                self._mark(item, built)

    def _leaf(self, leaf: Node, negated: bool, built: Built) -> Plan | None:
        if isinstance(leaf, Wildcard):
            found = self.vocabulary.matching(fold(leaf.text))
            return AnyTerm(tuple(self.vocabulary.most_frequent(found)))
        words = query_words(leaf.text)  # type: ignore[union-attr]
        if not words:
            return None
        if not negated and not isinstance(leaf, (Prefix, Fuzzy)):
            built.spelled += [(w, leaf.start + s, leaf.start + e) for w, s, e in words]  # type: ignore[union-attr]
        terms = [w for w, _, _ in words]
        if isinstance(leaf, Prefix):
            last = PrefixTerm(terms[-1])
            return AllOf((*(Term("words", t) for t in terms[:-1]), last)) if len(terms) > 1 else last
        if isinstance(leaf, Fuzzy):
            fuzzy = [AnyTerm(tuple(self.vocabulary.most_frequent(self.vocabulary.within(t, leaf.distance))))
                     for t in terms]
            return _join(AllOf, fuzzy)  # type: ignore[arg-type]
        if isinstance(leaf, Phrase) and leaf.slop is not None and len(terms) > 1:
            return Near(tuple(terms), leaf.slop)
        if isinstance(leaf, Phrase) or len(terms) > 1 or built.literal:
            return ExactPhrase(tuple(terms)) if len(terms) > 1 else Term("words", terms[0])
        return self._word(leaf.text, negated)  # type: ignore[union-attr]

    def _word(self, text: str, negated: bool) -> Plan | None:
        """A word in each language's stemmed field.  A stop word of one language matches every
        element of that language; a stop word of every language is dropped.  A stem the index
        does not hold in a language is left out (it would match nothing there)."""
        stems = {lang: query_stems(text, lang) for lang in LANGS}
        if not any(stems.values()):
            return None
        per_lang: list[Plan] = []
        for lang, found in stems.items():
            if found and self.vocabulary.frequency(found[0], f"text_{lang}"):
                per_lang.append(Term(f"text_{lang}", found[0]))
            elif not found and not negated:
                per_lang.append(Constant("alang", (lang,)))
        return _join(AnyOf, per_lang) or AnyTerm(())

    # -- filters ---------------------------------------------------------------------------
    def _filter(self, f: Filter, built: Built) -> Plan | None:
        values = getattr(self, f"_values_{f.field}")(f.value)
        if not values:
            built.messages.append(f"{f.field}:{f.value!r} matches nothing ({self._known(f.field)}): filter ignored")
            return None
        return Constant(KEYWORD_FIELDS[f.field], tuple(values), every=f.field == "defines")

    def _known(self, name: str) -> str:
        known = {"status": ", ".join(STATUSES), "kind": ", ".join(sorted(self.meta.kinds)),
                 "lang": ", ".join(LANGS), "program": ", ".join(p[0] for p in self.meta.programs.values()),
                 "doc": ", ".join(self.meta.documents), "amended": "a year or a range such as 2016-2018",
                 "in": "a heading such as \"title II chapter I\" or an id", "defines": "a defined term"}
        return known[name]

    def _values_status(self, value: str) -> list[str]:
        key = re.sub(r"[^a-z]", "", fold(value))
        return [STATUS_WORDS[key]] if key in STATUS_WORDS else []

    def _values_amended(self, value: str) -> list[str]:
        m = _YEARS.match(value.strip())
        if not m:
            return []
        first, last = int(m[1]), int(m[2] or m[1])
        return [str(y) for y in range(min(first, last), max(first, last) + 1)][:200]

    def _values_kind(self, value: str) -> list[str]:
        key = fold(value)
        return [key] if key in self.meta.kinds else [key[:-1]] if key[:-1] in self.meta.kinds else []

    def _values_lang(self, value: str) -> list[str]:
        key = fold(value)
        return [LANG_WORDS.get(key, key)] if LANG_WORDS.get(key, key) in LANGS else []

    def _values_program(self, value: str) -> list[str]:
        return list(programs_named(value, self.meta.programs))

    def _values_defines(self, value: str) -> list[str]:
        return query_stems(value, "en")

    def _values_doc(self, value: str) -> list[str]:
        if value in self.meta.documents:
            return [value]
        try:
            doc_id = doc_id_from_chapter(value)
        except InvalidId:
            doc_id = value
        return [d for d in self.meta.documents if d.lower() == doc_id.lower()]

    def _values_in(self, value: str) -> list[str]:
        found = self.meta.in_values.get(value)
        if found is None:
            if len(self.meta.in_values) >= 1000:
                self.meta.in_values.clear()
            found = self.meta.in_values[value] = self._divisions_in(value)
        return found

    def _divisions_in(self, value: str) -> list[str]:
        if value in self.meta.divisions or value in self.meta.documents:
            return [value]
        wanted = fold(value)
        pairs = [(DIVISION_WORDS.get(k, k), _number(n)) for k, n in _LABELS.findall(wanted)]
        if pairs and not _LABELS.sub("", wanted).strip(" ,/›>"):
            return [d for d in self.meta.divisions_by_last.get(pairs[-1], ()) if _path_matches(d, pairs)]
        words = " " + " ".join(t for t, _, _ in query_words(value)) + " "
        return [d for d, label in self.meta.division_words.items() if words.strip() and words in label]


def _number(label: str) -> str:
    """A division number compared across numbering styles: roman numerals as digits."""
    label = label.lower()
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not label or any(c not in values for c in label):
        return label
    total = 0
    for c, nxt in zip(label, label[1:] + " ", strict=True):
        total += -values[c] if values.get(nxt, 0) > values[c] else values[c]
    return str(total)


@lru_cache(maxsize=200_000)
def _division_path(division_id: str) -> tuple[tuple[str, str], ...]:
    """(kind, number) of each division of an id, numbers compared across styles (parsed once)."""
    try:
        return tuple((k, _number(n)) for k, n in ProvisionId.parse(division_id).divisions)
    except InvalidId:
        return ()


def _path_matches(division_id: str, pairs: list[tuple[str, str]]) -> bool:
    """True when the division is the last of pairs and its ancestors include the others, in order."""
    path = _division_path(division_id)
    if not path or path[-1] != pairs[-1]:
        return False
    rest = iter(path[:-1])
    return all(pair in rest for pair in pairs[:-1])
