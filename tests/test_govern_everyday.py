"""Everyday English for the Act's words (corpus/lexicon_everyday_en.json, graph.govern_everyday):
checked when it is read (a bad line is named by file and line), matched on stems in order, and
tried on questions written for this test, about sections whose thesaurus entries are held out, so
that what reaches them is the list and not an entry."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from alinea.errors import AlineaError
from benchmarks.govern import ABLATIONS
from benchmarks.govern_fit import WithoutEntries
from graph.govern import govern
from graph.govern_everyday import EVERYDAY_FILE, everyday_words, load_everyday, tokens
from graph.govern_input import cues, read_input
from graph.govern_lexicon import Lexicon, content_words
from graph.govern_rank import WEIGHTS, Scorer
from search import open_index

ACT = "A-13.1.1"
ISOLATED = replace(WEIGHTS, lay=0.0)
"""Without what people say of a section: its documents are the thesaurus's entries (as in
tests/test_govern_methods.py)."""
TEXTS = ("The adult must reside in Québec and must not cohabit with a spouse.",
         "Leaving or losing a job does not constitute failure to fulfil the obligation.",
         "Any program, program or program of the Minister.", "A program of employment.",
         "Another program.", "A program.", "Housing that is precarious.", "Rent.", "Law.", "Nothing here.",
         "A job.", "More.", "Less.", "Again.", "Other.", "Still.", "Yet.", "Also.", "Then.", "Now.")
"""A small Act: "program" is in four of its twenty sections, so common enough that the full text finds it."""
VOCABULARY = {w for t in TEXTS for w in content_words(t, "en")}


@pytest.fixture(scope="module")
def index(data_dir, kb):
    return open_index(data_dir, kb.resolver())


def write(tmp_path, words: dict | str):
    """A list file written one entry per line, as the bundled one is."""
    path = tmp_path / "everyday.json"
    if isinstance(words, str):
        path.write_text(words, encoding="utf-8")
        return path
    lines = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in words.items())
    path.write_text('{\n "description": "test",\n "words": {\n' + lines + "\n }\n}\n", encoding="utf-8")
    return path


def test_the_bundled_list_covers_the_act_and_is_read_whole(kb):
    statute = kb.default_statute()
    vocabulary = {w for s in statute.sections for w in content_words(s.text, "en")}
    table = load_everyday(vocabulary, [s.text for s in statute.sections])
    entries = json.loads(EVERYDAY_FILE.read_text(encoding="utf-8"))["words"]
    assert len(entries) >= 300
    assert {name for names in table.values() for name in names} == set(entries)
    assert sum(" " in name for name in entries) >= 40, "the Act's recurring multiword terms have entries too"


@pytest.mark.parametrize("entries, line, message", [
    ({"reside": ["live"], "sandwich": ["lunch"]}, 5, "'sandwich' is not a word or a phrase of the Act"),
    ({"reside": ["live"], "capacity for work": ["able to work"]}, 5, "'capacity for work' is not a word or a phrase"),
    ({"reside": "live"}, 4, "'reside' must list everyday words or expressions"),
    ({"reside": []}, 4, "'reside' must list everyday words or expressions"),
    ({"cohabit": ["live together", "cohabiting"]}, 4, "'cohabit' lists itself"),
    ({"precarious": ["evicted", "can"]}, 4, "a common word that says nothing alone"),
    ({"job": ["canned"]}, 4, "'canned', a common word"),
    ({"employment": ["programs"]}, 4, "which the Act itself says in 4 sections"),
])
def test_a_bad_line_is_named_by_file_and_line(tmp_path, entries, line, message):
    path = write(tmp_path, entries)
    with pytest.raises(AlineaError, match=message) as error:
        load_everyday(VOCABULARY, TEXTS, path)
    assert str(error.value).startswith(f"{path}:{line}: ")


def test_an_entry_listed_twice_and_a_broken_file_are_named_by_line(tmp_path):
    path = write(tmp_path, '{\n "words": {\n  "rent": ["lease"],\n  "rent": ["landlord"]\n }\n}\n')
    with pytest.raises(AlineaError, match=rf"{path}:4: 'rent' is listed twice \(first on line 3\)"):
        load_everyday(VOCABULARY, TEXTS, path)
    path = write(tmp_path, '{\n "words": {\n  "rent": ["lease"]\n  "law": ["rules"]\n }\n}\n')
    with pytest.raises(AlineaError, match=rf"{path}:4: cannot read the everyday word list"):
        load_everyday(VOCABULARY, TEXTS, path)


def test_expressions_match_on_stems_in_order_with_common_words_between(tmp_path):
    table = load_everyday(VOCABULARY, TEXTS, write(tmp_path, {
        "precarious": ["kicked out", "about to be evicted"], "housing": ["evicted"],
        "leaving or losing a job": ["quit my job", "got fired"], "cohabit": ["moved in with"],
        "spouse": ["my ex"], "reside": ["take back"]}))
    found = set(everyday_words("They kicked me out, and I quit the job after I got fired.", table))
    assert {("kicked me out", "precarious"), ("got fired", "leaving or losing a job")} <= found
    assert ("quit the job", "leaving or losing a job") not in found, "'the' is not 'my'"
    assert set(everyday_words("I'm being evicted", table)) == {("evicted", "housing")}
    assert ("moving in with", "cohabit") in everyday_words("She is moving in with her boyfriend", table)
    assert everyday_words("Did they take my car back?", table) == []
    assert everyday_words("Did they take it back?", table) == [("take it back", "reside")]
    assert everyday_words("They take the old car back", table) == [], "only common words may come between"
    assert ("my ex", "spouse") in everyday_words("My ex's new girlfriend", table)


def test_contractions_and_possessives_are_written_out():
    assert tokens("I can't work; my doctor’s note says I won't") == ["i", "cannot", "work", "my", "doctor", "note",
                                                                   "says", "i", "will", "not"]


def test_a_bridge_shares_its_weight_and_says_its_words(tmp_path):
    table = load_everyday(VOCABULARY, TEXTS, write(tmp_path, {"precarious": ["evicted"], "housing": ["evicted"]}))
    lexicon = Lexicon(["precarious", "housing"], (), everyday=table)
    bridges = lexicon.say_as_act("We got evicted")
    assert {(b.source, b.word, b.how) for b in bridges} == {("evicted", "precarious", "everyday"),
                                                             ("evicted", "housing", "everyday")}
    assert sum(b.weight for b in bridges) == pytest.approx(1.0)


def ranks(kb, index, question: str, section: str, weights) -> int | None:
    answer = govern(question, WithoutEntries(kb, {section}), index, limit=10, weights=weights)
    found = [r.section for r in answer.results if r.role != "guidance"]
    return found.index(f"{ACT}/{section}") + 1 if f"{ACT}/{section}" in found else None


@pytest.mark.parametrize("question, section", [
    ("I blew all my savings at the casino last year. Will that matter when I apply for welfare?", "65"),
    ("My brother sponsored me when I came to Canada. Does he have to pay back the welfare I got?", "91"),
    ("My grandmother passed away and left me some money. Do I have to give welfare back?", "96"),
    ("The office made a mistake and overpaid me for months. It wasn't my fault. Do I owe it back?", "86"),
])
def test_an_everyday_question_reaches_a_section_through_the_list(kb, index, question, section):
    """Questions written for this test, not taken from the evaluation sets; the thesaurus entries
    that name the section are held out and so is what people say of it (lay words)."""
    on = ranks(kb, index, question, section, ISOLATED)
    off = ranks(kb, index, question, section, replace(ISOLATED, everyday=0.0))
    assert on is not None and (off is None or on < off), (on, off)


def test_the_reason_names_the_everyday_words_and_the_acts(kb, index):
    answer = govern("My grandmother passed away and left me some money. Do I have to give welfare back?",
                    WithoutEntries(kb, {"96"}), index, limit=10, weights=ISOLATED)
    reason = next(r.reason for r in answer.results if r.section == f"{ACT}/96")
    assert "‘passed away’ → ‘succession’" in reason, reason


def test_the_ablation_row_takes_the_list_out_of_the_bag(kb):
    assert ABLATIONS["no everyday list"] == {"everyday": 0.0}
    reading = read_input("They kicked me out and I have nowhere to live", kb)
    found = cues(reading, kb)

    def bag_words(weights):
        return {word for word, _ in Scorer(kb, reading, found, weights).bag().words}

    assert "precarious" in bag_words(WEIGHTS)
    assert "precarious" not in bag_words(replace(WEIGHTS, **ABLATIONS["no everyday list"]))
