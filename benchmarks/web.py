"""Server time per page (Flask test client) and throughput under concurrent load (waitress over
loopback), on a data directory built from the bundled corpus."""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.build import build  # noqa: E402
from benchmarks.timing import print_table, summary, time_calls  # noqa: E402
from web import create_app  # noqa: E402

PAGES = {
    "home": "/", "table of contents": "/A-13.1.1", "section": "/A-13.1.1/55", "unit": "/A-13.1.1/55/p1/2/a",
    "division": "/A-13.1.1/title:II/chapter:I", "guidance": "/guidance:adel-66-72", "program": "/program:basic-income",
    "amending act": "/acts/2018-c-11", "search": "/search?q=liquid+assets", "search citation": "/search?q=s.+55(2)(a)",
    "api provision": "/api/provisions/A-13.1.1/55", "api search": "/api/search?q=spouse", "404": "/A-13.1.1/999",
    "reading view (whole Act)": "/read/A-13.1.1", "reading view go to": "/read/A-13.1.1?goto=s.+55(2)(a)",
}



def per_page(app, args) -> None:
    """Each page's server time with one client (the Flask test client), after one warming request."""
    client = app.test_client()
    rows = []
    for name, url in PAGES.items():
        client.get(url)  # warm
        rows.append({"page": name, **summary(time_calls(lambda: client.get(url), args.repeat))})
    print_table(rows, ["page", "n", "p50_ms", "p95_ms", "max_ms"])


def load(base: str, seconds: float, clients: int) -> dict:
    urls = [base + u for u in PAGES.values()]
    done, errors = [0], [0]
    stop = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        i = offset
        while time.perf_counter() < stop:
            try:
                with urllib.request.urlopen(urls[i % len(urls)], timeout=10) as response:
                    response.read()
                done[0] += 1
            except urllib.error.HTTPError as exc:
                done[0] += exc.code == 404
                errors[0] += exc.code != 404
            i += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    elapsed = time.perf_counter() - start
    return {"clients": clients, "requests": done[0], "errors": errors[0], "seconds": round(elapsed, 1),
            "req/s": round(done[0] / elapsed, 1)}


FIXTURES = ROOT / "tests" / "fixtures" / "legisquebec-html"
REGULATIONS = {"S-2.1-r6": ("S-2_1_r_6.fr.html", "Règlement sur les établissements industriels et commerciaux"),
               "S-2.1-r4": ("S-2_1_r_4.fr.html", "Code de sécurité pour les travaux de construction")}
"""Real LégisQuébec pages of the test fixtures added to a copy of the corpus, so that the reading
view is also timed on a regulation larger than the bundled Act."""


def library_with_regulations(tmp: Path) -> Path:
    """A copy of the bundled corpus plus REGULATIONS (LégisQuébec HTML), as a corpus folder."""
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    for doc_id, (name, title) in REGULATIONS.items():
        shutil.copy(FIXTURES / name, corpus / "legisquebec" / name)
        manifest["documents"].append({"id": doc_id, "file": f"legisquebec/{name}", "format": "legisquebec-html",
                                      "kind": "regulation", "publisher": "LégisQuébec", "lang": "fr", "title": title})
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return corpus


def reading_view(app, repeat: int) -> None:
    """The reading view of the largest document: first render, then cached p50 and p95."""
    client = app.test_client()
    docs = [d for d in app.extensions["live"].current.kb.documents if d.kind != "guidance"]
    largest = max(docs, key=lambda d: len(d.sections))
    url = f"/read/{largest.id}"
    first = time_calls(lambda: client.get(url), 1)[0]
    row = summary(time_calls(lambda: client.get(url), repeat))
    print(f"reading view of the largest document ({largest.id}, {len(largest.sections)} sections, "
          f"{len(client.get(url).data) // 1024} KB): first render {first * 1000:.0f} ms, then cached per "
          f"knowledge-base version: p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "corpus", Path(tmp), progress=lambda m: None)
        started = time.perf_counter()
        app = create_app({"DATA_DIR": tmp})
        print(f"create_app (load the knowledge base, graph and index once): {(time.perf_counter() - started) * 1000:.0f} ms")
        reading_view(app, args.repeat)
        with tempfile.TemporaryDirectory() as other:
            build(library_with_regulations(Path(other)), Path(other) / "data", progress=lambda m: None)
            reading_view(create_app({"DATA_DIR": str(Path(other) / "data")}), args.repeat)
        logging.getLogger("waitress").setLevel(logging.ERROR)
        for step in (per_page, under_load):  # before and after in the same run, each step side by side
            for cached in (False, True):
                app.config["PAGE_CACHE"] = cached
                print(f"\n== {step.__name__.replace('_', ' ')}, {'with' if cached else 'without'} the page cache "
                      "(pages rendered once per knowledge-base version, address and language)")
                step(app, args)


def under_load(app, args) -> None:
    """Throughput for 1, 4 and 8 clients, then each page's server time with 8 clients."""
    from waitress import create_server

    from web.limits import waitress_options

    timed = ServerTime(app)
    server = create_server(timed, host="127.0.0.1", port=0, threads=8, ident="bench", **waitress_options())
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    rows = []
    for clients in (1, 4, 8):
        timed.times.clear()
        rows.append(load(base, args.seconds, clients))
    print("\nwaitress, 8 threads, the options of `alinea serve`; clients loop over the pages above")
    print_table(rows, ["clients", "requests", "errors", "seconds", "req/s"])
    print("\nserver time per page with 8 clients (from the request reaching the application to its last byte)")
    print_table([{"page": name, **summary(timed.times[PAGES[name]])} for name in SERVER_TIMED if timed.times[PAGES[name]]],
                ["page", "n", "p50_ms", "p95_ms", "max_ms"])


SERVER_TIMED = ("section", "unit", "api provision", "search", "search citation", "api search", "404")
"""Pages whose server time under load the issue's target names (provision and search pages), and the 404."""


class ServerTime:
    """WSGI middleware keeping each request's server time by path and query."""

    def __init__(self, app) -> None:
        self.app, self.times = app, defaultdict(list)

    def __call__(self, environ, start_response):
        start = time.perf_counter()
        response = self.app(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            getattr(response, "close", lambda: None)()
        query = environ.get("QUERY_STRING")
        path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
        self.times[path].append(time.perf_counter() - start)
        return [body]


if __name__ == "__main__":
    main()
