"""`alinea govern --batch` on several processes (alinea.govern_batch): the same bytes as in one
process, in input order, bad lines named by their number, and short or empty batches kept in-process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import alinea.govern_batch as batch
from search.parallel import can_fork

QUESTIONS = Path(__file__).resolve().parent.parent / "benchmarks" / "govern_eval" / "questions.jsonl"

pytestmark = pytest.mark.skipif(not can_fork(), reason="the batch is answered in one process without fork")


@pytest.fixture()
def forks(monkeypatch):
    """Counts the batches answered by worker processes."""
    calls = []
    parallel = batch._parallel

    def counted(*args, **kwargs):
        calls.append(args[-1])
        yield from parallel(*args, **kwargs)

    monkeypatch.setattr(batch, "_parallel", counted)
    return calls


def write(tmp_path, lines: list[str]) -> str:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_the_dev_and_test_questions_give_the_same_bytes_on_two_processes(cli, tmp_path, forks):
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = write(tmp_path, [json.dumps({"id": q["id"], "q": q["q"]}, ensure_ascii=False) for q in questions])
    code, serial, _ = cli("govern", "--batch", path, "--jobs", "1")
    assert code == 0 and forks == []
    code, parallel, _ = cli("govern", "--batch", path, "--jobs", "2")
    assert code == 0 and forks == [2]
    assert len(serial.splitlines()) == len(questions) == 169
    assert parallel == serial


def test_answers_come_back_in_input_order_and_bad_lines_name_their_line(cli, tmp_path, forks):
    """Long and short questions mixed, so that workers finish out of order; the bad lines fall in
    later chunks."""
    texts = ["s. 59", "Can they cut my cheque if I quit my job? " * 40, "Mon conjoint et moi vivons ensemble depuis "
             "sept mois : sommes-nous des conjoints pour l'aide sociale ?", "term:spouses"]
    lines = [json.dumps({"id": n, "q": texts[n % len(texts)]}, ensure_ascii=False) for n in range(100)]
    lines[70] = "{not json"
    lines[90] = ""
    lines[95] = json.dumps({"id": "no q"})
    code, out, err = cli("govern", "--batch", write(tmp_path, lines), "--jobs", "2", "--limit", "2")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and forks == [2]
    assert [r["id"] for r in rows] == [n if n not in (70, 95) else (None if n == 70 else "no q")
                                       for n in range(100) if n != 90]
    assert rows[70]["error"].startswith("line 71: not JSON") and rows[94]["error"].startswith("line 96: expected")
    assert "line 71" in err and "line 96" in err
    assert all("results" in r for r in rows if "error" not in r)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_empty_batch_prints_nothing(cli, tmp_path, forks, jobs):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert cli("govern", "--batch", str(path), "--jobs", jobs) == (0, "", "")
    assert forks == []


def test_a_short_batch_stays_in_process(cli, tmp_path, forks):
    lines = [json.dumps({"id": n, "q": "s. 59"}) for n in range(batch.PARALLEL_FROM - 1)]
    code, out, _ = cli("govern", "--batch", write(tmp_path, lines), "--jobs", "2", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == batch.PARALLEL_FROM - 1 and forks == []


def test_jobs_must_be_a_positive_number(cli, capsys):
    with pytest.raises(SystemExit):
        cli("govern", "--batch", "-", "--jobs", "0")
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the processes from /proc")
def test_a_terminated_batch_leaves_no_worker_behind(data_dir, tmp_path):
    """SIGTERM to `alinea govern --batch --jobs 2` (a supervisor stopping it) ends its workers too:
    they were left idle under init, each holding a copy of the knowledge base."""
    import os
    import signal
    import subprocess
    import sys
    import time

    line = json.dumps({"id": "q", "q": "Can my benefit be reduced if I quit my job without a good reason?"})
    path = write(tmp_path, [line] * 4000)
    alinea = Path(sys.executable).with_name("alinea")
    proc = subprocess.Popen([str(alinea), "--data", str(data_dir), "govern", "--batch", path, "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def session() -> list[str]:
        """The live processes of the batch's session (/proc/PID/stat: the session is field 6)."""
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[3] == str(proc.pid) and fields[0] != "Z":
                alive.append(stat.parent.name)
        return alive

    try:
        deadline = time.monotonic() + 60
        while len(session()) < 3 and time.monotonic() < deadline:  # the parent and its two workers
            time.sleep(0.2)
        assert len(session()) >= 3, "the workers never started"
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while session() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert session() == []
    finally:
        if session():
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="a worker finds its inherited locks in /proc")
def test_a_lock_held_by_another_thread_at_the_fork_does_not_hang_the_workers(cli, data_dir, tmp_path, forks,
                                                                             monkeypatch):
    """A thread of this process holding the index's meta lock when the workers were forked (a reader
    reloading) handed each worker a copy of the locked file: the lock outlived the thread's release,
    the workers waited for it forever opening their index, and the batch with them (a full test run
    hung so).  Workers now close the lock files they inherit."""
    import fcntl
    import signal
    import threading

    lock_file = next(Path(data_dir).glob("index.*/ranking/.tantivy-meta.lock"), None)
    if lock_file is None:
        pytest.skip("the index has no tantivy ranking index")
    parallel = batch._parallel

    def forked_while_held(*args, **kwargs):  # this process has opened its index; the workers are forked next
        held = open(lock_file, "a")  # noqa: SIM115 - closed by the other thread
        fcntl.flock(held, fcntl.LOCK_EX)
        threading.Timer(1.0, held.close).start()  # the other thread lets go once the workers are forked
        yield from parallel(*args, **kwargs)

    monkeypatch.setattr(batch, "_parallel", forked_while_held)

    def hung(*_):
        raise AssertionError("the batch's workers waited for a lock their parent had let go of")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        lines = [json.dumps({"id": n, "q": "s. 59"}) for n in range(batch.PARALLEL_FROM)]
        code, out, _ = cli("govern", "--batch", write(tmp_path, lines), "--jobs", "2", "--limit", "1")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 0 and len(out.splitlines()) == batch.PARALLEL_FROM and forks == [2]
