"""One error type mapped to HTTP statuses: NotFound -> 404 (with suggestions), BadQuery -> 400."""
from __future__ import annotations

import difflib

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from alinea.errors import AlineaError, BadQuery, DamagedData, NotFound
from web.articles import wants_json


def suggestions(wanted: str, limit: int = 5) -> list[str]:
    """The ids closest to what was asked for."""
    kb = current_app.extensions["kb"]
    wanted = wanted.strip("/")
    ids = list(kb.ids())
    prefix = wanted
    while prefix and not any(i.startswith(prefix) for i in ids):
        prefix = prefix[:-1]
    near = [i for i in ids if prefix and i.startswith(prefix) and i.count("/") <= wanted.count("/") + 1]
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.6)
    return list(dict.fromkeys(close + near))[:limit]


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def not_found(exc: NotFound):
        if wants_json():
            return jsonify({"error": {"status": 404, "message": str(exc)}}), 404
        path = request.path.strip("/")
        return render_template("error.html", status=404, message=str(exc),
                               suggestions=suggestions(path)), 404

    @app.errorhandler(BadQuery)
    def bad_query(exc: BadQuery):
        return render_template("error.html", status=400, message=str(exc), suggestions=[]), 400

    @app.errorhandler(DamagedData)
    def damaged(exc: DamagedData):
        app.logger.error("%s", exc)
        if wants_json():
            return jsonify({"error": {"status": 503, "message": str(exc)}}), 503
        return render_template("error.html", status=503, message=str(exc), suggestions=[]), 503

    @app.errorhandler(AlineaError)
    def alinea_error(exc: AlineaError):
        return render_template("error.html", status=400, message=str(exc), suggestions=[]), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        hints = suggestions(request.path) if status == 404 else []
        return render_template("error.html", status=status, message=exc.description,
                               suggestions=hints), status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return render_template("error.html", status=500, message="Something went wrong on our side.",
                               suggestions=[]), 500
