"""The data directory holds data only, is never half-written, and names its damage.

Each damaged case of issue 17 is made on a copy of the built directory, then opened by the CLI
(one line on stderr, exit 1, no traceback) and by the site (503 with the same line)."""
from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea import atomic
from alinea.build import build, link_corpus, parse_corpus
from alinea.errors import AlineaError, DamagedData
from alinea.kb import load
from alinea.store import STORE_FILE
from search.store import POINTER, PREFIX, current_dir
from tests.conftest import CORPUS, ROOT

RERUN = "rerun `alinea build`"


@pytest.fixture()
def copy(data_dir, tmp_path):
    """A private copy of the built data directory, to damage."""
    path = tmp_path / "data"
    shutil.copytree(data_dir, path)
    return path


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alinea.cli", "--data", str(data), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture()
def alinea(capsys):
    """`alinea ARGS...` run in this process (quicker than run_cli): an unexpected exception fails
    the test as a traceback would."""
    from alinea.cli import main

    def run(data: Path, *args: str) -> subprocess.CompletedProcess:
        code = main(["--data", str(data), *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)
    return run


def assert_one_line(result: subprocess.CompletedProcess, *names: str) -> str:
    """The command failed with one line on stderr naming every name, and no traceback."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    return lines[0]


def index_dir(data: Path) -> Path:
    found = current_dir(data)
    assert found is not None
    return found


# -- the store round-trips the model exactly ---------------------------------------------
def test_the_loaded_corpus_equals_the_freshly_parsed_one(kb):
    docs, errors, _ = parse_corpus(CORPUS, lambda message: None)
    from alinea.corpus import glossary_path
    from graph.concepts import load_glossary

    fresh, _ = link_corpus(docs, load_glossary(glossary_path(CORPUS)), errors)
    assert kb.corpus == fresh
    assert sorted(kb.glossary.concepts) == sorted(load_glossary(glossary_path(CORPUS)).concepts)


def test_the_loaded_graph_equals_the_built_one(kb):
    from graph.build import build_graph
    from graph.concepts import annotate_graph

    fresh = build_graph(kb.corpus, kb.corpus.references, kb.citation_index)
    annotate_graph(fresh, kb.glossary)
    assert list(kb.graph.nodes(data=True)) == list(fresh.nodes(data=True))
    assert list(kb.graph.edges(keys=True, data=True)) == list(fresh.edges(keys=True, data=True))


def test_the_store_holds_no_pickle_and_only_json(data_dir):
    db = sqlite3.connect(data_dir / STORE_FILE)
    for table, column in (("documents", "body"), ("parsed", "body"), ("blobs", "body")):
        for (body,) in db.execute(f"SELECT {column} FROM {table}"):  # noqa: S608 - fixed names
            json.loads(body)
    db.close()
    assert not list(data_dir.glob("*.pickle"))


# -- damaged store -------------------------------------------------------------------------
def _truncate(path: Path, keep: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep)])


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _flip_document_byte(path: Path) -> None:
    """Change one character inside the statute's stored JSON, keeping the file valid SQLite."""
    db = sqlite3.connect(path)
    body, = db.execute("SELECT body FROM documents WHERE pos = 0").fetchone()
    db.execute("UPDATE documents SET body = ? WHERE pos = 0", (body.replace("benefit", "benefiT", 1),))
    db.commit()
    db.close()


STORE_DAMAGE = {
    "truncated": lambda p: _truncate(p, 0.5),
    "emptied": lambda p: p.write_bytes(b""),
    "random": _random,
    "one changed byte": _flip_document_byte,
    "missing": lambda p: p.unlink(),
}


@pytest.mark.parametrize("damage", STORE_DAMAGE)
def test_a_damaged_store_gives_one_line_naming_it(copy, damage, alinea):
    STORE_DAMAGE[damage](copy / STORE_FILE)
    line = assert_one_line(alinea(copy, "show", "55"), STORE_FILE)
    assert ("run `alinea build`" in line) if damage == "missing" else (RERUN in line)


def test_a_store_of_another_schema_asks_for_a_rebuild(copy, alinea):
    db = sqlite3.connect(copy / STORE_FILE)
    db.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    db.commit()
    db.close()
    line = assert_one_line(alinea(copy, "show", "55"), STORE_FILE, "another version", RERUN)
    assert "999" in line


class _Exploit:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ["ALINEA_TEST_MARKER"]),))


