"""Alinea query trees (search.query) -> Whoosh queries over the schema of search.whoosh_index.

Plain words search the stemmed ``text_en`` and ``text_fr`` fields (a word that is
a stop word in one language matches every document of that language, so
"the benefit" finds English text with "benefit"); phrases, proximity, prefixes,
wildcards and fuzzy terms search the exact-word ``words`` field; filters search
keyword fields.  Filter values that name nothing are reported and ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.query.spans import SpanNear2
from whoosh.support.charset import accent_map

from alinea.ids import InvalidId, ProvisionId, doc_id_from_chapter
from alinea.model import STATUSES
from search.analysis import LANGS, text_analyzer, word_analyzer
from search.concepts import programs_named
from search.query import And, Filter, Fuzzy, Node, Not, Or, Parsed, Phrase, Prefix, Wildcard, Word, leaves

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


@dataclass
class Built:
    """A Whoosh query with what highlighting and spelling need."""

    query: wq.Query | None
    positive: list[wq.Query] = field(default_factory=list)
    """Leaf queries outside any NOT but exact phrases: their terms are highlighted wherever they occur."""
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    """Exact phrases outside any NOT (as ``words`` terms): highlighted only where they occur whole."""
    restricts: bool = False
    """True when something outside any NOT selects documents (else the query means "all but")."""
    literal: bool = False
    """True when every positive term is a common word ("the", "de"): they are then searched as written."""
    spelled: list[tuple[str, int, int]] = field(default_factory=list)
    """(word as indexed in ``words``, start, end in the cleaned query) of positive words, for "did you mean"."""
    messages: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents."""
    return text.lower().translate(accent_map)


def _tokens(analyzer, text: str) -> list[tuple[str, int, int]]:
    return [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="query")]


def _common(text: str) -> bool:
    """True when a word is a stop word in some language ("the", "de")."""
    return bool(_tokens(word_analyzer(), text)) and any(not _tokens(text_analyzer(lang), text) for lang in LANGS)


