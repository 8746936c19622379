"""Time reference extraction and graph building on the corpus (figures printed, never asserted).

    python -m benchmarks.graph_build [--repeat N]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from alinea.build import parse_corpus
from alinea.model import Corpus
from benchmarks.timing import print_table, summary, time_calls
from graph.build import build_graph
from graph.cite import Index, find_citations
from graph.cite.resolve import texts_of
from graph.references import extract_references

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    docs, errors, _ = parse_corpus(ROOT / "corpus", lambda message: None)
    corpus = Corpus(tuple(docs))
    texts = [t for d in corpus.documents for t, _ in texts_of(d) if t]
    index = Index.build(corpus)
    references = extract_references(corpus, index)
    graph = build_graph(corpus, references, index)
    rows = []
    for step, call in [
        ("index (titles learned)", lambda: Index.build(corpus)),
        ("find_citations, every text", lambda: [find_citations(t, "en", index.title_list) for t in texts]),
        ("extract_references", lambda: extract_references(corpus, index)),
        ("build_graph", lambda: build_graph(corpus, references, index)),
    ]:
        rows.append({"step": step, **summary(time_calls(call, args.repeat))})
    print(f"corpus: {len(corpus.documents)} documents parsed ({len(errors)} not parsed), {len(texts)} texts, "
          f"{sum(len(t) for t in texts):,} characters")
    print(f"references: {len(references)}; graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print_table(rows, ["step", "median_ms", "p95_ms", "max_ms", "n"])


if __name__ == "__main__":
    main()
