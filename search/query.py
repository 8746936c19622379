"""Alinea's query language, read by a tolerant parser.

What legal staff type in LégisQuébec or CanLII works here::

    spouse benefit                  all words (stemmed: "benefits" finds "benefit")
    "capacity for employment"       exact phrase (every word, stop words included)
    "capacity employment"~5         the words within 5 positions of each other, any order
    spouse AND (child OR children) NOT repealed     operators in capitals, parentheses
    benef*   benef?t   benifit~   benifit~2         prefix, wildcard, fuzzy (1 or 2 edits)
    status:repealed  amended:2018  amended:2016-2018  kind:guidance  lang:fr
    in:"title II"  in:"title II chapter I"  in:"basic income program"  in:A-13.1.1/title:II
    program:"basic income"  program:"solidarité sociale"  doc:A-13.1.1  defines:spouse

Nothing here raises: an unbalanced quote or parenthesis, a lone operator, an
unknown field, control characters or an overlong query are read as well as
they can be, and `Parsed.messages` says how.

>>> parse('"capacity for employment" status:repealed').node
And(items=(Phrase(text='capacity for employment', start=1, slop=None), Filter(field='status', value='repealed')))
>>> parse('spouse OR').messages
("ignored 'OR': it needs a search term on each side",)
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 1000
"""Longer queries are cut (at a space) to this length."""
MAX_TERMS = 64
"""Search terms beyond this number are ignored."""
MAX_EXPANDED = 8
"""Prefix, wildcard and fuzzy words beyond this number are searched as plain words (each one
expands to every matching word of the index)."""
MAX_DEPTH = 20
"""Parentheses and NOTs nested deeper than this are ignored (their words are still searched)."""
FIELDS = {"status": "status", "statut": "status", "amended": "amended", "year": "amended", "kind": "kind",
          "type": "kind", "lang": "lang", "language": "lang", "langue": "lang", "in": "in", "within": "in",
          "dans": "in", "program": "program", "programme": "program", "doc": "doc", "document": "doc",
          "defines": "defines", "term": "defines"}
"""Field names accepted before a colon (aliases included) -> the field they filter."""
OPERATORS = ("AND", "OR", "NOT")
OPEN_QUOTES, CLOSE_QUOTES = "\"“«", "\"”»"


@dataclass(frozen=True)
class Word:
    """A plain word: stemmed, stop words ignored, in any language."""
    text: str
    start: int


@dataclass(frozen=True)
class Phrase:
    """Exact words in order; with a slop, the words within that many positions in any order."""
    text: str
    start: int
    slop: int | None = None


@dataclass(frozen=True)
class Prefix:
    text: str
    start: int


@dataclass(frozen=True)
class Wildcard:
    """A pattern with ``*`` (any characters) and ``?`` (one character)."""
    text: str
    start: int


@dataclass(frozen=True)
class Fuzzy:
    """A word or anything within `distance` edits of it."""
    text: str
    start: int
    distance: int = 1


@dataclass(frozen=True)
class Filter:
    """``field:value`` with a known field (see FIELDS)."""
    field: str
    value: str


@dataclass(frozen=True)
class And:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    item: "Node"


Node = Word | Phrase | Prefix | Wildcard | Fuzzy | Filter | And | Or | Not
Leaf = Word | Phrase | Prefix | Wildcard | Fuzzy | Filter


@dataclass(frozen=True)
class Parsed:
    """A query read as a tree, with what had to be changed to read it."""

    text: str
    """The query after cleaning (control characters removed, cut to MAX_CHARS); leaf offsets index it."""
    node: Node | None
    """The tree, None when there is nothing to search."""
    messages: tuple[str, ...] = ()


def clean(text: str) -> tuple[str, list[str]]:
    """The query with control and format characters replaced by spaces, NFC, cut to MAX_CHARS."""
    messages = []
    text = unicodedata.normalize("NFC", text)
    controls = {c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs")}
    if controls - set("\t\n\r"):
        messages.append("ignored control characters in the query")
    cleaned = "".join(" " if c in controls else c for c in text)
    if len(cleaned) > MAX_CHARS:
        cut = cleaned.rfind(" ", 0, MAX_CHARS + 1)
        cleaned = cleaned[:cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        messages.append(f"the query was cut to its first {len(cleaned):,} characters")
    return cleaned, messages


_FIELD = re.compile(r"([A-Za-z]+):(?=\S)")
_WORD_END = re.compile(r"[\s()" + re.escape(OPEN_QUOTES + CLOSE_QUOTES) + "]")
_SLOP = re.compile(r"~(\d*)")
_FUZZY = re.compile(r"^(.+?)~(\d*)$")


UNCLOSED = "a quotation mark has no closing mark: searched the words after it"


def without_unclosed_quotes(text: str) -> str | None:
    """The query without the quotation marks that close nothing (the lexer ignores them and
    searches the words after them as words: « «avoirs liquides » is « avoirs liquides »), so that
    what rewrites plain queries (search.crosslang) reads it as searched; None when every quotation
    mark is closed."""
    cleaned, _ = clean(text)
    lexer = _Lexer(cleaned)
    lexer.run()
    if not lexer.unclosed:
        return None
    ignored = set(lexer.unclosed)
    return "".join(" " if i in ignored else c for i, c in enumerate(cleaned))


class _Lexer:
    """Splits a cleaned query into operators, parentheses and leaves."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.tokens, self.messages = text, 0, [], []
        self.unclosed: list[int] = []
        """Where the quotation marks that close nothing are (ignored: the words after them are words)."""

    def run(self) -> tuple[list, list[str]]:
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c.isspace():
                self.pos += 1
            elif c in "()":
                self.tokens.append(c)
                self.pos += 1
            elif c in OPEN_QUOTES or c in CLOSE_QUOTES:
                self._phrase()
            elif (m := _FIELD.match(text, self.pos)) and m[1].lower() in FIELDS:
                self.pos = m.end()
                self._field(FIELDS[m[1].lower()], m[1])
            else:
                self._word()
        return self.tokens, self.messages

    def _quoted(self) -> tuple[str, int] | None:
        """The text between a quote at pos and its closing quote (pos moves past it), or None."""
        end = min((i for i in (self.text.find(q, self.pos + 1) for q in CLOSE_QUOTES) if i != -1), default=-1)
        if end == -1:
            self.messages.append(UNCLOSED)
            self.unclosed.append(self.pos)
            self.pos += 1
            return None
        start, self.pos = self.pos + 1, end + 1
        return self.text[start:end], start

    def _phrase(self) -> None:
        quoted = self._quoted()
        if quoted is None:
            return
        words, start = quoted
        words = _first_words(words, self.messages)
        slop = None
        if m := _SLOP.match(self.text, self.pos):
            self.pos = m.end()
            slop = min(int(m[1] or 1), 50)
        if words.strip():
            self.tokens.append(Phrase(words, start, slop))
        else:
            self.messages.append("ignored empty quotation marks")

    def _field(self, field: str, name: str) -> None:
        if self.text[self.pos] in OPEN_QUOTES:
            quoted = self._quoted()
            if quoted is None:
                return
            value = quoted[0]
        else:
            end = _WORD_END.search(self.text, self.pos)
            value = self.text[self.pos:end.start() if end else len(self.text)]
            self.pos += len(value)
        if value.strip():
            self.tokens.append(Filter(field, " ".join(value.split())))
        else:
            self.messages.append(f"{name}: has no value: ignored")

    def _word(self) -> None:
        end = _WORD_END.search(self.text, self.pos)
        start, stop = self.pos, end.start() if end else len(self.text)
        word, self.pos = self.text[start:stop], stop
        if word in OPERATORS:
            self.tokens.append(word)
            return
        if (m := _FIELD.match(word)) and not word.startswith("http"):
            self.messages.append(f"unknown field {m[1]!r} (fields: {', '.join(sorted(set(FIELDS.values())))}): "
                                 f"searched {word!r} as words")
            self.tokens.append(Word(m[1], start))
            word, start = word[m.end():], start + m.end()
        self.tokens.append(_leaf(word, start, self.messages))


