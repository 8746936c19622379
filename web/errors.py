"""One error type mapped to HTTP statuses: NotFound -> 404 (with suggestions), BadQuery -> 400;
the message in the interface's language, as HTML or, for the API and JSON clients, as JSON."""
from __future__ import annotations

import difflib

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from alinea.errors import AlineaError, DamagedData, NotFound
from web.articles import wants_json
from web.i18n import gettext
from web.kb import get_kb
from web.messages import error_message


def suggestions(wanted: str, limit: int = 5) -> list[str]:
    """The ids closest to what was asked for."""
    kb = get_kb()
    wanted = wanted.strip("/")
    ids = list(kb.ids())
    prefix = wanted
    while prefix and not any(i.startswith(prefix) for i in ids):
        prefix = prefix[:-1]
    near = [i for i in ids if prefix and i.startswith(prefix) and i.count("/") <= wanted.count("/") + 1]
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.6)
    return list(dict.fromkeys(close + near))[:limit]


def json_error(status: int, exc: Exception | str):
    """``{"error": {"status", "message"}}`` with the message in the interface's language."""
    message, original = error_message(exc) if isinstance(exc, Exception) else (exc, "")
    body = {"status": status, "message": message}
    if original:
        body["detail"] = original
    return jsonify({"error": body}), status


def error_page(status: int, exc: Exception | None, hints: list[str] | None = None):
    message, original = error_message(exc) if exc is not None else ("", "")
    return render_template("error.html", status=status, message=message, detail=original,
                           suggestions=hints or []), status


HTTP_MESSAGES = {404: lambda: gettext("There is no page at this address."),
                 405: lambda: gettext("This address does not answer that kind of request."),
                 413: lambda: gettext("The request is too large."),
                 500: lambda: gettext("Something went wrong on our side.")}


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def not_found(exc: NotFound):
        if wants_json():
            return json_error(404, exc)
        return error_page(404, exc, suggestions(request.path.strip("/")))

    @app.errorhandler(DamagedData)
    def damaged(exc: DamagedData):
        app.logger.error("%s", exc)
        said = gettext("The site's data is damaged; it must be rebuilt (alinea build).")
        if wants_json():
            return jsonify({"error": {"status": 503, "message": f"{said} {exc}"}}), 503
        return render_template("error.html", status=503, message=said, detail=str(exc), suggestions=[]), 503

    @app.errorhandler(AlineaError)
    def alinea_error(exc: AlineaError):
        return error_page(400, exc)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        hints = suggestions(request.path) if status == 404 else []
        text = HTTP_MESSAGES.get(status, lambda: gettext("The request could not be answered."))()
        return render_template("error.html", status=status, message=text, detail="", suggestions=hints), status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return render_template("error.html", status=500, message=HTTP_MESSAGES[500](), detail="",
                               suggestions=[]), 500
