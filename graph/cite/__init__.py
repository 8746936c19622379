"""The citation engine: find the citations in a text, resolve one, print an id.

- `find_citations(text, lang, names, source)`: every citation, with exact offsets; `source`
  (``statute``, ``guidance``, ``code``, ``query``, ``course``) says where the text comes from
  and so which rules of `graph.cite.rules` run.
- `resolve(found, context)`: the ids one citation names, read where `context` (`Context`) says;
  `read(text, index)`: one typed citation (a `show` argument, a search, an API path, a course's
  ``[[…]]``) as its ids, or one line saying why not with the nearest real provisions;
  `citations_in(text, index, lang, source)`: every citation of free text, resolved.
- `cite(id, style, lang, home)`: the id printed (``short``, ``mcgill``, ``drafting``; EN/FR).
- `enabling_notes(doc)`, `enabling_citations(text, lang)`: a regulation's enabling note
  (« (chapitre S-2.1, a. 223) ») and its citations, each in the act the note names.

Act names, abbreviations and chapters come from `corpus/acts.json` (`graph.cite.acts`).
"""
from graph.cite.acts import Acts, KnownAct, load_acts, official_url
from graph.cite.enabling import enabling_citations, enabling_notes, is_enabling_note
from graph.cite.find import find_citations
from graph.cite.format import LANGS, STYLES, act_citation, cite
from graph.cite.grammar import Act, Found, Level, chapter_ref
from graph.cite.query import Reading, nearest, parse_query, read
from graph.cite.relations import type_relations
from graph.cite.resolve import Context, Index, Resolution, citations_in, resolve
from graph.cite.rules import CODE, COURSE, GUIDANCE, QUERY, RULES, SOURCES, STATUTE, Rule

__all__ = [
    "Act", "Acts", "act_citation", "CODE", "COURSE", "Context", "Found", "GUIDANCE", "Index", "KnownAct", "LANGS", "Level",
    "QUERY", "RULES", "Reading", "Resolution", "Rule", "SOURCES", "STATUTE", "STYLES", "chapter_ref", "cite",
    "citations_in", "enabling_citations", "enabling_notes", "find_citations", "is_enabling_note", "load_acts", "nearest", "official_url", "parse_query", "read", "resolve", "type_relations",
]
