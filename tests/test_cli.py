"""The `alinea` command: output shapes, exit codes, one-line errors, and docs that cannot drift."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from alinea.cli import parser
from tests.conftest import ACT, ROOT

SCHEMA = json.loads((ROOT / "alinea" / "export.schema.json").read_text())


def test_parse_json_is_the_model(cli):
    code, out, err = cli("parse", str(ACT), "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["id"] == "A-13.1.1" and len(doc["sections"]) == 231
    jsonschema.validate({"documents": [doc], "references": []}, SCHEMA)


def test_parse_summary(cli):
    code, out, _ = cli("parse", str(ACT))
    assert code == 0
    assert out.splitlines()[0] == "A-13.1.1 (statute, en) Individual and Family Assistance Act"
    assert "231 sections" in out


def test_parse_bad_file_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("chapter A-1\nTitle\n1. Caf\xe9".encode("latin-1"))
    code, out, err = cli("parse", str(bad), "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert re.match(rf"alinea parse: error: {re.escape(str(bad))}:3: not UTF-8", err)


def test_export_validates_against_the_schema(cli, tmp_path):
    target = tmp_path / "kb.json"
    code, _, err = cli("export", "-o", str(target))
    assert code == 0 and "wrote" in err
    data = json.loads(target.read_text())
    jsonschema.validate(data, SCHEMA)
    statute = next(d for d in data["documents"] if d["id"] == "A-13.1.1")
    s55 = next(s for s in statute["sections"] if s["number"] == "55")
    assert s55["history"][1] == {"raw": "2016, c. 25, s. 28", "kind": "act", "year": 2016, "chapter": "25",
                                 "sections": ["28"], "other_pinpoints": [], "date": None, "reason": None,
                                 "act": "2016, c. 25"}
    assert s55["parent"] == "A-13.1.1/title:II/chapter:I/division:II"


def test_schema_rejects_a_wrong_status():
    bad = {"documents": [{"id": "X", "kind": "statute", "lang": "en", "title": "T", "updated_to": None,
                          "divisions": [], "sections": [{"id": "X/1", "number": "1", "status": "in effect",
                                                         "parent": None, "text": "", "units": [],
                                                         "history": [], "notes": []}]}],
           "references": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


@pytest.mark.parametrize("citation, first_line", [
    ("55", "A-13.1.1/55"), ("s. 83.24", "A-13.1.1/83.24"), ("A-13.1.1/55/p1/2/a", "A-13.1.1/55/p1/2/a"),
    ("A-13.1.1/title:II/chapter:I", "A-13.1.1/title:II/chapter:I")])
def test_show(cli, citation, first_line):
    code, out, _ = cli("show", citation)
    assert code == 0 and out.splitlines()[0] == first_line


def test_show_marks_status_and_notes(cli):
    code, out, _ = cli("show", "40")
    assert "Status: repealed" in out and "40. (Repealed)." in out
    code, out, _ = cli("show", "64")
    assert "Not in force: The second sentence of the first paragraph of section 64 is not in force." in out


def test_show_json(cli):
    code, out, _ = cli("show", "A-13.1.1/55/p1/2/f", "--json")
    data = json.loads(out)
    assert data["id"] == "A-13.1.1/55/p1/2/f" and data["section"] == "A-13.1.1/55"
    assert [u["id"] for u in data["units"]] == ["A-13.1.1/55/p1/2/f", "A-13.1.1/55/p1/2/f/i", "A-13.1.1/55/p1/2/f/ii"]
    assert data["url"].endswith("#se:55-ss:1-p1:2-p2:f")


@pytest.mark.parametrize("citation", ["999", "A-13.1.1/55/p9", "nonsense words"])
def test_show_unknown_is_one_line(cli, citation):
    code, out, err = cli("show", citation)
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("alinea show: error:")


def test_missing_data_dir_says_build_first(tmp_path, capsys):
    from alinea.cli import main

    assert main(["--data", str(tmp_path / "none"), "show", "55"]) == 1
    assert "run `alinea build` first" in capsys.readouterr().err


def test_console_script_is_installed():
    out = subprocess.run([sys.executable, "-m", "alinea.cli", "--help"], capture_output=True, text=True, check=True)
    assert "build" in out.stdout


def test_every_subcommand_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"alinea {name}" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_cli_search_speaks_french(cli):
    """--lang fr: the count, the page, the citation read, the statuses in French from the site's
    catalogue (« art. 55 », « 1 résultat », « en vigueur »)."""
    code, out, _ = cli("search", "art. 55", "--lang", "fr", "--limit", "1")
    assert code == 0 and out.startswith("«\u00a0art. 55\u00a0»\u00a0: ") and "Compris comme une citation\u00a0: art. 55." in out
    assert "[en vigueur]" in out and not any(w in out for w in ("result", "read as", "in force", "s. 55"))
    code, out, _ = cli("search", "conjoint", "--lang", "fr", "--limit", "1")
    assert re.search(r"\d+ résultats, page 1 sur \d+", out) and "Aussi cherché\u00a0: «\u00a0conjoint\u00a0» → " in out



@pytest.mark.parametrize("query, english, french", [
    ('"vie maritale', "quotation mark has no closing mark", "Un guillemet n’est pas fermé"),
    ("status:bogus aide", "matches nothing", "status:«\u00a0bogus\u00a0» ne correspond à rien (en vigueur, abrogé,"),
    ("(" * 25 + "aide" + ")" * 25, "nested more than 20 deep", "Parenthèses et NOT imbriqués sur plus de 20 niveaux"),
    ("L.R.C. 1985, c. H-3, art. 13", "is a federal provision, outside the knowledge base",
     "est une disposition fédérale, hors de la base de connaissances"),
])
def test_cli_search_notes_speak_french(cli, query, english, french):
    """The search engine's notes (and a citation outside the knowledge base) in the language asked,
    from the one table the site also uses (alinea.say.SEARCH_NOTES)."""
    code, out, _ = cli("search", query, "--lang", "en", "--limit", "1")
    assert code == 0 and english in out
    code, out, _ = cli("search", query, "--lang", "fr", "--limit", "1")
    note = next(line for line in out.splitlines() if line.startswith("Note\u00a0: "))
    assert code == 0 and french in note and english not in note, note
    assert not re.search(r"\b(?:the|was|ignored|searched|provision|outside)\b", note), note

def test_cli_show_speaks_french(cli):
    """--lang fr: the frame in French from the site's catalogue, the French citations first; the
    Act's own words as it writes them."""
    code, out, _ = cli("show", "s. 59", "--lang", "fr")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "A-13.1.1/59" and "État\u00a0: en vigueur" in lines
    assert lines.index("Forme courte\u00a0: art. 59") < lines.index("Forme courte (anglais)\u00a0: s. 59")
    assert "Historique\u00a0: 2005, c. 15, s. 59" in lines and "59. The benefit granted" in out
    assert not [w for w in ("Status:", "Official page", "Short", "History:", "in force") if w in out], out
    code, out, _ = cli("show", "s. 40", "--lang", "fr")
    assert code == 0 and "État\u00a0: abrogé" in out.splitlines()