_PIECE = re.compile(r"\w+")


def _first_words(text: str, messages: list[str]) -> str:
    """The text cut after its MAX_TERMS-th word: one leaf ("a~a~a~…", a long phrase) counts as many terms."""
    pieces = list(itertools.islice(_PIECE.finditer(text), MAX_TERMS + 1))
    if len(pieces) <= MAX_TERMS:
        return text
    messages.append(f"only the first {MAX_TERMS} search terms were used")
    return text[:pieces[MAX_TERMS - 1].end()]


def _leaf(word: str, start: int, messages: list[str]) -> Leaf:
    word = _first_words(word, messages)
    if not word.strip("*?"):
        messages.append(f"{word!r} has no letters: ignored")
        return Word("", start)
    stem = word.rstrip("*")
    if stem != word and not any(c in stem for c in "*?"):
        if len(stem) >= 2:
            return Prefix(stem, start)
        messages.append(f"{word!r}: a prefix needs at least two letters: searched the word")
        return Word(stem, start)
    if "*" in word or "?" in word:
        return Wildcard(word, start)
    if m := _FUZZY.match(word):
        distance = int(m[2] or 1)
        if distance > 2:
            messages.append(f"{word!r}: fuzzy search allows at most 2 edits: used 2")
        return Fuzzy(m[1], start, min(max(distance, 1), 2))
    return Word(word, start)


