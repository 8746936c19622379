"""The citation engine: find the citations in a text, resolve one, print an id.

- `find_citations(text, lang, names, source)`: every citation, with exact offsets; `source`
  (``statute``, ``guidance``, ``code``, ``query``, ``course``) says where the text comes from
  and so which rules of `graph.cite.rules` run.  `may_hold_citations(text, names)`: False when it
  would find none (the rules' literals); `may_cite(text, names)`: False when text cannot be one
  typed citation; both told without importing the grammar (`graph.cite.literals`).
- `resolve(found, context)`: the ids one citation names, read where `context` (`Context`) says;
  `read(text, index)`: one typed citation (a `show` argument, a search, an API path, a course's
  ``[[…]]``) as its ids, or one line saying why not with the nearest real provisions;
  `citations_in(text, index, lang, source)`: every citation of free text, resolved.
- `cite(id, style, lang, home)`: the id printed (``short``, ``mcgill``, ``drafting``; EN/FR);
  `itself(doc, lang, title)`: a document named from inside as a whole ("this Act", « le présent règlement »).
- `enabling_notes(doc)`, `enabling_citations(text, lang)`: a regulation's enabling note
  (« (chapitre S-2.1, a. 223) ») and its citations, each in the act the note names.

Act names, abbreviations and chapters come from `corpus/acts.json` (`graph.cite.acts`).
"""
import importlib
import sys
import types

_HOMES = {
    "acts": ("Acts", "KnownAct", "load_acts", "official_url"),
    "enabling": ("enabling_citations", "enabling_notes", "is_enabling_note"),
    "find": ("find_citations",),
    "format": ("LANGS", "QUOTES", "STYLES", "act_citation", "cite", "division_label", "document_kind", "itself", "outside",
               "quoted", "separator"),
    "grammar": ("Act", "Found", "Level", "chapter_ref"),
    "literals": ("CITATION_LITERALS", "RULE_LITERALS", "may_cite", "may_hold_citations"),
    "query": ("Reading", "nearest", "parse_query", "read"),
    "relations": ("type_relations",),
    "resolve": ("Context", "Index", "Resolution", "citations_in", "resolve"),
    "rules": ("CODE", "COURSE", "GUIDANCE", "QUERY", "RULES", "SOURCES", "STATUTE", "Rule"),
}
"""Where each public name lives.  A submodule is imported when one of its names is first asked
for (PEP 562): printing an id (`cite`) does not compile the grammar that reads citations, so a
command that only prints stays quick to start."""
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'graph.cite' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"graph.cite.{_HOME[name]}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return  # the import system naming the submodule `resolve`: the public `resolve` is the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "Act", "Acts", "act_citation", "CITATION_LITERALS", "CODE", "RULE_LITERALS", "COURSE", "Context", "Found", "GUIDANCE", "Index", "KnownAct", "LANGS", "Level",
    "QUERY", "QUOTES", "RULES", "Reading", "Resolution", "Rule", "SOURCES", "STATUTE", "STYLES", "chapter_ref", "cite",
    "citations_in", "division_label", "document_kind", "enabling_citations", "enabling_notes", "find_citations", "is_enabling_note", "itself", "may_cite", "may_hold_citations", "load_acts", "nearest", "official_url", "outside", "parse_query", "quoted", "read", "resolve", "separator", "type_relations",
]
