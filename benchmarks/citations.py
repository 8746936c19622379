"""Citations per second found by the engine (graph.cite.find_citations) on one long line and on
many short lines, in English and French, and read by `KnowledgeBase.lookup` one at a time.

    python -m benchmarks.citations [--size 200000]
"""
from __future__ import annotations

import argparse
import time

from graph.cite import find_citations

SHAPES = {
    "one long line (en)": ("s. 55(2)(a), section 83.24 of this Act and sections 131 to 135; ", "en", " "),
    "many short lines (en)": ("See subparagraph a of subparagraph 2 of the first paragraph of section 55.", "en", "\n"),
    "one long line (fr)": ("art. 22, al. 1, par. 3°, l'article 57 de la Loi et les articles 131 à 135; ", "fr", " "),
    "many short lines (fr)": ("Voir le paragraphe 3° du premier alinéa de l'article 22.", "fr", "\n"),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters of text per shape")
    args = parser.parse_args(argv)
    print(f"{'shape':<24} {'chars':>8} {'citations':>9} {'seconds':>8} {'citations/s':>11}")
    for name, (unit, lang, sep) in SHAPES.items():
        text = sep.join([unit] * max(1, args.size // (len(unit) + 1)))
        start = time.perf_counter()
        found = find_citations(text, lang)
        seconds = time.perf_counter() - start
        print(f"{name:<24} {len(text):>8} {len(found):>9} {seconds:>8.2f} {len(found) / seconds:>11.0f}")


if __name__ == "__main__":
    main()
