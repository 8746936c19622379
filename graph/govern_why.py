"""Govern's reasons as data: a message key and its parts, printed in English or French.

A reason (`Why`) names what it speaks of, never prints it: provisions and documents by their ids
(printed by the one formatter, `graph.cite.cite`), programs and terms by their glossary ids
(named from the glossary, the one source of their names), words of the question or of the Act as
they were written, and numbers.  `TEMPLATES` holds each message's English wording, which is also
its catalogue entry (`web/translations`, marked with `N_` for `make translations`); `pieces`
prints a reason in a language, given the catalogue's translation of its template:

    pieces(why("applied", ids={"via": "A-13.1.1/83.24"}, concepts={"program": "program:basic-income"}), "fr", kb, t)
    -> ["l'", Cited("art. 83.24", "A-13.1.1/83.24"), " la rend applicable au Programme de revenu de base"]

French needs its article before a provision or a name (« de l'art. 83.3 », « au Programme… »):
`with_article` gives it and `joined` contracts it with the preposition before it (« de le » →
« du », « à les » → « aux »), in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple, Union

from graph.cite import cite, quoted
from graph.govern_state import graph_nodes


def N_(message: str) -> str:
    """Marks a template for the catalogues; the catalogue translates it when the reason is printed."""
    return message


def N_plural(singular: str, plural: str) -> str:
    """Marks a template of COUNTED as a plural message of the catalogues (`make translations`)."""
    return singular


TEMPLATES: dict[str, str] = {
    # text mode (graph/govern_rank.py, graph/govern_text.py)
    "text": N_("its text matches %(words)s"),
    "text bridged": N_("its text matches %(words)s (%(bridges)s)"),
    "text question": N_("its text matches the question"),
    "speaks of": N_("for %(said)s, this provision speaks of %(means)s"),
    "everyday": N_("%(said)s is an everyday way of speaking of a situation this provision deals with"),
    "provides for": N_("provides for %(concept)s"),
    "establishes": N_("establishes %(program)s"),
    "establishes said": N_("establishes %(program)s (%(said)s in the question)"),
    "defines": N_("defines %(term)s"),
    "defines said": N_("defines %(term)s (%(said)s in the question)"),
    "cited": N_("the question cites it (%(words)s)"),
    "part of": N_("part of %(program)s"),
    "applied": N_("%(via)s makes it apply to %(program)s"),
    "makes apply to": N_("it makes %(what)s apply to %(program)s"),
    "makes a rule apply to": N_("it makes %(what)s (a rule of %(other)s) apply to %(program)s"),
    "remedy": N_("the question is about a decision (%(words)s): %(remedy)s is the remedy"),
    "remedy rules": N_("the question is about a decision (%(words)s), and this provision is one of the rules of %(remedy)s"),
    "regulation for": N_("regulations may be made for the purposes of %(what)s (%(words)s)"),
    "term used by": N_("defines %(term)s, used by %(what)s and the question"),
    "enables": N_("%(regulation)s is made under it, and %(what)s matches the question"),
    "enabled": N_("it is made under %(power)s, which matches the question"),
    "feedback": N_("it is about what %(like)s are about"),
    "heading": N_("its heading matches %(heading)s"),
    "describes": N_("the question describes what the Act calls %(term)s"),
    "delegates": N_("it leaves the detail to a regulation (%(words)s): %(regulation)s, made under %(power)s, "
                    "is not in the library"),
    "delegates nowhere": N_("it leaves the detail to a regulation (%(words)s): %(regulation)s is not in the library"),
    "guidance cites": N_("this guidance page cites %(what)s"),
    "lay": N_plural("what people say of it has the question's %(words)s",
                    "what people say of it has the question's %(words)s"),
    "asks time limit": N_("the question asks about a time limit, and it provides for one"),
    # node mode (graph/govern_nodes.py)
    "asked": N_("the provision asked about"),
    "defines used": N_("defines %(term)s, which %(what)s uses"),
    "applies it": N_("%(source)s makes it apply (%(words)s)"),
    "applies it to": N_("%(source)s makes it apply to %(program)s (%(words)s)"),
    "cites it": N_("%(source)s cites it (%(words)s)"),
    "despite it": N_("%(source)s applies despite it (%(words)s)"),
    "subject to it": N_("%(source)s is subject to it (%(words)s)"),
    "for the purposes of it": N_("%(source)s applies for the purposes of it (%(words)s)"),
    "within the meaning of it": N_("%(source)s uses a word within the meaning of it (%(words)s)"),
    "makes apply": N_("it makes %(what)s apply"),
    "regulation for it": N_("regulations may be made for the purposes of %(what)s"),
    "it cites": N_("it cites %(target)s (%(words)s)"),
    "it despite": N_("it applies despite %(target)s (%(words)s)"),
    "it subject to": N_("it is subject to %(target)s (%(words)s)"),
    "it for the purposes of": N_("it applies for the purposes of %(target)s (%(words)s)"),
    "it within the meaning of": N_("it uses a word within the meaning of %(target)s (%(words)s)"),
    "it applies to": N_("it applies to %(target)s (%(words)s)"),
    "decision": N_("%(what)s provides for a decision: %(remedy)s is the remedy"),
    "made under it": N_("%(regulation)s is made under it"),
    "made under": N_("%(regulation)s is made under %(power)s"),
    "chapter of": N_("a provision of the chapter of %(program)s"),
    "makes others apply": N_("it makes other provisions apply to %(program)s"),
    "makes rules apply": N_("it makes the rules of %(other)s apply to %(program)s"),
    "regulations for program": N_("regulations may be made for %(program)s"),
    "defines program": N_("defines %(program)s"),
    "names said": N_("it names %(program)s (%(words)s)"),
    "names": N_("it names %(program)s"),
    "uses": N_("uses %(term)s"),
    "uses times": N_("uses %(term)s %(count)s times"),
    "history": N_("its history lists %(entry)s"),
    "page cites": N_("the page cites it (%(words)s)"),
    # lines of the govern page that name provisions (web/templates/govern.html)
    "at": N_("at %(pinpoint)s"),
    "delegation": N_("The detail is in a regulation that is not in the library: %(regulation)s, made under "
                     "%(powers)s."),
    "delegation nowhere": N_("The detail is in a regulation that is not in the library: %(regulation)s."),
}
"""Each reason's English wording, by key; ``%(name)s`` stands for one of its parts."""

