"""What a hostile client sends, as raw HTTP requests over a socket: oversize paths, queries, headers
and bodies on every route of the app's url_map, odd digits, deep nesting, wrong methods and bytes
that are not UTF-8.  Used by tests/test_hostile.py (zero 5xx, every answer within a bound) and
benchmarks/hostile.py (the worst time per request, throughput under load)."""
from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import quote

SAMPLE_VALUES = {"node_id": "A-13.1.1/55", "rest": "nothing", "lang": "en", "view": "document", "kind": "cs",
                 "chapter": "A-13.1.1", "name": "basic-income", "filename": "site.css"}
"""A value for each variable of the app's routes, so that every route can be requested."""
ODD_NUMBERS = ["²", "①", "٣", "９", "9" * 5000, "-1", "0", "+5", " 5", "5 ", "1e3", "0x10", "1.5", "", "%00",
               "99999999999999999999"]
NESTED_QUERIES = ["(" * 400 + "a", "(" * 400 + "a" + ")" * 400, "NOT " * 240 + "a", '"' * 999,
                  "((a OR (b AND (c OR NOT (d))))) " * 30, "a~" * 300, "*?" * 400, "in:" * 300,
                  "[[" * 300 + "s. 55" + "]]" * 300]
BAD_BYTES = ["%ff", "%c0%af", "%ed%a0%80", "%00", "%e2%82", "%fe%ff"]
METHODS = ["POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO"]


@dataclass(frozen=True)
class Probe:
    name: str
    request: bytes

    def __str__(self) -> str:
        return f"{self.name} ({self.request[:80]!r}…)"


