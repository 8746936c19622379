"""Shared fixtures: the real Act parsed once, a knowledge base built once from the real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ACT = CORPUS / "legisquebec" / "A-13.1.1.en.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
