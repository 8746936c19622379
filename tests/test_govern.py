"""Which articles govern this? Reading the input, each kind of graph evidence with a real
example from the Act, node mode, batches, bad input, and a floor on the dev questions."""
from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.cli import main
from benchmarks.govern import adel_item, alinea_ranking, averages, evaluate, load_questions
from graph.govern import GovernAnswer, govern, govern_lines
from graph.govern_input import MAX_CHARS, clean_text, cues, detect_lang, node_named, read_input
from search import WordBag, open_index

ACT = "A-13.1.1"


@pytest.fixture(scope="module")
def index(data_dir, kb):
    return open_index(data_dir, kb.resolver())


@pytest.fixture(scope="module")
def ask(kb, index):
    def run(text: str, limit: int = 10) -> GovernAnswer:
        return govern(text, kb, index, limit)
    return run


def sections(answer: GovernAnswer) -> list[str]:
    return [r.section for r in answer.results if r.role != "guidance"]


def result(answer: GovernAnswer, section: str):
    found = [r for r in answer.results if r.section == f"{ACT}/{section}"]
    assert found, f"s. {section} not in {sections(answer)}"
    return found[0]


# -- reading the input ------------------------------------------------------------------------
@pytest.mark.parametrize("text, node", [
    ("s. 83.24", f"{ACT}/83.24"), ("A-13.1.1/55/p1/2/a", f"{ACT}/55/p1/2/a"), ("art. 59", f"{ACT}/59"),
    ("program:basic-income", "program:basic-income"), ("Programme de revenu de base", "program:basic-income"),
    ("Basic Income Program", "program:basic-income"), ("PRB", "program:basic-income"),
    ("term:spouses", "term:spouses"), ("spouses", "term:spouses"), ("conjoints", "term:spouses"),
    ("guidance:adel-66-72", "guidance:adel-66-72"), ("2018, c. 11", "2018, c. 11"), ("2018 c 11", "2018, c. 11"),
    ("Can my social assistance be cut because I quit my job?", None), ("section 59 applies to me?", None),
    ("", None), ("x" * 300, None),
])
def test_a_node_named_alone_is_read_as_that_node(kb, text, node):
    assert node_named(text, kb) == node


@pytest.mark.parametrize("text, lang", [
    ("Can my social assistance be cut because I quit my job?", "en"),
    ("Est-ce qu'on peut me couper mon chèque si j'ai lâché ma job?", "fr"),
    ("Je suis dans Objectif emploi pis j'ai manqué mon rendez-vous", "fr"),
    ("# TODO: check the rule on the parental contribution", "en"),
    ("prestation spéciale", "fr"), ("special benefits", "en"),
])
def test_language_is_told_by_common_words(text, lang):
    assert detect_lang(text) == lang


def test_control_characters_and_length_are_reported():
    text, messages = clean_text("a\x00b" + "c" * MAX_CHARS)
    assert "\x00" not in text and len(text) == MAX_CHARS
    assert any("control" in m for m in messages) and any("cut" in m for m in messages)


def test_cues_of_a_french_question(kb):
    found = cues(read_input("Mon conjoint a lâché sa job. Voir l'article 59; je veux contester la décision.", kb), kb)
    assert {"spouses-partner", "leaving-a-job", "review"} <= {m.entry for m in found.thesaurus}
    assert "term:spouses" in {m.concept for m in found.concepts}
    assert (f"{ACT}/59", "article 59") in found.citations
    assert found.challenge


def test_cues_name_a_program_through_a_term_and_the_thesaurus(kb):
    found = cues(read_input("I get basic income and I work part time", kb), kb)
    assert "program:basic-income" in dict(found.programs)
    found = cues(read_input("Je suis sur la solidarité sociale", kb), kb)
    assert "program:social-solidarity" in dict(found.programs)


def test_adverse_words_without_a_challenge(kb):
    found = cues(read_input("They cut my cheque", kb), kb)
    assert found.adverse and not found.challenge


