"""`alinea serve --processes N` as a real process on a free port: N workers that each answer on
the one port, a dead worker replaced, SIGTERM ending them all, bad values refused; and the
supervisor stopping when its workers keep failing at start."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from alinea.limits import limit
from alinea.processes import Supervisor
from tests.rebuilds import rebuild_with_section_1_renewed

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60.0
"""Seconds a worker may take to load the knowledge base on a loaded machine."""


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(p) for p in (task / "children").read_text().split()}
    return out


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _until(condition, what: str, seconds: float = WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str, timeout: float = WAIT):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.headers, response.read()


def _served(data_dir: Path, scratch: Path):
    """`alinea serve --port 0 --processes 2` over data_dir: (process, base address, stderr file)."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs Linux's /proc to see the workers")
    err = open(scratch / "serve.err", "w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "alinea.cli", "--data", str(data_dir), "serve", "--port", "0",
                                "--processes", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
    try:
        line = _until(lambda: err.seek(0) == 0 and re.search(r"http://127\.0\.0\.1:(\d+)/", err.read()),
                      "the address line", 30)
        yield process, f"http://127.0.0.1:{line.group(1)}", err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        err.close()


@pytest.fixture()
def server(data_dir, tmp_path):
    yield from _served(data_dir, tmp_path)


def _alone(workers: set[int], answering: int, url: str):
    """`url` asked while every worker but `answering` is stopped: only it can accept the connection."""
    for other in workers - {answering}:
        os.kill(other, signal.SIGSTOP)
    try:
        return _get(url)
    finally:
        for other in workers - {answering}:
            os.kill(other, signal.SIGCONT)


def test_each_worker_answers_and_sigterm_ends_them_all(server):
    process, base, err = server
    workers = _until(lambda: len(_children(process.pid)) == 2 and _children(process.pid), "two workers")
    for answering in workers:
        status, headers, body = _alone(workers, answering, f"{base}/search?q=aide&lang=fr")
        assert status == 200 and b"<html" in body
        assert re.fullmatch(r"app;dur=\d+\.\d\d, cpu;dur=\d+\.\d\d", headers["Server-Timing"])
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    _until(lambda: not any(_alive(pid) for pid in workers), "the workers to end", 10)
    err.seek(0)
    assert "Traceback" not in err.read()


def test_a_dead_worker_is_said_and_replaced(server):
    process, base, err = server
    workers = _until(lambda: len(_children(process.pid)) == 2 and _children(process.pid), "two workers")
    dead = min(workers)
    os.kill(dead, signal.SIGKILL)
    replaced = _until(lambda: len(_children(process.pid) - {dead}) == 2 and _children(process.pid) - workers,
                      "a new worker")
    assert _get(f"{base}/")[0] == 200
    err.seek(0)
    assert f"worker {dead} ended (signal SIGKILL); starting another" in err.read()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    _until(lambda: not any(_alive(pid) for pid in workers | replaced), "the workers to end", 10)


def test_each_worker_serves_a_rebuilt_knowledge_base(data_dir, tmp_path):
    live = tmp_path / "data"
    shutil.copytree(data_dir, live)
    served = _served(live, tmp_path)
    process, base, _ = next(served)
    try:
        workers = _until(lambda: len(_children(process.pid)) == 2 and _children(process.pid), "two workers")
        page = f"{base}/A-13.1.1/1?lang=en"
        for answering in workers:
            assert b"Within the framework" in _alone(workers, answering, page)[2]
        rebuild_with_section_1_renewed(live, tmp_path)
        for answering in workers:  # each looks at the data directory itself, at most once a second
            _until(lambda: b"Within the renewed framework" in _alone(workers, answering, page)[2],
                   f"worker {answering} to serve the rebuilt knowledge base", 30)
        assert _children(process.pid) == workers  # served without a restart
    finally:
        next(served, None)


@pytest.mark.parametrize("value", ["0", "-1", "x", "2.5", str(limit("processes") + 1)])
def test_a_bad_processes_value_is_refused(cli, capsys, value):
    with pytest.raises(SystemExit) as exc:
        cli("serve", "--processes", value)
    assert exc.value.code == 2
    said = capsys.readouterr().err
    assert "--processes" in said and f"from 1 to {limit('processes')}" in said


def test_workers_failing_at_start_stop_the_server(capfd):
    said = []

    def fails() -> None:
        raise RuntimeError("cannot load")

    assert Supervisor(fails, 2, said.append).run() == 1
    assert len(said) == 3 and "stopping the server" in said[-1] and "exit code 1" in said[-1]
    assert "RuntimeError: cannot load" in capfd.readouterr().err
