"""A command loads only what it needs: the citation engine's literal prefilter never turns away a
citation, a word search imports neither the citation engine nor networkx, and cross-language
search reads the lexicon the build folded."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.cli import may_cite
from graph.cite import parse_query
from tests.test_data_dir import QUERIES

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("Individual and Family Assistance Act", "LAPF", "Labour Code", "Loi sur l'aide aux personnes et aux familles")
PIECES = st.sampled_from([
    "s.", "ss.", "art.", "a.", "section", "sections", "article", "paragraph", "subparagraph", "alinéa", "para.",
    "par.", "al.", "title", "titre", "chapter", "chapitre", "division", "part", "partie", "book", "livre", "schedule",
    "annexe", "first", "second", "premier", "dernier", "last", "of", "the", "de", "la", "du", "Act", "Loi", "Code",
    "Charter", "Regulation", "Règlement", "that Act", "cette loi", "CQLR", "RLRQ", "c.", "I", "II", "IV", "a", "b",
    "(a)", "(ii)", "55", "83.24", "A-13.1.1", "/", "§", "LAPF", "lapf", "Labour Code", "benefit", "spouse", "aide",
    "Individual and Family Assistance Act", "statutes of", "Lois refondues", ",", "and", "et"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=7).map(" ".join))
def test_the_prefilter_lets_every_citation_through(text):
    if parse_query(text, NAMES):
        assert may_cite(text, NAMES), text


def test_the_prefilter_lets_the_lazy_resolver_queries_through():
    for text in QUERIES:
        if parse_query(text, NAMES):
            assert may_cite(text, NAMES), text


def test_plain_words_are_not_citations():
    assert not may_cite("benefit", NAMES)
    assert not may_cite("avoirs liquides du conjoint", NAMES)
    assert may_cite("lapf", NAMES) and may_cite("s. 55", ()) and may_cite("title II", ())


def imported_by(args: list[str], data_dir) -> set[str]:
    """Modules a fresh `alinea` process imported."""
    code = ("import runpy, sys, json\nsys.argv = ['alinea'] + json.loads(sys.argv[1])\n"
            "try:\n    runpy.run_module('alinea.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(["--data", str(data_dir), *args])],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "ALINEA_SEARCH_ENGINE": "fts5"})
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


PRINTER = {"graph.cite", "graph.cite.format", "graph.cite.acts", "graph.cite.literals", "graph.datafile"}
"""What printing an id needs (a result's label is printed when it is shown), and the literal test that tells
words from a citation: not the grammar that reads."""


def test_a_word_search_loads_neither_the_citation_grammar_nor_networkx_nor_the_whoosh_engine(data_dir):
    modules = imported_by(["search", "benefit"], data_dir)
    assert "search.fts5_index" in modules and "search.crosslang" in modules and "graph.cite.format" in modules
    assert not {m for m in modules if m.split(".")[0] == "networkx" or m.startswith(("graph.", "whoosh.index"))} - PRINTER
    assert "search.whoosh_index" not in modules


def test_the_lexicon_the_build_stores_is_the_one_the_glossary_thesaurus_and_word_table_make(data_dir):
    from alinea.cli import search_lexicon
    from alinea.kb import load
    from search.crosslang import Lexicon

    kb = load(data_dir)
    stored, made = search_lexicon(data_dir, "avoirs liquides"), Lexicon.of(kb.glossary, kb.thesaurus, kb.word_table)
    assert any(t.learned for terms in stored.terms.values() for t in terms)
    assert stored.terms == made.terms and stored.terms
    assert stored._stemmed == made._stemmed  # the stem keys the build stored, as stemming makes them
    assert (stored.longest, stored.near(("avoir", "liquide"))) == (made.longest, made.near(("avoir", "liquide")))


def _fold_reference(text: str) -> str:
    """fold_chars as first written: each character normalised on its own."""
    import unicodedata

    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        out.append(base.lower() if len(base.lower()) == 1 else base)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(alphabet="aÀéÉİßﬁ’ ǅ", max_size=12))
def test_the_cached_fold_folds_as_before(text):
    from alinea.ids import fold_chars

    assert fold_chars(text) == _fold_reference(text) and len(fold_chars(text)) == len(text)


def test_govern_on_a_question_reads_the_stored_state_without_networkx_or_the_whoosh_engine(data_dir):
    modules = imported_by(["govern", "I quit my job"], data_dir)
    assert "graph.govern_state" in modules and "graph.govern_rank" in modules
    assert not {m for m in modules if m.split(".")[0] == "networkx" or m.startswith("whoosh.index")}
    assert "search.whoosh_index" not in modules and "graph.govern_nodes" not in modules


NAME_PIECES = st.sampled_from(["Individual", "and", "Family", "Assistance", "Act", "Loi", "sur", "l’aide", "l'aide",
                               "aux", "personnes", "LAPF", "lapf", "Labour", "Code", "CODE", "taxatıon", "ſur",
                               "İndividual", "s. 55", "(", ")", ",", "the", "of"])
SPACES = st.sampled_from([" ", "  ", "\u00a0", "\u2009", "\n", "\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAME_PIECES, SPACES), max_size=10).map(lambda parts: "".join(w + s for w, s in parts)))
def test_the_names_prefilter_never_hides_a_name_the_pattern_finds(text):
    import re

    from graph.cite.find import _names_pattern

    names = _names_pattern(NAMES + ("Taxation Act", "Loi sur les impôts"))
    compiled = re.compile(names._pattern.pattern, re.IGNORECASE)
    assert [m.span() for m in names.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert bool(names.fullmatch(text.strip())) == bool(compiled.fullmatch(text.strip()))


def test_a_word_search_reads_the_stems_the_build_stored_instead_of_importing_the_stemmers(data_dir):
    from search.analysis import stem_table
    from search.store import current_dir, engine_of, new_engine

    modules = imported_by(["search", "benefit"], data_dir)
    assert not {"whoosh.lang.snowball", "whoosh.compat", "whoosh.support.charset", "urllib.request"} & modules
    directory = current_dir(data_dir)
    index = new_engine(engine_of(directory))
    index.open(directory)
    try:
        words = [w for w, in index._db().execute("SELECT word FROM stems")]
        assert len(words) > 1000 and "benefit" in words and "prestation" in words
        assert [(w, index.stem_of(w, "en"), index.stem_of(w, "fr")) for w in words] == stem_table(words)
        assert index.stem_of("notaword", "en") is None
    finally:
        index.close()


def loaded_by(args: list[str], data_dir) -> tuple[set[str], list[str]]:
    """Modules a fresh `alinea` process imported, and the citation patterns it compiled (each
    graph.cite.grammar.LazyPattern of a citation module that was used)."""
    code = ("import runpy, sys, json\nsys.argv = ['alinea'] + json.loads(sys.argv[1])\n"
            "try:\n    runpy.run_module('alinea.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "grammar = sys.modules.get('graph.cite.grammar')\n"
            "compiled = [f'{name}.{attr}' for name, module in list(sys.modules.items()) if name.startswith('graph.cite')\n"
            "            for attr, value in vars(module).items()\n"
            "            if grammar and isinstance(value, grammar.LazyPattern) and 'match' in vars(value)]\n"
            "print(json.dumps([sorted(sys.modules), compiled]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(["--data", str(data_dir), *args])],
                          cwd=ROOT, capture_output=True, text=True)
    modules, compiled = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules), compiled


STEMMERS = {"whoosh.lang.snowball", "whoosh.compat", "urllib.request"}
"""What importing Whoosh's Snowball stemmers brings (`whoosh.compat` imports `urllib.request`)."""


def test_govern_on_plain_words_loads_neither_networkx_nor_the_stemmers_nor_the_citation_reader(data_dir):
    modules, compiled = loaded_by(["govern", "I quit my job"], data_dir)
    assert "graph.govern_rank" in modules and "graph.govern_state" in modules
    assert not {m for m in modules if m.split(".")[0] == "networkx"}
    assert not STEMMERS & modules
    assert not {"graph.cite.grammar", "graph.cite.resolve", "graph.cite.query"} & modules  # the reader not even imported
    assert compiled == []
    modules, compiled = loaded_by(["govern", "Is s. 55 about my spouse?"], data_dir)  # a question that cites does read it
    assert "graph.cite.resolve" in modules and compiled


def test_the_stems_govern_wants_are_stored_with_the_index(data_dir):
    from alinea.kb import load
    from graph.govern_stems import words_to_stem
    from search.analysis import stem_table
    from search.store import current_dir, engine_of, new_engine

    kb = load(data_dir)
    wanted = words_to_stem(kb.thesaurus, kb.glossary)
    assert {"quit", "job", "lache", "contester", "expire"} <= wanted
    directory = current_dir(data_dir)
    index = new_engine(engine_of(directory))
    index.open(directory)
    try:
        stored = {w: (index.stem_of(w, "en"), index.stem_of(w, "fr")) for w in sorted(wanted)}
    finally:
        index.close()
    assert [(w, *stored[w]) for w in sorted(wanted)] == stem_table(sorted(wanted))


def test_the_act_names_the_build_stored_are_those_the_citation_index_learns(data_dir):
    from alinea.kb import KnowledgeBase, load

    kb = load(data_dir)
    assert kb.citation_names and kb.citation_names == KnowledgeBase(kb.corpus).citation_names


FREE_PIECES = PIECES | st.sampled_from([
    "I", "quit", "my", "job", "can", "they", "cut", "cheque", "because", "en", "CSA", "Z94.4-11", "ISO", "volume",
    "tome", "this", "that", "clause", "-", "this section", "the regulation", "ladite loi", "ce code", "statutes of Québec",
    "R.S.C. 1985, c. H-3", "guidance:adel-66-72", "standard:csa-z94.4-11", "taxatıon", "İndividual",
    # the forms of the citation survey: McGill's undotted abbreviations, annual statutes, hyphen ranges, chapters after "of"
    "s", "ss", "sect", "sec", "SQ", "L.Q.", "2005,", "c", "15,", "r", "9", "S-2.1,", "r 9", "subsections", "(1)", "to",
    "131-133", "27(2)", "Schedule", "règlement"])


@settings(max_examples=300, deadline=None)
@given(st.lists(FREE_PIECES, min_size=1, max_size=8).map(" ".join), st.sampled_from(["en", "fr"]))
def test_what_govern_asks_before_reading_citations_never_hides_one(text, lang):
    from graph.cite import SOURCES, find_citations, may_hold_citations

    for source in SOURCES:
        if find_citations(text, lang, NAMES, source):
            assert may_hold_citations(text, NAMES), (text, source)


def test_every_rule_has_its_literals_and_only_the_rules():
    from graph.cite import RULE_LITERALS, RULES

    assert list(RULE_LITERALS) == [rule.name for rule in RULES]


@settings(max_examples=200, deadline=None)
@given(st.lists(FREE_PIECES, min_size=1, max_size=6).map(" ".join))
def test_a_lookup_turned_away_by_the_prefilter_is_what_reading_it_says(text):
    from graph.cite import may_cite, read
    from tests.law_graph_data import index

    text = " ".join(text.split())
    if not may_cite(text, index().title_list):
        reading = read(text, index())
        assert (reading.targets, reading.missing, reading.nearest) == ((), (), ())
        assert reading.error == f"{text!r} is not a citation Alinea can read"
