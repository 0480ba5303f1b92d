"""A local web for the crawl tests: one HTTP server on 127.0.0.1 in a thread of the test process.

Sites are path prefixes of the one server (`--mirror https://www.pingtan.gov.cn=http://127.0.0.1:P/pingtan`):
- a folder site serves files as a portal does (a URL ending in / is its index.html; Last-Modified,
  and 304 for an If-Modified-Since that is not older; text/html without a charset);
- a routes site serves what the test says per path: a body, a status, a delay, a failure on the
  first tries, a redirect, an ETag.
Every request is logged (time, path, headers). `loopback_only` makes any connection to another
address fail the test: the crawl tests never leave this machine.
"""
from __future__ import annotations

import email.utils
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
PORTAL = REPO.parent / "shared" / "corpus" / "portal"
PINGTAN = "https://www.pingtan.gov.cn"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html"
    delay: float = 0.0  # seconds before the response
    fail_first: int = 0  # answer 500 to the first N requests
    location: str | None = None  # a redirect's target (status 301 by default then)
    etag: str | None = None
    hits: int = 0


@dataclass
class Hit:
    at: float
    path: str  # as requested, decoded
    headers: dict[str, str]


@dataclass
class Web:
    port: int = 0
    folders: dict[str, Path] = field(default_factory=dict)  # prefix -> folder
    routes: dict[str, dict[str, Route]] = field(default_factory=dict)  # prefix -> path -> route
    log: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def base(self, prefix: str) -> str:
        return f"http://127.0.0.1:{self.port}/{prefix}"

    def hits(self, prefix: str) -> list[Hit]:
        """Requests to one site, paths without its prefix."""
        head = f"/{prefix}"
        return [Hit(h.at, h.path[len(head):], h.headers) for h in self.log if h.path.startswith(head + "/")]

    def paths(self, prefix: str) -> list[str]:
        return [h.path for h in self.hits(prefix)]


class _Handler(BaseHTTPRequestHandler):
    web: Web

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        web = self.web
        path = unquote(urlsplit(self.path).path)
        with web.lock:
            web.log.append(Hit(time.monotonic(), path, {k.lower(): v for k, v in self.headers.items()}))
        prefix, _, rest = path.lstrip("/").partition("/")
        rest = "/" + rest
        if prefix in web.routes:
            return self._route(web.routes[prefix].get(rest))
        if prefix in web.folders:
            return self._file(web.folders[prefix], rest)
        self._send(404, b"no such site")

    def _route(self, route: Route | None) -> None:
        if route is None:
            return self._send(404, b"not found")
        route.hits += 1
        if route.delay:
            time.sleep(route.delay)
        if route.hits <= route.fail_first:
            return self._send(500, b"server error")
        if route.location:
            return self._send(route.status if route.status != 200 else 301, b"", {"Location": route.location})
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return self._send(304, b"", {"ETag": route.etag})
        headers = {"Content-Type": route.content_type} if route.content_type else {}
        if route.etag:
            headers["ETag"] = route.etag
        self._send(route.status, route.body, headers)

    def _file(self, root: Path, rest: str) -> None:
        target = (root / rest.lstrip("/")).resolve()
        if rest.endswith("/"):
            target = target / "index.html"
        if not target.is_relative_to(root.resolve()) or not target.is_file():
            return self._send(404, b"not found")
        modified = int(target.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= modified:
                    return self._send(304, b"")
            except (TypeError, ValueError):
                pass
        self._send(200, target.read_bytes(), {"Content-Type": "text/html",
                                              "Last-Modified": email.utils.formatdate(modified, usegmt=True)})

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the crawler gave up waiting (a timeout test)
            pass


@pytest.fixture
def web():
    """A fresh local web: the recorded portal at /pingtan, nothing else until a test adds it."""
    state = Web(folders={"pingtan": PORTAL / "www.pingtan.gov.cn"})
    handler = type("Handler", (_Handler,), {"web": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_only(monkeypatch):
    """Any connection or name lookup that is not 127.0.0.1 fails the test."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost") and self.family != socket.AF_UNIX:
            raise AssertionError(f"a crawl test tried to reach {address!r}")
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", None):
            raise AssertionError(f"a crawl test tried to look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
