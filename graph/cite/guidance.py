"""Citations in guidance pages, read by the one engine (`find_citations` with source ``guidance``,
`resolve` in the page's context): what changes on a guidance page is only what a citation
means, not how it is read.

- A bare article is read in the first statute of the corpus when the page names the act;
  "la Loi" / "the Act" after an article is that statute, "le Règlement" / "RAPF" its
  regulation (`Index.regulation_of`); a lower-case "la loi" names no act.
- An article whose act is not named takes the act of the citation before it in the same text
  ("l'article 55 de la Loi et l'article 61"); with none before it, it is ambiguous between the
  statute and its regulation and both are given as candidates rather than one guessed.
- A page's own structure ("la section 3 du chapitre II", "the first paragraph", "this
  section") and acts named by a common noun ("par règlement") are not citations of the law.
- Ranges expand to every section the corpus has between the two, inserted ones included; in a
  document not in the corpus the endpoints are kept, with a note.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from alinea.ids import ProvisionId, legisquebec_url
from alinea.model import Corpus, Document, Reference
from graph.cite.find import find_citations
from graph.cite.grammar import DIVISION_RANK, Act, Found, lazy
from graph.cite.resolve import Context, Index, Resolution, resolve
from graph.cite.rules import GUIDANCE

AMBIGUOUS = "ambiguous: the article's act is not named"
"""The note of an article naming no act; its targets are then candidates."""
_NAMED = ("chapter", "name", "federal", "annual", "id")
_LOWER_LAW = lazy(r"\s+(?:de\s+la|of\s+the)\s+(loi|act)\b")


def guidance_citations(text: str, lang: str, index: Index, page: str = "") -> list[tuple[Found, Resolution]]:
    """The citations of the law in one text of a guidance page, each with what it names."""
    statute = index.default_statute
    context = Context(index, page or "guidance:", base=statute)
    previous: str | None = None
    out: list[tuple[Found, Resolution]] = []
    for found in find_citations(text, lang, index.title_list, source=GUIDANCE):
        if not _of_the_law(found):
            continue
        if found.act is None or found.act.kind == "this":
            if m := _LOWER_LAW.match(text, found.end):
                out.append((found, Resolution(note=f"{m[1]!r} in lower case does not name an act")))
                continue
            if previous is not None:
                found = replace(found, act=Act("chapter", previous))
            else:
                out.append((found, _ambiguous(found, context) if statute else
                            Resolution(note="no statute in the corpus to read the article in")))
                continue
        resolution = resolve(found, context)
        named = (resolution.targets + resolution.missing)[:1]
        if named and found.levels:
            previous = ProvisionId.parse(named[0]).doc if "/" in named[0] else previous
        out.append((found, resolution))
    return out


def _of_the_law(found: Found) -> bool:
    """A citation of a provision or of an act by name, not of the page's own structure."""
    act = found.act
    if not found.levels:
        return act is not None and act.kind in _NAMED
    if any(level.relative for level in found.levels):
        return False
    if found.levels[0].kind in DIVISION_RANK and (act is None or act.kind not in _NAMED):
        return False
    return act is None or act.kind in _NAMED or act.kind in ("this", "enabling", "regulation")


def _ambiguous(found: Found, context: Context) -> Resolution:
    """An article of the statute or of its regulation: both, as candidates."""
    candidates: list[str] = []
    statute = context.index.default_statute
    for doc in (statute, context.index.regulation_of(statute or "")):
        if doc:
            candidates += resolve(replace(found, act=Act("chapter", doc)), context).targets or \
                resolve(replace(found, act=Act("chapter", doc)), context).missing
    return Resolution(candidates=tuple(dict.fromkeys(candidates)), note=AMBIGUOUS)


def guidance_references(doc: Document, documents: Iterable[Document] = (), index: Index | None = None
                        ) -> list[Reference]:
    """References from a guidance page's headings and units to the provisions they cite.

    `documents` is the corpus: targets in it must exist (a missing section is ``unresolved``; a
    missing paragraph falls back to its section, noted); targets in a document not in the
    corpus (the Regulation) are kept, noted with their official page, and resolve by themselves
    once that document is added.  `index` is `Index.build` of those documents, when the caller
    has it."""
    if index is None:
        index = Index.build(Corpus(tuple(d for d in documents if d.kind != "guidance")))
    refs: list[Reference] = []
    for section in doc.sections:
        places = [(section.id, section.heading, "heading")] if section.heading else []
        places += [(unit.id, unit.text, "text") for unit in section.walk()]
        for source, text, where in places:
            for found, resolution in guidance_citations(text, doc.lang, index, doc.id):
                refs += _references(source, found, resolution, where, index, doc.lang)
    return refs


def outside_corpus(references: Iterable[Reference], documents: Iterable[Document],
                   lang: str = "fr") -> dict[str, str]:
    """Cited ids whose document is not in the corpus -> their LégisQuébec page: the nodes to
    mark "not in the corpus" (they become ordinary nodes once the document is added)."""
    in_corpus = {d.id for d in documents}
    out: dict[str, str] = {}
    for ref in references:
        if ref.target and ProvisionId.parse(ref.target).doc not in in_corpus:
            out.setdefault(ref.target, legisquebec_url(ref.target, lang))
    return out


def _references(source: str, found: Found, resolution: Resolution, where: str, index: Index,
                lang: str) -> list[Reference]:
    def ref(target: str, kind: str, note: str = "", candidates: tuple[str, ...] = ()) -> Reference:
        return Reference(source, target, kind, found.text, found.start, found.end, where, candidates, note)

    if resolution.candidates:
        return [ref("", "ambiguous", resolution.note, resolution.candidates)]
    out = []
    for target in resolution.targets:
        doc = ProvisionId.parse(target).doc
        note = "" if doc in index.documents else f"{doc} is not in the corpus: {legisquebec_url(target, lang)}"
        out.append(ref(target, found.relation, note))
    for target in resolution.missing:
        pid = ProvisionId.parse(target)
        if pid.section_id and pid.section_id != target and pid.section_id in index.ids:
            out.append(ref(pid.section_id, found.relation,
                           f"{target} does not exist; the citation is linked to its section"))
        else:
            out.append(ref("", "unresolved", resolution.note or f"{pid.doc} has no section {pid.section}"))
    if not out:
        out.append(ref("", "unresolved", resolution.note or "names no provision"))
    return out
