"""No stale page: the site serves a rebuilt knowledge base and a newly recorded code scan
without a restart, and each request sees one version whole."""
from __future__ import annotations

import shutil

import pytest
from lxml import html

import web.kb
from alinea.code_links import record, scan
from alinea.kb import load
from tests.clients import in_language
from tests.conftest import FIXTURES
from tests.rebuilds import rebuild_with_section_1_renewed
from web import create_app


@pytest.fixture()
def live_dir(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(web.kb, "CHECK_EVERY", 0.0)
    path = tmp_path / "data"
    shutil.copytree(data_dir, path)
    return path


def test_a_newly_recorded_scan_is_served_without_a_restart(live_dir):
    client = in_language(create_app({"DATA_DIR": str(live_dir), "TESTING": True}), "en")
    assert client.get("/api/code-links").status_code == 404
    assert "No scan" in html.fromstring(client.get("/code").data).xpath("string(//main)")
    sample = FIXTURES / "sample-repo"
    record(scan([str(sample)], load(live_dir)), [str(sample)], live_dir)
    answer = client.get("/api/code-links")
    assert answer.status_code == 200 and answer.get_json()["citations"]
    assert html.fromstring(client.get("/code").data).xpath("//table[contains(@class,'code-citations')]")


def test_a_rebuilt_knowledge_base_is_served_without_a_restart(live_dir, tmp_path):
    client = in_language(create_app({"DATA_DIR": str(live_dir), "TESTING": True}), "en")
    before = html.fromstring(client.get("/A-13.1.1/1").data).xpath("string(//main//ol[contains(@class,'top')])")
    rebuild_with_section_1_renewed(live_dir, tmp_path)
    after = html.fromstring(client.get("/A-13.1.1/1").data).xpath("string(//main//ol[contains(@class,'top')])")
    assert "Within the framework" in before and "Within the renewed framework" in after


def test_a_damaged_rebuild_keeps_the_old_knowledge_base(live_dir):
    client = in_language(create_app({"DATA_DIR": str(live_dir), "TESTING": True}), "en")
    (live_dir / "alinea.sqlite.tmp").write_bytes(b"not a knowledge base")
    (live_dir / "alinea.sqlite.tmp").replace(live_dir / "alinea.sqlite")
    response = client.get("/A-13.1.1")
    assert response.status_code == 200
    assert html.fromstring(response.data).xpath("string(//h1)") == "Individual and Family Assistance Act"
