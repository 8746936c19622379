"""The references extracted from the Act: facts checked by reading it, exact spans, the
golden file, and precision/recall on the hand-annotated sample."""
from __future__ import annotations

from collections import Counter

from alinea.export import reference_dict
from benchmarks.references_eval import evaluate, evaluate_texts
from tests.golden import assert_golden
from tests.law_graph_data import act, references


def refs_from(source: str, kind: str | None = None) -> list[tuple[str, str]]:
    return [(r.target, r.type) for r in references()
            if (r.source == source or r.source.startswith(source + "/")) and (kind is None or r.type == kind)]


def test_golden_references():
    assert_golden("references-A-13.1.1", [reference_dict(r) for r in references()])


def test_every_span_slices_back_from_its_field():
    units = {u.id: u for s in act().sections for u in s.walk()}
    sections = {s.id: s for s in act().sections}
    divisions = {d.id: d for d in act().divisions}
    checked = 0
    for r in references():
        if r.start is None:
            assert r.field == "history" and r.type == "amended by"
            continue
        if r.field == "heading":
            text = divisions[r.source].heading
        elif r.field == "status":
            text = sections[r.source].status_text
        else:
            text = getattr(units[r.source], r.field)
        assert text[r.start:r.end] == r.text, r
        checked += 1
    assert checked > 600


def test_provisions_made_to_apply_to_programs():
    assert refs_from("A-13.1.1/83.24", "applies") == [(f"A-13.1.1/{n}", "applies")
                                                      for n in ("49", "50", "51", "58", "59", "63", "64", "69")]
    assert refs_from("A-13.1.1/83.24", "applies to") == [("program:basic-income", "applies to")]
    assert refs_from("A-13.1.1/83.5.1/p1") == [("A-13.1.1/58", "applies"), ("program:aim-for-employment", "applies to")]
    assert ("program:social-solidarity", "applies to") in refs_from("A-13.1.1/73")
    assert ("A-13.1.1/63/p3", "subject to") in refs_from("A-13.1.1/83.11")


def test_regulation_making_powers_point_at_the_provision_they_serve():
    served = refs_from("A-13.1.1/131", "for the purposes of")
    assert served[:4] == [("A-13.1.1/title:I", "for the purposes of"), ("A-13.1.1/11", "for the purposes of"),
                          ("A-13.1.1/14", "for the purposes of"), ("A-13.1.1/16/p2", "for the purposes of")]
    assert ("A-13.1.1/11", "cites") in refs_from("A-13.1.1/131/p1/1")  # "that section"
    assert refs_from("A-13.1.1/135") == [("A-13.1.1/119", "for the purposes of"), ("2005, c. 15", "amended by")]


def test_ranges_include_inserted_sections():
    assert [t for t, _ in refs_from("A-13.1.1/136/p1", "cites")][:8] == [
        "A-13.1.1/131", "A-13.1.1/132", "A-13.1.1/133", "A-13.1.1/133.1", "A-13.1.1/133.2", "A-13.1.1/133.3",
        "A-13.1.1/134", "A-13.1.1/135"]
    assert "A-13.1.1/103.1" in [t for t, _ in refs_from("A-13.1.1/183")]


def test_pinpoints_resolve_to_units_that_exist():
    assert refs_from("A-13.1.1/56/p1", "for the purposes of") == [("A-13.1.1/55/p1/2/a", "for the purposes of")]
    assert ("A-13.1.1/27/p1/2", "cites") in refs_from("A-13.1.1/25/p2")  # "paragraph 2 of section 27"
    assert ("A-13.1.1/55/p1/1", "cites") in refs_from("A-13.1.1/55/p1/2")  # "paragraph 1" inside 55(2)
    assert ("A-13.1.1/96/p1/2", "cites") in refs_from("A-13.1.1/96/p1/4")


