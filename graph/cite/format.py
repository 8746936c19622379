"""An id prints itself, in every citation style Alinea shows, and what it prints reads back to
the same id (tests/test_citation_roundtrip.py).

Styles: ``short`` (EN ``s. 55(2)(a)``, FR ``art. 55, al. 1, par. 2°, sous-par. a``), ``mcgill``
(``Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)``) and ``drafting`` (the
Québec drafting form: "subparagraph a of subparagraph 2 of the first paragraph of section 55",
« sous-paragraphe a du paragraphe 2° du premier alinéa de l'article 55 »).  `home` is the
document a bare number means (the first statute): its provisions print without their act.

>>> cite("A-13.1.1/55/p1/2/a", home="A-13.1.1")
's. 55(2)(a)'
>>> cite("A-13.1.1/72/p3/1.1", home="A-13.1.1")
's. 72, third para., subpara. (1.1)'
>>> cite("A-13.1.1/55/p1/2/a", lang="fr", home="A-13.1.1")
'art. 55, al. 1, par. 2°, sous-par. a'
>>> cite("A-13.1.1/55/p1/2/a", "mcgill")
'Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)'
>>> cite("A-13.1.1/55/p1/2/a", "drafting", home="A-13.1.1")
'subparagraph a of subparagraph 2 of the first paragraph of section 55'
>>> cite("A-13.1.1/55/p1/2/a", "drafting", "fr", home="A-13.1.1")
"sous-paragraphe a du paragraphe 2° du premier alinéa de l'article 55"
"""
from __future__ import annotations

import re

from alinea.ids import ANNUAL_RE, InvalidId, ProvisionId, chapter_from_doc_id
from graph.cite.acts import load_acts

_LABEL = re.compile(r"^(?:[IVXLC]+|\d+|[A-Z])$")
STYLES = ("short", "mcgill", "drafting")
LANGS = ("en", "fr")
_EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_FR_ORD = ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
           "neuvième", "dixième"]
_DIVISION_FR = {"title": "titre", "chapter": "chapitre", "division": "section", "subdivision": "sous-section",
                "part": "partie", "book": "livre", "schedule": "annexe"}


def cite(target: str, style: str = "short", lang: str = "en", home: str | None = None,
         title: str | None = None) -> str:
    """`target` printed in `style` and `lang`; ids with nothing to print (quoted text, guidance,
    annual statutes) print as themselves.  `title` overrides the act's title (McGill style)."""
    if ANNUAL_RE.match(target):
        return target
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        return target
    if pid.doc.startswith("guidance:") or any(p.startswith(("q", "df:")) for p in pid.path):
        return target
    fr = lang == "fr"
    if pid.section is None:
        if any(kind not in _DIVISION_FR or not _LABEL.match(label) for kind, label in pid.divisions):
            return target  # unnumbered groupings are named by their id only
        if not pid.divisions:
            return _act(pid.doc, style, lang, title) if style != "short" or pid.doc != home else pid.doc
        return _divisions(pid, fr) + ("" if pid.doc == home else " " + _of_act(pid.doc, lang))
    if pid.doc.startswith("canada:"):
        return _federal(pid, style, lang, title)
    if style == "drafting":
        return _drafting(pid, fr) + ("" if pid.doc == home else " " + _of_act(pid.doc, lang))
    if style == "mcgill":
        return f"{_act(pid.doc, 'mcgill', lang, title)}, {_short(pid, fr, period='')}"
    text = _short(pid, fr)
    if pid.doc == home:
        return text
    if pid.doc.startswith("canada:"):
        return f"{text} {_of_act(pid.doc, lang)}"
    return f"c. {chapter_from_doc_id(pid.doc)}, {text}"


_FEDERAL_WORDS = {"en": ("section", "subsection", "paragraph", "subparagraph", "clause"),
                  "fr": ("article", "paragraphe", "alinéa", "sous-alinéa", "division")}


