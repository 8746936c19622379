"""The page cache (web.kb.cached_page): a page is rendered once per knowledge-base version,
address, host and language, gives the same HTML as a page rendered afresh, is dropped when the
knowledge base is rebuilt, and the cache holding it is bounded."""
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
from web.kb import Built

PAGES = ("/A-13.1.1/55", "/A-13.1.1/55/p1/2/a", "/A-13.1.1/title:II/chapter:I", "/A-13.1.1", "/guidance:adel-66-72",
         "/search?q=liquid+assets", "/search?q=s.+55(2)(a)", "/search?q=income&page=2",
         "/api/search?q=spouse", "/A-13.1.1/55?lang=fr")


@pytest.fixture(scope="module")
def apps(data_dir):
    cached = create_app({"DATA_DIR": str(data_dir), "TESTING": True})
    fresh = create_app({"DATA_DIR": str(data_dir), "TESTING": True, "PAGE_CACHE": False})
    return cached, fresh


def page_keys(app) -> list[tuple]:
    return [key for key in app.extensions["live"].current.extras if key[0] == "page"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cached_page_is_the_page_rendered_afresh(apps, lang):
    cached, fresh = (in_language(app, lang) for app in apps)
    for url in PAGES:
        first, second, afresh = cached.get(url), cached.get(url), fresh.get(url)
        assert first.status_code == second.status_code == afresh.status_code == 200, url
        assert first.data == second.data == afresh.data, url
        assert second.mimetype == afresh.mimetype and second.headers["Vary"] == afresh.headers["Vary"], url
    assert not page_keys(apps[1])


def test_each_language_and_address_has_its_own_entry(apps):
    app = apps[0]
    french, english = in_language(app, "fr"), in_language(app, "en")
    for _ in range(2):
        pages = {lang: html.fromstring(c.get("/A-13.1.1/12").data) for lang, c in (("fr", french), ("en", english))}
        assert {lang: page.get("lang") for lang, page in pages.items()} == {"fr": "fr", "en": "en"}
    keys = [key for key in page_keys(app) if key[3] == "/A-13.1.1/12?"]
    assert sorted(key[1] for key in keys) == ["en", "fr"]
    assert english.get("/A-13.1.1/12", base_url="http://other.example/").status_code == 200
    assert len([key for key in page_keys(app) if key[3] == "/A-13.1.1/12?"]) == 3


def test_errors_and_json_answers_are_not_cached(apps):
    client = in_language(apps[0], "en")
    before = set(page_keys(apps[0]))
    assert client.get("/A-13.1.1/999").status_code == 404
    assert client.get("/search?q=x&doc=a/b").status_code == client.get("/search?q=x&page=abc").status_code == 400
    assert client.get("/api/search?q=").status_code == 400
    assert client.get("/A-13.1.1/55", headers={"Accept": "application/json"}).get_json()["id"] == "A-13.1.1/55"
    assert set(page_keys(apps[0])) == before


def test_the_cache_is_bounded_by_entries_and_bytes():
    cache = Built(entries=3, max_bytes=10_000)
    for n in range(5):
        cache.get(n, lambda n=n: f"page {n}")
    assert list(cache) == [2, 3, 4]
    cache.get(2, lambda: "rebuilt")  # used: now the most recent
    cache.get(5, lambda: "page 5")
    assert list(cache) == [4, 2, 5] and cache.get(2, lambda: "rebuilt") == "page 2"
    big = "x" * 4_000
    for n in range(10, 14):
        cache.get(n, lambda: big)
    assert cache.bytes <= 10_000 and len(cache) == 2
    assert cache.get("huge", lambda: "y" * 20_000) == "y" * 20_000 and "huge" not in cache


def test_a_rebuilt_knowledge_base_drops_the_cached_pages(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(web.kb, "CHECK_EVERY", 0.0)
    live = tmp_path / "data"
    shutil.copytree(data_dir, live)
    client = in_language(create_app({"DATA_DIR": str(live), "TESTING": True}), "en")

    def shown() -> tuple[str, str, bool]:
        section = html.fromstring(client.get("/A-13.1.1/1").data).xpath("string(//main//ol[contains(@class,'top')])")
        search = html.fromstring(client.get("/search?q=renewed").data).xpath("string(//main)")
        api = client.get("/api/search?q=renewed").get_json()
        return section, search, any(hit["section"] == "A-13.1.1/1" for hit in api["results"])

    before = shown()
    rebuild_with_section_1_renewed(live, tmp_path)
    after = shown()
    assert "renewed" not in before[0] and "Within the renewed framework" in after[0]
    assert before[1] != after[1] and not before[2] and after[2]


def test_a_newly_recorded_scan_drops_the_cached_pages_only(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(web.kb, "CHECK_EVERY", 0.0)
    live = tmp_path / "data"
    shutil.copytree(data_dir, live)
    app = create_app({"DATA_DIR": str(live), "TESTING": True})
    client = in_language(app, "en")
    assert not html.fromstring(client.get("/A-13.1.1/55").data).xpath("//section[@class='cited-by-code']")
    presenter = app.extensions["live"].current.extras.get("presenter", lambda: None)
    sample = FIXTURES / "sample-repo"
    record(scan([str(sample)], load(live)), [str(sample)], live)
    assert html.fromstring(client.get("/A-13.1.1/55").data).xpath("//section[@class='cited-by-code']/ul/li")
    assert app.extensions["live"].current.extras.get("presenter", lambda: None) is presenter is not None
