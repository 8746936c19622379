"""Writing into the data directory: a file is there whole or not at all, one build at a time,
and damage is named, never read as data.

- `replacing(path)` hands out a unique temporary name in the same directory and renames it
  over ``path`` (`os.replace`, atomic on POSIX) once it is written and flushed to disk;
  `write_bytes` / `write_text` / `write_json` are built on it.  Every writer of the data
  directory uses them, so a killed or failed writer leaves a leftover ``.NAME.*.tmp`` file
  (removed by `clean_leftovers` at the next build), never a half-written file.
- `build_lock(directory)` takes an exclusive `fcntl` lock: a second build of the same
  directory stops with a message instead of writing over the first.
- `write_checksums` / `verify_checksums` record the size, SHA-256 and stamp (size, inode,
  modification and change times) of every file of a folder and check them before the folder is
  read: a file whose stamp changed since the build is hashed again.
- OSError becomes `AlineaError` naming the path and the errno's meaning (read-only or full
  disk); damage becomes `DamagedData`.

Floor module: imports nothing of the project but alinea.errors (search/ uses it too).
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from alinea.errors import AlineaError, DamagedData

TMP_SUFFIX = ".tmp"
LOCK_FILE = ".build.lock"
CHECKSUMS = "checksums.json"


def write_error(path: str | Path, exc: OSError) -> AlineaError:
    """A one-line error for a failed write: ``cannot write data/x: No space left on device``."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return AlineaError(f"cannot write {exc.filename or path}: {reason}")


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be opened or synced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A fresh temporary path beside ``path``; renamed over ``path`` when the block ends without
    an exception, removed otherwise.  OSError -> AlineaError naming the path."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
        os.close(fd)
    except OSError as exc:
        raise write_error(path.parent, exc) from None
    tmp = Path(name)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write data to path atomically; returns path."""
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: str | Path, value: object, indent: int | None = 1) -> Path:
    return write_text(path, json.dumps(value, ensure_ascii=False, indent=indent) + "\n")


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def clean_leftovers(directory: str | Path) -> list[Path]:
    """Remove the temporary files killed writers left in directory; returns them."""
    directory = Path(directory)
    removed = []
    for path in directory.glob(f".*{TMP_SUFFIX}*"):  # *.tmp and SQLite's *.tmp-journal beside it
        if path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


@contextlib.contextmanager
def build_lock(directory: str | Path) -> Iterator[None]:
    """Hold the build lock of directory; AlineaError when another process holds it."""
    import fcntl

    directory = Path(directory)
    path = directory / LOCK_FILE
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                raise write_error(path, exc) from None
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise AlineaError(f"{directory}/ is being built by another `alinea build` (pid {holder}): "
                              "wait for it to finish, then run it again if needed") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _stamp(st: os.stat_result) -> list[int]:
    """What changes whenever a file is written, copied or has its times reset: size, inode,
    modification and change times (the change time cannot be set back from user space)."""
    return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def write_checksums(directory: str | Path) -> dict[str, dict]:
    """Record the size, SHA-256 and stamp (`_stamp`) of every file of directory in its CHECKSUMS
    file."""
    directory = Path(directory)
    files = {}
    for p in sorted(directory.iterdir()):
        if p.is_file() and p.name != CHECKSUMS:
            digest = sha256_file(p)
            files[p.name] = {"size": p.stat().st_size, "sha256": digest, "stamp": _stamp(p.stat())}
    write_json(directory / CHECKSUMS, {"files": files})
    return files


def verify_file(path: Path, size: int, digest: str, stamp: list[int] | None = None) -> None:
    """DamagedData naming path unless it has that size and SHA-256.  When its stamp is still the
    one recorded after the build wrote it, no one has written it since: the size is checked and
    the SHA-256 pass skipped (docs/data.md, "Damage is named, never read")."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DamagedData(path, "is missing") from None
    if st.st_size != size:
        raise DamagedData(path, f"has {st.st_size} bytes, the build wrote {size}")
    if stamp is not None and _stamp(st) == stamp:
        return
    if sha256_file(path) != digest:
        raise DamagedData(path, "does not hold what the build wrote (checksum differs)")


def verify_checksums(directory: str | Path, full: bool = False) -> None:
    """DamagedData naming the first file of directory that differs from what its CHECKSUMS file
    records (missing, truncated, overwritten), or the CHECKSUMS file itself when unreadable;
    `full`: hash every file, even those untouched since the build."""
    directory = Path(directory)
    path = directory / CHECKSUMS
    try:
        files = json.loads(path.read_bytes())["files"]
        entries = [(str(name), int(v["size"]), str(v["sha256"]),
                    None if full or not isinstance(v.get("stamp"), list) else [int(x) for x in v["stamp"]])
                   for name, v in files.items()]
    except FileNotFoundError:
        raise DamagedData(path, "is missing (the build that wrote this folder did not finish)") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedData(path, f"cannot be read ({type(exc).__name__})") from None
    for name, size, digest, stamp in entries:
        if "/" in name or name.startswith("."):
            raise DamagedData(path, f"names {name!r}, not a file of the folder")
        verify_file(directory / name, size, digest, stamp)


def refresh_stamps(directory: str | Path) -> None:
    """Record the files' stamps anew once `verify_checksums(directory, full=True)` has passed (a
    copied or restored folder: new inodes), so that later opens skip the SHA-256 pass again."""
    directory = Path(directory)
    try:
        files = json.loads((directory / CHECKSUMS).read_bytes())["files"]
        for name, entry in files.items():
            entry["stamp"] = _stamp((directory / name).stat())
        write_json(directory / CHECKSUMS, {"files": files})
    except (OSError, ValueError, KeyError, TypeError, AlineaError):
        pass  # an optimisation only: the next open hashes the files again