def _federal(pid: ProvisionId, style: str, lang: str, title: str | None) -> str:
    """A provision of a federal act in the federal style: "s. 14(2)(a)(ii)", « art. 14(2)a)(ii) »,
    "subparagraph 14(2)(a)(ii) of the …", « sous-alinéa 14(2)a)(ii) du … »."""
    fr = lang == "fr"
    level = 0 if not pid.path or pid.path[0][:1].isdigit() else 1  # 13(b): a paragraph with no subsection
    labels = ""
    for depth, label in enumerate(pid.path, level + 1):  # 1 subsection, 2 paragraph, 3 subparagraph, 4 clause
        shown = label.upper() if depth == 4 else label
        labels += f"{shown})" if fr and depth == 2 else f"({shown})"
    pinpoint = f"{pid.section}{labels}"
    if style == "mcgill":
        return f"{_act(pid.doc, 'mcgill', lang, title)}, {'art' if fr else 's'} {pinpoint}"
    if style == "drafting":
        word = _FEDERAL_WORDS[lang if fr else "en"][min(level + len(pid.path), 4)]
        return f"{word} {pinpoint} {_of_act(pid.doc, lang)}"
    return f"{'art.' if fr else 's.'} {pinpoint} {_of_act(pid.doc, lang)}"


def _ordinal(n: int, fr: bool) -> str:
    words = _FR_ORD if fr else _EN_ORD
    if n <= len(words):
        return words[n - 1]
    return f"{n}e" if fr else f"{n}th"


def _short(pid: ProvisionId, fr: bool, period: str = ".") -> str:
    p = period
    paragraph, *units = pid.path or ("",)
    n = int(paragraph[1:]) if paragraph else 0
    if fr:
        text = f"art{p} {pid.section}"
        if n:
            text += f", al{p} {n}"
        for depth, label in enumerate(units[:2]):
            word = f"par{p}" if depth == 0 else f"sous-par{p}"
            text += f", {word} {label}{'°' if _numbered(label) else ''}"
        return text + "".join(f"({x})" for x in units[2:])
    text = f"s{p} {pid.section}"
    if not n:
        return text
    if n == 1 and units:
        return text + "".join(f"({x})" for x in units)
    text += f", {_ordinal(n, False)} para{p}"
    if units:
        text += f", subpara{p} ({units[0]})" + "".join(f"({x})" for x in units[1:])
    return text


def _numbered(label: str) -> bool:
    """A numbered item (``3``, ``7.0.1``: printed ``3°`` in French), not a lettered one (``0.a``)."""
    return bool(re.fullmatch(r"\d+(?:\.\d+)*", label))


def _drafting(pid: ProvisionId, fr: bool) -> str:
    paragraph, *units = pid.path or ("",)
    if fr:
        text = f"l'article {pid.section}"
        if paragraph:
            text = f"{_ordinal(int(paragraph[1:]), True)} alinéa de {text}"
        for depth, label in enumerate(units):
            word = "paragraphe" if depth == 0 else "sous-paragraphe"
            text = f"{word} {label}{'°' if depth == 0 and _numbered(label) else ''} du {text}"
        return text
    text = f"section {pid.section}"
    if paragraph:
        text = f"the {_ordinal(int(paragraph[1:]), False)} paragraph of {text}"
    for label in units:
        text = f"subparagraph {label} of {text}"
    return text


def _divisions(pid: ProvisionId, fr: bool) -> str:
    parts = [_division(k, v, fr) for k, v in reversed(pid.divisions)]
    text = (" du " if fr else " of ").join(parts)
    return text[0].upper() + text[1:] if text else pid.doc


def _division(kind: str, label: str, fr: bool) -> str:
    return f"{_DIVISION_FR.get(kind, kind) if fr else kind.capitalize()} {label}"