# -- evidence, each with a real example --------------------------------------------------------
def test_83_24_makes_59_apply_to_the_basic_income_program(ask):
    answer = ask("I'm on basic income and I quit my job. Can they cut my payments?")
    assert set(sections(answer)[:3]) >= {f"{ACT}/59", f"{ACT}/83.24"}
    s59, s8324 = result(answer, "59"), result(answer, "83.24")
    assert "s. 83.24 makes it apply to the Basic Income Program" in s59.reason
    assert "it makes s. 59 apply to the Basic Income Program" in s8324.reason
    assert s8324.id == f"{ACT}/83.24/p1"
    assert ("thesaurus:leaving-a-job", "quit my job") in [(c.id, c.said) for c in answer.concepts]


def test_73_carries_the_social_assistance_rules_to_social_solidarity(ask):
    answer = ask("I receive the social solidarity allowance. Do they count the income of my parents?")
    s73 = result(answer, "73")
    assert "(a rule of the Social Assistance Program) apply to the Social Solidarity Program" in s73.reason
    assert s73.id == f"{ACT}/73/p1" and s73.path[-1] in (f"{ACT}/73", f"{ACT}/73/p1")
    assert f"{ACT}/57" in sections(answer)[:5]


def test_a_french_question_reaches_the_english_act_through_the_glossary(ask):
    answer = ask("Mon conjoint travaille. Est-ce que son salaire compte?")
    assert answer.lang == "fr"
    s22 = result(answer, "22")
    assert s22.role == "definition" and "defines ‘spouses’" in s22.reason
    assert s22.path[:3] == ("text: ‘conjoint’", "names", "term:spouses") and s22.path[-1].startswith(f"{ACT}/22")
    assert f"{ACT}/55" in sections(answer)[:5]


def test_a_review_question_brings_review_and_the_tribunal(ask):
    answer = ask("They refused my application. How can I contest the decision?")
    first = sections(answer)[:5]
    assert f"{ACT}/107" in first and f"{ACT}/118" in first
    for number in ("107", "118"):
        r = result(answer, number)
        assert r.role == "procedure" and "is the remedy" in r.reason


def test_a_question_without_a_challenge_keeps_the_rule_first(ask):
    answer = ask("Can my social assistance be cut because I quit my job?")
    assert sections(answer)[0] == f"{ACT}/59"
    assert result(answer, "59").path == ("text: ‘quit my job’", "everyday words for", "thesaurus:leaving-a-job",
                                         "governed by", f"{ACT}/59")


def test_regulation_powers_for_the_rules_found(ask):
    answer = ask("I am no longer eligible for basic income; can I become eligible again later?", limit=15)
    powers = {r.section: r for r in answer.results if r.role == "regulation power"}
    power = powers[f"{ACT}/133.2"]
    assert "regulations may be made for the purposes of s. 83.19" in power.reason
    assert power.id == f"{ACT}/133.2/p1/5" and power.path == (f"{ACT}/83.19", "regulations for its purposes", power.id)


def test_an_explicit_citation_comes_first(ask):
    answer = ask("What does section 62 say about paying spouses?")
    assert sections(answer)[0] == f"{ACT}/62" and "cites it" in result(answer, "62").reason


def test_guidance_citing_the_answer_comes_after_the_provisions(ask):
    answer = ask("Regulations for the Social Solidarity Program adjustments after 66 of 72 months", limit=10)
    guidance = [r for r in answer.results if r.role == "guidance"]
    assert guidance and guidance[0].section.startswith("guidance:adel-66-72/")
    assert guidance[0].rank > max(r.rank for r in answer.results if r.role != "guidance")
    assert "cites s. 133" in guidance[0].reason


def test_pinpoints_exist_and_belong_to_their_section(ask, kb):
    answer = ask("My girlfriend and I have been living together for a year. Are we spouses?")
    for r in answer.results:
        assert r.id in kb and (r.id == r.section or r.id.startswith(r.section + "/"))
        assert len(r.path) % 2 == 1 and r.reason