class _Parser:
    """Recursive descent over the tokens; a missing operand or parenthesis is reported and skipped.
    The recursion is bounded: past MAX_DEPTH nested groups a '(' and its ')' are dropped, and so is a NOT."""

    def __init__(self, tokens: list, messages: list[str]) -> None:
        self.tokens, self.i, self.messages, self.leaves = tokens, 0, messages, 0
        self.expanded = 0
        self.depth = 0
        self.dropped = 0
        """'(' dropped past MAX_DEPTH whose ')' is still to come."""

    def closes(self) -> bool:
        """True when the next token ends the current group (a ')' that is not a dropped one's)."""
        if self.peek() != ")" or not self.dropped:
            return self.peek() == ")"
        self.dropped -= 1
        self.i += 1
        return False

    def too_deep(self) -> bool:
        if self.depth < MAX_DEPTH:
            return False
        self.messages.append(f"parentheses and NOTs nested more than {MAX_DEPTH} deep: the deeper ones were ignored")
        return True

    def peek(self) -> object:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Node | None:
        parts = [self.parse_or()]
        while self.peek() is not None:  # only a stray ')' stops parse_or early
            self.messages.append("ignored a ')' that closes no '('")
            self.i += 1
            parts.append(self.parse_or())
        return _join(And, parts)

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.i += 1
            has_right = self.peek() not in (None, ")", "OR")
            if parts[-1] is None or not has_right:
                self.messages.append("ignored 'OR': it needs a search term on each side")
            if has_right:
                parts.append(self.parse_and())
        return _join(Or, parts)

    def parse_and(self) -> Node | None:
        parts: list[Node | None] = []
        while self.peek() not in (None, "OR") and not self.closes():
            if self.peek() in (None, "OR", ")"):
                continue
            if self.peek() == "AND":
                self.i += 1
                if not parts or self.peek() in (None, ")", "OR", "AND"):
                    self.messages.append("ignored 'AND': it needs a search term on each side")
                continue
            parts.append(self.parse_unary())
        return _join(And, parts)

    def parse_unary(self) -> Node | None:
        token = self.peek()
        self.i += 1
        if token == "NOT":
            if self.peek() in (None, ")", "OR", "AND"):
                self.messages.append("ignored 'NOT': it needs a search term after it")
                return None
            if self.too_deep():
                return None
            self.depth += 1
            inner = self.parse_unary()
            self.depth -= 1
            return Not(inner) if inner is not None else None
        if token == "(":
            if self.too_deep():
                self.dropped += 1
                return None
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            if self.peek() == ")":
                self.i += 1
            else:
                self.messages.append("a '(' has no closing ')': closed it at the end")
            return inner
        if isinstance(token, Word) and not token.text:
            return None
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            if self.leaves == MAX_TERMS + 1:
                self.messages.append(f"only the first {MAX_TERMS} search terms were used")
            return None
        if isinstance(token, (Prefix, Wildcard, Fuzzy)):
            self.expanded += max(1, len(_PIECE.findall(token.text)))
            if self.expanded > MAX_EXPANDED:
                self.messages.append(f"only the first {MAX_EXPANDED} prefix, wildcard and fuzzy words were "
                                     "expanded: the others were searched as plain words")
                return Word(token.text, token.start) if not isinstance(token, Wildcard) else None
        return token  # type: ignore[return-value]


def _join(kind: type[And] | type[Or], parts: list[Node | None]) -> Node | None:
    kept = [p for p in parts if p is not None]
    return None if not kept else kept[0] if len(kept) == 1 else kind(tuple(kept))


@lru_cache(maxsize=256)
def parse(text: str) -> Parsed:
    """Read a query; never raises.  (A search page reads its query, its plan and the plan's relaxed
    form more than once; a Parsed is immutable.)"""
    cleaned, messages = clean(text)
    tokens, lex_messages = _Lexer(cleaned).run()
    messages += lex_messages
    node = _Parser(tokens, messages).parse()
    if node is None and cleaned.strip() and not messages:
        messages.append("nothing to search in this query")
    return Parsed(cleaned, node, tuple(dict.fromkeys(messages)))


def leaves(node: Node | None, negated: bool = False):
    """(leaf, negated) pairs of a tree, in order."""
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from leaves(item, negated)
    elif isinstance(node, Not):
        yield from leaves(node.item, not negated)
    elif node is not None:
        yield node, negated
