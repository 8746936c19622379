"""Cold start of the CLI: wall-clock time of `python -c pass` and of a few `alinea` commands,
each a fresh process (median of several runs), with what each command imported.

    python benchmarks/startup.py [--data DIR] [--runs N]

Targets (issue 16): `alinea search` under 300 ms over `python -c pass`, `alinea govern` under
500 ms.  Figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import print_table  # noqa: E402

COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "alinea search": ["-m", "alinea.cli", "search", "benefit"],
    "alinea search (citation)": ["-m", "alinea.cli", "search", "s. 55"],
    "alinea show": ["-m", "alinea.cli", "show", "55"],
    "alinea govern": ["-m", "alinea.cli", "govern", "I quit my job"],
}
WATCHED = ("networkx", "whoosh", "flask", "lxml", "graph.cite", "alinea.kb")
"""Modules worth knowing whether a command imported."""


def cold_ms(args: list[str], data: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) milliseconds of a fresh process; on a shared,
    loaded machine the CPU time is the steadier figure."""
    env = {**os.environ, "ALINEA_DATA": str(data)}
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def imported(args: list[str], data: Path) -> list[str]:
    """The watched modules a command imports (from `python -X importtime`)."""
    env = {**os.environ, "ALINEA_DATA": str(data)}
    out = subprocess.run([sys.executable, "-X", "importtime", *args], env=env, cwd=ROOT,
                         capture_output=True, text=True).stderr
    names = {line.rsplit("|", 1)[-1].strip() for line in out.splitlines() if line.startswith("import time:")}
    return [m for m in WATCHED if m in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("ALINEA_DATA", str(ROOT / "data")))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "alinea.sqlite").is_file():
        subprocess.run([sys.executable, "-m", "alinea.cli", "--data", str(data), "build", "-q",
                        "--corpus", str(ROOT / "corpus")], cwd=ROOT, check=True)
    rows, bare = [], None
    for name, command in COMMANDS.items():
        wall, cpu = cold_ms(command, data, args.runs)
        bare = bare or (wall, cpu)
        rows.append({"command": name, "wall_ms": wall, "over_bare_wall_ms": wall - bare[0],
                     "cpu_ms": cpu, "over_bare_cpu_ms": cpu - bare[1],
                     "imports": ", ".join(imported(command, data)) or "-"})
    print(f"cold start, median of {args.runs} runs, data {data}")
    print_table(rows, ["command", "wall_ms", "over_bare_wall_ms", "cpu_ms", "over_bare_cpu_ms", "imports"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
