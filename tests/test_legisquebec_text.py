"""The statute text ingester on the real Act: facts checked by reading the source."""
from __future__ import annotations

from collections import Counter

import pytest

from alinea.export import document_dict
from alinea.model import Section
from ingest.clean import clean
from ingest.rebuild import rebuild_lines
from ingest.source import read_text, split_lines
from tests.conftest import ACT
from tests.golden import assert_golden


def units(section: Section) -> dict[str, str]:
    return {u.id: u.text for u in section.walk()}


def test_identification(act):
    assert (act.id, act.kind, act.lang, act.chapter) == ("A-13.1.1", "statute", "en", "A-13.1.1")
    assert act.title == "Individual and Family Assistance Act"
    assert act.updated_to == "2024-08-31"
    assert act.url == "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1"


def test_counts_and_statuses(act):
    numbers = [s.number for s in act.sections]
    assert len(numbers) == 231 == len(set(numbers))
    assert {"83.5.1", "103.1", "106.1", "133.1", "133.2", "133.3"} <= set(numbers)
    assert Counter(s.status for s in act.sections) == {
        "in force": 181, "integrated": 35, "repealed": 9, "omitted": 5, "inoperative": 1}
    assert [s.number for s in act.sections if s.status == "repealed"] == [
        "40", "41", "42", "43", "74", "75", "76", "77", "78"]
    assert [s.number for s in act.sections if s.status == "omitted"] == ["160", "164", "174", "175", "200"]
    assert act.section("176").status_text == "(Inoperative, 2005, c. 15, s. 175)."


def test_division_tree(act):
    ids = [d.id for d in act.divisions]
    assert ids[:4] == ["A-13.1.1/title:I", "A-13.1.1/title:I/chapter:I", "A-13.1.1/title:I/chapter:II",
                       "A-13.1.1/title:I/chapter:II/division:I"]
    assert act.section("55").parent == "A-13.1.1/title:II/chapter:I/division:II"
    assert act.section("83.24").parent == "A-13.1.1/title:II/chapter:VI"
    assert act.section("131").parent == "A-13.1.1/title:IV"
    chapter3 = next(d for d in act.divisions if d.id == "A-13.1.1/title:II/chapter:III")
    assert chapter3.status == "repealed"
    assert [e.raw for e in chapter3.history] == ["2005, c. 15, c. III", "2016, c. 25, s. 30"]
    assert chapter3.history[0].other_pinpoints == ("c. III",)
    aim = next(d for d in act.divisions if d.id == "A-13.1.1/title:II/chapter:V")
    assert aim.heading == "AIM FOR EMPLOYMENT PROGRAM"
    assert [e.raw for e in aim.history] == ["2016, c. 25, s. 31"]


def test_unnumbered_groups(act):
    groups = [d for d in act.divisions if d.kind == "group"]
    assert len(groups) == 19
    assert all(d.parent == "A-13.1.1/title:V" for d in groups)
    assert act.section("137").parent == "A-13.1.1/title:V/group:act-respecting-industrial-accidents-and-occupational-diseases"
    assert act.section("174").parent == "A-13.1.1/title:V/group:act-respecting-pre-hospital-emergency-services"
    assert act.section("175").parent == "A-13.1.1/title:VI"
    schedule = act.divisions[-1]
    assert (schedule.id, schedule.parent, schedule.heading) == (
        "A-13.1.1/schedule:repeal-schedules", None, "REPEAL SCHEDULES")
    assert [n.kind for n in schedule.notes] == ["repeal schedule", "repeal schedule"]
    assert "sections 74 to 83 and 108 of chapter 15" in schedule.notes[1].text


def test_units_of_section_55(act):
    s55 = act.section("55")
    assert list(units(s55)) == [
        "A-13.1.1/55/p1", "A-13.1.1/55/p1/1", "A-13.1.1/55/p1/2",
        *[f"A-13.1.1/55/p1/2/{c}" for c in "abcdef"],
        "A-13.1.1/55/p1/2/f/i", "A-13.1.1/55/p1/2/f/ii", "A-13.1.1/55/p2"]
    unit = next(u for u in s55.walk() if u.id == "A-13.1.1/55/p1/2/a")
    assert (unit.kind, unit.label, unit.anchor) == ("clause", "(a)", "se:55-ss:1-p1:2-p2:a")
    assert unit.text.startswith("the income from employment and from property earned")
    item = next(u for u in s55.walk() if u.id == "A-13.1.1/55/p1/2/f/ii")
    assert (item.kind, item.label, item.anchor) == ("item", "ii.", "se:55-ss:1-p1:2-p2:f-p3:ii")