def test_a_crafted_pickle_is_never_opened(copy, tmp_path, monkeypatch):
    marker = tmp_path / "code-ran"
    monkeypatch.setenv("ALINEA_TEST_MARKER", str(marker))
    (copy / STORE_FILE).unlink()
    (copy / "corpus.pickle").write_bytes(pickle.dumps(_Exploit()))
    for command in (("show", "55"), ("export",), ("govern", "job")):
        result = run_cli(copy, *command)
        assert result.returncode == 1 and "rerun `alinea build`" in result.stderr
    assert run_cli(copy, "search", "benefit").returncode == 0  # the index alone answers searches
    assert not marker.exists()


# -- damaged index ---------------------------------------------------------------------------
def _largest(directory: Path) -> Path:
    """The largest file of an index folder, whichever engine built it (search.store.ENGINES)."""
    return max((p for p in directory.iterdir() if p.is_file() and p.name != atomic.CHECKSUMS),
               key=lambda p: p.stat().st_size)


def _on_largest(data: Path, damage) -> tuple[None, str]:
    path = _largest(index_dir(data))
    damage(path)
    return None, path.name


INDEX_DAMAGE = {
    "a missing index file": lambda d: _on_largest(d, Path.unlink),
    "a truncated index file": lambda d: _on_largest(d, lambda p: _truncate(p, 0.3)),
    "a half-truncated index file": lambda d: _on_largest(d, lambda p: _truncate(p, 0.5)),
    "a changed index byte": lambda d: _on_largest(d, _flip),
    "random bytes in index.current": lambda d: ((d / POINTER).write_bytes(os.urandom(40)), POINTER),
    "an empty index.current": lambda d: ((d / POINTER).write_bytes(b""), POINTER),
    "index.current naming a folder elsewhere": lambda d: ((d / POINTER).write_text("../../etc\n"), POINTER),
    "no checksums": lambda d: ((index_dir(d) / atomic.CHECKSUMS).unlink(), atomic.CHECKSUMS),
}


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_a_damaged_index_gives_one_line_naming_the_file(copy, damage, alinea):
    _, name = INDEX_DAMAGE[damage](copy)
    assert_one_line(alinea(copy, "search", "benefit"), name, RERUN)


@pytest.mark.parametrize("damage", ["a half-truncated index file", "random bytes in index.current"])
def test_the_site_answers_503_over_a_damaged_index(copy, damage):
    from web import create_app

    INDEX_DAMAGE[damage](copy)
    client = create_app({"DATA_DIR": str(copy), "TESTING": True}).test_client()
    for url in ("/", "/search?q=benefit", "/A-13.1.1/55"):
        response = client.get(url)
        assert response.status_code == 503
        assert RERUN in response.get_data(as_text=True)
    response = client.get("/api/search?q=benefit")
    assert response.status_code == 503 and RERUN in response.get_json()["error"]["message"]


def test_the_site_answers_503_over_a_damaged_store(copy):
    from web import create_app

    _truncate(copy / STORE_FILE, 0.5)
    client = create_app({"DATA_DIR": str(copy), "TESTING": True}).test_client()
    response = client.get("/A-13.1.1/55")
    assert response.status_code == 503 and STORE_FILE in response.get_data(as_text=True)


def test_an_index_damaged_while_serving_gives_503_on_search_only(copy):
    from web import create_app

    client = create_app({"DATA_DIR": str(copy), "TESTING": True}).test_client()
    assert client.get("/search?q=benefit").status_code == 200
    (copy / POINTER).write_bytes(os.urandom(40))  # the pointer changed: the next search reopens it
    response = client.get("/search?q=benefit")
    assert response.status_code == 503 and POINTER in response.get_data(as_text=True)
    assert client.get("/A-13.1.1/55").status_code == 200


