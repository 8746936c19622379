"""Shared fixtures: the real Act parsed once, a knowledge base built once from the real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ACT = CORPUS / "legisquebec" / "A-13.1.1.en.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIBRARY = Path(__file__).resolve().parent / "library"
LARGEST_REGULATION = "S-2.1-r4"


@pytest.fixture(scope="session")
def act():
    """The Individual and Family Assistance Act, parsed from the bundled text."""
    from ingest.legisquebec_text import parse_statute_file

    return parse_statute_file(str(ACT))


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """A data directory built from the bundled corpus."""
    from alinea.build import build

    path = tmp_path_factory.mktemp("data")
    build(CORPUS, path, progress=lambda message: None)
    return path


@pytest.fixture(scope="session")
def regulation_data_dir(tmp_path_factory):
    """The bundled corpus plus the largest regulation of tests/library (S-2.1 r. 4, 750 sections),
    its manifest entry as `alinea add` wrote it, built: the reading view's hardest case."""
    import json
    import shutil

    from alinea.build import build

    corpus = tmp_path_factory.mktemp("regulation") / "corpus"
    shutil.copytree(CORPUS, corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    library = json.loads((LIBRARY / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in library["documents"] if e["id"] == LARGEST_REGULATION)
    shutil.copy(LIBRARY / entry["file"], corpus / entry["file"])
    manifest["documents"].append(entry)
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    build(corpus, corpus.parent / "data", progress=lambda message: None)
    return corpus.parent / "data"


@pytest.fixture(scope="session")
def kb(data_dir):
    """The knowledge base built from the bundled corpus."""
    from alinea.kb import load

    return load(data_dir)


@pytest.fixture()
def cli(data_dir, capsys):
    """Run `alinea ARGS...` in-process; returns (exit code, stdout, stderr)."""
    from alinea.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="session")
def linked_data_dir(data_dir, tmp_path_factory):
    """The built data directory plus a recorded `alinea links` scan of tests/fixtures/sample-repo."""
    import shutil

    from alinea.code_links import record, scan
    from alinea.kb import load

    path = tmp_path_factory.mktemp("linked") / "data"
    shutil.copytree(data_dir, path)
    sample = FIXTURES / "sample-repo"
    record(scan([str(sample)], load(path)), [str(sample)], path)
    return path


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium driven by Playwright (tests/browser.py finds it)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_FLAGS, chromium_path

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app(data_dir):
    """The site on the bundled corpus (a module's own `app` fixture overrides it)."""
    from web import create_app

    return create_app({"DATA_DIR": str(data_dir), "TESTING": True})


@pytest.fixture(scope="module")
def fr(app):
    """A client of `app` reading in French (a module's own `fr` fixture overrides it)."""
    from tests.clients import in_language

    return in_language(app, "fr")


@pytest.fixture(scope="module")
def en(app):
    """A client of `app` reading in English."""
    from tests.clients import in_language

    return in_language(app, "en")


@pytest.fixture(scope="module")
def server(data_dir):
    """The site on the bundled corpus as a live server, for the browser (a module's own `server` overrides it)."""
    from tests.browser import LiveServer

    live = LiveServer(data_dir)
    yield live
    live.close()
