"""The server time of each answer, in its `Server-Timing` header (`alinea serve`): `app`, the wall
time from the request reaching the application to its last byte handed to the server, and `cpu`,
the CPU time of the request's own thread over that span (the wall time also holds the waits for the
interpreter lock while the process's other threads run).  Read by benchmarks/web.py; a browser's
developer tools show it too."""
from __future__ import annotations

import time


class ServerTiming:
    """WSGI middleware: the answer's body gathered (the site's pages are not streamed), then its
    status and headers sent with `Server-Timing: app;dur=MS, cpu;dur=MS`."""

    def __init__(self, app) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        start, cpu = time.perf_counter(), time.thread_time()
        said: list = []
        response = self.app(environ, lambda status, headers, exc_info=None: said.append((status, headers, exc_info)))
        try:
            body = b"".join(response)
        finally:
            getattr(response, "close", lambda: None)()
        status, headers, exc_info = said[-1]
        timing = (f"app;dur={(time.perf_counter() - start) * 1000:.2f}, "
                  f"cpu;dur={(time.thread_time() - cpu) * 1000:.2f}")
        start_response(status, [*headers, ("Server-Timing", timing)], exc_info)
        return [body]
