"""`alinea build`: corpus folder -> data directory (model, references, graph, search index)."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alinea import store
from alinea.atomic import build_lock, clean_leftovers, refresh_stamps, sha256_file, verify_checksums, write_json
from alinea.codec import encode
from alinea.corpus import Entry, check_source, glossary_path, load_manifest, parse_entry, thesaurus_path, translations
from alinea.errors import AlineaError, DamagedData
from alinea.export import export
from alinea.kb import KnowledgeBase, unmatched
from alinea.model import Corpus, Document, Reference
from alinea.store import STORE_FILE
from graph import govern_state
from graph.build import build_graph
from graph.cite import Index
from graph.concepts import Glossary, annotate_graph, load_glossary, program_names
from graph.export import graph_from_json, graph_json
from graph.govern_lay import lay_documents
from graph.govern_lexicon import translation_table
from graph.govern_rank import prepared_state
from graph.govern_stems import words_to_stem
from graph.guidance_links import link_guidance
from graph.references import extract_references
from graph.thesaurus import load_thesaurus
from search.crosslang import Lexicon
from search.store import build_index, clean_unfinished, current_dir

Progress = Callable[[str], None]
EXPORT_FILE = "export.json"



def stderr_progress(message: str) -> None:
    print(f"alinea build: {message}", file=sys.stderr, flush=True)


@dataclass
class BuildResult:
    """What a build produced and what went wrong."""

    corpus: Corpus
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.corpus.errors


def parser_version() -> str:
    """A digest of the code that turns a source file into a Document (ingest/ and the floor):
    a stored parse is reused only by the parser that made it."""
    import ingest

    digest = hashlib.sha256()
    files = sorted(Path(ingest.__file__).parent.rglob("*.py"))
    files += [Path(__file__).parent / name for name in ("model.py", "ids.py", "errors.py", "corpus.py")]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(parser: str, source_sha256: str, meta: dict) -> str:
    """What a stored parse depends on: the parser, the file's bytes, its manifest entry."""
    text = json.dumps([parser, source_sha256, meta], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Previous:
    """What the build made last into the data directory and the next one may reuse."""

    parsed: dict[str, tuple[str, Document, list[str]]] = field(default_factory=dict)
    """The parse cache: document id -> (key, document as parsed, warnings)."""
    index: dict = field(default_factory=dict)
    """The search index it went with: ``{"dir": "index.…", "input": key}``."""


def previous_build(data_dir: Path, progress: Progress) -> Previous:
    """What the store built last into data_dir holds for reuse; nothing when there is none or
    it cannot be read (then everything is built again)."""
    from alinea.store import Store

    try:
        store = Store(data_dir)
        try:
            index = store.blob("index")
            return Previous(store.parsed(), index if isinstance(index, dict) else {})
        finally:
            store.close()
    except AlineaError as exc:
        if (data_dir / STORE_FILE).exists():
            progress(f"previous build not reused: {exc}")
        return Previous()


def index_input(corpus: Corpus, glossary: Glossary | None, words: list[str] = ()) -> str:
    """A digest of everything the search index is made from: the corpus, the glossary, the other
    words whose stems it keeps, the search package's code and the engine chosen."""
    import search

    digest = hashlib.sha256()
    for path in sorted(Path(search.__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(os.environ.get("ALINEA_SEARCH_ENGINE", "").encode())
    data = [encode(corpus), encode(tuple(glossary)) if glossary is not None else None, list(words)]
    digest.update(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()


def reusable_index(data_dir: Path, previous: Previous, key: str) -> Path | None:
    """The index in use when it was built from the same input and is intact, else None."""
    if previous.index.get("input") != key:
        return None
    try:
        current = current_dir(data_dir)
        if current is None or current.name != previous.index.get("dir"):
            return None
        verify_checksums(current, full=True)  # reused for another build: every byte checked
        refresh_stamps(current)
    except DamagedData:
        return None
    return current


def _parse(entry: Entry) -> tuple[Document, list[str]] | str:
    """One document parsed (in a worker process), or the message saying why it failed."""
    try:
        return parse_entry(entry, checked=True)
    except AlineaError as exc:
        return str(exc)


def _parse_all(entries: list[Entry]) -> Iterator[tuple[Document, list[str]] | str]:
    """Parse entries, on every core when there are several; results in entries' order."""
    workers = min(len(entries), os.cpu_count() or 1)
    if workers < 2:
        yield from map(_parse, entries)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_parse, entries)


def parse_corpus(corpus_dir: Path, progress: Progress) -> tuple[list[Document], list[str], list[str]]:
    """Parse every listed document; a bad one is reported and the rest are built."""
    docs, errors, warnings, _ = parse_changed(corpus_dir, progress)
    return docs, errors, warnings


def parse_changed(corpus_dir: Path, progress: Progress, previous: dict | None = None,
                  ) -> tuple[list[Document], list[str], list[str], dict[str, tuple[str, Document, list[str]]]]:
    """Parse every listed document whose file, manifest entry or parser changed since the
    previous build, and reuse the stored parse of the others.  A bad document is reported and
    the rest are built.  Returns documents, errors, warnings and the parse cache to store."""
    entries = load_manifest(corpus_dir)
    parser = parser_version()
    previous = previous or {}
    results: dict[str, tuple[Document, list[str]] | str] = {}
    keys: dict[str, str] = {}
    todo: list[Entry] = []
    for entry in entries:
        try:
            keys[entry.id] = cache_key(parser, check_source(entry), entry.meta)
        except AlineaError as exc:
            results[entry.id] = str(exc)
            continue
        stored = previous.get(entry.id)
        if stored is not None and stored[0] == keys[entry.id]:
            results[entry.id] = (stored[1], stored[2])
        else:
            todo.append(entry)
    start = time.perf_counter()
    for entry, result in zip(todo, _parse_all(todo)):
        results[entry.id] = result
    ms = (time.perf_counter() - start) * 1000
    docs: list[Document] = []
    errors: list[str] = []
    warnings: list[str] = []
    cache: dict[str, tuple[str, Document, list[str]]] = {}
    parsed = {entry.id for entry in todo}
    for i, entry in enumerate(entries, 1):
        result = results[entry.id]
        if isinstance(result, str):
            errors.append(result)
            progress(f"[{i}/{len(entries)}] {entry.id}: FAILED: {result}")
            continue
        doc, notes = result
        docs.append(doc)
        warnings += notes
        cache[entry.id] = (keys[entry.id], doc, notes)
        how = "parsed" if entry.id in parsed else "unchanged, reused"
        progress(f"[{i}/{len(entries)}] {entry.id}: {how}: {len(doc.sections)} sections, "
                 f"{len(doc.divisions)} divisions, {len(notes)} warnings")
    reused = len(cache) - len(parsed & cache.keys())
    progress(f"parsed {len(todo)} documents in {ms:.0f} ms, reused {reused} unchanged since the last build")
    return docs, errors, warnings, cache


def merge_references(*groups: list[Reference]) -> list[Reference]:
    """References from the ingesters (publisher links), the statute's text and the guidance layer,
    in that order; a reference already made (same source, target, type and span), or a second
    ``defines`` of the same concept, is kept once.  History references are all kept: the publisher
    repeats an entry when an act amended a section twice."""
    seen: set[tuple] = set()
    defined: set[str] = set()
    out: list[Reference] = []
    for ref in (r for group in groups for r in group):
        key = (ref.source, ref.target, ref.type, ref.start, ref.end, ref.field)
        if (key in seen and ref.field != "history") or (ref.type == "defines" and ref.start is None and ref.target in defined):
            continue
        seen.add(key)
        if ref.type == "defines":
            defined.add(ref.target)
        out.append(ref)
    return out


def link_corpus(docs: list[Document], glossary: Glossary | None, errors: list[str] = ()) -> tuple[Corpus, Index]:
    """The parsed documents with every reference: publisher links, the citations and terms of
    statutes and regulations, and what the guidance layer finds (citations, concepts)."""
    docs, guidance_refs = link_guidance(docs, glossary)
    corpus = Corpus(tuple(docs), (), tuple(errors))
    index = Index.build(corpus)
    references = merge_references([r for doc in docs for r in doc.links], extract_references(corpus, index, program_names(glossary)),
                                  guidance_refs)
    return Corpus(corpus.documents, tuple(references), corpus.errors), index


def build(corpus_dir: str | Path, data_dir: str | Path, progress: Progress = stderr_progress) -> BuildResult:
    """Parse, link and index the corpus into data_dir, holding its build lock; what is
    written replaces the previous build whole (alinea.atomic), and leftovers of killed
    builds are removed first."""
    corpus_dir, data_dir = Path(corpus_dir), Path(data_dir)
    with build_lock(data_dir):
        leftovers = clean_leftovers(data_dir) + clean_unfinished(data_dir)
        if leftovers:
            progress(f"removed {len(leftovers)} leftovers of an interrupted build: "
                     + ", ".join(p.name for p in leftovers[:5]) + (" ..." if len(leftovers) > 5 else ""))
        return _build(corpus_dir, data_dir, progress)


def version_gaps(docs: list[Document], pairs: dict[str, str], progress: Progress) -> list[str]:
    """One warning per document whose other-language version lacks some of its provisions (linked,
    provision by provision, only where the paths match; the others to their nearest parent)."""
    by_id = {d.id: d for d in docs}
    out = []
    for doc_id, other in sorted(pairs.items()):
        if doc_id in by_id and other in by_id:
            missing = unmatched(by_id[doc_id], by_id[other])
            if missing:
                shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
                out.append(f"{doc_id}: {len(missing)} provisions have no counterpart in its other-language "
                           f"version {other} ({shown}); they link to their nearest parent there")
                progress(f"warning: {out[-1]}")
    return out


def _build(corpus_dir: Path, data_dir: Path, progress: Progress) -> BuildResult:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    previous = previous_build(data_dir, progress)
    docs, errors, warnings, parsed = parse_changed(corpus_dir, progress, previous.parsed)
    timings["parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    glossary_file = glossary_path(corpus_dir)
    glossary = load_glossary(glossary_file) if glossary_file else None
    corpus, index = link_corpus(docs, glossary, errors)
    references = list(corpus.references)
    timings["references"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    graph = build_graph(corpus, references, index)
    if glossary is not None:
        annotate_graph(graph, glossary)
    timings["graph"] = time.perf_counter() - t0
    unresolved = sum(1 for r in references if r.type in ("unresolved", "ambiguous"))
    progress(f"{len(references)} references ({unresolved} unresolved or ambiguous: `alinea references "
             f"--unresolved`), graph of {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges "
             f"({(timings['references'] + timings['graph']) * 1000:.0f} ms)")

    t0 = time.perf_counter()
    thesaurus_file = thesaurus_path(corpus_dir)
    thesaurus = load_thesaurus(thesaurus_file) if thesaurus_file else None
    export_path = write_json(data_dir / EXPORT_FILE, export(corpus))
    files = {EXPORT_FILE: {"size": export_path.stat().st_size, "sha256": sha256_file(export_path)}}
    pairs = translations(load_manifest(corpus_dir))
    warnings += version_gaps(docs, pairs, progress)
    blobs = {"graph": graph_json(graph), "files": files, "translations": pairs,
             "citation_names": index.title_list}  # what a query must name to be read as a citation
    if glossary is not None:
        blobs["glossary"] = encode(tuple(glossary))
    if thesaurus is not None:  # the entries, and the matcher's tables so that no process stems them again
        blobs["thesaurus"] = encode(tuple(thesaurus))
        blobs["thesaurus_tables"] = thesaurus.tables()
    statute = next((d for d in corpus.documents if d.kind == "statute"), None)
    words = translation_table(statute, thesaurus, glossary) if statute is not None else None
    if words is not None:  # French words -> the Act's, read by govern and by cross-language search
        blobs["word_table"] = words
    if glossary is not None or thesaurus is not None:  # cross-language search's phrases, folded once
        blobs["lexicon"] = Lexicon.of(glossary, thesaurus, words).rows()
    # the graph as a process reads it back (its edges in that order), so the state is what it would compute
    built = KnowledgeBase(corpus, {"graph": graph_from_json(blobs["graph"]), "glossary": glossary, "thesaurus": thesaurus, "word_table": words,
                                   "translations": pairs})
    # what govern would otherwise compute in every process
    blobs[govern_state.BLOB] = encode(govern_state.state(built, prepared_state(built), lay_documents(built)))
    timings["save"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    stemmed = sorted(words_to_stem(thesaurus, glossary))  # their stems kept with the index's, for govern
    key = index_input(corpus, glossary, stemmed)
    index_dir = reusable_index(data_dir, previous, key)
    how = "unchanged, reused"
    if index_dir is None:
        index_dir, how = build_index(corpus, data_dir, glossary, words=stemmed), "built"
    timings["index"] = time.perf_counter() - t0
    # the store last: it names the index it goes with, for the next build to reuse
    blobs["index"] = {"dir": index_dir.name, "input": key}
    store.write(data_dir, corpus, blobs, parsed, parser_version())
    (data_dir / store.PICKLE_FILE).unlink(missing_ok=True)  # an older Alinea's; data must never run code
    progress(f"wrote {data_dir}/ ({len(docs)} documents, {len(corpus.references)} references, "
             f"{len(errors)} failed, {len(warnings)} warnings; search index {index_dir.name}/ "
             f"{how} in {timings['index'] * 1000:.0f} ms)")
    return BuildResult(corpus, warnings, timings)
