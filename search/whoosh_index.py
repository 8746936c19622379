"""The Whoosh engine behind search.engine.SearchIndex: schema, writer, searcher.

Its text fields hold the tokens search.analysis made at build (split at spaces), as FTS5's do.

One Whoosh document per `search.records.Record`.  A search scores every match,
keeps the best element of each section (so a hit names the exact
subparagraph), counts facets over those sections, and cuts the page.
"""
from __future__ import annotations

import json
from array import array
from collections.abc import Iterable
from pathlib import Path

from whoosh import index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.searching import Searcher

from alinea.errors import AlineaError
from alinea.model import Corpus
from search import pipeline
from search.analysis import Analysed, lang_of, query_stems
from search.bag import BagScorer
from search.concepts import ConceptTags
from search.engine import META_FILE, IndexMissing, Resolver, SearchQuery, SectionScore, WordBag, write_meta
from search.pipeline import Group, GroupList, stored_fields
from search.plan import IndexMeta, Plan
from search.records import Record, division_name, records
from search.results import SearchResults
from search.vocabulary import Vocabulary, VocabularyCounter
from search.whoosh_query import compile_plan

FORMAT = 5
"""Bumped when the schema changes: an index of another format must be rebuilt."""
FACET_COLUMNS = ("doc", "title_id", "chapter_id", "doc_kind", "status", "lang")
"""The column of each facet of search.pipeline.FACETS."""
COLUMNS = ("group",) + FACET_COLUMNS
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


def schema() -> Schema:
    """The fields of the index (see search.records.Record for what each holds)."""
    return Schema(
        id=ID(stored=True, unique=True), group=ID(stored=True, sortable=True),
        doc=ID(stored=True, sortable=True), doc_kind=ID(stored=True, sortable=True),
        lang=ID(stored=True, sortable=True), status=ID(stored=True, sortable=True),
        title_id=ID(sortable=True), chapter_id=ID(sortable=True), alang=ID(),
        kind=KEYWORD(commas=True, scorable=False), element=STORED(), heading=STORED(), breadcrumb=STORED(),
        body=STORED(), tokens=STORED(), lengths=STORED(), within=KEYWORD(commas=True, scorable=False),
        amended=KEYWORD(commas=True, scorable=False),
        programs=KEYWORD(commas=True, scorable=False), terms=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        text_en=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        text_fr=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        words=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True),
    )

def _fields(rec: Record, forms: Analysed) -> dict:
    stems = [s for s in forms.stems if s]
    return {**stored_fields(rec, forms), "lengths": (len(forms.words), len(stems)),
            "title_id": rec.title_id, "chapter_id": rec.chapter_id,
            "alang": lang_of(rec.lang), "kind": ",".join(rec.kinds), "within": ",".join(rec.within),
            "amended": ",".join(map(str, rec.amended)), "programs": ",".join(rec.programs),
            "terms": " ".join(s for term in rec.terms for s in query_stems(term, "en")),
            f"text_{lang_of(rec.lang)}": " ".join(stems), "words": " ".join(forms.words)}

class WhooshIndex:
    """A Whoosh index of the knowledge base in one directory."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self._ix: index.Index | None = None
        self._meta = IndexMeta({}, {}, frozenset(), {})
        self._vocabulary: Vocabulary | None = None
        self._resolve: Resolver | None = None
        self.columns: Columns | None = None
        self._bags: BagScorer | None = None
        self._vocabulary: Vocabulary | None = None

    def build(self, corpus: Corpus, directory: Path, glossary=None, words: Iterable[str] = ()) -> None:
        """Index every record of corpus into directory (created; it must not exist); the
        glossary names the programs in both languages for the ``program:`` filter.  This engine
        keeps no stems, so `words` are not used."""
        directory = Path(directory)
        directory.mkdir(parents=True)
        ix = index.create_in(str(directory), schema())
        writer = ix.writer(limitmb=128, compound=False)  # separate files are memory-mapped, not copied
        divisions: dict[str, str] = {}
        kinds: set[str] = set()
        tags = ConceptTags(corpus, glossary)
        vocabulary = VocabularyCounter()
        for rec in records(corpus, tags):
            forms = vocabulary.add(rec.text, rec.lang)
            writer.add_document(**_fields(rec, forms))
            kinds.update(rec.kinds)
            if rec.kind == "heading":
                divisions[rec.id] = division_name(rec)
        writer.commit()
        vocabulary.vocabulary().save(directory)
        write_meta(directory, "whoosh", FORMAT, corpus, divisions, kinds, tags.names)

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

    @property
    def vocabulary(self) -> Vocabulary:
        """The terms of the open index (loaded when first needed)."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.of_index(self.directory)
        return self._vocabulary

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
        self._vocabulary = None

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
            return pipeline.run(_Backend(self, searcher), query, self._resolve)

    def score_sections(self, bag: WordBag) -> list[SectionScore]:
        """Sections matching any word or phrase of the bag, best first (see search.engine.WordBag)."""
        with self._searcher() as searcher:
            if self._bags is None:
                assert self.columns is not None
                self._bags = BagScorer(_Postings(searcher, self.columns, self.vocabulary))
            return self._bags.score(searcher, bag)


