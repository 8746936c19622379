"""Reading a "which articles govern this?" input: a node of the law graph, or free text.

`read_input` decides what the input is: a provision (an id or a citation typed alone:
``s. 83.24``), a program or term (its id, or its name alone in either language: ``Programme
de revenu de base``), a guidance page (``guidance:adel-66-72``) or an amending act
(``2018, c. 11``) is a node; anything else is text, in English or French
(`detect_lang`).  `cues` then reads the text: the thesaurus's everyday expressions, the
glossary's concepts (this is how French reaches the English Act), the programs it names,
the provisions it cites, and whether it asks to contest a decision.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from alinea.errors import NotFound, Outside
from alinea.ids import fold_chars
from graph.concepts import ConceptMatch
from graph.govern_state import graph_nodes
from graph.thesaurus import ThesaurusMatch, stem_with, stems, words_of
from search.analysis import stem

stem_with(stem)  # the stems the build stored (search.analysis.stems_from), the stemmers only for a word it did not know

MAX_CHARS = 20_000
"""Text read at most; a longer input is cut (and the answer says so)."""
STOP_WORDS = {
    "en": frozenset("the and is are was were my i i'm to of can could do does did what for with it if be been have has "
                    "this that they them me will would not you your how when who why because from at or about there "
                    "get got any just so his her she he our we an by".split()),
    "fr": frozenset("le la les de des du et est je j mon ma mes pour avec que qui ce ca pas il elle une un sur au aux "
                    "dans vous nous ils elles peut faut c qu d l m n s t y son sa ses mais ou si quand est-ce pis "
                    "moi toi lui leur tu".split()),
}
"""Common words of each language (folded), counted to tell English from French; words common to
both ("on", "a", "en") are in neither."""
CHALLENGE = {
    "en": ("contest", "challenge", "appeal", "disagree", "dispute", "fight", "review", "reconsider", "unfair",
           "tribunal", "taq", "look at it again", "go further", "overturn"),
    "fr": ("contester", "contestation", "revision", "reviser", "faire appel", "fais appel", "fait appel", "en appel",
           "desaccord", "pas d'accord", "injuste", "recours", "tribunal administratif", "taq", "reexamen", "me battre",
           "se battre"),
}
"""Words of a text that asks to have a decision looked at again.  In French « appel » alone is mostly a phone call
(« j'ai juste eu un appel », « l'inspecteur a appelé mon proprio »: the stem of « appeler ») and « tribunal » alone a
court (« émancipée par le tribunal »): the appeal and the Administrative Tribunal are named by phrases."""
ADVERSE = {
    "en": ("refuse", "refusal", "deny", "denied", "cut", "reduce", "lower", "stop", "cancel", "suspend",
           "terminate", "penalize", "penalise", "decision", "claim back", "owe"),
    "fr": ("refus", "refuser", "couper", "coupe", "reduire", "baisser", "arreter", "suspendre", "annuler",
           "penaliser", "decision", "reclamer", "reclamation", "dois", "doit"),
}
"""Words of a text about a decision that went against someone (the remedies may apply)."""
CUE_EXCEPTIONS = {
    "en": ("last resort", "housing tribunal", "rental board", "phone call"),
    "fr": ("dernier recours", "tribunal administratif du logement", "regie du logement", "appel telephonique"),
}
"""Fixed expressions that hold a cue word in another sense: a cue word inside one is not read (« l'aide financière
de dernier recours » is last resort assistance, not a recourse; "the landlord has filed at the housing tribunal" is
not a decision contested)."""
OWN_ACT = {"en": ("i", "we"), "fr": ("je", "j", "nous")}
"""Subjects that make an adverse word the person's own act, not a decision against them: "I refused to go",
« j'ai refusé l'héritage », « je voudrais couper mes heures » (the subject a few words before the word, in its
clause).  Not for STATES."""
STATES = {"en": ("owe", "decision", "claim back"), "fr": ("dois", "doit", "decision", "reclamer", "reclamation")}
"""Adverse words that say a decision or a debt whatever the subject: "I owe", « j'ai reçu une décision »."""
DONE_TO = {"en": ("was", "were", "been", "got", "get", "me", "am", "m", "are", "re", "be", "being"),
           "fr": ("ete", "fait", "me", "m")}
