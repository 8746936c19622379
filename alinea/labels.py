"""How lists name a section or a division (search results, govern's results, the site's lists):
its label printed from the id by the one formatter, in the language asked, and its heading as its
document writes it.  Nothing stores a printed label: it is printed when it is shown."""
from __future__ import annotations


def parts(node_id: str, heading: str, lang: str, home: str | None = None) -> tuple[str, str, str]:
    """(label, separator, heading): the label printed from the id by the one formatter in `lang`
    (« art. 132 », "s. 132", « Titre II »; within `home`, by default its own document), and the
    heading as its document writes it; no label for a guidance page's section or a document."""
    from graph.cite import cite, division_label

    if node_id.startswith("guidance:") or "/" not in node_id:
        return "", "", heading
    if ":" in node_id.rsplit("/", 1)[1]:
        return division_label(node_id, lang), " — ", heading
    return cite(node_id, "short", lang, home=home or node_id.split("/")[0]), " ", heading


def titled(node_id: str, heading: str, lang: str, home: str | None = None) -> str:
    """How a list names a section or a division: `parts` on one line ("s. 132 Liquid assets",
    « Titre II — FINANCIAL… »); a guidance page's section by its heading alone."""
    label, separator, heading = parts(node_id, heading, lang, home)
    return label + separator + heading if label and heading else label or heading


def hit_title(hit, lang: str) -> str:
    """A search result's title in `lang` (`titled`), printed when it is shown."""
    return titled(hit.section, hit.heading, lang)
