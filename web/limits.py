"""The request limits of alinea.limits applied to the site before any view runs: the path and the
query string (414), each query parameter (400), the body and each form field (413), and the
waitress settings that bound the request line and headers."""
from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest, RequestURITooLarge

from alinea.limits import limit
from web.i18n import gettext, number


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
            raise RequestURITooLarge(gettext("The address is %(size)s characters long; the limit is %(limit)s.",
                                             size=number(len(path)), limit=number(limit("url_path"))))
        query = request.query_string
        if len(query) > limit("query_string"):
            raise RequestURITooLarge(gettext("The query string is %(size)s bytes long; the limit is %(limit)s.",
                                             size=number(len(query)), limit=number(limit("query_string"))))
        for name, value in request.args.items(multi=True):
            if len(value) > limit("parameter") or len(name) > limit("parameter"):
                raise BadRequest(gettext("The parameter %(name)s is %(size)s characters long; the limit is %(limit)s.",
                                         name=repr(name[:40]), size=number(len(value)), limit=number(limit("parameter"))))
