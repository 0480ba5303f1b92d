"""Fetching, politely: robots.txt, one request at a time per host with a delay, retries.

httpx does the HTTP (connection reuse, timeouts, IDNA and percent-encoding of Chinese URLs);
Protego (Scrapy's robots.txt parser) reads robots.txt, Crawl-delay included. What is left
here is the crawl's own policy, which neither library has: the least time between two
requests to one host (counted from the end of the last response), retries with backoff on
timeouts, connection errors and 5xx (never on 4xx), redirects followed by hand (each hop is
checked against robots.txt and, in a mirror, kept on the mirror), a size cap, and a cap on
the requests of a run. `--mirror ORIGIN=BASE` sends a request for ORIGIN… to BASE…; every URL
the rest of the crawl sees is the original one.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from protego import Protego

from site_builder.crawl.links import canonical

MAX_BYTES = 64 * 1024 * 1024  # a report attachment larger than this is not a report
MAX_REDIRECTS = 5
RETRY_AFTER_CAP = 60.0


class CapReached(Exception):
    """The run's request cap is spent: the task stays pending for the next run."""


@dataclass
class Response:
    url: str  # the URL asked for (original, not mirrored)
    final_url: str  # after redirects (original)
    status: int | None  # None when no response came (error says why)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    content: bytes = b""
    error: str | None = None
    disallowed: bool = False  # robots.txt forbids it: not fetched

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def validators(self) -> dict[str, str]:
        return {k: self.headers[h] for k, h in (("etag", "etag"), ("last_modified", "last-modified"))
                if self.headers.get(h)}


def parse_mirrors(values: list[str]) -> list[tuple[str, str]]:
    """`ORIGIN=BASE` pairs, each without a trailing slash. Raises ValueError on a malformed one."""
    pairs = []
    for value in values:
        origin, sep, base = value.partition("=")
        if not sep or not origin.strip() or not base.strip():
            raise ValueError(f"--mirror {value!r}: write ORIGIN=BASE, e.g. https://www.example.gov.cn=http://127.0.0.1:8000")
        pairs.append((origin.strip().rstrip("/"), base.strip().rstrip("/")))
    return pairs


def _rebase(url: str, pairs: list[tuple[str, str]]) -> str:
    for src, dst in pairs:
        if url == src or url.startswith(src) and url[len(src)] in "/?":
            return dst + url[len(src):]
    return url


