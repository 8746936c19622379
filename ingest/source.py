"""Read a source file as text, refusing binary files and wrong encodings by name."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from alinea.errors import ParseError

MAX_BYTES = 50_000_000
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
"""Control characters other than tab, line feed, form feed and carriage return."""


def read_text(path: str | Path) -> str:
    """The file decoded as UTF-8 (a BOM is dropped); ParseError for anything else."""
    path = Path(path)
    try:
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fh:  # a FIFO must not block
            status = os.fstat(fh.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise not_a_file(path, status.st_mode)
            if status.st_size > MAX_BYTES:
                raise ParseError(str(path), None, f"file is {status.st_size:,} bytes, "
                                 f"more than the {MAX_BYTES:,} allowed")
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ParseError(str(path), None, f"cannot read file: {exc.strerror or exc}") from None
    return decode(data, str(path))


def not_a_file(path: str | Path, mode: int) -> ParseError:
    """The error for a path that is not a regular file (reading a FIFO would block)."""
    what = "a folder" if stat.S_ISDIR(mode) else "a FIFO or a device"
    return ParseError(str(path), None, f"not a regular file ({what})", expected="a text or HTML file")


def read_head(path: str | Path, size: int) -> str:
    """The first `size` bytes of the file decoded as UTF-8 (a character cut at the end is
    dropped); ParseError as for `read_text`.  For looking at a file without reading it all."""
    path = Path(path)
    try:
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:  # a FIFO must not block
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise not_a_file(path, mode)
            data = handle.read(size)
    except OSError as exc:
        raise ParseError(str(path), None, f"cannot read file: {exc.strerror or exc}") from None
    if data and len(data) == size:  # drop a character the cut left incomplete
        start = len(data) - 1
        while start > 0 and len(data) - start < 4 and data[start] & 0xC0 == 0x80:  # continuation bytes
            start -= 1
        lead = data[start]
        if start + (1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4) > len(data):
            data = data[:start]
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    """Decode bytes read from `name`; the error names the line of the first bad byte."""
    if len(data) > MAX_BYTES:
        raise ParseError(name, None, f"file is {len(data):,} bytes, more than the {MAX_BYTES:,} allowed")
    if b"\x00" in data[:8192] or data[:4] in (b"%PDF", b"PK\x03\x04") or data[:2] == b"\x1f\x8b":
        raise ParseError(name, None, "binary file, not text", expected="UTF-8 text or HTML")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParseError(
            name, line,
            f"not UTF-8: byte 0x{data[exc.start]:02x} at column {col} "
            "(Latin-1 or Windows-1252?); save the file as UTF-8",
        ) from None
    controls = len(CONTROLS.findall(text, 0, 8192))
    if controls > 8:
        raise ParseError(name, None, f"binary file: {controls} control characters in the first 8 KB")
    return text


def split_lines(text: str) -> list[str]:
    """Lines without their end-of-line characters (\\n or \\r\\n)."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


HTML_LIMITS = {
    "Excessive depth": "elements nested more than 255 deep: the HTML reader stops there and would drop "
                       "the rest of the page",
    "Buffer size limit": "a text, comment or attribute longer than 10,000,000 bytes in one piece: the HTML "
                         "reader would drop the page",
}
"""libxml2's bounds (without XML_PARSE_HUGE, which would lift them), by the words of its error."""


def html_tree(text: str, path: str, expected: str):
    """The page's lxml tree; ParseError naming the file and line when the HTML reader cannot read it
    whole: past its bounds (HTML_LIMITS) libxml2 stops, drops what follows and says so only in its
    error log, so the page would lose text without a word."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        _refuse_fatal(parser, path)
        raise ParseError(path, None, f"not an HTML page: {exc}", expected=expected) from None
    _refuse_fatal(parser, path)
    return root


def _refuse_fatal(parser, path: str) -> None:
    """ParseError for the parser's first fatal error, if it had one."""
    error = next((e for e in parser.error_log if e.level_name == "FATAL"), None)
    if error is not None:
        message = next((words for key, words in HTML_LIMITS.items() if key in error.message),
                       f"the HTML reader stopped: {error.message.strip()}")
        raise ParseError(path, error.line or None, message)
