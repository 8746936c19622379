"""The site under a hostile client (waitress on loopback, the requests of tests/hostile.py): the
worst time of any one request, the slowest requests, and requests/s and p95 with 1, 8 and 64
concurrent clients.  Every loop stops by itself (a time budget and a request count per level)."""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.build import build  # noqa: E402
from benchmarks.timing import percentile, print_table  # noqa: E402
from tests.hostile import probes, send  # noqa: E402
from web import create_app  # noqa: E402
from web.limits import waitress_options  # noqa: E402

HOST = "127.0.0.1"


def worst_case(port: int, catalogue) -> list[dict]:
    """Each request once, one at a time: its status and time, slowest first."""
    rows = []
    for probe in catalogue:
        status, seconds = send(HOST, port, probe.request, timeout=120)
        rows.append({"request": probe.name[:70], "status": status, "ms": round(seconds * 1000, 1)})
    return sorted(rows, key=lambda row: -row["ms"])


def under_load(port: int, catalogue, clients: int, seconds: float, most: int) -> dict:
    """`clients` threads sending the catalogue round robin until `seconds` pass or `most` requests are sent."""
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    times: list[float] = []
    statuses: dict[int, int] = {}

    def client(offset: int) -> None:
        i = offset
        while time.perf_counter() < stop:
            with lock:
                if len(times) >= most:
                    return
            status, took = send(HOST, port, catalogue[i % len(catalogue)].request, timeout=120)
            with lock:
                times.append(took)
                statuses[status] = statuses.get(status, 0) + 1
            i += clients

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - start
    errors = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    return {"clients": clients, "requests": len(times), "5xx or no answer": errors, "seconds": round(elapsed, 1),
            "req/s": round(len(times) / elapsed, 1), "p50_ms": round(percentile(times, 50) * 1000, 1),
            "p95_ms": round(percentile(times, 95) * 1000, 1), "max_ms": round(max(times) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10, help="time budget per concurrency level")
    parser.add_argument("--most", type=int, default=5000, help="requests at most per concurrency level")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    logging.getLogger("waitress").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "corpus", Path(tmp), progress=lambda m: None)
        from waitress import create_server

        app = create_app({"DATA_DIR": tmp})
        server = create_server(app, host=HOST, port=0, threads=args.threads, ident="bench", **waitress_options())
        threading.Thread(target=server.run, daemon=True).start()
        catalogue = probes(app.url_map.iter_rules())
        rows = worst_case(server.effective_port, catalogue)
        bad = [row for row in rows if row["status"] >= 500 or row["status"] == 0]
        print(f"{len(rows)} hostile requests, one at a time: worst {rows[0]['ms']:.0f} ms, "
              f"median {sorted(r['ms'] for r in rows)[len(rows) // 2]:.0f} ms, {len(bad)} answered 5xx or not at all")
        print_table(rows[:8], ["request", "status", "ms"])
        print()
        print(f"waitress, {args.threads} threads; clients loop over the hostile requests "
              f"(at most {args.seconds:g} s or {args.most} requests per level)")
        load = [under_load(server.effective_port, catalogue, clients, args.seconds, args.most) for clients in (1, 8, 64)]
        print_table(load, ["clients", "requests", "5xx or no answer", "seconds", "req/s", "p50_ms", "p95_ms", "max_ms"])
        server.close()


if __name__ == "__main__":
    main()
