"""The lower layers' messages (errors, search notes, govern's notes, what `alinea links` says of
code) in the interface's language: alinea.messages reads and writes them, as the command line
does; this module gives it the request's language and catalogue, and the names the request's
address holds (a message names those as typed). A message nothing reads is shown as it is, or an
error under a translated heading (and the catalogue-coverage test finds it)."""
from __future__ import annotations

from flask import has_request_context, request

from alinea import messages
from alinea.errors import AlineaError, BadQuery
from alinea.limits import check_length
from alinea.say import Words
from web.i18n import current_language, gettext, translations


def _say() -> Words:
    """The interface's words in this request's language."""
    return Words(current_language(), translations())


def _parameters():
    """The names of this request's query parameters (« limit », « page »)."""
    return request.args if has_request_context() else ()


def over_limit(name: str, value: str | bytes, limit_name: str) -> str | None:
    """The message, in the interface's language, when value is longer than the named limit
    (alinea.limits.check_length: the one check and the one message per limit); None otherwise."""
    try:
        check_length(name, value, limit_name)
    except BadQuery as exc:
        return error_message(exc)[0]
    return None


def shown(exc: AlineaError) -> AlineaError:
    """Mark an error whose message the web layer wrote in the interface's language."""
    exc.in_interface_language = True
    return exc


def error_message(exc: Exception) -> tuple[str, str]:
    """(the message in the interface's language, the original when no pattern knows it)."""
    message = str(exc)
    if getattr(exc, "in_interface_language", False):
        return message, ""
    known = messages.error_text(message, _say(), _parameters())
    return (known, "") if known is not None else (gettext("The request could not be answered."), message)


def search_message(message: str) -> str:
    return messages.search_note(message, _say())


def govern_part(text: str) -> str | None:
    return messages.govern_note(text, _say())


def govern_text(text: str) -> str:
    """(Reasons and path steps are data, printed by graph.govern_why through `web.present.Presenter`.)"""
    return govern_part(text) or text


def code_note(note: str) -> str:
    return messages.code_note(note, _say())


def skip_reason(reason: str) -> str:
    return messages.skip_reason(reason, _say())
