"""Golden files: JSON built from the real documents, compared in tests.

Regenerate after an intended change with ALINEA_UPDATE_GOLDEN=1 pytest, then
read the diff (git diff tests/golden) before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"


def assert_golden(name: str, data: object) -> None:
    """Compare data with tests/golden/<name>.json (or write it when updating)."""
    path = GOLDEN_DIR / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("ALINEA_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run ALINEA_UPDATE_GOLDEN=1 pytest and review it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        want, got = json.loads(expected), json.loads(text)
        assert got == want, f"{name}: output differs from {path} (ALINEA_UPDATE_GOLDEN=1 to accept)"
