"""The messages the lower layers write in English (errors, search notes, govern's reasons), as
patterns -> catalogue entries, so the site can show them in the interface's language. A message
no pattern knows is shown as it is (and the catalogue-coverage test finds it)."""
from __future__ import annotations

import re

from alinea.errors import AlineaError
from web.i18n import gettext, lazy_gettext

# The messages of the lower layers (English, one line each), as patterns -> catalogue entries.
# A message no pattern knows is shown under a translated heading, quoted as it is.
ERROR_MESSAGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"no provision (?P<what>.+) in the knowledge base"),
     lazy_gettext("No provision %(what)s in the knowledge base.")),
    (re.compile(r"(?P<what>.+) is not a document"), lazy_gettext("%(what)s is not a document.")),
    (re.compile(r"empty citation"), lazy_gettext("The citation is empty.")),
    (re.compile(r"(?P<what>.+) names no provision of the knowledge base"),
     lazy_gettext("%(what)s names no provision of the knowledge base.")),
    (re.compile(r"(?P<what>.+) is not a node of the graph"), lazy_gettext("%(what)s is not in the law graph.")),
    (re.compile(r"the knowledge base has no statute"), lazy_gettext("The knowledge base has no statute.")),
]


def translate(table: list[tuple[re.Pattern, str]], message: str) -> str | None:
    """The message in the interface's language, or None when no pattern of the table knows it."""
    for pattern, template in table:
        found = pattern.fullmatch(message)
        if found:
            return str(template) % found.groupdict()
    return None


def shown(exc: AlineaError) -> AlineaError:
    """Mark an error whose message the web layer wrote in the interface's language."""
    exc.in_interface_language = True
    return exc


def error_message(exc: Exception) -> tuple[str, str]:
    """(the message in the interface's language, the original when no pattern knows it)."""
    message = str(exc)
    if getattr(exc, "in_interface_language", False):
        return message, ""
    known = translate(ERROR_MESSAGES, message)
    return (known, "") if known is not None else (gettext("The request could not be answered."), message)


def search_message(message: str) -> str:
    """A note of the search engine in the interface's language."""
    known = translate(SEARCH_MESSAGES, message)
    return known if known is not None else message


def govern_text(text: str) -> str:
    """A reason, a step of a path or a note of govern in the interface's language; a reason made of
    several (``; ``) is translated part by part."""
    parts = [translate(GOVERN_TEXTS, part) for part in text.split("; ")]
    return "; ".join(p if p is not None else original for p, original in zip(parts, text.split("; ")))



SEARCH_MESSAGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"ignored control characters in the query"), lazy_gettext("Control characters of the query were ignored.")),
    (re.compile(r"the query was cut to its first (?P<num>[\d,]+) characters"),
     lazy_gettext("The query was cut to its first %(num)s characters.")),
    (re.compile(r"a quotation mark has no closing mark: searched the words after it"),
     lazy_gettext("A quotation mark has no closing mark: the words after it were searched.")),
    (re.compile(r"ignored empty quotation marks"), lazy_gettext("Empty quotation marks were ignored.")),
    (re.compile(r"(?P<what>\S+): has no value: ignored"), lazy_gettext("%(what)s has no value: ignored.")),
    (re.compile(r"unknown field (?P<what>'[^']*') \(fields: (?P<fields>[^)]*)\): searched (?P<words>.*) as words"),
     lazy_gettext("Unknown field %(what)s (fields: %(fields)s): %(words)s was searched as words.")),
    (re.compile(r"(?P<what>.+) has no letters: ignored"), lazy_gettext("%(what)s has no letters: ignored.")),
    (re.compile(r"(?P<what>.+): a prefix needs at least two letters: searched the word"),
     lazy_gettext("%(what)s: a prefix needs at least two letters: the word was searched.")),
    (re.compile(r"(?P<what>.+): fuzzy search allows at most 2 edits: used 2"),
     lazy_gettext("%(what)s: fuzzy search allows at most 2 edits: 2 were used.")),
    (re.compile(r"ignored a '\)' that closes no '\('"), lazy_gettext("A ')' that closes no '(' was ignored.")),
    (re.compile(r"ignored '(?P<what>OR|AND)': it needs a search term on each side"),
     lazy_gettext("'%(what)s' was ignored: it needs a search term on each side.")),
    (re.compile(r"ignored 'NOT': it needs a search term after it"),
     lazy_gettext("'NOT' was ignored: it needs a search term after it.")),
    (re.compile(r"a '\(' has no closing '\)': closed it at the end"),
     lazy_gettext("A '(' has no closing ')': it was closed at the end.")),
    (re.compile(r"only the first (?P<num>\d+) search terms were used"),
     lazy_gettext("Only the first %(num)s search terms were used.")),
    (re.compile(r"nothing to search in this query"), lazy_gettext("Nothing to search in this query.")),
    (re.compile(r"nothing to search: type some words, a phrase in quotes or a citation"),
     lazy_gettext("Nothing to search: type some words, a phrase in quotes or a citation.")),
    (re.compile(r"only common words: searched them exactly as written"),
     lazy_gettext("Only common words: they were searched exactly as written.")),
    (re.compile(r"(?P<what>\S+?:'[^']*') matches nothing \((?P<known>.*)\): filter ignored"),
     lazy_gettext("%(what)s matches nothing (%(known)s): the filter was ignored.")),
]

GOVERN_TEXTS: list[tuple[re.Pattern, str]] = []
