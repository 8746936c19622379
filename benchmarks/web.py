"""Server time per page (Flask test client) and under concurrent load (`alinea serve` as a real
process over loopback, with one process and then one per core; the clients in a process of their
own), on a data directory built from the bundled corpus.

A page seen before comes from the page cache (per knowledge-base version and server process); the
figures that matter for a reader are those of pages nobody asked for yet. So provision, search and
404 pages are timed on distinct addresses, each asked once (first render), then asked again.

Under load, two times per request: the client's (from opening the connection to the last byte
read) and the server's, read from the `Server-Timing` header the served app sets (web/timing.py:
from the request reaching the application in its worker to the last byte handed to waitress, wall
time, which counts waiting for the interpreter lock while the worker's other threads run; and that
request's own thread CPU time)."""
from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.build import build  # noqa: E402
from benchmarks.timing import percentile, print_table, summary, time_calls  # noqa: E402
from search.parallel import cores  # noqa: E402
from web import create_app  # noqa: E402

PAGES = {
    "home": "/", "table of contents": "/A-13.1.1", "section": "/A-13.1.1/55", "unit": "/A-13.1.1/55/p1/2/a",
    "division": "/A-13.1.1/title:II/chapter:I", "guidance": "/guidance:adel-66-72", "program": "/program:basic-income",
    "amending act": "/acts/2018-c-11", "search": "/search?q=liquid+assets", "search citation": "/search?q=s.+55(2)(a)",
    "api provision": "/api/provisions/A-13.1.1/55", "api search": "/api/search?q=spouse", "404": "/A-13.1.1/999",
    "reading view (whole Act)": "/read/A-13.1.1", "reading view go to": "/read/A-13.1.1?goto=s.+55(2)(a)",
}
SEARCHES = ROOT / "benchmarks" / "search_eval" / "queries.jsonl"
"""The held-out search queries (words people type, in both languages), as search pages."""
TYPED = ['"capacity for employment"', "benef*", "spouce~", 'benefit status:"in force"', "income amended:2018",
         "spouse AND (child OR children) NOT regulation", "s. 55", "art. 83.24", "A-13.1.1/55/p1/2/a",
         '"aide financière de dernier recours"', "prestat*", "conjoint~", "s. 55(2)(a)", "art. 132 al. 2"]
"""Queries in the query language (phrases, prefixes, fuzzy, filters, citations)."""
KINDS = ("provision", "search", "404")


