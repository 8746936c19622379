"""The "which articles govern this?" page (`/govern?q=...`): a form, the provisions grouped by
role with their reasons, and a picture of the paths that lead to them."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request

from alinea.errors import BadQuery
from alinea.limits import check_length, limit, whole_number
from graph.govern import DEFAULT_LIMIT, govern
from graph.govern_delegation import delegation
from graph.govern_why import ROLES, path_data
from web.i18n import gettext, lazy_gettext, separator
from web.kb import get_kb
from web.messages import error_message, govern_text
from web.present import presenter
from web.svg import figure_paths, paths_svg

bp = Blueprint("govern", __name__)
MAX_CHARS = limit("govern_text_web")
ROLE_TITLES = {role: lazy_gettext(title) for role, title in ROLES.items()}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?\s*>|<!--|<!DOCTYPE", re.IGNORECASE)


def problem(text: str) -> str | None:
    """What is wrong with a text typed into the form or the API, in words; None when it can be read."""
    if not text.strip():
        return gettext("Type a question, paste a situation or a guidance page, or name a provision "
                       "(s. 59, program:basic-income).")
    try:
        check_length("the text", text, "govern_text_web")
    except BadQuery as exc:
        return error_message(exc)[0] + " " + gettext("Paste the part that matters, or use `alinea govern` for "
                                                     "longer texts.")
    if _CONTROL.search(text):
        return gettext("The text contains control characters; paste it as plain text.")
    if _MARKUP.search(text):
        return gettext("The text looks like HTML markup; paste the words of the page as the browser shows them.")
    return None


def read_limit(value: str | None) -> int:
    """The limit parameter: a whole number from 1 to the "govern_limit" bound; BadQuery otherwise."""
    return whole_number("limit", value, 1, limit("govern_limit"), default=DEFAULT_LIMIT)


def answer_for(text: str, limit: int):
    """The answer for a checked text, from the app's knowledge base and search index."""
    return govern(text, get_kb(), current_app.extensions["search"], limit)


@bp.get("/govern")
def page():
    q = request.args.get("q")
    try:
        limit = read_limit(request.args.get("limit"))
    except BadQuery as exc:
        return render_template("govern.html", q=q or "", limit=DEFAULT_LIMIT, message=error_message(exc)[0],
                               answer=None), 400
    if q is None:
        return render_template("govern.html", q="", limit=limit, message=None, answer=None)
    message = problem(q)
    if message:
        return render_template("govern.html", q=q[:MAX_CHARS], limit=limit, message=message, answer=None), 400
    answer = answer_for(q, limit)
    kb = get_kb()
    return render_template("govern.html", q=q, limit=limit, message=None, answer=answer, roles=ROLE_TITLES,
                           groups=numbered_groups(answer),
                           delegations={r.id: delegation(kb, r.id) if r.role in ("rule", "definition", "procedure")
                                        and not said_delegated(r) else None for r in answer.results},
                           svg=paths_svg(kb, answer), paths=figure_paths(answer), excerpts={r.id: excerpt_of(kb, r.id) for r in answer.results})


def govern_json(answer) -> dict:
    """The JSON answer in the interface's language: each reason's `text` and the `reason` line,
    each result's `title` (its label printed from its id, its heading as its document writes it),
    the notes (`messages`) and each path in words (`path_text`) and as data (`path_steps`), beside
    the `path` of ids."""
    present = presenter()
    out = answer.to_dict(present.say)
    for result, data in zip(answer.results, out["results"]):
        data["reason"] = separator(";").join(r["text"] for r in data["reasons"])
        data["title"] = present.title(result.section, result.title)
        data["path_text"] = [present.step(step, node=not i % 2) for i, step in enumerate(result.path)]
        data["path_steps"] = path_data(result.path)
    out["messages"] = [govern_text(m) for m in answer.messages]
    return out


def numbered_groups(answer) -> list[tuple[str, list[tuple[int | None, object]]]]:
    """The results grouped by role, the provisions numbered 1 to N in the order the page shows
    them (so that a limit of 10 shows 1 to 10), guidance pages unnumbered."""
    number, out = 0, []
    for role, results in answer.groups():
        items = []
        for r in results:
            if role != "guidance":
                number += 1
            items.append((number if role != "guidance" else None, r))
        out.append((role, items))
    return out


def excerpt_of(kb, node_id: str, size: int = 220) -> str:
    """The start of a provision's text (a unit's with its children), on one line."""
    node = kb.get(node_id).node
    text = " ".join((getattr(node, "full_text", None) or getattr(node, "text", "") or "").split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + "…"


def said_delegated(result) -> bool:
    """Whether a result's reasons already say it leaves the detail to a regulation the library lacks (the page
    says it once)."""
    return any(reason.key.startswith("delegates") for reason in result.reasons)
