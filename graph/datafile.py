"""Reading the corpus's data files (glossary, thesaurus): one reader, one clear error."""
from __future__ import annotations

import json
from pathlib import Path

from alinea.errors import AlineaError


def read_entries(path: str | Path, what: str) -> list:
    """The ``entries`` list of a corpus data file (glossary, thesaurus); AlineaError naming the
    file when it cannot be read or has no such list."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AlineaError(f"{path}: cannot read the {what}: {exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise AlineaError(f"{path}: expected an object with an 'entries' list")
    return entries
