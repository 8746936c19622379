"""The Alinea web site: `create_app` loads the knowledge base once and registers the blueprints."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, jsonify, request
from markupsafe import escape

from alinea.code_links import load_recorded
from alinea.errors import AlineaError, DamagedData
from alinea.ids import amending_act_slug
from alinea.kb import load

SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
               "de", "des", "du", "et", "la", "le", "les", "l", "d", "en", "au", "aux", "sur"}


def heading_case(text: str) -> str:
    """``ESTABLISHMENT AND PAYMENT OF BENEFIT`` -> ``Establishment and Payment of Benefit``;
    headings already in mixed case are left alone."""
    if any(c.islower() for c in text):
        return text
    words = text.lower().split(" ")
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def create_app(test_config: dict | None = None) -> Flask:
    """The Flask app for the knowledge base built in DATA_DIR (default: $ALINEA_DATA or ./data)."""
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR=os.environ.get("ALINEA_DATA", "data"), JSON_SORT_KEYS=False)
    if test_config:
        app.config.update(test_config)
    app.config["DEBUG"] = False
    from search import open_index

    try:
        kb = app.extensions["kb"] = load(Path(app.config["DATA_DIR"]))
        app.extensions["search"] = open_index(Path(app.config["DATA_DIR"]), kb.resolver())
    except DamagedData as exc:
        return unavailable_app(app, exc)
    try:
        app.extensions["code_links"] = load_recorded(Path(app.config["DATA_DIR"]))
    except AlineaError as exc:  # an unreadable recorded scan: name it, as any damage
        return unavailable_app(app, exc)

    from web import api, articles, code_links, course, errors, govern, law_graph, limits, search, security
    from web.present import Presenter, href
    from web.svg import neighbourhood_svg

    app.extensions["presenter"] = Presenter(kb)
    app.extensions["act_slugs"] = law_graph.act_slugs(kb.graph)
    app.jinja_env.globals.update(present=app.extensions["presenter"], present_href=lambda node: href(kb, node),
                                 neighbourhood_svg=lambda node: neighbourhood_svg(kb.graph, node, lambda n: href(kb, n)))

    app.add_template_filter(heading_case)
    app.add_template_filter(amending_act_slug, "act_slug")
    security.init_app(app)
    limits.init_app(app)
    errors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(course.bp)
    app.register_blueprint(law_graph.bp)
    app.register_blueprint(code_links.bp)
    app.register_blueprint(govern.bp)
    app.register_blueprint(articles.bp)
    return app


def unavailable_app(app: Flask, damage: AlineaError) -> Flask:
    """The site over a damaged data directory: every request answers 503 with the one line
    that names the damaged file and says to rebuild (no page reads the data)."""
    from web import security

    app.logger.error("%s", damage)
    security.init_app(app)

    @app.before_request
    def unavailable():
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            response = jsonify({"error": {"status": 503, "message": str(damage)}})
        else:
            response = Response(f"<!doctype html><html lang=en><meta charset=utf-8><title>503</title>"
                                f"<h1>Service unavailable (503)</h1><p>{escape(str(damage))}</p></html>",
                                mimetype="text/html")
        response.status_code = 503
        response.headers["Retry-After"] = "60"
        return response

    return app
