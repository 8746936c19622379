"""Reading the corpus's data files (glossary, thesaurus, acts, the bilingual word list): one reader, one clear error."""
from __future__ import annotations

import json
from pathlib import Path

from alinea.errors import AlineaError


def read_member(path: str | Path, what: str, key: str, kind: type = list):
    """The `key` member of a corpus data file, a list (or an object, kind=dict); AlineaError naming the
    file when it cannot be read or has no such member."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AlineaError(f"{path}: cannot read the {what}: {exc}") from None
    member = data.get(key) if isinstance(data, dict) else None
    if not isinstance(member, kind):
        raise AlineaError(f"{path}: expected an object with an {key!r} {'list' if kind is list else 'object'}")
    return member


def read_entries(path: str | Path, what: str) -> list:
    """The ``entries`` list of a corpus data file (glossary, thesaurus)."""
    return read_member(path, what, "entries")
