"""What people say about a provision: each section's *lay document*, matched word by word.

The thesaurus lists everyday expressions for the sections that govern them ("bailiff",
"saisir mon chèque" for s. 20); guidance pages say in plain words what the articles they cite
say.  Govern finds an expression when the text holds it whole (graph.thesaurus); here the same
sayings are read as a document per section, in English and in French, and scored by BM25 with
the question's own words, stemmed in its language ("doc2query" expansion): a question that shares
two words of an expression, or words of several, reaches the section though no expression is in
it.  A French question reaches the English Act through French words people use, with no
translation step.

`lay_documents` (plain data, for the build to store) -> `LayIndex` (BM25 over them).

>>> docs = [("thesaurus:seizure", "en", {"bailiff": 1, "seiz": 2}, ("A/20",)),
...         ("thesaurus:car", "en", {"car": 1}, ("A/60", "A/55"))]
>>> said = LayIndex(docs).score(("bailiff", "seiz", "car"), "en")
>>> said["A/20"].strength > said["A/60"].strength > said["A/55"].strength, said["A/20"].stems
(True, ('bailiff', 'seiz'))
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from graph.govern_state import stored
from graph.govern_words import content_text
from graph.thesaurus import LANGS, _stop_stems, stems, words_of

K1, B = 1.2, 0.5
"""BM25's term saturation and length normalisation: a section listed by many entries has a long
lay document, so length counts half."""
LISTED_STEP, LISTED_FLOOR = 0.05, 0.7
"""A thesaurus entry lists its sections most important first: each later one counts 5 % less
(down to 70 %), here and in graph.govern_rank's thesaurus evidence."""
PAIR_WORDS = 80
"""Longest guidance paragraph read as saying what the provisions it cites say, here and as parallel
text (graph.govern_rank.guidance_pairs): a longer text pairs every word of it with every word of the
provision."""


def lay_stems(text: str, lang: str) -> tuple[str, ...]:
    """The stems of a text's content words in a language: common words, function words and the
    phrases that ask an aspect left out (graph.govern_words)."""
    stop = _stop_stems(lang)
    return tuple(s for s in stems((w for _, _, w in words_of(content_text(text, lang))), lang)
                 if s not in stop and len(s) > 1)


LayDocument = tuple[str, str, dict[str, int], tuple[str, ...]]


def lay_documents(kb) -> list[LayDocument]:
    """(source, language, stem -> count, sections it is said of, most important first), the source
    being the node that says it (``thesaurus:<entry>``, a concept, a guidance unit): each thesaurus
    entry's everyday expressions in each language, the other names of each glossary concept
    (the sections that define, establish or provide for it), and each paragraph of a guidance page
    that cites provisions of the statute (not a page's closing list of laws, which cites for the
    whole page; at most PAIR_WORDS words)."""
    statute = kb.default_statute()
    if statute is None:
        return []
    docs = []

    def add(source: str, lang: str, texts, numbers) -> None:
        counts = Counter(s for text in texts for s in lay_stems(text, lang))
        sections = tuple(dict.fromkeys(f"{statute.id}/{n}" for n in numbers))
        if counts and sections and lang in LANGS:
            docs.append((source, lang, dict(counts), sections))

    for entry in kb.thesaurus or ():
        for lang in LANGS:
            add(f"thesaurus:{entry.id}", lang, entry.say.get(lang, ()), entry.sections)
    for concept in kb.glossary or ():
        add(concept.id, "en", concept.aliases, concept.sections)
        add(concept.id, "fr", (concept.fr, *concept.aliases), concept.sections)
    for doc in kb.documents:
        if doc.kind != "guidance":
            continue
        for part in doc.sections:
            for unit in part.walk():
                if unit.kind == "reference" or len(unit.text.split()) > PAIR_WORDS:
                    continue
                cited = [r.target.split("/")[1] for r in kb.refs_out.get(unit.id, ())
                         if r.target.startswith(statute.id + "/")]
                add(unit.id, doc.lang, (unit.text,), cited)
    return docs


class Said(NamedTuple):
    """How well a section is said in the question's words."""

    strength: float
    source: str
    """The node whose words say it best: ``thesaurus:<entry>``, a concept, a guidance unit."""
    stems: tuple[str, ...]
    """The question's stems it holds."""


class LayIndex:
    """BM25 over the lay documents, per language; a section counts its best document, the
    sections a document lists after the first a little less (LISTED_STEP each)."""

    def __init__(self, docs: list[tuple[str, str, dict[str, int], tuple[str, ...]]]) -> None:
        self.docs = docs
        self.postings: dict[str, dict[str, list[tuple[int, int]]]] = {lang: {} for lang in LANGS}
        self.count = Counter(lang for _, lang, _, _ in docs)
        lengths: dict[str, list[int]] = {lang: [] for lang in LANGS}
        self.length = []
        for i, (_, lang, counts, _) in enumerate(docs):
            self.length.append(sum(counts.values()))
            lengths[lang].append(self.length[-1])
            for stem, n in counts.items():
                self.postings[lang].setdefault(stem, []).append((i, n))
        self.mean = {lang: (sum(ls) / len(ls) if ls else 1.0) for lang, ls in lengths.items()}

    def score(self, question: tuple[str, ...], lang: str) -> dict[str, Said]:
        """Section -> how well it is said (BM25 of the question's stems (each distinct stem once) in its language, over
        the most they could score (a word no document says counts as the rarest): about the share of
        the question's words a document says, so that a question whose only word said of a section
        is a common one ("benefit") does not count as well said), by which source, with which stems."""
        postings, n, mean = self.postings.get(lang, {}), self.count.get(lang, 0), self.mean.get(lang, 1.0)
        per_doc: dict[int, float] = {}
        total = 0.0
        for stem in dict.fromkeys(question):
            found = postings.get(stem, ())
            weight = math.log(1 + (n - len(found) + 0.5) / (len(found) + 0.5))
            total += weight * (K1 + 1)
            for i, tf in found:
                norm = tf + K1 * (1 - B + B * self.length[i] / mean)
                per_doc[i] = per_doc.get(i, 0.0) + weight * tf * (K1 + 1) / norm
        out: dict[str, Said] = {}
        for i, value in per_doc.items():
            source, _, counts, sections = self.docs[i]
            for position, section in enumerate(sections):
                value_here = value / total * max(LISTED_FLOOR, 1 - LISTED_STEP * position)
                if section not in out or value_here > out[section].strength:
                    out[section] = Said(value_here, source, tuple(s for s in dict.fromkeys(question) if s in counts))
        return out


@lru_cache(maxsize=4)
def lay_index(kb) -> LayIndex:
    """The lay index of a knowledge base, once per process: from the documents `alinea build`
    stored (graph.govern_state), else computed now."""
    state = stored(kb)
    docs = state.get("lay") if state is not None else None
    return LayIndex(kb.decode(list[LayDocument], docs) if docs is not None else lay_documents(kb))


def lay_words(text: str, lang: str) -> dict[str, str]:
    """Stem -> the first content word of the text that has it (for saying which words matched):
    function words and the phrases that ask an aspect left out (graph.govern_words)."""
    stop = _stop_stems(lang)
    content = content_text(text, lang)
    as_written = len(content) == len(text)
    out: dict[str, str] = {}
    for start, end, word in words_of(content):
        stem = stems((word,), lang)[0]
        if stem not in stop and len(stem) > 1:
            out.setdefault(stem, text[start:end] if as_written else word)
    return out