# -- writes: atomic, locked, cleaned ---------------------------------------------------------
def test_a_second_build_of_the_same_directory_is_refused_while_the_first_runs(copy, alinea):
    with atomic.build_lock(copy):  # flock: a second open file of the same process conflicts too
        result = alinea(copy, "build", "--corpus", str(CORPUS))
    line = assert_one_line(result, str(copy), "being built by another", str(os.getpid()))
    assert "wait for it to finish" in line
    load(copy)  # untouched


@pytest.mark.slow
def test_two_concurrent_builds_leave_a_valid_directory(data_dir, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    builds = [subprocess.Popen([sys.executable, "-m", "alinea.cli", "--data", str(target), "build", "-q",
                                "--corpus", str(CORPUS)], stderr=subprocess.PIPE, text=True, cwd=ROOT)
              for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in builds]
    for p in builds:
        p.stderr.close()
    assert any(code == 0 for code, _ in results)
    for code, err in results:
        assert code == 0 or ("being built by another" in err and len(err.strip().splitlines()) == 1), err
    kb = load(target)
    assert "A-13.1.1/55" in kb
    assert run_cli(target, "search", "benefit").returncode == 0
    assert not list(target.glob(".*.tmp"))


def _unfinished(directory: Path) -> bool:
    """A build is writing: a temporary file or an index folder without its checksums."""
    return bool(list(directory.glob(".*.tmp"))) or any(
        p.is_dir() and not (p / atomic.CHECKSUMS).exists() for p in directory.glob(PREFIX + "*"))


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_build_readable_and_is_cleaned_up(data_dir, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    before = load(target).corpus
    proc = subprocess.Popen([sys.executable, "-m", "alinea.cli", "--data", str(target), "build", "-q",
                             "--corpus", str(CORPUS)], stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 120
    while not _unfinished(target) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    caught = _unfinished(target)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert caught, "the build finished before it could be killed midway"
    assert load(target).corpus == before  # the previous build, whole (or the new one, equal)
    assert run_cli(target, "search", "benefit").returncode == 0
    messages: list[str] = []
    build(CORPUS, target, progress=messages.append)
    assert any("leftovers of an interrupted build" in m for m in messages)
    assert not _unfinished(target)
    assert len([p for p in target.glob(PREFIX + "*") if p.is_dir()]) <= 2


def test_build_cleans_leftovers_removes_an_old_pickle_and_rebuilds_over_a_damaged_store(copy):
    (copy / ".alinea.sqlite.abc123.tmp").write_bytes(b"half")
    (copy / f"{PREFIX}20000101T000000.000000-1-1").mkdir()
    (copy / "corpus.pickle").write_bytes(b"not read")
    _truncate(copy / STORE_FILE, 0.5)
    messages: list[str] = []
    result = build(CORPUS, copy, progress=messages.append)
    assert not (copy / ".alinea.sqlite.abc123.tmp").exists()
    assert not (copy / f"{PREFIX}20000101T000000.000000-1-1").exists()
    assert not (copy / "corpus.pickle").exists()
    assert any(m.startswith("previous build not reused") and STORE_FILE in m for m in messages)
    assert result.ok and load(copy).corpus == result.corpus


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_previous_export_whole_and_says_so(copy, monkeypatch, capsys):
    from alinea.cli import main

    before = (copy / "export.json").read_bytes()
    monkeypatch.setattr(atomic.os, "fsync", _enospc)
    code = main(["--data", str(copy), "build", "-q", "--corpus", str(CORPUS)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert "export.json: No space left on device" in err[0] and str(copy) in err[0]
    assert (copy / "export.json").read_bytes() == before
    assert not list(copy.glob(".*.tmp"))
    monkeypatch.undo()
    load(copy)


@pytest.mark.parametrize("command", [("build", "-q", "--corpus", str(CORPUS)),
                                     ("links", "--record", str(ROOT / "tests" / "fixtures" / "sample-repo")),
                                     ("export", "-o", "OUT")])
def test_every_write_path_on_a_read_only_disk_gives_one_line(copy, monkeypatch, capsys, command):
    from alinea.cli import main

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), args[0] if args else None)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    command = tuple(str(copy / "out.json") if c == "OUT" else c for c in command)
    code = main(["--data", str(copy), *command])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err[-1:]) == 1
    assert "Read-only file system" in err[-1] and str(copy) in err[-1]


def test_reading_a_read_only_data_directory_works_and_writes_nothing(copy):
    stamp = sorted((str(p), p.stat().st_mtime_ns) for p in copy.rglob("*"))
    modes = {}
    for path in [copy, *copy.rglob("*")]:
        modes[path] = path.stat().st_mode
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        assert run_cli(copy, "show", "55").returncode == 0
        assert run_cli(copy, "search", "benefit").returncode == 0
        assert run_cli(copy, "govern", "I quit my job").returncode == 0
        from web import create_app

        client = create_app({"DATA_DIR": str(copy), "TESTING": True}).test_client()
        assert client.get("/search?q=benefit").status_code == 200
        assert sorted((str(p), p.stat().st_mtime_ns) for p in copy.rglob("*")) == stamp
        if os.geteuid() != 0:  # root writes anyway: the monkeypatched test above covers it
            result = run_cli(copy, "build", "--corpus", str(CORPUS))
            assert_one_line(result, "Permission denied")
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


# -- corpus integrity --------------------------------------------------------------------------
def _corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _manifest(corpus: Path) -> dict:
    return json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(corpus: Path, manifest: dict) -> None:
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_a_changed_source_fails_its_document_and_says_how_to_accept_it(tmp_path):
    corpus = _corpus_copy(tmp_path)
    entry = next(e for e in _manifest(corpus)["documents"] if e["id"].startswith("guidance:"))
    with (corpus / entry["file"]).open("a", encoding="utf-8") as fh:
        fh.write("\nUne ligne ajoutée.\n")
    result = run_cli(tmp_path / "data", "build", "--corpus", str(corpus))
    assert result.returncode == 1
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and entry["file"] in error[0] and "sha256" in error[0]
    accept = f"alinea add --corpus {corpus} {corpus / entry['file']}"
    assert accept in error[0]
    kb = load(tmp_path / "data")
    assert entry["id"] not in kb and "A-13.1.1/55" in kb
    added = subprocess.run([sys.executable, "-m", "alinea.cli", *accept.split()[1:]], capture_output=True,
                           text=True, cwd=tmp_path, timeout=120)
    assert added.returncode == 0, added.stderr  # the command the message gives accepts the file
    assert run_cli(tmp_path / "data", "build", "-q", "--corpus", str(corpus)).returncode == 0
    assert entry["id"] in load(tmp_path / "data")


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "link-out"])
def test_manifest_paths_stay_inside_the_corpus_folder(tmp_path, name, alinea):
    corpus = _corpus_copy(tmp_path)
    (corpus / "link-out").symlink_to("/etc/passwd")
    manifest = _manifest(corpus)
    manifest["documents"][1]["file"] = name
    manifest["documents"][1].pop("sha256", None)
    _write_manifest(corpus, manifest)
    result = alinea(tmp_path / "data", "build", "--corpus", str(corpus))
    line = assert_one_line(result, repr(name), manifest["documents"][1]["id"])
    assert "outside the corpus folder" in line or "absolute path" in line
    assert not (tmp_path / "data" / STORE_FILE).exists()


