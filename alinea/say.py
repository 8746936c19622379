"""The command line's words in the language asked (`--lang`): the site's own catalogues
(web/translations, compiled at install, read with gettext without starting the site), numbers as
the language writes them, and French typography from graph.cite (« art. 59 », a no-break space
before « : ; ? ! » and inside « »).  Without a compiled catalogue the words are English and the
citations still in the language asked."""
from __future__ import annotations

import gettext
import re
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

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.catalogue = catalogue(lang)

    def __call__(self, message: str, **values: object) -> str:
        text = self.catalogue.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, num: int, **values: object) -> str:
        values.setdefault("num", self.number(num))
        return self.catalogue.ngettext(singular, plural, num) % values

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


OWN = (N_("Path:"), N_("Note:"), N_("Status:"), N_("named by"), N_("Sections of the chapter that establishes it:"),
       N_plural("%(num)s provision lists it in its history", "%(num)s provisions list it in their history"),
       N_("neighbourhood within %(depth)s references: %(nodes)s nodes, %(edges)s edges (--json prints it)"),
       N_plural("%(source)s → %(target)s: %(num)s step", "%(source)s → %(target)s: %(num)s steps"),
       N_("%(source)s → %(target)s: not linked by citations"),
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


SEARCH_NOTES = tuple((re.compile(pattern), message) for pattern, message in (
    (r"ignored control characters in the query", N_("Control characters of the query were ignored.")),
    (r"the query was cut to its first (?P<num>[\d,]+) characters",
     N_("The query was cut to its first %(num)s characters.")),
    (r"a quotation mark has no closing mark: searched the words after it",
     N_("A quotation mark has no closing mark: the words after it were searched.")),
    (r"ignored empty quotation marks", N_("Empty quotation marks were ignored.")),
    (r"(?P<what>\S+): has no value: ignored", N_("%(what)s has no value: ignored.")),
    (r"unknown field (?P<what>'[^']*') \(fields: (?P<fields>[^)]*)\): searched (?P<words>.*) as words",
     N_("Unknown field %(what)s (fields: %(fields)s): %(words)s was searched as words.")),
    (r"(?P<what>.+) has no letters: ignored", N_("%(what)s has no letters: ignored.")),
    (r"(?P<what>.+): a prefix needs at least two letters: searched the word",
     N_("%(what)s: a prefix needs at least two letters: the word was searched.")),
    (r"(?P<what>.+): fuzzy search allows at most 2 edits: used 2",
     N_("%(what)s: fuzzy search allows at most 2 edits: 2 were used.")),
    (r"ignored a '\)' that closes no '\('", N_("A ')' that closes no '(' was ignored.")),
    (r"ignored '(?P<what>OR|AND)': it needs a search term on each side",
     N_("'%(what)s' was ignored: it needs a search term on each side.")),
    (r"ignored 'NOT': it needs a search term after it",
     N_("'NOT' was ignored: it needs a search term after it.")),
    (r"a '\(' has no closing '\)': closed it at the end",
     N_("A '(' has no closing ')': it was closed at the end.")),
    (r"only the first (?P<num>\d+) search terms were used",
     N_("Only the first %(num)s search terms were used.")),
    (r"nothing to search in this query", N_("Nothing to search in this query.")),
    (r"nothing to search: type some words, a phrase in quotes or a citation",
     N_("Nothing to search: type some words, a phrase in quotes or a citation.")),
    (r"only common words: searched them exactly as written",
     N_("Only common words: they were searched exactly as written.")),
    (r"few sections hold all the words: those that hold some of them follow",
     N_("Few sections hold all the words: those that hold some of them follow.")),
    (r"parentheses and NOTs nested more than (?P<num>\d+) deep: the deeper ones were ignored",
     N_("Parentheses and NOTs nested more than %(num)s deep: the deeper ones were ignored.")),
    (r"only the first (?P<num>\d+) prefix, wildcard and fuzzy words were expanded: the others were searched as plain words",
     N_("Only the first %(num)s prefix, wildcard and fuzzy words were expanded: the others were searched as plain words.")),
    (r"(?P<what>\S+?:'[^']*') matches nothing \((?P<known>.*)\): filter ignored",
     N_("%(what)s matches nothing (%(known)s): the filter was ignored.")),
    # a typed citation read that names nothing real (graph.cite.read through KnowledgeBase.lookup)
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?) \((?P<target>[^()\s]+)\); nearest: (?P<near>.+)",
     N_("%(what)s: %(doc)s has no %(which)s (%(target)s); nearest: %(near)s.")),
    (r"(?P<what>'[^']*'): (?P<doc>\S+) has no (?P<which>.+?) \((?P<target>[^()\s]+)\)",
     N_("%(what)s: %(doc)s has no %(which)s (%(target)s).")),
))
"""The search engine's notes (search/, English, one line each), as patterns -> catalogue entries:
the one table the command line and the site print them in the reader's language with."""
_FIELD_QUOTED = re.compile(r"(?P<field>(?:\w+:)?)(?:'(?P<single>(?:[^'\\]|\\.)*)'|\"(?P<double>(?:[^\"\\]|\\.)*)\")")
"""What a note quoted as Python writes a string ('x', status:'x'), to quote in the language's marks."""


def search_note(message: str, lang: str, depth: int = 1) -> str:
    """A note of the search engine in `lang`, numbers written as the language writes them and
    what the note quoted as Python does ('x', status:'x') in the language's quotation marks; a note the
    table does not know is shown as it is."""
    words = Words(lang)
    for pattern, template in SEARCH_NOTES:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values = {}
        for key, value in found.groupdict(default="").items():
            quoted = _FIELD_QUOTED.fullmatch(value)
            if key == "num" and re.fullmatch(r"\d{1,3}(?:,?\d{3})*", value):
                value = words.number(int(value.replace(",", "")))
            elif quoted:
                value = quoted["field"] + words.quoted(quoted["single"] if quoted["single"] is not None
                                                      else quoted["double"])
            elif key == "known":  # the values a filter takes, in the catalogue's words when it has them
                value = ", ".join(words(part) if part else part for part in value.split(", "))
            elif key == "what" and depth > 0:
                value = search_note(value, lang, depth - 1)
            values[key] = value
        return words(template, **values)
    return message
