"""Every bound on what a request or a command may ask for, in one table, and the one strict reader
of whole numbers.  Each limit is checked before any work is done on the input it bounds.

The lower layers keep the bounds they enforce themselves (the query language's length and depth,
a source file's size): the table repeats them, marked "(enforced in ...)", so that it lists every
bound (importing them would load the search engine on every command); tests/test_limits.py checks
that the two agree.

>>> whole_number("page", "12", 1, 1000)
12
>>> whole_number("page", "", 1, 1000, default=1)
1
>>> whole_number("limit", "²", 1, 100)
Traceback (most recent call last):
...
alinea.errors.BadQuery: limit must be a whole number from 1 to 100 (got '²')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from alinea.errors import BadQuery


@dataclass(frozen=True)
class Limit:
    value: int
    """The largest size allowed (or, for ranges, the largest value)."""
    unit: str
    what: str
    """What it bounds, and what happens past it."""


LIMITS: dict[str, Limit] = {
    # -- the web site (checked in web.limits before any view runs) --
    "url_path": Limit(2_048, "characters", "a request's path: longer is 414"),
    "query_string": Limit(131_072, "bytes", "a request's query string (room for 10,000 characters percent-encoded): longer is 414"),
    "parameter": Limit(20_000, "characters", "any one query parameter (a backstop: views check tighter bounds with their own messages): longer is 400"),
    "body": Limit(1_000_000, "bytes", "a request body (form or JSON): larger is 413 (Flask's MAX_CONTENT_LENGTH)"),
    "form_parts": Limit(50, "parts", "parts of a multipart form (Flask's MAX_FORM_PARTS): more is 413"),
    "headers": Limit(163_840, "bytes", "request line and headers together (waitress): more is 431"),
    "provision_id": Limit(300, "characters", "a provision id or citation to look up: longer is 404 without search"),
    "suggestion_input": Limit(300, "characters", "the part of a missing path the 404 page suggests ids for"),
    "course_notes": Limit(200_000, "characters", "course notes (POST /course): longer is 400"),
    "search_query": Limit(10_000, "characters", "a search query (q=): longer is 400"),
    "govern_text_web": Limit(10_000, "characters", "a text to govern on the site (/govern, /api/govern)"),
    # -- ranges of numeric parameters (ASCII digits only) --
    "page": Limit(1_000, "pages", "page= of search results, from 1"),
    "per_page": Limit(100, "results", "limit= of search results, from 1"),
    "govern_limit": Limit(50, "provisions", "limit= of a govern answer, from 1"),
    "graph_depth": Limit(3, "steps", "--depth of `alinea graph`, from 0"),
    "port": Limit(65_535, "", "--port of `alinea serve`"),
    "threads": Limit(64, "threads", "--threads of `alinea serve`, from 1"),
    "processes": Limit(64, "processes", "--processes of `alinea serve`, from 1"),
    # -- the query language (search.query) --
    "query_chars_read": Limit(1_000, "characters", "a search query is cut (at a space) to this "
                              "(enforced in search.query.MAX_CHARS)"),
    "query_terms": Limit(64, "terms", "search terms read in a query, each word of a phrase counted; the others are "
                         "dropped with a note (enforced in search.query.MAX_TERMS)"),
    "query_expanded": Limit(8, "words", "prefix, wildcard and fuzzy words expanded; the others are searched as plain "
                            "words, with a note (enforced in search.query.MAX_EXPANDED)"),
    "query_depth": Limit(20, "levels", "nested parentheses or NOTs read; deeper ones are dropped with a note "
                         "(enforced in search.query.MAX_DEPTH)"),
    # -- the command line --
    "cli_argument": Limit(10_000, "characters", "a query, citation or text given as arguments"),
    "cli_stdin": Limit(1_000_000, "bytes", "a text read from standard input (`alinea govern -`)"),
    "batch_jobs": Limit(64, "processes", "`alinea govern --batch --jobs N`: worker processes at most"),
    "batch_line": Limit(100_000, "bytes", "one line of `alinea govern --batch`: longer is an error object"),
    "code_file": Limit(512_000, "bytes", "a file read by `alinea links`: larger is skipped and listed"),
    "source_file": Limit(50_000_000, "bytes", "a source document read by `alinea parse`/`build` "
                         "(enforced in ingest.source.MAX_BYTES)"),
}


def limit(name: str) -> int:
    return LIMITS[name].value


_DIGITS = re.compile(r"[0-9]{1,9}")


def whole_number(name: str, raw: str | None, low: int, high: int, default: int | None = None) -> int:
    """A parameter read as a whole number from low to high: ASCII digits only (no sign, no
    superscripts or other scripts' digits), at most 9 of them; BadQuery naming the parameter
    otherwise.  An absent or empty value is the default when there is one."""
    if raw is None or raw == "":
        if default is not None:
            return default
        raise BadQuery(f"{name} is required: a whole number from {low} to {high}")
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        raise BadQuery(f"{name} must be a whole number from {low} to {high} (got {shown!r})")
    return int(raw)


def check_length(name: str, text: str, limit_name: str) -> str:
    """The text, or BadQuery when it is longer than the named limit."""
    bound = LIMITS[limit_name]
    if len(text) > bound.value:
        raise BadQuery(f"{name} is {len(text):,} {bound.unit}; the limit is {bound.value:,}")
    return text
