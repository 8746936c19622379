"""Time the guidance layer: parsing each seed page and the HTML fixture, finding citations
and concepts in them, and a long synthetic page (the ADEL seed repeated 50 times).

    .venv/bin/python -m benchmarks.guidance
"""
from __future__ import annotations

from pathlib import Path

from alinea.corpus import load_manifest
from benchmarks.timing import print_table, summary, time_calls
from graph.cite.guidance import guidance_references
from graph.concepts import document_concepts, load_glossary
from ingest import parse_file
from ingest.guidance_text import parse_guidance_text

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "fixtures" / "guidance-html" / "adel-66-72.fr.html"


def main() -> None:
    entries = load_manifest(ROOT / "corpus")
    act_entry = next(e for e in entries if e.meta["kind"] == "statute")
    act = parse_file(str(act_entry.path), act_entry.format, act_entry.meta)
    glossary = load_glossary()
    pages = [(e.id, lambda e=e: parse_file(str(e.path), e.format, e.meta)) for e in entries
             if e.meta["kind"] == "guidance"]
    pages.append(("html fixture", lambda: parse_file(str(HTML))))
    seed = (ROOT / "corpus" / "guidance" / "adel-66-72.fr.txt").read_text(encoding="utf-8")
    long_text = "\n\n".join([seed] * 50)
    pages.append(("ADEL seed x50", lambda: parse_guidance_text(long_text, "long.txt")))
    rows = []
    for name, parse in pages:
        doc = parse()
        lines = sum(1 for s in doc.sections for _ in s.walk())
        rows.append({"page": name, "units": lines, "step": "parse", **summary(time_calls(parse, 20))})
        rows.append({"page": name, "units": lines, "step": "citations",
                     **summary(time_calls(lambda doc=doc: guidance_references(doc, [act]), 20))})
        rows.append({"page": name, "units": lines, "step": "concepts",
                     **summary(time_calls(lambda doc=doc: document_concepts(doc, glossary), 20))})
    rows.append({"page": "glossary", "units": len(glossary), "step": "load",
                 **summary(time_calls(load_glossary, 20))})
    print_table(rows, ["page", "units", "step", "median_ms", "p95_ms", "max_ms", "n"])


if __name__ == "__main__":
    main()