ROLES: dict[str, str] = {"rule": N_("The rules themselves"), "definition": N_("Definitions"),
                         "procedure": N_("Procedure and remedies"), "regulation power": N_("Regulation-making powers"),
                         "guidance": N_("Guidance")}
"""The heading of each role's group of results (the site's and the CLI's), a catalogue entry."""

COUNTED = {"lay": "words"}
"""Reasons whose wording depends on how many words a part quotes (« le mot » / « les mots »): their
template is translated with the count (`Translate`), a plural message of the catalogues."""

_FIELD = re.compile(r"%\((\w+)\)s")
_PARTS = {key: sorted(_FIELD.findall(template)) for key, template in TEMPLATES.items()}
"""Each template's parts, sorted: what `why` checks a reason against."""
_NAMES = {key: frozenset(parts) for key, parts in _PARTS.items()}
Words = Union[str, tuple[str, ...], tuple[tuple[str, str], ...]]
"""Quoted words: one phrase, several, or pairs printed ‘a’ → ‘b’."""


@dataclass(frozen=True)
class Why:
    """One reason, as data."""

    key: str
    """The message (a key of TEMPLATES)."""
    ids: tuple[tuple[str, Union[str, tuple[str, ...]]], ...] = ()
    """Provisions, divisions and documents, by id (one or a list): printed by `graph.cite.cite`."""
    concepts: tuple[tuple[str, str], ...] = ()
    """Programs and other glossary concepts named with their article (“the Basic Income Program”)."""
    terms: tuple[tuple[str, str], ...] = ()
    """Glossary terms named in quotes (‘spouses’)."""
    words: tuple[tuple[str, Words], ...] = ()
    """Words of the question or of the Act, quoted as written."""
    numbers: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict:
        return {"key": self.key, "ids": dict(self.ids), "concepts": dict(self.concepts), "terms": dict(self.terms),
                "words": {k: list(v) if isinstance(v, tuple) else v for k, v in self.words},
                "numbers": dict(self.numbers)}


