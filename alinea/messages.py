"""The lower layers' messages (errors, search notes, govern's notes, what `alinea links` says of
code), written in English one line each, in the reader's language: each table holds patterns ->
catalogue entries (marked with `N_` for `make translations`), and `fill` writes the entry of the
pattern that reads a message, with its parts as the language writes them.  The command line
calls it with `--lang`; the site (web/messages.py) with the interface's language and catalogue.
A message no pattern reads is None here; the caller shows it as it is."""
from __future__ import annotations

import re
from collections.abc import Collection

from alinea.say import N_, Words

Table = tuple[tuple[re.Pattern, str], ...]


def _table(*rows: tuple[str, str], ending: str = "") -> Table:
    return tuple((re.compile(pattern + ending), message) for pattern, message in rows)


SEARCH_NOTES = _table(
    # search/ (query.py, plan.py, pipeline.py)
    (r"ignored control characters in the query", N_("Control characters of the query were ignored.")),
    (r"the query was cut to its first (?P<num>[\d,]+) characters",
     N_("The query was cut to its first %(num)s characters.")),
    (r"a quotation mark has no closing mark: searched the words after it",
     N_("A quotation mark has no closing mark: the words after it were searched.")),
    (r"ignored empty quotation marks", N_("Empty quotation marks were ignored.")),
    (r"(?P<what>\S+): has no value: ignored", N_("%(what)s has no value: ignored.")),
    (r"unknown field (?P<what>'[^']*') \(fields: (?P<fields>[^)]*)\): searched (?P<words>.*) as words",
     N_("Unknown field %(what)s (fields: %(fields)s): %(words)s was searched as words.")),
    (r"(?P<what>.+) has no letters: ignored", N_("%(what)s has no letters: ignored.")),
    (r"(?P<what>.+): a prefix needs at least two letters: searched the word",
     N_("%(what)s: a prefix needs at least two letters: the word was searched.")),
    (r"(?P<what>.+): fuzzy search allows at most 2 edits: used 2",
     N_("%(what)s: fuzzy search allows at most 2 edits: 2 were used.")),
    (r"ignored a '\)' that closes no '\('", N_("A ')' that closes no '(' was ignored.")),
    (r"ignored '(?P<what>OR|AND)': it needs a search term on each side",
     N_("'%(what)s' was ignored: it needs a search term on each side.")),
    (r"ignored 'NOT': it needs a search term after it",
     N_("'NOT' was ignored: it needs a search term after it.")),
    (r"a '\(' has no closing '\)': closed it at the end",
     N_("A '(' has no closing ')': it was closed at the end.")),
    (r"only the first (?P<num>\d+) search terms were used",
     N_("Only the first %(num)s search terms were used.")),
    (r"nothing to search in this query", N_("Nothing to search in this query.")),
    (r"nothing to search: type some words, a phrase in quotes or a citation",
     N_("Nothing to search: type some words, a phrase in quotes or a citation.")),
    (r"only common words: searched them exactly as written",
     N_("Only common words: they were searched exactly as written.")),
    (r"few sections hold all the words: those that hold some of them follow",
     N_("Few sections hold all the words: those that hold some of them follow.")),
    (r"parentheses and NOTs nested more than (?P<num>\d+) deep: the deeper ones were ignored",
     N_("Parentheses and NOTs nested more than %(num)s deep: the deeper ones were ignored.")),
    (r"only the first (?P<num>\d+) prefix, wildcard and fuzzy words were expanded: the others were searched as plain words",
     N_("Only the first %(num)s prefix, wildcard and fuzzy words were expanded: the others were searched as plain words.")),
    (r"(?P<what>\S+?:'[^']*') matches nothing \((?P<known>.*)\): filter ignored",
     N_("%(what)s matches nothing (%(known)s): the filter was ignored.")),
    # a typed citation read that names nothing real (graph.cite.read through KnowledgeBase.lookup)
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?) \((?P<target>[^()\s]+)\); nearest: (?P<near>.+)",
     N_("%(what)s: %(doc)s has no %(which)s (%(target)s); nearest: %(near)s.")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?) \((?P<target>[^()\s]+)\)",
     N_("%(what)s: %(doc)s has no %(which)s (%(target)s).")),
)

