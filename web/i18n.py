"""The interface's language: French unless the browser prefers English, a `?lang=` switch remembered
in a cookie, dates and numbers written the way each language writes them, and the words of the
lower layers (statuses, relations, error messages) put into the interface's language.

The source strings of the catalogues (`web/translations/`) are English; `fr` translates them and
`en` repeats them, so that a string missing from a catalogue is a string missing from both."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

import flask_babel
from flask import Flask, Response, has_request_context, request
from flask.globals import request_ctx
from flask_babel import Babel, format_date, format_decimal, get_locale
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import Markup

from alinea.say import WORDS

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
"""Each language in its own words, for the switch."""


def _here() -> tuple[str, object]:
    """This request's language and catalogue, looked up once per request and kept on it (Flask-Babel
    finds both again through several context lookups on each call, and a page makes hundreds)."""
    if not has_request_context():
        return _looked_up()
    ctx = request_ctx._get_current_object()
    try:
        return ctx.alinea_language
    except AttributeError:
        ctx.alinea_language = _looked_up()
        return ctx.alinea_language


def _looked_up() -> tuple[str, object]:
    locale = get_locale()
    return (locale.language if locale is not None else DEFAULT_LANGUAGE), flask_babel.get_translations()


def translations():
    """This request's catalogue (a gettext translations object), looked up once per request."""
    return _here()[1]


def gettext(string: str, **variables) -> str:
    """`string` in the interface's language (flask_babel.gettext, with the catalogue looked up once per request)."""
    text = _here()[1].ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """The singular or plural form for `num` in the interface's language (as flask_babel.ngettext)."""
    variables.setdefault("num", num)
    return _here()[1].ungettext(singular, plural, num) % variables


_PRINTED: WeakKeyDictionary = WeakKeyDictionary()
"""Per catalogue, what `_()` prints for each message a template gives no variables."""


@pass_context
def template_gettext(context, string: str, **variables):
    """`_()` in templates: Jinja's newstyle gettext (jinja2.ext._make_new_gettext: the message is
    always a format string, escaped by Markup when autoescaping), the printed form of a message
    without variables kept per catalogue: a page prints some sixty."""
    translations = _here()[1]
    if variables or not context.eval_ctx.autoescape:
        text = translations.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables
    printed = _PRINTED.get(translations)
    if printed is None:
        printed = _PRINTED.setdefault(translations, {})
    found = printed.get(string)
    if found is None:
        found = printed[string] = Markup(translations.ugettext(string)) % {}
    return found


def lazy_gettext(string: str, **variables) -> LazyString:
    """`gettext` when the text is used, so that module-level tables follow each request's language."""
    return LazyString(gettext, string, **variables)


LANGUAGE_WORDS = {"fr": lazy_gettext("French"), "en": lazy_gettext("English")}
"""Each language in the interface's words, for a document's or a provision's language."""


def language(code: str) -> str:
    """``fr`` -> « français » / "French"."""
    name = LANGUAGE_WORDS.get(code)
    return str(name) if name is not None else code


def select_language() -> str:
    """`?lang=`, else the cookie, else the browser's preference between French and English, else French."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def current_language() -> str:
    return _here()[0]


def switch_url(lang: str) -> str:
    """This page with this query, in another language."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", lang)]
    return f"{request.path}?{urlencode(args)}"


def long_date(value: str | dt.date | None) -> str:
    """``2024-08-31`` -> « 31 août 2024 » / "August 31, 2024"; the first of the month is « 1er »
    in French. Text that is not an ISO date is returned as it is."""
    if not value:
        return ""
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    return _long_date(value, current_language())


@lru_cache(maxsize=4096)
def _long_date(value: dt.date, lang: str) -> str:
    """Babel's long date in the request's language `lang`, worked out once per date and language."""
    text = format_date(value, format="long")
    if lang == "fr" and value.day == 1:
        text = re.sub(r"^1(?=\s)", "1er", text)
    return text


def number(value: int | float) -> str:
    """12345 -> « 12 345 » / "12,345"."""
    return _number(value, type(value), current_language())


@lru_cache(maxsize=4096)
def _number(value: int | float, kind: type, lang: str) -> str:
    """Babel's decimal in the request's language `lang`, once per value (of each type) and language."""
    return format_decimal(value)


FACET_NAMES = {"document": lazy_gettext("document"), "title": lazy_gettext("title"),
               "chapter": lazy_gettext("chapter"), "kind": lazy_gettext("kind"), "lang": lazy_gettext("language"),
               "status": lazy_gettext("status")}


def period_text(period) -> Markup:
    """« S'applique du 1er janvier 2021 au 30 septembre 2021 », with machine-readable dates."""
    def tag(day: str | None) -> Markup:
        return Markup('<time datetime="%s">%s</time>') % (day, long_date(day)) if day else Markup("")
    start, end = tag(period.start), tag(period.end)
    if start and end:
        return Markup(gettext("Applies from %(start)s to %(end)s", start=start, end=end))
    if start:
        return Markup(gettext("Applies from %(start)s onwards", start=start))
    return Markup(gettext("Applies until %(end)s", end=end)) if end else Markup("")



def separator(sign: str) -> str:
    """A sign between items, as each language writes it: "; " in English, « ; » in French (a no-break
    space before « ; : ? ! »)."""
    from graph.cite import separator as printed

    return printed(sign, current_language())


def echoed(value: str) -> str:
    """What a reader sent, quoted in the interface's marks (« xx », ‘xx’) for a message that names
    it; characters that print as nothing (NUL, controls) written as escapes (« a\\x00b »)."""
    from graph.cite import quoted

    return quoted("".join(c if c.isprintable() else repr(c)[1:-1] for c in value), current_language())


def quote_marks() -> tuple[str, str]:
    """The interface's quotation marks (graph.cite.QUOTES)."""
    from graph.cite import QUOTES

    return QUOTES[current_language()]


def word(value: str) -> str:
    """A status, relation or kind of the knowledge base in the interface's language (alinea.say.WORDS,
    the table the command line names them with too); a word it does not know as it is (it is data)."""
    key = str(value)
    found = WORDS.get(key)
    return _here()[1].ugettext(found) if found is not None else key


def stale_catalogues(directory: Path) -> list[str]:
    """The catalogues whose compiled form is missing or older than the .po file."""
    out = []
    for po in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            out.append(str(po))
    return out


def init_app(app: Flask) -> None:
    stale = stale_catalogues(Path(app.root_path) / "translations")
    if stale:
        app.logger.warning("interface catalogues not compiled (the site would show English): %s; "
                           "run `make catalogs`", ", ".join(stale))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_language)
    app.jinja_env.install_gettext_callables(gettext=lambda text: _here()[1].ugettext(text),
                                            ngettext=lambda s, p, n: _here()[1].ungettext(s, p, n), newstyle=True)
    app.jinja_env.globals["gettext"] = template_gettext
    app.add_template_filter(long_date)
    app.add_template_filter(number)
    app.add_template_filter(word)
    app.add_template_filter(language)
    app.jinja_env.globals.update(switch_url=switch_url, current_language=current_language, period_text=period_text, language=language, quote_marks=quote_marks, separator=separator,
                                 language_names=LANGUAGE_NAMES, languages=LANGUAGES, facet_names=FACET_NAMES)

    @app.after_request
    def remember_language(response: Response) -> Response:
        asked = request.args.get("lang", "")
        if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        response.headers.setdefault("Content-Language", current_language())
        return response


__all__ = ["echoed", "translations", "gettext", "lazy_gettext", "ngettext", "init_app", "long_date", "number", "word"]
