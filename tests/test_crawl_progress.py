"""Progress: a live line on a terminal, a plain line every few seconds elsewhere, nothing when quiet."""
from __future__ import annotations

import io

from site_builder.crawl import progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_every_few_seconds_with_rate_and_time_left():
    clock = Clock()
    out = io.StringIO()
    with progress.Progress(stream=out, clock=clock).task("爬取", 10) as task:
        for _ in range(4):
            clock.now += 2.0
            task.advance()
    lines = out.getvalue().splitlines()
    assert lines[0] == "爬取 3/10 · 0.50/秒，约剩 14 秒"  # after 6 s: one line, not one per item
    assert lines[-1].startswith("爬取 4/10") and len(lines) == 2


def test_quiet_prints_nothing():
    out = io.StringIO()
    p = progress.Progress(quiet=True, stream=out)
    with p.task("爬取", 3) as task:
        task.advance(3)
    assert out.getvalue() == ""
