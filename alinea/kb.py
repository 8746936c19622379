"""The knowledge base as the site, the CLI and the API see it: lookups over a built corpus."""
from __future__ import annotations

import gc
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from alinea.errors import DamagedData, NotFound
from alinea.model import Corpus, Division, Document, Reference, Section, Unit

INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Marks that print nothing (soft hyphen, zero-width spaces and joiners, bidirectional marks, the
byte-order mark): pasted with a citation from a web page or a word processor, they are dropped."""

Node = Document | Division | Section | Unit


def provision_ids(doc: Document) -> Iterator[str]:
    """The ids of a document's divisions, sections and units, in document order."""
    yield from (d.id for d in doc.divisions)
    for section in doc.sections:
        yield section.id
        yield from (u.id for u in section.walk())


def unmatched(doc: Document, other: Document) -> list[str]:
    """The provisions of doc that its other-language version `other` has no provision of the same
    path for (a section inserted in one version only, with its units): what `other_version` can link
    only to a parent."""
    theirs = set(provision_ids(other))
    return [pid for pid in provision_ids(doc) if other.id + pid[len(doc.id):] not in theirs]


@dataclass(frozen=True)
class Located:
    """A provision with the document and section it belongs to."""

    node: Node
    doc: Document
    section: Section | None = None


_DECODING = threading.RLock()
"""Held while a stored table is decoded (a table's loader may read another)."""