def distinct_pages(kb) -> tuple[list[str], list[str], list[str]]:
    """(provisions, searches, missing): every section and unit page of the library, a search page
    for each held-out and typed query, and a missing unit and a missing section next to each
    section; each list in a fixed order, every address distinct."""
    provisions = [f"/{node}" for doc in kb.documents for s in doc.sections
                  for node in (s.id, *(u.id for u in s.walk()))]
    queries = [json.loads(line)["q"] for line in SEARCHES.read_text(encoding="utf-8").splitlines() if line.strip()]
    searches = [f"/search?{urlencode({'q': q})}" for q in dict.fromkeys(queries + TYPED)]
    missing = [f"/{s.id}/p{90 + i % 9}" for doc in kb.documents for i, s in enumerate(doc.sections)]
    missing += [f"/{doc.id}/{9000 + i}" for doc in kb.documents for i in range(len(doc.sections) // 4)]
    return provisions, searches, missing


def in_both_languages(urls: list[str]) -> list[str]:
    return [f"{u}{'&' if '?' in u else '?'}lang={lang}" for u in urls for lang in ("fr", "en")]


def spread(urls: list[str], count: int) -> list[str]:
    """`count` addresses taken evenly through the list (every part of the library)."""
    step = max(1, len(urls) // count)
    return urls[::step][:count]


def per_page(app, args) -> None:
    """Each page's server time with one client (the Flask test client), after one warming request."""
    client = app.test_client()
    rows = []
    for name, url in PAGES.items():
        client.get(url)  # warm
        rows.append({"page": name, **summary(time_calls(lambda: client.get(url), args.repeat))})
    print_table(rows, ["page", "n", "p50_ms", "p95_ms", "max_ms"])


def first_renders(app, args) -> None:
    """Distinct addresses with one client: each page's first render, then the same pages again."""
    client = app.test_client()
    provisions, searches, missing = distinct_pages(app.extensions["live"].current.kb)
    sample = {"provision": spread(in_both_languages(provisions), args.distinct),
              "search": spread(in_both_languages(searches), args.distinct),
              "404": spread(in_both_languages(missing), args.distinct)}
    client.get("/A-13.1.1/1?lang=fr"), client.get("/search?q=aide&lang=en")  # the objects built once per version
    for name in ("first render", "again (page cache)"):
        rows = []
        for kind, urls in sample.items():
            cpu = time.process_time()
            row = summary(time_calls_each(client, urls))
            rows.append({"pages": kind, **row, "cpu_ms": (time.process_time() - cpu) * 1000 / len(urls)})
        print(f"\none client, {name}: {args.distinct} distinct addresses of each kind, half French, half English "
              "(cpu_ms: the process's CPU time per page, less sensitive than wall time to a loaded machine)")
        print_table(rows, ["pages", "n", "p50_ms", "p95_ms", "max_ms", "cpu_ms"])


def time_calls_each(client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        start = time.perf_counter()
        status = client.get(url).status_code
        out.append(time.perf_counter() - start)
        assert status in (200, 404), (url, status)
    return out


def fetch_all(base: str, urls: list[str], clients: int) -> dict:
    """Each address once, `clients` at a time (run in a process of its own: the clients' work does
    not wait on a server process's interpreter lock, as a browser's would not); `timed`: for each
    answer, (address, client wall ms, server ms, server CPU ms), the last two read from its
    Server-Timing header (web/timing.py)."""
    todo = iter(urls)
    lock = threading.Lock()
    done, errors, timed = [0], [0], []

    def worker(_) -> None:
        while True:
            with lock:
                url = next(todo, None)
            if url is None:
                return
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(base + url, timeout=30) as response:
                    response.read()
                    header = response.headers.get("Server-Timing", "")
                done[0] += 1
            except urllib.error.HTTPError as exc:
                exc.read()
                header = exc.headers.get("Server-Timing", "")
                done[0] += exc.code == 404
                errors[0] += exc.code != 404
            except OSError:
                errors[0] += 1
                continue
            took = {name: float(ms) for name, ms in re.findall(r"(\w+);dur=([0-9.]+)", header)}
            timed.append((url, (time.perf_counter() - start) * 1000, took.get("app"), took.get("cpu")))

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    elapsed = time.perf_counter() - start
    return {"clients": clients, "requests": done[0], "errors": errors[0], "seconds": round(elapsed, 1),
            "elapsed": elapsed, "req/s": round(done[0] / elapsed, 1), "timed": timed}


def loop_pages(base: str, seconds: float, clients: int) -> dict:
    """The pages of PAGES in turn for `seconds`, by `clients` clients (in a process of their own)."""
    urls = list(PAGES.values())
    rows = []
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop:
        rows.append(fetch_all(base, urls * clients, clients))
    requests = sum(r["requests"] for r in rows)
    elapsed = sum(r["elapsed"] for r in rows)  # not the rounded seconds: a round of one client lasts ~10 ms
    return {"clients": clients, "requests": requests, "errors": sum(r["errors"] for r in rows),
            "seconds": round(elapsed, 1), "req/s": round(requests / max(elapsed, 1e-9), 1),
            "timed": [t for r in rows for t in r["timed"]]}


class Server:
    """`alinea serve --port 0 --processes N` over a data directory, as a process of its own (the
    real server: its supervisor, workers and options), ended by SIGTERM."""

    def __init__(self, data_dir: str, processes: int, threads: int) -> None:
        self.err = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "alinea.cli", "--data", data_dir, "serve", "--port", "0",
                                         "--processes", str(processes), *(["--threads", str(threads)] if threads else [])],
                                        cwd=ROOT, stdout=subprocess.DEVNULL,
                                        stderr=self.err)
        deadline = time.monotonic() + 60
        while not (found := re.search(r"http://[^/]+:(\d+)/", self._said())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"alinea serve did not start: {self._said()}")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{found.group(1)}"

    def _said(self) -> str:
        self.err.seek(0)
        return self.err.read()

    def close(self) -> str:
        """Ends the server; what it said on standard error besides its address line (waitress's
        warnings that a worker's threads were all busy, counted)."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        lines = self._said().splitlines()[1:]
        self.err.close()
        busy = [line for line in lines if "Task queue depth" in line]
        said = [line for line in lines if line not in busy]
        return "\n".join(said + ([f"{len(busy)} times: all the threads of a worker busy, a request queued "
                                  "(waitress: Task queue depth)"] if busy else []))


def under_load(data_dir: str, kb, args) -> None:
    """8 clients over distinct addresses (first renders, then again), then throughput over PAGES,
    against `alinea serve` with one process, then with one per core."""
    provisions, searches, missing = distinct_pages(kb)
    kind_of = {url: kind for kind, urls in zip(KINDS, (provisions, searches, missing))
               for url in in_both_languages(urls)}
    alone = {kind: [u for u in kind_of if kind_of[u] == kind and u.endswith("lang=fr")] for kind in KINDS}
    mixed = [u for u in kind_of if u.endswith("lang=en")]
    random.Random(16).shuffle(mixed)  # the kinds mixed, in one fixed order
    passes = [(f"{kind} pages alone (French), first render of each", alone[kind]) for kind in KINDS]
    passes += [("all kinds mixed (English), first render of each", mixed),
               ("all kinds mixed (English) again (each process has its own page cache)", mixed)]
    spawn = multiprocessing.get_context("spawn")
    targets = []
    with spawn.Pool(1) as clients:
        for processes in dict.fromkeys((1, args.processes)):
            server = Server(data_dir, processes, args.threads)
            warm = list(PAGES.values()) * 3  # each worker loaded and its per-version objects built
            clients.apply(fetch_all, (server.base, warm, args.clients))
            print(f"\n== `alinea serve --processes {processes}` (waitress, {args.threads} threads per process), "
                  f"{args.clients} clients in another process, each distinct address asked once per pass, "
                  f"load average {os.getloadavg()[0]:.1f}")
            print("client: wall time seen by the client (connect to last byte); server: the Server-Timing header, "
                  "from the request reaching the application to its last byte, wall time (which counts the waits "
                  "for the interpreter lock while the process's other requests run), and cpu, that request's "
                  "thread's CPU time")
            for name, urls in passes:
                row = clients.apply(fetch_all, (server.base, urls, args.clients))
                print(f"\n{name}: {row['requests']} requests, {row['errors']} errors, {row['req/s']} requests/s")
                rows = by_kind(row["timed"], kind_of)
                print_table(rows, COLUMNS)
                if name.startswith("all kinds mixed") and "first render" in name:
                    targets += [{"processes": processes, **r} for r in rows if r["pages"] in ("provision", "search")]
            loops = [clients.apply(loop_pages, (server.base, args.seconds, count)) for count in (1, args.clients)]
            print("\nthe fixed pages of PAGES (one of each kind) in turn (throughput)")
            print_table(loops, ["clients", "requests", "errors", "seconds", "req/s"])
            print(f"\nper page with {args.clients} clients")
            page_of = {url: name for name, url in PAGES.items() if name in SERVER_TIMED}
            print_table([r | {"page": r["pages"]} for r in by_kind(loops[-1]["timed"], page_of)],
                        ["page"] + COLUMNS[1:])
            said = server.close()
            if said.strip():
                print(f"the server said:\n{said}")
    print(f"\ntarget: server time p95 under 20 ms for provision and search pages, first render, {args.clients} "
          f"clients, all kinds mixed (load average now {os.getloadavg()[0]:.1f})")
    print_table(targets, ["processes", "pages", "n", "client_p50", "client_p95", "server_p50", "server_p95", "cpu_p95"])


COLUMNS = ["pages", "n", "client_p50", "client_p95", "server_p50", "server_p95", "cpu_p50", "cpu_p95"]


def by_kind(timed: list[tuple], kind_of: dict[str, str]) -> list[dict]:
    """p50 and p95 (ms) of the client and server times of each kind of page, in KINDS' order."""
    groups = defaultdict(list)
    for url, client, server, cpu in timed:
        if url in kind_of:
            groups[kind_of[url]].append((client, server, cpu))
    rows = []
    for kind in dict.fromkeys([*KINDS, *kind_of.values()]):
        if not groups[kind]:
            continue
        client, server, cpu = zip(*groups[kind])
        row = {"pages": kind, "n": len(client)}
        for name, values in (("client", client), ("server", server), ("cpu", cpu)):
            values = [v for v in values if v is not None]
            if values:
                row[f"{name}_p50"], row[f"{name}_p95"] = percentile(values, 50), percentile(values, 95)
        rows.append(row)
    return rows


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--distinct", type=int, default=200, help="distinct addresses of each kind, one client")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=None, help="threads per server process (default: the server's)")
    parser.add_argument("--processes", type=int, default=cores(), help="server processes of the second load run "
                        "(the first has one; default: one per core)")
    parser.add_argument("--only", choices=("pages", "first", "load"),
                        help="only the one-client figures, only their first renders, or only the load figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "corpus", Path(tmp), progress=lambda m: None)
        started = time.perf_counter()
        app = create_app({"DATA_DIR": tmp})
        print(f"create_app (load the knowledge base, graph and index once): {(time.perf_counter() - started) * 1000:.0f} ms")
        logging.getLogger("waitress").setLevel(logging.ERROR)
        if args.only in (None, "first"):
            first_renders(create_app({"DATA_DIR": tmp}), args)
        if args.only in (None, "pages"):
            reading_view(app, args.repeat)
            with tempfile.TemporaryDirectory() as other:
                build(library_with_regulations(Path(other)), Path(other) / "data", progress=lambda m: None)
                reading_view(create_app({"DATA_DIR": str(Path(other) / "data")}), args.repeat)
            for cached in (False, True):
                app.config["PAGE_CACHE"] = cached
                print(f"\n== one client, {'with' if cached else 'without'} the page cache (pages rendered once per "
                      "knowledge-base version, address and language)")
                per_page(app, args)
        if args.only in (None, "load"):
            under_load(tmp, app.extensions["live"].current.kb, args)


SERVER_TIMED = ("section", "unit", "api provision", "search", "search citation", "api search", "404")
"""Pages whose server time under load the issue's target names (provision and search pages), and the 404."""


if __name__ == "__main__":
    main()
