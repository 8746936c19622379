"""The Whoosh engine behind search.engine.SearchIndex: schema, writer, searcher.

One Whoosh document per `search.records.Record`.  A search scores every match,
keeps the best element of each section (so a hit names the exact
subparagraph), counts facets over those sections, and cuts the page.
"""
from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from pathlib import Path

from whoosh import index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.searching import Searcher

from alinea.errors import AlineaError
from alinea.ids import is_provision_id
from alinea.model import Corpus
from search.analysis import lang_of, text_analyzer, word_analyzer
from search.concepts import ConceptTags
from search.engine import Resolver, SearchQuery, SectionScore, WordBag
from search.query import parse
from search.records import Namer, Record, records
from search.results import FacetValue, Hit, SearchResults
from search.snippets import find_matches, make_snippet
from search.whoosh_bag import BagScorer
from search.whoosh_query import Built, IndexMeta, Translator

FORMAT = 1
"""Bumped when the schema changes: an index of another format must be rebuilt."""
META_FILE = "alinea-index.json"
FACETS = (("document", "doc"), ("title", "title_id"), ("chapter", "chapter_id"), ("kind", "doc_kind"),
          ("status", "status"), ("lang", "lang"))
"""Facet name -> the column it counts."""
LANG_NAMES = {"en": "English", "fr": "Français"}

COLUMNS = ("group",) + tuple(column for _, column in FACETS)
"""Per-document values read once when the index is opened (grouping and facets need them for every match)."""

class Columns:
    """Values of the COLUMNS fields for every document number, held compactly in memory."""

    def __init__(self, reader) -> None:
        self._values: dict[str, list[str]] = {}
        self._codes: dict[str, array] = {}
        for name in COLUMNS:
            distinct: dict[str, int] = {}
            codes = array("I")
            for value in reader.column_reader(name):
                text = value.decode("utf-8") if isinstance(value, bytes) else value
                codes.append(distinct.setdefault(text, len(distinct)))
            self._values[name], self._codes[name] = list(distinct), codes

    def get(self, name: str, docnum: int) -> str:
        return self._values[name][self._codes[name][docnum]]

class IndexMissing(AlineaError):
    """The index directory has no index (never built, or removed by a rebuild)."""

def schema() -> Schema:
    """The fields of the index (see search.records.Record for what each holds)."""
    return Schema(
        id=ID(stored=True, unique=True), group=ID(stored=True, sortable=True),
        doc=ID(stored=True, sortable=True), doc_kind=ID(stored=True, sortable=True),
        lang=ID(stored=True, sortable=True), status=ID(stored=True, sortable=True),
        title_id=ID(sortable=True), chapter_id=ID(sortable=True), alang=ID(),
        kind=KEYWORD(commas=True, scorable=False), element=STORED(), title=STORED(), breadcrumb=STORED(),
        body=STORED(), within=KEYWORD(commas=True, scorable=False), amended=KEYWORD(commas=True, scorable=False),
        programs=KEYWORD(commas=True, scorable=False), terms=TEXT(analyzer=text_analyzer("en"), phrase=False),
        text_en=TEXT(analyzer=text_analyzer("en"), phrase=False),
        text_fr=TEXT(analyzer=text_analyzer("fr"), phrase=False),
        words=TEXT(analyzer=word_analyzer(), phrase=True),
    )

def _fields(rec: Record) -> dict:
    return {"id": rec.id, "group": rec.group, "doc": rec.doc, "doc_kind": rec.doc_kind, "lang": rec.lang,
            "status": rec.status, "title_id": rec.title_id, "chapter_id": rec.chapter_id,
            "alang": lang_of(rec.lang), "kind": ",".join(rec.kinds), "element": rec.kind, "title": rec.title,
            "breadcrumb": rec.breadcrumb, "body": rec.text, "within": ",".join(rec.within),
            "amended": ",".join(map(str, rec.amended)), "programs": ",".join(rec.programs),
            "terms": "\n".join(rec.terms), f"text_{lang_of(rec.lang)}": rec.text, "words": rec.text}

