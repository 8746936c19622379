"""What the guidance layer adds to a parsed corpus, in one call for `alinea build`.

>>> from alinea.model import Corpus, Document
>>> docs, refs = link_guidance([Document("A-13.1.1", "statute", "en", "Act", "a.txt")], None)
>>> (len(docs), refs)
(1, [])
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from alinea.model import Corpus, Document, Reference
from graph.cite import Index
from graph.cite.guidance import guidance_references
from graph.concepts import Glossary, concept_references, document_concepts, glossary_references


def link_guidance(documents: Sequence[Document], glossary: Glossary | None
                  ) -> tuple[list[Document], list[Reference]]:
    """The documents, guidance pages tagged with the concepts they name, and the references
    the guidance layer adds, in document order: for each guidance page its citations
    (``cites`` and the other relations, ``unresolved``, ``ambiguous``) and its ``uses term``
    links to concepts; then ``defines`` from the statute's sections to the glossary's concepts."""
    linked: list[Document] = []
    refs: list[Reference] = []
    index = Index.build(Corpus(tuple(d for d in documents if d.kind != "guidance")))
    for doc in documents:
        if doc.kind == "guidance":
            refs += [as_guidance_citation(r) for r in guidance_references(doc, documents, index)]
            if glossary is not None:
                doc = replace(doc, concepts=document_concepts(doc, glossary))
                refs += concept_references(doc, glossary)
        linked.append(doc)
    statute = next((d for d in documents if d.kind == "statute"), None)
    if glossary is not None and statute is not None:
        refs += glossary_references(glossary, statute)
    return linked, refs


def as_guidance_citation(ref: Reference) -> Reference:
    """A resolved citation made by a guidance page is typed ``cited by guidance`` (so the cited
    provision lists the page among what cites it); unresolved and ambiguous ones keep their type."""
    return ref if ref.type in ("unresolved", "ambiguous") else replace(ref, type="cited by guidance")
