"""The messages the lower layers write in English (errors, search notes, govern's reasons), as
patterns -> catalogue entries, so the site can show them in the interface's language. A message
no pattern knows is shown as it is (and the catalogue-coverage test finds it)."""
from __future__ import annotations

import re

from alinea.errors import AlineaError, BadQuery
from alinea.limits import check_length
from alinea.say import search_note
from web.i18n import current_language, gettext, lazy_gettext, number, word

# The messages of the lower layers (English, one line each), as patterns -> catalogue entries.
# A message no pattern knows is shown under a translated heading, quoted as it is.
ERROR_MESSAGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"no provision (?P<what>.+) in the knowledge base"),
     lazy_gettext("No provision %(what)s in the knowledge base.")),
    (re.compile(r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?)(?:; nearest: (?P<near>.+))?"),
     lazy_gettext("No provision %(what)s: %(doc)s has no %(which)s.")),
    (re.compile(r"(?P<what>.+) is not a document"), lazy_gettext("%(what)s is not a document.")),
    (re.compile(r"empty citation"), lazy_gettext("The citation is empty.")),
    (re.compile(r"(?P<what>.+) names no provision of the knowledge base"),
     lazy_gettext("%(what)s names no provision of the knowledge base.")),
    (re.compile(r"(?P<what>.+) is not a node of the graph"), lazy_gettext("%(what)s is not in the law graph.")),
    (re.compile(r"the knowledge base has no statute"), lazy_gettext("The knowledge base has no statute.")),
    # the citation engine (graph.cite) reading what a user typed
    (re.compile(r"(?P<what>'.*'): (?P<doc>\S+) has no section (?P<part>.+)"),
     lazy_gettext("%(what)s: %(doc)s has no section %(part)s.")),
    (re.compile(r"(?P<what>'.*'): (?P<doc>\S+) has no (?P<part>\S+)"), lazy_gettext("%(what)s: %(doc)s has no %(part)s.")),
    (re.compile(r"(?P<what>'.*') is not a citation Alinea can read"),
     lazy_gettext("%(what)s is not a citation Alinea can read.")),
    (re.compile(r"(?P<what>'.*') names (?P<target>\S+), which is not in the knowledge base"),
     lazy_gettext("%(what)s names %(target)s, which is not in the knowledge base.")),
    (re.compile(r"(?P<what>'.*'): (?P<part>'.*') may mean (?P<candidates>.+)"),
     lazy_gettext("%(what)s: %(part)s may mean %(candidates)s.")),
    (re.compile(r"(?P<what>'.*'): no such provision: (?P<ids>.+)"), lazy_gettext("%(what)s: no such provision: %(ids)s.")),
    # bounds on what a request may hold (alinea.limits)
    (re.compile(r"(?P<name>.+) is required: a whole number from (?P<low>\d+) to (?P<high>\d+)"),
     lazy_gettext("%(name)s is required: a whole number from %(low)s to %(high)s.")),
    (re.compile(r"(?P<name>.+) must be a whole number from (?P<low>\d+) to (?P<high>\d+) \(got (?P<got>.*)\)"),
     lazy_gettext("%(name)s must be a whole number from %(low)s to %(high)s (got %(got)s).")),
    (re.compile(r"(?P<name>.+) is (?P<size>[\d,]+) (?P<unit>\w+); the limit is (?P<limit>[\d,]+)"),
     lazy_gettext("%(name)s: %(size)s %(unit)s; the limit is %(limit)s.")),
]
NAMES = {"the address": lazy_gettext("the address"), "the query string": lazy_gettext("the query string"),
         "the query": lazy_gettext("the query"), "the notes": lazy_gettext("the notes"), "the id": lazy_gettext("the id"),
         "the text": lazy_gettext("the text"), "page": lazy_gettext("page"), "limit": lazy_gettext("limit"),
         "characters": lazy_gettext("characters"), "bytes": lazy_gettext("bytes"), "words": lazy_gettext("words")}
"""Words the lower layers' messages name things with (parameters, units)."""
NUMBERS = frozenset({"size", "limit", "low", "high", "num"})
"""Parts of a message that are numbers, written again the way the interface's language writes them."""
NEAREST = re.compile(r"(?P<message>.*); nearest: (?P<ids>[^;]+)")
"""A message followed by the nearest real provisions (alinea.kb.KnowledgeBase.lookup)."""


