"""Politeness and the messy web, against a server on 127.0.0.1: robots.txt, the delay per host,
retries on 5xx and timeouts (none on 4xx), redirects kept on the mirror, conditional requests,
the request cap, the User-Agent."""
from __future__ import annotations

from itertools import pairwise

import pytest
from crawl_server import Route

from site_builder.crawl.fetch import CapReached, Fetcher, parse_mirrors

pytestmark = pytest.mark.usefixtures("loopback_only")  # nothing leaves 127.0.0.1

ORIGIN = "https://www.faults.gov.cn"
AGENT = "test-crawler/1.0 (+tests; ops@example.org)"


def _fetcher(web, **kw) -> Fetcher:
    kw.setdefault("delay", 0.0)
    return Fetcher(AGENT, mirrors=[(ORIGIN, web.base("faults")), ("http://www.faults.gov.cn", web.base("plain"))], **kw)


def _site(web, routes: dict[str, Route], robots: str | None = None) -> None:
    if robots is not None:
        routes["/robots.txt"] = Route(robots.encode(), content_type="text/plain")
    web.routes["faults"] = routes
    web.routes["plain"] = {}


def test_robots_txt_is_obeyed_and_read_once(web):
    _site(web, {"/open.htm": Route(b"<html>open</html>"), "/private/x.htm": Route(b"secret")},
          robots="User-agent: *\nDisallow: /private/\n")
    f = _fetcher(web)
    assert f.get(ORIGIN + "/open.htm").ok
    blocked = f.get(ORIGIN + "/private/x.htm")
    assert blocked.disallowed and blocked.status is None and "robots.txt" in blocked.error
    assert f.get(ORIGIN + "/open.htm").ok
    assert web.paths("faults") == ["/robots.txt", "/open.htm", "/open.htm"]
    assert all(h.headers["user-agent"] == AGENT for h in web.hits("faults"))


def test_server_error_is_retried_a_client_error_is_not(web):
    _site(web, {"/flaky.htm": Route(b"<html>ok</html>", fail_first=1), "/gone.htm": Route(b"", status=404)})
    f = _fetcher(web)
    flaky = f.get(ORIGIN + "/flaky.htm")
    assert flaky.ok and flaky.content == b"<html>ok</html>"
    gone = f.get(ORIGIN + "/gone.htm")
    assert gone.status == 404 and gone.error == "HTTP 404"
    assert web.paths("faults") == ["/robots.txt", "/flaky.htm", "/flaky.htm", "/gone.htm"]
    assert f.requests == 4


def test_a_response_slower_than_the_timeout_fails_after_the_retries(web):
    _site(web, {"/slow.htm": Route(b"late", delay=1.5)})
    f = _fetcher(web, timeout=0.3, retries=1)
    slow = f.get(ORIGIN + "/slow.htm")
    assert slow.status is None and slow.error.startswith("timed out") and "2 tries" in slow.error
    assert web.paths("faults").count("/slow.htm") == 2


def test_redirect_http_to_https_stays_on_the_mirror_and_keeps_the_original_urls(web):
    _site(web, {"/nb/t1.htm": Route(b"<html>report</html>")})
    web.routes["plain"] = {"/nb/t1.htm": Route(location=ORIGIN + "/nb/t1.htm"),
                           "/robots.txt": Route(b"", status=404)}
    f = _fetcher(web)
    got = f.get("http://www.faults.gov.cn/nb/t1.htm")
    assert got.ok and got.url == "http://www.faults.gov.cn/nb/t1.htm" and got.final_url == ORIGIN + "/nb/t1.htm"
    assert web.paths("plain") == ["/robots.txt", "/nb/t1.htm"] and web.paths("faults")[-1] == "/nb/t1.htm"


def test_the_delay_separates_every_two_requests_to_a_host(web):
    _site(web, {f"/p{n}.htm": Route(b"x", fail_first=1 if n == 2 else 0) for n in range(5)})
    f = _fetcher(web, delay=0.15)
    for n in range(5):
        f.get(ORIGIN + f"/p{n}.htm")
    times = [h.at for h in web.hits("faults")]
    assert len(times) == 7  # robots, five pages, one retry
    assert min(b - a for a, b in pairwise(times)) >= 0.15


def test_conditional_requests_and_the_cap(web):
    _site(web, {"/list.htm": Route(b"<html>list</html>", etag='"v1"')})
    f = _fetcher(web, max_requests=3)
    first = f.get(ORIGIN + "/list.htm")
    assert first.validators() == {"etag": '"v1"'}
    again = f.get(ORIGIN + "/list.htm", first.validators())
    assert again.not_modified and web.hits("faults")[-1].headers["if-none-match"] == '"v1"'
    with pytest.raises(CapReached):
        f.get(ORIGIN + "/list.htm")
    assert f.requests == 3


def test_mirror_option_is_checked():
    assert parse_mirrors(["https://a.gov.cn/=http://127.0.0.1:1/x/"]) == [("https://a.gov.cn", "http://127.0.0.1:1/x")]
    with pytest.raises(ValueError):
        parse_mirrors(["https://a.gov.cn"])


def test_tests_never_leave_this_machine():
    with pytest.raises(AssertionError, match="tried to"):
        Fetcher(AGENT, retries=0).get("https://www.faults.gov.cn/x.htm")
