"""Timing helpers shared by the benchmark scripts (figures are printed, never asserted)."""
from __future__ import annotations

import statistics
import time
from typing import Callable


def time_calls(func: Callable[[], object], repeat: int = 5) -> list[float]:
    """Wall-clock seconds of `repeat` calls of func."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> dict[str, float]:
    """Median, p50, p95 and max, in milliseconds."""
    ms = [v * 1000 for v in values]
    return {"median_ms": statistics.median(ms), "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95), "max_ms": max(ms), "n": len(ms)}


def print_table(rows: list[dict], columns: list[str]) -> None:
    """A plain aligned table on stdout."""
    cells = [[str(c) for c in columns]] + [[_fmt(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for j, row in enumerate(cells):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if j == 0:
            print("  ".join("-" * w for w in widths))


def _fmt(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)
