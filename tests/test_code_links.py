"""`alinea links`: citations of the law in a sample repository (Python, TypeScript, YAML, JSON),
their statuses, lookalikes that are not citations, .gitignore, skipped files, the CLI."""
from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.code_links import load_recorded, scan
from alinea.errors import AlineaError
from alinea.kb import KnowledgeBase
from alinea.model import Corpus, Document, Note, Section, Source, Unit
from graph.cite.code import Recogniser, file_citations, find_in_line
from tests.conftest import FIXTURES
from tests.golden import assert_golden

SAMPLE = FIXTURES / "sample-repo"


@pytest.fixture(scope="module")
def sample(kb):
    return scan([str(SAMPLE)], kb)


@pytest.fixture(scope="module")
def rec(kb):
    return Recogniser(kb)


def cited(result, file: str) -> list[tuple[int, str, str, str]]:
    return [(c.line, c.text, c.target, c.status) for c in result.citations
            if c.file == f"{SAMPLE}/{file}"]


def test_golden_scan_of_the_sample_repository(kb, monkeypatch):
    monkeypatch.chdir(SAMPLE)
    assert_golden("code-links-sample", scan(["."], kb).as_json())


def test_python_citations(sample):
    assert cited(sample, "benefits/basic_income.py") == [
        (3, "section 83.24", "A-13.1.1/83.24", "ok"),
        (3, "CQLR c A-13.1.1, s 83.1", "A-13.1.1/83.1", "ok"),
        (18, "A-13.1.1 s. 55(2)(a)", "A-13.1.1/55/p1/2/a", "ok"),
        (24, "section 57 of the Individual and Family Assistance Act", "A-13.1.1/57", "ok"),
        (25, "s. 40", "A-13.1.1/40", "repealed"),
        (26, "s. 999", "A-13.1.1/999", "unknown provision"),
        (30, "A-13.1.1/55/p1/9", "A-13.1.1/55/p1/9", "unknown provision"),
        (31, "s. 64, par. 1", "A-13.1.1/64/p1", "ok"),
    ]


def test_typescript_citations(sample):
    assert cited(sample, "web/src/rules.ts") == [
        (2, "art. 83.24 LAPF", "A-13.1.1/83.24", "ok"),
        (3, "CQLR c A-13.1.1, s 55", "A-13.1.1/55", "ok"),
        (5, "https://www.legisquebec.gouv.qc.ca/fr/version/lc/A-13.1.1?code=se:57&historique=20240101",
         "A-13.1.1/57", "ok"),
        (7, "RLRQ c A-13.1.1, art. 74", "A-13.1.1/74", "repealed"),
    ]


def test_yaml_and_json_values(sample):
    assert cited(sample, "config/parameters.yaml") == [
        (6, "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a",
         "A-13.1.1/55/p1/2/a", "ok"),
        (8, "A-13.1.1/64/p1", "A-13.1.1/64/p1", "ok"),
        (10, "https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1, r. 1#se:157_1",
         "A-13.1.1-r1/157.1", "not in the library"),
        (11, "A-13.1.1/title:II/chapter:III", "A-13.1.1/title:II/chapter:III", "repealed"),
    ]
    assert cited(sample, "config/limits.json") == [
        (2, "A-13.1.1/83.24", "A-13.1.1/83.24", "ok"),
        (3, "article 57 de la Loi sur l'aide aux personnes et aux familles", "A-13.1.1/57", "ok"),
    ]


def test_notes_say_why(sample):
    notes = {(c.file.rsplit("/", 1)[1], c.line): c.note for c in sample.citations}
    assert notes["basic_income.py", 25] == "repealed: s. 40 (Repealed)."
    assert notes["basic_income.py", 26] == "A-13.1.1 has no section 999"
    assert notes["basic_income.py", 30] == "A-13.1.1/55/p1 has no 9"
    assert notes["basic_income.py", 31] == ("The second sentence of the first paragraph of section 64 "
                                            "is not in force.")
    assert notes["parameters.yaml", 10].startswith("not checked: A-13.1.1-r1 is not in the library; LégisQuébec: "
                                                   "https://www.legisquebec.gouv.qc.ca/en/document/cr/")