class Fetcher:
    def __init__(self, user_agent: str, *, delay: float = 1.0, timeout: float = 30.0, retries: int = 2,
                 max_requests: int = 5000, mirrors: list[tuple[str, str]] = (), clock=time.monotonic,
                 sleep=time.sleep, transport: httpx.BaseTransport | None = None):
        self.user_agent = user_agent
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.max_requests = max_requests
        self.mirrors = list(mirrors)
        self.requests = 0
        self.clock, self.sleep = clock, sleep
        self._ready: dict[str, float] = {}  # host -> earliest time of its next request
        self._host_delay: dict[str, float] = {}  # a robots Crawl-delay, or a slowed host (429)
        self._robots: dict[str, Protego | None] = {}  # origin -> rules (None: everything allowed)
        # Environment proxies are for the real web: never for a mirror on this machine.
        self.client = httpx.Client(headers={"User-Agent": user_agent, "Accept-Language": "zh-CN,zh;q=0.9"},
                                   timeout=timeout, follow_redirects=False, transport=transport,
                                   trust_env=not self.mirrors)

    def close(self) -> None:
        self.client.close()

    # ---- politeness -----------------------------------------------------------------------

    def wait_for(self, url: str) -> float:
        """Seconds until a request to this URL's host is allowed."""
        return max(0.0, self._ready.get(_host(url), 0.0) - self.clock())

    def _pace(self, host: str) -> None:
        wait = self._ready.get(host, 0.0) - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _done(self, host: str) -> None:
        self._ready[host] = self.clock() + max(self.delay, self._host_delay.get(host, 0.0))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's origin lets this crawler fetch it (fetched once a run)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> Protego | None:
        resp = self._get(origin + "/robots.txt", {}, check_robots=False)
        if resp.status is not None and 400 <= resp.status < 500:
            return None  # no robots.txt: everything is allowed
        if not resp.ok:  # unreachable or a server error: assume the site wants no crawling now
            return Protego.parse("User-agent: *\nDisallow: /\n")
        rules = Protego.parse(resp.content.decode("utf-8", "replace"))
        crawl_delay = rules.crawl_delay(self.user_agent)
        if crawl_delay:
            host = _host(origin)
            self._host_delay[host] = max(self._host_delay.get(host, 0.0), float(crawl_delay))
        return rules

    # ---- requests ---------------------------------------------------------------------------

    def get(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """GET with robots.txt, the host's delay, retries and redirects. Raises CapReached."""
        return self._get(url, validators or {}, check_robots=True)

    def _get(self, url: str, validators: dict[str, str], check_robots: bool) -> Response:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if check_robots and not self.allowed(current):
                return Response(url, current, None, error="robots.txt disallows it", disallowed=True)
            resp = self._attempts(current, validators)
            if resp.status not in (301, 302, 303, 307, 308):
                resp.url = url
                return resp
            location = resp.headers.get("location")
            if not location:
                return Response(url, current, resp.status, resp.headers, error=f"HTTP {resp.status} without Location")
            try:  # a Location on the mirror's address is the original site's address
                current = canonical(str(httpx.URL(current).join(self._unmirror(location))))
            except ValueError:
                return Response(url, current, resp.status, resp.headers, error=f"redirect to a bad URL {location!r}")
            validators = {}
        return Response(url, current, None, error=f"more than {MAX_REDIRECTS} redirects")

    def _attempts(self, url: str, validators: dict[str, str]) -> Response:
        host = _host(url)
        headers = {}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        for attempt in range(self.retries + 1):
            if self.requests >= self.max_requests:
                raise CapReached()
            self._pace(host)
            self.requests += 1
            resp, retry_after = self._once(url, headers)
            self._done(host)
            if resp.status == 429:  # asked to slow down: slower for the rest of the run, no retry
                self._host_delay[host] = max(self._host_delay.get(host, 0.0), 2 * self.delay, retry_after or 0)
            retry = resp.status is None or resp.status >= 500
            if not retry or attempt == self.retries:
                if resp.status is not None and resp.status >= 400:
                    resp.error = f"HTTP {resp.status}" + (f" after {attempt + 1} tries" if attempt else "")
                elif resp.error and attempt:
                    resp.error += f" ({attempt + 1} tries)"
                return resp
            backoff = max(self.delay, 0.05) * 2 ** (attempt + 1)
            self.sleep(min(max(backoff, retry_after or 0), RETRY_AFTER_CAP))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[Response, float | None]:
        wire = _rebase(url, self.mirrors)
        started = self.clock()
        try:
            with self.client.stream("GET", wire, headers=headers) as r:
                body = bytearray()
                if r.status_code == 200:
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > MAX_BYTES:
                            return Response(url, url, None, error=f"larger than {MAX_BYTES // 2**20} MB"), None
                        if self.clock() - started > 4 * self.timeout:  # a trickle that never ends
                            return Response(url, url, None, error="timed out (body too slow)"), None
                headers_out = {k.lower(): v for k, v in r.headers.items()}
                return Response(url, url, r.status_code, headers_out, bytes(body)), _retry_after(headers_out)
        except httpx.TimeoutException:
            return Response(url, url, None, error=f"timed out after {self.timeout:g} s"), None
        except httpx.HTTPError as exc:
            return Response(url, url, None, error=f"{type(exc).__name__}: {exc}"[:200]), None

    def _unmirror(self, location: str) -> str:
        return _rebase(location, [(dst, src) for src, dst in self.mirrors])


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None