def division_label(target: str, lang: str = "en") -> str | None:
    """The innermost division of a division id on its own (``Chapter I``, « Chapitre I »), as
    `cite` names it inside the full path; None for an id that is not a numbered division.

    >>> division_label("A-13.1.1/title:II/chapter:I", "fr"), cite("A-13.1.1/title:II/chapter:I", lang="fr", home="A-13.1.1")
    ('Chapitre I', 'Chapitre I du titre II')
    """
    try:
        pid = ProvisionId.parse(target)
    except InvalidId:
        return None
    if pid.section is not None or not pid.divisions:
        return None
    kind, label = pid.divisions[-1]
    if kind not in _DIVISION_FR or not _LABEL.match(label):
        return None
    text = _division(kind, label, lang == "fr")
    return text[0].upper() + text[1:]


def _act(doc: str, style: str, lang: str, title: str | None) -> str:
    """ "Individual and Family Assistance Act, CQLR c A-13.1.1"; a federal act with its citation."""
    name = title or load_acts().title(doc, lang)
    if doc.startswith("canada:"):
        return ", ".join(x for x in (name, _federal_citation(doc, lang)) if x)
    collection = "RLRQ" if lang == "fr" else "CQLR"
    code = f"{collection} c {chapter_from_doc_id(doc)}"
    return f"{name}, {code}" if name else code


def _of_act(doc: str, lang: str) -> str:
    """ "of the Employment Insurance Act (S.C. 1996, c. 23)", « de la Loi … (chapitre A-2.1) »."""
    fr = lang == "fr"
    name = load_acts().title(doc, lang)
    where = act_citation(doc, lang)
    if not name:
        return f"({where})"
    article = ("du" if name.startswith("Règlement") or name.startswith("Code") else "de la") if fr else "of the"
    return f"{article} {name} ({where})"


def act_citation(doc: str, lang: str = "en") -> str:
    """An act by its chapter: ``chapter A-2.1``, ``chapitre S-2.1, r. 6``, ``S.C. 1996, c. 23``."""
    if doc.startswith("canada:"):
        return _federal_citation(doc, lang)
    return f"{'chapitre' if lang == 'fr' else 'chapter'} {chapter_from_doc_id(doc)}"


def _federal_citation(doc: str, lang: str = "en") -> str:
    """ "R.S.C. 1985, c. H-3", « L.R.C. 1985, c. H-3 », "S.C. 1996, c. 23", "SOR/88-66", "C.R.C., c. 1370"."""
    fr = lang == "fr"
    kind, year, *rest = doc.split(":", 1)[1].split("-", 3)
    if kind == "sor" and len(rest) == 1:  # a federal regulation: SOR/88-66
        return f"{'DORS' if fr else 'SOR'}/{year}-{rest[0]}"
    if kind == "crc" and len(rest) == 1:
        return f"C.R.C., {'ch.' if fr else 'c.'} {rest[0]}"
    chapter = rest[-1] if len(rest) == 2 else ""
    collection = {"rsc": ("R.S.C.", "L.R.C."), "sc": ("S.C.", "L.C.")}.get(kind, (kind, kind))[fr]
    return f"{collection} {year}, c. {chapter.upper()}"


CODE_TITLE = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,3}?Code\b")
"""A title whose head is « Code »: « Code de sécurité … », "Safety Code for …", "Labour Code"."""
_REGULATION_TITLE = re.compile(r"(?:Règlement|Regulations?)\b")
_REGULATION_ID = re.compile(r"-r\d+(?:\.\d+)*$")
_CHARTER_TITLE = re.compile(r"(?:Charte|Charter)\b")
_ITSELF = {"act": ("this Act", "la présente loi"), "regulation": ("this Regulation", "le présent règlement"),
           "code": ("this Code", "le présent code"), "charter": ("this Charter", "la présente charte")}
"""How a document names itself as a whole, by its kind, in English and French."""


