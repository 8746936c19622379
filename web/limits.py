"""The request limits of alinea.limits applied to the site before any view runs: the path and the
query string (414), each query parameter (400), the body and each form field (413), and the
waitress settings that bound the request line and headers."""
from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest, RequestURITooLarge

from alinea.limits import limit
from web.messages import over_limit


def waitress_options() -> dict:
    """Settings for waitress.serve / create_server: headers and body bounded like the app."""
    return {"max_request_header_size": limit("headers"), "max_request_body_size": limit("body"),
            "channel_timeout": 30}


def init_app(app: Flask) -> None:
    app.config.update(MAX_CONTENT_LENGTH=limit("body"), MAX_FORM_MEMORY_SIZE=limit("body"),
                      MAX_FORM_PARTS=limit("form_parts"))

    @app.before_request
    def bounded_request() -> None:
        too_long = over_limit("the address", request.path, "url_path") \
            or over_limit("the query string", request.query_string, "query_string")
        if too_long:
            raise RequestURITooLarge(too_long)
        for name, value in request.args.items(multi=True):
            too_long = over_limit(repr(name[:40]), name, "parameter") or over_limit(repr(name[:40]), value, "parameter")
            if too_long:
                raise BadRequest(too_long)
