"""`alinea build`: corpus folder -> data directory (model, references, graph, search index)."""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alinea.corpus import load_manifest, parse_entry
from alinea.errors import AlineaError
from alinea.export import export
from alinea.kb import save
from alinea.model import Corpus, Document
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


def build(corpus_dir: str | Path, data_dir: str | Path, progress: Progress = stderr_progress) -> BuildResult:
    """Parse, link and index the corpus into data_dir."""
    corpus_dir, data_dir = Path(corpus_dir), Path(data_dir)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    docs, errors, warnings = parse_corpus(corpus_dir, progress)
    timings["parse"] = time.perf_counter() - t0
    corpus = Corpus(tuple(docs), (), tuple(errors))

    t0 = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    save(corpus, data_dir)
    (data_dir / "export.json").write_text(json.dumps(export(corpus), ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    timings["save"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    index_dir = build_index(corpus, data_dir)
    timings["index"] = time.perf_counter() - t0
    progress(f"wrote {data_dir}/ ({len(docs)} documents, {len(corpus.references)} references, "
             f"{len(errors)} failed, {len(warnings)} warnings; search index {index_dir.name}/ "
             f"in {timings['index'] * 1000:.0f} ms)")
    return BuildResult(corpus, warnings, timings)
