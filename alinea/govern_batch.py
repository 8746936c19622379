"""`alinea govern --batch` on every core: the lines in chunks, answered by forked worker processes,
written back in input order.

A batch shorter than PARALLEL_FROM lines, one job, or a platform without fork is answered in this
process (graph.govern.govern_lines).  Otherwise `jobs` workers are forked: they share the knowledge
base this process loaded (and whatever it had decoded), each opens its own search index (an open
index holds files whose read offsets a fork would share), and each answers whole chunks with
graph.govern.govern_line, the serial path's own code, so the answers are the same.  At most
IN_FLIGHT chunks per worker are read ahead of the answer being written, so memory does not grow
with the input.  Workers ignore Ctrl-C; the caller's KeyboardInterrupt cancels what is queued and
they end after their current chunk.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from alinea.errors import AlineaError
from alinea.processes import end_with_parent
from graph.govern import govern_line, govern_lines

CHUNK = 8
"""Lines a worker answers per task (about a tenth of a second of work)."""
PARALLEL_FROM = 64
"""Lines a batch needs before workers are forked (forking and opening an index per worker cost
about what a handful of answers do)."""
IN_FLIGHT = 2
"""Chunks per worker read ahead of the answer being written."""

_work: tuple | None = None
"""(kb, data directory, limit, max_bytes, say) set before the fork, read by the workers."""
_index = None
"""The worker's own search index."""


def govern_batch(lines: Iterable[str | bytes], kb, search_index, limit: int, max_bytes: int | None,
                 say: Callable, jobs: int) -> Iterator[dict]:
    """The answers of govern_lines, in the same order and the same, from `jobs` processes when the
    batch is long enough to pay for them (and `search_index` is a data directory's, search.open_index,
    which the workers open again)."""
    from search.parallel import can_fork

    numbered = enumerate(lines, 1)
    head = list(islice(numbered, PARALLEL_FROM))
    data_dir = getattr(search_index, "data_dir", None)
    if jobs < 2 or len(head) < PARALLEL_FROM or data_dir is None or not can_fork():
        rest = (line for _, line in chain(head, numbered))
        yield from govern_lines(rest, kb, search_index, limit, max_bytes, say)
        return
    yield from _parallel(chain(head, numbered), kb, data_dir, limit, max_bytes, say, jobs)


def _parallel(numbered: Iterator[tuple[int, str | bytes]], kb, data_dir, limit, max_bytes, say, jobs: int) -> Iterator[dict]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _work
    _work = (kb, data_dir, limit, max_bytes, say, os.getpid())
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)
    pending: deque = deque()
    chunks = iter(lambda: list(islice(numbered, CHUNK)), [])
    terminated = _exit_on_sigterm()
    try:
        for chunk in islice(chunks, jobs * IN_FLIGHT):
            pending.append(pool.submit(_answer_chunk, chunk))
        while pending:
            try:
                answers = pending.popleft().result()
            except BrokenProcessPool:
                raise AlineaError("a worker process of the batch stopped before it answered") from None
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(_answer_chunk, chunk))
            yield from answers
    finally:
        _work = None
        pool.shutdown(wait=not pending, cancel_futures=True)
        if terminated is not None:
            signal.signal(signal.SIGTERM, terminated)


def _exit_on_sigterm():
    """SIGTERM to the batch ends it as Ctrl-C does (the pool shut down in `finally`); the handler it
    replaced, or None when signals cannot be set here (not the main thread)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def _start_worker() -> None:
    from search import open_index

    global _index
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    end_with_parent(_work[5])
    kb, data_dir = _work[0], _work[1]
    _drop_inherited_locks()
    _index = open_index(data_dir, kb.resolver())


def _drop_inherited_locks() -> None:
    """Close the lock files this worker inherited from a thread of its parent that held one at the
    fork (a search index's reader reloading): a lock lasts while any copy of its file is open, so
    the copy would keep the parent, and this worker's own opening of the index, waiting forever."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return
    for fd in fds.iterdir():
        try:
            if os.readlink(fd).endswith(".lock"):
                os.close(int(fd.name))
        except (OSError, ValueError):
            continue


def _answer_chunk(chunk: list[tuple[int, str | bytes]]) -> list[dict]:
    kb, _, limit, max_bytes, say, _ = _work
    answers = (govern_line(number, line, kb, _index, limit, max_bytes, say) for number, line in chunk)
    return [a for a in answers if a is not None]