class WhooshIndex:
    """A Whoosh index of the knowledge base in one directory."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self._ix: index.Index | None = None
        self._meta = IndexMeta({}, {}, frozenset(), {})
        self._resolve: Resolver | None = None
        self.columns: Columns | None = None
        self._bags: BagScorer | None = None

    def build(self, corpus: Corpus, directory: Path, glossary=None, name: Namer | None = None) -> None:
        """Index every record of corpus into directory (created; it must not exist); the
        glossary names the programs in both languages for the ``program:`` filter; `name`
        prints a section's id for its title (see search.records.Namer)."""
        directory = Path(directory)
        directory.mkdir(parents=True)
        ix = index.create_in(str(directory), schema())
        writer = ix.writer(limitmb=128, compound=False)  # separate files are memory-mapped, not copied
        divisions: dict[str, str] = {}
        kinds: set[str] = set()
        tags = ConceptTags(corpus, glossary)
        for rec in records(corpus, tags, name):
            writer.add_document(**_fields(rec))
            kinds.update(rec.kinds)
            if rec.kind == "heading":
                divisions[rec.id] = rec.title
        writer.commit()
        meta = {"format": FORMAT, "engine": "whoosh", "documents": {d.id: d.title for d in corpus.documents},
                "divisions": divisions, "kinds": sorted(kinds), "programs": tags.names}
        (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    def open(self, directory: Path, resolve: Resolver | None = None) -> None:
        """Open the index built in directory; AlineaError when there is none or it is outdated."""
        directory = Path(directory)
        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            ix = index.open_dir(str(directory))
        except (OSError, ValueError, index.IndexError) as exc:
            raise IndexMissing(f"no usable search index in {directory}/ ({exc}): run `alinea build`") from None
        if meta.get("format") != FORMAT:
            raise AlineaError(f"the search index in {directory}/ is of another version: run `alinea build`")
        with ix.searcher() as searcher:
            self.columns = Columns(searcher.reader())
        self.directory, self._ix, self._resolve = directory, ix, resolve
        self._meta = IndexMeta(meta["documents"], meta["divisions"], frozenset(meta["kinds"]),
                               {k: tuple(v) for k, v in meta["programs"].items()})

    @property
    def meta(self) -> IndexMeta:
        """What the query translator knows about the open index."""
        return self._meta

    def searcher(self) -> Searcher:
        """A Whoosh searcher of the open index, for tools that use Whoosh directly (benchmarks)."""
        if self._ix is None:
            raise AlineaError("the search index is not open")
        return self._ix.searcher()

    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
        self._ix = None
        self._bags = None

    def _searcher(self) -> Searcher:
        if self._ix is None:
            raise AlineaError("the search index is not open")
        try:
            return self._ix.searcher()
        except (OSError, index.IndexError) as exc:
            raise IndexMissing(f"the search index in {self.directory}/ is gone ({exc})") from None

    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results for query (see search.query for the language)."""
        with self._searcher() as searcher:
            return _Search(self, searcher, query).run()

    def score_sections(self, bag: WordBag) -> list[SectionScore]:
        """Sections matching any word or phrase of the bag, best first (see search.engine.WordBag)."""
        with self._searcher() as searcher:
            if self._bags is None:
                assert self.columns is not None
                self._bags = BagScorer(searcher, self.columns)
            return self._bags.score(searcher, bag)

    def cited(self, text: str, searcher: Searcher) -> int | None:
        """Document number of the provision the whole text cites, or None."""
        text = " ".join(text.split())
        if not text:
            return None
        candidate = text if is_provision_id(text) else None
        if candidate is None and self._resolve is not None:
            try:
                candidate = self._resolve(text)
            except (AlineaError, ValueError, LookupError):
                candidate = None
        return searcher.document_number(id=candidate) if candidate else None

class _Search:
    """One query against one searcher."""

    def __init__(self, owner: WhooshIndex, searcher: Searcher, query: SearchQuery) -> None:
        self.owner, self.searcher, self.query = owner, searcher, query
        self.reader = searcher.reader()
        assert owner.columns is not None
        self.columns = owner.columns

    def run(self) -> SearchResults:
        parsed = parse(self.query.text)
        built = Translator(self.owner.meta).translate(parsed)
        cited = self.owner.cited(parsed.text, self.searcher)
        # an id typed as is names its provision and nothing else: its fragments are not searched as words
        groups = [] if cited is not None and is_provision_id(parsed.text.strip()) else self._groups(built)
        if cited is not None:
            key = self._value("group", cited)
            score = next((s for s, d in groups if self._value("group", d) == key), 0.0)
            groups = [(score, cited)] + [(s, d) for s, d in groups if self._value("group", d) != key]
        per_page, page = self.query.per_page, self.query.page
        terms = self._matched_terms(built)
        hits = tuple(self._hit(score, docnum, terms, built.phrases, docnum == cited)
                     for score, docnum in groups[(page - 1) * per_page:page * per_page])
        messages = list(parsed.messages) + built.messages
        if not groups and built.query is None and not messages:
            messages.append("nothing to search: type some words, a phrase in quotes or a citation")
        return SearchResults(
            query=self.query.text, hits=hits, total=len(groups), page=page,
            pages=math.ceil(len(groups) / per_page), per_page=per_page, facets=self._facets(groups),
            did_you_mean=None if cited is not None else self._correct(parsed.text, built),
            messages=tuple(dict.fromkeys(messages)),
            citation=None if cited is None else self.searcher.stored_fields(cited)["id"])

    def _value(self, column: str, docnum: int) -> str:
        return self.columns.get(column, docnum)

    def _groups(self, built: Built) -> list[tuple[float, int]]:
        """(score, docnum) of the best element of each matching section, best first."""
        if built.query is None:
            return []
        results = self.searcher.search(built.query, limit=None)
        ranked = sorted(((score, docnum) for docnum, score in results.items()), key=lambda x: (-x[0], x[1]))
        seen: set[str] = set()
        groups = []
        for score, docnum in ranked:
            key = self._value("group", docnum)
            if key not in seen:
                seen.add(key)
                groups.append((score, docnum))
        return groups

    def _facets(self, groups: list[tuple[float, int]]) -> dict[str, tuple[FacetValue, ...]]:
        facets = {}
        for name, column in FACETS:
            counts = Counter(v for v in (self._value(column, d) for _, d in groups) if v)
            facets[name] = tuple(FacetValue(v, self._label(name, v), n, _filter(name, v))
                                 for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
        return facets

    def _label(self, facet: str, value: str) -> str:
        meta = self.owner.meta
        return {"document": meta.documents, "title": meta.divisions, "chapter": meta.divisions,
                "lang": LANG_NAMES}.get(facet, {}).get(value, value)

    def _hit(self, score: float, docnum: int, terms: dict[str, set[str]], phrases: list[tuple[str, ...]],
             cited: bool) -> Hit:
        stored = self.searcher.stored_fields(docnum)
        lang = stored["lang"]
        matches = find_matches(stored["body"], lang, terms, phrases, f"text_{lang_of(lang)}")
        return Hit(id=stored["id"], section=stored["group"], score=round(score, 4), doc=stored["doc"],
                   doc_kind=stored["doc_kind"], kind=stored["element"], lang=lang, status=stored["status"],
                   title=stored["title"], breadcrumb=stored["breadcrumb"],
                   snippet=make_snippet(stored["body"], matches), cited=cited)

    def _matched_terms(self, built: Built) -> dict[str, set[str]]:
        """Field -> terms of the index that the positive part of the query matched (prefixes expanded)."""
        matched: dict[str, set[str]] = {}
        for q in built.positive:
            for fieldname, text in q.existing_terms(self.reader, expand=True):
                matched.setdefault(fieldname, set()).add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return matched

    def _correct(self, text: str, built: Built) -> str | None:
        """The query with each unknown word replaced by the most frequent word within 1 (else 2) edits."""
        corrected, shift = text, 0
        for word, start, end in built.spelled:
            if len(word) < 3 or self.reader.doc_frequency("words", word):
                continue
            suggestion = self._suggest(word)
            if suggestion:
                corrected = corrected[:start + shift] + suggestion + corrected[end + shift:]
                shift += len(suggestion) - (end - start)
        return corrected if corrected != text else None

    def _suggest(self, word: str) -> str | None:
        for maxdist in (1, 2):
            candidates = list(self.reader.terms_within("words", word, maxdist, prefix=1))
            if candidates:
                return max(candidates, key=lambda w: (self.reader.doc_frequency("words", w), w))
        return None

def _filter(facet: str, value: str) -> str:
    """The query filter that narrows results to one facet value."""
    name = {"document": "doc", "title": "in", "chapter": "in", "kind": "kind"}.get(facet, facet)
    return f'{name}:"{value}"' if " " in value else f"{name}:{value}"
