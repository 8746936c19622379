"""Cost of the LégisQuébec HTML ingester as a page grows: time and peak memory per size.

    python -m benchmarks.html_scale [--factors 1,2,4,8]

The largest fixture page (S-2.1, r. 4) is made N times longer by repeating its body's
sections under new numbers (``se:7`` becomes ``se:1007`` in the second copy...), then parsed
in a fresh process; each row gives the file size, the parse time, the time per MB and the
peak resident memory of that process (ru_maxrss, Python and lxml included).  Linear cost
shows as a flat ``s/MB`` column; memory as a small, steady multiple of the file.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "legisquebec-html"
PAGE = FIXTURES / "S-2_1_r_4.fr.html"


def scaled(text: str, factor: int) -> str:
    """The page with its first division container's sections repeated `factor` times."""
    start = text.index('<div class="section"')
    end = text.rindex("</div>", 0, text.index('<div class="Schedule'))
    body = text[start:end]
    copies = [re.sub(r"se:(\d+)", lambda m, k=k: f"se:{k * 1000 + int(m[1])}", body) for k in range(1, factor)]
    return text[:end] + "".join(copies) + text[end:]


def child(path: str) -> None:
    from ingest.legisquebec_html import read_legisquebec_html

    start = time.perf_counter()
    doc, _ = read_legisquebec_html(path)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.0f} {len(doc.sections)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,2,4,8")
    args = parser.parse_args()
    text = PAGE.read_text(encoding="utf-8")
    print(f"{'factor':>6} {'MB':>6} {'sections':>8} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'peak/file':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (int(f) for f in args.factors.split(",")):
            path = Path(tmp) / f"x{factor}.html"
            path.write_text(scaled(text, factor), encoding="utf-8")
            mb = path.stat().st_size / 1e6
            out = subprocess.run([sys.executable, "-m", "benchmarks.html_scale", "--child", str(path)],
                                 capture_output=True, text=True, check=True).stdout.split()
            seconds, peak, sections = float(out[0]), float(out[1]), int(out[2])
            print(f"{factor:>6} {mb:>6.1f} {sections:>8} {seconds:>8.2f} {seconds / mb:>6.2f} {peak:>8.0f} "
                  f"{peak / mb:>9.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
