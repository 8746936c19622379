"""Scoring the provisions that govern a text: full-text retrieval plus the law graph.

Each candidate section collects evidence; each piece adds to its score and says why, with
the chain of nodes that justifies it (its *path*):

- ``text``: BM25 over the Act's sections and units (search.WordBag) with the text's own
  words and the Act's phrases the thesaurus and the glossary give for them;
- ``thesaurus``: an everyday expression whose entry names the section;
- ``definition`` / ``establishes``: the section defines a term, or establishes a program,
  that the text names (in either language);
- ``cited``: the text cites it;
- ``program``: the section belongs to the chapter of a program the text names;
- ``applies``: a provision made to apply to that program, and the provision that makes it
  apply (s. 83.24 makes s. 59 apply to the Basic Income Program);
- ``remedy``: review and contestation, when the text is about a decision;
- ``regulation``: a power to make regulations for the purposes of a section ranked high;
- ``term``: the definition of a term that both the text and a section ranked high use.

`Weights` holds the weights (tuned on the dev split of benchmarks/govern_eval only).
"""
from __future__ import annotations

import dataclasses
import json
import re
import typing
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from alinea.errors import AlineaError, DamagedData, NotFound
from alinea.ids import fold_chars
from alinea.model import IN_FORCE, Section
from graph.cite import cite
from graph.govern_aspects import asked, aspect_sections
from graph.govern_everyday import load_everyday
from graph.govern_input import ADVERSE, Cues, Reading, find_words, program_of_term, programs_of_entry
from graph.govern_lay import LISTED_FLOOR, LISTED_STEP, PAIR_WORDS, lay_index, lay_words
from graph.govern_lexicon import Lexicon, content_words, idf, lay_pairs, load_dictionary, parallel_pairs, root
from graph.govern_state import graph_nodes, stored, stored_governed
from graph.govern_why import Said, Why, step, why
from graph.govern_words import content_text
from graph.thesaurus import stems, words_of
from search import SectionScore, WordBag

