"""The command line's words in the language asked (`--lang`): the site's own catalogues
(web/translations, compiled at install, read with gettext without starting the site), numbers as
the language writes them, and French typography from graph.cite (« art. 59 », a no-break space
before « : ; ? ! » and inside « »).  Without a compiled catalogue the words are English and the
citations still in the language asked."""
from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@lru_cache(maxsize=4)
def catalogue(lang: str):
    """The interface's gettext catalogue for `lang` (NullTranslations when none is compiled)."""
    spec = find_spec("web")
    where = [Path(p) / "translations" for p in (spec.submodule_search_locations or ())] if spec else []
    if not where:
        return gettext.NullTranslations()
    return gettext.translation("messages", localedir=str(where[0]), languages=[lang], fallback=True)


class Words:
    """What the CLI prints in one language: ``words("Why:")``, ``words.plural(...)``, numbers, signs."""

    def __init__(self, lang: str, translations=None) -> None:
        """`translations`: a gettext catalogue in `lang` (the site's request's); the interface's own by default."""
        self.lang = lang
        self.catalogue = catalogue(lang) if translations is None else translations

    def __call__(self, message: str, **values: object) -> str:
        text = self.catalogue.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, num: int, **values: object) -> str:
        values.setdefault("num", self.number(num))
        return self.catalogue.ngettext(singular, plural, num) % values

    def word(self, value: str) -> str:
        """A status, relation or kind of the knowledge base (WORDS); a word the table does not know as it is (data)."""
        found = WORDS.get(value)
        return self.catalogue.gettext(found) if found is not None else value

    def number(self, value: int) -> str:
        """12345 -> « 12 345 » / "12,345" (Babel, as the site writes them)."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)

    def sign(self, sign: str) -> str:
        """« : » with its no-break space in French, ": " in English (graph.cite.separator)."""
        from graph.cite import separator

        return separator(sign, self.lang)

    def date(self, value: str) -> str:
        """``2024-08-31`` -> « 31 août 2024 » / "August 31, 2024" (Babel's long date, « 1er » in French)."""
        import datetime as dt

        from babel.dates import format_date

        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        text = format_date(day, format="long", locale=self.lang)
        return "1er" + text[1:] if self.lang == "fr" and day.day == 1 else text

    def quoted(self, words: str) -> str:
        from graph.cite import quoted

        return quoted(words, self.lang)

    def translate(self):
        """The catalogue as govern's reasons and paths take it (graph.govern_why.Translate)."""
        from graph.govern_why import translator

        return translator(self.catalogue)


def N_(message: str) -> str:
    """Marks a message for the catalogues (`make translations` reads this file)."""
    return message


def N_plural(singular: str, plural: str) -> str:
    """Marks a plural message for the catalogues."""
    return singular


WORDS = {word: word for word in (
    N_("in force"), N_("repealed"), N_("not in force"), N_("omitted"), N_("inoperative"), N_("integrated"), N_("ok"),
    N_("unknown provision"), N_("ambiguous"), N_("other act"), N_("cites"), N_("applies"), N_("applies to"),
    N_("despite"), N_("subject to"), N_("for the purposes of"), N_("within the meaning of"), N_("cited by guidance"),
    N_("integrated into"), N_("establishes"), N_("defines"), N_("uses term"), N_("provides for"), N_("contains"),
    N_("amended by"), N_("governs"), N_("provisions"), N_("regulation powers"), N_("made under"), N_("guidance"),
    N_("note"), N_("example"), N_("question"), N_("answer"), N_("program"), N_("term"), N_("statute"),
    N_("regulation"), N_("enacted"), N_("inserted"), N_("amended"), N_("update"), N_("ministerial"),
    N_("repeal schedule"), N_("editorial"), N_("text"), N_("provision"), N_("amending act"), N_("act"), N_("decree"))} | {
    "not in the library": N_("not checked: not in the library"),
    "regulations made under": N_("regulations made under this section")}
"""The statuses, relations and kinds of things of the knowledge base (data) -> catalogue entries:
the one table the site (`web.i18n.word`) and the command line (`Words.word`) name them with."""


OWN = (N_("Path:"), N_("Note:"), N_("Status:"), N_("named by"), N_("Sections of the chapter that establishes it:"),
       N_plural("%(num)s provision lists it in its history", "%(num)s provisions list it in their history"),
       N_("neighbourhood within %(depth)s references: %(nodes)s nodes, %(edges)s edges (--json prints it)"),
       N_plural("%(source)s → %(target)s: %(num)s step", "%(source)s → %(target)s: %(num)s steps"),
       N_("%(source)s → %(target)s: not linked by citations"), N_("%(file)s: skipped: %(why)s"),
       # kinds of nodes and edges of the law graph the site's words do not name
       N_("section"), N_("division"), N_("unit"), N_("external act"), N_("external provision"), N_("part of"))
"""The messages only the command line prints; every other word it prints is the site's."""

CITE_STYLES = (("short", N_("Short"), {"en": N_("Short (English)"), "fr": N_("Short (French)")}),
               ("mcgill", N_("McGill"), {"en": N_("McGill (English)"), "fr": N_("McGill (French)")}),
               ("drafting", N_("Drafting form"), {"en": N_("Drafting form (English)"), "fr": N_("Drafting form (French)")}))
"""The citation styles a provision is offered in (the site's "Cite" list, `alinea show`), each
named plainly in the reader's language and with its language in the other."""


def reader_first(lang: str, languages: tuple[str, ...] = ("fr", "en")) -> tuple[str, ...]:
    """The languages, the reader's first."""
    return (lang,) + tuple(other for other in languages if other != lang)
