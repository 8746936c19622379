"""Cold start of the CLI: wall-clock time of `python -c pass` and of a few `alinea` commands,
each a fresh process (median of several runs), with what each command imported.

    python benchmarks/startup.py [--data DIR] [--runs N] [--before CHECKOUT]

Targets (issue 16): `alinea search` under 300 ms over `python -c pass`, `alinea govern` under
500 ms.  Figures only; nothing is asserted.  The project's modules are compiled to bytecode first,
as an installed Alinea has them (a fresh process would otherwise compile every module it imports,
where PYTHONDONTWRITEBYTECODE is set).  With --before, another checkout of the project (the code
before a change, with its own data/ built) is timed in the same runs, command by command, each
run of one followed by a run of the other, so both see the same load.
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
WATCHED = ("networkx", "whoosh", "whoosh.index", "whoosh.compat", "flask", "lxml", "graph.cite", "alinea.kb")
"""Modules worth knowing whether a command imported."""


PACKAGES = ("alinea", "graph", "search", "web", "ingest")


def compile_bytecode(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=root, check=True,
                   stdout=subprocess.DEVNULL, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})


def run_once(args: list[str], data: Path, root: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one fresh process."""
    env = {**os.environ, "ALINEA_DATA": str(data)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, cwd=root, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def cold_ms(args: list[str], trees: list[tuple[Path, Path]], runs: int) -> list[tuple[float, float]]:
    """Median wall-clock and CPU milliseconds of a fresh process, for each (checkout, data) in turn;
    on a shared, loaded machine the CPU time is the steadier figure."""
    times: list[list[tuple[float, float]]] = [[] for _ in trees]
    for _ in range(runs):
        for i, (root, data) in enumerate(trees):
            times[i].append(run_once(args, data, root))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


def imported(args: list[str], data: Path, root: Path = ROOT) -> list[str]:
    """The watched modules a command imports (from `python -X importtime`)."""
    env = {**os.environ, "ALINEA_DATA": str(data)}
    out = subprocess.run([sys.executable, "-X", "importtime", *args], env=env, cwd=root,
                         capture_output=True, text=True).stderr
    names = {line.rsplit("|", 1)[-1].strip() for line in out.splitlines() if line.startswith("import time:")}
    return [m for m in WATCHED if m in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("ALINEA_DATA", str(ROOT / "data")))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="another checkout of the project, timed in the same runs (its data/ is built if missing)")
    args = parser.parse_args()
    trees = [(ROOT, Path(args.data))]
    if args.before:
        trees.append((Path(args.before).resolve(), Path(args.before).resolve() / "data"))
    for root, data in trees:
        compile_bytecode(root)
        if not (data / "alinea.sqlite").is_file():
            subprocess.run([sys.executable, "-m", "alinea.cli", "--data", str(data), "build", "-q",
                            "--corpus", str(root / "corpus")], cwd=root, check=True)
    rows, bare = [], None
    for name, command in COMMANDS.items():
        measured = cold_ms(command, trees, args.runs)
        bare = bare or measured
        for (root, data), (wall, cpu), (bare_wall, bare_cpu) in zip(trees, measured, bare):
            rows.append({"command": name, "code": "before" if root != ROOT else "this", "wall_ms": wall,
                         "over_bare_wall_ms": wall - bare_wall, "cpu_ms": cpu, "over_bare_cpu_ms": cpu - bare_cpu,
                         "imports": ", ".join(imported(command, data, root)) or "-"})
    load = os.getloadavg()
    print(f"cold start, median of {args.runs} runs, data {trees[0][1]}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print_table(rows, ["command", "code", "wall_ms", "over_bare_wall_ms", "cpu_ms", "over_bare_cpu_ms", "imports"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
