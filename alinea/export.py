"""The knowledge base as JSON (the format in docs/export.md, checked by alinea/export.schema.json)."""
from __future__ import annotations

from alinea import __version__
from alinea.ids import legisquebec_url
from alinea.model import Corpus, Division, Document, HistoryEntry, Note, Reference, Section, Unit


def history_dict(e: HistoryEntry) -> dict:
    return {"raw": e.raw, "kind": e.kind, "year": e.year, "chapter": e.chapter,
            "sections": list(e.sections), "other_pinpoints": list(e.other_pinpoints),
            "date": e.date, "reason": e.reason, "act": e.act}


def note_dict(n: Note) -> dict:
    return {"kind": n.kind, "text": n.text, "order_in_council": n.order_in_council,
            "date": n.date, "date_raw": n.date_raw, "line": n.source.line}


def unit_dicts(unit: Unit, parent: str) -> list[dict]:
    out = [{"id": unit.id, "kind": unit.kind, "label": unit.label, "number": unit.number,
            "parent": parent, "text": unit.text, "closing": unit.closing, "anchor": unit.anchor,
            "status": unit.status, "term": unit.term, "line": unit.source.line}]
    for child in unit.children:
        out += unit_dicts(child, unit.id)
    return out


def division_dict(d: Division) -> dict:
    return {"id": d.id, "kind": d.kind, "label": d.label, "number": d.number,
            "heading": d.heading, "parent": d.parent, "status": d.status,
            "history": [history_dict(e) for e in d.history],
            "notes": [note_dict(n) for n in d.notes], "line": d.source.line}


def section_dict(s: Section, doc: Document) -> dict:
    units: list[dict] = []
    for unit in s.units:
        units += unit_dicts(unit, s.id)
    period = s.period and {"start": s.period.start, "end": s.period.end, "text": s.period.text}
    out = {"id": s.id, "number": s.number, "status": s.status, "parent": s.parent,
           "heading": s.heading, "text": s.text, "units": units,
           "history": [history_dict(e) for e in s.history],
           "notes": [note_dict(n) for n in s.notes], "status_text": s.status_text,
           "integrated_into": list(s.integrated_into) if s.integrated_into else None,
           "period": period, "enacted_by": s.enacted_by.act if s.enacted_by else None,
           "line": s.source.line}
    if doc.kind != "guidance":
        out["url"] = legisquebec_url(s.id, doc.lang)
    return out


def document_dict(doc: Document) -> dict:
    return {"id": doc.id, "kind": doc.kind, "lang": doc.lang, "title": doc.title,
            "chapter": doc.chapter, "updated_to": doc.updated_to, "publisher": doc.publisher,
            "url": doc.url, "path": doc.path, "concepts": list(doc.concepts),
            "status": doc.status, "status_note": doc.status_note,
            "divisions": [division_dict(d) for d in doc.divisions],
            "sections": [section_dict(s, doc) for s in doc.sections],
            "warnings": list(doc.warnings)}


def reference_dict(r: Reference) -> dict:
    return {"source": r.source, "target": r.target, "text": r.text, "type": r.type,
            "start": r.start, "end": r.end, "field": r.field,
            "candidates": list(r.candidates), "note": r.note, "self_mention": r.self_mention}


def export(corpus: Corpus) -> dict:
    """The whole knowledge base as one JSON-ready dict."""
    return {"generator": f"alinea {__version__}",
            "documents": [document_dict(d) for d in corpus.documents],
            "references": [reference_dict(r) for r in corpus.references],
            "errors": list(corpus.errors)}
