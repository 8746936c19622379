"""The law graph built from the Act: nodes, queries, exports, and the CLI that shows them."""
from __future__ import annotations

import json
import shutil

import jsonschema
import networkx as nx
import pytest

from alinea.cli import main
from alinea.errors import NotFound
from alinea.kb import load
from graph import queries
from graph.export import graph_json, write_graphml
from tests.law_graph_data import ACT_PATH, graph, references


def test_nodes_have_kinds_labels_and_urls():
    g = graph()
    assert g.nodes["A-13.1.1/55/p1/2/a"] | {} == {
        "kind": "unit", "label": "s. 55(2)(a)", "in_corpus": True, "status": "in force",
        "url": "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a"}
    assert g.nodes["A-2.1/57/p1/4"]["kind"] == "external provision"
    assert g.nodes["A-2.1/57/p1/4"]["in_corpus"] is False
    assert g.nodes["A-2.1/57/p1/4"]["url"].endswith("/cs/A-2.1#se:57-ss:1-p1:4")
    assert g.nodes["A-2.1"]["label"].startswith("Act respecting Access to documents")
    assert g.nodes["canada:rsc-1985-c-c-29"]["label"] == "Citizenship Act (R.S.C. 1985, c. C-29)"
    assert g.nodes["2018, c. 11"]["kind"] == "amending act"
    assert g.nodes["1969, c. 63"]["kind"] == "external act"
    assert g.nodes["program:basic-income"]["label"] == "Basic Income Program"
    assert g.nodes["term:spouses"]["kind"] == "term"
    kinds = {k for _, k in g.nodes(data="kind")}
    assert kinds == {"document", "division", "section", "unit", "term", "program", "amending act",
                     "external act", "external provision"}


def test_unresolved_references_are_not_edges():
    g = graph()
    assert "A-13.1.1/103/p2" not in g
    assert "" not in g


def test_cites_and_cited_by():
    g = graph()
    out = {(link.target, link.type) for link in queries.cites(g, "A-13.1.1/83.11")}
    assert {("A-13.1.1/30", "cites"), ("A-13.1.1/63/p1", "applies"), ("A-13.1.1/63/p3", "subject to"),
            ("program:aim-for-employment", "applies to"), ("2016, c. 25", "amended by")} <= out
    into = {(link.source, link.type) for link in queries.cited_by(g, "A-13.1.1/55")}
    assert ("A-13.1.1/56/p1", "for the purposes of") in into  # cites 55(2)(a), a unit of 55
    assert queries.cited_by(g, "A-13.1.1/55", within=False) == [
        queries.Link("A-13.1.1/90/p2", "A-13.1.1/55", "cites", "sections 55 and 61")]
    with pytest.raises(NotFound):
        queries.cites(g, "A-13.1.1/999")


def test_neighbourhood_grows_with_depth():
    g = graph()
    one, two = queries.neighbourhood(g, "A-13.1.1/83.24", 1), queries.neighbourhood(g, "A-13.1.1/83.24", 2)
    assert {"A-13.1.1/49", "A-13.1.1/69", "program:basic-income", "2018, c. 11"} <= set(one)
    assert set(one) < set(two)


def test_path_follows_citations():
    steps = queries.path(graph(), "A-13.1.1/136", "A-13.1.1/11")
    assert [(s.source, s.type, s.target) for s in steps if s.type not in ("contains", "part of")] == [
        ("A-13.1.1/136/p1", "cites", "A-13.1.1/131"), ("A-13.1.1/131/p1/1", "for the purposes of", "A-13.1.1/11")]
    assert queries.path(graph(), "A-13.1.1/1", "A-13.1.1/199") == []


def test_what_an_amending_act_changed():
    changed = {link.source for link in queries.changed_by(graph(), "2018, c. 11")}
    assert {"A-13.1.1/1", "A-13.1.1/55", "A-13.1.1/83.24", "A-13.1.1/title:II/chapter:VI"} <= changed
    assert "A-13.1.1/56" in changed and "A-13.1.1/57" not in changed


def test_what_governs_a_program():
    answer = queries.governing(graph(), "program:basic-income")
    assert [link.source for link in answer["established by"]] == ["A-13.1.1/title:II/chapter:VI"]
    assert answer["sections"][0] == "A-13.1.1/83.15" and answer["sections"][-1] == "A-13.1.1/83.25"
    applied = {(link.source, link.via) for link in answer["applied"] if link.via}
    assert ("A-13.1.1/49", "A-13.1.1/83.24/p1") in applied and len(applied) == 8
    assert [link.source for link in answer["regulations"]] == ["A-13.1.1/133.2/p1"]
    solidarity = queries.governing(graph(), "program:social-solidarity")
    assert ("program:social-assistance", "A-13.1.1/73/p1") in {(x.source, x.via) for x in solidarity["applied"]}