def request(method: str, target: str, headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    """A raw HTTP/1.1 request with Connection: close."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def paths(rules) -> list[tuple[str, set[str]]]:
    """(a path that reaches the rule, the rule's methods) for each rule of a Flask url_map."""
    out = []
    for rule in rules:
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: SAMPLE_VALUES.get(m[1], "x"), rule.rule)
        out.append((path, set(rule.methods or ())))
    return out


def probes(rules) -> list[Probe]:
    """Every hostile request, for the routes of a url_map."""
    out: list[Probe] = []
    routes = paths(rules)
    for path, methods in routes:
        sep = "&" if "?" in path else "?"
        out += [
            Probe(f"{path}: path of 3,000 characters", request("GET", path + "/" + "x" * 3000)),
            Probe(f"{path}: id of 290 digits", request("GET", path.rstrip("/") + "/" + "5" * 290)),
            Probe(f"{path}: parameter of 25,000 characters", request("GET", f"{path}{sep}q={'a+' * 12_500}")),
            Probe(f"{path}: JSON wanted", request("GET", path, {"Accept": "application/json"})),
            Probe(f"{path}: odd Accept", request("GET", path, {"Accept": "application/json;q=2, */*;q=" + "9" * 500})),
        ]
        out += [Probe(f"{path}: bytes {raw} in the path", request("GET", f"{path.rstrip('/')}/{raw}x"))
                for raw in BAD_BYTES]
        out += [Probe(f"{path}: bytes {raw} in the query", request("GET", f"{path}{sep}q={raw}&id={raw}&status={raw}"))
                for raw in BAD_BYTES]
        out += [Probe(f"{path}: {method}", request(method, path, body=b"q=x")) for method in METHODS
                if method not in methods]
    for path in ("/search", "/api/search", "/govern", "/api/govern"):
        out += [Probe(f"{path}: {name}={value[:12]!r}", request("GET", f"{path}?q=spouse&{name}={quote(value)}"))
                for name in ("page", "limit") for value in ODD_NUMBERS]
    for path in ("/", "/A-13.1.1/55", "/api/search?q=a", "/course"):
        out += [
            Probe(f"{path}: path of 100,000 characters", request("GET", path + "/" + "5" * 100_000)),
            Probe(f"{path}: query string of 140,000 bytes", request("GET", f"{path}&q={'a' * 140_000}")),
            Probe(f"{path}: 200 headers", request("GET", path, {f"X-Flood-{i}": "y" * 100 for i in range(200)})),
            Probe(f"{path}: header of 200,000 bytes", request("GET", path, {"X-Big": "z" * 200_000})),
        ]
    out += [Probe(f"/api/govern: node {node}", request("GET", f"/api/govern?q={quote(node)}"))
            for node in ("A-13.1.1", "A-13.1.1/title:II", "guidance:adel-66-72", "program:basic-income", "2018, c. 11")]
    for query in NESTED_QUERIES:
        for path in ("/search", "/api/search", "/govern", "/api/govern"):
            out.append(Probe(f"{path}: nested query {query[:12]!r}", request("GET", f"{path}?q={quote(query)}")))
    out += [
        Probe("/course: body of 2 MB", request("POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"},
                                               b"notes=" + b"s.+55+" * 350_000)),
        Probe("/course: 1,000 form fields", request("POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"},
                                                    b"&".join(b"f%d=x" % i for i in range(1000)))),
        Probe("/course: notes of 300,000 characters", request(
            "POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"}, b"notes=" + b"a" * 300_000)),
        Probe("/course: notes not UTF-8", request("POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"},
                                                  b"notes=%ff%fe%c0%af")),
        Probe("/course: multipart with a file", request(
            "POST", "/course", {"Content-Type": "multipart/form-data; boundary=b"},
            b"--b\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"a.md\"\r\n\r\n" + b"x" * 5000
            + b"\r\n--b--\r\n")),
        Probe("/course: JSON body", request("POST", "/course", {"Content-Type": "application/json"}, b'{"notes": ' * 5000)),
        Probe("/course: a range to a 5,000-digit section", request(
            "POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"}, b"notes=ss.+1+to+" + b"9" * 5000)),
        Probe("/course: format unknown", request("POST", "/course", {"Content-Type": "application/x-www-form-urlencoded"},
                                                 b"notes=s.+55&format=" + b"x" * 5000)),
        Probe("/api/search: JSON body", request("GET", "/api/search?q=a", {"Content-Type": "application/json"},
                                                b"[" * 100_000)),
        Probe("/api/provisions: 96 KB citation", request("GET", "/api/provisions/" + "s.%2055%20" * 9_000)),
        Probe("/api/provisions: 280-character citation", request("GET", "/api/provisions/" + "s.%2055%20" * 28)),
        Probe("/api/code-links: status of 15,000 characters", request("GET", "/api/code-links?status=" + "x" * 15_000)),
        Probe("/graph: 290-character id", request("GET", "/graph/" + "A-13.1.1/" * 32)),
        Probe("/fr/version/lc/A-13.1.1: odd anchor", request("GET", "/fr/version/lc/A-13.1.1?code=" + "se:" * 5000)),
        Probe("/: absolute URI", request("GET", "http://127.0.0.1/A-13.1.1/55")),
        Probe("/: request line in HTTP/1.0", b"GET / HTTP/1.0\r\n\r\n"),
        Probe("/: bytes not UTF-8 raw in the path", b"GET /\xff\xfe/\xc0\xaf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        Probe("/: Host header of 50,000 bytes", b"GET / HTTP/1.1\r\nHost: " + b"h" * 50_000 + b"\r\nConnection: close\r\n\r\n"),
    ]
    return out


def send(host: str, port: int, raw: bytes, timeout: float = 60.0) -> tuple[int, float]:
    """Send a raw request; (the status of the answer, or 0 when the server closed without one, seconds)."""
    start = time.perf_counter()
    with socket.create_connection((host, port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything
        data = b""
        try:
            while chunk := sock.recv(65_536):
                data += chunk
        except ConnectionResetError:
            pass
    seconds = time.perf_counter() - start
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return (int(match[1]) if match else 0), seconds