class _Backend:
    """search.pipeline.Backend over one Whoosh searcher."""

    def __init__(self, owner: WhooshIndex, searcher: Searcher) -> None:
        assert owner.columns is not None
        self.owner, self.searcher, self.columns = owner, searcher, owner.columns
        self.meta, self.vocabulary = owner.meta, owner.vocabulary

    def match(self, plan: Plan) -> GroupList:
        results = self.searcher.search(compile_plan(plan), limit=None)
        ranked = sorted(((score, docnum) for docnum, score in results.items()), key=lambda x: (-x[0], x[1]))
        seen: set[str] = set()
        groups = []
        for score, docnum in ranked:
            key = self.columns.get("group", docnum)
            if key not in seen:
                seen.add(key)
                groups.append(self._group(score, docnum, key))
        return GroupList(groups)

    def _group(self, score: float, docnum: int, key: str) -> Group:
        return Group(score, docnum, key, tuple(self.columns.get(c, docnum) for c in FACET_COLUMNS))

    def element(self, number: int) -> Group:
        return self._group(0.0, number, self.columns.get("group", number))

    def stored(self, number: int) -> dict:
        return self.searcher.stored_fields(number)

    def stored_many(self, numbers: list[int]) -> dict[int, dict]:
        return {n: self.searcher.stored_fields(n) for n in numbers}

    def number(self, element_id: str) -> int | None:
        return self.searcher.document_number(id=element_id)


class _Postings:
    """search.bag.Postings of a Whoosh index (ctx: a searcher)."""

    def __init__(self, searcher: Searcher, columns: Columns, vocabulary: Vocabulary) -> None:
        reader = searcher.reader()
        self.columns, self.vocabulary = columns, vocabulary
        self.count = reader.doc_count_all()
        stored = [reader.stored_fields(n) for n in range(self.count)]
        self.ids = [f["id"] for f in stored]
        self.headings = {n for n, f in enumerate(stored) if f["element"] == "heading"}
        self._lengths = [f["lengths"] for f in stored]
        self._langs = [lang_of(f["lang"]) for f in stored]

    def group(self, n: int) -> str:
        return self.columns.get("group", n)

    def doc_kind(self, n: int) -> str:
        return self.columns.get("doc_kind", n)

    def lengths(self, searcher: Searcher, field: str) -> tuple[array, float]:
        """Exact lengths (Whoosh's own are rounded to fit in a byte), as FTS5 counts them."""
        if field == "words":
            lengths = array("f", (words for words, _ in self._lengths))
        else:
            lengths = array("f", (text if f"text_{lang}" == field else 0 for (_, text), lang in
                                  zip(self._lengths, self._langs, strict=True)))
        return lengths, sum(lengths) / (self.count or 1)

    def postings(self, searcher: Searcher, field: str, term: str) -> tuple[tuple[int, float], ...]:
        return tuple(searcher.reader().postings(field, term).items_as("weight"))

    def positions(self, searcher: Searcher, word: str) -> dict[int, tuple[int, ...]]:
        return {n: tuple(p) for n, p in searcher.reader().postings("words", word).items_as("positions")}

    def stored(self, searcher: Searcher, n: int) -> dict:
        return searcher.stored_fields(n)
