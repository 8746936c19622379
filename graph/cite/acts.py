"""Act names, abbreviations and chapters: one data file, `corpus/acts.json`, checked on load.

>>> acts = load_acts()
>>> acts.by_name["lapf"], acts.by_name["employment insurance act"]
('A-13.1.1', 'canada:sc-1996-c-23')
>>> acts.federal_url("canada:sc-1996-c-23/22")
'https://laws-lois.justice.gc.ca/eng/acts/E-5.6/section-22.html'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from alinea.errors import AlineaError
from alinea.ids import InvalidId, ProvisionId, legisquebec_url
from graph.datafile import read_member

ACTS_FILE = Path(__file__).resolve().parents[2] / "corpus" / "acts.json"
_KEYS = {"id", "jurisdiction", "title", "abbreviations", "consolidated", "enabling"}
_JURISDICTIONS = ("quebec", "canada")


@dataclass(frozen=True)
class KnownAct:
    """One act or regulation of the data file."""

    id: str
    jurisdiction: str
    title: dict[str, str]
    """Official title by language (``en``, ``fr``)."""
    abbreviations: tuple[str, ...] = ()
    consolidated: str = ""
    """A federal act's chapter in the consolidation (``E-5.6``)."""
    enabling: str = ""
    """A regulation's enabling act."""


@dataclass
class Acts:
    acts: dict[str, KnownAct] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    """Normalised title or abbreviation -> id."""

    @property
    def names(self) -> list[str]:
        """Every title and abbreviation as written."""
        return [n for act in self.acts.values() for n in (*act.title.values(), *act.abbreviations)]

    def title(self, doc: str, lang: str = "en") -> str:
        act = self.acts.get(doc)
        return (act.title.get(lang) or act.title.get("en", "")) if act else ""

    def federal_url(self, target: str, lang: str = "en") -> str:
        """The federal consolidation's page of a federal act or regulation or of one of its sections, or ''
        when its consolidated chapter is not known (an annual act that corpus/acts.json does not list)."""
        pid = ProvisionId.parse(target)
        act = self.acts.get(pid.doc)
        chapter = act.consolidated if act is not None else consolidated_chapter(pid.doc)
        if not chapter:
            return ""
        regulation = chapter.startswith(("SOR-", "C.R.C."))
        if lang == "fr":
            folder = "fra/reglements" if regulation else "fra/lois"
            chapter = chapter.replace("SOR-", "DORS-").replace("C.R.C.,_c._", "C.R.C.,_ch._")
        else:
            folder = "eng/regulations" if regulation else "eng/acts"
        site = "https://lois-laws.justice.gc.ca" if lang == "fr" else "https://laws-lois.justice.gc.ca"
        base = f"{site}/{folder}/{chapter}/"  # the French consolidation under its French name
        if pid.section:
            return base + (f"article-{pid.section}.html" if lang == "fr" else f"section-{pid.section}.html")
        return base


def consolidated_chapter(doc: str) -> str:
    """Where the federal consolidation files an act or regulation, from its id alone: an act of the
    Revised Statutes by its chapter (``canada:rsc-1985-c-h-3`` -> ``H-3``), a regulation by its number
    (``SOR-88-66``, ``C.R.C.,_c._1370``); '' for an annual act (its consolidated chapter is not its citation).

    >>> consolidated_chapter("canada:rsc-1985-c-h-3"), consolidated_chapter("canada:sor-2015-17")
    ('H-3', 'SOR-2015-17')
    """
    slug = doc.removeprefix("canada:")
    if m := re.fullmatch(r"rsc-1985-c-([a-z]{1,3}-[\d.]+)", slug):
        return m[1].upper()
    if m := re.fullmatch(r"sor-(\d{2,4})-(\d+)", slug):
        return f"SOR-{m[1]}-{m[2]}"
    if m := re.fullmatch(r"crc-c-(\d+)", slug):
        return f"C.R.C.,_c._{m[1]}"
    return ""


def official_url(target: str, lang: str = "en") -> str:
    """Where the official text of an id is published: LégisQuébec for a Québec act or regulation,
    the federal consolidation for a federal act of corpus/acts.json; '' when there is none (an
    unknown federal act, a guidance page, an annual statute).

    >>> official_url("canada:sc-1996-c-23/22")
    'https://laws-lois.justice.gc.ca/eng/acts/E-5.6/section-22.html'
    >>> official_url("A-2.1/57")
    'https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1#se:57'
    """
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        return ""
    if pid.doc.startswith("canada:"):
        return load_acts().federal_url(target, lang)
    if pid.doc.startswith("guidance:"):
        return ""
    return legisquebec_url(pid, lang)


def normalise_name(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=4)
def load_acts(path: Path = ACTS_FILE) -> Acts:
    """The acts of the data file; AlineaError naming the file and entry when one is malformed."""
    entries = read_member(path, "acts file", "acts")
    acts = Acts()
    for n, entry in enumerate(entries, 1):
        act = _checked(entry, f"{path}: act {n}")
        if act.id in acts.acts:
            raise AlineaError(f"{path}: act {n}: id {act.id!r} appears twice")
        acts.acts[act.id] = act
        for name in (*act.title.values(), *act.abbreviations):
            key = normalise_name(name)
            if acts.by_name.setdefault(key, act.id) != act.id:
                raise AlineaError(f"{path}: act {n}: {name!r} already names {acts.by_name[key]}")
    return acts


def _checked(entry: object, where: str) -> KnownAct:
    if not isinstance(entry, dict):
        raise AlineaError(f"{where}: expected an object, got {type(entry).__name__}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise AlineaError(f"{where}: unknown keys {sorted(unknown)} (expected some of {sorted(_KEYS)})")
    ident, title = entry.get("id"), entry.get("title")
    try:
        pid = ProvisionId.parse(ident) if isinstance(ident, str) else None
    except InvalidId:
        pid = None
    if pid is None or str(pid) != pid.doc:
        raise AlineaError(f"{where}: 'id' must be a document id (A-13.1.1, canada:sc-1996-c-23), got {ident!r}")
    if entry.get("jurisdiction") not in _JURISDICTIONS:
        raise AlineaError(f"{where} ({ident}): 'jurisdiction' must be one of {_JURISDICTIONS}")
    if not isinstance(title, dict) or not title or not all(
            k in ("en", "fr") and isinstance(v, str) and v.strip() for k, v in title.items()):
        raise AlineaError(f"{where} ({ident}): 'title' must map 'en'/'fr' to a non-empty title")
    abbreviations = entry.get("abbreviations", [])
    if not isinstance(abbreviations, list) or not all(isinstance(a, str) and a.strip() for a in abbreviations):
        raise AlineaError(f"{where} ({ident}): 'abbreviations' must be a list of non-empty strings")
    for key in ("consolidated", "enabling"):
        if not isinstance(entry.get(key, ""), str):
            raise AlineaError(f"{where} ({ident}): {key!r} must be a string")
    if entry.get("jurisdiction") == "canada" and not entry.get("consolidated"):
        raise AlineaError(f"{where} ({ident}): a federal act needs 'consolidated' (its chapter on laws-lois)")
    return KnownAct(ident, entry["jurisdiction"], dict(title), tuple(abbreviations),
                    entry.get("consolidated", ""), entry.get("enabling", ""))
