"""Amending acts read from the real Act's histories: the enacting act apart, what each act did."""
from __future__ import annotations

import pytest

from graph.amendments import AMENDED, ENACTED, INSERTED, REPEALED_BY, amending_acts, enacting_act


@pytest.fixture(scope="module")
def acts(kb):
    return amending_acts(kb.corpus)


def test_the_enacting_act_is_kept_apart(kb, acts):
    assert enacting_act(kb.document("A-13.1.1")) == "2005, c. 15"
    enacting = acts["2005, c. 15"]
    assert enacting.enacted == ("A-13.1.1",)
    assert AMENDED not in enacting.counts()
    assert all(act.enacted == () for name, act in acts.items() if name != "2005, c. 15")


def test_each_provision_once_with_what_the_act_did(acts):
    act = acts["2018, c. 11"]
    provisions = [c.provision for c in act.changes]
    assert len(provisions) == len(set(provisions))
    (s33,) = [c for c in act.changes if c.provision == "A-13.1.1/33"]
    assert s33.operations == (AMENDED,) and s33.entries == ("2018, c. 11, s. 6",)
    assert {c.operations for c in act.changes if c.provision == "A-13.1.1/83.24"} == {(INSERTED,)}


def test_repeals_come_from_the_status(acts):
    act = acts["2013, c. 4"]
    assert {c.provision: c.operations for c in act.changes} == {
        "A-13.1.1/38": (AMENDED,), **{f"A-13.1.1/{n}": (REPEALED_BY,) for n in ("40", "41", "42", "43")}}
    assert acts["2005, c. 15"].counts()[ENACTED] > 190


def test_titles_and_dates_are_none_unless_known(kb):
    acts = amending_acts(kb.corpus, titles={"2018, c. 11": "An Act"}, assented={"2018, c. 11": "2018-05-10"})
    assert (acts["2018, c. 11"].title, acts["2018, c. 11"].assented) == ("An Act", "2018-05-10")
    assert acts["2016, c. 25"].title is None and acts["2016, c. 25"].assented is None
