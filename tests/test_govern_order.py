"""The order of the provisions of one division: the rule the question asks about before the provision that only
heads the division or carries other rules over.  Questions written for these tests, not taken from the evaluation
sets."""
from __future__ import annotations

import pytest

from graph.govern import govern
from graph.govern_rank import WEIGHTS, Candidate, Reason
from graph.govern_why import why
from search import open_index

ACT = "A-13.1.1"


@pytest.fixture(scope="module")
def index(data_dir, kb):
    return open_index(data_dir, kb.resolver())


def ranking(kb, index, text: str) -> list[str]:
    answer = govern(text, kb, index, limit=10)
    return [r.section.split("/")[1] for r in answer.results if r.role != "guidance"]


@pytest.mark.parametrize("text, rule", [
    ("J'ai demandé une révision le mois passé. Est-ce que les intérêts sur ma dette continuent de courir pendant "
     "ce temps?", "116"),
    ("I put in my review request last month. Can I add documents and be heard before they decide?", "113"),
])
def test_a_rule_of_the_review_asked_in_a_story_comes_before_the_review_itself(kb, index, text, rule):
    order = ranking(kb, index, text)
    assert order.index(rule) < order.index("107"), order


@pytest.mark.parametrize("text, first", [
    ("Can I contest the decision they sent me?", "107"),
    ("My review came back against me. Can I go to the Tribunal now?", "118"),
])
def test_asking_to_contest_still_gives_the_remedy_first(kb, index, text, first):
    assert ranking(kb, index, text)[0] == first


def test_the_other_rules_of_the_remedies_say_why(kb, index):
    answer = govern("I put in my review request last month. Can I add documents and be heard before they decide?",
                    kb, index, limit=10)
    s113 = next(r for r in answer.results if r.section == f"{ACT}/113")
    assert "one of the rules of" in s113.reason


def test_a_provision_that_makes_others_apply_counts_the_best_of_them():
    c = Candidate(f"{ACT}/73", WEIGHTS)
    for section, strength in (("53", 0.9), ("57", 0.6), ("61", 0.5)):
        c.add(Reason("makes apply", why("makes apply to", ids={"what": f"{ACT}/{section}"}, concepts={"program": "program:social-solidarity"}),
                     (f"{ACT}/{section}", "made to apply", f"{ACT}/73"), strength))
    c.add(Reason("text", why("text question"), ("text", "match", f"{ACT}/73"), 0.4))
    c.add(Reason("text", why("text question"), ("text", "match", f"{ACT}/73/p1"), 0.2))
    assert c.features() == {"makes apply": 0.9, "text": 0.4 + WEIGHTS.repeated * 0.2}
