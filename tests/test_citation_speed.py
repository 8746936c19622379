"""Regression tests for formerly quadratic scans: finding citations in one long line, in many
plain-text citations of a course, and in one long line of code.  The inputs are large enough
that the old scanners took minutes (273 s and 394 s); the bounds are generous, for a loaded
machine.  Speed itself is measured by benchmarks/citations.py."""
from __future__ import annotations

import time

import pytest

from alinea.code_links import scan
from alinea.course import render_course
from graph.cite import find_citations

SIZE = 200_000
BOUND = 60.0


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


@pytest.mark.slow
def test_one_long_line_of_citations_is_scanned_in_linear_time():
    text = "s. 55 " * (SIZE // 6)
    found = []
    assert _timed(lambda: found.extend(find_citations(text))) < BOUND
    assert len(found) == SIZE // 6


@pytest.mark.slow
def test_a_course_of_plain_text_citations_renders_in_linear_time(kb):
    notes = "s. 55 " * (199_000 // 6)
    course = []
    assert _timed(lambda: course.append(render_course(notes, kb))) < BOUND
    assert course[0].used == ["A-13.1.1/55"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["s. 55 ", "art. 133 LAPF "])
def test_links_reads_one_long_line_in_linear_time(kb, tmp_path, unit):
    source = tmp_path / "long.py"
    source.write_text("# " + unit * (SIZE // len(unit)) + "\n", encoding="utf-8")
    result = []
    assert _timed(lambda: result.append(scan([str(source)], kb))) < BOUND
    assert result[0].as_json()["files_scanned"] == 1


@pytest.mark.slow
def test_free_text_citing_another_act_again_and_again_is_read_in_linear_time(kb):
    from graph.cite import citations_in

    unit = "l'article 5 de la Loi sur les mines (chapitre M-13.1) et l'article 5; "
    text = unit * (SIZE // len(unit))
    read = []
    assert _timed(lambda: read.extend(citations_in(text, kb.citation_index, "fr"))) < BOUND
    assert len(read) == 2 * (SIZE // len(unit)) and read[0][1].targets == ("M-13.1/5",)
