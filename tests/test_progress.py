"""Progress of long work: plain lines when not on a terminal, nothing when quiet, stage times kept."""
from __future__ import annotations

import io

from site_builder import progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_come_every_few_seconds_with_counts_rate_and_time_left():
    out, clock = io.StringIO(), Clock()
    reporter = progress.LineReporter(out, interval=5.0, clock=clock)
    with reporter.stage("parse", total=1000, label="读取与解析") as stage:
        for _ in range(10):  # 10 files a second for 100 seconds
            clock.now += 1
            stage.advance(10)
        stage.note("其中扫描件 1 份已识别")
    lines = out.getvalue().splitlines()
    assert lines[0] == "[读取与解析] 开始：共 1,000"
    # one line per 5 seconds, not one per file
    middle = lines[1:-1]
    assert len(middle) == 2, lines
    assert middle[0] == "[读取与解析] 50/1,000（5%） · 10.0/秒 · 约剩 1 分 35 秒"
    assert lines[-1] == "[读取与解析] 完成：100 项，10.0 秒，10.0/秒（其中扫描件 1 份已识别）"


def test_a_stage_without_a_total_reports_no_share_and_the_summary_names_every_stage():
    out, clock = io.StringIO(), Clock()
    reporter = progress.LineReporter(out, interval=5.0, clock=clock)
    with reporter.stage("model", label="机关、地区与审核"):
        clock.now += 12.5
    engine = reporter.start("mkdocs", total=3, label="MkDocs 生成网页")  # spans two hooks
    clock.now += 2
    engine.advance(3)
    reporter.finish(engine)
    assert reporter.timings() == {"model": 12.5, "mkdocs": 2.0}
    assert "[机关、地区与审核] 完成：12.5 秒" in out.getvalue()
    summary = reporter.summary()
    assert summary.startswith("用时：model 12.5 秒 · mkdocs 2.0 秒 · 合计 14.5 秒")


def test_quiet_prints_nothing_but_keeps_the_times():
    out = io.StringIO()
    reporter = progress.for_terminal(out, quiet=True)
    with reporter.stage("pages", total=2) as stage:
        stage.advance(2)
    assert out.getvalue() == ""
    assert list(reporter.timings()) == ["pages"]


def test_not_a_terminal_gets_plain_lines_a_terminal_the_live_display():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert type(progress.for_terminal(io.StringIO())) is progress.LineReporter
    live = progress.for_terminal(Tty())
    try:
        assert isinstance(live, progress.RichReporter)
    finally:
        live.close()


def test_the_build_reports_through_the_reporter_it_is_given(tmp_path):
    """`use` makes a reporter current for the stages (the MkDocs hooks reach it so), then closes it."""
    out, clock = io.StringIO(), Clock()
    reporter = progress.LineReporter(out, interval=5.0, clock=clock)
    before = progress.current()
    with progress.use(reporter):
        assert progress.current() is reporter
        with progress.current().stage("data"):
            pass
    assert progress.current() is before
    assert "[data] 完成" in out.getvalue()


def test_durations_read_as_a_person_would():
    assert progress.duration(4.25) == "4.2 秒"
    assert progress.duration(95) == "1 分 35 秒"
    assert progress.duration(3725) == "1 时 02 分"


def test_every_counted_stage_of_a_real_build_ends_at_its_total(tmp_path):
    """A bar that stops short of its total, or runs past it (MkDocs' stage counted 41 of 40), reads as
    work left undone or miscounted."""
    from bundled import CONTENT

    from site_builder.build import build

    reporter = progress.Reporter()
    with progress.use(reporter):
        assert build(CONTENT, tmp_path / "site") == 0
    counted = {r.name: (r.done, r.total) for r in reporter.records if r.total is not None}
    assert {"read", "parse", "pages", "mkdocs"} <= set(counted)
    assert all(done == total for done, total in counted.values()), counted
    assert counted["mkdocs"][1] > len(list((tmp_path / "site" / "agencies").glob("*/index.html")))
