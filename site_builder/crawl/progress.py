"""Progress of a long run through one small interface: `with progress.task(label, total) as t:
t.advance(n)` (the total may grow as work is found: `t.total = …`).

On a terminal a live line (counts, rate, time left); elsewhere (CI) a plain line every few
seconds; nothing with `quiet`. Stages never print: they advance a task. A project-wide
progress display can replace this module without touching the crawl.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

PLAIN_EVERY = 5.0  # seconds between two plain lines
LIVE_EVERY = 0.2


class Task:
    def __init__(self, label: str, total: int, stream: TextIO | None, live: bool, clock=time.monotonic):
        self.label, self.total, self.done = label, total, 0
        self.stream, self.live, self.clock = stream, live, clock
        self.started = self.last = clock()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if self.stream is not None and now - self.last >= (LIVE_EVERY if self.live else PLAIN_EVERY):
            self.last = now
            self._show(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = max(self.total - self.done, 0)
        eta = f"，约剩 {_duration(left / rate)}" if rate > 0 and left else ""
        return f"{self.label} {self.done}/{self.total} · {rate:.2f}/秒{eta}"

    def _show(self, now: float) -> None:
        if self.live:
            self.stream.write("\r\x1b[2K" + self.line(now))
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self._show(self.clock())
            if self.live:
                self.stream.write("\n")
            self.stream.flush()


class Progress:
    def __init__(self, quiet: bool = False, stream: TextIO | None = None, clock=time.monotonic):
        self.clock = clock
        self.stream = None if quiet else (stream or sys.stderr)
        self.live = bool(self.stream is not None and getattr(self.stream, "isatty", lambda: False)())

    @contextmanager
    def task(self, label: str, total: int = 0) -> Iterator[Task]:
        task = Task(label, total, self.stream, self.live, self.clock)
        try:
            yield task
        finally:
            task.close()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} 小时 {seconds % 3600 // 60} 分"
    if seconds >= 60:
        return f"{seconds // 60} 分 {seconds % 60} 秒"
    return f"{seconds} 秒"
