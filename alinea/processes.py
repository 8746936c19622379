"""Worker processes forked by a command (`alinea serve --processes`, `alinea govern --batch`): one
listening socket shared by pre-forked servers, a supervisor that replaces a worker that ends, and
workers that end with the process that forked them.

The supervisor forks before anything is opened: each worker builds what it serves (the knowledge
base, the search index) after the fork, so no SQLite or index handle is shared between processes.
A worker that ends is said on standard error and replaced; workers that keep ending soon after they
start (a knowledge base that cannot load, a bug at start-up) stop the server with a message rather
than leaving it half served.  SIGTERM or Ctrl-C to the supervisor ends every worker.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable

START_GRACE = 10.0
"""Seconds: a worker that ends sooner than this after its start failed to start."""
FAILED_STARTS = 3
"""Workers failing to start one after the other that stop the server."""
STOP_WAIT = 5.0
"""Seconds the workers have to end after SIGTERM before they are killed."""
BACKLOG = 1024
"""Connections waiting to be accepted (waitress's own default)."""


def end_with_parent(parent: int) -> None:
    """This (forked) process ends when the process that forked it does, however that one ends
    (Linux's parent-death signal; elsewhere the parent's own shutdown is all there is)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(0)


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port (port 0: any free port) and listening, to be shared by the
    workers (connections wait in its backlog until a worker accepts them)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def how_it_ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"signal {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"


class Supervisor:
    """`count` forked workers each running `work()` (which should not return), kept at that count."""

    def __init__(self, work: Callable[[], object], count: int, say: Callable[[str], None]) -> None:
        self.work, self.count, self.say = work, count, say
        self.started: dict[int, float] = {}
        """Worker pid -> when it was started (time.monotonic)."""

    def run(self) -> int:
        """Start the workers and keep them running until SIGTERM or Ctrl-C (which end them all, then
        this process: SystemExit or KeyboardInterrupt); 1 when they keep failing to start."""
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
        try:
            for _ in range(self.count):
                self.start_one()
            return self.keep_running()
        finally:
            self.stop_all()
            signal.signal(signal.SIGTERM, previous)

    def keep_running(self) -> int:
        failed = 0
        while True:
            pid, status = os.wait()
            started = self.started.pop(pid, None)
            if started is None:  # not a worker of ours
                continue
            failed = failed + 1 if time.monotonic() - started < START_GRACE else 0
            if failed >= FAILED_STARTS:
                self.say(f"worker {pid} ended ({how_it_ended(status)}); {failed} workers in a row ended "
                         f"within {START_GRACE:.0f} s of their start: stopping the server")
                return 1
            self.say(f"worker {pid} ended ({how_it_ended(status)}); starting another")
            self.start_one()

    def start_one(self) -> int:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the supervisor's code
            code = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the supervisor, which ends us
                end_with_parent(parent)
                self.work()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(code)
        self.started[pid] = time.monotonic()
        return pid

    def stop_all(self) -> None:
        """SIGTERM to every worker, then SIGKILL to those still there after STOP_WAIT seconds."""
        for pid in self.started:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WAIT
        while self.started and time.monotonic() < deadline:
            for pid in list(self.started):
                if _reaped(pid):
                    del self.started[pid]
            time.sleep(0.02)
        for pid in list(self.started):
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            del self.started[pid]


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


def _reaped(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:
        return True
