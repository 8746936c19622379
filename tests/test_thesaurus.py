"""The lay-to-legal thesaurus (corpus/thesaurus.json) and its matcher (graph/thesaurus.py)."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.errors import AlineaError
from graph.thesaurus import THESAURUS, Thesaurus, load_thesaurus, stems, words_of
from tests.conftest import ACT


@pytest.fixture(scope="module")
def thesaurus() -> Thesaurus:
    return load_thesaurus()


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2009", " ").lower().split())


def test_every_means_phrase_occurs_verbatim_in_the_act(thesaurus):
    act = _normal(ACT.read_text(encoding="utf-8"))
    missing = [(e.id, m) for e in thesaurus for m in e.means if _normal(m) not in act]
    assert not missing


def test_every_section_exists_in_the_act(thesaurus):
    numbers = set(re.findall(r"^(\d+(?:\.\d+)*)\. ", ACT.read_text(encoding="utf-8"), re.MULTILINE))
    assert not [(e.id, s) for e in thesaurus for s in e.sections if s not in numbers]


def test_no_expression_belongs_to_two_entries(thesaurus):
    owners: dict[tuple[str, ...], set[str]] = {}
    for entry in thesaurus:
        for lang in ("en", "fr"):
            for expression in entry.say[lang]:
                owners.setdefault(tuple(w for _, _, w in words_of(expression)), set()).add(entry.id)
    assert not {k: v for k, v in owners.items() if len(v) > 1}
    assert len(thesaurus) == len(json.loads(THESAURUS.read_text(encoding="utf-8"))["entries"])


@pytest.mark.parametrize("text, lang, entry, said", [
    ("Can they cut my cheque because I quit my job?", "en", "leaving-a-job", "quit my job"),
    ("I was quitting my job last week", "en", "leaving-a-job", "quitting my job"),
    ("Est-ce qu'on peut me couper si j'ai lâché ma job?", "fr", "leaving-a-job", "lâché ma job"),
    ("J'AI LACHE MA JOB", "fr", "leaving-a-job", "LACHE MA JOB"),
    ("Mon agent dit que je suis dans Objectif emploi", "fr", "aim-for-employment-program", "Objectif emploi"),
    ("My chum and I live together", "en", "spouses-partner", "chum"),
])
def test_expressions_are_found_folded_and_stemmed(thesaurus, text, lang, entry, said):
    found = {(m.entry, m.text) for m in thesaurus.find(text, lang)}
    assert (entry, said) in found


def test_offsets_point_at_the_words(thesaurus):
    text = "Bonjour. J’ai lâché ma job hier."
    for m in thesaurus.find(text, "fr"):
        assert text[m.start:m.end] == m.text


def test_capital_abbreviations_only_in_capitals(thesaurus):
    assert "last-resort-assistance" in {m.entry for m in thesaurus.find("Je suis sur le BS", "fr")}
    assert "employment-insurance" in {m.entry for m in thesaurus.find("I get EI benefits", "en")}
    assert not [m for m in thesaurus.find("ei bs taq", "en") if m.text in ("ei", "bs", "taq")]


def test_near_match_spreads_the_words_within_a_sentence(thesaurus):
    gapped = thesaurus.find("j'ai lâché ma petite job", "fr")
    assert [(m.entry, m.text, m.exact) for m in gapped if m.entry == "leaving-a-job"] == \
        [("leaving-a-job", "lâché ma petite job", False)]
    spread = thesaurus.find("I lost my part-time job", "en")
    assert [(m.entry, m.exact) for m in spread if m.entry == "leaving-a-job"] == [("leaving-a-job", False)]
    assert not [m for m in thesaurus.find("I lost. My job was fine.", "en") if m.entry == "leaving-a-job"]


def test_generality_counts_the_other_entries_containing_an_expression(thesaurus):
    """'welfare' is a head word of many expressions of other entries ("apply for welfare",
    "welfare debt"...); the count is computed here independently of the matcher."""
    def containing(word: str, lang: str) -> int:
        key = stems((word,), lang)
        return len({e.id for e in thesaurus for s in e.say[lang]
                    if e.id != "last-resort-assistance"
                    and key[0] in stems(tuple(w for _, _, w in words_of(s)), lang) and len(words_of(s)) > 1})
    welfare = next(m for m in thesaurus.find("welfare", "en"))
    assert welfare.generality == containing("welfare", "en") > 5
    girlfriend = next(m for m in thesaurus.find("girlfriend", "en"))
    assert girlfriend.generality < welfare.generality


@pytest.mark.parametrize("content, message", [
    ("not json", "cannot read"),
    ('{"entries": {}}', "'entries' list"),
    ('{"entries": [{"id": "x", "say": {"en": ["a"], "fr": []}, "means": [], "sections": ["1"]}]}', "'means'"),
    ('{"entries": [{"id": "x", "say": {"en": ["a"], "fr": []}, "means": ["m"], "sections": ["s. 1"]}]}', "not a section"),
    ('{"entries": [{"id": "x", "say": {"en": [1]}, "means": ["m"], "sections": ["1"]}]}', "'say'"),
])
def test_bad_files_are_refused_with_the_entry_named(tmp_path, content, message):
    path = tmp_path / "thesaurus.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlineaError, match=message):
        load_thesaurus(path)


def test_duplicate_ids_are_refused(tmp_path):
    entry = {"id": "x", "say": {"en": ["a"], "fr": ["b"]}, "means": ["m"], "sections": ["1"]}
    path = tmp_path / "thesaurus.json"
    path.write_text(json.dumps({"entries": [entry, entry]}), encoding="utf-8")
    with pytest.raises(AlineaError, match="listed twice"):
        load_thesaurus(path)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "fr", "de"]))
def test_any_text_is_matched_without_error(text, lang):
    th = _shared()
    for m in th.find(text, lang):
        assert text[m.start:m.end] == m.text


_CACHE: list[Thesaurus] = []


def _shared() -> Thesaurus:
    if not _CACHE:
        _CACHE.append(load_thesaurus())
    return _CACHE[0]
