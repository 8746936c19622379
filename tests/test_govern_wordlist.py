"""The bilingual word list of the Act's vocabulary (corpus/lexicon_fr_en.json,
graph.govern_lexicon.load_dictionary): checked when it is read, looked up as written before its
stems, and tried on sections whose thesaurus entries are held out, so that what reaches them is the
list and not an entry."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from alinea.errors import AlineaError
from benchmarks.govern_fit import WithoutEntries
from graph.govern import govern
from graph.govern_lexicon import DICTIONARY_FILE, Lexicon, content_words, load_dictionary
from graph.govern_rank import WEIGHTS
from search import open_index

ACT = "A-13.1.1"
ISOLATED = replace(WEIGHTS, lay=0.0)
"""Without what people say of a section: its documents are the thesaurus's entries (as in
tests/test_govern_methods.py)."""


@pytest.fixture(scope="module")
def index(data_dir, kb):
    return open_index(data_dir, kb.resolver())


def write(tmp_path, data) -> object:
    path = tmp_path / "lexicon.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_every_entry_of_the_bundled_list_is_a_word_of_the_act(kb):
    vocabulary = {w for s in kb.default_statute().sections for w in content_words(s.text, "en")}
    table = load_dictionary(vocabulary)
    entries = json.loads(DICTIONARY_FILE.read_text(encoding="utf-8"))["words"]
    assert len(entries) >= 600 and set(entries) <= vocabulary
    assert {w for words in table.values() for w in words} == set(entries)


@pytest.mark.parametrize("content, message", [
    ("{", "cannot read the word list"),
    ({"words": []}, "expected an object with an 'words' object"),
    ({"words": {"rent": ["loyer"], "sandwich": ["sandwich"]}}, "'sandwich' is not a word of the Act"),
    ({"words": {"rent": "loyer"}}, "'rent' must list French words"),
    ({"words": {"rent": []}}, "'rent' must list French words"),
])
def test_a_bad_word_list_is_named(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(AlineaError, match=message) as error:
        load_dictionary({"rent", "law"}, path)
    assert str(path) in str(error.value)


def test_a_word_is_looked_up_as_written_before_its_stem(tmp_path):
    """Snowball stems « partie » and « partir » alike (``part``): as written, « partie » is part and
    « partir » is leaving; an inflection the list does not hold meets its entry through the stem, a
    verb form through its infinitive (Snowball stems « réclament » to ``recl``)."""
    table = load_dictionary({"part", "leaving", "repay", "claim"}, write(tmp_path, {"words": {
        "part": ["partie"], "leaving": ["partir"], "repay": ["rembourser"], "claim": ["réclamer"]}}))
    lexicon = Lexicon(["part", "leaving", "repay", "claim"], (), dictionary=table)
    assert {b.word for b in lexicon.translate(["partie"])} == {"part"}
    assert {b.word for b in lexicon.translate(["partir"])} == {"leaving"}
    assert {(b.word, b.how) for b in lexicon.translate(["remboursements"])} == {("repay", "dictionary")}
    assert {b.word for b in lexicon.translate(["reclament"])} == {"claim"}


def test_function_words_of_an_entry_are_not_keys(tmp_path):
    table = load_dictionary({"rent"}, write(tmp_path, {"words": {"rent": ["payer le loyer"]}}))
    assert "loyer" in table and "le" not in table


def ranks(kb, index, question: str, section: str, weights) -> int | None:
    answer = govern(question, WithoutEntries(kb, {section}), index, limit=10, weights=weights)
    found = [r.section for r in answer.results if r.role != "guidance"]
    return found.index(f"{ACT}/{section}") + 1 if f"{ACT}/{section}" in found else None


@pytest.mark.parametrize("question, section", [
    ("Qui désigne les réviseurs au ministère?", "109"),
    ("Le ministre peut-il financer des organismes qui aident les gens à se trouver de l'ouvrage?", "5"),
])
def test_a_french_question_reaches_a_section_through_the_word_list(kb, index, question, section):
    on = ranks(kb, index, question, section, ISOLATED)
    off = ranks(kb, index, question, section, replace(ISOLATED, written=0.0))
    assert on is not None and (off is None or on < off), (on, off)


def test_the_reason_names_the_words_the_list_bridged(kb, index):
    answer = govern("Qui désigne les réviseurs au ministère?", WithoutEntries(kb, {"109"}), index, limit=5,
                    weights=ISOLATED)
    reason = next(r.reason for r in answer.results if r.section == f"{ACT}/109")
    assert "‘reviseurs’ → ‘reviewers’" in reason or "‘designe’ → ‘designated’" in reason, reason
