"""The catalogue-coverage test: no visible string of the site escapes the catalogues.

How the coverage test finds a string that is not in the catalogues: the pages are rendered with
two kinds of marks. Every message the catalogue translates comes out as ⟦…⟧ (a message missing
from the catalogue of the page's language comes out as ⟬…⟭ and is reported), and every value a template prints
(`{{ … }}`: provision text, ids, numbers, citations) comes out as ⟪…⟫. What is left of a page's
text and of its title / aria-label / placeholder / alt attributes once the marked parts are taken
out must be punctuation, digits or the brand name; a word there is a visible string written into a
template or a view without going through the catalogues."""
from __future__ import annotations

import json
import re
from pathlib import Path

import flask_babel
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from lxml import html
from markupsafe import Markup

from tests.clients import in_language
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "web" / "translations"
LANGS = ("fr", "en")
CHECKED_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
LEFTOVER = re.compile(r"(?:[\s\d.,;:()\[\]«»“”\"'’‘—–\-→←·…/¶*?!|#%+=<>]|Alinea)*")
PAGES = ["/", "/?lang=en", "/search?q=avoirs+liquides", "/search?q=income", "/search?q=income&page=2",
         '/search?q="unclosed+AND', "/search?q=s.+55(2)(a)", "/search?q=status:nothing+income",
         "/search?q=assistanse", "/search?q=x&page=abc", "/A-13.1.1", "/A-13.1.1/title:II/chapter:III",
         "/A-13.1.1/55", "/A-13.1.1/55/p1/2/a", "/A-13.1.1/56", "/A-13.1.1/64", "/A-13.1.1/41", "/A-13.1.1/36",
         "/guidance:adel-66-72", "/guidance:adel-66-72/1", "/acts", "/acts/2018-c-11", "/course", "/code",
         "/govern", "/govern?q=Can+my+benefit+be+cut+because+I+quit+my+job%3F",
         "/govern?q=Est-ce+qu%27on+peut+me+couper+mon+ch%C3%A8que+si+j%27ai+l%C3%A2ch%C3%A9+ma+job",
         "/govern?q=s.+83.24", "/govern?q=", "/govern?q=x&limit=500", "/program:basic-income", "/term:spouses",
         "/graph/A-13.1.1/55", "/A-13.1.1/999", "/nothing/here", "/acts/1900-c-1", "/fr/document/cs/ZZZ",
         "/documents", "/documents?doclang=fr", "/search?q=income&doc=A-13.1.1", "/search?q=income&doc=nothing!",
         "/search?q=income&limit=abc", "/search?q=" + "x" * 20_000, "/A-13.1.1/" + "9" * 3000, "/read/A-13.1.1",
         "/A-2.1/57", "/graph/A-2.1/57/p1/4"]
API_ERRORS = ["/api/provisions/A-13.1.1/999", "/api/search", "/api/nothing", "/api/search?q=x&page=0",
              "/api/search?q=x&limit=abc", "/api/provisions/zzz",
              "/api/govern?q=", "/api/code-links?status=bogus"]


class Marked:
    """A catalogue that marks each message it translates with ⟦…⟧ and leaves the others bare."""

    def __init__(self, real) -> None:
        self.real = real
        self.known = {key if isinstance(key, str) else key[0]
                      for key, value in getattr(real, "_catalog", {}).items() if value}

    def _mark(self, msgid: str, text: str) -> str:
        return f"⟦{text}⟧" if msgid in self.known else f"⟬{text}⟭"

    def ugettext(self, message: str) -> str:
        return self._mark(message, self.real.ugettext(message))

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return self._mark(singular, self.real.ungettext(singular, plural, n))

    def upgettext(self, context: str, message: str) -> str:
        return self.real.upgettext(context, message)

    def unpgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.real.unpgettext(context, singular, plural, n)

    gettext, ngettext = ugettext, ungettext


def mark_value(value):
    """Jinja's finalize: every printed value between ⟪ and ⟫."""
    if value is None:
        return value
    if isinstance(value, Markup):
        return Markup("⟪") + value + Markup("⟫")
    return f"⟪{value}⟫"


def strip_marked(text: str) -> str:
    """The text outside ⟦…⟧ and ⟪…⟫ (nested marks included)."""
    out, depth = [], 0
    for ch in text:
        if ch in "⟦⟪":
            depth += 1
        elif ch in "⟧⟫":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def unmarked_strings(page: str) -> list[str]:
    """Visible words of a rendered page that came neither from the catalogues nor from data, and
    messages the catalogue of the page's language does not translate (⟬…⟭)."""
    tree = html.fromstring(page)
    for skip in tree.xpath("//script|//style"):
        skip.drop_tree()
    found = []
    body = tree.find("body")
    texts = ["".join((body if body is not None else tree).itertext()), tree.findtext(".//title") or ""]
    texts += [value for attr in CHECKED_ATTRIBUTES for value in tree.xpath(f"//@{attr}")]
    for text in texts:
        found += re.findall(r"⟬([^⟭]*)⟭", text)
        text = re.sub(r"⟬[^⟭]*⟭", "", text)
        for piece in re.split(r"\s{2,}|\n", strip_marked(text)):
            piece = piece.strip()
            if piece and not LEFTOVER.fullmatch(piece):
                found.append(piece)
    return found