def test_a_bare_article_in_a_file_citing_the_regulation_is_ambiguous(sample):
    (bare,) = [c for c in sample.citations if c.file.endswith("regulation.py") and c.status == "ambiguous"]
    assert (bare.line, bare.text, bare.target) == (3, "art. 48", "")
    assert bare.candidates == ("A-13.1.1/48", "A-13.1.1-r1/48")
    assert [(c.text, c.target) for c in sample.citations if c.file.endswith("regulation.py") and c.status == "not in the library"] == [
        ("A-13.1.1-r1/157.1", "A-13.1.1-r1/157.1"), ("art. 48 du Règlement", "A-13.1.1-r1/48")]


def test_lookalikes_are_not_citations(sample):
    files = {c.file.rsplit("/", 1)[1] for c in sample.citations}
    assert not files & {"README.md", "index.html", "styles.css"}
    texts = " | ".join(c.text for c in sample.citations)
    for lookalike in ("1.2.3", "2.0.1", "2024-08-31", "10.0.0.55", "obj.s", "Section 2", "section 3", "Chapter 2"):
        assert lookalike not in texts


def test_gitignore_and_skipped_files(sample):
    files = {c.file[len(str(SAMPLE)) + 1:] for c in sample.citations}
    assert not files & {"vendor/legacy.py", "dist/bundle.js", "benefits/old.bak", "docs/notes/draft-1.md"}
    assert {"benefits/keep.bak", "docs/notes/review.md"} <= files
    skipped = {s.file[len(str(SAMPLE)) + 1:]: s.reason for s in sample.skipped}
    assert skipped == {
        "assets/logo.png": "binary file, not text",
        "legacy/notes_latin1.txt": "line 1: not UTF-8: byte 0xe8 at column 2 (Latin-1 or Windows-1252?); "
                                   "save the file as UTF-8"}
    assert sample.files_scanned == 12


def test_other_acts_only_with_all(kb):
    rules = str(SAMPLE / "web/src/rules.ts")
    assert all(c.status != "other act" for c in scan([rules], kb).citations)
    (other,) = [c for c in scan([rules], kb, include_other=True).citations if c.status == "other act"]
    assert (other.text, other.target) == ("s. 57 of the Access Act (chapter A-2.1)", "A-2.1/57")


@pytest.mark.parametrize("line, expected", [
    ("# A-13.1.1 s. 55(2)(a)", [("A-13.1.1 s. 55(2)(a)", "explicit", "A-13.1.1/55/p1/2/a")]),
    ("// art. 83.24 LAPF", [("art. 83.24 LAPF", "explicit", "A-13.1.1/83.24")]),
    ("# LAPF art. 83.24", [("LAPF art. 83.24", "explicit", "A-13.1.1/83.24")]),
    ("# art. 12 RAPF", [("art. 12 RAPF", "explicit", "A-13.1.1-r1/12")]),
    ("A-13.1.1, s. 55, par. 2", [("A-13.1.1, s. 55, par. 2", "explicit", "A-13.1.1/55/p1/2")]),
    ("CQLR c A-13.1.1, s 55", [("CQLR c A-13.1.1, s 55", "explicit", "A-13.1.1/55")]),
    ("RLRQ c A-13.1.1, art. 55", [("RLRQ c A-13.1.1, art. 55", "explicit", "A-13.1.1/55")]),
    ("s. 55(2)(a) A-13.1.1", [("s. 55(2)(a) A-13.1.1", "explicit", "A-13.1.1/55/p1/2/a")]),
    ("article 57 de la Loi sur l'aide aux personnes et aux familles",
     [("article 57 de la Loi sur l'aide aux personnes et aux familles", "explicit", "A-13.1.1/57")]),
    ("x = 's. 55(2)(a)'", [("s. 55(2)(a)", "short", "A-13.1.1/55/p1/2/a")]),
    ("# section 57", [("section 57", "word", "A-13.1.1/57")]),
    ("# § 57", [("§ 57", "word", "A-13.1.1/57")]),
    ("see s. 57 of the Act", [("s. 57 of the Act", "short", "A-13.1.1/57")]),
    ("link: /fr/document/lc/A-13.1.1#se:55-ss:1-p1:2-p2:a",
     [("/fr/document/lc/A-13.1.1#se:55-ss:1-p1:2-p2:a", "url", "A-13.1.1/55/p1/2/a")]),
    ("https://www.legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:157_1",
     [("https://www.legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:157_1", "url",
       "A-13.1.1-r1/157.1")]),
    ("see https://alinea.example.org/A-13.1.1/57.", [("https://alinea.example.org/A-13.1.1/57", "id", "A-13.1.1/57")]),
    ("statute: A-13.1.1", [("A-13.1.1", "id", "A-13.1.1")]),
    ("# Title II, Chapter I of the IFAA", [("Title II, Chapter I of the IFAA", "explicit", "A-13.1.1/title:II/chapter:I")]),
])
def test_forms(rec, line, expected):
    got = [(line[m.start:m.end], m.form, (m.targets + m.missing)[0]) for m in find_in_line(line, rec)]
    assert got == expected


