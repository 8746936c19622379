"""The cues of a question about a decision (graph.govern_input), rule by rule, on sentences written for these
tests (not taken from the evaluation sets): a cue word in another sense is not read, the person's own act is not
a decision against them, a negated challenge is not asked, and a story's challenge counts less than the
question's."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.govern_input import CONTEXT_SHARE, asking_spans, cues, read_input
from graph.govern_rank import OTHER_REMEDY, remedy_strength


def found(kb, text: str):
    return cues(read_input(text, kb), kb)


@pytest.mark.parametrize("text", [
    "Je reçois de l'aide financière de dernier recours depuis un an. Ma fille de 16 ans compte-tu?",
    "Mon agent m'a appelé hier pour me dire de venir au bureau.",
    "J'ai eu un appel du ministère ce matin, ils veulent mes relevés.",
    "My landlord took me to the housing tribunal over the rent. Does welfare pay the arrears?",
    "Mon garçon a été émancipé par le tribunal l'an passé, il vit seul.",
    "If I don't contest the claim, when can they start taking it off my cheque?",
    "Si je conteste pas la réclamation, quand vont-ils commencer à couper?",
])
def test_words_in_another_sense_or_negated_are_not_a_challenge(kb, text):
    assert not found(kb, text).challenge


@pytest.mark.parametrize("text", [
    "Je veux faire appel de la décision de mon agent.",
    "Can I go to the Tribunal after the review?",
    "Est-ce que je peux aller au TAQ?",
    "How do I contest their decision?",
])
def test_asking_to_contest_is_a_challenge(kb, text):
    assert found(kb, text).challenge


@pytest.mark.parametrize("text", [
    "I refused the job they offered me because of the hours.",
    "J'ai refusé l'offre d'emploi parce que c'était trop loin.",
    "I want to cut my hours at the store.",
    "Je voudrais réduire mes heures au travail.",
])
def test_the_persons_own_act_is_not_an_adverse_decision(kb, text):
    assert not found(kb, text).adverse


@pytest.mark.parametrize("text", [
    "They refused my application last week.",
    "I was refused because of my savings.",
    "On m'a refusé la prestation spéciale.",
    "J'ai été refusé à cause de mon compte en banque.",
    "I owe the ministry money, they say.",
    "J'ai reçu une décision du ministère hier.",
])
def test_a_decision_against_the_person_is_adverse(kb, text):
    assert found(kb, text).adverse


def test_a_storys_challenge_counts_less_than_the_questions(kb):
    text = "I asked for a review of my file a month ago and nothing came. Can I go to the Tribunal now?"
    places = {words.lower(): place for _, words, place in found(kb, text).remedies}
    assert places == {"review": CONTEXT_SHARE, "tribunal": 1.0}


def test_a_remedy_named_counts_more_than_the_other(kb):
    asked = found(kb, "Est-ce que je peux demander une révision de cette décision?")
    assert remedy_strength(asked, "term:review") == 1.0
    assert remedy_strength(asked, "term:administrative-tribunal") == OTHER_REMEDY
    plain = found(kb, "How do I contest it?")
    assert remedy_strength(plain, "term:review") == remedy_strength(plain, "term:administrative-tribunal") == 1.0


def asking(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in asking_spans(text)]


def test_asking_sentences():
    assert asking("I got a letter. They cut me off! Can I do something? Thanks.") == ["Can I do something?"]
    assert asking("No question here. Just a story.") == ["No question here.", "Just a story."]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeéi ?.,!'’\nTAQrviostnpl")), max_size=120))
def test_cues_of_any_text_are_well_formed(kb, text):
    read = read_input(text, kb)
    if read.kind != "text":
        return
    got = cues(read, kb)
    assert len(got.remedies) >= len(got.challenge)
    for named, words, place in got.remedies:
        assert words and words in read.text and place in (1.0, CONTEXT_SHARE)