def why(key: str, *, ids: dict | None = None, concepts: dict | None = None, terms: dict | None = None,
        words: dict | None = None, numbers: dict | None = None) -> Why:
    """A reason; every part its template names must be given, and nothing else (a mistake here is a
    programming error, found by the tests that run govern)."""
    given = (ids or {}, concepts or {}, terms or {}, words or {}, numbers or {})
    names = [name for part in given for name in part]
    if len(names) != len(_PARTS[key]) or not _NAMES[key].issuperset(names):
        raise ValueError(f"reason {key!r} takes {_PARTS[key]}, got {sorted(names)}")
    return Why(key, *(tuple(sorted(part.items())) if len(part) > 1 else tuple(part.items()) for part in given))


class Cited(NamedTuple):
    """A provision, division or document as printed, with its id (the site links it)."""

    text: str
    id: str


Piece = Union[str, Cited]
Translate = Callable[..., str]
"""A template in the language wanted: ``translate(template)``, or ``translate(template, count)``
for a reason of COUNTED (the catalogue's ngettext)."""


def as_written(template: str, count: int | None = None) -> str:
    """The English template (no catalogue)."""
    return template


def translator(catalogue) -> Translate:
    """A gettext catalogue (`gettext.NullTranslations` or Babel's) as a Translate: its plural
    message for a counted reason, its plain message otherwise."""
    def translate(template: str, count: int | None = None) -> str:
        return catalogue.gettext(template) if count is None else catalogue.ngettext(template, template, count)
    return translate


def pieces(reason: Why, lang: str, kb, translate: Translate = as_written) -> list[Piece]:
    """The reason printed in `lang` (its template through `translate`, the catalogue), as text and
    citations."""
    values: dict[str, list[Piece]] = {}
    for name, value in reason.ids:
        values[name] = _listed([_provision(kb, i, lang) for i in ((value,) if isinstance(value, str) else value)],
                               lang)
    for name, concept in reason.concepts:
        values[name] = with_article(concept_name(kb, concept, lang), lang)
    for name, term in reason.terms:
        values[name] = [quoted(concept_name(kb, term, lang), lang)]
    for name, value in reason.words:
        values[name] = [_quoted_words(value, lang)]
    for name, count in reason.numbers:
        values[name] = [str(count)]
    out: list[Piece] = []
    counted = COUNTED.get(reason.key)
    if counted is None:
        template = translate(TEMPLATES[reason.key])
    else:
        quoted_words = dict(reason.words)[counted]
        template = translate(TEMPLATES[reason.key], 1 if isinstance(quoted_words, str) else len(quoted_words))
    at = 0
    for field in _FIELD.finditer(template):
        out = joined(out + [template[at:field.start()]], values[field[1]])
        at = field.end()
    return _merged(out + [template[at:]])


def text(reason: Why, lang: str, kb, translate: Translate = as_written) -> str:
    """The reason as one line of plain text."""
    return "".join(p.text if isinstance(p, Cited) else p for p in pieces(reason, lang, kb, translate))


def english(kb) -> Callable[[Why], str]:
    """Prints a reason in English (the CLI's and the batch's language)."""
    return lambda reason: english_text(reason, kb)


