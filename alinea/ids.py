"""Provision identifiers: parse, print, and map to the publisher's anchors.

A provision id is a path (see docs/identifiers.md):

>>> pid = ProvisionId.parse("A-13.1.1/55/p1/2/f/ii")
>>> pid.doc, pid.section, pid.path
('A-13.1.1', '55', ('p1', '2', 'f', 'ii'))
>>> str(pid.parent)
'A-13.1.1/55/p1/2/f'
>>> pid.anchor
'se:55-ss:1-p1:2-p2:f-p3:ii'
>>> str(ProvisionId.parse("A-13.1.1/title:II/chapter:I"))
'A-13.1.1/title:II/chapter:I'
>>> ProvisionId.parse("S-2.1-r4/schedule:B/1/p2").section_id  # a schedule's own section 1
'S-2.1-r4/schedule:B/1'
>>> ProvisionId.parse("A-13.1.1/83.5.1").anchor
'se:83_5_1'
>>> ProvisionId.parse("S-2.1-r2/1/p1/df:entente").anchor
'se:1-ss:1-df:entente'
>>> parse_anchor("se:8_0_1-ss:2-p1:c-p2:ii")
('8.0.1', ('p2', 'c', 'ii'))
>>> doc_id_from_chapter("S-2.1, r. 6")
'S-2.1-r6'
>>> chapter_from_doc_id("A-13.1.1-r1")
'A-13.1.1, r. 1'

Targets outside the corpus use the same paths.  A Québec act is named by its
chapter code (``A-2.1/57/p1/4``); a federal act by ``canada:`` and a slug of its
official citation (see `federal_act_id`); an annual Québec statute (an amending
act, or an act never consolidated) by its citation ``2018, c. 11`` and its
sections by ``2018, c. 11, s. 14`` (see `annual_statute_id`):

>>> str(ProvisionId.parse("canada:sc-1996-c-23/22"))
'canada:sc-1996-c-23/22'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, unquote

CHAPTER_RE = r"(?:CCQ-1991|[A-Z]{1,3}-\d+(?:\.\d+)*)"
"""A Québec chapter code as LégisQuébec prints it (``A-13.1.1``, ``C-25.01``)."""
DOC_RE = rf"(?:{CHAPTER_RE}(?:-r\d+(?:\.\d+)*)?|guidance:[a-z0-9][a-z0-9-]*|canada:[a-z0-9][a-z0-9-]*)"
SECTION_RE = r"\d+[a-z]?(?:\.\d+[a-z]?)*"
_DOC = re.compile(rf"^{DOC_RE}$")
_SECTION = re.compile(rf"^{SECTION_RE}$")
_DIVISION = re.compile(r"^([a-z]+):([A-Za-z0-9.\-]+)$")
_PARAGRAPH = re.compile(r"^p(\d+)$")
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*$")
_LETTERED = re.compile(r"^(?:\d+\.)*[a-z]{1,2}(?:\.\d+)*$")
_QUOTATION = re.compile(r"^q\d+$")
_ROMAN = re.compile(r"^[ivxlc]+$")
_DEFINED = re.compile(r"^df:[a-z0-9]+(?:-[a-z0-9]+)*$")
_ANCHOR = re.compile(r"^se:(\d+[a-z]?(?:_\d+[a-z]?)*)((?:-ss:\d+)(?:-p\d+:[a-z0-9_]+|-df:[a-z0-9-]+)*)?$")


class InvalidId(ValueError):
    """A string that is not a provision id."""


@dataclass(frozen=True)
class ProvisionId:
    """A parsed provision id."""

    doc: str
    """Document id: ``A-13.1.1``, ``A-13.1.1-r1``, ``guidance:adel-66-72``."""
    divisions: tuple[tuple[str, str], ...] = ()
    """Division path: ``(("title", "II"), ("chapter", "I"))``."""
    section: str | None = None
    """Section number, when the id names a section or a unit in it."""
    path: tuple[str, ...] = ()
    """Unit path below the section: ``("p1", "2", "a")``; a defined term is ``df:<slug>``."""

    @classmethod
    def parse(cls, text: str) -> "ProvisionId":
        """Parse an id; raise InvalidId naming what was wrong."""
        parts = text.strip().strip("/").split("/")
        if not parts or not _DOC.match(parts[0]):
            raise InvalidId(f"{text!r}: expected a document id such as 'A-13.1.1' first")
        doc, rest = parts[0], parts[1:]
        divisions: list[tuple[str, str]] = []
        while rest and _DIVISION.match(rest[0]):
            kind, label = _DIVISION.match(rest[0]).groups()  # type: ignore[union-attr]
            divisions.append((kind, label))
            rest = rest[1:]
        if divisions and rest and divisions[-1][0] != "schedule":
            raise InvalidId(f"{text!r}: nothing but a schedule's section may follow a division path")
        section = None
        if rest:
            if not _SECTION.match(rest[0]):
                raise InvalidId(f"{text!r}: {rest[0]!r} is not a section number")
            section, rest = rest[0], rest[1:]
        federal = doc.startswith("canada:")  # numbered as printed: 14(2)(a)(ii) is 14/2/a/ii
        for i, part in enumerate(rest):
            ok = (_PARAGRAPH.match(part) if i == 0 and not federal else
                  _NUMBERED.match(part) or _LETTERED.match(part) or _ROMAN.match(part)
                  or _QUOTATION.match(part) or _DEFINED.match(part))
            if not ok:
                raise InvalidId(f"{text!r}: {part!r} is not a paragraph or subparagraph")
        return cls(doc, tuple(divisions), section, tuple(rest))

    def __str__(self) -> str:
        parts = [self.doc]
        parts += [f"{kind}:{label}" for kind, label in self.divisions]
        if self.section is not None:
            parts.append(self.section)
        parts += list(self.path)
        return "/".join(parts)

    @property
    def section_id(self) -> str | None:
        """Id of the section this id is in, or None for documents and divisions."""
        return None if self.section is None else str(ProvisionId(self.doc, self.divisions, self.section))

    @property
    def parent(self) -> "ProvisionId | None":
        """The enclosing unit or section (divisions: the enclosing division)."""
        if self.path:
            return ProvisionId(self.doc, self.divisions, self.section, self.path[:-1])
        if self.section is not None:
            return ProvisionId(self.doc, self.divisions)
        if self.divisions:
            return ProvisionId(self.doc, self.divisions[:-1])
        return None

    @property
    def anchor(self) -> str:
        """The LégisQuébec anchor of the provision (``se:55-ss:1-p1:2-p2:a``)."""
        if self.section is None:
            return ""
        return unit_anchor(self.section, self.path)


def unit_anchor(section: str, path: tuple[str, ...]) -> str:
    """LégisQuébec anchor for a unit path under a section number."""
    anchor, level = "se:" + section.replace(".", "_"), 0
    for depth, part in enumerate(path):
        if depth == 0:
            anchor += "-ss:" + part[1:]
        elif part.startswith("df:"):
            anchor += "-" + part
        else:  # a definition's items count their levels from it: se:3-ss:1-df:x-p1:a
            level += 1
            anchor += f"-p{level}:" + part.replace(".", "_")
    return anchor


def parse_anchor(anchor: str) -> tuple[str, tuple[str, ...]] | None:
    """Section number and unit path of a LégisQuébec anchor (the inverse of
    `unit_anchor`), or None when the text is not a provision anchor.

    >>> parse_anchor("se:55-ss:1-p1:2-p2:a")
    ('55', ('p1', '2', 'a'))
    >>> parse_anchor("se:1-ss:1-df:accident")
    ('1', ('p1', 'df:accident'))
    >>> parse_anchor("se:83_5_1"), parse_anchor("ga:l_i-h1")
    (('83.5.1', ()), None)
    """
    match = _ANCHOR.match(anchor)
    if not match:
        return None
    section, rest = match[1].replace("_", "."), match[2] or ""
    path: list[str] = []
    for part in rest.split("-")[1:]:
        kind, _, value = part.partition(":")
        if kind == "ss":
            path.append("p" + value)
        elif kind == "df":
            path.append("df:" + value)
        else:
            path.append(value.replace("_", "."))
    return section, tuple(path)


def is_provision_id(text: str) -> bool:
    """True when text parses as a provision id."""
    try:
        ProvisionId.parse(text)
    except InvalidId:
        return False
    return True


def doc_id_from_chapter(chapter: str) -> str:
    """``S-2.1, r. 6`` -> ``S-2.1-r6``; ``chapter A-13.1.1`` -> ``A-13.1.1``."""
    chapter = re.sub(r"^(?:chapter|chapitre)\s+", "", " ".join(chapter.split()), flags=re.I)
    match = re.match(rf"^({CHAPTER_RE})(?:\s*,\s*r\.?\s*(\d+(?:\.\d+)*))?$", chapter)  # McGill: "S-2.1, r 9"
    if not match:
        raise InvalidId(f"{chapter!r} is not a Québec chapter code")
    code, reg = match.groups()
    return f"{code}-r{reg}" if reg else code


def chapter_from_doc_id(doc_id: str) -> str:
    """``A-13.1.1-r1`` -> ``A-13.1.1, r. 1``."""
    match = re.match(rf"^({CHAPTER_RE})-r(.+)$", doc_id)
    return f"{match.group(1)}, r. {match.group(2)}" if match else doc_id


def legisquebec_url(pid: ProvisionId | str, lang: str = "en") -> str:
    """The official page of a provision, with its anchor.

    >>> legisquebec_url("A-13.1.1/55/p1/2/a")
    'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a'
    >>> legisquebec_url("A-13.1.1-r1/157.1", "fr")
    'https://www.legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:157_1'
    """
    if isinstance(pid, str):
        pid = ProvisionId.parse(pid)
    is_regulation = "-r" in pid.doc and not pid.doc.startswith("guidance:")
    kind = ("cr" if is_regulation else "cs") if lang == "en" else ("rc" if is_regulation else "lc")
    chapter = chapter_from_doc_id(pid.doc).replace(" ", "%20")
    url = f"https://www.legisquebec.gouv.qc.ca/{lang}/document/{kind}/{chapter}"
    return url + (f"#{pid.anchor}" if pid.anchor else "")


LEGISQUEBEC_URL = re.compile(
    r"(?i:(?:https?://)?(?:www\.)?legisquebec\.gouv\.qc\.ca)?/(?P<lang>en|fr)/(?i:document|version|showdoc)/"
    rf"(?P<kind>cs|cr|lc|rc)/(?P<chapter>{CHAPTER_RE}(?:(?:,|%2C)(?: |%20)*r\.?(?: |%20)*\d+(?:\.\d+)*)?)"
    r"(?![\w.-])/?(?:\?(?P<query>[^#\s\"'<>`]*))?(?:#(?P<fragment>[^\s\"'<>`]*))?")
"""A LégisQuébec address of a consolidated act or regulation (current or point in time)."""


def parse_legisquebec_url(url: str) -> ProvisionId | None:
    """The provision a LégisQuébec address names (the inverse of `legisquebec_url`), or None
    when it is not such an address.  The anchor comes from the fragment, else from the
    ``code=`` parameter of a point-in-time address; an address without one names the document.

    >>> str(parse_legisquebec_url("https://www.legisquebec.gouv.qc.ca/en/document/cs/A-13.1.1#se:55-ss:1-p1:2-p2:a"))
    'A-13.1.1/55/p1/2/a'
    >>> str(parse_legisquebec_url("/fr/version/lc/A-13.1.1?code=se:57&historique=20240101"))
    'A-13.1.1/57'
    >>> str(parse_legisquebec_url("legisquebec.gouv.qc.ca/fr/document/rc/A-13.1.1,%20r.%201#se:157_1"))
    'A-13.1.1-r1/157.1'
    >>> str(parse_legisquebec_url("https://www.legisquebec.gouv.qc.ca/en/document/cr/A-13.1.1, r. 1"))
    'A-13.1.1-r1'
    >>> parse_legisquebec_url("https://www.quebec.ca/"), parse_legisquebec_url("/en/document/cs/Loi")
    (None, None)
    """
    match = LEGISQUEBEC_URL.search(url)
    if not match:
        return None
    try:
        doc = doc_id_from_chapter(unquote(match["chapter"]))
    except InvalidId:
        return None
    code = parse_qs(match["query"] or "").get("code", [""])[0]
    anchor = parse_anchor(unquote(match["fragment"] or "")) or parse_anchor(code)
    return ProvisionId(doc, (), anchor[0], anchor[1]) if anchor else ProvisionId(doc)


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("ACT RESPECTING THE MINISTÈRE DU REVENU")
    'act-respecting-the-ministere-du-revenu'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def fold_chars(text: str) -> str:
    """Lower case without accents, one character for one (offsets are kept).

    >>> fold_chars("Règlement À")
    'reglement a'
    """
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


def federal_act_id(revised: bool, year: str | int, chapter: str) -> str:
    """Id of a federal act from its official citation (Revised Statutes or annual Statutes of Canada).

    >>> federal_act_id(True, 1985, "C-29")      # Revised Statutes of Canada, 1985, chapter C-29
    'canada:rsc-1985-c-c-29'
    >>> federal_act_id(False, "1996", "23")     # Statutes of Canada, 1996, chapter 23
    'canada:sc-1996-c-23'
    """
    return f"canada:{'rsc' if revised else 'sc'}-{year}-c-{chapter.lower()}"


def annual_statute_id(year: str | int, chapter: str, section: str | None = None) -> str:
    """Id of an annual Québec statute (as history entries name amending acts), or of one of its sections.

    >>> annual_statute_id(2018, "11")
    '2018, c. 11'
    >>> annual_statute_id("1969", "63", "67")
    '1969, c. 63, s. 67'
    """
    act = f"{year}, c. {chapter}"
    return f"{act}, s. {section}" if section else act


ANNUAL_RE = re.compile(r"^(\d{4}), c\. (\d+)(?:, s\. (\d+(?:\.\d+)*))?$")
"""Matches the ids made by `annual_statute_id`."""


def amending_act_slug(act: str) -> str:
    """``2018, c. 11`` -> ``2018-c-11`` (the act's URL segment)."""
    return slug(act)


def document_sort_key(doc_id: str) -> tuple:
    """Order documents as LégisQuébec lists them: by chapter code (letters, then its number as
    section numbers compare), then regulation number, so that ``S-2.1-r2`` comes before
    ``S-2.1-r11.2``; other ids (guidance pages) after, by id.

    >>> sorted(["S-2.1-r11.2", "guidance:x", "S-2.1-r2", "A-13.1.1", "S-2.1", "A-2.1"], key=document_sort_key)
    ['A-2.1', 'A-13.1.1', 'S-2.1', 'S-2.1-r2', 'S-2.1-r11.2', 'guidance:x']
    """
    match = re.match(r"^([A-Z]+)-(\d+(?:\.\d+)*)(?:-r(\d+(?:\.\d+)*))?$", doc_id)
    if not match:
        return (1, doc_id)
    letters, number, regulation = match.groups()
    return (0, letters, section_sort_key(number), section_sort_key(regulation or ""))


def section_sort_key(number: str) -> tuple[tuple[int, str], ...]:
    """Order section numbers as the statute does: 83 < 83.1 < 83.5.1 < 83.10 < 84.  Each part is
    compared as a number without converting it (a 5,000-digit number from a hostile text is not
    an error; superscripts and other scripts' digits are not parts).

    >>> sorted(["83.10", "84", "83.5.1", "83", "83.1", "83a", "9" * 5000], key=section_sort_key)[:6]
    ['83', '83.1', '83.5.1', '83.10', '83a', '84']
    """
    return tuple(x for p in number.split(".") if (m := re.match(r"([0-9]+)([a-z]?)", p))
                 for x in (len(m[1].lstrip("0")), m[1].lstrip("0"), m[2]))
