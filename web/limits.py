"""The request limits of alinea.limits applied to the site before any view runs: the path and the
query string (414), each query parameter (400), the body and each form field (413), and the
waitress settings that bound the request line and headers."""
from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest, RequestURITooLarge

from alinea.limits import limit


def waitress_options() -> dict:
    """Settings for waitress.serve / create_server: headers and body bounded like the app."""
    return {"max_request_header_size": limit("headers"), "max_request_body_size": limit("body"),
            "channel_timeout": 30}


def init_app(app: Flask) -> None:
    app.config.update(MAX_CONTENT_LENGTH=limit("body"), MAX_FORM_MEMORY_SIZE=limit("body"),
                      MAX_FORM_PARTS=limit("form_parts"))

    @app.before_request
    def bounded_request() -> None:
        path = request.path
        if len(path) > limit("url_path"):
            raise RequestURITooLarge(f"The address is {len(path):,} characters long; "
                                     f"the limit is {limit('url_path'):,}.")
        query = request.query_string
        if len(query) > limit("query_string"):
            raise RequestURITooLarge(f"The query string is {len(query):,} bytes long; "
                                     f"the limit is {limit('query_string'):,}.")
        for name, value in request.args.items(multi=True):
            if len(value) > limit("parameter") or len(name) > limit("parameter"):
                raise BadRequest(f"The parameter {name[:40]!r} is {len(value):,} characters long; "
                                 f"the limit is {limit('parameter'):,}.")
