"""Work on every core: the chunks of a job done by forked worker processes, read back in order.

Worker i does chunks i, i + n, i + 2n... of n workers and hands each result over a queue of its
own, two at most in flight (the memory used does not grow with the job); the caller reads them in
chunk order, then each worker's `last()` (what it accumulated over its chunks).  Workers are forked,
so they share what the parent had built (no pickling of the job); where fork is not available, or
with one worker, the chunks are done in the calling process.
"""
from __future__ import annotations

import os
import queue
from typing import Callable, Generic, Iterator, TypeVar

from alinea.errors import AlineaError

T = TypeVar("T")
U = TypeVar("U")
IN_FLIGHT = 2
"""Results a worker may have done that the caller has not read yet."""


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked here (not on every platform, nor from a daemonic process)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


class Chunks(Generic[T, U]):
    """`work(k)` for k in range(count) on `workers` processes; `results()` in k order, then `lasts`."""

    def __init__(self, work: Callable[[int], T], count: int, workers: int, last: Callable[[], U]) -> None:
        self.work, self.count, self.last = work, count, last
        self.workers = max(1, min(workers, count)) if can_fork() else 1
        self.lasts: list[U] = []
        self._procs: list = []
        self._queues: list = []

    def results(self) -> Iterator[T]:
        if self.workers == 1:
            for k in range(self.count):
                yield self.work(k)
            self.lasts = [self.last()]
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._queues = [context.Queue(IN_FLIGHT) for _ in range(self.workers)]
        self._procs = [context.Process(target=self._run, args=(i,), daemon=True) for i in range(self.workers)]
        try:
            for proc in self._procs:
                proc.start()
            for k in range(self.count):
                yield self._get(k % self.workers)
            self.lasts = [self._get(i) for i in range(self.workers)]
            for proc in self._procs:
                proc.join()
        finally:
            for proc in self._procs:
                if proc.is_alive():
                    proc.terminate()
                    proc.join()

    def _run(self, i: int) -> None:
        out = self._queues[i]
        try:
            for k in range(i, self.count, self.workers):
                out.put(("ok", self.work(k)))
            out.put(("ok", self.last()))
        except BaseException as exc:  # reported to the caller, which raises it
            out.put(("error", f"{type(exc).__name__}: {exc}"))
        out.close()
        out.join_thread()

    def _get(self, i: int):
        while True:
            try:
                status, value = self._queues[i].get(timeout=1)
            except queue.Empty:
                if self._procs[i].is_alive():
                    continue
                try:  # it may have handed its last result over just before it ended
                    status, value = self._queues[i].get(timeout=1)
                except queue.Empty:
                    raise AlineaError(f"a worker process stopped (exit code {self._procs[i].exitcode})") from None
            if status == "error":
                raise AlineaError(f"a worker process failed: {value}")
            return value