def document_kind(doc: str, title: str = "") -> str:
    """``code``, ``regulation``, ``charter`` or ``act``: what a document is by the head of its title, else by its
    id (``S-2.1-r15`` is a regulation).

    >>> document_kind("S-2.1-r4", "Code de sécurité pour les travaux de construction"), document_kind("S-2.1-r15")
    ('code', 'regulation')
    """
    if CODE_TITLE.match(title):
        return "code"
    if _REGULATION_TITLE.match(title) or _REGULATION_ID.search(doc):
        return "regulation"
    return "charter" if _CHARTER_TITLE.match(title) else "act"


def itself(doc: str, lang: str = "en", title: str = "") -> str:
    """A document named from inside, as a whole, the way its own text names it (« le présent règlement »), in
    `lang`: what a mention of the citing document (`Reference.self_mention`) points to.

    >>> itself("A-13.1.1", "en", "Individual and Family Assistance Act"), itself("S-2.1-r15", "fr")
    ('this Act', 'le présent règlement')
    """
    return _ITSELF[document_kind(doc, title)][lang == "fr"]


_DECREE_ID = re.compile(r"^D\. \d+-\d+$")
"""A decree's id (`graph.cite.grammar.decree_id`): « D. 1234-2019 »."""

QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("‘", "’")}
"""Each language's quotation marks (French: with no-break spaces inside)."""


def quoted(words: str, lang: str) -> str:
    """‘words’ in English, « words » in French (no-break spaces inside), on one line."""
    opening, closing = QUOTES["fr" if lang == "fr" else "en"]
    return f"{opening}{' '.join(words.split())}{closing}"


def separator(sign: str, lang: str) -> str:
    """A sign between items, as each language writes it: "; " in English, « ; » in French (a no-break
    space before « ; : ? ! »)."""
    return ("\u00a0" if lang == "fr" and sign in ";:?!" else "") + sign + " "


def outside(target: str, lang: str = "en", said: str = "") -> str:
    """What an id outside the knowledge base is, in one line of `lang`, with its official link where one exists:
    a federal provision (the federal consolidation, in that language), a technical standard (no link: Alinea holds
    none and the bodies publish no free official text), another Québec act (LégisQuébec).  With `said`, the
    citation as the reader wrote it comes first, quoted.

    >>> outside("canada:rsc-1985-c-h-3/13/b")
    's. 13(b) of the Hazardous Products Act (R.S.C. 1985, c. H-3) (canada:rsc-1985-c-h-3/13/b) is a federal provision, outside the knowledge base; official text: https://laws-lois.justice.gc.ca/eng/acts/H-3/section-13.html'
    >>> outside("standard:csa-z94.4-11", "fr")
    'standard:csa-z94.4-11 est une norme technique, hors de la base de connaissances\xa0: Alinea n’en tient aucune et n’en donne pas de lien'
    """
    from graph.cite.acts import official_url

    fr = lang == "fr"
    head = f"{quoted(said, lang)}{separator(':', lang)}" if said else ""
    if target.startswith("standard:"):
        return head + (f"{target} est une norme technique, hors de la base de connaissances{separator(':', lang)}"
                       "Alinea n’en tient aucune et n’en donne pas de lien" if fr else
                       f"{target} is a technical standard, outside the knowledge base: Alinea holds none and links to none")
    printed = cite(target, "short", lang)
    named = target if printed == target else f"{printed} ({target})"
    what = ("une disposition fédérale" if fr else "a federal provision") if target.startswith("canada:") else \
        ("un décret" if fr else "a decree (order in council)") if _DECREE_ID.match(target) else \
        ("un texte québécois" if fr else "a Québec text")
    url = official_url(target, lang)
    official = ("texte officiel" if fr else "official text") + separator(":", lang) + url if url else ""
    return head + (f"{named} est {what}, hors de la base de connaissances" if fr else
                   f"{named} is {what}, outside the knowledge base") + (separator(";", lang) + official if url else "")