def test_sections_no_longer_in_force_are_demoted(ask, kb, index):
    """The plain search ranks the amendments integrated into another act (ss. 137-141) right after
    s. 96; the answer keeps in-force provisions ahead of them."""
    q = "amendment integrated into the Act respecting industrial accidents and occupational diseases"
    plain = [s.section for s in index.score_sections(WordBag(((q, 1.0),)))][:5]
    assert [kb.get(s).node.status for s in plain].count("integrated") >= 3
    statuses = [kb.get(s).node.status for s in sections(ask(q))]
    assert statuses[0] == "in force" and "integrated" not in statuses[:5]


# -- node mode --------------------------------------------------------------------------------
def test_node_mode_provision(ask):
    answer = ask("s. 83.24")
    assert answer.input_kind == "provision" and answer.node == f"{ACT}/83.24"
    assert sections(answer)[0] == f"{ACT}/83.24"
    assert "s. 83.24 makes it apply to the Basic Income Program" in result(answer, "59").reason


def test_node_mode_provision_with_decision_brings_remedies(ask):
    answer = ask("s. 59", limit=30)
    assert result(answer, "107").role == "procedure" and result(answer, "118").role == "procedure"
    assert "it makes s. 59 apply to the Basic Income Program" in result(answer, "83.24").reason


def test_node_mode_program(ask):
    answer = ask("Programme de revenu de base", limit=20)
    assert answer.input_kind == "program" and answer.node == "program:basic-income"
    assert sections(answer)[0] == f"{ACT}/83.15"
    assert "it makes other provisions apply to the Basic Income Program" in result(answer, "83.24").reason
    assert result(answer, "133.2").role == "regulation power"


def test_node_mode_term(ask):
    answer = ask("term:spouses")
    assert answer.input_kind == "term" and sections(answer)[0] == f"{ACT}/22"
    assert result(answer, "22").role == "definition"
    assert "uses ‘spouses’" in result(answer, "89").reason


def test_node_mode_guidance_page(ask):
    answer = ask("guidance:adel-66-72")
    assert answer.input_kind == "guidance" and sections(answer)[0] == f"{ACT}/133"
    assert result(answer, "133").reason.startswith("the page cites it")
    assert len(sections(answer)) > 1


def test_node_mode_amending_act(ask, kb):
    answer = ask("2018, c. 11", limit=50)
    assert answer.input_kind == "amending act"
    assert f"{ACT}/83.24" in sections(answer)
    assert "2018, c. 11, s. 14" in result(answer, "83.24").reason


# -- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "?!", "<html><body>rien</body></html>"])
def test_odd_input_is_answered(ask, text):
    answer = ask(text)
    assert isinstance(answer, GovernAnswer)
    if not text.strip("\x00\x01 "):
        assert not answer.results and answer.messages


def test_a_huge_input_is_cut_and_answered(ask):
    page = "Mon conjoint a lâché sa job et on me réclame un trop-payé. " * 600
    answer = ask(page)
    assert len(page) > MAX_CHARS and any("cut" in m for m in answer.messages) and answer.results


