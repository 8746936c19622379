"""`alinea build`: corpus folder -> data directory (model, references, graph, search index)."""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alinea.corpus import glossary_path, load_manifest, parse_entry, thesaurus_path, translations
from alinea.errors import AlineaError
from alinea.export import export
from alinea.kb import save
from alinea.model import Corpus, Document, Reference
from graph.build import build_graph
from graph.concepts import Glossary, annotate_graph, load_glossary
from graph.guidance_links import link_guidance
from graph.references import extract_references
from graph.resolve import Index
from graph.thesaurus import load_thesaurus
from search.store import build_index

Progress = Callable[[str], None]


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


def parse_corpus(corpus_dir: Path, progress: Progress) -> tuple[list[Document], list[str], list[str]]:
    """Parse every listed document; a bad one is reported and the rest are built."""
    entries = load_manifest(corpus_dir)
    docs: list[Document] = []
    errors: list[str] = []
    warnings: list[str] = []
    for i, entry in enumerate(entries, 1):
        start = time.perf_counter()
        try:
            doc, notes = parse_entry(entry)
        except AlineaError as exc:
            errors.append(str(exc))
            progress(f"[{i}/{len(entries)}] {entry.id}: FAILED: {exc}")
            continue
        docs.append(doc)
        warnings += notes
        ms = (time.perf_counter() - start) * 1000
        progress(f"[{i}/{len(entries)}] {entry.id}: {len(doc.sections)} sections, "
                 f"{len(doc.divisions)} divisions, {len(notes)} warnings ({ms:.0f} ms)")
    return docs, errors, warnings


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
    references = merge_references([r for doc in docs for r in doc.links], extract_references(corpus, index),
                                  guidance_refs)
    return Corpus(corpus.documents, tuple(references), corpus.errors), index


def build(corpus_dir: str | Path, data_dir: str | Path, progress: Progress = stderr_progress) -> BuildResult:
    """Parse, link and index the corpus into data_dir."""
    corpus_dir, data_dir = Path(corpus_dir), Path(data_dir)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    docs, errors, warnings = parse_corpus(corpus_dir, progress)
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
    data_dir.mkdir(parents=True, exist_ok=True)
    thesaurus_file = thesaurus_path(corpus_dir)
    thesaurus = tuple(load_thesaurus(thesaurus_file)) if thesaurus_file else None
    save(corpus, data_dir, {"graph": graph, "glossary": glossary, "thesaurus": thesaurus,
                            "translations": translations(load_manifest(corpus_dir))})
    (data_dir / "export.json").write_text(json.dumps(export(corpus), ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    timings["save"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    index_dir = build_index(corpus, data_dir, glossary)
    timings["index"] = time.perf_counter() - t0
    progress(f"wrote {data_dir}/ ({len(docs)} documents, {len(corpus.references)} references, "
             f"{len(errors)} failed, {len(warnings)} warnings; search index {index_dir.name}/ "
             f"in {timings['index'] * 1000:.0f} ms)")
    return BuildResult(corpus, warnings, timings)
