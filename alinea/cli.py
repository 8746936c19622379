"""The `alinea` command: one entry point, one subcommand per task (see README)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from alinea import __version__
from alinea.errors import AlineaError, BadQuery, DamagedData
from alinea.limits import LIMITS, check_length, limit, whole_number


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data or os.environ.get("ALINEA_DATA") or "data")


def corpus_dir(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "corpus", None) or os.environ.get("ALINEA_CORPUS") or "corpus")


def number(low: int, limit_name: str):
    """An argparse type: a whole number from low to the named limit, read by limits.whole_number."""
    def read(raw: str) -> int:
        try:
            return whole_number("the value", raw, low, limit(limit_name))
        except BadQuery as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    read.__name__ = "whole number"
    return read


def words(args: list[str], what: str) -> str:
    """Arguments joined into one text, at most the "cli_argument" limit long."""
    return check_length(what, " ".join(args), "cli_argument")


def read_stdin(what: str) -> str:
    """Standard input as UTF-8 text, at most the "cli_stdin" limit, read no further than that."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests, embedding): already decoded
        text = sys.stdin.read(limit("cli_stdin") + 1)
        if len(text) > limit("cli_stdin"):
            raise AlineaError(f"{what} on standard input is longer than {limit('cli_stdin'):,} characters")
        return text
    data = stream.read(limit("cli_stdin") + 1)
    if len(data) > limit("cli_stdin"):
        raise AlineaError(f"{what} on standard input is longer than {limit('cli_stdin'):,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise AlineaError(f"<stdin>:{line}: not UTF-8 (byte 0x{data[exc.start]:02x})") from None


def bounded_lines(stream, max_bytes: int, name: str = "standard input"):
    """The lines of a binary stream; a line longer than max_bytes is cut to max_bytes + 1 bytes (so a
    reader can tell) and the rest of it skipped without being kept in memory.  A failed read is an
    AlineaError naming the stream; what the caller does with the lines (writing them to a closed
    pipe) fails on its own."""
    def read(size: int) -> bytes:
        try:
            return stream.readline(size)
        except OSError as exc:
            raise AlineaError(f"cannot read {name}: {exc.strerror or exc}") from None

    while True:
        line = read(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := read(65_536)) and not rest.endswith(b"\n"):
                pass
        yield line


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- build / parse / export ---------------------------------------------------------
def cmd_build(args: argparse.Namespace) -> int:
    from alinea.build import build, stderr_progress

    result = build(corpus_dir(args), data_dir(args), (lambda m: None) if args.quiet else stderr_progress)
    for warning in result.warnings if args.verbose else []:
        print(f"warning: {warning}", file=sys.stderr)
    if result.warnings and not args.verbose:
        print(f"alinea build: {len(result.warnings)} warnings (--verbose lists them)", file=sys.stderr)
    for error in result.corpus.errors:
        print(f"error: {error}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_add(args: argparse.Namespace) -> int:
    from alinea.corpus import add_document

    failed = 0
    for path in args.files:
        try:
            print(add_document(corpus_dir(args), path).message)
        except AlineaError as exc:
            print(f"alinea add: error: {exc}", file=sys.stderr)
            failed += 1
    if failed and len(args.files) > 1:
        print(f"alinea add: {failed} of {len(args.files)} files not added", file=sys.stderr)
    return 1 if failed else 0


def cmd_parse(args: argparse.Namespace) -> int:
    from alinea.export import document_dict
    from ingest import parse_file

    doc = parse_file(args.file, args.format)
    if args.json:
        print_json(document_dict(doc))
    else:
        units = sum(1 for s in doc.sections for _ in s.walk())
        print(f"{doc.id} ({doc.kind}, {doc.lang}) {doc.title}")
        print(f"  current to {doc.updated_to or 'unknown'}; {len(doc.divisions)} divisions, "
              f"{len(doc.sections)} sections, {units} units")
    for warning in doc.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from alinea.atomic import write_text
    from alinea.export import export
    from alinea.kb import load

    kb = load(data_dir(args))
    text = json.dumps(export(kb.corpus), ensure_ascii=False, indent=1)
    if args.output and args.output != "-":
        write_text(args.output, text + "\n")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


# -- show ---------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    from alinea.kb import load
    from alinea.views import provision_json, provision_text

    kb = load(data_dir(args))
    node_id = kb.lookup(words(args.citation, "the citation"), outside=True)
    if args.json:
        print_json(provision_json(kb, node_id))
    else:
        print(provision_text(kb, node_id, args.lang))
    return 0


# -- references and the graph ----------------------------------------------------------
UNRESOLVED = ("unresolved", "ambiguous")


def cmd_references(args: argparse.Namespace) -> int:
    from alinea.export import reference_dict
    from alinea.kb import load

    kb = load(data_dir(args))
    source = kb.lookup(args.source) if args.source is not None else None  # "" is an empty citation
    refs = [r for r in kb.corpus.references
            if (not args.unresolved or r.type in UNRESOLVED)
            and (not args.type or r.type == args.type)
            and (source is None or r.source == source or r.source.startswith(source + "/"))]
    if args.json:
        print_json([reference_dict(r) for r in refs])
        return 0
    for r in refs:
        target = r.target or ("|".join(r.candidates) if r.candidates else "?")
        note = f"  ({r.note})" if r.note else ""
        print(f"{r.source}\t{r.type}\t{target}\t{r.text}{note}")
    print(f"{len(refs)} references", file=sys.stderr)
    return 0


def _graph_node(kb: object, text: str) -> str:
    """A graph node named by its id ("program:basic-income", "2018, c. 11") or by a citation; a citation of
    something outside the knowledge base is its node when the library cites it (« L.R.C. 1985, c. H-3, art. 13 »)."""
    from alinea.errors import Outside

    if text in kb.graph:  # type: ignore[attr-defined]
        return text
    try:
        return kb.lookup(text)  # type: ignore[attr-defined]
    except Outside as outside:
        if outside.target in kb.graph:  # type: ignore[attr-defined]
            return outside.target
        raise


def _link_lines(kb: object, links: list, key: str, tr) -> list[str]:
    from graph.cite import itself
    from graph.govern_why import node_pieces, plain

    lines = []
    for link in links:
        other = getattr(link, key)
        label = itself(other, tr.lang, kb.document(other).title if other in kb else "") if link.self_mention else \
            plain(node_pieces(other, tr.lang, kb, tr.translate()))
        via = f" via {link.via}" if link.via else ""
        origin = link.source if key == "target" else link.target
        said = f"  {tr.quoted(link.text[:70])}" if link.text else ""
        lines.append(f"  {tr(link.type):22} {other}  {label[:60]}{said} [{origin}]{via}")
    return lines


def cmd_graph(args: argparse.Namespace) -> int:
    from alinea.kb import load
    from alinea.say import Words
    from graph import queries
    from graph.export import graph_json
    from graph.govern_why import node_pieces, path_pieces, plain

    kb = load(data_dir(args))
    graph = kb.graph
    node = _graph_node(kb, words(args.node, "the node"))
    tr = Words(args.lang)
    data = graph.nodes[node]
    named = plain(node_pieces(node, args.lang, kb, tr.translate()))
    if args.to is not None:  # "" is an empty citation, not no --to
        other = _graph_node(kb, args.to)
        steps = queries.path(graph, node, other)
        if args.json:
            print_json([s.as_dict() for s in steps])
        else:
            ends = {"source": node, "target": other}
            print(tr.plural("%(source)s → %(target)s: %(num)s step", "%(source)s → %(target)s: %(num)s steps",
                            len(steps), **ends) if steps else tr("%(source)s → %(target)s: not linked by citations",
                                                                 **ends))
            for step in steps:
                said = plain(path_pieces((step.source, step.type, step.target), args.lang, kb, tr.translate()))
                print(f"  {said}  {tr.quoted(step.text[:60]) if step.text else ''}".rstrip())
        return 0
    if data.get("kind") == "program":
        answer = queries.governing(graph, node)
        if args.json:
            print_json({k: [x if isinstance(x, str) else x.as_dict() for x in v] for k, v in answer.items()})
            return 0
        print(f"{node} — {named}")
        titles = {"established by": "established by", "applied": "made to apply by", "regulations": "regulations for it",
                  "named by": "named by"}
        for key in ("established by", "applied", "regulations", "named by"):
            links = answer[key]
            print(f"{tr(titles[key])} ({len(links)}){tr.sign(':').rstrip()}")
            print("\n".join(_link_lines(kb, links, "source", tr)) or "  -")
        sections = ", ".join(plain(node_pieces(s, args.lang, kb)) for s in answer["sections"]) or "-"
        print(f"{tr('Sections of the chapter that establishes it:')} {sections}")
        return 0
    if data.get("kind") == "amending act":
        links = queries.changed_by(graph, node)
        if args.json:
            print_json([link.as_dict() for link in links])
            return 0
        print(f"{node}{tr.sign(':')}" + tr.plural("%(num)s provision lists it in its history",
                                                        "%(num)s provisions list it in their history", len(links)))
        for link in links:
            print(f"  {link.source}  {link.text}")
        return 0
    out = queries.cited_from(graph, node)
    into = queries.cited_by(graph, node)
    if args.json:
        value = {"node": node, "kind": data.get("kind"), "label": data.get("label"),
                 "cites": [x.as_dict() for x in out], "cited_by": [x.as_dict() for x in into]}
        if args.depth:
            value["neighbourhood"] = graph_json(queries.neighbourhood(graph, node, args.depth))
        print_json(value)
        return 0
    print(f"{node} — {tr(data.get('kind') or '')}{tr.sign(':')}{named}")
    print(tr("It cites (%(num)s)", num=tr.number(len(out))) + tr.sign(":").rstrip())
    print("\n".join(_link_lines(kb, out, "target", tr)) or "  -")
    print(tr("Cited by (%(num)s)", num=tr.number(len(into))) + tr.sign(":").rstrip())
    print("\n".join(_link_lines(kb, into, "source", tr)) or "  -")
    if args.depth:
        sub = queries.neighbourhood(graph, node, args.depth)
        print(tr("neighbourhood within %(depth)s references: %(nodes)s nodes, %(edges)s edges (--json prints it)",
                    depth=args.depth, nodes=tr.number(sub.number_of_nodes()),
                    edges=tr.number(sub.number_of_edges())))
    return 0


def cmd_export_graph(args: argparse.Namespace) -> int:
    from alinea.atomic import write_text
    from alinea.kb import load
    from graph.export import graph_json, write_graphml

    kb = load(data_dir(args))
    fmt = args.format or ("graphml" if args.output and args.output.endswith(".graphml") else "json")
    if fmt == "graphml":
        if not args.output or args.output == "-":
            raise AlineaError("GraphML is written to a file: give -o FILE.graphml")
        write_graphml(kb.graph, args.output)
    elif args.output and args.output != "-":
        write_text(args.output, json.dumps(graph_json(kb.graph), ensure_ascii=False) + "\n")
    else:
        print_json(graph_json(kb.graph))
        return 0
    print(f"wrote {args.output} ({kb.graph.number_of_nodes()} nodes, {kb.graph.number_of_edges()} edges)",
          file=sys.stderr)
    return 0


# -- search -------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace) -> int:
    from alinea.labels import hit_title
    from search import SearchQuery
    from search.store import CurrentIndex

    index = CurrentIndex(data_dir(args), citation_resolver(data_dir(args), args.lang))
    query = SearchQuery(words(args.query, "the query"), page=args.page, per_page=args.limit)
    lexicon = None if args.no_xlang else search_lexicon(data_dir(args), query.text)
    if lexicon is not None:
        from search.policy import search_across

        results = search_across(index, query, lexicon)
    else:
        results = index.search(query)
    results = results.titled(lambda hit: hit_title(hit, args.lang))
    if args.json:
        print_json(results.to_dict())
    else:
        print(search_text(results, args.lang))
    return 0


def search_lexicon(data: Path, text: str):
    """The glossary and thesaurus phrases and the learned word table cross-language search needs
    (search.crosslang), as the build folded them, read from the store (not the whole knowledge
    base) only for a plain query it can rewrite."""
    from search.crosslang import Lexicon, split

    if split(text, []) is None:
        return None
    from alinea.store import STORE_FILE, Store

    try:
        store = Store(data)
    except DamagedData:
        raise
    except AlineaError:
        return None
    try:
        text = store.blob_text("lexicon")
    finally:
        store.close()
    if not text:
        return None
    try:
        rows = json.loads(text)
    except ValueError as exc:
        raise DamagedData(data / STORE_FILE, f"holds a lexicon that cannot be read ({exc})") from None
    return Lexicon.stored(rows, data / STORE_FILE)


def citation_resolver(data: Path, lang: str = "en"):
    """Reads a query typed as a citation ("s. 55(2)(a)", "art. 133 LAPF") as a provision id.  The
    knowledge base is loaded only for a query the citation grammar reads as a citation (with the
    act titles the build learned) or that may be an id, so a word search reads the index alone.
    The store is opened now, so that damage is named before anything is searched.  Without a
    store only provision ids are read as citations.  A citation of something outside the knowledge
    base is named in `lang`."""
    from alinea.store import Store

    try:
        store = Store(data)
        try:
            names = tuple(store.blob("citation_names", tuple[str, ...]) or ())
        finally:
            store.close()
    except DamagedData:
        raise
    except AlineaError:
        return None
    kb = None

    def resolve(text: str) -> str | None:
        nonlocal kb
        if not may_cite(text, names):
            return None
        from graph.cite import parse_query

        may_be_id = any(c in text for c in "/:") and len(text.split()) == 1  # ids hold no spaces; filters do
        if not may_be_id and not parse_query(text, names):
            return None
        if kb is None:
            from alinea.kb import load

            kb = load(data)
        return kb.resolver(lang)(text)
    return resolve


def may_cite(text: str, names: tuple[str, ...] = ()) -> bool:
    """False when a query cannot be a citation once its search filters are set aside
    (graph.cite.may_cite), so that a word search neither imports nor compiles the citation engine."""
    import re

    from graph.cite import may_cite as may_be_citation
    from search.query import FIELDS

    return may_be_citation(re.sub(rf"(?i)(?<!\S)(?:{'|'.join(FIELDS)}):(?:\"[^\"]*\"|\S+)", " ", text), names)


def search_text(results, lang: str = "en") -> str:
    """Results as a reader wants them in a terminal (matched words in [brackets]), in `lang` with
    the site's words (alinea.say)."""
    from alinea.messages import search_note
    from alinea.say import Words
    from graph.cite import cite

    tr = Words(lang)
    counted = tr.plural("%(num)s result", "%(num)s results", results.total) if results.total_exact else \
        tr("More than %(num)s results", num=tr.number(results.total))
    page = tr.sign(",").rstrip() + " " + tr("page %(page)s of %(pages)s", page=tr.number(results.page),
                                                  pages=tr.number(results.pages)) if results.pages > 1 else ""
    lines = [f"{tr.quoted(results.query)}{tr.sign(':')}{counted}{page}"]
    if results.citation:
        lines.append(tr("Read as a citation of %(link)s.", link=cite(results.citation, "short", lang,
                                                                     home=results.citation.split("/")[0])))
    if results.did_you_mean:
        lines.append(tr("Did you mean %(suggestion)s?", suggestion=results.did_you_mean))
    lines += [tr("Also searched:") + f" {tr.quoted(c.said)} → " + f" {tr('or')} ".join(map(tr.quoted, c.means))
              for c in results.carried]
    lines += [f"{tr('Note:')} {search_note(m, tr)}" for m in results.messages]
    for n, hit in enumerate(results.hits, (results.page - 1) * results.per_page + 1):
        text, pos, marked = hit.snippet.text, 0, []
        for start, end in hit.snippet.matches:
            marked += [text[pos:start], "[", text[start:end], "]"]
            pos = end
        marked.append(text[pos:])
        lines += ["", f"{n}. {hit.title} — {hit.id}  [{tr(hit.status)}]", f"   {hit.breadcrumb}",
                  f"   {''.join(marked)}"]
    return "\n".join(lines)


# -- govern -------------------------------------------------------------------------
def cmd_govern(args: argparse.Namespace) -> int:
    from alinea.kb import load
    from graph.govern import govern
    from graph.govern_why import english
    from search import open_index

    if args.batch and args.text:
        raise AlineaError("give a text or --batch FILE, not both")
    if not args.batch and not args.text:
        raise AlineaError("give a text to read (or - for standard input), or --batch FILE")
    kb = load(data_dir(args))
    index = open_index(data_dir(args), kb.resolver())
    say = english(kb) if args.lang == "en" else reasons_in(kb, args.lang)  # English: printed once per process
    if args.batch:
        if args.batch == "-":
            _govern_batch(sys.stdin.buffer, "standard input", kb, index, args.limit, say, args.jobs)
            return 0
        try:
            stream = open(args.batch, "rb")
        except OSError as exc:
            raise AlineaError(f"cannot read {args.batch}: {exc.strerror}") from None
        with stream:
            _govern_batch(stream, args.batch, kb, index, args.limit, say, args.jobs)
        return 0
    text = read_stdin("the text") if args.text == ["-"] else words(args.text, "the text")
    answer = govern(text, kb, index, args.limit)
    if args.json:
        print_json(govern_json(answer, say, kb, args.lang))
    else:
        print(govern_text(answer, say, kb, args.lang))
    return 0


def reasons_in(kb, lang: str):
    """Prints govern's reasons in a language, as the site does (`lang`): the interface's catalogue
    translates each template (alinea.say), graph.govern_why prints it."""
    from alinea.say import Words
    from graph.govern_why import text

    translate = Words(lang).translate()
    return lambda reason: text(reason, lang, kb, translate)


def _govern_batch(lines, name: str, kb, index, limit: int, say, jobs: int | None) -> None:
    from alinea.govern_batch import govern_batch
    from search.parallel import cores

    for answer in govern_batch(bounded_lines(lines, LIMITS["batch_line"].value, name), kb, index, limit,
                               LIMITS["batch_line"].value, say, cores() if jobs is None else jobs):
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        if "error" in answer:
            print(f"alinea govern: {answer['error']}", file=sys.stderr)


def govern_text(answer, say=None, kb=None, lang: str = "en") -> str:
    """An answer as a reader wants it in a terminal, in `lang` with the site's words (alinea.say):
    grouped by role, each result with its reasons (printed by `say`, in English without it) and
    its path (graph.govern_why.path_pieces, as the site prints it)."""
    from alinea.labels import titled
    from alinea.messages import govern_note
    from alinea.say import Words
    from graph.govern_why import ROLES, path_pieces, plain, text, why

    tr = Words(lang)
    translate = tr.translate()
    if answer.node:
        named = plain(path_pieces((answer.node,), lang, kb, translate)) if kb is not None else answer.node
        what = f"{tr(answer.input_kind)} {named}"
    else:
        what = tr("a text in French") if answer.lang == "fr" else tr("a text in English")
    count = tr.plural("%(num)s result", "%(num)s results", len(answer.results))
    lines = [f"{tr('Which articles govern this?')} {what}{tr.sign(':')}{count}"]
    lines += [f"{tr('Note:')} {govern_note(m, tr) or m}" for m in answer.messages]
    if answer.concepts and not answer.node:
        lines.append(tr("Read as") + tr.sign(":") + tr.sign(";").join(
            f"{tr.quoted(c.said)} → {c.means}" for c in answer.concepts[:12]))
    for role, results in answer.groups():
        lines += ["", tr(ROLES.get(role, role))]
        for r in results:
            title = r.title
            if kb is not None and r.section in kb and not r.section.startswith("guidance:"):
                title = titled(r.section, getattr(kb.get(r.section).node, "heading", "") or "", lang)
            pin = f" ({text(why('at', ids={'pinpoint': r.id}), lang, kb, translate)})" \
                if kb is not None and r.id != r.section and r.role != "guidance" else \
                f" [{r.id}]" if r.id != r.section else ""
            status = f" ({tr(r.status)})" if r.status != "in force" else ""
            lines.append(f"{r.rank:3}. {title}{status}{pin}")
            reasons = tr.sign(";").join(say(w) for w in r.reasons) if say and r.reasons else r.reason
            lines.append(f"     {tr('Why:')} {reasons}")
            path = plain(path_pieces(r.path, lang, kb, translate)) if kb is not None else " -> ".join(r.path)
            lines.append(f"     {tr('Path:')} {path}")
    return "\n".join(lines)


def govern_json(answer, say, kb, lang: str) -> dict:
    """The answer as JSON (its `to_dict`), each result's path also as data (`path_steps`) and in
    words (`path_text`), as the site's API gives them (graph.govern_why)."""
    from alinea.say import Words
    from graph.govern_why import node_pieces, path_data, plain, step_pieces

    translate = Words(lang).translate()
    out = answer.to_dict(say)
    for result, data in zip(answer.results, out["results"]):
        data["path_steps"] = path_data(result.path)
        data["path_text"] = [plain((step_pieces if i % 2 else node_pieces)(item, lang, kb, translate))
                             for i, item in enumerate(result.path)]
    return out


# -- citations of the law in code --------------------------------------------------------
def cmd_links(args: argparse.Namespace) -> int:
    from alinea.code_links import record, scan
    from alinea.kb import load
    from alinea.messages import code_note, skip_reason
    from alinea.say import Words

    kb = load(data_dir(args))
    result = scan(args.paths, kb, include_other=args.all)
    tr = Words(args.lang)
    english = args.lang == "en"  # in English, the statuses and notes as --json writes them
    if args.json:
        print_json(result.as_json())
    else:
        for c in result.citations:
            target = c.target or " | ".join(c.candidates) or "?"
            note = f" ({c.note if english else code_note(c.note, tr)})" if c.note else ""
            status = c.status if english else tr.word(c.status)
            print(f"{c.file}:{c.line}:{c.column}: {status}{tr.sign(':')}{c.text} → {target}{note}")
        for s in result.skipped:
            print(tr("%(file)s: skipped: %(why)s", file=s.file, why=s.reason if english else skip_reason(s.reason, tr)),
                  file=sys.stderr)
    counts = ", ".join(f"{n} {status}" for status, n in result.counts().items() if n)
    print(f"alinea links: {result.files_scanned} files scanned, {len(result.skipped)} skipped; "
          f"{len(result.citations)} citations{': ' + counts if counts else ''}", file=sys.stderr)
    if args.record:
        path = record(result, args.paths, data_dir(args))
        print(f"alinea links: recorded in {path}", file=sys.stderr)
    if args.strict and result.stale:
        print(f"alinea links: --strict: {len(result.stale)} citations point at repealed, missing or "
              "ambiguous law", file=sys.stderr)
        return 1
    return 0


# -- serve --------------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    from alinea.store import STORE_FILE

    if not (data_dir(args) / STORE_FILE).is_file():
        print(f"alinea serve: no knowledge base in {data_dir(args)}/, building it first", file=sys.stderr)
        if cmd_build(argparse.Namespace(**{**vars(args), "quiet": False, "verbose": False})) != 0:
            print("alinea serve: the build reported errors; serving what was built", file=sys.stderr)
    from waitress import serve
    from waitress.server import create_server

    from alinea.processes import Supervisor, listening_socket
    from web import create_app
    from web.limits import waitress_options
    from web.timing import ServerTiming

    def make_app():  # in each worker, after the fork: no open file crosses it
        return ServerTiming(create_app({"DATA_DIR": str(data_dir(args))}))

    count = args.processes
    if count > 1 and not hasattr(os, "fork"):
        print("alinea serve: this platform cannot fork: serving with one process", file=sys.stderr)
        count = 1
    options = {"threads": args.threads, "ident": "alinea", **waitress_options()}
    threads = f"{args.threads} thread" + ("s" if args.threads > 1 else "")
    workers = threads if count == 1 else f"{count} processes of {threads}"
    if count == 1:  # waitress binds every address of the host itself (IPv4 and IPv6 for "localhost")
        try:
            server = create_server(make_app(), host=args.host, port=args.port, **options)
        except (ValueError, OSError) as exc:
            raise OSError(f"cannot listen on {args.host}:{args.port}: {getattr(exc, 'strerror', None) or exc}") from None
        for host, port in _listening(server):
            shown = f"[{host}]" if ":" in host else host
            print(f"Alinea on http://{shown}:{port}/ ({workers}; Ctrl-C stops)", file=sys.stderr, flush=True)
        server.run()
        return 0
    sock = listening_socket(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"Alinea on http://{shown}:{port}/ ({workers}; Ctrl-C stops)", file=sys.stderr, flush=True)
    supervisor = Supervisor(lambda: serve(make_app(), sockets=[sock], **options), count,
                            lambda line: print(f"alinea serve: {line}", file=sys.stderr, flush=True))
    return supervisor.run()


def _listening(server) -> list[tuple[str, int]]:
    """(host, port) of each address a waitress server listens on (one server, or one per address)."""
    servers = getattr(server, "map", None) and [s for s in server.map.values() if hasattr(s, "effective_port")]
    return [(str(s.effective_host), int(s.effective_port)) for s in (servers or [server])]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="alinea", description="A knowledge base of Québec social-assistance law.")
    top.add_argument("--version", action="version", version=f"alinea {__version__}")
    top.add_argument("--data", help="data directory (default: $ALINEA_DATA or ./data)")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="corpus/ -> data directory (model, graph, index)")
    p.add_argument("--corpus", help="corpus folder with a manifest.json (default: ./corpus)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.add_argument("-v", "--verbose", action="store_true", help="list every warning")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("add", help="add documents to the corpus: detect, name, copy, write the manifest entry")
    p.add_argument("files", nargs="+", metavar="FILE", help="LégisQuébec pages or text, guidance pages")
    p.add_argument("--corpus", help="corpus folder (default: ./corpus; created when missing)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("parse", help="parse one document and print the model")
    p.add_argument("file")
    p.add_argument("--format", choices=["legisquebec-text", "legisquebec-html", "guidance-text", "guidance-html"],
                   help="skip format detection")
    p.add_argument("--json", action="store_true", help="print the model as JSON")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("export", help="the whole knowledge base as JSON")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("show", help="one provision: an id, a section number or a citation")
    p.add_argument("citation", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("en", "fr"), default="en",
                   help="the language the frame is printed in, as the site's lang (art. 59 first; default en)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("references", help="every cross-reference, typed; --unresolved lists the ones to check")
    p.add_argument("--unresolved", action="store_true", help="only unresolved and ambiguous references")
    p.add_argument("--type", help="only references of this type (cites, applies, despite, amended by ...)")
    p.add_argument("--source", help="only references made by this provision (an id or a citation) and its units")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_references)

    p = sub.add_parser("graph", help="what a provision cites and what cites it; what governs a program; "
                                     "what an amending act changed; --to for the path between two provisions")
    p.add_argument("node", nargs="+", help='a provision (id or citation), "program:basic-income", "2018, c. 11"')
    p.add_argument("--to", help="another node: print the chain of citations between them")
    p.add_argument("--depth", type=number(0, "graph_depth"), default=0,
                   help=f"also give the neighbourhood within N references (at most {limit('graph_depth')})")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("en", "fr"), default="en",
                   help="the language the links and names are printed in, as the site's lang (default en)")
    p.set_defaults(func=cmd_graph)

    p = sub.add_parser("export-graph", help="the law graph as node-link JSON or GraphML")
    p.add_argument("-o", "--output", help="file to write (default: JSON on stdout)")
    p.add_argument("--format", choices=["json", "graphml"], help="default: from the file name, else json")
    p.set_defaults(func=cmd_export_graph)

    p = sub.add_parser("search", help="full-text search (words, \"phrases\", AND/OR/NOT, prefix*, fuzzy~, "
                                      "status:, amended:, kind:, lang:, in:, program:, citations)")
    p.add_argument("query", nargs="+", help="the query (quote it for the shell)")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=number(1, "per_page"), default=10,
                   help=f"results per page (default 10, at most {limit('per_page')})")
    p.add_argument("--page", type=number(1, "page"), default=1, help=f"page of results (default 1, at most {limit('page')})")
    p.add_argument("--lang", choices=("en", "fr"), default="en",
                   help="the language results are named in (s. 132 / art. 132; default en)")
    p.add_argument("--no-xlang", action="store_true",
                   help="search only the words as typed (no carrying French words into English and back)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("govern", help="which articles govern this? a question, a situation, a page (English or "
                                      "French) or a node (provision, program, term, guidance page, amending act)")
    p.add_argument("text", nargs="*", help="the text (quote it for the shell), or - to read standard input")
    p.add_argument("--batch", metavar="FILE", help='JSON lines {"id": ..., "q": ...} in (- for standard input), '
                                                   "one JSON answer per line out, in order")
    p.add_argument("--jobs", type=number(1, "batch_jobs"), default=None,
                   help="processes answering a long --batch (default: one per core)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--limit", type=number(1, "govern_limit"), default=10,
                   help=f"provisions at most (default 10, at most {limit('govern_limit')})")
    p.add_argument("--lang", choices=("en", "fr"), default="en",
                   help="the language the reasons are printed in, as the site's lang (s. 59 / art. 59; default en)")
    p.set_defaults(func=cmd_govern)

    p = sub.add_parser("links", help="find the citations of the law in source code and check them")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.gitignore is respected)")
    p.add_argument("--json", action="store_true", help="print the scan as JSON")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a citation names repealed, missing or ambiguous law (for CI)")
    p.add_argument("--all", action="store_true", help="also list citations of acts the corpus does not hold")
    p.add_argument("--record", action="store_true", help="keep the scan in the data directory for the site")
    p.add_argument("--lang", choices=("en", "fr"), default="en",
                   help="the language statuses, notes and errors are printed in, as the site's lang (default en)")
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("serve", help="the web site")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=number(0, "port"), default=5000)
    p.add_argument("--threads", type=number(1, "threads"), default=1,
                   help="threads per process running pages (default 1: pages are CPU work that threads of one "
                        "process take turns at; waitress reads and writes the connections apart)")
    p.add_argument("--processes", type=number(1, "processes"), default=1,
                   help=f"server processes sharing the port, each with its own copy of the knowledge base "
                        f"(default 1; one per free core where the clients are elsewhere; at most {limit('processes')})")
    p.add_argument("--corpus", help="corpus folder used when the data directory must be built")
    p.set_defaults(func=cmd_serve)

    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except AlineaError as exc:
        print(f"alinea {args.command}: error: {error_line(exc, getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped (`| head`): stop quietly, as Unix tools do
        quiet_stdout()
        return 0
    except OSError as exc:  # a read-only or full disk on a path no writer above names
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"alinea {args.command}: error: {where}{os.strerror(exc.errno) if exc.errno else exc}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def error_line(exc: AlineaError, lang: str) -> str:
    """An error in the language asked (alinea.messages, the site's sentences); in English, and
    when no pattern reads it, the line the lower layer wrote."""
    if lang == "en":
        return str(exc)
    from alinea.messages import error_text
    from alinea.say import Words

    return error_text(str(exc), Words(lang)) or str(exc)


def quiet_stdout() -> None:
    """Points standard output at /dev/null, so that the interpreter's last flush into the closed
    pipe raises nothing at exit ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's captured stdout)
        pass


if __name__ == "__main__":
    sys.exit(main())