@pytest.mark.parametrize("line", [
    "version 1.2.3, v2.0.1", "released 2024-08-31", "host = '10.0.0.55'", "x = obj.s.55", "y = $s.55",
    "<section class='rules'>", "section { margin: 0 }", "see section 3 of the README", "Chapter 2 of the guide",
    "UTF-8, SHA-256, ISO-8601/2019", "src/A-13.1.1/55/main.py", "A-13.1.1/55/p1/2/a.py", "this section",
    "the first paragraph", "paragraph 2", "s. 2 of the guide",
])
def test_lookalikes(rec, line):
    assert [line[m.start:m.end] for m in find_in_line(line, rec) if m.form != "act"] == []


def test_word_forms_need_the_law_elsewhere_in_the_file(rec):
    assert file_citations("# section 57\n", "a.py", rec) == []
    cited_ = file_citations("# Individual and Family Assistance Act\n# section 57\n", "a.py", rec)
    assert [(c.line, c.column, c.target) for c in cited_] == [(2, 3, "A-13.1.1/57")]


def test_a_repealed_sections_units_are_repealed(rec):
    (c,) = file_citations("# s. 40(1)\n", "a.py", rec)
    assert (c.target, c.status) == ("A-13.1.1/40/p1/1", "repealed")
    assert c.note.endswith("its text is no longer published")


@pytest.mark.parametrize("line, status, note", [
    ("A-13.1.1/160", "repealed", "omitted: s. 160 (Omitted)."),
    ("A-13.1.1/176", "repealed", "inoperative: s. 176 (Inoperative, 2005, c. 15, s. 175)."),
    ("A-13.1.1/137", "repealed", "integrated: s. 137 (Amendment integrated into c. A-3.001, s. 11)."),
    ("A-13.1.1/64", "ok", "The second sentence of the first paragraph of section 64 is not in force."),
    ("A-13.1.1/64/p2", "ok", ""),
    ("A-13.1.1/55/p7", "unknown provision", "A-13.1.1/55 has no p7"),
])
def test_statuses(rec, line, status, note):
    (c,) = file_citations(line, "a.yaml", rec)
    assert (c.status, c.note) == (status, note)


def small_kb() -> KnowledgeBase:
    """A statute whose s. 5 is not in force, and whose s. 6 has a second paragraph not in force."""
    def unit(sid: str, n: int) -> Unit:
        return Unit(f"T-1/{sid}/p{n}", "paragraph", "", str(n), f"Paragraph {n}.", Source(1, ""))

    def section(number: str, paragraphs: int, note: str) -> Section:
        return Section(f"T-1/{number}", number, "in force", None,
                       tuple(unit(number, n) for n in range(1, paragraphs + 1)), Source(1, ""),
                       notes=(Note("not in force", note, Source(2, "")),))

    doc = Document("T-1", "statute", "en", "Test Act", "", sections=(
        section("5", 1, "Section 5 is not in force."),
        section("6", 2, "The second paragraph of section 6 is not in force."),
        section("7", 1, "The words “or later” in section 7 are not in force.")))
    return KnowledgeBase(Corpus((doc,)))


@pytest.mark.parametrize("line, status", [
    ("s. 5", "not in force"), ("T-1/5/p1", "not in force"), ("s. 6", "ok"), ("T-1/6/p1", "ok"),
    ("T-1/6/p2", "not in force"), ("s. 7", "ok")])
def test_not_in_force_notes(line, status):
    (c,) = file_citations(line, "a.py", Recogniser(small_kb()))
    assert c.status == status
    assert c.note.endswith("is not in force.") or c.note.endswith("are not in force.") or line == "T-1/6/p1"


