"""Detection by content: every LégisQuébec document is read as one, however it was saved; a
file that no ingester reads is refused with one line naming it, before any parsing."""
from __future__ import annotations

import os
import random
import time
from pathlib import Path

import lxml.html
import pytest

from alinea.cli import main
from alinea.errors import ParseError
from ingest import detect_format, parse_file
from ingest.detect import GUIDANCE_MAX_BYTES
from ingest.source import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "legisquebec-html").glob("*.html"))
GUIDANCE = sorted((ROOT / "corpus" / "guidance").glob("*.txt"))


def refused(path: Path) -> str:
    with pytest.raises(ParseError) as info:
        detect_format(str(path))
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_legisquebec_page_is_read_as_one_even_saved_under_another_name(page, tmp_path):
    assert detect_format(str(page)) == "legisquebec-html"
    renamed = tmp_path / "saved.txt"
    renamed.write_bytes(page.read_bytes())
    assert detect_format(str(renamed)) == "legisquebec-html"


def test_the_documents_xhtml_alone_is_a_legisquebec_document(tmp_path):
    root = lxml.html.parse(str(PAGES[-1]), lxml.html.HTMLParser(encoding="utf-8")).getroot()
    alone = tmp_path / "document.xhtml"
    alone.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + lxml.html.tostring(
        root.find_class("LegislativeDocument")[0], encoding="unicode"), encoding="utf-8")
    assert detect_format(str(alone)) == "legisquebec-html"
    whole, alone_doc = parse_file(str(PAGES[-1])), parse_file(str(alone))
    assert [s.id for s in alone_doc.sections] == [s.id for s in whole.sections]
    assert alone_doc.updated_to is None and any("'À jour au'" in w for w in alone_doc.warnings)


def test_the_act_and_the_guidance_pages_keep_their_formats():
    assert detect_format(str(ROOT / "corpus" / "legisquebec" / "A-13.1.1.en.txt")) == "legisquebec-text"
    assert {detect_format(str(p)) for p in GUIDANCE} == {"guidance-text"}
    assert detect_format(str(ROOT / "tests" / "fixtures" / "guidance-html" / "adel-66-72.fr.html")) == "guidance-html"


def test_a_blog_page_is_not_guidance(tmp_path):
    blog = tmp_path / "blog.html"
    blog.write_text("<!doctype html><html lang='fr'><head><title>Mon blogue</title></head><body><main>"
                    "<h1>Nos vacances au Québec</h1>" + "<p>Nous avons visité la ville de Québec, ses musées "
                    "et ses restaurants; la <a href='https://www.legisquebec.gouv.qc.ca/'>loi</a> n'y est "
                    "pour rien.</p>" * 40 + "</main></body></html>", encoding="utf-8")
    assert "not a document Alinea reads: this web page" in refused(blog)


def test_random_text_is_refused_quickly(tmp_path):
    noise = tmp_path / "noise.txt"
    rng = random.Random(13)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzéè") for _ in range(rng.randint(2, 9)))
             for _ in range(2000)]
    noise.write_text(" ".join(rng.choice(words) for _ in range(400_000)), encoding="utf-8")
    start = time.perf_counter()
    assert "not a document Alinea reads: this text" in refused(noise)
    assert time.perf_counter() - start < 30  # generous: detection reads the head, never parses


def test_files_over_the_size_cap_are_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as out:  # sparse: the test never writes those bytes, nor does detection read them
        out.truncate(MAX_BYTES + 1)
    assert f"more than the {MAX_BYTES:,} allowed" in refused(huge)
    with pytest.raises(ParseError):
        parse_file(str(huge), "legisquebec-html")


def test_a_guidance_page_the_size_of_a_book_is_refused(tmp_path):
    page = tmp_path / "long.txt"
    paragraph = GUIDANCE[0].read_text(encoding="utf-8")
    page.write_text(paragraph * (GUIDANCE_MAX_BYTES // len(paragraph.encode()) + 1), encoding="utf-8")
    assert os.path.getsize(page) > GUIDANCE_MAX_BYTES
    assert "allowed for a guidance page" in refused(page)


def test_the_cli_names_the_file_it_cannot_read(tmp_path, capsys):
    blog = tmp_path / "recette.txt"
    blog.write_text("Tarte aux pommes\n\nPrenez six pommes, du beurre et de la farine.\n" * 30, encoding="utf-8")
    assert main(["parse", str(blog)]) == 1
    err = capsys.readouterr().err
    assert f"{blog}: not a document Alinea reads" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["aé", "a€", "a😀", "abc"])
def test_the_head_of_a_file_never_ends_in_a_cut_character(tmp_path, text):
    from ingest.source import read_head

    path = tmp_path / "t.txt"
    path.write_text(text * 10, encoding="utf-8")
    for size in range(1, 3 * len(text.encode())):
        head = read_head(path, size)
        assert (text * 10).startswith(head) and len(head.encode()) >= size - 3


def test_a_legisquebec_page_is_never_read_as_guidance_even_when_told_to(tmp_path):
    with pytest.raises(ParseError, match="a LégisQuébec document, not a guidance page"):
        parse_file(str(PAGES[0]), "guidance-html")