@pytest.mark.parametrize("batch", [str(ROOT / "benchmarks" / "govern_eval" / "questions.jsonl"), "-"])
def test_govern_batch_into_a_closed_pipe_stops_quietly(data_dir, batch):
    """`alinea govern --batch FILE | head -1`: a reader that stops is not an unreadable input;
    the command stops without a message or a traceback, as Unix tools do."""
    questions = ROOT / "benchmarks" / "govern_eval" / "questions.jsonl"
    with open(questions, "rb") as stdin:
        run = subprocess.Popen([sys.executable, "-m", "alinea.cli", "--data", str(data_dir), "govern", "--batch", batch],
                               stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = run.stdout.readline()
        run.stdout.close()
        err = run.stderr.read().decode()
        code = run.wait(timeout=120)
    assert json.loads(first)["id"] and code == 0 and err == "", err


def test_govern_batch_names_an_unreadable_input(cli, tmp_path):
    code, _, err = cli("govern", "--batch", str(tmp_path))
    assert code == 1 and err == f"alinea govern: error: cannot read {tmp_path}: Is a directory\n"


QUOTING = "J’ai reçu un ‘avis’, ‘réclamation’ de remboursement d’aide sociale"


@pytest.mark.parametrize("lang, whole, split", [
    ("fr", "«\u00a0J’ai reçu un ‘avis’, ‘réclamation’ de remboursement d’aide…\u00a0»", "‘avis\u00a0», «\u00a0réclamation’"),
    ("en", "‘J’ai reçu un ‘avis’, ‘réclamation’ de remboursement d’aide…’", "‘avis’’, ‘’réclamation’"),
])
def test_govern_path_keeps_the_users_words_whole(cli, lang, whole, split):
    """Words of the input are a path's data (graph.govern_why.Said), never read back from their
    English wording: quotation marks and commas the user typed inside them stay where they are."""
    code, out, _ = cli("govern", "--lang", lang, "--json", QUOTING)
    results = json.loads(out)["results"]
    said = [r["path_text"][0] for r in results if r["path"][0].startswith("text: ‘J’ai")]
    assert code == 0 and said and all(text == whole for text in said), said
    assert all(r["path"][0].startswith("text: ‘") for r in results)  # the JSON path keeps its shape
    code, out, _ = cli("govern", "--lang", lang, QUOTING)
    assert code == 0 and whole in out and split not in out