class Translator:
    """Translates parsed queries for one index."""

    def __init__(self, meta: IndexMeta) -> None:
        self.meta = meta

    def translate(self, parsed: Parsed) -> Built:
        positive = [leaf for leaf, negated in leaves(parsed.node) if not negated]
        built = Built(None, literal=bool(positive) and all(isinstance(leaf, Word) and _common(leaf.text)
                                                            for leaf in positive))
        if built.literal:
            built.messages.append("only common words: searched them exactly as written")
        q = self._node(parsed.node, False, built)
        if q is not None and not built.restricts:
            q = wq.And([wq.Every(), q])
        built.query = q
        return built

    def _node(self, node: Node | None, negated: bool, built: Built) -> wq.Query | None:
        if isinstance(node, (And, Or)):
            parts = [p for p in (self._node(n, negated, built) for n in node.items) if p is not None]
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else (wq.And if isinstance(node, And) else wq.Or)(parts)
        if isinstance(node, Not):
            inner = self._node(node.item, not negated, built)
            return wq.Not(inner) if inner is not None else None
        if node is None:
            return None
        q = self._filter(node, built) if isinstance(node, Filter) else self._leaf(node, negated, built)
        if q is not None and not negated:
            built.restricts = True
            if isinstance(q, wq.Phrase):
                built.phrases.append(tuple(q.words))
            elif not isinstance(node, Filter):
                built.positive.append(q)
        return q

    def _leaf(self, leaf: Node, negated: bool, built: Built) -> wq.Query | None:
        if isinstance(leaf, Wildcard):
            return wq.Wildcard("words", fold(leaf.text))
        words = _tokens(word_analyzer(), leaf.text)  # type: ignore[union-attr]
        if not words:
            return None
        if not negated and not isinstance(leaf, (Prefix, Fuzzy)):
            built.spelled += [(w, leaf.start + s, leaf.start + e) for w, s, e in words]  # type: ignore[union-attr]
        terms = [w for w, _, _ in words]
        if isinstance(leaf, Prefix):
            last = wq.Prefix("words", terms[-1])
            return wq.And([*(wq.Term("words", t) for t in terms[:-1]), last]) if len(terms) > 1 else last
        if isinstance(leaf, Fuzzy):
            fuzzy = [wq.FuzzyTerm("words", t, maxdist=leaf.distance, prefixlength=1) for t in terms]
            return fuzzy[0] if len(fuzzy) == 1 else wq.And(fuzzy)
        if isinstance(leaf, Phrase) and leaf.slop is not None and len(terms) > 1:
            return SpanNear2([wq.Term("words", t) for t in terms], slop=leaf.slop, ordered=False)
        if isinstance(leaf, Phrase) or len(terms) > 1 or built.literal:
            return wq.Phrase("words", terms) if len(terms) > 1 else wq.Term("words", terms[0])
        return self._word(leaf.text, negated)  # type: ignore[union-attr]

    def _word(self, text: str, negated: bool) -> wq.Query | None:
        """A word in each language's stemmed field.  A stop word of one language matches every
        document of that language; a stop word of every language is dropped."""
        stems = {lang: [t.text for t in text_analyzer(lang)(text, mode="query")] for lang in LANGS}
        if not any(stems.values()):
            return None
        per_lang: list[wq.Query] = []
        for lang, found in stems.items():
            if found:
                per_lang.append(wq.Term(f"text_{lang}", found[0]))
            elif not negated:
                per_lang.append(wq.ConstantScoreQuery(wq.Term("alang", lang), 0.0))
        return per_lang[0] if len(per_lang) == 1 else wq.Or(per_lang)

    # -- filters ---------------------------------------------------------------------------
    def _filter(self, f: Filter, built: Built) -> wq.Query | None:
        values = getattr(self, f"_values_{f.field}")(f.value)
        if not values:
            built.messages.append(f"{f.field}:{f.value!r} matches nothing ({self._known(f.field)}): filter ignored")
            return None
        fieldname = {"in": "within", "doc": "doc", "defines": "terms", "program": "programs"}.get(f.field, f.field)
        terms = [wq.Term(fieldname, v) for v in values]
        joined = terms[0] if len(terms) == 1 else (wq.And if f.field == "defines" else wq.Or)(terms)
        return wq.ConstantScoreQuery(joined, 0.0)

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
        return [t for t, _, _ in _tokens(text_analyzer("en"), value)]

    def _values_doc(self, value: str) -> list[str]:
        if value in self.meta.documents:
            return [value]
        try:
            doc_id = doc_id_from_chapter(value)
        except InvalidId:
            doc_id = value
        return [d for d in self.meta.documents if d.lower() == doc_id.lower()]

    def _values_in(self, value: str) -> list[str]:
        if value in self.meta.divisions or value in self.meta.documents:
            return [value]
        wanted = fold(value)
        pairs = [(DIVISION_WORDS.get(k, k), _number(n)) for k, n in _LABELS.findall(wanted)]
        if pairs and not _LABELS.sub("", wanted).strip(" ,/›>"):
            return [d for d in self.meta.divisions if _path_matches(d, pairs)]
        words = " " + " ".join(t for t, _, _ in _tokens(word_analyzer(), value)) + " "
        return [d for d, label in self.meta.divisions.items() if words.strip() and words in
                " " + " ".join(t for t, _, _ in _tokens(word_analyzer(), label)) + " "]


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


def _path_matches(division_id: str, pairs: list[tuple[str, str]]) -> bool:
    """True when the division is the last of pairs and its ancestors include the others, in order."""
    try:
        path = [(k, _number(n)) for k, n in ProvisionId.parse(division_id).divisions]
    except InvalidId:
        return False
    if not path or path[-1] != pairs[-1]:
        return False
    rest = iter(path[:-1])
    return all(pair in rest for pair in pairs[:-1])
