"""Page chrome: the words a browser copy or a saved page carries that are not content.

Chrome is recognised by what web pages of any publisher share, not by one
page's wording: text-size and print controls, menu and "top of page" links,
log-in buttons, the alternative text of link icons glued to a word
("ActLink to external site."), copyright lines, and boxes repeated on the
page (a notice shown under every button).

>>> line_chrome("Reduced text.Enlarge text. Print text.")
'page control'
>>> line_chrome("Main menu.")
'navigation'
>>> strip_link_icons("the Individual and Family Assistance ActLink to external site., the agency")
('the Individual and Family Assistance Act, the agency', [(40, 'Link to external site.')])
>>> is_button("Log in"), is_button("Accessing online services")
(True, False)
"""
from __future__ import annotations

import re

from ingest.periods import fold_chars

NAVIGATION, CONTROL, BUTTON, LINK, LINK_ICON = "navigation", "page control", "button", "link", "link icon"
REPEATED, COPYRIGHT = "repeated notice", "copyright"

_LINK_ICON = re.compile(
    r"\s?(?:link to (?:an )?external (?:site|website)"
    r"|this link (?:opens|will open) (?:in )?a new window(?: and leads to (?:an )?external (?:site|website))?"
    r"|opens in a new (?:window|tab)|new window|external link"
    r"|lien (?:vers un site )?externe|ce lien s['’]ouvr\w* dans une nouvelle fenetre"
    r"|s['’]ouvre dans une nouvelle fenetre|nouvelle fenetre)\.")
"""The alternative text of link icons as copied: always a phrase closed by a period, so that
"an external link" in a sentence stays."""
_PHRASES = {
    CONTROL: r"(?:reduced?|enlarge|larger|smaller|increase|decrease|print)(?: the)? text(?: size)?"
             r"|text size|print(?: this)?(?: page)?|share(?: this page)?"
             r"|(?:reduire|agrandir|diminuer|augmenter|imprimer)(?: la taille du| le)? texte"
             r"|taille du texte|imprimer(?: la page)?|partager(?: cette page)?",
    NAVIGATION: r"main menu|menu principal|menu|top of (?:the )?page|back to top|return to top"
                r"|haut de (?:la )?page|retour en haut(?: de (?:la )?page)?"
                r"|skip to (?:main )?content|passer au contenu(?: principal)?|aller au contenu"
                r"|you are here|vous etes ici|breadcrumbs?|fil d['’]ariane|home|accueil|search|rechercher"
                r"|english|francais|close|fermer|previous|next|precedent|suivant",
    BUTTON: r"log ?in|log ?out|sign in|sign out|se connecter|connexion|deconnexion|se deconnecter",
}
_PHRASE = {reason: re.compile(rf"(?:{rx})") for reason, rx in _PHRASES.items()}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|tous droits reserves|all rights reserved)")
_ACTION_VERBS = re.compile(
    r"^(?:log|sign|register|view|apply|submit|download|print|share|subscribe|create|start|see|go to"
    r"|learn more|find out more|read more|access|se connecter|connectez|s['’]inscrire|inscrivez"
    r"|consulter|consultez|telecharger|telechargez|imprimer|partager|acceder|accedez|voir|soumettre"
    r"|faire une demande|en savoir plus|lire la suite)\b")


def strip_link_icons(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Text without the words of link icons, and each removal as (offset in the result, words)."""
    removals: list[tuple[int, str]] = []
    out, last = [], 0
    folded = fold_chars(text)
    for m in _LINK_ICON.finditer(folded):
        start, end = m.span()
        out.append(text[last:start])
        at = sum(len(part) for part in out)
        if at == 0 and end < len(text) and text[end] == " ":
            end += 1
        removals.append((at, text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out), removals


def line_chrome(text: str) -> str | None:
    """Why a whole line is chrome (a reason such as ``navigation``), or None when it is content."""
    folded = fold_chars(" ".join(text.split())).strip()
    if not folded:
        return None
    if _COPYRIGHT.match(folded):
        return COPYRIGHT
    parts = [p.strip(" .|") for p in re.split(r"[.|]+", folded)]
    reasons = [next((r for r, rx in _PHRASE.items() if rx.fullmatch(p)), None) for p in parts if p]
    if reasons and all(reasons):
        return reasons[0]
    return None


def is_button(text: str) -> bool:
    """True for a short call to action ("Log in", "Register for online services")."""
    words = text.split()
    return 0 < len(words) <= 8 and not text.rstrip().endswith((".", ":", ";", ",")) \
        and bool(_ACTION_VERBS.match(fold_chars(text.strip())))


def repeated_runs(texts: list[str], min_run: int = 2, max_run: int = 4) -> set[int]:
    """Indices of items in a short run (`min_run` to `max_run` consecutive items, as long as
    the repetition goes) that the list repeats elsewhere: the same notice boxed under
    several buttons.  Longer repetitions are content (a page pasted twice stays a page)."""
    marked: set[int] = set()
    positions: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        positions.setdefault(text, []).append(i)
    for i in range(len(texts)):
        for j in positions[texts[i]]:
            if j <= i or (i > 0 and texts[i - 1] == texts[j - 1]):
                continue
            length = 0
            while j + length < len(texts) and i + length < j and texts[i + length] == texts[j + length]:
                length += 1
            if min_run <= length <= max_run:
                marked.update(range(i, i + length))
                marked.update(range(j, j + length))
    return marked
