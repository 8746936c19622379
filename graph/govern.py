"""Which articles govern this?  Ranked provisions, each with its reason and its graph path.

    from graph.govern import govern
    answer = govern("Can my social assistance be cut because I quit my job?", kb, index)
    answer.results[0].section, answer.results[0].reason

The input is free text in English or French (a question, a situation, a whole guidance
page, a code comment) or a node (a provision, a program, a term, a guidance page, an
amending act): see graph.govern_input.  Text is ranked by graph.govern_rank (full-text
retrieval plus the law graph); a node is answered from the graph (graph.govern_nodes).
Each result has a role: the rule itself, a definition, procedure and remedies, a
regulation-making power, or guidance.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator

from alinea.errors import AlineaError
from graph.govern_input import read_input
from graph.govern_rank import WEIGHTS, Weights
from graph.govern_text import DEFAULT_LIMIT, MAX_LIMIT, GovernAnswer, GovernResult, Understood, govern_text
from graph.govern_why import Why, english

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "GovernAnswer", "GovernResult", "Understood", "govern", "govern_line", "govern_lines"]


def govern(text_or_node: str, kb, search_index, limit: int = DEFAULT_LIMIT, weights: Weights = WEIGHTS) -> GovernAnswer:
    """The provisions that govern a text or a node, best first: at most `limit`, then the remedies
    against a decision when the text is about one and they did not make the cut, then guidance."""
    limit = max(1, min(MAX_LIMIT, int(limit)))
    reading = read_input(text_or_node, kb)
    if not reading.text.strip():
        return GovernAnswer(text_or_node, reading.lang, "text", (), (), None,
                            reading.messages + ("nothing to read: type a question, paste a text or name a provision",))
    if reading.kind == "outside":  # a federal provision, a standard: one line saying what it is, nothing ranked
        kind = "standard" if reading.node.startswith("standard:") else "external provision"
        return GovernAnswer(text_or_node, reading.lang, kind, (), (), reading.node, reading.messages)
    if reading.kind != "text":
        from graph.govern_nodes import govern_node  # the node mode reads the graph itself (networkx)

        return govern_node(reading, kb, search_index, limit, weights)
    return govern_text(reading, kb, search_index, limit, weights)


# -- batches --------------------------------------------------------------------------------
def govern_lines(lines: Iterable[str | bytes], kb, search_index, limit: int = DEFAULT_LIMIT,
                 max_bytes: int | None = None, say: Callable[[Why], str] | None = None) -> Iterator[dict]:
    """One JSON object per input line ({"id": ..., "q": ...}) -> one answer per line, in order,
    each carrying its id, its reasons printed by `say` (in English without it); a line that cannot
    be read (longer than max_bytes, not UTF-8, not JSON, no string "q") gives an error object and the
    rest go on.  Blank lines are skipped."""
    say = say or english(kb)
    for number, line in enumerate(lines, 1):
        answer = govern_line(number, line, kb, search_index, limit, max_bytes, say)
        if answer is not None:
            yield answer


def govern_line(number: int, line: str | bytes, kb, search_index, limit: int = DEFAULT_LIMIT,
                max_bytes: int | None = None, say: Callable[[Why], str] | None = None) -> dict | None:
    """The answer to line `number` of a batch (see govern_lines); None for a blank line."""
    if max_bytes is not None and len(line.rstrip(b"\r\n" if isinstance(line, bytes) else "\r\n")) > max_bytes:
        return {"id": None, "line": number, "error": f"line {number}: longer than {max_bytes:,} bytes: not read"}
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return {"id": None, "line": number, "error": f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})"}
    if not line.strip():
        return None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"line {number}: not JSON ({exc.msg})"}
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        ident = item.get("id") if isinstance(item, dict) else None
        return {"id": ident, "line": number, "error": f'line {number}: expected an object with a string "q"'}
    try:
        answer = govern(item["q"], kb, search_index, limit)
    except AlineaError as exc:
        return {"id": item.get("id"), "line": number, "error": f"line {number}: {exc}"}
    return {"id": item.get("id"), **answer.to_dict(say or english(kb))}
