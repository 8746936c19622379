"""Time `alinea links` on a generated source tree: 5,000 files in eight languages (about 2%
citing the law, plus lookalikes: versions, dates, IP addresses, HTML sections), 500 more under
a .gitignored node_modules/, and a few binary files.  Prints files/second and MB/second for the
whole scan (walk, read, prefilter, grammar, status) and, for comparison, the cost of running
the citation grammar on every line instead of the prefiltered ones.

    .venv/bin/python -m benchmarks.code_links [--files 5000]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from alinea.build import build
from alinea.code_links import scan
from alinea.kb import load
from benchmarks.timing import print_table, summary, time_calls
from graph.cite.code import Recogniser, find_in_line

ROOT = Path(__file__).resolve().parents[1]
CITATIONS = ["# A-13.1.1 s. 55(2)(a)", "// art. 83.24 LAPF", "# s. 40 (old rule)", "/* CQLR c A-13.1.1, s 57 */",
             "url: https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:57", "# s. 999",
             '"provision": "A-13.1.1/64/p1"', "# section 57 of the Individual and Family Assistance Act"]
LOOKALIKES = ["version = '1.2.3'", "released: 2024-08-31", "host = '10.0.0.55'", "<section class='x'>",
              "## Section 2", "see section 3 of the guide", "x = obj.s.55", "UTF-8 and SHA-256"]
CODE = {
    "py": ["def compute_{n}(claim):", "    total = claim.amount * {n}", "    return total", "import os",
           "# adjust the amount for the period", "class Rule{n}:", "    pass", ""],
    "ts": ["export function rule{n}(x: number): number {{", "  return x * {n};", "}}", "import {{ a }} from './a';",
           "// compute the monthly amount", "const items = [1, 2, 3];", ""],
    "js": ["function f{n}(a) {{ return a + {n}; }}", "module.exports = {{ f{n} }};", "// helper", ""],
    "yaml": ["rule_{n}:", "  amount: {n}", "  period: monthly", "  enabled: true", ""],
    "json": ['  "key_{n}": {n},', '  "name": "rule {n}",', '  "enabled": true,'],
    "md": ["# Rule {n}", "The amount is computed monthly.", "- item {n}", ""],
    "css": [".rule-{n} {{ margin: {n}px; }}", "section {{ padding: 0; }}", ""],
    "html": ["<div class='r{n}'>{n}</div>", "<section><h2>Rules</h2></section>", ""],
}


def generate(root: Path, files: int, seed: int = 7) -> tuple[int, int]:
    """Write the tree; (files written, bytes written) counting the ignored and binary ones."""
    rng = random.Random(seed)
    written = size = 0
    root.mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text("node_modules/\n*.min.js\n", encoding="utf-8")
    kinds = list(CODE)
    for i in range(files + 500):
        ext = kinds[i % len(kinds)]
        folder = root / ("node_modules/pkg" if i >= files else f"src/m{i % 97}/d{i % 13}")
        folder.mkdir(parents=True, exist_ok=True)
        lines = [rng.choice(CODE[ext]).format(n=rng.randrange(1000)) for _ in range(rng.randrange(40, 400))]
        if rng.random() < 0.05:
            lines.insert(rng.randrange(len(lines)), rng.choice(LOOKALIKES))
        if rng.random() < 0.02:
            lines.insert(rng.randrange(len(lines)), rng.choice(CITATIONS))
        text = "\n".join(lines) + "\n"
        path = folder / f"f{i}.{ext}"
        path.write_text(text, encoding="utf-8")
        written += 1
        size += len(text.encode())
    for i in range(20):
        data = bytes(rng.randrange(256) for _ in range(4096))
        (root / f"src/m{i}/img{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00" + data)
        written += 1
    return written, size


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--files", type=int, default=5000)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build(ROOT / "corpus", data, progress=lambda message: None)
        kb = load(data)
        tree = Path(tmp) / "tree"
        start = time.perf_counter()
        written, size = generate(tree, args.files)
        print(f"generated {written} files ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")
        result = scan([str(tree)], kb)
        times = time_calls(lambda: scan([str(tree)], kb), 3)
        best = statistics.median(times)
        mb = sum(p.stat().st_size for p in tree.rglob("*")
                 if p.is_file() and "node_modules" not in p.parts and p.suffix != ".png") / 1e6
        print(f"scanned {result.files_scanned} files ({mb:.1f} MB), skipped {len(result.skipped)}, "
              f"found {len(result.citations)} citations: {result.counts()}")
        rows = [{"step": "scan (walk, read, prefilter, grammar, status)", **summary(times),
                 "files_per_s": round(result.files_scanned / best), "mb_per_s": mb / best}]
        rec = Recogniser(kb)
        sample = sorted(tree.glob("src/m1/*/*"))[:100]
        lines = [line for p in sample if p.suffix != ".png" for line in p.read_text().splitlines()]
        every = time_calls(lambda: [find_in_line(line, rec) for line in lines], 1)
        triggered = [line for line in lines if rec.triggers.search(line.encode().lower())]
        filtered = time_calls(lambda: [find_in_line(line, rec) for line in triggered], 3)
        rows.append({"step": f"grammar on every line of {len(sample)} files ({len(lines)} lines)",
                     **summary(every)})
        rows.append({"step": f"grammar on the {len(triggered)} prefiltered lines", **summary(filtered)})
        print_table(rows, ["step", "median_ms", "p95_ms", "n", "files_per_s", "mb_per_s"])


if __name__ == "__main__":
    main()