class KnowledgeBase:
    """Read-only lookups over a Corpus; built once, shared by every request."""

    def __init__(self, corpus: Corpus, extras: dict | None = None, loaders: dict | None = None,
                 source: str | None = None) -> None:
        """extras: what the build made besides the corpus (graph, glossary, thesaurus entries);
        loaders: name -> function returning one of them, called the first time it is wanted;
        source: the file it was read from."""
        self.corpus = corpus
        self.source = source
        self.extras = extras or {}
        self._loaders = loaders or {}
        self._nodes: dict[str, Located] = {}
        self._order: dict[str, int] = {}
        self._children: dict[str, list[str]] = {}
        self._position: dict[str, int] = {}
        """A section's place in its document's list (`neighbours`)."""
        for doc in corpus.documents:
            self._add(doc.id, Located(doc, doc))
            for div in doc.divisions:
                self._add(div.id, Located(div, doc))
                self._children.setdefault(div.parent or doc.id, []).append(div.id)
            for i, section in enumerate(doc.sections):
                self._position[section.id] = i
                self._add(section.id, Located(section, doc, section))
                self._children.setdefault(section.parent or doc.id, []).append(section.id)
                for unit in section.walk():
                    self._add(unit.id, Located(unit, doc, section))
        self.refs_out: dict[str, list[Reference]] = {}
        self.refs_in: dict[str, list[Reference]] = {}
        """What cites a node; a document's mentions of itself as a whole are in `self_mentions`, not here."""
        self.self_mentions: dict[str, list[Reference]] = {}
        """Document id -> its provisions' mentions of it as a whole (« le présent règlement », "this Act")."""
        for ref in corpus.references:
            self.refs_out.setdefault(ref.source, []).append(ref)
            if ref.self_mention:
                self.self_mentions.setdefault(ref.target, []).append(ref)
            elif ref.target:
                self.refs_in.setdefault(ref.target, []).append(ref)

    @cached_property
    def graph(self):
        """The law graph (networkx.MultiDiGraph, see graph.build): as built, else built once now."""
        graph = self._extra("graph")
        if graph is not None:
            return graph
        from graph.build import build_graph

        return build_graph(self.corpus, self.corpus.references, self.citation_index)

    def other_version(self, node_id: str) -> str | None:
        """The same provision in the other-language version of its document (the manifest's
        ``translation_of``): the same id under the other document, else its nearest parent there."""
        doc = node_id.split("/", 1)[0]
        other = (self._extra("translations") or {}).get(doc)
        if other is None:
            return None
        candidate = other + node_id[len(doc):]
        while candidate not in self and "/" in candidate:
            candidate = candidate.rsplit("/", 1)[0]
        return candidate if candidate in self else None

    def unmatched_in_other_version(self, doc_id: str) -> list[str]:
        """The provisions of a document with no counterpart in its other-language version (`unmatched`);
        empty when it has none."""
        other = (self._extra("translations") or {}).get(doc_id)
        if other is None or doc_id not in self or other not in self:
            return []
        return unmatched(self.get(doc_id).doc, self.get(other).doc)

    @property
    def word_table(self) -> dict[str, tuple[tuple[str, float], ...]] | None:
        """French word -> (English word of the Act, association) learned at build time from the
        glossary and the thesaurus (graph.govern_lexicon.translation_table): what govern and
        cross-language search read French words with; None when the build made none."""
        return self._extra("word_table")

    @property
    def glossary(self):
        """The bilingual glossary (graph.concepts.Glossary) the corpus was built with, or None."""
        return self._extra("glossary")

    @cached_property
    def thesaurus(self):
        """The lay-to-legal thesaurus (graph.thesaurus.Thesaurus) the corpus was built with, or None;
        read with the matcher tables the build made, else its matcher is built here, once."""
        entries = self._extra("thesaurus")
        if entries is None:
            return None
        from graph.thesaurus import Thesaurus

        return entries if isinstance(entries, Thesaurus) else Thesaurus(entries)

    @cached_property
    def citation_index(self):
        """What citation resolution knows about the corpus (graph.cite.Index), built once."""
        from graph.cite import Index

        return Index.build(self.corpus)

    @cached_property
    def citation_names(self) -> tuple[str, ...]:
        """The act titles and abbreviations a citation may name without their chapter
        (graph.cite.Index.title_list): as the build stored them, else learned from the corpus now."""
        names = self._extra("citation_names")
        return tuple(names) if names is not None else tuple(self.citation_index.title_list)

    def stored(self, name: str):
        """What the build stored under a name besides the corpus (decoded JSON, checked), or None:
        the derived tables a module computes once at build (graph.govern_state) and reads here."""
        return self._extra(name)

    def decode(self, tp, value):
        """A value the build stored read as type tp (alinea.codec); DamagedData naming the file when
        it does not fit."""
        from alinea.codec import CodecError, decode

        try:
            return decode(tp, value)
        except CodecError as exc:
            raise DamagedData(self.stored_in(), f"holds data that cannot be read ({exc})") from None

    def stored_in(self) -> str:
        """The file the knowledge base was read from, for messages."""
        return self.source or "the knowledge base"

    def _extra(self, name: str):
        if name not in self.extras and name in self._loaders:
            with _DECODING, collector_paused():  # a second thread waits for the table, never sees it missing
                if name not in self.extras and name in self._loaders:
                    self.extras[name] = self._loaders[name]()
                    del self._loaders[name]
        return self.extras.get(name)

    def _add(self, node_id: str, located: Located) -> None:
        self._order[node_id] = len(self._order)
        self._nodes[node_id] = located

    # -- lookups ---------------------------------------------------------------
    @property
    def documents(self) -> tuple[Document, ...]:
        return self.corpus.documents

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._nodes

    def get(self, node_id: str) -> Located:
        """The node with that id; NotFound otherwise."""
        try:
            return self._nodes[node_id]
        except KeyError:
            raise NotFound(f"no provision {node_id!r} in the knowledge base") from None

    def document(self, doc_id: str) -> Document:
        located = self.get(doc_id)
        if not isinstance(located.node, Document):
            raise NotFound(f"{doc_id!r} is not a document")
        return located.node

    def children(self, node_id: str) -> list[Node]:
        """Divisions and sections directly under a document or division, in order."""
        return [self._nodes[c].node for c in self._children.get(node_id, [])]

    def ancestors(self, node_id: str) -> list[Division]:
        """Divisions enclosing a node, outermost first."""
        located = self.get(node_id)
        node = located.section if located.section is not None else located.node
        parent = getattr(node, "parent", None)
        chain: list[Division] = []
        while parent and parent in self._nodes:
            div = self._nodes[parent].node
            if not isinstance(div, Division):
                break
            chain.append(div)
            parent = div.parent
        return list(reversed(chain))

    def neighbours(self, section_id: str) -> tuple[Section | None, Section | None]:
        """The sections before and after a section in its document."""
        located = self.get(section_id)
        sections = located.doc.sections
        if located.section is None:
            return None, None
        i = self._position[located.section.id]
        return (sections[i - 1] if i else None, sections[i + 1] if i + 1 < len(sections) else None)

    def ids(self) -> Iterator[str]:
        return iter(self._nodes)

    def default_statute(self) -> Document | None:
        """The first statute in the corpus: what a bare section number refers to."""
        return next((d for d in self.documents if d.kind == "statute"), None)

    def refs_into(self, node_id: str, kind: str | None = None) -> list[Reference]:
        """References into a node or any node under it (a section's units, an act's provisions,
        in the library or not), target by target in the order first cited; only those of type
        `kind` when given."""
        prefix = node_id + "/"
        table = self.refs_in if kind is None else self._refs_in_by_type.get(kind, {})
        return [r for t, refs in table.items() if t == node_id or t.startswith(prefix) for r in refs]

    @cached_property
    def _refs_in_by_type(self) -> dict[str, dict[str, list[Reference]]]:
        """Type -> target -> references, so that a look-up of one type reads only its targets."""
        out: dict[str, dict[str, list[Reference]]] = {}
        for target, refs in self.refs_in.items():
            for ref in refs:
                out.setdefault(ref.type, {}).setdefault(target, []).append(ref)
        return out

    def referenced(self, node_id: str) -> bool:
        """True for an id outside the library that the library refers to (the Act a regulation is
        made under, a provision it cites), or that holds one it refers to; never a unit missing
        from a document the library holds (a dangling reference)."""
        prefix = node_id + "/"
        return (node_id.split("/", 1)[0] not in self
                and any(t == node_id or t.startswith(prefix) for t in self.refs_in))

    def lookup(self, text: str, outside: bool = False, base: str | None = None, lang: str = "en") -> str:
        """The id a user means by any citation form ("55", "s. 55(2)(a)", "art. 133 LAPF", an id, a
        LégisQuébec address); NotFound with one line and the nearest real provisions otherwise.
        With `outside`, an id outside the library that the library refers to is an answer too.
        A bare number is a section of `base` (the document being read), by default of the first statute.
        A citation of something outside the knowledge base (« L.R.C. 1985, c. H-3, art. 13 », "CSA Z94.4-11")
        raises `Outside`: one line in `lang` saying what it is, with the official link where one exists."""
        from alinea.errors import Outside
        from alinea.limits import limit
        from graph.cite import may_cite

        if len(text) > limit("provision_id"):
            raise NotFound(f"a citation of {len(text):,} characters names no provision "
                           f"(the limit is {limit('provision_id'):,})")
        text = " ".join(INVISIBLE.sub("", text).split())
        if text in self._nodes:
            return text
        if text and not may_cite(text, self.citation_names):  # what `read` says of it, without building its index
            if outside and self.referenced(text):
                return text
            raise NotFound(f"{text!r} is not a citation Alinea can read")
        from graph.cite import outside as outside_line
        from graph.cite import read

        reading = read(text, self.citation_index, base)
        inside = [t for t in reading.targets if t in self._nodes]
        if inside:
            return inside[0]
        if outside and (named := [t for t in (text, *reading.targets) if self.referenced(t)]):
            return named[0]
        if reading.targets:
            raise Outside(outside_line(reading.targets[0], lang, said=text), reading.targets[0])
        near = [n for n in reading.nearest if n in self._nodes]
        raise NotFound(reading.error + (f"; nearest: {', '.join(near)}" if near else ""), tuple(near),
                       reading.missing[0] if reading.missing else "")

    def resolver(self, lang: str = "en"):
        """A function reading a typed citation as one id of the knowledge base, or None: what search
        and other lower layers are given instead of importing the citation engine.  It raises `Outside`
        for a citation of something outside the knowledge base, whose line (in `lang`) the caller shows."""
        from alinea.errors import Outside

        def resolve(text: str) -> str | None:
            try:
                return self.lookup(text, lang=lang)
            except Outside:
                raise
            except NotFound:
                return None
        return resolve


