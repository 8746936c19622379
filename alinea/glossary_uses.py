"""Recompute the glossary's `uses` from the corpus's statute: ``python -m alinea.glossary_uses [corpus]``."""
from __future__ import annotations

import sys
from pathlib import Path

from alinea.corpus import glossary_path, load_manifest, parse_entry
from graph.concepts import write_uses


def main(argv: list[str]) -> int:
    """``python -m alinea.glossary_uses [corpus]``: recompute the glossary's `uses` from the corpus's statute."""
    corpus = Path(argv[0] if argv else "corpus")
    path = glossary_path(corpus)
    statute = next((e for e in load_manifest(corpus) if e.meta["kind"] == "statute"), None)
    if path is None or statute is None:
        print(f"{corpus}: the manifest names no glossary or no statute", file=sys.stderr)
        return 1
    doc, _ = parse_entry(statute)
    changed = write_uses(path, doc)
    print(f"{path}: uses recomputed from {doc.id}, {changed} entries changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