def test_a_symlink_inside_the_corpus_folder_is_followed(tmp_path):
    from alinea.corpus import load_manifest

    corpus = _corpus_copy(tmp_path)
    manifest = _manifest(corpus)
    (corpus / "alias.txt").symlink_to(corpus / manifest["documents"][0]["file"])
    manifest["documents"][0]["file"] = "alias.txt"
    _write_manifest(corpus, manifest)
    assert load_manifest(corpus)[0].path == corpus / "alias.txt"


# -- incremental build ---------------------------------------------------------------------------
@pytest.mark.slow
def test_a_rebuild_parses_only_what_changed_and_gives_the_same_corpus(data_dir, tmp_path):
    corpus = _corpus_copy(tmp_path)
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    messages: list[str] = []
    build(corpus, target, progress=messages.append)
    assert "parsed 0 documents" in next(m for m in messages if m.startswith("parsed "))
    assert sum("unchanged, reused" in m for m in messages) == 6  # 5 documents and the search index
    reused = index_dir(target)

    _flip(_largest(reused))  # a damaged index is built again, not reused
    messages.clear()
    build(corpus, target, progress=messages.append)
    assert "built in" in messages[-1] and index_dir(target) != reused

    manifest = _manifest(corpus)
    entry = manifest["documents"][1]
    path = corpus / entry["file"]
    path.write_text(path.read_text(encoding="utf-8").replace("Prestataire", "Prestataires", 1), encoding="utf-8")
    entry["sha256"] = atomic.sha256_file(path)
    _write_manifest(corpus, manifest)
    messages.clear()
    incremental = build(corpus, target, progress=messages.append).corpus
    summary = next(m for m in messages if m.startswith("parsed "))
    assert "parsed 1 documents" in summary and "reused 4" in summary
    assert "search index" in messages[-1] and "built in" in messages[-1]
    docs, errors, _ = parse_corpus(corpus, lambda m: None)  # from scratch, as a build does
    from alinea.corpus import glossary_path
    from graph.concepts import load_glossary

    scratch, _ = link_corpus(docs, load_glossary(glossary_path(corpus)), errors)
    assert incremental == scratch == load(target).corpus


