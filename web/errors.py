"""One error type mapped to HTTP statuses: NotFound -> 404 (with suggestions), DamagedData -> 503,
BadQuery and other AlineaErrors -> 400, HTTP errors (405, 413, 414, ...) with their own status; JSON under /api/ and for
clients that ask for it, the site's error page otherwise; never a traceback."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from alinea.errors import AlineaError, DamagedData, NotFound
from alinea.nearest import NearestIds
from web.articles import wants_json


def suggestions(wanted: str, limit: int = 5) -> list[str]:
    """The ids closest to what was asked for (bounded work: see alinea.nearest)."""
    return current_app.extensions["nearest"].suggest(wanted, limit)


def answer(status: int, message: str, hints: list[str] | None = None, headers: dict | None = None):
    if request_ctx.url_adapter is None:  # a request so malformed (a bad Host) that no link can be drawn
        response = current_app.response_class(f"{status}: {message}\n", mimetype="text/plain")
    elif request.path.startswith("/api/") or wants_json():
        response = jsonify({"error": {"status": status, "message": message}})
    else:
        response = current_app.make_response(render_template("error.html", status=status, message=message,
                                                             suggestions=hints or []))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def init_app(app: Flask) -> None:
    app.extensions["nearest"] = NearestIds(app.extensions["kb"].ids())

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound):
        return answer(404, str(exc), suggestions(request.path))

    @app.errorhandler(DamagedData)
    def damaged(exc: DamagedData):
        app.logger.error("%s", exc)
        return answer(503, str(exc))

    @app.errorhandler(AlineaError)
    def alinea_error(exc: AlineaError):
        return answer(400, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        hints = suggestions(request.path) if status == 404 else []
        methods = getattr(exc, "valid_methods", None)
        return answer(status, exc.description or exc.name, hints, {"Allow": ", ".join(methods)} if methods else {})

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.error("unexpected error on %s %s: %s: %s", request.method, request.path[:200],
                         type(exc).__name__, str(exc)[:200], exc_info=not isinstance(exc, RecursionError))
        return answer(500, "Something went wrong on our side.")