@lru_cache(maxsize=1 << 14)
def english_text(reason: Why, kb) -> str:
    """A reason in English, printed once per process (each result's `reason` and the batch's JSON
    print the same reasons, and the same reasons come back from question to question)."""
    return text(reason, "en", kb)


def texts(reasons: Iterable[Why], lang: str, kb, translate: Translate = as_written) -> str:
    """Several reasons as one line, ``; `` between them."""
    if lang == "en" and translate is as_written:
        return "; ".join(english_text(r, kb) for r in reasons)
    return "; ".join(text(r, lang, kb, translate) for r in reasons)


# -- French articles ------------------------------------------------------------------------------
_VOWEL = re.compile(r"^[aeiouyhàâäéèêëîïôöûüœæ]", re.IGNORECASE)
_FEMININE_ENDINGS = ("tion", "sion", "xion", "ité", "té", "ance", "ence", "ure", "ière", "ise", "ode")
_FEMININE_WORDS = frozenset({"loi", "charte", "aide", "allocation", "prestation", "contribution", "section",
                             "sous-section", "annexe", "partie", "entente", "convention", "personne", "famille"})
_MASCULINE_WORDS = frozenset({"c.", "chapitre", "titre", "programme", "règlement", "code", "tribunal", "article"})
_CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def with_article(name: Union[str, Cited], lang: str) -> list[Piece]:
    """A name or a citation with its definite article: EN “the …” (a provision takes none), FR
    « l'art. 83.3 », « le Programme… », « la révision ».  The French gender is told by the first
    word (a few words known, else feminine endings: -tion, -ité, -ance, -ure…)."""
    shown = name.text if isinstance(name, Cited) else name
    if lang != "fr":
        return [name] if isinstance(name, Cited) and "/" in name.id else ["the ", name]
    if re.match(r"^(?:l'|l’|le |la |les )", shown, re.IGNORECASE):
        return [name]
    first = shown.split(" ")[0].lower()
    if _VOWEL.match(first):
        article = "l’"
    elif first in _MASCULINE_WORDS:
        article = "le "
    elif first in _FEMININE_WORDS or first.endswith(_FEMININE_ENDINGS):
        article = "la "
    else:
        article = "le "
    return [article, name]


def joined(before: list[Piece], after: list[Piece]) -> list[Piece]:
    """`after` written after `before`: a French preposition and the article that follows contract
    (« de » + « le » → « du », « à » + « les » → « aux »); « de l'… » and « de la … » stay."""
    if before and after and isinstance(before[-1], str) and isinstance(after[0], str):
        found = re.search(r"(?:^|\s)(de|à) $", before[-1])
        article = after[0].strip()
        if found and (found[1], article) in _CONTRACTIONS and after[0].endswith(" "):
            head = before[-1][:found.start(1)]
            return before[:-1] + [head + _CONTRACTIONS[(found[1], article)] + " "] + after[1:]
    return before + after