def test_exports_read_back(tmp_path):
    g = graph()
    write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    data = json.loads(json.dumps(graph_json(g)))
    again = nx.node_link_graph(data, edges="edges")
    assert again.nodes["A-13.1.1/55"] == g.nodes["A-13.1.1/55"]
    assert again.number_of_edges() == g.number_of_edges()


# -- the CLI ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "legisquebec").mkdir()
    shutil.copy(ACT_PATH, corpus / "legisquebec" / ACT_PATH.name)
    shutil.copy(ACT_PATH.parent.parent / "glossary.json", corpus / "glossary.json")
    shutil.copy(ACT_PATH.parent.parent / "thesaurus.json", corpus / "thesaurus.json")
    manifest = json.loads((ACT_PATH.parent.parent / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["id"] == "A-13.1.1"]
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    data = tmp_path_factory.mktemp("data")
    assert main(["--data", str(data), "build", "--corpus", str(corpus), "-q"]) == 0
    return str(data)


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_cli_references(capsys, data_dir):
    unresolved = json.loads(run(capsys, "--data", data_dir, "references", "--unresolved", "--json"))
    assert [r["source"] for r in unresolved] == ["A-13.1.1/103.1/p1", "A-13.1.1/190/p2", "A-13.1.1/191/p2"]
    lines = run(capsys, "--data", data_dir, "references", "--source", "s. 83.5.1").splitlines()
    assert lines == ["A-13.1.1/83.5.1/p1\tapplies\tA-13.1.1/58\tSection 58",
                     "A-13.1.1/83.5.1/p1\tapplies to\tprogram:aim-for-employment\tAim for Employment Program",
                     "A-13.1.1/83.5.1\tamended by\t2018, c. 11\t2018, c. 11, s. 13"]


def test_cli_graph(capsys, data_dir):
    text = run(capsys, "--data", data_dir, "graph", "s. 83.24", "--depth", "1")
    assert "applies                A-13.1.1/49" in text and "neighbourhood within 1 references" in text
    answer = json.loads(run(capsys, "--data", data_dir, "graph", "program:basic-income", "--json"))
    assert answer["regulations"][0]["source"] == "A-13.1.1/133.2/p1"
    changed = json.loads(run(capsys, "--data", data_dir, "graph", "2018,", "c.", "11", "--json"))
    assert len(changed) == 39
    steps = json.loads(run(capsys, "--data", data_dir, "graph", "136", "--to", "s. 11", "--json"))
    assert steps[-1] == {"source": "A-13.1.1/131/p1/1", "target": "A-13.1.1/11", "type": "for the purposes of",
                         "text": "section 11"}
    assert main(["--data", data_dir, "graph", "s. 999"]) == 1


def test_cli_graph_speaks_french(capsys, data_dir):
    """--lang fr: relations, kinds, headers and names in French from the site's catalogue; the
    ids as they are."""
    text = run(capsys, "--data", data_dir, "graph", "art. 83.24", "--lang", "fr")
    assert text.startswith("A-13.1.1/83.24 — article\u00a0: art. 83.24\nElle cite (")
    assert "applique               A-13.1.1/49  art. 49" in text and "Citée par (" in text
    assert not any(w in text for w in ("applies ", "cites (", "cited by", "s. 49"))
    text = run(capsys, "--data", data_dir, "graph", "136", "--to", "s. 11", "--lang", "fr")
    assert "\u00a0: " in text.splitlines()[0] and " étapes" in text.splitlines()[0]
    assert "— pour l’application de → art. 11" in text
    text = run(capsys, "--data", data_dir, "graph", "program:basic-income", "--lang", "fr")
    assert text.startswith("program:basic-income — Programme de revenu de base\nétabli par (")


def test_cli_export_graph_and_export(capsys, data_dir, tmp_path):
    run(capsys, "--data", data_dir, "export-graph", "-o", str(tmp_path / "g.graphml"))
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == load(data_dir).graph.number_of_nodes()
    assert json.loads(run(capsys, "--data", data_dir, "export-graph"))["edges"]
    exported = json.loads(run(capsys, "--data", data_dir, "export"))
    assert len(exported["references"]) == len(load(data_dir).corpus.references) >= len(references())
    schema = json.loads((ACT_PATH.parent.parent.parent / "alinea" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, schema)


def test_cli_show_takes_every_short_form(capsys, data_dir):
    for query, node in [("s. 55(2)(a)", "A-13.1.1/55/p1/2/a"), ("art. 83.24", "A-13.1.1/83.24"),
                        ("A-13.1.1, s. 55, par. 2", "A-13.1.1/55/p1/2"), ("ss. 30–31", "A-13.1.1/30"),
                        ("le paragraphe 3° du premier alinéa de l'article 22", "A-13.1.1/22/p1/3")]:
        assert run(capsys, "--data", data_dir, "show", query).splitlines()[0] == node
