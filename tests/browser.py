"""A real WSGI server (waitress) and a real headless browser (Debian's chromium via Playwright)."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """The system Chromium; the browser tests fail (not skip) without it unless told to skip."""
    path = os.environ.get("ALINEA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("ALINEA_SKIP_BROWSER") == "1":
        pytest.skip("ALINEA_SKIP_BROWSER=1 and no chromium on PATH")
    pytest.fail("browser tests need Debian's chromium (apt-get install chromium), "
                "or ALINEA_SKIP_BROWSER=1 to skip them")


class LiveServer:
    """The site served by waitress on a free loopback port, in a background thread."""

    def __init__(self, data_dir: Path) -> None:
        from waitress import create_server

        from web import create_app
        from web.limits import waitress_options

        self.app = create_app({"DATA_DIR": str(data_dir)})
        self.server = create_server(self.app, host="127.0.0.1", port=0,
                                    threads=4, ident="alinea-test", **waitress_options())
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Closes the sockets in the server's own loop thread (closed from here, they race that
        loop's select() and it dies with EBADF), waits for the loop to end, then stops the workers."""
        from waitress import wasyncore

        self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        self.thread.join(timeout=10)
        self.server.task_dispatcher.shutdown()
