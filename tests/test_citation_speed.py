"""Regression tests for formerly quadratic scans: finding citations in one long line, in many
plain-text citations of a course, and in one long line of code.  The inputs are large enough
that the old scanners took minutes (273 s and 394 s at 200 KB).  Each scan is timed in CPU
seconds of this process (other processes on a shared machine do not count) on an input and on
one four times as large: linear work grows about 4 times, quadratic 16 times, so the bound is
GROWTH, with an absolute bound as well.  Speed itself is measured by benchmarks/citations.py."""
from __future__ import annotations

import gc
import time

import pytest

from alinea.code_links import scan
from alinea.course import render_course
from graph.cite import find_citations

SIZE = 100_000
BOUND = 60.0
GROWTH = 9.0


def _timed(run) -> float:
    """The best of two runs, with the garbage collector off while each runs: a full collection over
    the whole test session's objects once made a linear scan look 20 times slower."""
    times = []
    for _ in range(2):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def _linear(run, size: int = SIZE) -> bool:
    """run(size) on a quarter of the input and on the whole: the whole takes less than GROWTH
    times as long (plus a 0.2 s floor for timer noise) and less than BOUND."""
    small = _timed(lambda: run(size // 4))
    large = _timed(lambda: run(size))
    assert large < BOUND, f"{large:.1f} s for {size:,} characters"
    assert large < GROWTH * small + 0.2, f"{small:.2f} s for {size // 4:,} characters, {large:.2f} s for {size:,}"
    return True


@pytest.mark.slow
def test_one_long_line_of_citations_is_scanned_in_linear_time():
    found = {}

    def run(size):
        found[size] = find_citations("s. 55 " * (size // 6))

    assert _linear(run) and len(found[SIZE]) == SIZE // 6


@pytest.mark.slow
def test_a_course_of_plain_text_citations_renders_in_linear_time(kb):
    course = {}

    def run(size):
        course[size] = render_course("s. 55 " * (size // 6), kb)

    assert _linear(run) and course[SIZE].used == ["A-13.1.1/55"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["s. 55 ", "art. 133 LAPF "])
def test_links_reads_one_long_line_in_linear_time(kb, tmp_path, unit):
    result = {}

    def run(size):
        source = tmp_path / f"long{size}.py"
        source.write_text("# " + unit * (size // len(unit)) + "\n", encoding="utf-8")
        result[size] = scan([str(source)], kb)

    assert _linear(run) and result[SIZE].as_json()["files_scanned"] == 1


@pytest.mark.slow
def test_free_text_citing_another_act_again_and_again_is_read_in_linear_time(kb):
    from graph.cite import citations_in

    unit = "l'article 5 de la Loi sur les mines (chapitre M-13.1) et l'article 5; "
    read = {}

    def run(size):
        read[size] = list(citations_in(unit * (size // len(unit)), kb.citation_index, "fr"))

    assert _linear(run)
    assert len(read[SIZE]) == 2 * (SIZE // len(unit)) and read[SIZE][0][1].targets == ("M-13.1/5",)



@pytest.mark.slow
@pytest.mark.parametrize("unit, lang", [
    ("l'article 4.2 de la norme CSA Z94.4-11 ", "fr"),
    ("CSA 1 CSA 1 ", "fr"),
    ("l'article 13b de la Loi sur les produits dangereux (L.R.C. 1985, c. H-3) ", "fr"),
    ("SOR/88-66, s. 15(1)(a)(ii), ", "en"),
])
def test_standards_and_federal_citations_are_scanned_in_linear_time(unit, lang):
    found = {}

    def run(size):
        found[size] = find_citations(unit * (size // len(unit)), lang)

    assert _linear(run) and found[SIZE]