# -- bad input -------------------------------------------------------------------------------
def test_large_empty_crlf_and_utf16_files(kb, tmp_path):
    (tmp_path / "big.txt").write_text("s. 55\n" * 400_000)
    (tmp_path / "empty.py").write_text("")
    (tmp_path / "crlf.py").write_bytes(b"x = 1\r\n# s. 40\r\n")
    (tmp_path / "utf16.txt").write_bytes("# art. 83.24 LAPF\n".encode("utf-16"))
    (tmp_path / "long.js").write_text("var a=1;" * 20_000 + "/* s. 55(2)(a) */" + "var b=2;" * 20_000)
    os.mkfifo(tmp_path / "pipe")  # never opened: reading it would block
    result = scan([str(tmp_path)], kb)
    assert [(s.file.rsplit("/", 1)[1], s.reason) for s in result.skipped] == [
        ("big.txt", "larger than 512,000 bytes"), ("pipe", "FIFO (named pipe): not read")]
    got = [(c.file.rsplit("/", 1)[1], c.line, c.column, c.text) for c in result.citations]
    assert got == [("crlf.py", 2, 3, "s. 40"), ("long.js", 1, 160_004, "s. 55(2)(a)"),
                   ("utf16.txt", 1, 3, "art. 83.24 LAPF")]


PIECES = ["s. 55(2)(a)", "art. 83.24 LAPF", "A-13.1.1/55/p1/2/a", "section 57", "s. 999", "1.2.3", "10.0.0.55",
          "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:57", "obj.s.55", "(", ")", "# ", "//",
          "\"", "'", "CQLR c A-13.1.1, s 55", "Individual and Family Assistance Act", "art. 48 du Règlement", " ",
          ", ", "of the", "\t", "§", "/"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12), max_size=6))
def test_random_text_never_crashes_and_offsets_slice_back(rec, rows):
    lines = ["".join(row).replace("\n", " ").replace("\r", " ") for row in rows]
    text = "\n".join(lines)
    for c in file_citations(text, "x.py", rec, include_other=True):
        line = text.split("\n")[c.line - 1]
        assert c.text and line[c.column - 1:c.column - 1 + len(c.text)] == c.text


# -- the command --------------------------------------------------------------------------
def test_strict_exit_codes(cli):
    code, out, err = cli("links", "--strict", str(SAMPLE))
    assert code == 1
    assert err.splitlines()[-1] == "alinea links: --strict: 6 citations point at repealed, missing or ambiguous law"
    code, out, err = cli("links", "--strict", str(SAMPLE / "config" / "limits.json"))
    assert code == 0 and out.count("\n") == 2
    assert cli("links", str(SAMPLE))[0] == 0


def test_human_output(cli):
    _, out, err = cli("links", str(SAMPLE / "web/src/rules.ts"))
    assert out.splitlines()[3] == (f"{SAMPLE}/web/src/rules.ts:7:4: repealed: RLRQ c A-13.1.1, art. 74 "
                                   "→ A-13.1.1/74 (repealed: s. 74 (Repealed).)")
    assert err == "alinea links: 1 files scanned, 0 skipped; 4 citations: 1 repealed, 3 ok\n"


def test_json_output_and_missing_path(cli):
    code, out, err = cli("links", "--json", str(SAMPLE / "config"))
    data = json.loads(out)
    assert code == 0 and data["files_scanned"] == 2 and data["counts"]["repealed"] == 1
    assert set(data["citations"][0]) == {"file", "line", "column", "text", "target", "status", "note", "candidates"}
    code, out, err = cli("links", str(SAMPLE), "no/such/folder")
    assert (code, out) == (1, "")
    assert err == "alinea links: error: no/such/folder: no such file or folder\n"


def test_record(cli, data_dir, tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    monkeypatch.chdir(SAMPLE.parent)
    from alinea.cli import main

    assert main(["--data", str(copy), "links", "--record", "sample-repo/benefits", "sample-repo/web"]) == 0
    recorded = load_recorded(copy)
    assert recorded.root == str(SAMPLE)
    assert recorded.citations[0].file == "benefits/basic_income.py"
    assert [c.file for c in recorded.citing("A-13.1.1/74")] == ["web/src/rules.ts"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", recorded.scanned_at)
    assert json.loads((copy / "code_links.json").read_text())["format"] == 1
    assert load_recorded(tmp_path) is None
    (tmp_path / "code_links.json").write_text("{}")
    with pytest.raises(AlineaError, match="not a scan recorded by `alinea links --record`"):
        load_recorded(tmp_path)


def test_overlapping_paths_give_each_file_once(kb):
    twice = scan([str(SAMPLE / "config"), str(SAMPLE / "config" / "limits.json")], kb)
    assert twice.files_scanned == 2 and len(twice.citations) == 6