def load(data_dir: str | Path) -> KnowledgeBase:
    """The knowledge base built into data_dir (see alinea.store); AlineaError when there is none,
    DamagedData (one line naming the file) when it is damaged.  The graph, glossary and
    thesaurus are checked now and decoded when first used."""
    with collector_paused():
        return _load(data_dir)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while stored data is decoded: decoding makes many objects
    that all live on, which the collector would otherwise walk again and again (a full and six
    middle-generation passes, about a tenth of a cold `alinea govern`)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _load(data_dir: str | Path) -> KnowledgeBase:
    from alinea.store import Store

    store = Store(data_dir)
    try:
        corpus = store.corpus()
        texts = {name: store.blob_text(name)
                 for name in ("graph", "glossary", "thesaurus", "thesaurus_tables", "translations", "word_table",
                              "govern", "citation_names", "lexicon")}
    finally:
        store.close()
    tables = texts.pop("thesaurus_tables")
    loaders = {name: (lambda name=name, text=text: _READERS[name](store, text))
               for name, text in texts.items() if text is not None}
    if texts["thesaurus"] is not None and tables is not None:
        loaders["thesaurus"] = lambda: _thesaurus(store, texts["thesaurus"], tables)
    return KnowledgeBase(corpus, loaders=loaders, source=str(store.path))


def _word_table(store, text: str):
    from alinea.store import read_word_table

    return read_word_table(store, text)


def _glossary(store, text: str):
    from graph.concepts import Concept, Glossary

    return Glossary(store.decode_text(tuple[Concept, ...], text, "glossary"))


def _thesaurus(store, text: str, tables: str | None = None):
    """The thesaurus entries; with the build's matcher tables, the thesaurus itself."""
    from graph.thesaurus import Entry, Thesaurus

    entries = store.decode_text(tuple[Entry, ...], text, "thesaurus")
    if tables is None:
        return entries
    try:
        return Thesaurus.from_tables(entries, json.loads(tables))
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedData(store.path, f"holds thesaurus tables that cannot be read ({exc})") from None


def _graph(store, text: str):
    from graph.export import graph_from_json

    try:
        return graph_from_json(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedData(store.path, f"holds a graph that cannot be read ({exc})") from None


def _json(store, text: str):
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DamagedData(store.path, f"holds a blob that is not JSON ({exc})") from None


def _names(store, text: str):
    return store.decode_text(tuple[str, ...], text, "citation_names")


_READERS = {"glossary": _glossary, "thesaurus": _thesaurus, "graph": _graph, "word_table": _word_table,
            "translations": _json, "govern": _json, "citation_names": _names, "lexicon": _json}