def translate(table: list[tuple[re.Pattern, str]], message: str, depth: int = 1) -> str | None:
    """The message in the interface's language, or None when no pattern of the table knows it; the
    parts a pattern captured are translated too when they are messages themselves (one level), and
    relation words through the `word` table."""
    for pattern, template in table:
        found = pattern.fullmatch(message)
        if found:
            values = {k: v or "" for k, v in found.groupdict().items()}
            for key, value in values.items():
                inner = translate(table, value, depth - 1) if depth > 0 and key in ("why", "what") else None
                if key == "name" and parameter(value):
                    value = requoted(repr(value))
                elif key in ("name", "unit"):
                    value = str(NAMES.get(value, value))
                elif key in NUMBERS and re.fullmatch(r"\d{1,3}(?:,?\d{3})*", value):
                    value = number(int(value.replace(",", "")))
                values[key] = word(value) if key == "rel" else inner if inner is not None else requoted(value)
            return str(template) % values
    return None


_REPR = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def parameter(name: str) -> bool:
    """True when a message's `name` is a parameter of this request's query (« limit », « page »):
    the message names it as the address writes it, not in the interface's words."""
    from flask import has_request_context, request

    return has_request_context() and name in request.args


def requoted(value: str) -> str:
    """What a lower layer quoted as Python writes a string ('art. 999'), in the interface's
    quotation marks (« art. 999 », ‘art. 999’); anything else as it is."""
    found = _REPR.fullmatch(value)
    if found is None:
        return value
    from graph.cite import quoted

    return quoted(found[1] if found[1] is not None else found[2], current_language())


def over_limit(name: str, value: str | bytes, limit_name: str) -> str | None:
    """The message, in the interface's language, when value is longer than the named limit
    (alinea.limits.check_length: the one check and the one message per limit); None otherwise."""
    try:
        check_length(name, value, limit_name)
    except BadQuery as exc:
        return error_message(exc)[0]
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
    near = NEAREST.fullmatch(message)
    known = translate(ERROR_MESSAGES, near["message"] if near else message)
    if known and any(known.startswith(str(name)) for name in NAMES.values()):  # "the query: …" starts a sentence
        known = known[:1].upper() + known[1:]
    if known is not None and near:
        known += " " + gettext("Nearest provisions: %(ids)s.", ids=near["ids"])
    return (known, "") if known is not None else (gettext("The request could not be answered."), message)


def search_message(message: str) -> str:
    """A note of the search engine in the interface's language (alinea.say.search_note: the one
    table the command line also prints them with)."""
    return search_note(message, current_language())


def govern_part(text: str) -> str | None:
    """A note of govern in the interface's language (a relation through the `word` table); None
    when nothing knows it."""
    known = translate(GOVERN_TEXTS, text)
    if known is None and word(text) != text:
        known = word(text)
    return known


def govern_text(text: str) -> str:
    """A note of govern in the interface's language, shown as it is when nothing knows it.
    (Reasons and path steps are data, printed by graph.govern_why through `web.present.Presenter`.)"""
    return govern_part(text) or text



GOVERN_TEXTS: list[tuple[re.Pattern, str]] = [(re.compile(pattern), text) for pattern, text in (
    # notes (graph/govern_input.py, graph/govern.py, graph/govern_nodes.py)
    (r"control characters were removed", lazy_gettext("control characters were removed")),
    (r"the text was cut at (?P<num>[\d,]+) characters", lazy_gettext("the text was cut at %(num)s characters")),
    (r"nothing to read: type a question, paste a text or name a provision",
     lazy_gettext("nothing to read: type a question, paste a text or name a provision")),
    (r"nothing in the Act matches this text: try other words",
     lazy_gettext("nothing in the Act matches this text: try other words")),
    (r"nothing in the corpus is linked to (?P<what>.+)", lazy_gettext("nothing in the corpus is linked to %(what)s")),
)]


