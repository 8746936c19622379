"""The file walk of `alinea links` (alinea.code_walk): git's ignore rules, checked against
`git check-ignore` itself on a tree with nested .gitignore files and negations, and every path that
is not read listed with its reason (FIFO, symbolic link loop, broken link, too large, binary)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from alinea.code_walk import IgnoreRules, read_source, walk
from alinea.errors import AlineaError

GIT = shutil.which("git")


@pytest.mark.parametrize("pattern, path, is_dir, expected", [
    ("*.log", "/r/a/b/x.log", False, True),
    ("*.log", "/r/x.logs", False, False),
    ("build/", "/r/a/build", True, True),
    ("build/", "/r/a/build", False, False),
    ("/build", "/r/build", True, True),
    ("/build", "/r/a/build", True, False),
    ("doc/*.txt", "/r/doc/x.txt", False, True),
    ("doc/*.txt", "/r/doc/sub/x.txt", False, False),
    ("doc/**/*.txt", "/r/doc/sub/deep/x.txt", False, True),
    ("doc/**/*.txt", "/r/doc/x.txt", False, True),
    ("**/tmp", "/r/a/b/tmp", True, True),
    ("logs/**", "/r/logs/a/b", False, True),
    ("x?.py", "/r/x1.py", False, True),
    ("x?.py", "/r/x12.py", False, False),
    ("[abc].md", "/r/b.md", False, True),
    ("[!abc].md", "/r/b.md", False, False),
    ("\\#notes", "/r/#notes", False, True),
    ("# a comment", "/r/# a comment", False, False),
    ("trailing.txt   ", "/r/trailing.txt", False, True),
])
def test_gitignore_matcher(pattern, path, is_dir, expected):
    assert IgnoreRules.root().add("/r", pattern).ignored(path, is_dir) is expected


TREE = {
    ".gitignore": "*.log\n!important.log\nbuild/\n/top-only.txt\ndocs/**/*.tmp\n*.bak\n[Tt]emp*\n\\#hash\n",
    "app/.gitignore": "!keep.bak\n*.txt\n!notes/*.txt\nsecret/\n",
    "app/notes/.gitignore": "private.txt\n!*.log\n",
    "app/deep/er/.gitignore": "/local.py\n",
}
FILES = ["a.log", "important.log", "top-only.txt", "app/top-only.txt", "build/x.py", "app/build/y.py",
         "docs/a/b/c.tmp", "docs/c.tmp", "src/docs/c.tmp", "x.bak", "app/keep.bak", "app/other.bak",
         "app/readme.txt", "app/notes/n.txt", "app/notes/private.txt", "app/notes/debug.log",
         "app/secret/key.py", "app/deep/er/local.py", "app/deep/local.py", "Temp1.py", "temp2.py",
         "#hash", "plain.py", "app/notes/sub/z.txt", "app/deep/er/more/local.py"]


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_walk_agrees_with_git_check_ignore(tmp_path: Path) -> None:
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "XDG_CONFIG_HOME": str(tmp_path / ".no-config"), "HOME": str(tmp_path)}
    subprocess.run([GIT, "init", "-q", str(tmp_path)], check=True, env=env)
    everything = sorted([*FILES, *TREE])
    checked = subprocess.run([GIT, "check-ignore", "--no-index", "--stdin"], cwd=tmp_path, env=env,
                             input="\n".join(everything) + "\n", capture_output=True, text=True)
    assert checked.returncode in (0, 1), checked.stderr
    ignored_by_git = set(checked.stdout.split("\n")) - {""}
    walked = {
        Path(file).relative_to(tmp_path).as_posix() for file, _, _ in walk(str(tmp_path))}
    assert walked == set(everything) - ignored_by_git
    assert {"a.log", "app/readme.txt", "app/secret/key.py", "app/deep/er/local.py"} <= ignored_by_git


def test_nested_gitignore_overrides_and_directories_are_pruned(tmp_path):
    (tmp_path / "a" / "keep").mkdir(parents=True)
    (tmp_path / ".gitignore").write_text("*.txt\nout/\n")
    (tmp_path / "a" / ".gitignore").write_text("!wanted.txt\n")
    for name in ("x.txt", "a/wanted.txt", "a/other.txt", "a/keep/y.py"):
        (tmp_path / name).write_text("s. 55\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".gitignore").write_text("!*\n")
    (tmp_path / "out" / "z.py").write_text("s. 55\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("s. 55\n")
    assert [shown for _, shown, _ in walk(str(tmp_path))] == [
        f"{tmp_path}/.gitignore", f"{tmp_path}/a/.gitignore", f"{tmp_path}/a/wanted.txt", f"{tmp_path}/a/keep/y.py"]


def test_gitignore_of_the_enclosing_repository_applies(tmp_path):
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("*.local\n")
    (tmp_path / ".gitignore").write_text("generated/\n")
    (tmp_path / "src" / "generated").mkdir(parents=True)
    (tmp_path / "src" / "generated" / "g.py").write_text("s. 55\n")
    (tmp_path / "src" / "main.py").write_text("s. 55\n")
    (tmp_path / "src" / "settings.local").write_text("s. 55\n")
    assert [shown for _, shown, _ in walk(str(tmp_path / "src"))] == [f"{tmp_path / 'src'}/main.py"]
    assert [shown for _, shown, _ in walk(str(tmp_path / "src" / "generated" / "g.py"))] == [
        str(tmp_path / "src" / "generated" / "g.py")]


def test_special_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    (tmp_path / "real.py").write_text("x = 1\n")
    (tmp_path / "link.py").symlink_to(tmp_path / "real.py")
    got = {Path(file).name: why for file, _, why in walk(str(tmp_path))}
    assert got == {"pipe": "FIFO (named pipe): not read", "loop": "symbolic link loop",
                   "broken": "broken symbolic link (No such file or directory)",
                   "link.py": "symbolic link: not followed", "real.py": ""}
    assert [why for _, _, why in walk(str(tmp_path / "loop"))] == ["symbolic link loop"]
    assert [why for _, _, why in walk(str(tmp_path / "pipe"))] == ["FIFO (named pipe): not read"]
    assert [why for _, _, why in walk(str(tmp_path / "link.py"))] == [""]  # named: followed
    with pytest.raises(AlineaError, match="no such file"):
        list(walk(str(tmp_path / "absent")))


def test_devices_are_not_read() -> None:
    assert [why for _, _, why in walk("/dev/null")] == ["device: not read"]


def test_reading_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a" * 600_000)
    (tmp_path / "bin").write_bytes(b"\x00\x01" * 10)
    (tmp_path / "latin1.txt").write_bytes("d\xe9j\xe0\n".encode("latin-1"))
    assert read_source(tmp_path / "big.txt") == (None, "larger than 512,000 bytes")
    assert read_source(tmp_path / "bin")[1] == "binary file, not text"
    assert read_source(tmp_path / "latin1.txt")[1].startswith("line 1: not UTF-8")


def test_one_long_line_is_scanned_in_linear_time(kb, tmp_path: Path) -> None:
    """`alinea links` was quadratic on one long line (200 KB took 273 s)."""
    import time

    from alinea.code_links import scan

    (tmp_path / "long.js").write_text("s. 55 " * 16_000)  # 96 KB on one line
    start = time.perf_counter()
    result = scan([str(tmp_path)], kb)
    assert len(result.citations) == 16_000 and time.perf_counter() - start < 30
