"""Property tests: mutated copies of the real Act never crash the parser, and whatever it
accepts it accounts for line by line."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.errors import ParseError
from ingest.clean import clean
from ingest.history import parse_history
from ingest.legisquebec_text import parse_statute_text
from ingest.rebuild import history_text, rebuild_lines
from ingest.source import read_text
from tests.conftest import ACT
from tests.properties import examples

LINES = read_text(ACT).split("\n")
HEADER = 8  # identification block

line_text = st.one_of(
    st.text(min_size=0, max_size=120),
    st.sampled_from(["CHAPTER IX", "TITLE", "DIVISION II", "(a)  text", "(3)  text", "ii.  text",
                     "12. text", "2005, c. 15, s. 1.", "(Repealed).", "ANNEX", "SCHEDULE I",
                     "2016, c. 32016", "\u00a0", "§ 1.", "A-13.1.1", "is continued here."]),
    st.sampled_from(LINES))


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate", "replace"]))
        k = draw(st.integers(HEADER, len(lines) - 1)) if len(lines) > HEADER else HEADER
        if op == "delete" and len(lines) > HEADER + 1:
            del lines[k]
        elif op == "insert":
            lines.insert(k, draw(line_text))
        elif op == "duplicate" and k < len(lines):
            lines.insert(k, lines[k])
        elif op == "swap" and k + 1 < len(lines):
            lines[k], lines[k + 1] = lines[k + 1], lines[k]
        elif op == "truncate":
            lines = lines[:k]
            if lines and draw(st.booleans()):
                lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif op == "replace" and k < len(lines):
            lines[k] = draw(line_text)
    return "\n".join(lines)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_parse_or_fail_cleanly_and_stay_lossless(text):
    try:
        doc = parse_statute_text(text, "mutant.txt")
    except ParseError as exc:
        assert str(exc).startswith("mutant.txt")
        return
    source = text.split("\n")
    rebuilt = rebuild_lines(doc)
    assert sorted(rebuilt) == list(range(1, len(source) + 1))
    for number, line in enumerate(source, 1):
        assert clean(rebuilt[number]) == clean(line), number


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    try:
        parse_statute_text(text, "random.txt")
    except ParseError:
        pass


entry = st.builds(
    lambda year, chapter, sections: f"{year}, c. {chapter}, " + ", ".join(f"s. {s}" for s in sections),
    st.integers(1900, 2099), st.integers(1, 150),
    st.lists(st.from_regex(r"[1-9][0-9]{0,2}(\.[1-9][0-9]?){0,2}", fullmatch=True), min_size=1, max_size=3))


@given(st.lists(entry, min_size=1, max_size=6))
def test_history_lines_round_trip(entries):
    line = "; ".join(entries) + "."
    parsed = parse_history(line.replace(", s. ", ", s.\u2009"))
    assert history_text(tuple(parsed)) == line
    assert [e.raw for e in parsed] == entries
