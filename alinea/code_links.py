"""`alinea links`: walk source trees and find the citations of the law in every text file.

`scan(paths, kb)` walks files and folders the way git sees them (alinea.code_walk: `.gitignore`
files at every level, `.git/` skipped), reads each text file (special files, symbolic links,
binary, over-large and undecodable files are skipped and listed with the reason), and finds the
citations with `graph.cite.code.file_citations`.  `record` keeps a scan in the data
directory for the site; `load_recorded` reads it back.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from alinea.atomic import write_json
from alinea.code_walk import Skipped, read_source, walk
from alinea.errors import AlineaError
from alinea.model import CodeCitation
from graph.cite.code import CODE_STATUSES, STALE, Recogniser, file_citations

if TYPE_CHECKING:
    from alinea.kb import KnowledgeBase

RECORD_FILE = "code_links.json"
RECORD_FORMAT = 1


# -- scanning ----------------------------------------------------------------------------
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
        if not os.path.lexists(path):
            raise AlineaError(f"{path}: no such file or folder")
    rec = Recogniser(kb)
    result = Scan()
    seen: set[Path] = set()
    for path in paths:
        for file, shown, skip in walk(path):
            if len(paths) > 1:  # overlapping paths: each file once
                key = file.parent.resolve() / file.name
                if key in seen:
                    continue
                seen.add(key)
            text, why = (None, skip) if skip else read_source(file)
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
