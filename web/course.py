"""The course-material builder: notes in, linked HTML or Markdown out.

The preview links to this site's pages; a downloaded handout links to the public copy of the
site (ALINEA_PUBLIC_URL) when one is configured, else to each provision's official page."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from alinea.course import official_links, public_links, render_course, site_links
from alinea.errors import BadQuery
from alinea.limits import check_length
from web.i18n import current_language, echoed, gettext, long_date, word
from web.kb import get_kb
from web.messages import shown

bp = Blueprint("course", __name__)
EXAMPLE = {"quits": "A-13.1.1/59", "applies": "A-13.1.1/83.24", "income": "A-13.1.1/55/p1/2/a"}
"""The provisions the example notes cite, printed in the interface's language (`example`)."""


def example() -> str:
    """The notes the form starts with, in the interface's language, their citations printed by the
    one formatter as a reader of that language writes them (« [[art. 59]] »)."""
    from web.present import presenter

    label = presenter().label
    return gettext("# Leaving a job\n\nA recipient who quits cannot have the benefit reduced for that reason: "
                   "[[%(quits)s]].\n\n![[%(applies)s]]\n\nSee also [[%(income)s]] for how employment income is "
                   "subtracted.\n\n| Situation | Provision |\n|---|---|\n| Quits a job | [[%(quits)s]] |\n"
                   "| Employment income | [[%(income)s]] |\n", **{k: label(v) for k, v in EXAMPLE.items()})


def public_url() -> str:
    """The public address of the site handouts link to; empty when none is configured."""
    return (current_app.config.get("PUBLIC_URL") or "").rstrip("/")


def in_interface_language(words: str) -> str:
    """The words of a handout in the interface's language (statuses through the `word` table)."""
    translated = word(words)
    return translated if translated != words else gettext(words)


@bp.route("/course", methods=["GET", "POST"])
def course():
    notes = check_length("the notes", request.form.get("notes", "") if request.method == "POST" else example(),
                         "course_notes")
    appendix = request.form.get("appendix") == "on"
    fmt = request.form.get("format", "")
    if fmt not in ("", "preview", "html", "markdown"):
        raise shown(BadQuery(gettext("Unknown format %(what)s: use preview, html or markdown.", what=echoed(fmt))))
    kb = get_kb()
    download = fmt in ("html", "markdown")
    link = (public_links(public_url()) if public_url() else official_links(kb)) if download else site_links()
    result = render_course(notes, kb, link=link, appendix=appendix, heading_shift=0 if download else 2,
                           translate=in_interface_language, date=long_date, lang=current_language())
    if fmt == "markdown":
        return Response(result.markdown, mimetype="text/markdown",
                        headers={"Content-Disposition": 'attachment; filename="course.md"'})
    if fmt == "html":
        page = render_template("course_standalone.html", body=result.html, used=result.used, title=first_heading(result.html))
        return Response(page, mimetype="text/html",
                        headers={"Content-Disposition": 'attachment; filename="course.html"'})
    return render_template("course.html", notes=notes, result=result, appendix=appendix, public_url=public_url(),
                           example_ids=EXAMPLE)


def first_heading(body: str) -> str:
    """The words of the trainer's first top heading (the handout's title in the browser and a saved file's list), ''
    without one."""
    import lxml.html

    if not body.strip():
        return ""
    headings = lxml.html.fragment_fromstring(body, create_parent="div").xpath("(//h1)[1]")
    return " ".join(headings[0].text_content().split()) if headings else ""
