"""Reading the corpus's data files (glossary, thesaurus, acts, the bilingual word list): one reader, one clear error."""
from __future__ import annotations

import json
import re
from pathlib import Path

from alinea.errors import AlineaError


def read_member(path: str | Path, what: str, key: str, kind: type = list):
    """The `key` member of a corpus data file, a list (or an object, kind=dict); AlineaError naming the
    file when it cannot be read or has no such member."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AlineaError(f"{path}:{exc.lineno}: cannot read the {what}: {exc.msg} (column {exc.colno})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AlineaError(f"{path}: cannot read the {what}: {exc}") from None
    member = data.get(key) if isinstance(data, dict) else None
    if not isinstance(member, kind):
        raise AlineaError(f"{path}: expected an object with an {key!r} {'list' if kind is list else 'object'}")
    return member


def read_entries(path: str | Path, what: str) -> list:
    """The ``entries`` list of a corpus data file (glossary, thesaurus)."""
    return read_member(path, what, "entries")


_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*")\s*:')


def read_entries_by_line(path: str | Path, what: str, key: str) -> list[tuple[int, str, object]]:
    """(line, name, value) of each entry of the `key` object of a corpus data file written one entry
    per line (the word lists), in the file's order, so that a check can name the line it fails on.
    AlineaError naming the file (and the line, for a JSON error or an entry listed twice) when it
    cannot be read."""
    path = Path(path)
    member = read_member(path, what, key, dict)
    text = path.read_text(encoding="utf-8")
    found: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        match = _KEY.match(line)
        if match is None:
            continue
        name = json.loads(match.group(1))
        if not inside:
            inside = name == key
            continue
        if name in found:
            raise AlineaError(f"{path}:{number}: {name!r} is listed twice (first on line {found[name]})")
        found[name] = number
    return [(found.get(name, 0), name, value) for name, value in member.items()]