def test_codec_refuses_values_that_do_not_fit():
    from alinea.codec import CodecError, decode
    from alinea.model import Source, Unit

    assert decode(Source, {"line": 3, "raw": "x"}) == Source(3, "x")
    for bad in ({"line": "3", "raw": "x"}, {"line": 3}, {"line": 3, "raw": "x", "code": "os.system"}, [3, "x"]):
        with pytest.raises(CodecError):
            decode(Source, bad)
    with pytest.raises(CodecError):
        decode(Unit, {"id": "a", "kind": "paragraph", "label": "", "number": "1", "text": "",
                      "source": {"line": 1, "raw": ""}, "children": {"not": "a list"}})


def test_damaged_data_is_an_alinea_error():
    assert issubclass(DamagedData, AlineaError)
    assert str(DamagedData("data/x", "is missing")) == ("data/x is missing: the data directory is damaged; "
                                                       "rerun `alinea build`")


# -- a fast start loads only what the command needs ----------------------------------------------
def test_the_stored_thesaurus_tables_give_the_matcher_built_from_the_file(kb):
    from alinea.corpus import thesaurus_path
    from graph.thesaurus import load_thesaurus

    fresh = load_thesaurus(thesaurus_path(CORPUS))
    assert kb.thesaurus.tables() == fresh.tables() and kb.thesaurus.entries == fresh.entries
    for text, lang in (("I quit my job to go back to school", "en"), ("j'ai lâché ma job", "fr")):
        assert kb.thesaurus.find(text, lang) == fresh.find(text, lang)


LOADED = ("import sys, runpy; sys.argv = ['alinea', '--data', sys.argv[1], *sys.argv[2:]]\n"
          "try:\n    runpy.run_module('alinea.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
          "print(' '.join(m for m in ('networkx', 'alinea.kb', 'graph.build') if m in sys.modules), file=sys.stderr)")


