"""Whether the site's pages are byte-for-byte what they were: a fixed sample of addresses (every
page kind of benchmarks.web, provisions and units picked by a fixed rule, the search benchmark's
queries, missing ids), each in French and in English, rendered without the page cache.

    python -m benchmarks.web_pages_same save /tmp/before    # on the old code
    python -m benchmarks.web_pages_same check /tmp/before   # on the new: lists the pages that differ
    python -m benchmarks.web_pages_same                     # pages from the page cache = rendered afresh

Used before and after a change that must not change what the site prints (a speed-up)."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.atomic import write_json  # noqa: E402
from alinea.build import build  # noqa: E402
from benchmarks.web import PAGES, distinct_pages  # noqa: E402
from web import create_app  # noqa: E402

EXTRA = ["/documents", "/acts", "/course", "/code", "/govern?q=avoirs+liquides", "/graph/A-13.1.1/55",
         "/program:basic-income", "/term:spouses", "/A-2.1/57", "/nothing/here", "/read/A-13.1.1?goto=s.+9999",
         "/search?q=income&page=2", "/search?q=assistanse", '/search?q="unclosed+AND', "/search?q=income&doc=A-13.1.1"]


def addresses(app) -> list[str]:
    provisions, searches, missing = distinct_pages(app.extensions["live"].current.kb)
    return list(PAGES.values()) + EXTRA + provisions[::4] + searches[::3] + missing[::10]


def pages(data_dir: str, cached: bool = False) -> dict[str, str]:
    """sha256 of each page's status and body, by language and address; `cached`: each address asked
    twice, the second answer (from the page cache) kept."""
    app = create_app({"DATA_DIR": data_dir, "PAGE_CACHE": cached})
    client = app.test_client()
    out = {}
    for url in addresses(app):
        for lang in ("fr", "en"):
            address = url + ("&" if "?" in url else "?") + urlencode({"lang": lang})
            response = client.get(address)
            if cached:
                response = client.get(address)
            out[f"{lang} {url}"] = hashlib.sha256(b"%d " % response.status_code + response.data).hexdigest()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "check"), nargs="?")
    parser.add_argument("folder", type=Path, nargs="?")
    args = parser.parse_args()
    if args.action and not args.folder:
        parser.error("save and check need a folder")
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "corpus", Path(tmp), progress=lambda m: None)
        found = pages(tmp)
        before = None if args.action else pages(tmp, cached=True)
    if before is not None:
        compare(before, found, "pages from the page cache compared with the same rendered afresh")
    saved = args.folder / "pages.json"
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        write_json(saved, found, indent=0)
        print(f"{len(found)} pages saved in {saved}")
        return
    compare(json.loads(saved.read_text(encoding="utf-8")), found, "pages compared with the saved ones")


def compare(before: dict[str, str], found: dict[str, str], what: str) -> None:
    """Prints how many pages differ and which; exits 1 when any does."""
    changed = sorted(k for k in before if found.get(k) != before[k])
    print(f"{len(before)} {what}, {len(changed)} differ")
    for key in changed:
        print("  differs:", key)
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
