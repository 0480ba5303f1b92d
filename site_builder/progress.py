"""Progress of long work: one small interface that stages report through, three ways to show it.

A stage says what it is doing and how far it has got (`with progress.stage("parse", total) as s:
s.advance()`) and never prints. The CLI chooses how that is shown:

- on a terminal, a live bar per stage (done / total, rate, time left), drawn by `rich`;
- anywhere else (CI, a log file), a plain line every few seconds and one when a stage ends, so
  a log shows the build moving without a screenful of escape codes;
- with `--quiet`, nothing.

All three keep each stage's time, so the build ends with what each stage cost (`summary`) and
`--stats` can write it for the benchmark. The build's stages run one after another in one
process; MkDocs' hooks reach the build's reporter through `current()`.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Callable, Iterator

LINE_INTERVAL = 5.0  # seconds between two plain progress lines of one stage


@dataclass
class StageRecord:
    name: str
    label: str
    total: int | None
    done: int = 0
    seconds: float = 0.0
    note: str = ""


class Stage:
    """A running stage: count what is done; the reporter decides when and how to show it."""

    def __init__(self, reporter: "Reporter", record: StageRecord, clock: Callable[[], float]):
        self._reporter = reporter
        self.record = record
        self._clock = clock
        self.started = clock()

    def advance(self, n: int = 1) -> None:
        self.record.done += n
        self._reporter.update(self)

    def set_total(self, total: int | None) -> None:
        self.record.total = total
        self._reporter.update(self)

    def note(self, text: str) -> None:
        """A short status shown beside the count (e.g. "3 scans read by OCR")."""
        self.record.note = text

    def elapsed(self) -> float:
        return self._clock() - self.started

    def rate(self) -> float | None:
        elapsed = self.elapsed()
        return self.record.done / elapsed if elapsed > 0 and self.record.done else None

    def remaining(self) -> float | None:
        rate, total = self.rate(), self.record.total
        if not rate or total is None:
            return None
        return max(0.0, (total - self.record.done) / rate)


class Reporter:
    """Keeps the stages' records; shows nothing (the `--quiet` reporter and the base of the others)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.records: list[StageRecord] = []
        self.started = clock()

    @contextmanager
    def stage(self, name: str, total: int | None = None, label: str | None = None) -> Iterator[Stage]:
        stage = self.start(name, total, label)
        try:
            yield stage
        finally:
            self.finish(stage)

    def start(self, name: str, total: int | None = None, label: str | None = None) -> Stage:
        """A stage that spans calls (MkDocs' page rendering, between two hooks); end it with finish()."""
        record = StageRecord(name, label or name, total)
        self.records.append(record)
        stage = Stage(self, record, self.clock)
        self.begin(stage)
        return stage

    def finish(self, stage: Stage) -> None:
        stage.record.seconds = stage.elapsed()
        self.end(stage)

    def begin(self, stage: Stage) -> None:
        pass

    def update(self, stage: Stage) -> None:
        pass

    def end(self, stage: Stage) -> None:
        pass

    def close(self) -> None:
        pass

    def timings(self) -> dict[str, float]:
        """Seconds per stage name (a stage run twice counts twice), in the order the stages ran."""
        out: dict[str, float] = {}
        for r in self.records:
            out[r.name] = out.get(r.name, 0.0) + r.seconds
        return out

    def summary(self) -> str:
        total = self.clock() - self.started
        parts = [f"{name} {duration(s)}" for name, s in self.timings().items()]
        return "用时：" + " · ".join(parts + [f"合计 {duration(total)}"])


class LineReporter(Reporter):
    """Plain lines for logs: a line when a stage starts, every LINE_INTERVAL seconds, and at its end."""

    def __init__(self, stream: IO[str], interval: float = LINE_INTERVAL, clock: Callable[[], float] = time.monotonic):
        super().__init__(clock)
        self.stream = stream
        self.interval = interval
        self._last: dict[int, float] = {}

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, stage: Stage) -> None:
        self._last[id(stage)] = self.clock()
        total = stage.record.total
        self._print(f"[{stage.record.label}] 开始" + (f"：共 {total:,}" if total else ""))

    def update(self, stage: Stage) -> None:
        now = self.clock()
        if now - self._last.get(id(stage), 0.0) < self.interval:
            return
        self._last[id(stage)] = now
        self._print(f"[{stage.record.label}] {status_line(stage)}")

    def end(self, stage: Stage) -> None:
        r = stage.record
        rate = stage.rate()
        count = f"{r.done:,} 项，" if r.done else ""
        speed = f"，{rate:,.1f}/秒" if rate and r.done > 1 else ""
        note = f"（{r.note}）" if r.note else ""
        self._print(f"[{r.label}] 完成：{count}{duration(r.seconds)}{speed}{note}")


class RichReporter(Reporter):
    """A live bar per stage on a terminal (rich draws and clears it; the finished line stays)."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic):
        super().__init__(clock)
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.console = Console(file=stream)
        self.bars = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                             TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.fields[note]}"),
                             console=self.console, transient=False)
        self.bars.start()
        self._tasks: dict[int, object] = {}

    def begin(self, stage: Stage) -> None:
        self._tasks[id(stage)] = self.bars.add_task(stage.record.label, total=stage.record.total, rate="", note="")

    def update(self, stage: Stage) -> None:
        rate = stage.rate()
        self.bars.update(self._tasks[id(stage)], completed=stage.record.done, total=stage.record.total,
                         rate=f"{rate:,.1f}/秒" if rate else "", note=stage.record.note)

    def end(self, stage: Stage) -> None:
        task = self._tasks.pop(id(stage))
        r = stage.record
        self.bars.update(task, completed=r.done if r.total is None else r.total, total=r.total or r.done or 1,
                         note=r.note)

    def close(self) -> None:
        self.bars.stop()


def status_line(stage: Stage) -> str:
    r = stage.record
    parts = [f"{r.done:,}" + (f"/{r.total:,}（{r.done / r.total:.0%}）" if r.total else "")]
    rate, left = stage.rate(), stage.remaining()
    if rate:
        parts.append(f"{rate:,.1f}/秒")
    if left is not None:
        parts.append(f"约剩 {duration(left)}")
    if r.note:
        parts.append(r.note)
    return " · ".join(parts)


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} 秒"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} 分 {secs:02d} 秒"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 时 {minutes:02d} 分"


def for_terminal(stream: IO[str] | None = None, quiet: bool = False) -> Reporter:
    """The reporter the CLI uses: a live display on a terminal, plain lines elsewhere, none when quiet."""
    stream = stream or sys.stderr
    if quiet:
        return Reporter()
    if stream.isatty():
        return RichReporter(stream)
    return LineReporter(stream)


_current: Reporter = Reporter()


def current() -> Reporter:
    """The reporter of the running build (a silent one when no CLI set any, e.g. `mkdocs build`)."""
    return _current


@contextmanager
def use(reporter: Reporter) -> Iterator[Reporter]:
    global _current
    previous, _current = _current, reporter
    try:
        yield reporter
    finally:
        _current = previous
        reporter.close()
