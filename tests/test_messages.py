"""The lower layers' English messages in the reader's language (alinea.messages): one Flask-free
translator, which the command line calls with `--lang` and the site with the interface's language."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from alinea import messages as said
from alinea.messages import CODE_NOTES, ERROR_MESSAGES, GOVERN_NOTES, SEARCH_NOTES, SKIP_REASONS
from alinea.say import Words
from tests.clients import in_language

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample-repo"
NBSP, NNBSP = "\u00a0", "\u202f"

MESSAGES = [  # (table, a message as a lower layer writes it, French, English)
    (ERROR_MESSAGES, "'art. 999': A-13.1.1 has no section 999; nearest: A-13.1.1/196, A-13.1.1/197",
     f"Aucune disposition «{NBSP}art. 999{NBSP}»{NBSP}: A-13.1.1 n’a pas d’article 999. "
     f"Dispositions les plus proches{NBSP}: A-13.1.1/196, A-13.1.1/197.",
     "No provision ‘art. 999’: A-13.1.1 has no section 999. Nearest provisions: A-13.1.1/196, A-13.1.1/197."),
    (ERROR_MESSAGES, "the query is 20000 characters; the limit is 2,000",
     f"La requête{NBSP}: 20{NNBSP}000 caractères{NBSP}; la limite est de 2{NNBSP}000.",
     "The query: 20,000 characters; the limit is 2,000."),
    (SEARCH_NOTES, "status:'bogus' matches nothing (in force, repealed): filter ignored",
     f"status:«{NBSP}bogus{NBSP}» ne correspond à rien (en vigueur, abrogé){NBSP}: le filtre a été ignoré.",
     "status:‘bogus’ matches nothing (in force, repealed): the filter was ignored."),
    (GOVERN_NOTES, "the text was cut at 20,000 characters", f"le texte a été coupé à 20{NNBSP}000 caractères",
     "the text was cut at 20,000 characters"),
    (CODE_NOTES, "repealed: s. 40 (Repealed).", f"abrogé{NBSP}: art. 40 (Repealed).", "repealed: s. 40 (Repealed)."),
    (SKIP_REASONS, "line 1: binary file, not text", f"ligne 1{NBSP}: fichier binaire, pas du texte",
     "line 1: binary file, not text"),
]
SAY = {SEARCH_NOTES: said.search_note, GOVERN_NOTES: said.govern_note, CODE_NOTES: said.code_note,
       SKIP_REASONS: said.skip_reason, ERROR_MESSAGES: said.error_text}


@pytest.mark.parametrize("table, message, french, english", MESSAGES)
def test_a_message_is_written_in_the_language_asked(table, message, french, english):
    """Numbers as the language writes them, what the message quoted in its quotation marks, a
    relation or status word, a message nested in another: from the catalogues the site uses."""
    assert SAY[table](message, Words("fr")) == french
    assert SAY[table](message, Words("en")) == english


def test_a_message_no_pattern_reads_is_left_to_the_caller():
    assert said.fill(ERROR_MESSAGES, "something else went wrong", Words("fr")) is None
    assert said.error_text("something else went wrong", Words("fr")) is None
    assert said.search_note("a note of tomorrow", Words("fr")) == "a note of tomorrow"
    assert said.code_note("The second sentence of section 64 is not in force.", Words("fr")) == \
        "The second sentence of section 64 is not in force."


def test_a_name_the_reader_typed_is_quoted_as_typed():
    """« limit » as the address writes it when it is one of the request's parameters, « Limite » (the catalogue's word) otherwise."""
    message = "limit must be a whole number from 1 to 100 (got 'abc')"
    assert said.error_text(message, Words("fr"), parameters={"limit"}) == \
        f"«{NBSP}limit{NBSP}» doit être un nombre entier de 1 à 100 (reçu «{NBSP}abc{NBSP}»)."
    assert said.error_text(message, Words("fr")).startswith("Limite doit être un nombre entier")


def test_the_translator_needs_neither_flask_nor_the_site():
    """The command line prints these messages without starting the site (DESIGN.md, Layers)."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, alinea.messages; "
                             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'web', 'flask_babel')))"],
                            capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize("table, message, french, english", MESSAGES)
def test_the_site_writes_a_message_as_the_command_line_does(app, table, message, french, english):
    """web.messages passes the request's language and catalogue to the same function."""
    from web import messages

    site = {SEARCH_NOTES: messages.search_message, GOVERN_NOTES: messages.govern_text, CODE_NOTES: messages.code_note,
            SKIP_REASONS: messages.skip_reason, ERROR_MESSAGES: lambda m: messages.error_message(Exception(m))[0]}
    for lang, expected in (("fr", french), ("en", english)):
        with app.test_request_context(f"/?lang={lang}"):
            assert site[table](message) == expected


@pytest.mark.parametrize("command", [("show", "art. 999"), ("graph", "art. 999"), ("show", "")])
def test_cli_prints_an_error_in_french_under_lang_fr(cli, command):
    """--lang fr: the error in the site's French sentence; in English the line the lower layer wrote."""
    code, _, english = cli(command[0], "--lang", "en", command[1])
    code_fr, _, french = cli(command[0], "--lang", "fr", command[1])
    assert code == code_fr == 1 and english.startswith(f"alinea {command[0]}: error: ")
    assert french.startswith(f"alinea {command[0]}: error: ") and french != english
    said = french.split(": error: ", 1)[1]
    assert ("Aucune disposition" in said or "La citation est vide." in said) and "nearest" not in said, said
    if command[1]:
        assert english == f"alinea {command[0]}: error: 'art. 999': A-13.1.1 has no section 999 (A-13.1.1/999); nearest: " \
                          "A-13.1.1/196, A-13.1.1/197, A-13.1.1/198, A-13.1.1/199, A-13.1.1/200\n"
        assert f"«{NBSP}art. 999{NBSP}»" in said and f"Dispositions les plus proches{NBSP}: A-13.1.1/196" in said


def test_cli_links_prints_statuses_notes_and_reasons_in_french(cli):
    code, out, err = cli("links", "--lang", "fr", str(SAMPLE))
    lines = out.splitlines()
    repealed = next(line for line in lines if ":25:7: " in line)
    assert code == 0 and repealed.endswith(f": abrogé{NBSP}: s. 40 → A-13.1.1/40 (abrogé{NBSP}: art. 40 (Repealed).)")
    assert any(line.endswith("(ne nomme aucune loi, et ce fichier cite aussi A-13.1.1-r1)") for line in lines)
    assert f"logo.png{NBSP}: ignoré{NBSP}: fichier binaire, pas du texte" in err
    assert not [line for line in lines if "repealed:" in line or "names no act" in line]


def test_the_site_and_the_command_line_agree_on_the_code_page(linked_data_dir, cli):
    """The /code page's notes are the command line's (one table)."""
    from lxml import html

    from web import create_app

    page = html.fromstring(in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}), "fr")
                           .get("/code").data)
    notes = {" ".join(td.text_content().split()) for td in page.xpath("//td[@data-label='Note']") if td.text_content()}
    _, out, _ = cli("links", "--lang", "fr", str(SAMPLE))
    printed = {" ".join(found[1].split()) for line in out.splitlines()
               if (found := re.search(r" → \S+(?: \| \S+)* \((.*)\)$", line))}
    assert notes and notes == printed
