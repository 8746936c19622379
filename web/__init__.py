"""The Alinea web site: `create_app` loads the knowledge base once and registers the blueprints."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from alinea.kb import load


def create_app(test_config: dict | None = None) -> Flask:
    """The Flask app for the knowledge base built in DATA_DIR (default: $ALINEA_DATA or ./data)."""
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR=os.environ.get("ALINEA_DATA", "data"), JSON_SORT_KEYS=False)
    if test_config:
        app.config.update(test_config)
    app.config["DEBUG"] = False
    app.extensions["kb"] = load(Path(app.config["DATA_DIR"]))

    from web import api, articles, course, errors, security

    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(course.bp)
    app.register_blueprint(articles.bp)
    return app