LAWS = ("statute", "regulation")
"""Kinds of document whose sections govern: the statute and the library's other acts and regulations."""
REMEDIES = ("term:review", "term:administrative-tribunal")
"""Glossary concepts whose sections (defining or providing for them) are the remedies against a decision."""
ROLES = ("rule", "definition", "procedure", "regulation power", "guidance")
MADE_UNDER = "made under"
"""The reference from a regulation to the provisions that empower the Government to make it."""
FOUND = ("text", "thesaurus", "cited")
"""Kinds of evidence a section has of its own (not carried over from another section)."""
CARRIED = ("makes apply",)
"""Kinds of evidence that count their strongest piece only: s. 73 makes every rule of the Social Assistance
Program apply to the Social Solidarity Program, and a question on the latter matched a little of many of them;
summed, that put s. 73 before the Social Solidarity rule asked about (fresh2-5: 30 of the questions whose primary
section was 2nd to 5th had s. 73, 83.11 or 83.24 first)."""
CARRIED_POWER = 2
"""A provision that makes others apply carries its best applied rule's strength (its score over the best section's)
squared: first when what it carries is about the best match ("I'm on basic income and quit my job": s. 59, so
s. 83.24), not when the named program's own rule matches better (dev + fresh2-5 MRR 0.624 -> 0.627, dev French
0.648 -> 0.673; to the fourth power 0.628)."""
LAY_SHARE = 0.25
"""Least share of the best lay match that a section's must reach to count (graph.govern_lay): a word said
of a hundred sections adds a hundred candidates and nothing to their order."""
_REGULATIONS = re.compile(r"\bregulations?\b|\brèglements?\b", re.IGNORECASE)
_PROCEDURE = re.compile(r"\bremed|\brecours\b|\breview\b|\brévision\b", re.IGNORECASE)
_DEFINITIONS = re.compile(r"\bdefinitions?\b|\bdéfinitions?\b|\binterpretation\b", re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts (BM25 is normalised to 0..1 first)."""

    text: float = 1.0
    """Weight of the full-text (BM25) evidence."""
    own_words: float = 1.33
    """Weight of the text's own words in the bag (English text)."""
    own_words_fr: float = 0.0
    """Weight of the text's own words when it is French: none, since the statute is English and
    French words reach it through the thesaurus and the glossary."""
    means: float = 0.45
    """Weight of the thesaurus's Act phrases in the bag."""
    concept_words: float = 0.2
    """Weight of the English names of the glossary concepts in the bag."""
    thesaurus: float = 1.0
    context: float = 0.3
    """Factor for thesaurus entries that name a program ("welfare", "basic income"): they say
    where the question stands, not what it asks (program evidence covers them)."""
    general: float = 0.125
    """A thesaurus match counts 1 / (1 + general * its generality) (see graph.thesaurus)."""
    adverse_words: float = 0.65
    """Factor for a thesaurus match that is itself a word of an adverse decision ("cut my cheque"):
    it says what happened, other cues say why."""
    definition: float = 0.1
    establishes: float = 0.15
    cited: float = 3.0
    program: float = 0.3
    other_program: float = 0.6
    applied: float = 0.15
    via: float = 2.0
    challenge: float = 2.4
    remedy_rules: float = 2.4
    """Weight of a rule of the remedies' division (review, the Tribunal) when the text asks to contest, times
    how well it already matches (`Scorer.remedy_rules`)."""
    adverse: float = 0.12
    regulation: float = 0.35
    regulation_text: float = 0.25
    """Factor for the text evidence of regulation-making powers: they list every topic of the Act,
    so their words match questions they do not answer on their own."""
    term: float = 0.3
    repeated: float = 0.25
    """Share of the score a second (third...) piece of evidence of the same kind adds."""
    not_in_force: float = 0.2
    """Factor for repealed, omitted or spent sections."""
    second_pass: int = 8
    """How many of the best sections regulation powers and definitions are sought for."""
    bridge: float = 0.5
    """Weight in the bag of the Act words reached by morphology (derived and negated forms) and,
    for a French text, by the learned French-English table and cognates (as `means` weighs the
    thesaurus's phrases)."""
    feedback: float = 0.3
    """Weight of the full-text match of the best sections' own words (relevance feedback)."""
    feedback_depth: int = 3
    """How many of the best sections give their words to the feedback."""
    heading: float = 0.3
    """Weight of the match of the text's words with the headings of a section's divisions."""
    defined: float = 0.3
    """Weight of a definition whose defining words the text uses without naming the term."""
    enables: float = 0.3
    """Weight of a power to make regulations whose regulations in the library match the text."""
    enabled: float = 0.3
    """Weight of a regulation's rule made under a power that matches the text."""
    aspect: float = 0.3
    """Weight of a section that says what the text asks about its topic (a time limit:
    graph.govern_aspects), times how well its text matches."""
    lay: float = 2.0
    """Weight of the match of the text's own words with what people say of a section (its lay
    documents: thesaurus expressions, glossary names, guidance paragraphs; graph.govern_lay)."""
    paraphrase: float = 0.3
    """Weight in the bag of the Act words the learned everyday-English table gives for the text's
    words (graph.govern_lexicon.Lexicon.paraphrase)."""
    everyday: float = 1.0
    """Weight in the bag of the Act words and terms the everyday English word list gives for an
    English text's expressions (graph.govern_everyday)."""
    written: float = 3.0
    """Weight in the bag of the Act words the bilingual word list gives for a French text's words
    (graph.govern_lexicon.load_dictionary): for a French text they stand for its own words (dev
    French hit@5 / MRR 0.81 / 0.64 at 0.5 and 1.5, 0.81 / 0.65 at 3, 0.81 / 0.63 at 5)."""


WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "corpus" / "govern_weights.json"
"""The weights fitted on the dev split (benchmarks/govern_fit.py); the defaults above otherwise."""
KIND_WEIGHT = {"text": "text", "feedback": "feedback", "heading": "heading",
               "thesaurus": "thesaurus", "definition": "definition", "establishes": "establishes", "cited": "cited",
               "applies": "applied", "makes apply": "via", "remedy": "challenge", "remedy rules": "remedy_rules",
               "adverse": "adverse",
               "regulation": "regulation", "term": "term", "defined": "defined",
               "enables": "enables", "enabled": "enabled", "lay": "lay", "aspect": "aspect"}
"""Kind of evidence -> the Weights field that weighs it."""


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """The fitted weights, checked: AlineaError naming the file and the field when one is wrong."""
    if not path.exists():
        return Weights()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AlineaError(f"{path}: not a readable JSON file ({exc})") from None
    fields = {f.name: f.type for f in dataclasses.fields(Weights)}
    values = data.get("weights") if isinstance(data, dict) else None
    if not isinstance(values, dict):
        raise AlineaError(f'{path}: expected an object with "weights"')
    for key, value in values.items():
        if key not in fields:
            raise AlineaError(f"{path}: unknown weight {key!r} (expected one of {', '.join(fields)})")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise AlineaError(f"{path}: weight {key!r} must be a number >= 0, got {value!r}")
    return replace(Weights(), **{k: (int(v) if fields[k] == "int" else float(v)) for k, v in values.items()})


WEIGHTS = load_weights()


@dataclass
class Reason:
    """One piece of evidence for a section."""

    kind: str
    why: Why
    """Why, as data (graph.govern_why)."""
    path: tuple[str, ...]
    weight: float
    pinpoint: str | None = None


@dataclass
class Candidate:
    """A section and the evidence collected for it.  A reason's weight is its raw strength; the
    kind's weight (KIND_WEIGHT) applies in `score`, so the score is linear in the weights (the
    ranker `benchmarks/govern_fit.py` fits) times three factors: the named program's own chapter,
    another program's chapter, and a status other than in force."""

    section: str
    weights: Weights
    reasons: list[Reason] = field(default_factory=list)
    bm25: float = 0.0
    best: str | None = None
    matched: tuple[str, ...] = ()
    in_program: bool = False
    """In the chapter of a program the text names."""
    other_program: bool = False
    """In the chapter of another program, and not made to apply to one the text names."""
    in_force: bool = True
    program_reason: tuple[Why, tuple[str, ...]] | None = None
    """Why the section counts more: the program the text names and whose chapter it is in."""
    _features: dict[str, float] | None = field(default=None, repr=False, compare=False)
    """The features as last computed (reset by `add`)."""
    _sum: float | None = field(default=None, repr=False, compare=False)
    """Their weighted sum as last computed (reset by `add`)."""

    def features(self) -> dict[str, float]:
        """Per kind of evidence, the strongest piece and a share (`Weights.repeated`) of the others:
        twenty regulation powers pointing at a section do not make it twenty times as relevant; a provision that makes
        others apply counts the best of them only (CARRIED)."""
        if self._features is not None:
            return self._features
        out = {}
        for kind in {r.kind for r in self.reasons}:
            weights = sorted((r.weight for r in self.reasons if r.kind == kind), reverse=True)
            out[kind] = weights[0] + (0.0 if kind in CARRIED else self.weights.repeated) * sum(weights[1:])
        self._features = out
        return out

    def factor(self) -> float:
        w = self.weights
        return ((1 + w.program) if self.in_program else 1.0) * (w.other_program if self.other_program else 1.0) * \
            (1.0 if self.in_force else w.not_in_force)

    @property
    def score(self) -> float:
        if self._sum is None:
            w = self.weights
            self._sum = sum(getattr(w, KIND_WEIGHT[k]) * v for k, v in self.features().items())
        return self._sum * self.factor()

    def weighed(self, reason: Reason) -> float:
        """A reason's weight in the score (for ordering reasons)."""
        return getattr(self.weights, KIND_WEIGHT[reason.kind]) * reason.weight

    def add(self, reason: Reason) -> None:
        self._features = self._sum = None
        for i, old in enumerate(self.reasons):
            if old.kind == reason.kind and old.path == reason.path:
                if reason.weight > old.weight:
                    self.reasons[i] = reason
                return
        self.reasons.append(reason)


@dataclass(frozen=True)
class Prepared:
    """What scoring needs to know about a knowledge base, computed once."""

    statute: str
    sections: dict[str, Section]
    order: dict[str, int]
    roles: dict[str, str]
    """Section id -> its role by nature: ``definition``, ``procedure``, ``regulation power`` or ``rule``."""
    regulations: dict[str, tuple[tuple[str, str], ...]]
    """Section id -> (regulation unit, words) of the powers made for its purposes."""
    defines: dict[str, tuple[str, ...]]
    """Concept id -> the units or sections that define or establish it."""
    uses: dict[str, frozenset[str]]
    """Section id -> concepts its text uses."""
    guidance: dict[str, tuple[str, ...]]
    """Section id -> guidance units that cite it."""
    chapters: dict[str, tuple[str, ...]]
    """Program id -> the sections of the division that establishes it."""
    program_of: dict[str, str]
    """Section id -> the program whose division it is in."""
    lexicon: Lexicon
    """Morphology and the learned French-English table."""
    heading_roots: dict[str, frozenset[str]]
    """Section id -> roots of the headings of its divisions."""
    heading_text: dict[str, str]
    """Section id -> the headings of its divisions, outermost first."""
    definitions: dict[str, tuple[str, frozenset[str]]]
    """Term id -> (the unit that defines it, the roots of its defining words)."""
    root_idf: dict[str, float]
    """Root -> its idf over the statute's sections."""
    document: dict[str, str]
    """Section id -> its document: the statute first, then the library's other acts and regulations."""
    langs: dict[str, str]
    """Document id -> its language."""
    provides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Concept id -> the sections the glossary says provide for it without defining it."""
    made_under: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Regulation (document id) -> the units of the library's laws it is made under (``made under``
    references, read from its enabling note)."""
    aspects: dict[str, frozenset[str]] = field(default_factory=dict)
    """Aspect ("time limit") -> the statute's sections whose text says it (graph.govern_aspects)."""
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Program id -> the programs it is made of: those whose chapters hold the sections that establish
    it ("last resort financial assistance" is the Social Assistance and the Social Solidarity
    Programs, established by ss. 44 and 67)."""


def section_of(node: str) -> str:
    """``A-13.1.1/22/p1/3`` -> ``A-13.1.1/22``."""
    parts = node.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 and not node.startswith("guidance:") else node


@lru_cache(maxsize=4)
def prepare(kb) -> Prepared:
    """The tables of Prepared: as `alinea build` stored them (graph.govern_state), else computed now."""
    return stored_prepared(kb) or compute_prepared(kb)


STORED_APART = ("sections", "order", "lexicon")
"""Fields of Prepared read back from the knowledge base or stored their own way, not field by field."""


@lru_cache(maxsize=1)
def _stored_fields() -> dict[str, object]:
    hints = typing.get_type_hints(Prepared)
    return {f.name: hints[f.name] for f in dataclasses.fields(Prepared) if f.name not in STORED_APART}


def prepared_state(kb) -> dict | None:
    """Prepared as plain values (what `alinea build` stores in graph.govern_state), None without a
    statute.  A new field is stored with no code here: its type is read from the annotations; a
    state of other fields is not read (`stored_prepared`)."""
    try:
        prep = compute_prepared(kb)
    except NotFound:
        return None
    return {"fields": sorted(_stored_fields()), "sections": list(prep.sections), "lexicon": prep.lexicon.state(),
            **{name: getattr(prep, name) for name in _stored_fields()}}


def stored_prepared(kb) -> Prepared | None:
    """Prepared as the build stored it, its sections read from the knowledge base; None when not
    stored, or stored with other fields."""
    data = stored(kb)
    prepared = data.get("prepared") if data is not None else None
    if not isinstance(prepared, dict) or prepared.get("fields") != sorted(_stored_fields()):
        return None
    try:
        ids = kb.decode(list[str], prepared["sections"])
        values = {name: kb.decode(tp, prepared[name]) for name, tp in _stored_fields().items()}
        sections = {sid: kb.get(sid).node for sid in ids}
        lexicon = Lexicon.from_state(prepared["lexicon"], kb.decode)
    except (KeyError, NotFound) as exc:
        raise DamagedData(kb.stored_in(), f"holds a govern state that cannot be read ({exc})") from None
    return Prepared(sections=sections, order={sid: i for i, sid in enumerate(ids)}, lexicon=lexicon, **values)


def compute_prepared(kb) -> Prepared:
    """The tables of Prepared, read from the knowledge base's statute and graph."""
    from graph.queries import governing

    statute = kb.default_statute()
    if statute is None:
        raise NotFound("the knowledge base has no statute")
    laws = [statute] + [d for d in kb.documents if d.kind in LAWS and d.id != statute.id]
    every = [s for law in laws for s in law.sections]
    sections = {s.id: s for s in every}
    order = {s.id: i for i, s in enumerate(every)}
    headings = {d.id: d.heading for law in laws for d in law.divisions}
    roles = {}
    for s in every:
        chain = " ".join(headings.get(a.id, "") for a in kb.ancestors(s.id))
        roles[s.id] = ("regulation power" if _REGULATIONS.search(chain) else "procedure" if _PROCEDURE.search(chain)
                       else "definition" if _DEFINITIONS.search(chain) else "rule")
    graph = kb.graph
    regulations: dict[str, list[tuple[str, str]]] = {}
    defines: dict[str, list[str]] = {}
    provides: dict[str, list[str]] = {}
    uses: dict[str, set[str]] = {}
    guidance: dict[str, list[str]] = {}
    made_under: dict[str, list[str]] = {}
    for u, v, data in graph.edges(data=True):
        kind = data.get("type")
        source, target = section_of(u), section_of(v)
        if kind == "for the purposes of" and roles.get(source) == "regulation power" and target in sections:
            regulations.setdefault(target, []).append((u, data.get("text", "")))
        elif kind in ("defines", "establishes"):
            defines.setdefault(v, []).append(u)
        elif kind == "provides for":
            provides.setdefault(v, []).append(u)
        elif kind == "uses term" and source in sections:
            uses.setdefault(source, set()).add(v)
        elif kind == "cited by guidance" and target in sections:
            guidance.setdefault(target, []).append(u)
        elif kind == MADE_UNDER and target in sections:
            made_under.setdefault(u, []).append(v)
    chapters = {n: tuple(governing(graph, n)["sections"]) for n, kind in graph.nodes(data="kind") if kind == "program"}
    chapters = {n: secs for n, secs in chapters.items() if secs}
    program_of: dict[str, str] = {}
    for program, secs in sorted(chapters.items(), key=lambda item: len(item[1])):
        program_of.update(dict.fromkeys(secs, program))  # a section's home: the largest chapter holding it
    parts = {program: tuple(dict.fromkeys(program_of[s] for s in secs if program_of[s] != program))
             for program, secs in chapters.items()}
    words = {s.id: content_words(s.text, statute.lang or "en") for s in statute.sections}
    document = {s.id: law.id for law in laws for s in law.sections}
    langs = {law.id: law.lang for law in laws}
    df: dict[str, int] = {}
    for ws in words.values():
        for r in {root(w) for w in ws}:
            df[r] = df.get(r, 0) + 1
    root_idf = {r: idf(n, len(words)) for r, n in df.items()}
    heading_text = {s.id: " / ".join(headings.get(a.id, "") for a in reversed(kb.ancestors(s.id))) for s in every}
    heading_roots = {sid: frozenset(root(w) for w in content_words(text, "en")) for sid, text in heading_text.items()
                     if document[sid] == statute.id}
    definitions = {}
    for concept, nodes in defines.items():
        if not concept.startswith("term:"):
            continue
        for node in nodes:
            if node.startswith(statute.id + "/") and node in kb and roles.get(section_of(node)) == "definition":
                unit = kb.get(node).node
                text = " ".join(u.text for u in unit.walk()) if hasattr(unit, "walk") else getattr(unit, "text", "")
                definitions[concept] = (node, frozenset(root(w) for w in content_words(text, "en")))
                break
    vocabulary = {w for ws in words.values() for w in ws}
    french = (w for s in every if document[s.id] != statute.id and langs.get(document[s.id]) == "fr"
              for w in content_words(s.text, "fr"))
    lexicon = Lexicon((w for ws in words.values() for w in ws),
                      parallel_pairs(kb.thesaurus, kb.glossary, guidance_pairs(kb, statute)),
                      lay_pairs=lay_pairs(kb.thesaurus, kb.glossary), french_words=french,
                      table=kb.word_table, dictionary=load_dictionary(vocabulary),
                      everyday=load_everyday(vocabulary, (s.text for s in statute.sections)))
    return Prepared(statute.id, sections, order, roles,
                    {k: tuple(dict.fromkeys(v)) for k, v in regulations.items()},
                    {k: tuple(dict.fromkeys(v)) for k, v in defines.items()},
                    {k: frozenset(v) for k, v in uses.items()},
                    {k: tuple(dict.fromkeys(v)) for k, v in guidance.items()}, chapters, program_of,
                    lexicon, heading_roots, heading_text, definitions, root_idf, document, langs,
                    {k: tuple(dict.fromkeys(v)) for k, v in provides.items()},
                    {k: tuple(dict.fromkeys(v)) for k, v in made_under.items()},
                    {k: frozenset(v) for k, v in aspect_sections(statute.sections).items()}, parts)


@lru_cache(maxsize=256)
def governed(kb, program: str) -> dict:
    """graph.queries.governing for a program, once per knowledge base (as the build stored it)."""
    from graph.queries import governing

    found = stored_governed(kb, program)
    return found if found is not None else governing(kb.graph, program)


def guidance_pairs(kb, statute) -> list[tuple[str, str]]:
    """(French guidance paragraph, the English text of the statute's provisions it cites): a
    paragraph that cites an article says what the article says, in the other language.  Only
    paragraphs of the page's body (not its closing list of laws, which cites for the whole page)
    and of at most PAIR_WORDS words: a longer text pairs every word of it with every word of the
    provision, and a single such pair made the table learn "acquis" for "elapsed"."""
    pairs = []
    for doc in kb.documents:
        if doc.kind != "guidance" or doc.lang != "fr":
            continue
        for section in doc.sections:
            for unit in section.walk():
                if unit.kind == "reference" or len(unit.text.split()) > PAIR_WORDS:
                    continue
                cited = dict.fromkeys(section_of(r.target) for r in kb.refs_out.get(unit.id, ())
                                      if r.target.startswith(statute.id + "/"))
                texts = [kb.get(s).node.text for s in cited if s in kb]
                if texts:
                    pairs.append((unit.text, " ".join(texts)))
    return pairs


def excerpt(text: str, size: int = 60) -> str:
    """The start of a text on one line, cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + "…"


def said(words: str) -> Said:
    """The path node that stands for words of the input (graph.govern_why.Said), its words whole."""
    return Said(words)


def label(kb, node: str) -> str:
    """``s. 59``, ``s. 22(3)`` (`graph.cite.cite`), a program's or term's name; other ids as they are."""
    graph = graph_nodes(kb)
    if node in graph and node.startswith(("program:", "term:")):
        return str(graph.nodes[node].get("label") or node)
    statute = kb.default_statute()
    return cite(node, "short", "en", home=statute.id if statute else None)


@lru_cache(maxsize=1 << 16)
def folded_word(word: str) -> str:
    """A word as the lexicon writes it (lower case, no accents), once per process."""
    return fold_chars(word.lower())


@lru_cache(maxsize=8192)
def stemmed(phrase: str) -> frozenset[str]:
    """The English stems of a phrase's words."""
    return frozenset(stems([w for _, _, w in words_of(phrase)], "en"))


def thesaurus_reason(words: str, means: tuple[str, ...] | list[str], text: str) -> Why:
    """Why everyday words lead to a provision, without saying that they are the Act's own term:
    the Act's phrase of the thesaurus entry that the provision uses and that shares the most words
    with what was written ("refused a job" -> "refusing to take a job", not "leaving a job")."""
    lowered = text.lower()
    used = [phrase for phrase in means if phrase.lower() in lowered]
    if not used:
        return why("everyday", words={"said": words})
    mine = stemmed(words)
    phrase = max(used, key=lambda p: (len(mine & stemmed(p)), -used.index(p)))
    return why("speaks of", words={"said": words, "means": phrase})


RULES_POWER = 2
"""A rule of the remedies' division gains its score over the best squared (`Scorer.remedy_rules`): the rule a
story asks about (interest, s. 116) matches about as well as the best and gains nearly all; when the text only
asks to contest, the division's other rules match its words "decision" and "review" less well and stay behind
s. 118 ("They refused my application. How can I contest the decision?": linear, ss. 110, 111, 115 and 109 came
before s. 118)."""
OTHER_REMEDY = 0.5
"""How much a remedy counts when the text names only another one ("Can I go to the Tribunal?": review, s. 107,
counts half; the Tribunal, s. 118, whole).  A word that names no remedy in particular ("contest") counts for both."""


def remedy_strength(cues: Cues, remedy: str) -> float:
    """How strongly the text asks for a remedy: its best challenge word, whole in a sentence that asks and
    CONTEXT_SHARE in one that tells (graph.govern_input.Cues.remedies), half (OTHER_REMEDY) when that word names
    another remedy."""
    return max((place * (1.0 if named in ("", remedy) or named not in REMEDIES else OTHER_REMEDY)
                for named, _, place in cues.remedies), default=1.0)


class Scorer:
    """Collects the evidence for one text."""

    def __init__(self, kb, reading: Reading, cues: Cues, weights: Weights = WEIGHTS) -> None:
        self.kb, self.reading, self.cues, self.w = kb, reading, cues, weights
        self.prep = prepare(kb)
        self.candidates: dict[str, Candidate] = {}
        self.content = content_text(reading.text, reading.lang)
        """The text without its function words and the phrases that ask an aspect (graph.govern_words)."""

    def candidate(self, section: str) -> Candidate | None:
        if section not in self.prep.sections:
            return None
        if section not in self.candidates:
            self.candidates[section] = Candidate(section, self.w, in_force=self.prep.sections[section].status == IN_FORCE)
        return self.candidates[section]

    def add(self, node: str, kind: str, reason: Why, path: tuple[str, ...], weight: float,
            pinpoint: str | None = None) -> None:
        found = self.candidate(section_of(node)) if weight > 0 else None
        if found is not None:
            found.add(Reason(kind, reason, path, weight, pinpoint if pinpoint is not None else
                             (node if node != found.section else None)))

    def match_factor(self, match) -> float:
        """How much a thesaurus match says about the question's subject: less for an entry that
        names a program (`Weights.context`) and for a head word of the domain (`Weights.general`
        per other entry whose expressions contain it: "welfare", "cheque")."""
        factor = self.w.context if programs_of_entry(self.kb, match.entry) else 1.0
        if find_words(match.text, self.reading.lang, ADVERSE):
            factor *= self.w.adverse_words
        return factor / (1 + self.w.general * match.generality)

    # -- evidence ---------------------------------------------------------------------
    def bag(self, own: float | None = None) -> WordBag:
        """The text's own words and the Act's wording the thesaurus and glossary give for them."""
        w, cues = self.w, self.cues
        if own is None:
            own = w.own_words_fr if self.reading.lang == "fr" else w.own_words
        words: list[tuple[str, float]] = [(self.content, own)]
        phrases: list[tuple[str, float]] = []
        for match in cues.thesaurus:
            entry = self.kb.thesaurus.get(match.entry)
            weight = w.means * self.match_factor(match)
            for phrase in entry.means:
                words.append((phrase, weight))
                if " " in phrase:
                    phrases.append((phrase, weight))
        self.bridged = self.bridges()
        weighed = [(b.word, self.bridge_weight(b) * b.weight) for b in self.bridged]
        words += [(word, weight) for word, weight in weighed if weight > 0]
        phrases += [(word, weight) for word, weight in weighed if weight > 0 and " " in word]
        glossary = self.kb.glossary
        programs = {program for program, _ in cues.programs}
        for match in cues.concepts:
            concept = glossary.get(match.concept)
            weight = w.concept_words * (w.context if match.concept in programs
                                        or program_of_term(glossary, match.concept) else 1.0)
            words.append((concept.en, weight))
            if " " in concept.en:
                phrases.append((concept.en, weight))
        return WordBag(tuple(words), tuple(phrases))

    def text_evidence(self, scores: list[SectionScore]) -> None:
        if not scores:
            return
        top = max(max(s.score, s.best_score) for s in scores) or 1.0
        for s in scores:
            c = self.candidate(s.section)
            if c is None:
                continue
            c.bm25 = max(s.score, s.best_score) / top
            c.best = s.best if s.best != s.section else None
            c.matched = s.matched
            words = tuple(s.matched[:6])
            lang = self.prep.langs.get(self.prep.document.get(c.section))
            bridged = self.to_french if lang == "fr" and self.reading.lang == "en" else self.bridged
            if bridged:
                folded = {folded_word(m) for m in s.matched}
                bridged = [b for b in bridged if folded.intersection(b.word.split())]
            bridges = tuple(dict.fromkeys((b.source, b.word) for b in bridged))
            if bridges:  # each bridge one quoted item, as the interface requotes a path's words one by one
                words += tuple(f"{a} → {b}" for a, b in bridges)
            reason = why("text question") if not s.matched else \
                why("text bridged", words={"words": tuple(s.matched[:6]), "bridges": bridges}) if bridges else \
                why("text", words={"words": tuple(s.matched[:6])})
            weight = c.bm25 * (self.w.regulation_text if self.prep.roles[c.section] == "regulation power" else 1.0)
            c.add(Reason("text", reason,
                         (said(excerpt(self.reading.text)),
                          step("full-text match of", words=words) if words else step("full-text match"),
                          s.best), weight, c.best))

    def sections_text(self, node: str) -> str:
        """The text of a section of the statute ('' when it is not one)."""
        section = self.prep.sections.get(node)
        return section.text if section is not None else ""

    def thesaurus_evidence(self) -> None:
        strongest: dict[str, tuple[float, object]] = {}
        for match in self.cues.thesaurus:
            factor = self.match_factor(match)
            if factor > strongest.get(match.entry, (0.0, None))[0]:
                strongest[match.entry] = (factor, match)
        for factor, match in strongest.values():
            entry = self.kb.thesaurus.get(match.entry)
            for position, number in enumerate(entry.sections):
                node = f"{self.prep.statute}/{number}"
                weight = factor * max(LISTED_FLOOR, 1 - LISTED_STEP * position)
                self.add(node, "thesaurus", thesaurus_reason(match.text, entry.means, self.sections_text(node)),
                         (said(match.text), step("everyday words for"), f"thesaurus:{entry.id}", step("governed by"), node), weight)

    def concept_evidence(self) -> None:
        glossary = self.kb.glossary
        seen: set[str] = set()
        for match in self.cues.concepts:
            if match.concept in seen:
                continue
            seen.add(match.concept)
            concept = glossary.get(match.concept)
            program = match.concept.startswith("program:")
            for node in self.prep.provides.get(match.concept, ()):
                self.add(node, "definition", why("provides for", concepts={"concept": match.concept}),
                         (said(match.text), step("names"), match.concept, step("provided for by"), node), self.w.definition)
            for node in self.prep.defines.get(match.concept, ()):
                if node.startswith(self.prep.statute + "/"):
                    name = {"program": match.concept} if program else {"term": match.concept}
                    typed = {"said": match.text} if match.text.split() != concept.en.split() else {}
                    key = ("establishes" if program else "defines") + (" said" if typed else "")
                    text = why(key, concepts=name if program else None, terms=None if program else name, words=typed)
                    self.add(node, "establishes" if program else "definition", text,
                             (said(match.text), step("names"), match.concept,
                              step("defined by" if not program else "established by"), node),
                             1.0)

    def citation_evidence(self) -> None:
        for target, words in self.cues.citations:
            self.add(target, "cited", why("cited", words={"words": words}), (said(words), step("cites"), target),
                     1.0, target)

    def program_evidence(self) -> None:
        """Where the text stands: the sections of a program it names count more (`Weights.program`
        times what they already have); the sections of another program's chapter count less
        (`Weights.other_program`) unless they are made to apply to a program it names."""
        named = {p: (said(words), step("names"), p) for p, words in self.cues.programs if p in self.prep.chapters}
        for program, path in list(named.items()):
            named.update({part: path + (step("is made of"), part) for part in self.prep.parts.get(program, ())
                          if part not in named})
        if not named:
            return
        applied: set[str] = set()
        for program in named:
            for link in governed(self.kb, program)["applied"]:
                if link.via:
                    applied.update(self.prep.chapters.get(link.source, (section_of(link.source),)))
        for c in self.candidates.values():
            home = self.prep.program_of.get(c.section)
            if home in named:
                c.in_program = True
                c.program_reason = (why("part of", concepts={"program": home}), named[home] + (step("contains"), c.section))
            elif home is not None and c.section not in applied:
                c.other_program = True

    def applied_evidence(self, strength: dict[str, float]) -> None:
        """Provisions made to apply to a program the text names, when the text is about them
        too; and the provision that makes them apply, as strong as what it applies (squared: CARRIED_POWER)."""
        graph = graph_nodes(self.kb)
        for program, _ in self.cues.programs:
            if program not in graph:
                continue
            for link in governed(self.kb, program)["applied"]:
                if not link.via:
                    continue
                targets = (governed(self.kb, link.source)["sections"] if link.source.startswith("program:")
                           else [link.source])
                for target in targets:
                    section = section_of(target)
                    if strength.get(section, 0.0) <= 0:
                        continue
                    makes = why("makes a rule apply to", ids={"what": section}, concepts={"program": program,
                                                                                          "other": link.source}) \
                        if target != link.source else why("makes apply to", ids={"what": section},
                                                          concepts={"program": program})
                    self.add(section, "applies", why("applied", ids={"via": section_of(link.via)},
                                                     concepts={"program": program}),
                             (program, step("made to apply by"), link.via, step("applies"), section), 1.0)
                    self.add(link.via, "makes apply", makes,
                             (section, step("made to apply to", what=program), link.via), strength[section] ** CARRIED_POWER, link.via)

    def remedy_evidence(self) -> None:
        """The remedies when the text is about a decision: each remedy's own provision (s. 107, s. 118) as strong
        as the text asks for it (`remedy_strength`), and, when it asks to contest, the other rules of their
        division (`remedy_rules`)."""
        cues = self.cues
        if not cues.challenge and not cues.adverse:
            return
        kind = "remedy" if cues.challenge else "adverse"
        words = (cues.challenge or cues.adverse)[0]
        glossary = self.kb.glossary
        heads: dict[str, str] = {}
        for concept_id in REMEDIES:
            concept = glossary.get(concept_id) if glossary else None
            strength = remedy_strength(cues, concept_id) if cues.challenge else 1.0
            for node in self.prep.defines.get(concept_id, ()) + self.prep.provides.get(concept_id, ()):
                if node.startswith(self.prep.statute + "/") and concept is not None:
                    heads.setdefault(section_of(node), concept_id)
                    self.add(node, kind, why("remedy", words={"words": words}, concepts={"remedy": concept_id}),
                             (said(words), step("asks about"), concept_id, step("provided for by"), node), strength)
        if cues.challenge and self.w.remedy_rules > 0:
            self.remedy_rules(heads, words)

    def remedy_rules(self, heads: dict[str, str], words: str) -> None:
        """The rules of the remedies' division other than the remedies' own provisions (who reviews, time limits,
        observations, reinstatement, interest: ss. 108-117, 119), as they already match the text (RULES_POWER): a
        story that asked for a review and now asks whether interest runs meant s. 116, and the flat evidence of
        ss. 107 and 118 put them first (fresh2-5: 33 of the questions whose primary section was 2nd to 5th had
        s. 107 or 118 first)."""
        prep = self.prep
        divisions: dict[str, str] = {}  # a division's rules are said to be those of the remedy the text asks for most
        for head, concept in sorted(heads.items(), key=lambda hc: -remedy_strength(self.cues, hc[1])):
            divisions.setdefault(prep.heading_text.get(head), concept)
        ranked = sorted(self.candidates.values(), key=lambda c: -c.score)
        top = ranked[0].score if ranked else 0.0
        for c in ranked:
            concept = divisions.get(prep.heading_text.get(c.section))
            if concept is None or c.section in heads or not top:
                continue
            self.add(c.section, "remedy rules", why("remedy rules", words={"words": words}, concepts={"remedy": concept}),
                     (said(words), step("asks about"), concept, step("contains"), c.section),
                     (c.score / top) ** RULES_POWER)

    def second_pass(self) -> None:
        """Provisions that make the best sections found so far apply to a program, the
        regulation powers for their purposes, and the definitions of the terms they share
        with the text."""
        ranked = sorted(self.candidates.values(), key=lambda c: -c.score)
        top = ranked[0].score if ranked else 0.0
        found = {c.section: c.score / top for c in ranked if top and any(r.kind in FOUND for r in c.reasons)}
        self.applied_evidence(found)
        self.enabling_evidence(found)
        best = [c for c in ranked if self.prep.roles.get(c.section) == "rule"][:self.w.second_pass]
        used = {m.concept for m in self.cues.concepts} | self.implied
        for c in best:
            strength = c.score / top if top else 0.0
            for unit, words in self.prep.regulations.get(c.section, ()):
                self.add(unit, "regulation", why("regulation for", ids={"what": c.section}, words={"words": words}),
                         (c.section, step("regulations for its purposes"), unit),
                         strength, unit)
            for concept in self.prep.uses.get(c.section, frozenset()) & used:
                for node in self.prep.defines.get(concept, ()):
                    if node.startswith(self.prep.statute + "/") and section_of(node) != c.section:
                        self.add(node, "term", why("term used by", terms={"term": concept}, ids={"what": c.section}),
                                 (c.section, step("uses term"), concept, step("defined by"), node), strength)

    def enabling_evidence(self, found: dict[str, float]) -> None:
        """The enabling relation both ways: a power to make regulations carries the evidence of the
        best-matching rule of each regulation made under it, and a regulation's rule that matches
        carries the evidence of the power it is made under."""
        prep = self.prep
        if not prep.made_under:
            return
        best: dict[str, tuple[float, str]] = {}
        for section, strength in found.items():
            doc = prep.document.get(section)
            if doc in prep.made_under and strength > best.get(doc, (0.0, ""))[0]:
                best[doc] = (strength, section)
        for doc, (strength, section) in best.items():
            for unit in prep.made_under[doc]:
                self.add(unit, "enables", why("enables", ids={"regulation": doc, "what": section}),
                         (section, step("in"), doc, step(MADE_UNDER), unit), strength, unit)
        for section in found:
            for unit in prep.made_under.get(prep.document.get(section), ()):
                strength = found.get(section_of(unit), 0.0)
                if strength > 0:
                    self.add(section, "enabled", why("enabled", ids={"power": unit}),
                             (unit, step("empowers the Government to make"), prep.document[section], step("which contains"), section),
                             strength)

    # -- evidence that generalises beyond listed expressions ----------------------------------
    def bridges(self):
        """Act words reached from the text's words: derived and negated forms; for French text,
        learned translations and cognates (graph.govern_lexicon)."""
        lexicon = self.prep.lexicon
        if self.reading.lang == "fr":
            return lexicon.translate(content_words(self.content, "fr"))
        words = content_words(self.content, "en")
        return lexicon.derived(words) + lexicon.paraphrase(words) + lexicon.say_as_act(self.reading.text)

    def bridge_weight(self, bridge) -> float:
        """The weight in the bag of a kind of bridge."""
        return {"paraphrase": self.w.paraphrase, "dictionary": self.w.written,
                "everyday": self.w.everyday}.get(bridge.how, self.w.bridge)

    def feedback_evidence(self, index) -> None:
        """Relevance feedback: the words of the best sections found so far, as a second query;
        sections like the best ones gain."""
        ranked = sorted((c for c in self.candidates.values() if self.prep.document[c.section] == self.prep.statute),
                        key=lambda c: -c.score)[:self.w.feedback_depth]
        if not ranked:
            return
        texts = tuple((self.prep.sections[c.section].text, 1.0) for c in ranked)
        scores = index.score_sections(WordBag(texts, explain=0, max_terms=24))
        top = max((max(s.score, s.best_score) for s in scores), default=0.0) or 1.0
        like = tuple(c.section for c in ranked)
        for s in scores:
            self.add(s.section, "feedback", why("feedback", ids={"like": like}),
                     (said(excerpt(self.reading.text)), step("like the best answers"), s.section),
                     max(s.score, s.best_score) / top)

    bridged: list = []
    to_french: list = []

    def scores(self, index) -> list[SectionScore]:
        """BM25 over the statute and, when the library holds them, its other acts and regulations:
        those written in the text's language with its own words (whatever the statute's language),
        those in French with the French words an English text's words lead to (`Lexicon.to_french`).
        Bridged words weigh less than a text's own, so the French laws' scores are brought to the
        scale of the others' and then weighed by the share of the text's words that found a bridge."""
        found = list(index.score_sections(self.bag()))
        langs = {d: self.prep.langs.get(d) for d in set(self.prep.document.values()) if d != self.prep.statute}
        if same := {d for d, lang in langs.items() if lang == self.reading.lang}:
            found += self.scores_in(index, same, self.bag(own=self.w.own_words))
        if self.reading.lang == "en" and (french := {d for d, lang in langs.items() if lang == "fr"}):
            words = content_words(self.content, "en")
            self.to_french = self.prep.lexicon.to_french(words)
            if self.to_french:
                bag = WordBag(tuple((b.word, self.w.bridge * b.weight) for b in self.to_french))
                more = self.scores_in(index, french, bag)
                top = max((max(s.score, s.best_score) for s in found), default=0.0)
                top_more = max((max(s.score, s.best_score) for s in more), default=0.0)
                if top and top_more:
                    scale = top / top_more * len({b.source for b in self.to_french}) / len(set(words))
                    found += [replace(s, score=s.score * scale, best_score=s.best_score * scale) for s in more]
        return found

    def scores_in(self, index, docs: set[str], bag: WordBag) -> list[SectionScore]:
        """The bag's scores over the sections of some of the library's laws (any kind)."""
        found = []
        for kind in LAWS[1:] + ("statute",):
            more = index.score_sections(replace(bag, doc_kind=kind))
            found += [s for s in more if self.prep.document.get(s.section) in docs]
        return found

    def question_roots(self) -> dict[str, float]:
        """Roots of the text's English words (its own, the thesaurus's Act phrases, the related
        words), each with its weight."""
        out: dict[str, float] = {}
        if self.reading.lang != "fr":
            for word in content_words(self.content, "en"):
                out[root(word)] = 1.0
        for b in getattr(self, "bridged", ()):
            if self.bridge_weight(b) > 0:
                for word in content_words(b.word, "en"):  # a term of the Act ("liquid assets") by its words
                    out[root(word)] = max(out.get(root(word), 0.0), b.weight)
        for match in self.cues.thesaurus:
            for phrase in self.kb.thesaurus.get(match.entry).means:
                for word in content_words(phrase, "en"):
                    out.setdefault(root(word), 0.5)
        return out

    def heading_evidence(self, roots: dict[str, float]) -> None:
        """The headings of a section's divisions ("RECOVERY", "REMEDIES") as its context."""
        prep = self.prep
        for c in list(self.candidates.values()):
            heading = prep.heading_roots.get(c.section)
            if not heading:
                continue
            total = sum(prep.root_idf.get(r, 1.0) for r in heading)
            common = [r for r in heading if r in roots]
            if common and total:
                strength = sum(prep.root_idf.get(r, 1.0) * roots[r] for r in common) / total
                self.add(c.section, "heading", why("heading", words={"heading": prep.heading_text[c.section]}),
                         (said(excerpt(self.reading.text)), step("heading"), c.section), strength)

    def defined_evidence(self, roots: dict[str, float]) -> None:
        """Definitions expanded into the terms they define: a text that uses a definition's own
        words ("married", "cohabit") without naming the term is about that term."""
        prep = self.prep
        for concept, (node, words) in prep.definitions.items():
            total = sum(prep.root_idf.get(r, 1.0) for r in words)
            common = [r for r in words if r in roots]
            if len(common) < 2 or not total:
                continue
            strength = sum(prep.root_idf.get(r, 1.0) * roots[r] for r in common) / total
            self.add(node, "defined", why("describes", terms={"term": concept}),
                     (said(excerpt(self.reading.text)), step("describes"), concept, step("defined by"), node), strength, node)
            self.implied.add(concept)

    def lay_evidence(self) -> None:
        """What people say of a section (graph.govern_lay): the text's own words, in its language,
        against the everyday expressions and guidance paragraphs that name the section: the entries
        the text names whole count here too, as much as their words cover the text's."""
        lang = self.reading.lang
        words = lay_words(self.reading.text, lang)
        found = lay_index(self.kb).score(tuple(words), lang)
        least = LAY_SHARE * max((s.strength for s in found.values()), default=0.0)
        for section, said_ in found.items():
            if said_.strength < least:
                continue
            shown = tuple(words[s] for s in said_.stems[:4])
            self.add(section, "lay", why("lay", words={"words": tuple(words[s] for s in said_.stems[:4])}),
                     (said(excerpt(self.reading.text)), step("everyday words", words=shown), said_.source, step("said of"),
                      section),
                     said_.strength)

    def aspect_evidence(self) -> None:
        """A section whose text says what the question asks about its topic (a time limit), as strong
        as its text, or what people say of it, matches the question (a French question reaches the
        English text through few words, and what people say of it through its own)."""
        for aspect in asked(self.reading.text, self.reading.lang):
            for c in list(self.candidates.values()):
                features = c.features()
                strength = max(features.get("text", 0.0), features.get("lay", 0.0))
                if c.section in self.prep.aspects.get(aspect, ()) and strength > 0:
                    self.add(c.section, "aspect", why(f"asks {aspect}"),
                             (said(excerpt(self.reading.text)), step(f"asks about a {aspect}"), c.section), strength)

    def run(self, index) -> list[Candidate]:
        self.implied: set[str] = set()
        self.text_evidence(self.scores(index))
        if self.w.lay > 0:
            self.lay_evidence()
        if self.w.aspect > 0:
            self.aspect_evidence()
        self.thesaurus_evidence()
        self.concept_evidence()
        self.citation_evidence()
        roots = self.question_roots()
        self.defined_evidence(roots)
        self.remedy_evidence()
        if self.w.feedback > 0:
            self.feedback_evidence(index)
        self.heading_evidence(roots)
        self.program_evidence()
        self.second_pass()
        return sorted(self.candidates.values(), key=lambda c: (-c.score, self.prep.order[c.section]))


def role_of(prep: Prepared, c: Candidate) -> str:
    """The role a section plays for the text: by its nature, or ``definition`` when a
    definition of a term of the text is what brought it."""
    kinds = {r.kind for r in c.reasons}
    if kinds & {"definition", "term"} and prep.roles[c.section] in ("rule", "definition"):
        strongest = max(c.reasons, key=c.weighed).kind
        if strongest in ("definition", "term") or prep.roles[c.section] == "definition":
            return "definition"
    return prep.roles[c.section]
