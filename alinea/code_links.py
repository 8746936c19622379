"""`alinea links`: walk source trees and find the citations of the law in every text file.

`scan(paths, kb)` walks files and folders the way git sees them (`.gitignore` files at
every level, from the repository's root down, `.git/` skipped), reads each text file
(binary, over-large and undecodable files are skipped and reported), and finds the
citations with `graph.cite.code.file_citations`.  `record` keeps a scan in the data
directory for the site; `load_recorded` reads it back.

The .gitignore matcher:

>>> rules = parse_gitignore("build/\\n*.log\\n!keep.log\\n/docs/**/*.tmp\\n", "/repo")
>>> [ignored(p, d, rules) for p, d in [("/repo/a/build", True), ("/repo/a/build", False),
...                                      ("/repo/x.log", False), ("/repo/keep.log", False),
...                                      ("/repo/docs/a/b.tmp", False), ("/repo/src/docs/b.tmp", False)]]
[True, False, True, False, True, False]
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from alinea.atomic import write_json
from alinea.errors import AlineaError, ParseError
from alinea.model import CodeCitation
from graph.cite.code import CODE_STATUSES, STALE, Recogniser, file_citations
from ingest.source import decode

if TYPE_CHECKING:
    from alinea.kb import KnowledgeBase

MAX_BYTES = 2_000_000
"""Files larger than this are skipped (and reported)."""
RECORD_FILE = "code_links.json"
RECORD_FORMAT = 1


# -- .gitignore ---------------------------------------------------------------------------
@dataclass(frozen=True)
class IgnoreRule:
    """One pattern of a .gitignore file."""

    base: str
    """Absolute path (POSIX) of the folder holding the .gitignore: patterns are relative to it."""
    pattern: re.Pattern
    """The pattern as a regex over a path relative to ``base``."""
    negate: bool = False
    """``!pattern``: re-includes what an earlier pattern excluded."""
    dir_only: bool = False
    """``pattern/``: matches folders only."""


def parse_gitignore(text: str, base: str) -> list[IgnoreRule]:
    """The rules of a .gitignore file in folder `base` (git's syntax: comments, ``!``, trailing
    ``/``, anchored patterns, ``*``, ``?``, ``[...]``, ``**``, backslash escapes)."""
    rules = []
    for raw in text.splitlines():
        line = re.sub(r"(?<!\\)\s+$", "", raw)
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate or line.startswith(("\\!", "\\#")):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _glob(line.lstrip("/"))
        regex = body if anchored else f"(?:.*/)?{body}"
        rules.append(IgnoreRule(base.rstrip("/"), re.compile(f"^{regex}$", re.DOTALL), negate, dir_only))
    return rules


def _glob(pattern: str) -> str:
    """A gitignore glob as a regex."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1:close]
            negated = body[:1] in ("!", "^")
            body = body[1:] if negated else body
            out.append("[" + ("^" if negated else "") + body.replace("\\", "\\\\") + "]")
            i = close + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def ignored(path: str, is_dir: bool, rules: list[IgnoreRule]) -> bool:
    """True when the last rule matching an absolute POSIX path excludes it."""
    verdict = False
    for rule in rules:
        if rule.dir_only and not is_dir or not path.startswith(rule.base + "/"):
            continue
        if rule.pattern.match(path[len(rule.base) + 1:]):
            verdict = not rule.negate
    return verdict


def _rules_in(folder: Path) -> list[IgnoreRule]:
    path = folder / ".gitignore"
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parse_gitignore(text, folder.as_posix())


def _inherited_rules(folder: Path) -> list[IgnoreRule]:
    """Rules of the .gitignore files above `folder` up to its repository's root (and the
    repository's .git/info/exclude); none when the folder is not in a git repository."""
    chain = []
    for parent in folder.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []
    rules: list[IgnoreRule] = []
    root = chain[-1]
    exclude = root / ".git" / "info" / "exclude"
    if exclude.is_file():
        rules += parse_gitignore(exclude.read_text(encoding="utf-8", errors="replace"), root.as_posix())
    for parent in reversed(chain):
        rules += _rules_in(parent)
    return rules


# -- walking ---------------------------------------------------------------------------
def walk(path: str) -> Iterator[tuple[Path, str]]:
    """(file, path to show) for a file, or for every regular file under a folder that git would
    not ignore, in name order; symbolic links are not followed."""
    given = Path(path)
    if given.is_file():
        yield given, path
        return
    if not given.is_dir():
        raise AlineaError(f"{path}: no such file or folder")
    top = given.resolve()
    stack = [(top, _inherited_rules(top) + _rules_in(top))]
    while stack:
        folder, rules = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        files, folders = [], []
        for entry in entries:
            if entry.is_symlink() or entry.name == ".git":
                continue
            is_dir = entry.is_dir()
            if not is_dir and not entry.is_file():
                continue  # sockets, pipes, devices
            if ignored(Path(entry.path).as_posix(), is_dir, rules):
                continue
            (folders if is_dir else files).append(entry)
        for entry in folders:
            sub = Path(entry.path)
            stack.append((sub, rules + _rules_in(sub)))
        for entry in reversed(files):
            shown = Path(entry.path).relative_to(top).as_posix()
            yield Path(entry.path), shown if path in (".", "./") else f"{path.rstrip('/')}/{shown}"


