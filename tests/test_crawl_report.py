"""The crawl report: counts and reasons per column, the unreachable entries, the summary, the exit
status, and its round trip through the state of an unfinished crawl."""
from __future__ import annotations

from site_builder.crawl.report import CrawlReport


def _report() -> CrawlReport:
    r = CrawlReport("2026-01-01T00:00:00+00:00")
    ok = r.column("https://a.gov.cn/nb/", "某局")
    ok.read, ok.stated, ok.found, ok.script_paged = True, 12, ["u1", "u2"], True
    r.record(ok.url, "new", "《某局2024年政府信息公开工作年度报告》 → reports/x.htm")
    r.record(ok.url, "unchanged")
    r.record(ok.url, "skipped", "《关于…的通知》：不是年度报告：通知")
    r.record(ok.url, "failed", "《某局2023年政府信息公开工作年度报告》 https://a.gov.cn/nb/t.htm：HTTP 404")
    bad = r.column("https://b.gov.cn/nb/")
    bad.error = "列表页 https://b.gov.cn/nb/：HTTP 404"
    r.requests = 9
    return r


def test_lines_per_column_and_summary():
    lines = _report().lines(seconds=3)
    text = "\n".join(lines)
    assert "栏目 某局 https://a.gov.cn/nb/" in lines
    assert "  新增 1 · 未变 1 · 有更新 0 · 重复 0 · 跳过 1 · 失败 1" in lines
    assert "  跳过 《关于…的通知》：不是年度报告：通知" in lines
    assert "HTTP 404" in text and "未能到达 10 条：列表页称共 12 条，爬虫读到 2 条" in text
    assert "  无法读取：列表页 https://b.gov.cn/nb/：HTTP 404" in lines
    assert lines[-1] == ("合计：栏目 2 个（无法读取 1 个）；新增 1，未变 1，有更新 0，重复 0，跳过 1，失败 1；"
                         "未能到达 10 条；请求 9 次，用时 3 秒")


def test_exit_status_fails_only_for_a_column_not_read_at_all():
    report = _report()
    assert report.exit_status() == 1
    del report.columns["https://b.gov.cn/nb/"]
    assert report.exit_status() == 0  # a failed item alone does not fail the run


def test_unfinished_report_round_trips_through_the_state():
    report = _report()
    again = CrawlReport.from_json(report.to_json())
    assert again.resumed and again.lines()[1:] == report.lines()[1:]