ERROR_MESSAGES = _table(
    # the knowledge base (alinea/kb.py), the law graph (graph/queries.py), govern (graph/govern_rank.py)
    (r"no provision (?P<what>.+) in the knowledge base", N_("No provision %(what)s in the knowledge base.")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no section (?P<number>[\w.]+) \((?P<target>[^()\s]+)\)(?:; nearest: (?P<near>.+))?",
     N_("No provision %(what)s: %(doc)s has no section %(number)s (%(target)s).")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no section (?P<number>[\w.]+)(?:; nearest: (?P<near>.+))?",
     N_("No provision %(what)s: %(doc)s has no section %(number)s.")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?) \((?P<target>[^()\s]+)\)(?:; nearest: (?P<near>.+))?",
     N_("No provision %(what)s: %(doc)s has no %(which)s (%(target)s).")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?)(?:; nearest: (?P<near>.+))?",
     N_("No provision %(what)s: %(doc)s has no %(which)s.")),
    (r"(?P<what>.+) is not a document", N_("%(what)s is not a document.")),
    (r"empty citation", N_("The citation is empty.")),
    (r"(?P<what>.+) names no provision of the knowledge base", N_("%(what)s names no provision of the knowledge base.")),
    (r"(?P<what>.+) is not a node of the graph", N_("%(what)s is not in the law graph.")),
    (r"the knowledge base has no statute", N_("The knowledge base has no statute.")),
    # the citation engine (graph.cite) reading what a user typed
    (r"(?P<what>'.*'): (?P<doc>\S+) has no section (?P<part>.+)", N_("%(what)s: %(doc)s has no section %(part)s.")),
    (r"(?P<what>'.*'): (?P<doc>\S+) has no (?P<part>\S+)", N_("%(what)s: %(doc)s has no %(part)s.")),
    (r"(?P<what>'.*') is not a citation Alinea can read", N_("%(what)s is not a citation Alinea can read.")),
    (r"(?P<what>'.*') names (?P<target>\S+), which is not in the knowledge base",
     N_("%(what)s names %(target)s, which is not in the knowledge base.")),
    (r"(?P<what>'.*'): (?P<part>'.*') may mean (?P<candidates>.+)", N_("%(what)s: %(part)s may mean %(candidates)s.")),
    (r"(?P<what>'.*'): no such provision: (?P<ids>.+)", N_("%(what)s: no such provision: %(ids)s.")),
    # bounds on what a request may hold (alinea.limits)
    (r"(?P<name>.+) is required: a whole number from (?P<low>\d+) to (?P<high>\d+)",
     N_("%(name)s is required: a whole number from %(low)s to %(high)s.")),
    (r"(?P<name>.+) must be a whole number from (?P<low>\d+) to (?P<high>\d+) \(got (?P<got>.*)\)",
     N_("%(name)s must be a whole number from %(low)s to %(high)s (got %(got)s).")),
    (r"(?P<name>.+) is (?P<size>[\d,]+) (?P<unit>\w+); the limit is (?P<limit>[\d,]+)",
     N_("%(name)s: %(size)s %(unit)s; the limit is %(limit)s.")),
)

GOVERN_NOTES = _table(
    # graph/govern_input.py, graph/govern.py, graph/govern_nodes.py
    (r"control characters were removed", N_("control characters were removed")),
    (r"the text was cut at (?P<num>[\d,]+) characters", N_("the text was cut at %(num)s characters")),
    (r"nothing to read: type a question, paste a text or name a provision",
     N_("nothing to read: type a question, paste a text or name a provision")),
    (r"nothing in the Act matches this text: try other words", N_("nothing in the Act matches this text: try other words")),
    (r"nothing in the corpus is linked to (?P<what>.+)", N_("nothing in the corpus is linked to %(what)s")),
)