settings.register_profile("govern", deadline=None, max_examples=40,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(settings.get_profile("govern"))
@given(st.text(max_size=400))
def test_random_text_never_raises(ask, text):
    answer = ask(text)
    assert all(r.rank >= 1 for r in answer.results)
    json.dumps(answer.to_dict())


# -- batches and the CLI --------------------------------------------------------------------
def test_batch_keeps_order_ids_and_reports_bad_lines(kb, index):
    lines = ['{"id": "a", "q": "Can they cut my cheque if I quit my job?"}', "not json", "",
             '{"id": 7, "q": 12}', '{"id": "b", "q": "s. 83.24"}']
    out = list(govern_lines(lines, kb, index, 3))
    assert [o["id"] for o in out] == ["a", None, 7, "b"]
    assert out[0]["results"][0]["section"] == f"{ACT}/59"
    assert out[1]["error"].startswith("line 2: not JSON") and out[2]["error"].startswith("line 4")
    assert out[3]["input_kind"] == "provision"


def test_cli_json(cli):
    code, out, err = cli("govern", "Can my social assistance be cut because I quit my job?", "--json", "--limit", "5")
    data = json.loads(out)
    assert code == 0 and data["results"][0]["section"] == f"{ACT}/59"
    provisions = [r for r in data["results"] if r["role"] != "guidance"]
    assert len(provisions) == 5 and [r["rank"] for r in provisions] == [1, 2, 3, 4, 5]
    assert {r["section"] for r in provisions if r["role"] == "procedure"} >= {f"{ACT}/107", f"{ACT}/118"}


def test_reasons_speak_plainly(kb, index):
    """No internal id, no claim that the everyday words are the Act's own term, and the regulation
    the detail is left to is named when the library does not hold it."""
    answer = govern("I refused a job offer: will my cheque be cut?", kb, index, 10)
    reasons = [r.reason for r in answer.results]
    assert not any("thesaurus:" in reason or "what the Act calls" in reason for reason in reasons)
    assert any("this provision speaks of ‘refusing to take a job’" in reason for reason in reasons)
    car = govern("What value of property can I own and still get last-resort assistance?", kb, index, 10)
    left = [r.reason for r in car.results if "leaves the detail to a regulation" in r.reason]
    assert left and all("Individual and Family Assistance Regulation, CQLR c A-13.1.1, r. 1" in reason
                        and "is not in the library" in reason for reason in left)


def test_cli_text_is_grouped_by_role(cli):
    code, out, _ = cli("govern", "They refused my application. How can I contest the decision?")
    assert code == 0 and "Procedure and remedies" in out and "Why: " in out and "Path: " in out


def test_cli_prints_its_frame_in_french(cli):
    """--lang fr: the header, the groups, the labels, the pinpoints and the paths in French, from
    the site's catalogue, with French typography; nothing of the English frame."""
    code, out, _ = cli("govern", "J'ai quitté mon emploi, peut-on me couper mon aide?", "--lang", "fr", "--limit", "6")
    assert code == 0 and out.startswith("Quels articles s’appliquent\u00a0? un texte en français\u00a0: ")
    assert "Les règles elles-mêmes" in out and "Pourquoi\u00a0: " in out and "Chemin\u00a0: " in out
    assert re.search(r" — mots courants pour → .* — régi par → art\. \d", out) and "«\u00a0quitté mon emploi\u00a0»" in out
    english = ["Which articles", "results", "RULE", "why:", "path:", "Why:", "Path:", "s. ", " -> ", "everyday words",
               "The rules themselves", "text: ‘"]
    assert not [w for w in english if w in out], out
    code, out, _ = cli("govern", "program:basic-income", "--lang", "fr", "--limit", "3")
    assert code == 0 and "programme Programme de revenu de base" in out and "— établi par → art. 83.15" in out


def test_cli_json_gives_each_path_as_data_and_in_words(cli):
    code, out, _ = cli("govern", "program:basic-income", "--json", "--lang", "fr", "--limit", "2")
    first = json.loads(out)["results"][0]
    assert code == 0 and first["path"] == ["program:basic-income", "established by", "A-13.1.1/83.15"]
    assert first["path_steps"] == [{"node": "program:basic-income"},
                                   {"edge": "established by", "words": [], "what": ""}, {"node": "A-13.1.1/83.15"}]
    assert first["path_text"] == ["Programme de revenu de base", "établi par", "art. 83.15"]


def test_cli_prints_reasons_in_the_language_asked(cli, tmp_path):
    """--lang fr: the same answer, its reasons in French as on the site (the catalogue's templates,
    provisions cited « art. 59 »), in the text, JSON and batch outputs."""
    question = "Can my basic income be cut because I quit my job?"
    _, out_en, _ = cli("govern", question, "--json", "--limit", "3")
    code, out_fr, _ = cli("govern", question, "--json", "--limit", "3", "--lang", "fr")
    en, fr = json.loads(out_en), json.loads(out_fr)
    assert code == 0 and [r["id"] for r in en["results"]] == [r["id"] for r in fr["results"]]
    assert [[w["key"] for w in r["reasons"]] for r in en["results"]] == \
        [[w["key"] for w in r["reasons"]] for r in fr["results"]]
    reasons = [w["text"] for r in fr["results"] for w in r["reasons"]]
    assert any("l’art. 59" in t or "l'art. 59" in t for t in reasons), reasons
    assert not any("this provision" in t or "s. 59" in t for t in reasons), reasons
    code, out, _ = cli("govern", question, "--limit", "2", "--lang", "fr")
    assert code == 0 and "Pourquoi\u00a0: ce qu’on en dit" in out
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "q": question}) + "\n", encoding="utf-8")
    code, out, _ = cli("govern", "--batch", str(path), "--limit", "2", "--lang", "fr")
    assert code == 0 and "ce qu’on en dit" in json.loads(out)["results"][0]["reason"]


