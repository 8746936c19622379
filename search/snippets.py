"""Snippets: find the words a query matched in a text and cut a passage around them.

>>> s = make_snippet("The benefit is paid monthly.", [(4, 11)])
>>> s.text, s.matches, s.html
('The benefit is paid monthly.', ((4, 11),), 'The <mark>benefit</mark> is paid monthly.')
"""
from __future__ import annotations

from search.analysis import Analysed
from search.results import Snippet

WIDTH = 240
"""Characters of text a snippet shows at most."""
ELLIPSIS = "…"


def find_matches(forms: Analysed, words: set[str], stems: set[str],
                 phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Offsets of the tokens (search.analysis, stored at build) whose word is one of words or
    whose stem is one of stems, and of whole phrases (sequences of words); one pass over the
    token columns (a long element holds thousands)."""
    ws, spans = forms.words, forms.spans
    found = [i for i, (w, s) in enumerate(zip(ws, forms.stems, strict=True)) if w in words or s in stems]
    out = [(spans[2 * i], spans[2 * i + 1]) for i in found]
    for phrase in phrases:
        n, first = len(phrase), phrase[0]
        out += [(spans[2 * i], spans[2 * (i + n - 1) + 1]) for i, w in enumerate(ws)
                if w == first and i + n <= len(ws) and tuple(ws[i:i + n]) == phrase]
    return _merge(out)


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
    """Where to start so that the window holds the most matches, with some context before.
    Matches are sorted and do not overlap, so their ends rise too: one pass, a window sliding
    over them (a long text can hold thousands of matches)."""
    if not matches:
        return 0
    best, best_count, j = matches[0][0], 0, 0
    for i, (s, _) in enumerate(matches):
        j = max(j, i)
        while j < len(matches) and matches[j][1] <= s + width - 40:
            j += 1
        if j - i > best_count:
            best, best_count = s, j - i
    return max(0, best - 40)