def _merged(items: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for item in items:
        if isinstance(item, str) and out and isinstance(out[-1], str):
            out[-1] += item
        elif item != "":
            out.append(item)
    return out


def _listed(items: list[list[Piece]], lang: str) -> list[Piece]:
    """« l'art. 59, l'art. 60 et l'art. 61 » / "s. 59, s. 60 and s. 61"."""
    out: list[Piece] = []
    for i, item in enumerate(items):
        if i:
            out.append(", " if i < len(items) - 1 else (" et " if lang == "fr" else " and "))
        out += item
    return out


def _provision(kb, node_id: str, lang: str) -> list[Piece]:
    """A provision printed by the one formatter (short form, within the first statute), with its
    French article; a document by its name and chapter."""
    statute = kb.default_statute()
    style = "short" if "/" in node_id else "mcgill"
    return with_article(Cited(cite(node_id, style, lang, home=statute.id if statute else None), node_id), lang)


def concept_name(kb, concept_id: str, lang: str) -> str:
    """A program's or term's name in `lang`, from the glossary (the graph's label, else the id,
    when the glossary lacks it)."""
    glossary = kb.glossary
    concept = glossary.get(concept_id) if glossary is not None else None
    if concept is not None:
        return (concept.fr if lang == "fr" else "") or concept.en
    nodes = graph_nodes(kb)
    return str(nodes.nodes[concept_id].get("label") or concept_id) if concept_id in nodes else concept_id


def _quoted_words(value: Words, lang: str) -> str:
    if isinstance(value, str):
        return quoted(value, lang)
    return ", ".join(quoted(v, lang) if isinstance(v, str) else f"{quoted(v[0], lang)} → {quoted(v[1], lang)}"
                     for v in value)


# -- path steps ----------------------------------------------------------------------------------
STEPS: dict[str, str] = {
    # the edges of govern's paths (docs/govern.md, "path") by kind; a kind not here is a relation of
    # the graph ("cites", "made under"), whose catalogue entry is the relation itself
    "full-text match": N_("full-text match"),
    "full-text match of": N_("full-text match (%(words)s)"),
    "everyday words for": N_("everyday words for"),
    "everyday words": N_("everyday words (%(words)s)"),
    "said of": N_("said of"),
    "asks about a time limit": N_("asks about a time limit"),
    "governed by": N_("governed by"),
    "names": N_("names"),
    "defined by": N_("defined by"),
    "provided for by": N_("provided for by"),
    "established by": N_("established by"),
    "contains": N_("contains"),
    "made to apply by": N_("made to apply by"),
    "made to apply to": N_("made to apply to %(what)s by"),
    "asks about": N_("asks about"),
    "regulations for its purposes": N_("regulations for its purposes"),
    "decisions reviewed by": N_("decisions reviewed by"),
    "regulations for it": N_("regulations for it"),
    "used by": N_("used by"),
    "amended": N_("amended"),
    "like the best answers": N_("like the best answers"),
    "heading": N_("heading"),
    "describes": N_("describes"),
    "is made of": N_("is made of"),
    "in": N_("in"),
}
"""Each kind of path edge's English wording, also its catalogue entry; ``%(words)s`` stands for the
words it quotes, ``%(what)s`` for the node it names."""
RELATED = N_("%(means)s and related situations")
"""How a path names a thesaurus entry: by the first of the Act's phrases it stands for."""
ARROW = (" — ", " → ")
"""What a path prints around an edge, in every language: « « quitté mon emploi » — mots courants pour → art. 59 »."""
SAID = "text: "
"""How a path's node of words of the input starts (``text: ‘quit my job’``)."""


class Step(str):
    """An edge of a path as data: its `kind` (a key of STEPS, or a relation of the graph), the
    `words` it quotes and the node it names (`what`).  It is also its English wording (``full-text
    match (‘quit’, ‘job’)``), the string the answer's JSON ``path`` has always held."""

    kind: str
    words: tuple[str, ...]
    what: str

    def __new__(cls, kind: str, words: tuple[str, ...] = (), what: str = "") -> "Step":
        english = _filled(STEPS.get(kind, kind), ", ".join(f"‘{w}’" for w in words), what)
        self = super().__new__(cls, english)
        self.kind, self.words, self.what = kind, tuple(words), what
        return self

    def __reduce__(self):
        return Step, (self.kind, self.words, self.what)

    def to_dict(self) -> dict:
        return {"edge": self.kind, "words": list(self.words), "what": self.what}


def step(kind: str, *, words: Iterable[str] = (), what: str = "") -> Step:
    """A path edge; a kind of STEPS takes the parts its wording names, and nothing else."""
    template = STEPS.get(kind, kind)
    words = tuple(words)
    if bool(words) != ("%(words)s" in template) or bool(what) != ("%(what)s" in template):
        raise ValueError(f"path step {kind!r} is {template!r}, got words={words!r} what={what!r}")
    return Step(kind, words, what)


def _filled(template: str, words: str, what: str) -> str:
    return template.replace("%(words)s", words).replace("%(what)s", what)


class Said(str):
    """A node of a path that stands for words of the input, as data (`words`, each whole, whatever
    quotation marks or commas the input put in them).  It is also its English wording (``text: ‘quit
    my job’``), the string the answer's JSON ``path`` has always held."""

    words: tuple[str, ...]

    def __new__(cls, *words: str) -> "Said":
        words = tuple(" ".join(w.split()) for w in words)
        self = super().__new__(cls, SAID + ", ".join(f"‘{w}’" for w in words))
        self.words = words
        return self

    def __reduce__(self):
        return Said, self.words


def as_step(edge: str) -> Step:
    """An edge of a path as a Step: itself when it is one; any other string is a relation of the
    graph named as it is (paths are built of Steps: `step`)."""
    return edge if isinstance(edge, Step) else Step(edge)


def node_pieces(node: str, lang: str, kb, translate: Translate = as_written) -> list[Piece]:
    """A node of a path in `lang`: words of the input in the language's quotation marks, a
    thesaurus entry by the Act's phrase it stands for, a node of the graph as a Cited (a provision
    by the one formatter, a program or a term by its glossary name, others by the graph's label)."""
    if isinstance(node, Said):
        return [", ".join(quoted(w, lang) for w in node.words)]
    if node.startswith("thesaurus:") and kb.thesaurus is not None:
        entry = kb.thesaurus.get(node.split(":", 1)[1])
        if entry is not None and entry.means:
            return [translate(RELATED) % {"means": quoted(entry.means[0], lang)}]
    graph = graph_nodes(kb)
    if "/" in node and not node.startswith("guidance:"):
        doc = node.split("/", 1)[0]
        return [Cited(cite(node, "short", lang, home=doc if doc in kb else None), node)]
    if node.startswith(("program:", "term:")):
        return [Cited(concept_name(kb, node, lang), node)]
    if node in graph:
        return [Cited(str(graph.nodes[node].get("label") or node), node)]
    return [node]


def step_pieces(edge: str, lang: str, kb, translate: Translate = as_written) -> list[Piece]:
    """An edge of a path in `lang`: its wording through the catalogue, the words it quotes in the
    language's quotation marks, the node it names with its French article (« appliqué au
    Programme… par »)."""
    found = as_step(edge)
    template = translate(STEPS.get(found.kind, found.kind))
    out: list[Piece] = []
    at = 0
    for field in _FIELD.finditer(template):
        if field[1] == "what":
            value = with_article(node_pieces(found.what, lang, kb, translate)[0], lang)
        else:
            value = [", ".join(quoted(w, lang) for w in found.words)]
        out = joined(out + [template[at:field.start()]], value)
        at = field.end()
    return _merged(out + [template[at:]])


def path_pieces(path: Iterable[str], lang: str, kb, translate: Translate = as_written) -> list[Piece]:
    """A whole path in `lang`, its nodes and edges as `node_pieces` and `step_pieces` print them,
    each edge between the ARROW's two halves."""
    out: list[Piece] = []
    for i, item in enumerate(path):
        if i % 2:
            out += [ARROW[0], *step_pieces(item, lang, kb, translate), ARROW[1]]
        else:
            out += node_pieces(item, lang, kb, translate)
    return _merged(out)


def plain(items: Iterable[Piece]) -> str:
    """Pieces as one line of plain text."""
    return "".join(p.text if isinstance(p, Cited) else p for p in items)


def path_data(path: Iterable[str]) -> list[dict]:
    """A path as data for the JSON answers: each node ``{"node": id}``; each edge its kind, the
    words it quotes and the node it names (`Step.to_dict`)."""
    return [as_step(item).to_dict() if i % 2 else {"node": item} for i, item in enumerate(path)]