def read_source(path: Path) -> tuple[str | None, str]:
    """(text, "") for a text file, or (None, why it is skipped)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, f"larger than {MAX_BYTES:,} bytes ({size:,})"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            return None, "not UTF-16 despite its byte-order mark"
    try:
        return decode(data, str(path)), ""
    except ParseError as exc:
        return None, (f"line {exc.line}: " if exc.line else "") + exc.message


# -- scanning ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Skipped:
    """A file that was not read."""

    file: str
    """Path of the file, as shown."""
    reason: str
    """Why: binary, too large, not UTF-8 (with the line of the first bad byte), unreadable."""


@dataclass
class Scan:
    """What `alinea links` found."""

    files_scanned: int = 0
    """Text files read."""
    skipped: list[Skipped] = field(default_factory=list)
    """Files not read, with the reason."""
    citations: list[CodeCitation] = field(default_factory=list)
    """Every citation, in file, line and column order."""

    def counts(self) -> dict[str, int]:
        """Citations by status, every status listed (stale first)."""
        return {status: sum(1 for c in self.citations if c.status == status) for status in CODE_STATUSES}

    @property
    def stale(self) -> list[CodeCitation]:
        """Citations of repealed, missing or ambiguous law."""
        return [c for c in self.citations if c.status in STALE]

    def as_json(self) -> dict:
        return {"files_scanned": self.files_scanned, "skipped": [asdict(s) for s in self.skipped],
                "counts": self.counts(), "citations": [citation_dict(c) for c in self.citations]}


def citation_dict(citation: CodeCitation) -> dict:
    out = asdict(citation)
    out["candidates"] = list(citation.candidates)
    return out


def scan(paths: list[str], kb: KnowledgeBase, include_other: bool = False) -> Scan:
    """Every citation of the law in the files under `paths` (files or folders); a path that
    does not exist is an AlineaError (before anything is read)."""
    for path in paths:
        if not os.path.exists(path):
            raise AlineaError(f"{path}: no such file or folder")
    rec = Recogniser(kb)
    result = Scan()
    seen: set[Path] = set()
    for path in paths:
        for file, shown in walk(path):
            if len(paths) > 1:  # overlapping paths: each file once
                if file.resolve() in seen:
                    continue
                seen.add(file.resolve())
            text, why = read_source(file)
            if text is None:
                result.skipped.append(Skipped(shown, why))
                continue
            result.files_scanned += 1
            result.citations += file_citations(text, shown, rec, include_other)
    return result


# -- recording for the site ---------------------------------------------------------------
@dataclass(frozen=True)
class Recorded:
    """A scan kept in the data directory: what the site shows."""

    root: str
    """The folder scanned (absolute); citation files are relative to it."""
    scanned_at: str
    """When (ISO 8601, UTC)."""
    files_scanned: int
    citations: tuple[CodeCitation, ...]
    skipped: tuple[Skipped, ...] = ()

    def citing(self, provision: str) -> list[CodeCitation]:
        """Citations naming a provision or a provision under it (a document: any of its
        provisions; a section: any of its units), ambiguous ones among their candidates."""
        def under(target: str) -> bool:
            return target == provision or target.startswith(provision + "/")

        return [c for c in self.citations if under(c.target) or any(map(under, c.candidates))]

    def as_json(self) -> dict:
        counts = {status: sum(1 for c in self.citations if c.status == status) for status in CODE_STATUSES}
        return {"root": self.root, "scanned_at": self.scanned_at, "files_scanned": self.files_scanned,
                "skipped": [asdict(s) for s in self.skipped], "counts": counts,
                "citations": [citation_dict(c) for c in self.citations]}


def record(result: Scan, paths: list[str], data_dir: Path) -> Path:
    """Save a scan in the data directory, file paths relative to the folder holding every path."""
    absolute = [os.path.abspath(p) for p in paths]
    root = os.path.commonpath([p if os.path.isdir(p) else os.path.dirname(p) for p in absolute])

    def relative(shown: str) -> str:
        return Path(os.path.relpath(os.path.abspath(shown), root)).as_posix()

    kept = Recorded(root, datetime.now(UTC).isoformat(timespec="seconds"), result.files_scanned,
                    tuple(CodeCitation(**{**asdict(c), "file": relative(c.file)}) for c in result.citations),
                    tuple(Skipped(relative(s.file), s.reason) for s in result.skipped))
    return write_json(data_dir / RECORD_FILE, {"format": RECORD_FORMAT, **kept.as_json()})


def load_recorded(data_dir: str | Path) -> Recorded | None:
    """The scan recorded in data_dir, None when there is none; AlineaError when it is unreadable."""
    path = Path(data_dir) / RECORD_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != RECORD_FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {RECORD_FORMAT}")
        citations = tuple(CodeCitation(**{**c, "candidates": tuple(c["candidates"])}) for c in data["citations"])
        skipped = tuple(Skipped(**s) for s in data["skipped"])
        return Recorded(data["root"], data["scanned_at"], data["files_scanned"], citations, skipped)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AlineaError(f"{path}: not a scan recorded by `alinea links --record` ({exc}); "
                          "run it again") from None
