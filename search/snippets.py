"""Snippets: find the words a query matched in a text and cut a passage around them.

>>> s = make_snippet("The benefit is paid monthly.", [(4, 11)])
>>> s.text, s.matches, s.html
('The benefit is paid monthly.', ((4, 11),), 'The <mark>benefit</mark> is paid monthly.')
"""
from __future__ import annotations

from search.analysis import text_analyzer, word_analyzer
from search.results import Snippet

WIDTH = 240
"""Characters of text a snippet shows at most."""
ELLIPSIS = "…"


def find_matches(text: str, lang: str, terms: dict[str, set[str]], phrases: list[tuple[str, ...]],
                 text_field: str) -> list[tuple[int, int]]:
    """Offsets of the words of text whose indexed form is a matched term, and of whole phrases.

    terms maps a field (``words`` or text_field) to the terms the query matched in it;
    phrases are sequences of ``words`` terms."""
    spans: list[tuple[int, int]] = []
    words = [(t.text, t.startchar, t.endchar) for t in word_analyzer()(text, chars=True, mode="index")]
    starts: dict[str, list[int]] = {}
    for i, (w, _, _) in enumerate(words):
        starts.setdefault(w, []).append(i)
    for phrase in phrases:
        n = len(phrase)
        spans += [(words[i][1], words[i + n - 1][2]) for i in starts.get(phrase[0], ()) if i + n <= len(words)
                  and tuple(w for w, _, _ in words[i:i + n]) == phrase]
    wanted = terms.get("words", set())
    spans += [(s, e) for w, s, e in words if w in wanted]
    if terms.get(text_field):
        spans += [(t.startchar, t.endchar) for t in text_analyzer(lang)(text, chars=True, mode="index")
                  if t.text in terms[text_field]]
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, matches: list[tuple[int, int]], width: int = WIDTH) -> Snippet:
    """The passage of text (at most width characters, on one line) with the most matches."""
    text = " ".join(text.split("\n"))
    if len(text) <= width:
        return Snippet(text, tuple(matches))
    start = _best_start(matches, width)
    if start:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((s + shift, e + shift) for s, e in matches if s >= start and e <= end)
    return Snippet(prefix + text[start:end] + suffix, kept)


def _best_start(matches: list[tuple[int, int]], width: int) -> int:
    """Where to start so that the window holds the most matches, with some context before."""
    if not matches:
        return 0
    best, best_count = matches[0][0], 0
    for i, (s, _) in enumerate(matches):
        count = sum(1 for m in matches[i:] if m[1] <= s + width - 40)
        if count > best_count:
            best, best_count = s, count
    return max(0, best - 40)
