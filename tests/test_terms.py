"""Programs and defined terms read from the Act."""
from __future__ import annotations

from graph.concepts import load_glossary, program_names
from graph.terms import concepts_pattern, find_concepts, find_mentions
from tests.law_graph_data import corpus


def test_programs_and_terms_of_the_act():
    concepts = {c.id: c for c in find_concepts(corpus())}
    assert sorted(concepts) == [
        "program:aim-for-employment", "program:basic-income", "program:social-assistance",
        "program:social-assistance-and-support", "program:social-solidarity", "program:specific-programs",
        "term:adult", "term:dependent-child", "term:family", "term:misrepresentation", "term:spouses"]
    assert concepts["program:aim-for-employment"].label == "Aim for Employment Program"
    assert [s[0] for s in concepts["program:specific-programs"].sources] == [
        "A-13.1.1/title:II/chapter:IV", "A-13.1.1/79/p1"]
    assert concepts["term:dependent-child"].forms == ("dependent child", "dependent children", "dependants", "dependant")


def test_mentions_respect_capitals_and_word_boundaries():
    pattern, by_form = concepts_pattern(find_concepts(corpus(), program_names(load_glossary())))
    text = ("the Basic Income Program, a basic income program, specific programs, a family-type resource, "
            "the Programme de solidarité sociale and dependent children")
    found = [(text[m.start:m.end], m.concept) for m in find_mentions(text, pattern, by_form)]
    assert found == [("Basic Income Program", "program:basic-income"),
                     ("specific programs", "program:specific-programs"),
                     ("Programme de solidarité sociale", "program:social-solidarity"),
                     ("dependent children", "term:dependent-child")]