def test_cli_reads_standard_input(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Est-ce qu'on peut me couper mon chèque si j'ai lâché ma job?"))
    code, out, _ = cli("govern", "-", "--json")
    assert code == 0 and json.loads(out)["lang"] == "fr"


def test_cli_batch_from_a_file_and_stdin(cli, tmp_path, monkeypatch):
    path = tmp_path / "q.jsonl"
    path.write_bytes('{"id": "x", "q": "s. 59"}\n{bad\n{"id": "z", "q": "caf\xe9"}\n{"id": "y", "q": "spouses"}\n'
                     .encode("utf-8").replace("\xe9".encode("utf-8"), b"\xe9"))
    code, out, err = cli("govern", "--batch", str(path), "--limit", "2")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == ["x", None, None, "y"]
    assert "not JSON" in rows[1]["error"] and "not UTF-8" in rows[2]["error"] and "line 2" in err and "line 3" in err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1, "q": "s. 62"}\n'), encoding="utf-8"))
    code, out, _ = cli("govern", "--batch", "-")
    assert json.loads(out)["id"] == 1


def test_cli_batch_file_missing(cli, tmp_path):
    code, _, err = cli("govern", "--batch", str(tmp_path / "none.jsonl"))
    assert code == 1 and "cannot read" in err


def test_cli_without_data_fails_with_one_line(tmp_path, capsys):
    code = main(["--data", str(tmp_path / "none"), "govern", "anything"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "alinea build" in err


def test_cli_needs_a_text_or_a_batch(cli):
    code, _, err = cli("govern")
    assert code == 1 and "give a text" in err


# -- quality floor -----------------------------------------------------------------------------
def test_dev_questions_find_the_primary_article_in_the_first_five(kb, index):
    """A floor just below what benchmarks/govern.py measures on the dev split (test split unread)."""
    items = load_questions(splits=("dev",))
    per_item = evaluate(alinea_ranking(kb, index), items)
    scores = averages(per_item, [i.id for i in items])
    assert scores["hit@5"] >= 0.70 and scores["recall@10"] >= 0.75 and scores["hit@1"] >= 0.40
    adel = evaluate(alinea_ranking(kb, index), [adel_item(kb)])["adel-66-72"]
    assert adel["recall@10"] == 1.0


def test_the_group_holding_the_best_answer_comes_first(kb, index):
    """Groups follow their best result's rank, so the first answer a reader sees is the best one."""
    from graph.govern import govern

    for question in ("Combien de temps pour contester une décision?", "I quit my job", "What is a spouse?",
                     "how do I apply for review"):
        answer = govern(question, kb, index, 10)
        groups = answer.groups()
        assert groups and groups[0][1][0].rank == 1
        assert [min(r.rank for r in rs) for _, rs in groups] == sorted(min(r.rank for r in rs) for _, rs in groups)
        assert sorted(r.rank for _, rs in groups for r in rs) == [r.rank for r in answer.results]