def test_other_acts_and_their_provisions():
    assert ("A-2.1/57/p1/4", "despite") in refs_from("A-13.1.1/51/p2")
    assert ("canada:sc-1996-c-23/22", "cites") in refs_from("A-13.1.1/56/p2")
    assert ("canada:sc-1996-c-23", "cites") in refs_from("A-13.1.1/55/p1/2/c")  # named again without its chapter
    assert ("S-4.2", "within the meaning of") in refs_from("A-13.1.1/53/p1/7")  # "that Act"
    assert ("M-31/69.0.0.7/p1/b/ii", "cites") in refs_from("A-13.1.1/189")
    assert ("1969, c. 63, s. 67", "cites") in refs_from("A-13.1.1/192")
    assert ("C-25.01/book:VIII", "cites") in refs_from("A-13.1.1/103.1")


def test_quoted_text_is_read_in_the_act_it_quotes():
    assert sorted(t for t, _ in refs_from("A-13.1.1/177/p2/2/q2") if "/" in t) == [
        "S-32.001/73", "S-32.001/74", "S-32.001/75", "S-32.001/76"]
    assert ("S-3.1.1/48.1", "cites") in refs_from("A-13.1.1/178/p1/q1")


def test_divisions():
    assert ("A-13.1.1/title:II/chapter:I/division:II", "cites") in refs_from("A-13.1.1/48/p1")
    assert ("A-13.1.1/title:III/chapter:II", "cites") in refs_from("A-13.1.1/84/p1/3")
    assert ("A-13.1.1/title:I/chapter:II", "cites") in refs_from("A-13.1.1/107/p2")
    assert [t for t, k in refs_from("A-13.1.1/33/p1/2") if "title" in t] == [
        f"A-13.1.1/title:II/chapter:{n}" for n in ("I", "II", "V", "VI")]


def test_terms_and_programs():
    assert refs_from("A-13.1.1/22/p1", "defines") == [("term:spouses", "defines")]
    assert refs_from("A-13.1.1/23/p1", "defines") == [("term:dependent-child", "defines")]
    assert ("term:adult", "uses term") in refs_from("A-13.1.1/25/p1/1")
    assert ("term:dependent-child", "uses term") in refs_from("A-13.1.1/24")
    assert refs_from("A-13.1.1/title:II/chapter:VI", "establishes") == [("program:basic-income", "establishes")]
    assert refs_from("A-13.1.1/15", "establishes") == [("program:social-assistance-and-support", "establishes")]


def test_history_and_integration():
    assert refs_from("A-13.1.1/55", "amended by") == [
        ("2005, c. 15", "amended by"), ("2016, c. 25", "amended by"), ("2018, c. 11", "amended by"),
        ("2022, c. 22", "amended by")]
    assert refs_from("A-13.1.1/158") == [("J-3/schedule:I", "integrated into"), ("2005, c. 15", "amended by")]
    assert refs_from("A-13.1.1/152")[0] == ("C-25/996", "integrated into")
    assert ("A-14", "cites") in refs_from("A-13.1.1/title:V/group:legal-aid-act")


def test_unresolvable_references_are_kept_with_a_reason():
    kept = [r for r in references() if r.type in ("unresolved", "ambiguous")]
    assert [(r.source, r.target) for r in kept] == [
        ("A-13.1.1/103.1/p1", "A-13.1.1/103/p2"), ("A-13.1.1/190/p2", ""), ("A-13.1.1/191/p2", "")]
    assert all(r.note for r in kept)


def test_reference_types():
    types = Counter(r.type for r in references())
    assert set(types) <= {"cites", "applies", "applies to", "despite", "subject to", "for the purposes of",
                          "within the meaning of", "defines", "uses term", "establishes", "amended by",
                          "integrated into", "unresolved", "ambiguous"}
    assert types["integrated into"] == 35  # ss. 137-173 but the omitted 160 and 164


def test_precision_and_recall_on_the_hand_annotated_sample():
    result = evaluate(list(references()))
    assert result["sections"]["sampled"] >= 40
    for name in ("by target", "by typed relation"):
        assert result[name]["precision"] >= 0.97, result["extra"]
        assert result[name]["recall"] >= 0.97, result["missed"]


def test_precision_and_recall_on_french_regulation_paragraphs():
    result = evaluate_texts()
    assert result["sections"]["sampled"] >= 25
    for name in ("by target", "by typed relation"):
        assert result[name]["precision"] >= 0.95, result["extra"]
        assert result[name]["recall"] >= 0.95, result["missed"]
