"""Fixtures shared across test modules: the crawl tests' local web (tests/crawl_server.py)."""
from crawl_server import loopback_only, web  # noqa: F401  (fixtures)