@pytest.mark.parametrize("section, unit_id, label", [
    ("72", "A-13.1.1/72/p3/1.1", "(1.1)"),
    ("131", "A-13.1.1/131/p1/7.1", "(7.1)"),
    ("132", "A-13.1.1/132/p1/15.1", "(15.1)"),
    ("133", "A-13.1.1/133/p1/2.1", "(2.1)"),
])
def test_inserted_subparagraphs(act, section, unit_id, label):
    unit = next(u for u in act.section(section).walk() if u.id == unit_id)
    assert (unit.kind, unit.label) == ("subparagraph", label)


def test_closing_text_belongs_to_its_paragraph(act):
    p1 = act.section("108").units[0]
    assert [c.label for c in p1.children] == ["(1)", "(2)", "(3)"]
    assert p1.closing == "is not subject to review."
    assert act.section("108").units[1].text.startswith("A person to whom a decision referred to in the first")


def test_histories(act):
    s21 = act.section("21").history
    assert [e.raw for e in s21] == ["2005, c. 15, s. 21", "2007, c. 3, s. 69, s. 72", "2016, c. 25, s. 1"]
    assert s21[1].sections == ("69", "72") and s21[1].act == "2007, c. 3"
    s33 = [e.raw for e in act.section("33").history]
    assert s33 == ["2005, c. 15, s. 33", "2018, c. 11, s. 6", "2016, c. 25, s. 25",
                   "2019, c. 14, s. 667", "2018, c. 11, s. 6"]
    assert [e.year for e in act.section("27").history] == [2005, 2002]
    update = act.section("64").history[1]
    assert (update.kind, update.date, update.reason, update.raw) == (
        "update", "2016-01-01", "NCCP", "I.N. 2016-01-01 (NCCP)")
    assert act.section("1").history[1].raw == "2018, c. 11, s. 1"  # thin space normalised


@pytest.mark.parametrize("number, act_id", [
    ("83.5.1", "2018, c. 11"), ("103.1", "2014, c. 1"), ("106.1", "2016, c. 25"),
    ("83.15", "2018, c. 11"), ("133.3", "2018, c. 11"), ("55", "2005, c. 15")])
def test_enacted_by(act, number, act_id):
    assert act.section(number).enacted_by.act == act_id


def test_notes(act):
    (note,) = act.section("64").notes
    assert note.kind == "not in force"
    assert note.text.startswith("The second sentence of the first paragraph of section 64 is not in force.")
    assert (note.order_in_council, note.date, note.date_raw) == ("1072-2006", None, "22 CNovember 2006")
    (ministerial,) = act.section("199").notes
    assert ministerial.kind == "ministerial"
    assert (ministerial.order_in_council, ministerial.date) == ("1658-2022", "2022-10-20")
    assert act.section("64").status == "in force"


@pytest.mark.parametrize("number, target", [
    ("137", ("A-3.001", "s. 11")), ("152", ("C-25", "a. 996")), ("158", ("J-3", "Schedule I")),
    ("162", ("M-31", "s. 69.0.0.7"))])
def test_integrated(act, number, target):
    section = act.section(number)
    assert section.status == "integrated" and section.integrated_into == target and not section.units


def test_quoted_sections_are_not_sections(act):
    assert [s.number for s in act.sections if s.number in ("77", "48.5")] == ["77"]
    assert act.section("77").status == "repealed"
    quotes = [u for u in act.section("177").walk() if u.kind == "quotation"]
    assert [q.id for q in quotes] == ["A-13.1.1/177/p2/1/q1", "A-13.1.1/177/p2/2/q2"]
    assert all(q.text.startswith("77. When an adult eligible") for q in quotes)
    (quote,) = [u for u in act.section("178").walk() if u.kind == "quotation"]
    assert quote.text.startswith("48.5. When an adult") and quote.id == "A-13.1.1/178/p1/q1"
    assert act.section("177").units[2].text.startswith("Lastly, when the second paragraph of section 95")


def test_no_special_spaces_left_in_text(act):
    for section in act.sections:
        for unit in section.walk():
            assert "\u00a0" not in unit.text and "\u2009" not in unit.text, unit.id
    assert "Title II" in act.section("33").units[0].children[1].text


def test_lossless(act):
    source = split_lines(read_text(ACT))
    rebuilt = rebuild_lines(act)
    assert sorted(rebuilt) == list(range(1, len(source) + 1))
    for number, line in enumerate(source, 1):
        assert clean(rebuilt[number]) == clean(line), f"line {number}"


def test_golden(act):
    data = document_dict(act)
    data["path"] = "corpus/legisquebec/A-13.1.1.en.txt"
    assert_golden("statute-A-13.1.1", data)