@pytest.mark.parametrize("command, loaded", [(("search", "benefit"), ""), (("show", "55"), "alinea.kb")])
def test_a_command_loads_only_what_it_needs(data_dir, command, loaded):
    result = subprocess.run([sys.executable, "-c", LOADED, str(data_dir), *command],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.stdout and result.stderr.strip().splitlines()[-1:] == ([loaded] if loaded else [])


def test_an_unreadable_recorded_scan_gives_503_naming_it(copy):
    from web import create_app

    (copy / "code_links.json").write_bytes(os.urandom(100))
    response = create_app({"DATA_DIR": str(copy), "TESTING": True}).test_client().get("/")
    assert response.status_code == 503 and "code_links.json" in response.get_data(as_text=True)


# -- the codec round-trips any model value -------------------------------------------------------
def _units():
    from alinea.model import Source, Unit

    sources = st.builds(Source, line=st.integers(0, 10**6), raw=st.text(max_size=20))
    leaf = st.builds(Unit, id=st.text(max_size=10), kind=st.sampled_from(["paragraph", "clause"]),
                     label=st.text(max_size=4), number=st.text(max_size=4), text=st.text(max_size=40),
                     source=sources, closing=st.text(max_size=10), closing_source=st.none() | sources,
                     term=st.none() | st.text(max_size=8), continuation=st.lists(sources, max_size=2).map(tuple))
    return st.recursive(leaf, lambda children: st.builds(
        lambda unit, kids: replace(unit, children=tuple(kids)), leaf, st.lists(children, max_size=3)), max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(_units(), st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3))
def test_codec_round_trips_any_unit(unit, pairs):
    from alinea.codec import decode, encode
    from alinea.model import Section, Source, Unit

    assert decode(Unit, json.loads(json.dumps(encode(unit)))) == unit
    section = Section("X/1", "1", "in force", None, (unit,), Source(1, ""),
                      integrated_into=pairs[0] if pairs else None)
    assert decode(Section, json.loads(json.dumps(encode(section)))) == section


QUERIES = ["benefit", "s. 55(2)(a)", "art. 133 LAPF", "guidance:adel-66-72", "Labour Code", "55", "LAPF", "the Act",
           "A-13.1.1", "A-13.1.1/55", "section 57 of the Individual and Family Assistance Act", "Code civil",
           "Loi sur l'aide aux personnes et aux familles", "title II", "program:basic-income", "prestation de base",
           "article 57 de la Loi sur l'aide aux personnes et aux familles", "CQLR c A-13.1.1, s 57",
           "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55", "s. 999", "83.24"]


def test_the_search_resolver_that_loads_the_knowledge_base_lazily_reads_citations_as_it_does(data_dir, kb):
    from alinea.cli import citation_resolver
    from alinea.errors import NotFound, Outside

    def answer(resolve, query: str):
        try:
            return resolve(query)
        except Outside as outside:  # read, outside the knowledge base ("Labour Code")
            return "outside", outside.target
        except NotFound as lacking:  # read, naming a unit that does not exist ("s. 999")
            return "missing", lacking.missing, str(lacking)

    lazy, full = citation_resolver(data_dir), kb.resolver()
    assert [answer(lazy, q) for q in QUERIES] == [answer(full, q) for q in QUERIES]


# -- checking an index cheaply ---------------------------------------------------------------
def test_an_index_untouched_since_its_build_is_opened_without_hashing_it(copy, monkeypatch):
    directory = index_dir(copy)
    atomic.verify_checksums(directory, full=True)
    atomic.refresh_stamps(directory)  # the copy has new inodes: stamps recorded again, as a reusing build does

    def no_hashing(path):
        raise AssertionError(f"{path} hashed")
    monkeypatch.setattr(atomic, "sha256_file", no_hashing)
    atomic.verify_checksums(directory)
    with pytest.raises(AssertionError):
        atomic.verify_checksums(directory, full=True)


def test_a_byte_changed_with_its_times_set_back_is_still_found(copy):
    directory = index_dir(copy)
    atomic.refresh_stamps(directory)
    path = _largest(directory)
    before = path.stat()
    time.sleep(0.05)  # past the file system's clock tick
    _flip(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time cannot be set back
    with pytest.raises(DamagedData, match=path.name):
        atomic.verify_checksums(directory)


def test_damage_below_the_file_system_is_named_by_sqlite(copy, alinea):
    directory = index_dir(copy)
    path = directory / "index.sqlite"
    if not path.is_file():
        pytest.skip("the index is not SQLite FTS5's")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):  # every b-tree page header but the first page's
        data[start:start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    atomic.refresh_stamps(directory)  # as if a failing disk had changed it: its stamp says untouched
    assert_one_line(alinea(copy, "search", "benefit"), "index.sqlite", RERUN)
