"""What a French page says in its own words, and the typography and language checks every French
page must pass (tests/test_web_french_crawl.py).

A page's French text is its text in document order, without the words it quotes (an element that
carries its own ``lang``: the site marks the words of a document that way, in either language,
never a label it prints; and words between « », quoted as they were written), code, scripts and
the form's own input; the attributes a reader meets (title, aria-label, placeholder, alt) are
checked too.  The names of the library's documents and of the glossary's concepts are data: an
English one is not an English message."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {"script", "style", "code", "pre", "textarea", "kbd", "samp"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
GAP = "\x00"
"""Stands for words left out (another language's, code): no check reads across it."""

ELISION = re.compile(r"(?<![\w’'])(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)[’'][ \t\r\n\u00a0\u202f]+(?=\w)")
"""« l’ art. 59 »: an elided article or pronoun followed by a space."""
BEFORE_SIGN = re.compile(r"(?:(?<=[^\s\u00a0\u202f\x00])|(?<=[ \t\r\n]))[;:!?](?=[\s\u00a0\u202f]|$)")
"""A « : ; ? ! » that ends a phrase without the no-break space before it (not « https:// », « 10:30 »)."""
OPENING = re.compile(r"«(?![\u00a0\u202f])")
CLOSING = re.compile(r"(?<![\u00a0\u202f])»")


def french_text(element, top: bool = True) -> str:
    """The element's own French text, in document order; quoted words (an element with its own
    `lang`) and code as GAP."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.split("}")[-1] in SKIPPED or (not top and element.get("lang")) or (top and element.get("lang", "fr") != "fr"):
        return GAP
    out = [element.text or ""]
    for child in element:
        out.append(french_text(child, False))
        out.append(child.tail or "")
    return "".join(out)


QUOTED = re.compile(r"«[\u00a0\u202f ]?([^«»]*?)[\u00a0\u202f ]?»")


def unquoted(text: str) -> str:
    """The text with the words between « » left out (the marks and their spaces kept)."""
    return QUOTED.sub(lambda m: m[0][:2 if m[0][1] in "\u00a0\u202f " else 1] + GAP
                      + m[0][-2 if m[0][-2] in "\u00a0\u202f " else -1:], text)


def french_attributes(root) -> list[str]:
    """The attributes a reader meets, on French elements."""
    out = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if not any(a.get("lang") for a in element.iterancestors() if a.getparent() is not None) \
                and (element.getparent() is None or not element.get("lang")):
            out += [element.get(a) for a in ATTRIBUTES if element.get(a)]
    return out


@lru_cache(maxsize=1)
def english_phrases() -> tuple[str, ...]:
    """Phrases of the interface's English messages that its French catalogue translates: runs of at
    least three words between placeholders and marks, none of which the French messages also use."""
    with open(ROOT / "web/translations/fr/LC_MESSAGES/messages.po", "rb") as stream:
        catalog = read_po(stream, locale="fr")
    french = " ".join(str(m.string if isinstance(m.string, str) else " ".join(m.string)) for m in catalog if m.id)
    french += " ".join(data_names())
    out = set()
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        translated = message.string if isinstance(message.string, str) else message.string[0]
        if not translated or translated == english:
            continue
        for part in re.split(r"%\(\w+\)s|[“”\"«»():;,.?!/]|<[^>]*>", english):
            part = " ".join(part.split())
            if len(part.split()) >= 3 and len(part) >= 15 and part not in french:
                out.add(part)
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def data_names() -> tuple[str, ...]:
    """The names of the bundled corpus's documents and glossary concepts, in both languages."""
    manifest = json.loads((ROOT / "corpus/manifest.json").read_text(encoding="utf-8"))
    glossary = json.loads((ROOT / "corpus/glossary.json").read_text(encoding="utf-8"))
    concepts = glossary["entries"]
    names = [d.get("title", "") for d in manifest["documents"]]
    names += [c.get(k, "") for c in concepts if isinstance(c, dict) for k in ("en", "fr")]
    return tuple(n for n in names if n)


def defects(root) -> list[str]:
    """Each typography or language defect of a French page, with the words around it."""
    text = re.sub(r"[ \t\r\n]+", lambda m: " " if "\u00a0" not in m[0] else m[0], french_text(root))
    text = unquoted(text)
    found = []
    for name, pattern in (("space after an elision", ELISION), ("no no-break space before the sign", BEFORE_SIGN),
                          ("no no-break space after «", OPENING), ("no no-break space before »", CLOSING)):
        for match in pattern.finditer(text):
            found.append(f"{name}: {text[max(0, match.start() - 40):match.end() + 30]!r}")
    for value in french_attributes(root):
        for name, pattern in (("space after an elision", ELISION), ("no no-break space after «", OPENING)):
            if pattern.search(value):
                found.append(f"{name} (attribute): {value!r}")
    said = text + " " + " ".join(french_attributes(root))
    found += [f"English interface words: {phrase!r}" for phrase in english_phrases() if phrase in said]
    return found
