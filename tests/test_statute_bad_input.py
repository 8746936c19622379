"""Bad statute input gives one clear message naming file and line, or a warning with the text kept."""
from __future__ import annotations

import json
import shutil

import pytest

from alinea.build import build
from alinea.errors import ParseError
from ingest.legisquebec_text import parse_statute_file, parse_statute_text
from ingest.source import read_text
from tests.conftest import ACT

TEXT = read_text(ACT)
LINES = TEXT.split("\n")


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_truncated_inside_a_section(tmp_path):
    cut = TEXT[: TEXT.index("the Minister may refuse or cease to pay financial assistance or reduce it.\nThe Minister may also")]
    path = write(tmp_path, "cut.txt", cut.encode())
    with pytest.raises(ParseError) as err:
        parse_statute_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}:268: file ends inside section 66") and "truncated" in message


def test_truncated_after_a_heading(tmp_path):
    cut = TEXT[: TEXT.index("SOCIAL SOLIDARITY PROGRAM\n67.")]
    with pytest.raises(ParseError, match=r"cut\.txt:\d+: file ends after 'CHAPTER II' without its heading"):
        parse_statute_file(write(tmp_path, "cut.txt", cut.encode()))


def test_binary_file(tmp_path):
    path = write(tmp_path, "act.pdf", b"%PDF-1.7\n\x00\x01\x02binary")
    with pytest.raises(ParseError, match=r"act\.pdf: binary file"):
        parse_statute_file(path)


def test_latin1_file_names_the_line(tmp_path):
    path = write(tmp_path, "latin1.txt", TEXT.encode("latin-1", errors="replace"))
    first = next(i for i, line in enumerate(LINES, 1) if any(ord(c) > 127 for c in line))
    with pytest.raises(ParseError, match=rf"latin1\.txt:{first}: not UTF-8: byte 0x[0-9a-f]{{2}}"):
        parse_statute_file(path)


def test_not_a_consolidation(tmp_path):
    with pytest.raises(ParseError, match=r"notes\.txt:1: not a LégisQuébec consolidated text"):
        parse_statute_file(write(tmp_path, "notes.txt", b"Some notes\nabout the law\n"))


def test_empty_file(tmp_path):
    with pytest.raises(ParseError, match="not a LégisQuébec consolidated text"):
        parse_statute_file(write(tmp_path, "empty.txt", b""))


def test_sections_out_of_order(tmp_path):
    lines = list(LINES)
    i, j = lines.index(next(l for l in lines if l.startswith("30. "))), lines.index(next(l for l in lines if l.startswith("31. ")))
    lines[i], lines[j] = lines[j], lines[i]
    path = write(tmp_path, "swapped.txt", "\n".join(lines).encode())
    with pytest.raises(ParseError) as err:
        parse_statute_file(path)
    assert str(err.value).startswith(f"{path}:{j + 1}: section 30 comes after section 31: sections out of order")


def test_repeated_section(tmp_path):
    lines = list(LINES)
    k = next(i for i, l in enumerate(lines) if l.startswith("24. "))
    lines[k + 2:k + 2] = lines[k:k + 2]  # "24. ..." and its history again
    with pytest.raises(ParseError, match="section 24 comes after section 24"):
        parse_statute_text("\n".join(lines), "dup.txt")


def test_unknown_line_after_a_heading_is_kept_with_a_warning():
    lines = list(LINES)
    k = lines.index("DEFINITIONS")
    lines.insert(k + 1, "[Editor: see also the Regulation]")
    doc = parse_statute_text("\n".join(lines), "odd.txt")
    division = next(d for d in doc.divisions if d.id.endswith("division:I") and "chapter:II" in d.id and "title:I/" in d.id)
    assert [n.text for n in division.notes] == ["[Editor: see also the Regulation]"]
    assert any(w.startswith(f"odd.txt:{k + 2}: unexpected text after") for w in doc.warnings)


def test_a_very_long_line_is_kept():
    lines = list(LINES)
    k = next(i for i, l in enumerate(lines) if l.startswith("24. "))
    lines[k] = "24. " + "word " * 2000
    doc = parse_statute_text("\n".join(lines), "long.txt")
    assert len(doc.section("24").units[0].text) == 9999


def test_build_reports_the_bad_document_and_builds_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ACT, corpus / "act.txt")
    (corpus / "broken.txt").write_bytes(b"\x00\x00binary")
    manifest = {"documents": [
        {"id": "A-13.1.1", "file": "act.txt", "format": "legisquebec-text", "kind": "statute",
         "publisher": "LégisQuébec", "lang": "en", "title": "Individual and Family Assistance Act"},
        {"id": "X-1", "file": "broken.txt", "format": "legisquebec-text", "kind": "statute",
         "publisher": "nobody", "lang": "en", "title": "Broken"}]}
    (corpus / "manifest.json").write_text(json.dumps(manifest))
    messages: list[str] = []
    result = build(corpus, tmp_path / "data", progress=messages.append)
    assert not result.ok
    assert [d.id for d in result.corpus.documents] == ["A-13.1.1"]
    assert result.corpus.errors == (f"{corpus / 'broken.txt'}: binary file, not text (expected UTF-8 text or HTML)",)
    assert any("FAILED" in m and "X-1" in m for m in messages)
    assert (tmp_path / "data" / "alinea.sqlite").is_file()


def test_manifest_errors_name_the_entry(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [{"id": "A", "file": "a.txt"}]}))
    from alinea.corpus import load_manifest
    from alinea.errors import AlineaError

    with pytest.raises(AlineaError, match=r"manifest\.json: document 1 \(A\): missing format, kind, publisher, lang, title"):
        load_manifest(tmp_path)
