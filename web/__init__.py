"""The Alinea web site: `create_app` loads the knowledge base once and registers the blueprints."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, jsonify, request
from markupsafe import escape

from alinea.errors import AlineaError, DamagedData
from alinea.ids import amending_act_slug

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
    app.config.from_mapping(DATA_DIR=os.environ.get("ALINEA_DATA", "data"), JSON_SORT_KEYS=False,
                            PUBLIC_URL=os.environ.get("ALINEA_PUBLIC_URL", ""))
    if test_config:
        app.config.update(test_config)
    app.config["DEBUG"] = False
    from search import open_index
    from web import (
        api,
        articles,
        code_links,
        course,
        errors,
        govern,
        i18n,
        kb,
        law_graph,
        limits,
        messages,
        reading,
        search,
        security,
    )
    from web.present import href, presenter
    from web.svg import neighbourhood, section_figure

    try:
        kb.init_app(app, Path(app.config["DATA_DIR"]), prepare=search.prepare)
        # the index reopens itself after a rebuild; typed citations resolve in the knowledge base served now
        app.extensions["search"] = open_index(Path(app.config["DATA_DIR"]), search.typed_citation)
    except DamagedData as exc:
        return unavailable_app(app, exc)

    @app.template_global()
    def absolute_url(path: str) -> str:
        """An address that works on paper and in a file: on the public site when one is configured."""
        return (app.config.get("PUBLIC_URL") or request.host_url).rstrip("/") + path

    @app.context_processor
    def knowledge_base_helpers() -> dict:
        current = kb.get_kb()
        return {"present": presenter(), "present_href": lambda node: href(current, node),
                "neighbourhood_svg": section_figure, "graph_neighbours": neighbourhood}

    app.add_template_filter(heading_case)
    app.add_template_filter(amending_act_slug, "act_slug")
    security.init_app(app)
    i18n.init_app(app)
    app.add_template_filter(messages.search_message)
    app.add_template_filter(messages.govern_text)
    app.add_template_filter(messages.code_note)
    app.add_template_filter(messages.skip_reason)
    limits.init_app(app)
    errors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(course.bp)
    app.register_blueprint(law_graph.bp)
    app.register_blueprint(code_links.bp)
    app.register_blueprint(govern.bp)
    app.register_blueprint(reading.bp)
    app.register_blueprint(articles.bp)
    warm(app)
    return app


SERVED_MOST = ("search.html", "section.html", "error.html")
"""The templates of the pages asked most (search, provision, 404): compiled before the first request,
rather than by each of the threads the first requests arrive on."""


def warm(app: Flask) -> None:
    """What the first requests would otherwise each build at once: the templates served most and
    the search index's vocabulary (the knowledge base's own objects: search.prepare)."""
    for name in SERVED_MOST:
        app.jinja_env.get_template(name)
    try:
        app.extensions["search"].vocabulary
    except AlineaError:  # no index yet: the search pages say so
        pass


def unavailable_app(app: Flask, damage: AlineaError) -> Flask:
    """The site over a damaged data directory: every request answers 503 with the one line
    that names the damaged file and says to rebuild (no page reads the data)."""
    from web import i18n, security

    app.logger.error("%s", damage)
    security.init_app(app)
    i18n.init_app(app)

    @app.before_request
    def unavailable():
        said = i18n.gettext("The site's data is damaged; it must be rebuilt (alinea build).")
        title = i18n.gettext("Service unavailable")
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            response = jsonify({"error": {"status": 503, "message": f"{said} {damage}"}})
        else:
            response = Response(f"<!doctype html><html lang={i18n.current_language()}><meta charset=utf-8>"
                                f"<title>503</title><h1>{escape(title)} (503)</h1>"
                                f"<p>{escape(said)}</p><p><code lang=en>{escape(str(damage))}</code></p></html>",
                                mimetype="text/html")
        response.status_code = 503
        response.headers["Retry-After"] = "60"
        return response

    return app
