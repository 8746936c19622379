"""What the build trusts in the corpus folder: files inside it, with the content the manifest
records.  Small functions that alinea.corpus (and `alinea add`) call."""
from __future__ import annotations

import hashlib
from pathlib import Path

from alinea.errors import AlineaError


def inside(corpus_dir: str | Path, name: object, where: str) -> Path:
    """The file a manifest names, resolved (symbolic links followed); AlineaError naming the
    manifest entry when it is not a relative path that stays inside the corpus folder."""
    root = Path(corpus_dir).resolve()
    if not isinstance(name, str) or not name.strip():
        raise AlineaError(f"{where}: 'file' must be a path inside the corpus folder")
    if Path(name).is_absolute():
        raise AlineaError(f"{where}: file {name!r} is an absolute path; give a path inside the corpus folder {root}")
    try:
        path = (root / name).resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop
        raise AlineaError(f"{where}: file {name!r} cannot be resolved ({exc})") from None
    if not path.is_relative_to(root):
        raise AlineaError(f"{where}: file {name!r} is outside the corpus folder {root}")
    return path


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_sha256(path: Path, expected: str | None, doc_id: str, accept: str = "") -> str:
    """The file's SHA-256; AlineaError when the manifest records another one (the file changed
    since it was listed), saying how to accept the new file (accept: the command that does,
    by default `alinea add PATH`)."""
    try:
        actual = sha256_of(path)
    except OSError as exc:
        raise AlineaError(f"{path}: listed in the manifest as {doc_id} but cannot be read: "
                          f"{exc.strerror or exc}") from None
    if expected and actual != expected:
        raise AlineaError(f"{path}: content differs from the manifest's sha256 for {doc_id} "
                          f"({expected[:12]}…, now {actual[:12]}…); if the change is intended, accept the "
                          f"new file with `{accept or f'alinea add {path}'}`, which rewrites its manifest entry")
    return actual
