"""Rebuilding a live data directory from an amended copy of the bundled corpus (the site and its
caches must serve the new knowledge base without a restart)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from alinea.build import build
from tests.conftest import CORPUS


def rebuild_with_section_1_renewed(data_dir: Path, scratch: Path) -> None:
    """Rebuild `data_dir` from a copy of the corpus (in `scratch`) whose s. 1 now reads "Within the
    renewed framework", the manifest's checksum updated."""
    corpus = scratch / "corpus"
    shutil.copytree(CORPUS, corpus)
    act = corpus / "legisquebec" / "A-13.1.1.en.txt"
    act.write_bytes(act.read_bytes().replace(b"1. Within the framework", b"1. Within the renewed framework", 1))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"][0]["sha256"] = hashlib.sha256(act.read_bytes()).hexdigest()
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    build(corpus, data_dir, progress=lambda message: None)
