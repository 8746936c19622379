"""INTERIM (delete when merging issue 14): the gettext names templates call, as identities."""
from __future__ import annotations


def _(text: str, **values) -> str:
    return text % values if values else text


def ngettext(singular: str, plural: str, num: int, **values) -> str:
    return (singular if num == 1 else plural) % {"num": num, **values}


def init_app(app) -> None:
    app.jinja_env.globals.setdefault("_", _)
    app.jinja_env.globals.setdefault("ngettext", ngettext)
    app.jinja_env.filters.setdefault("word", lambda value: value)
    app.jinja_env.filters.setdefault("number", lambda value: f"{value:,}")
    app.jinja_env.filters.setdefault("long_date", lambda value: value or "")
    app.jinja_env.filters.setdefault("govern_text", lambda value: value)
