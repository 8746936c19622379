"""The course-material builder: notes in, linked HTML or Markdown out."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from alinea.course import render_course
from alinea.errors import BadQuery
from alinea.limits import check_length
from alinea.model import STATUSES
from web.i18n import gettext, word
from web.messages import shown

bp = Blueprint("course", __name__)
EXAMPLE = """# Leaving a job

A recipient who quits cannot have the benefit reduced for that reason: [[s. 59]].

![[s. 83.24]]

See also [[s. 55(2)(a)]] for how employment income is subtracted.
"""


def course_words() -> dict[str, str]:
    """The words of a rendered course in the interface's language."""
    return {"unresolved": gettext("No provision of this name"), "used": gettext("Provisions used"),
            **{status: word(status) for status in STATUSES}}


@bp.route("/course", methods=["GET", "POST"])
def course():
    notes = check_length("the notes", request.form.get("notes", EXAMPLE if request.method == "GET" else ""),
                         "course_notes")
    appendix = request.form.get("appendix") == "on"
    fmt = request.form.get("format", "")
    result = render_course(notes, current_app.extensions["kb"], base_url=request.url_root.rstrip("/"),
                           appendix=appendix, heading_shift=0 if fmt in ("html", "markdown") else 2,
                           words=course_words())
    if fmt == "markdown":
        return Response(result.markdown, mimetype="text/markdown",
                        headers={"Content-Disposition": 'attachment; filename="course.md"'})
    if fmt == "html":
        page = render_template("course_standalone.html", body=result.html, used=result.used)
        return Response(page, mimetype="text/html",
                        headers={"Content-Disposition": 'attachment; filename="course.html"'})
    if fmt not in ("", "preview"):
        raise shown(BadQuery(gettext("Unknown format %(what)s: use preview, html or markdown.", what=repr(fmt))))
    return render_template("course.html", notes=notes, result=result, appendix=appendix)