STATUS_WORDS = r"repealed|omitted|not in force|inoperative|integrated|spent"
CODE_NOTES: list[tuple[re.Pattern, str]] = [(re.compile(pattern + r"\.?"), text) for pattern, text in (
    # what `alinea links` says of a citation in code (graph/cite/code.py)
    (rf"(?P<rel>{STATUS_WORDS}): s\. (?P<number>[\w.]+)(?P<text>.*?); its text is no longer published",
     lazy_gettext("%(rel)s: s. %(number)s%(text)s; its text is no longer published")),
    (rf"(?P<rel>{STATUS_WORDS}): s\. (?P<number>[\w.]+)(?P<text>.*?)", lazy_gettext("%(rel)s: s. %(number)s%(text)s")),
    (rf"(?P<rel>{STATUS_WORDS}): (?P<which>.+?)", lazy_gettext("%(rel)s: %(which)s")),
    (r"not checked: (?P<doc>\S+) is not in the library; LégisQuébec: (?P<url>\S+)",
     lazy_gettext("not checked: %(doc)s is not in the library; LégisQuébec: %(url)s")),
    (r"(?P<doc>\S+) is not in the corpus; LégisQuébec: (?P<url>\S+)",
     lazy_gettext("%(doc)s is not in the corpus; LégisQuébec: %(url)s")),
    (r"(?P<doc>\S+) is not in the corpus", lazy_gettext("%(doc)s is not in the corpus")),
    (r"(?P<doc>\S+) has no section (?P<number>.+?)", lazy_gettext("%(doc)s has no section %(number)s")),
    (r"(?P<doc>\S+) has no (?P<which>\S+?)", lazy_gettext("%(doc)s has no %(which)s")),
    (r"names no act, and this file also cites (?P<docs>.+?)", lazy_gettext("names no act, and this file also cites %(docs)s")),
)]


def code_note(note: str) -> str:
    """What `alinea links` says of a citation in code, in the interface's language; a note nothing
    knows (a not-in-force note is the publisher's own sentence) is shown as it is."""
    known = translate(CODE_NOTES, note, depth=0)
    if known is None:
        return note
    return known + "." if note.endswith(".") and not known.endswith(".") else known


SKIP_REASONS: list[tuple[re.Pattern, str]] = [(re.compile(pattern), text) for pattern, text in (
    # why `alinea links` did not read a file (alinea/code_walk.py, ingest/source.py's decoding)
    (r"line (?P<num>\d+): (?P<what>.+)", lazy_gettext("line %(num)s: %(what)s")),
    (r"binary file, not text", lazy_gettext("binary file, not text")),
    (r"not UTF-8: byte (?P<byte>0x[0-9a-f]{2}) at column (?P<column>\d+) \(Latin-1 or Windows-1252\?\); "
     r"save the file as UTF-8",
     lazy_gettext("not UTF-8: byte %(byte)s at column %(column)s (Latin-1 or Windows-1252?); save the file as UTF-8")),
    (r"not UTF-16 despite its byte-order mark", lazy_gettext("not UTF-16 despite its byte-order mark")),
    (r"larger than (?P<size>[\d,]+) bytes", lazy_gettext("larger than %(size)s bytes")),
    (r"cannot read folder: (?P<why>.+)", lazy_gettext("cannot read folder: %(why)s")),
    (r"cannot read: (?P<why>.+)", lazy_gettext("cannot read: %(why)s")),
    (r"symbolic link loop", lazy_gettext("symbolic link loop")),
    (r"broken symbolic link \((?P<why>.+)\)", lazy_gettext("broken symbolic link (%(why)s)")),
    (r"symbolic link: not followed", lazy_gettext("symbolic link: not followed")),
    (r"FIFO \(named pipe\): not read", lazy_gettext("FIFO (named pipe): not read")),
    (r"socket: not read", lazy_gettext("socket: not read")),
    (r"device: not read", lazy_gettext("device: not read")),
    (r"not a regular file", lazy_gettext("not a regular file")),
)]


def skip_reason(reason: str) -> str:
    """Why `alinea links` did not read a file, in the interface's language; a reason nothing knows
    (a system's own words) is shown as it is."""
    known = translate(SKIP_REASONS, reason)
    return known if known is not None else reason
