"""One error type mapped to HTTP statuses: NotFound -> 404 (with suggestions), DamagedData -> 503,
BadQuery and other AlineaErrors -> 400, HTTP errors (405, 413, 414, ...) with their own status; the
message in the interface's language (the original, when no translation knows it, as the detail);
JSON under /api/ and for clients that ask for it, the site's error page otherwise; never a traceback."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from alinea.errors import AlineaError, DamagedData, NotFound
from alinea.nearest import NearestIds
from web.articles import wants_json
from web.i18n import gettext
from web.kb import get_kb, snapshot
from web.messages import error_message


def suggestions(wanted: str, limit: int = 5) -> list[str]:
    """The ids closest to what was asked for, in the knowledge base served now: within the document
    it names, else the nearest documents (bounded work: see alinea.nearest)."""
    def nearest_ids() -> NearestIds:
        from graph.cite import nearest

        kb = get_kb()
        return NearestIds(kb.ids(), lambda target, size: nearest(target, kb.citation_index, size))

    return snapshot().cached("nearest", nearest_ids).suggest(wanted, limit)


def answer(status: int, message: str, detail: str = "", hints: list[str] | None = None,
           headers: dict | None = None):
    if request_ctx.url_adapter is None:  # a request so malformed (a bad Host) that no link can be drawn
        response = current_app.response_class(f"{status}: {message} {detail}".rstrip() + "\n", mimetype="text/plain")
    elif request.path.startswith("/api/") or wants_json():
        body = {"status": status, "message": message}
        if detail:
            body["detail"] = detail
        if hints:
            body["suggestions"] = hints
        response = jsonify({"error": body})
    else:
        response = current_app.make_response(render_template("error.html", status=status, message=message,
                                                             detail=detail, suggestions=hints or []))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def json_error(status: int, exc: Exception | str):
    """``{"error": {"status", "message"}}`` with the message in the interface's language, and the
    nearest real provisions (``suggestions``) when a citation named nothing."""
    message, original = error_message(exc) if isinstance(exc, Exception) else (exc, "")
    body = {"status": status, "message": message}
    if original:
        body["detail"] = original
    if nearest := getattr(exc, "nearest", ()):
        body["suggestions"] = list(nearest)
    if outside := getattr(exc, "target", ""):
        body["outside"] = outside  # read, and outside the knowledge base (a federal provision, a standard)
    return jsonify({"error": body}), status


def error_page(status: int, exc: Exception, hints: list[str] | None = None):
    """The error page (or JSON) for an error of the knowledge base, its message translated."""
    message, original = error_message(exc)
    return answer(status, message, original, hints or list(getattr(exc, "nearest", ())))


HTTP_MESSAGES = {400: lambda: gettext("The request could not be read."),
                 404: lambda: gettext("There is no page at this address."),
                 405: lambda: gettext("This address does not answer that kind of request."),
                 413: lambda: gettext("The request is too large."),
                 414: lambda: gettext("The address is too long."),
                 431: lambda: gettext("The request's headers are too large."),
                 500: lambda: gettext("Something went wrong on our side.")}


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def not_found(exc: NotFound):
        message, original = error_message(exc)
        return answer(404, message, original, list(exc.nearest) or suggestions(request.path))

    @app.errorhandler(DamagedData)
    def damaged(exc: DamagedData):
        app.logger.error("%s", exc)
        return answer(503, gettext("The site's data is damaged; it must be rebuilt (alinea build)."), str(exc))

    @app.errorhandler(AlineaError)
    def alinea_error(exc: AlineaError):
        message, original = error_message(exc)
        return answer(400, message, original)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        hints = suggestions(request.path) if status == 404 else []
        known = HTTP_MESSAGES.get(status)
        own = exc.description if exc.description != type(exc).description else ""  # written by the site
        if own and status != 413:  # the site's own words, translated (413 keeps them as the detail)
            text = own
        else:
            text = known() if known else (exc.description or gettext("The request could not be answered."))
        detail = exc.description if known and status == 413 else ""
        methods = getattr(exc, "valid_methods", None)
        return answer(status, text, detail, hints, {"Allow": ", ".join(methods)} if methods else {})

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.error("unexpected error on %s %s: %s: %s", request.method, request.path[:200],
                         type(exc).__name__, str(exc)[:200], exc_info=not isinstance(exc, RecursionError))
        return answer(500, HTTP_MESSAGES[500]())
