"""The file walk of `alinea links`: the files of a source tree that git would not ignore, each read
as text within a size limit, and every path that is not read listed with the reason.

Ignore rules are git's: `.gitignore` files at every level from the repository's root down (and
the repository's `.git/info/exclude`), each read with pathspec's git-style matcher; the deepest
file that matches a path decides, and an ignored folder is not entered (so, as in git, a `!`
pattern cannot re-include a file inside it).  `.git/` is never entered; symbolic links inside a
folder are not followed.  tests/test_code_walk.py compares the walk with `git check-ignore`.

>>> rules = IgnoreRules.root().add("/repo", "build/\\n*.log\\n!keep.log\\n")
>>> [rules.ignored(p, d) for p, d in [("/repo/a/build", True), ("/repo/a/build", False),
...                                   ("/repo/x.log", False), ("/repo/keep.log", False)]]
[True, False, True, False]
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from alinea.errors import AlineaError, ParseError
from alinea.limits import limit
from ingest.source import decode


@dataclass(frozen=True)
class Skipped:
    """A path that was not read."""

    file: str
    """The path, as shown."""
    reason: str
    """Why: FIFO, socket, device, symbolic link (loop, broken, not followed), too large, binary,
    not UTF-8 (with the line of the first bad byte), unreadable."""


@dataclass(frozen=True)
class IgnoreRules:
    """The .gitignore specs that apply in a folder, outermost first."""

    specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()

    @classmethod
    def root(cls) -> IgnoreRules:
        return cls()

    def add(self, base: str, text: str) -> IgnoreRules:
        """These rules and those of a .gitignore text in folder `base` (an absolute POSIX path)."""
        spec = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        return IgnoreRules((*self.specs, (base.rstrip("/"), spec))) if spec.patterns else self

    def add_file(self, folder: Path, path: Path | None = None) -> IgnoreRules:
        """These rules and those of folder's .gitignore (or of another file holding rules for it)."""
        path = path or folder / ".gitignore"
        try:
            if not path.is_file() or path.stat().st_size > limit("code_file"):
                return self
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return self
        return self.add(folder.as_posix(), text)

    def ignored(self, path: str, is_dir: bool) -> bool:
        """True when the deepest .gitignore with a pattern matching the absolute POSIX path excludes it."""
        for base, spec in reversed(self.specs):
            if not path.startswith(base + "/"):
                continue
            relative = path[len(base) + 1:] + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False


def inherited_rules(folder: Path) -> IgnoreRules:
    """Rules of the .gitignore files above `folder` up to its repository's root (and the
    repository's .git/info/exclude); none when the folder is not in a git repository."""
    chain = []
    for parent in folder.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return IgnoreRules.root()
    root = chain[-1]
    rules = IgnoreRules.root().add_file(root, root / ".git" / "info" / "exclude")
    for parent in reversed(chain):
        rules = rules.add_file(parent)
    return rules


def special(path: Path, mode: int) -> str:
    """Why a path that is not a regular file or folder is not read, from its (lstat) mode."""
    if stat.S_ISLNK(mode):
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return f"broken symbolic link ({exc.strerror})"
        return "symbolic link: not followed"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe): not read"
    if stat.S_ISSOCK(mode):
        return "socket: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device: not read"
    return "not a regular file"


def walk(path: str) -> Iterator[tuple[Path, str, str]]:
    """(file, path to show, "") for each file to read under `path`, and (path, shown, reason) for
    each one not read (special files, symbolic links), in name order; git-ignored paths are left out."""
    given = Path(path)
    try:
        mode = os.lstat(given).st_mode
    except OSError:
        raise AlineaError(f"{path}: no such file or folder") from None
    if stat.S_ISLNK(mode):  # a link named on the command line is followed
        try:
            mode = os.stat(given).st_mode
        except OSError:
            yield given, path, special(given, os.lstat(given).st_mode)
            return
    if not stat.S_ISDIR(mode):
        yield given, path, "" if stat.S_ISREG(mode) else special(given, mode)
        return
    top = given.resolve()
    stack = [(top, inherited_rules(top).add_file(top))]
    while stack:
        folder, rules = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, _shown(path, top, folder), f"cannot read folder: {exc.strerror or exc}"
            continue
        folders = []
        for entry in entries:
            if entry.name == ".git":
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                yield Path(entry.path), _shown(path, top, Path(entry.path)), f"cannot read: {exc.strerror or exc}"
                continue
            is_dir = stat.S_ISDIR(mode)
            if rules.ignored(Path(entry.path).as_posix(), is_dir):
                continue
            if is_dir:
                folders.append(Path(entry.path))
            else:
                yield (Path(entry.path), _shown(path, top, Path(entry.path)),
                       "" if stat.S_ISREG(mode) else special(Path(entry.path), mode))
        for sub in reversed(folders):
            stack.append((sub, rules.add_file(sub)))


def _shown(path: str, top: Path, file: Path) -> str:
    relative = file.relative_to(top).as_posix()
    return relative if path in (".", "./") else f"{path.rstrip('/')}/{relative}"


def read_source(path: Path) -> tuple[str | None, str]:
    """(text, "") for a text file, or (None, why it is skipped); never reads more than the
    "code_file" limit."""
    most = limit("code_file")
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None, special(path, os.fstat(fh.fileno()).st_mode)
            data = fh.read(most + 1)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if len(data) > most:
        return None, f"larger than {most:,} bytes"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            return None, "not UTF-16 despite its byte-order mark"
    try:
        return decode(data, str(path)), ""
    except ParseError as exc:
        return None, (f"line {exc.line}: " if exc.line else "") + exc.message
