"""The limits of alinea.limits: the strict number reader, the table agreeing with the bounds the lower
layers enforce, the query parser's depth, the 404 suggestions' bounded work, and the CLI's bounds."""
from __future__ import annotations

import io
import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.errors import BadQuery
from alinea.limits import LIMITS, limit, whole_number
from alinea.nearest import NearestIds
from tests.properties import examples


@pytest.mark.parametrize("raw", ["²", "①", "٣", "９", "9" * 4_400, "-1", "+1", " 1", "1 ", "1e3", "0x1", "1.0",
                                 "0", "1001", "\x00"])
def test_whole_number_refuses_anything_but_ascii_digits_in_range(raw):
    with pytest.raises(BadQuery, match="page must be a whole number from 1 to 1000"):
        whole_number("page", raw, 1, 1000)


@pytest.mark.parametrize("raw, expected", [("1", 1), ("1000", 1000), ("007", 7), (None, 10), ("", 10)])
def test_whole_number_reads_ascii_digits(raw, expected):
    assert whole_number("page", raw, 1, 1000, default=10) == expected


def test_the_table_states_the_bounds_the_lower_layers_enforce():
    from ingest.source import MAX_BYTES
    from search.engine import MAX_PER_PAGE
    from search.query import MAX_CHARS, MAX_DEPTH, MAX_EXPANDED, MAX_TERMS

    assert [limit(name) for name in ("query_chars_read", "query_depth", "query_terms", "query_expanded",
                                      "source_file", "per_page")] == [
        MAX_CHARS, MAX_DEPTH, MAX_TERMS, MAX_EXPANDED, MAX_BYTES, MAX_PER_PAGE]
    assert all(bound.value > 0 and bound.what for bound in LIMITS.values())


def test_query_nesting_past_the_limit_is_a_note_not_a_crash():
    from search.query import MAX_DEPTH, parse

    for text in ["(" * 325 + "spouse", "(" * 999, "NOT " * 249 + "spouse", "(" * 30 + "a" + ")" * 30 + " b"]:
        parsed = parse(text)
        assert any(f"more than {MAX_DEPTH} deep" in m for m in parsed.messages), text
    assert str(parse("(" * 30 + "a OR b" + ")" * 30 + " c").node).count("Word") == 3


def _depth(node) -> int:
    from search.query import And, Not, Or

    if isinstance(node, (And, Or)):
        return 1 + max(_depth(item) for item in node.items)
    return 1 + _depth(node.item) if isinstance(node, Not) else 0


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "(", "NOT ", "OR ", "AND ", "a ", "b~ ", '"', "c* "]), max_size=400))
def test_any_nesting_parses_within_the_bounds(pieces):
    from search.query import MAX_DEPTH, MAX_EXPANDED, Fuzzy, Prefix, leaves, parse

    parsed = parse("".join(pieces))
    assert _depth(parsed.node) <= 2 * MAX_DEPTH + 2
    assert sum(isinstance(leaf, (Fuzzy, Prefix)) for leaf, _ in leaves(parsed.node)) <= MAX_EXPANDED


def test_query_expansion_is_bounded():
    from search.query import Fuzzy, leaves, parse

    parsed = parse("spouse~2 " * 100)
    assert sum(isinstance(leaf, Fuzzy) for leaf, _ in leaves(parsed.node)) == 8
    assert any("only the first 8" in m for m in parsed.messages)


def test_suggestions_do_bounded_work(kb):
    from graph.cite import nearest

    near = NearestIds(kb.ids(), lambda target, size: nearest(target, kb.citation_index, size))
    assert near.suggest("A-13.1.1/999")[-1] == kb.default_statute().sections[-1].id
    assert near.suggest("A-13.1.1/55/p9")[0] == "A-13.1.1/55"
    start = time.perf_counter()
    for wanted in ["A-13.1.1/" + "5" * 290, "x" * 100_000, "A-13.1.1/" * 33, "/".join("9" * 50), "a/" * 1000]:
        near.suggest(wanted)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("args", [["search", "spouse", "--limit", "²"], ["search", "spouse", "--page", "9" * 5000],
                                  ["govern", "s. 59", "--limit", "①"], ["graph", "s. 55", "--depth", "99"],
                                  ["serve", "--port", "-1"]])
def test_cli_odd_numbers_are_one_line_errors(cli, args):
    with pytest.raises(SystemExit) as exit_:
        cli(*args)
    assert exit_.value.code == 2


def test_cli_nested_query_answers_with_a_note(cli):
    code, out, err = cli("search", "(" * 325 + "spouse")
    assert code == 0 and "Note: Parentheses and NOTs nested more than 20 deep: the deeper ones were ignored." in out and not err


def test_cli_overlong_arguments_are_one_line_errors(cli):
    code, out, err = cli("search", "x" * (limit("cli_argument") + 1))
    assert code == 1 and err.count("\n") == 1 and "the limit is 10,000" in err
    code, out, err = cli("show", "s. 55 " * 100)
    assert code == 1 and err.count("\n") == 1 and "names no provision" in err


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_cli_standard_input_is_read_no_further_than_the_limit(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b"x" * (limit("cli_stdin") + 10)))
    code, _, err = cli("govern", "-")
    assert code == 1 and "longer than 1,000,000 bytes" in err and err.count("\n") == 1
    monkeypatch.setattr("sys.stdin", _Stdin("quitter mon emploi".encode("latin-1") + b"\xe9"))
    code, _, err = cli("govern", "-")
    assert code == 1 and "not UTF-8" in err


def test_cli_batch_line_too_long_is_an_error_object(cli, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_bytes(b'{"id": 1, "q": "s. 59"}\n{"id": 2, "q": "' + b"x" * 200_000 + b'"}\n{"id": 3, "q": "s. 55"}\n')
    code, out, err = cli("govern", "--batch", str(path))
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [a.get("id") for a in answers] == [1, None, 3]
    assert answers[1]["error"] == "line 2: longer than 100,000 bytes: not read"


def test_docs_list_every_limit():
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for name, bound in LIMITS.items():
        assert f"| `{name}` | {bound.value:,}" in doc, name


def test_parse_refuses_a_fifo_without_blocking(cli, tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe")  # no writer: opening it for reading would block
    code, _, err = cli("parse", str(tmp_path / "pipe"))
    assert code == 1 and err.count("\n") == 1 and "not a regular file" in err
