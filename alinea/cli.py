"""The `alinea` command: one entry point, one subcommand per task (see README)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from alinea import __version__
from alinea.errors import AlineaError

def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data or os.environ.get("ALINEA_DATA") or "data")


def corpus_dir(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "corpus", None) or os.environ.get("ALINEA_CORPUS") or "corpus")


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
    from alinea.export import export
    from alinea.kb import load

    kb = load(data_dir(args))
    text = json.dumps(export(kb.corpus), ensure_ascii=False, indent=1)
    if args.output and args.output != "-":
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


# -- show ---------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    from alinea.kb import load
    from alinea.render_text import provision_json, provision_text

    kb = load(data_dir(args))
    node_id = kb.lookup(" ".join(args.citation))
    if args.json:
        print_json(provision_json(kb, node_id))
    else:
        print(provision_text(kb, node_id))
    return 0


# -- search -------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace) -> int:
    from alinea.kb import load
    from search import SearchQuery, open_index

    try:
        kb = load(data_dir(args))
    except AlineaError:
        kb = None  # without the model only provision ids are read as citations
    index = open_index(data_dir(args), kb)
    results = index.search(SearchQuery(" ".join(args.query), page=args.page, per_page=args.limit))
    if args.json:
        print_json(results.to_dict())
    else:
        print(search_text(results))
    return 0


def search_text(results) -> str:
    """Results as a reader wants them in a terminal (matched words in [brackets])."""
    lines = [f"{results.total} result{'s' * (results.total != 1)} for {results.query!r}"
             + (f" (page {results.page} of {results.pages})" if results.pages > 1 else "")]
    if results.citation:
        lines.append(f"read as a citation of {results.citation}")
    if results.did_you_mean:
        lines.append(f"did you mean: {results.did_you_mean}")
    lines += [f"note: {m}" for m in results.messages]
    for n, hit in enumerate(results.hits, (results.page - 1) * results.per_page + 1):
        text, pos, marked = hit.snippet.text, 0, []
        for start, end in hit.snippet.matches:
            marked += [text[pos:start], "[", text[start:end], "]"]
            pos = end
        marked.append(text[pos:])
        lines += ["", f"{n}. {hit.title} — {hit.id}  [{hit.status}]", f"   {hit.breadcrumb}",
                  f"   {''.join(marked)}"]
    return "\n".join(lines)


# -- serve --------------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    from alinea.kb import CORPUS_FILE

    if not (data_dir(args) / CORPUS_FILE).is_file():
        print(f"alinea serve: no knowledge base in {data_dir(args)}/, building it first", file=sys.stderr)
        if cmd_build(argparse.Namespace(**{**vars(args), "quiet": False, "verbose": False})) != 0:
            print("alinea serve: the build reported errors; serving what was built", file=sys.stderr)
    from waitress import serve

    from web import create_app

    app = create_app({"DATA_DIR": str(data_dir(args))})
    print(f"Alinea on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="alinea")
    return 0


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
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search (words, \"phrases\", AND/OR/NOT, prefix*, fuzzy~, "
                                      "status:, amended:, kind:, lang:, in:, program:, citations)")
    p.add_argument("query", nargs="+", help="the query (quote it for the shell)")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=int, default=10, help="results per page (default 10, at most 100)")
    p.add_argument("--page", type=int, default=1, help="page of results (default 1)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="the web site")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--corpus", help="corpus folder used when the data directory must be built")
    p.set_defaults(func=cmd_serve)

    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except AlineaError as exc:
        print(f"alinea {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