STATUS_WORDS = r"repealed|omitted|not in force|inoperative|integrated|spent"
CODE_NOTES = _table(
    # what `alinea links` says of a citation in code (graph/cite/code.py)
    (rf"(?P<rel>{STATUS_WORDS}): s\. (?P<number>[\w.]+)(?P<text>.*?); its text is no longer published",
     N_("%(rel)s: s. %(number)s%(text)s; its text is no longer published")),
    (rf"(?P<rel>{STATUS_WORDS}): s\. (?P<number>[\w.]+)(?P<text>.*?)", N_("%(rel)s: s. %(number)s%(text)s")),
    (rf"(?P<rel>{STATUS_WORDS}): (?P<which>.+?)", N_("%(rel)s: %(which)s")),
    (r"not checked: (?P<doc>\S+) is not in the library; LégisQuébec: (?P<url>\S+)",
     N_("not checked: %(doc)s is not in the library; LégisQuébec: %(url)s")),
    (r"(?P<doc>\S+) is not in the corpus; LégisQuébec: (?P<url>\S+)", N_("%(doc)s is not in the corpus; LégisQuébec: %(url)s")),
    (r"(?P<doc>\S+) is not in the corpus", N_("%(doc)s is not in the corpus")),
    (r"(?P<doc>\S+) has no section (?P<number>.+?)", N_("%(doc)s has no section %(number)s")),
    (r"(?P<doc>\S+) has no (?P<which>\S+?)", N_("%(doc)s has no %(which)s")),
    (r"names no act, and this file also cites (?P<docs>.+?)", N_("names no act, and this file also cites %(docs)s")),
    ending=r"\.?")

SKIP_REASONS = _table(
    # why `alinea links` did not read a file (alinea/code_walk.py, ingest/source.py's decoding)
    (r"line (?P<num>\d+): (?P<what>.+)", N_("line %(num)s: %(what)s")),
    (r"binary file, not text", N_("binary file, not text")),
    (r"not UTF-8: byte (?P<byte>0x[0-9a-f]{2}) at column (?P<column>\d+) \(Latin-1 or Windows-1252\?\); "
     r"save the file as UTF-8",
     N_("not UTF-8: byte %(byte)s at column %(column)s (Latin-1 or Windows-1252?); save the file as UTF-8")),
    (r"not UTF-16 despite its byte-order mark", N_("not UTF-16 despite its byte-order mark")),
    (r"larger than (?P<size>[\d,]+) bytes", N_("larger than %(size)s bytes")),
    (r"cannot read folder: (?P<why>.+)", N_("cannot read folder: %(why)s")),
    (r"cannot read: (?P<why>.+)", N_("cannot read: %(why)s")),
    (r"symbolic link loop", N_("symbolic link loop")),
    (r"broken symbolic link \((?P<why>.+)\)", N_("broken symbolic link (%(why)s)")),
    (r"symbolic link: not followed", N_("symbolic link: not followed")),
    (r"FIFO \(named pipe\): not read", N_("FIFO (named pipe): not read")),
    (r"socket: not read", N_("socket: not read")),
    (r"device: not read", N_("device: not read")),
    (r"not a regular file", N_("not a regular file")),
)

NAMES = {"the address": N_("the address"), "the query string": N_("the query string"), "the query": N_("the query"),
         "the notes": N_("the notes"), "the id": N_("the id"), "the text": N_("the text"), "the value": N_("the value"), "page": N_("page"),
         "limit": N_("limit"), "characters": N_("characters"), "bytes": N_("bytes"), "words": N_("words")}
