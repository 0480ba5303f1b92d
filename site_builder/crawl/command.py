"""`python -m site_builder crawl`: the options of the contract (spec, "Crawling portals") and the
run. Domain errors become an exit status here, once: 2 for a command that cannot start (no
sources file, a damaged state, a bad option), 1 when a column could not be read at all, 130
when interrupted (the state keeps what is left), else 0.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

PROJECT_AGENT = "gov-disclosure-report-portal/0.1"
CONTACT_ENV = "CRAWL_CONTACT"
DEFAULT_DELAY = 1.0
DEFAULT_MAX_REQUESTS = 5000
DEFAULT_TIMEOUT = 30.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", type=Path, default=None,
                   help="CSV of the columns to crawl: url, agency, region, more_urls (default <content>/sources.csv)")
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default content)")
    p.add_argument("--mirror", action="append", default=[], metavar="ORIGIN=BASE",
                   help="send requests for ORIGIN… to BASE… (a recorded mirror, tests); repeatable")
    p.add_argument("--delay", type=float, default=DEFAULT_DELAY,
                   help=f"least seconds between two requests to one host (default {DEFAULT_DELAY:g})")
    p.add_argument("--max-requests", type=int, default=DEFAULT_MAX_REQUESTS,
                   help=f"stop after this many requests; the next run goes on (default {DEFAULT_MAX_REQUESTS})")
    p.add_argument("--user-agent", default=None, help="the User-Agent (default: the project's name and --contact)")
    p.add_argument("--contact", default=os.environ.get(CONTACT_ENV),
                   help=f"how a site's operator reaches you, put in the User-Agent (default ${CONTACT_ENV})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for a response")
    p.add_argument("--retries", type=int, default=2, help="tries again after a timeout or a 5xx (never a 4xx)")
    p.add_argument("--revalidate", action="store_true",
                   help="ask again (conditionally) for every known report, to find reports corrected in place")
    p.add_argument("--report", type=Path, default=None, help="also write the crawl report to this file")
    p.add_argument("--quiet", action="store_true", help="no progress display")


def user_agent(args: argparse.Namespace) -> str:
    if args.user_agent:
        return args.user_agent
    contact = args.contact or "contact not set"
    return f"{PROJECT_AGENT} (+open portal of government information disclosure annual reports; {contact})"


def run(args: argparse.Namespace) -> int:
    # Imported here: the other commands need no HTTP client.
    from site_builder.crawl.crawler import Crawl, Options
    from site_builder.crawl.fetch import Fetcher, parse_mirrors
    from site_builder import progress
    from site_builder.crawl.sources import SourcesError, read_sources
    from site_builder.crawl.state import State, StateError

    agent = user_agent(args)
    try:
        if not agent.isascii() or not agent.isprintable():
            raise ValueError("--user-agent: HTTP headers take printable ASCII only")
        if args.delay < 0 or args.max_requests < 0 or args.timeout <= 0 or args.retries < 0:
            raise ValueError("--delay, --max-requests and --retries must be ≥ 0, --timeout > 0")
        mirrors = parse_mirrors(args.mirror)
        sources, problems = read_sources(args.sources or args.content / "sources.csv")
        state = State.load(args.content)
    except (ValueError, SourcesError, StateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not sources and not (state.crawl and state.crawl.get("pending")):
        print(f"error: {args.sources or args.content / 'sources.csv'} has no usable row", file=sys.stderr)
        return 2
    if not args.user_agent and not args.contact:
        print(f"warning: no operator contact: set --contact or ${CONTACT_ENV} so the sites crawled can reach you",
              file=sys.stderr)
    fetcher = Fetcher(agent, delay=args.delay, timeout=args.timeout, retries=args.retries,
                      max_requests=args.max_requests, mirrors=mirrors)
    reporter = progress.for_terminal(sys.stderr, quiet=args.quiet)
    crawl = Crawl(Options(args.content, args.revalidate), sources, fetcher, state, reporter)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a cancelled CI job: save, then stop
    try:
        with progress.use(reporter):
            report = crawl.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
    lines = report.lines(crawl.seconds)
    print("\n".join(lines))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if report.stopped == "运行被中断":
        return 130
    return report.exit_status()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