@pytest.fixture(scope="module")
def marked_app(linked_data_dir, monkeypatch_module):
    real = flask_babel.Domain.get_translations
    monkeypatch_module.setattr(flask_babel.Domain, "get_translations", lambda self: Marked(real(self)))
    app = create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True})
    app.jinja_env.finalize = mark_value
    app.jinja_env.cache.clear()  # compiled with finalize (create_app compiles the pages served most)
    return app


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_catalogues_are_compiled_from_the_current_po_files(tmp_path):
    from web.i18n import stale_catalogues

    assert sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")) == sorted(LANGS)
    assert not stale_catalogues(TRANSLATIONS), "run `make catalogs`"
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "messages.po").write_text("", encoding="utf-8")
    assert stale_catalogues(tmp_path) == [str(tmp_path / "fr" / "LC_MESSAGES" / "messages.po")]


def test_every_message_of_the_code_is_translated_in_both_catalogues():
    """Every message `make translations` extracts (the files babel.cfg names: the site's, and the
    tables of alinea/ and graph/ the command line prints too) is translated in both catalogues."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, _ = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2), "N_": None, "N_plural": (1, 2)}
    wanted = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(str(ROOT), method_map, keywords=keywords)}
    from graph.govern_why import TEMPLATES

    assert set(TEMPLATES.values()) <= wanted, "govern's reasons are messages of the catalogues"
    assert len(wanted) > 150
    for lang in LANGS:
        catalog = read_po((TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb"))
        translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog
                      if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)}
        assert not wanted - translated, f"{lang}: not translated: {sorted(wanted - translated)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_visible_string_is_data_or_a_translated_message(marked_app, lang):
    client = in_language(marked_app, lang, use_cookies=False)
    problems = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code < 500, path[:80]
        leftovers = unmarked_strings(response.get_data(as_text=True))
        if leftovers:
            problems[path[:80]] = leftovers
    response = client.post("/course", data={"notes": "See [[s. 55(2)(a)]] and [[s. 9999]].", "format": "preview"})
    if unmarked_strings(response.get_data(as_text=True)):
        problems["POST /course"] = unmarked_strings(response.get_data(as_text=True))
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang", LANGS)
def test_api_errors_are_translated(marked_app, lang):
    client = in_language(marked_app, lang)
    for path in API_ERRORS:
        response = client.get(path)
        assert response.status_code in (400, 404, 414), path
        message = response.get_json()["error"]["message"]
        assert message.startswith("⟦") and message.endswith("⟧"), (path, message)


def test_the_check_finds_a_string_outside_the_catalogues(marked_app):
    """The coverage test can fail: an English literal, a message missing from the catalogue and a
    message the catalogue translates, rendered the way the pages are."""
    with marked_app.test_request_context("/?lang=fr"):
        template = marked_app.jinja_env.from_string(
            "<p>Results for {{ q }}</p><p>{{ _('Not a message of any catalogue') }}</p>"
            "<p title=\"Close\">{{ _('Search') }} {{ q }}</p>")
        page = template.render(q="avoirs liquides")
    assert unmarked_strings(page) == ["Not a message of any catalogue", "Results for", "Close"]


GOVERN_INPUTS = ["Can my benefit be cut because I quit my job?", "Est-ce qu'on peut me couper mon chèque si j'ai lâché ma job?",
                 "I disagree with the decision on my claim, how do I ask for a review?", "avoirs liquides",
                 "s. 83.24", "A-13.1.1/59", "program:basic-income", "program:social-assistance", "term:spouses",
                 "2018, c. 11", "guidance:adel-66-72", "contraintes sévères à l'emploi", "the parental contribution",
                 "zzzz qqqq", "A-13.1.1/131/p1/15"]


def known_step(step: str, node: bool, kb) -> bool:
    """A step of a path the site prints in the interface's language (web.present.Presenter.step):
    a node of the graph, words of the question or a thesaurus entry; an edge of a kind of
    graph.govern_why.STEPS or a relation of the `word` table."""
    from graph.govern_why import STEPS, as_step
    from web.i18n import word

    if node:
        entry = step.startswith("thesaurus:") and kb.thesaurus.get(step.split(":", 1)[1]) is not None
        return step in kb.graph or entry or step.startswith("text: ‘")
    return as_step(step).kind in STEPS or word(step) != step


def test_every_path_step_and_note_of_govern_has_a_catalogue_entry(data_dir):
    """Govern writes its path steps and notes in English; the site shows them by their message ids
    (graph.govern_why.STEPS, notes by web/messages.py's table): every step and note it gives for these inputs
    must be known.  (Its
    reasons are data whose templates are catalogue messages: the test above.)"""
    from graph.govern import govern
    from web.messages import govern_part

    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True})
    index = app.extensions["search"]
    unknown = set()
    with app.test_request_context("/?lang=fr"):
        for text in GOVERN_INPUTS:
            answer = govern(text, app.extensions["live"].current.kb, index, 20)
            kb = app.extensions["live"].current.kb
            for result in answer.results:
                unknown |= {step for i, step in enumerate(result.path) if not known_step(step, not i % 2, kb)}
            unknown |= {m for m in answer.messages if govern_part(m) is None}
    assert not unknown, '\n'.join(sorted(unknown))