"""Words the messages name things with (what a request holds, units): the `name` and `unit` parts."""
NUMBERS = frozenset({"size", "limit", "low", "high", "num"})
"""Parts of a message that are numbers, written again the way the language writes them."""
NESTED = frozenset({"why", "what"})
"""Parts of a message that may be a message of the same table themselves (one level down)."""
NEAREST = re.compile(r"(?P<message>.*); nearest: (?P<ids>[^;]+)")
"""An error followed by the nearest real provisions (alinea.kb.KnowledgeBase.lookup)."""
_NUMBER = re.compile(r"\d{1,3}(?:,?\d{3})*")
_QUOTED = re.compile(r"(?P<field>(?:\w+:)?)(?:'(?P<single>(?:[^'\\]|\\.)*)'|\"(?P<double>(?:[^\"\\]|\\.)*)\")")
"""What a message quoted as Python writes a string ('x', status:'x'), to quote in the language's marks."""


def fill(table: Table, message: str, say: Words, parameters: Collection[str] = (), depth: int = 1) -> str | None:
    """The catalogue entry of the first pattern of `table` that reads the whole message, in
    `say`'s language, with its parts as that language writes them (`part`); None when none reads
    it.  `parameters`: the names the reader typed as they are (a query's parameters)."""
    for pattern, template in table:
        found = pattern.fullmatch(message)
        if found is not None:
            return say(template, **{key: part(table, key, value or "", say, parameters, depth)
                                    for key, value in found.groupdict().items()})
    return None


def part(table: Table, key: str, value: str, say: Words, parameters: Collection[str], depth: int) -> str:
    """A part of a message in `say`'s language: a message of the table itself (one level), a name
    the reader typed (quoted as typed), a thing the messages name (NAMES), a number, a relation or
    status (`Words.word`), the words a filter takes, or what the message quoted, in the language's
    quotation marks; anything else (ids, a system's own words) as it is."""
    if key in NESTED and depth > 0 and (inner := fill(table, value, say, parameters, depth - 1)) is not None:
        return inner
    if key == "name" and value in parameters:
        return say.quoted(value)
    if key in ("name", "unit") and value in NAMES:
        return say(NAMES[value])
    if key in NUMBERS and _NUMBER.fullmatch(value):
        return say.number(int(value.replace(",", "")))
    if key == "rel":
        return say.word(value)
    if key == "known":  # the values a filter takes, in the catalogue's words when it has them
        return ", ".join(say(word) if word else word for word in value.split(", "))
    quoted = _QUOTED.fullmatch(value)
    if quoted:
        return quoted["field"] + say.quoted(quoted["single"] if quoted["single"] is not None else quoted["double"])
    return value


def search_note(message: str, say: Words) -> str:
    """A note of the search engine in `say`'s language; a note no pattern reads as it is."""
    return fill(SEARCH_NOTES, message, say) or message


def error_text(message: str, say: Words, parameters: Collection[str] = ()) -> str | None:
    """An error of the lower layers in `say`'s language, as a sentence, followed by the nearest
    provisions it names; None when no pattern reads it."""
    near = NEAREST.fullmatch(message)
    known = fill(ERROR_MESSAGES, near["message"] if near else message, say, parameters)
    if known is None:
        return None
    if any(known.startswith(say(name)) for name in NAMES.values()):  # "the query: …" starts a sentence
        known = known[:1].upper() + known[1:]
    return known + " " + say(N_("Nearest provisions: %(ids)s."), ids=near["ids"]) if near else known


def govern_note(text: str, say: Words) -> str | None:
    """A note of govern in `say`'s language (or a relation it names); None when nothing reads it."""
    known = fill(GOVERN_NOTES, text, say)
    if known is None and say.word(text) != text:
        known = say.word(text)
    return known


def code_note(note: str, say: Words) -> str:
    """What `alinea links` says of a citation in code, in `say`'s language; a note nothing reads
    (a not-in-force note is the publisher's own sentence) as it is."""
    known = fill(CODE_NOTES, note, say, depth=0)
    if known is None:
        return note
    return known + "." if note.endswith(".") and not known.endswith(".") else known


def skip_reason(reason: str, say: Words) -> str:
    """Why `alinea links` did not read a file, in `say`'s language; a reason nothing reads (a
    system's own words) as it is."""
    return fill(SKIP_REASONS, reason, say) or reason