"""Words between that subject and the adverse word that make it done to the person after all: "I was refused",
« j'ai été refusé », « je me suis fait couper »."""
NEGATION = {"en": ("not", "don", "didn", "doesn", "never", "without", "no"),
            "fr": ("pas", "jamais", "sans", "ne", "n", "aucune", "aucun")}
"""Words that, a few words before a challenge word in its clause, say the person does not ask for it: « si je
demande pas de révision pis que je paye pas » asks what follows a claim left uncontested."""
NEGATION_AFTER = {"fr": ("pas", "jamais")}
"""Negations that follow the verb they negate (Québec French drops the « ne »: « si je conteste pas »)."""
SUBJECT_REACH = 3
"""How many words before a cue word its subject, or a negation, is looked for."""
CONTEXT_SHARE = 0.5
"""How much a challenge word counts in a sentence that only tells (a story's "I asked for a review") against one
in the sentence that asks ("Can I go to the Tribunal?"): a story's review says where the question stands, the
question says what it asks (graph.govern_rank's remedies)."""
_CLAUSE_END = re.compile(r"[.!?;:,\n]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_AMENDING_ACT = re.compile(r"^\s*(\d{4})\s*,?\s*c(?:hapter|h)?\.?\s*(\d+)\s*$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Reading:
    """What the input is."""

    text: str
    """The text as read (control characters removed, cut at MAX_CHARS)."""
    lang: str
    """``en`` or ``fr``."""
    kind: str
    """``text``, or the node's kind: ``provision``, ``program``, ``term``, ``guidance``, ``amending act``; ``outside``
    for a citation of something outside the knowledge base (`node` is its id, `messages` say what it is)."""
    node: str | None = None
    """The node id in node mode."""
    messages: tuple[str, ...] = ()
    """What was done to the input (cut, cleaned)."""


@dataclass(frozen=True)
class Cues:
    """What a text says that points to provisions."""

    thesaurus: tuple[ThesaurusMatch, ...] = ()
    """Everyday expressions of the thesaurus."""
    concepts: tuple[ConceptMatch, ...] = ()
    """Programs and terms of the glossary."""
    programs: tuple[tuple[str, str], ...] = ()
    """(program id, the words that name it)."""
    citations: tuple[tuple[str, str], ...] = ()
    """(provision id, the citation as written) of provisions of the corpus the text cites."""
    challenge: tuple[str, ...] = ()
    """Words asking to contest a decision."""
    adverse: tuple[str, ...] = ()
    """Words about a decision against the person."""
    remedies: tuple[tuple[str, str, float], ...] = ()
    """Each challenge word: (the remedy concept it names, ``""`` when it names none in particular ("contest"), the
    words, 1 in a sentence that asks or CONTEXT_SHARE in one that only tells)."""


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Control characters removed, the text cut at MAX_CHARS; with messages saying so."""
    messages = []
    cleaned = _CONTROL.sub(" ", text)
    if cleaned != text:
        messages.append("control characters were removed")
    if len(cleaned) > MAX_CHARS:
        cleaned = cleaned[:MAX_CHARS]
        messages.append(f"the text was cut at {MAX_CHARS:,} characters")
    return cleaned, tuple(messages)


def detect_lang(text: str) -> str:
    """``fr`` when the text has more French than English common words (or accented letters
    and no English common words), else ``en``."""
    words = [w for _, _, w in words_of(text.replace("’", "'"))]
    en = sum(w in STOP_WORDS["en"] for w in words)
    fr = sum(w in STOP_WORDS["fr"] for w in words)
    if fr == en == 0:
        accented = any(unicodedata.normalize("NFD", c) != c for c in text if c.isalpha())
        return "fr" if accented else "en"
    return "fr" if fr > en else "en"


def read_input(text: str, kb) -> Reading:
    """The input as a node of the knowledge base when it names one on its own, else as text."""
    cleaned, messages = clean_text(text)
    lang = detect_lang(cleaned)
    try:
        node = node_named(cleaned, kb, lang)
    except Outside as outside:  # « L.R.C. 1985, c. H-3, art. 13 »: read, but not in the knowledge base
        return Reading(cleaned.strip(), lang, "outside", outside.target, messages + (str(outside),))
    except NotFound as lacking:  # "s. 55(2)(z)": read, naming nothing real; ranked as text, with the line saying so
        return Reading(cleaned, lang, "text", None, messages + (str(lacking),))
    if node is not None:
        return Reading(cleaned.strip(), lang, node_kind(kb, node), node, messages)
    return Reading(cleaned, lang, "text", None, messages)


def node_named(text: str, kb, lang: str = "en") -> str | None:
    """The node a short input names on its own: an id of the graph, an amending act, a citation,
    or the name of a program or term; None for anything else.  `Outside` (one line in `lang`) for a
    citation of something outside the knowledge base."""
    text = " ".join(text.split())
    if not text or len(text) > 200:
        return None
    graph = graph_nodes(kb)
    if text in graph and graph.nodes[text].get("kind") != "external act" and (text in kb or graph.nodes[text].get("in_corpus")
                                                                            or graph.nodes[text].get("kind") == "amending act"):
        return text
    if m := _AMENDING_ACT.match(text):
        act = f"{m[1]}, c. {m[2]}"
        if act in graph:
            return act
    try:
        return kb.lookup(text, lang=lang)
    except NotFound as error:
        if error.missing or isinstance(error, Outside):
            raise  # Outside, or a citation read that names a unit that does not exist

    glossary = kb.glossary
    concept = glossary.resolve(text.strip(" ?.!")) if glossary is not None else None
    return concept if concept is not None and concept in graph else None


def node_kind(kb, node: str) -> str:
    """``provision``, ``program``, ``term``, ``guidance`` or ``amending act``."""
    graph = graph_nodes(kb)
    kind = graph.nodes[node].get("kind", "") if node in graph else ""
    if kind in ("program", "term", "amending act"):
        return kind
    if node.startswith("guidance:"):
        return "guidance"
    return "provision"


@cache
def _phrases(words: tuple[str, ...], lang: str) -> frozenset[tuple[str, ...]]:
    return frozenset(stems(tuple(w for _, _, w in words_of(phrase)), lang) for phrase in words)


def find_words(text: str, lang: str, table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Words of text (stemmed in lang) that are one of table[lang]'s phrases, as written."""
    return tuple(dict.fromkeys(text[start:end] for start, end in find_spans(text, lang, table)))


def find_spans(text: str, lang: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    """(start, end) of the words of text (stemmed in lang) that are one of table[lang]'s phrases, longest first."""
    words = words_of(text.replace("’", "'"))
    stemmed = stems(tuple(w for _, _, w in words), lang)
    wanted = _phrases(table[lang], lang)
    found = []
    for size in sorted({len(p) for p in wanted}, reverse=True):
        for i in range(len(words) - size + 1):
            if stemmed[i:i + size] in wanted:
                found.append((words[i][0], words[i + size - 1][1]))
    return found


def cue_spans(text: str, lang: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    """find_spans, without the cue words that lie inside one of CUE_EXCEPTIONS' expressions."""
    spans = find_spans(text, lang, table)
    if not spans:
        return spans
    inside = Enclosing(find_spans(text, lang, CUE_EXCEPTIONS))
    return [(s, e) for s, e in spans if inside.of(s, e) is None]


class Enclosing:
    """Which of some spans holds a given one, in logarithmic time (a long text has many of each)."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans, key=lambda span: span[0])
        self.starts = [span[0] for span in self.spans]
        self.reach = []  # the furthest end of the spans up to each one, and that span
        best = None
        for span in self.spans:
            if best is None or span[1] > best[1]:
                best = span
            self.reach.append(best)

    def of(self, start: int, end: int):
        """A span that starts at or before `start` and ends at or after `end`, or None."""
        i = bisect_right(self.starts, start) - 1
        return self.reach[i] if i >= 0 and self.reach[i][1] >= end else None


WORDS_WINDOW = 200
"""Characters around a cue word read for its subject and negation (a few words: the work stays linear)."""


def words_before(text: str, start: int) -> list[str]:
    """The SUBJECT_REACH folded words before `start`, in its clause."""
    clause = _CLAUSE_END.split(text[max(0, start - WORDS_WINDOW):start].replace("’", "'"))[-1]
    return [fold_chars(w.lower()) for _, _, w in words_of(clause)][-SUBJECT_REACH:]


def negated(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a NEGATION word stands a few words before the word at start:end, in its clause, or one of
    NEGATION_AFTER just after it (« je conteste pas »)."""
    after = [fold_chars(w.lower()) for _, _, w in words_of(_CLAUSE_END.split(text[end:end + WORDS_WINDOW])[0])][:1]
    return any(w in NEGATION[lang] for w in words_before(text, start)) or \
        any(w in NEGATION_AFTER.get(lang, ()) for w in after)


def own_act(text: str, start: int, lang: str) -> bool:
    """Whether the word at `start` has the person as its subject in the active voice (OWN_ACT, no DONE_TO
    between): "I refused to go", not "they refused me" or "I was refused"."""
    before = words_before(text, start)
    subjects = [i for i, w in enumerate(before) if w in OWN_ACT[lang]]
    return bool(subjects) and not any(w in DONE_TO[lang] for w in before[subjects[-1] + 1:])


def asking_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences that ask (ending with "?"); every sentence when none does."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    asking = [(s, e) for s, e in sentences if text[s:e].rstrip().endswith("?")]
    return asking or sentences


def remedy_cues(text: str, lang: str, spans: list[tuple[int, int]], concepts) -> tuple[tuple[str, str, float], ...]:
    """Cues.remedies: each challenge word with the remedy concept whose name holds it (the glossary's match) and
    whether its sentence asks."""
    asking = Enclosing(asking_spans(text))
    named_in = Enclosing((m.start, m.end, m.concept) for m in concepts)
    out = []
    for start, end in spans:
        holder = named_in.of(start, end)
        named = holder[2] if holder else ""
        place = 1.0 if asking.of(start, start + 1) is not None else CONTEXT_SHARE
        out.append((named, text[start:end], place))
    return tuple(out)


def cues(reading: Reading, kb) -> Cues:
    """Everything in the text that points to provisions (see Cues)."""
    from graph.cite import may_hold_citations

    text, lang = reading.text, reading.lang
    thesaurus = tuple(kb.thesaurus.find(text, lang)) if kb.thesaurus is not None else ()
    glossary = kb.glossary
    concepts = tuple(glossary.find(text)) if glossary is not None else ()
    programs = {m.concept: m.text for m in concepts if m.concept.startswith("program:")}
    for m in concepts:
        program = program_of_term(glossary, m.concept)
        if program:
            programs.setdefault(program, m.text)
    for m in thesaurus:
        for program in programs_of_entry(kb, m.entry):
            programs.setdefault(program, m.text)
    cited: dict[str, str] = {}
    if may_hold_citations(text, kb.citation_names):  # most questions cite nothing: no citation index built
        from graph.cite import citations_in

        for found, resolution in citations_in(text, kb.citation_index, lang):
            for target in resolution.targets:
                if target in kb and target not in cited:
                    cited[target] = text[found.start:found.end]
    challenge = [(s, e) for s, e in cue_spans(text, lang, CHALLENGE) if not negated(text, s, e, lang)]
    states = find_spans(text, lang, STATES)
    adverse = [(s, e) for s, e in cue_spans(text, lang, ADVERSE) if (s, e) in states or not own_act(text, s, lang)]
    return Cues(thesaurus, concepts, tuple(programs.items()), tuple(cited.items()),
                tuple(dict.fromkeys(text[s:e] for s, e in challenge)), tuple(dict.fromkeys(text[s:e] for s, e in adverse)),
                remedy_cues(text, lang, challenge, concepts))


def program_of_term(glossary, concept: str) -> str | None:
    """The program a term names when the term is the program's name without "Program"
    ("basic income" -> program:basic-income)."""
    entry = glossary.get(concept) if glossary is not None else None
    if entry is None or concept.startswith("program:"):
        return None
    program = glossary.resolve(f"{entry.en} Program")
    return program if program and program.startswith("program:") else None


@lru_cache(maxsize=1024)
def programs_of_entry(kb, entry_id: str) -> tuple[str, ...]:
    """Programs whose name is one of a thesaurus entry's `means` phrases."""
    entry = kb.thesaurus.get(entry_id)
    glossary = kb.glossary
    if entry is None or glossary is None:
        return ()
    found = (glossary.resolve(phrase) for phrase in entry.means)
    return tuple(dict.fromkeys(p for p in found if p and p.startswith("program:")))

