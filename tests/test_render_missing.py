"""A report the parser read only partly: its `missing` checks become a plain notice near the top
of the agency page, naming the tables, rows and parts that were not found."""
from __future__ import annotations

import pytest
from lxml import html as lhtml
from render_samples import sample_report

from site_builder import contract as c
from site_builder.render.agency import page_as_shown
from site_builder.render.missing import missing_parts
from site_builder.model import group_reports

EVIL = '<script>alert("x")</script>'


def missing(*cells: str, message: str = "") -> dict:
    return {"rule": "missing", "cells": list(cells), "message": message}


def row_cells(table: str, row: str) -> list[str]:
    return [p for p in c.cell_paths() if p.startswith(f"{table}.{row}.")]


def partial_report() -> dict:
    """Table 四 and part 五 not found, one row of table 三 lost: their cells null, as the parser leaves them."""
    r = sample_report("部分识别局")
    for group in r["appeals"].values():
        for field in group:
            group[field] = None
    for col in r["applications"]["carried_forward"]:
        r["applications"]["carried_forward"][col] = None
    r["sections"]["problems"] = ""
    r["checks"] = [missing("appeals.*", message=f"未找到表四 {EVIL}"),
                   missing("sections.problems", message="未找到第五部分"),
                   missing(*row_cells("applications", "carried_forward"), message="表三缺少一行")]
    return r


@pytest.mark.parametrize("checks, expected", [
    ([missing("sections.problems")], [("problems", ())]),
    ([missing("appeals.*")], [("appeals", ())]),
    ([missing("appeals")], [("appeals", ())]),
    ([missing(*[p for p in c.cell_paths() if p.startswith("active.")])], [("active", ())]),
    # every row of a table, one check per row: the whole table
    ([missing(*row_cells("appeals", g)) for g, _ in c.APPEAL_GROUPS], [("appeals", ())]),
    ([missing("applications.carried_forward.*")], [("applications", ("四、结转下年度继续办理",))]),
    ([missing(*row_cells("applications", "carried_forward")), missing("sections.overview")],
     [("overview", ()), ("applications", ("四、结转下年度继续办理",))]),
    # one cell lost inside a printed row is marked on the cell, not listed as a missing part
    ([missing("applications.new_received.commercial")], []),
    ([{"rule": "C2", "cells": ["appeals.review.total"], "message": ""}], []),
    ([missing("tables.unknown.x", "nonsense")], []),
])
def test_missing_checks_name_the_parts_not_found(checks, expected):
    parts = missing_parts({"checks": checks})
    assert [(p.key, p.rows) for p in parts] == expected


def test_the_notice_names_each_missing_part_before_the_tables_and_escapes_the_message():
    page = page_as_shown(group_reports([partial_report()]).agencies[0])
    assert EVIL not in page.body and "&lt;script&gt;" in page.body
    doc = lhtml.fromstring(page.body.split("\n## ", 1)[0])  # the page head, before the first heading
    notice = doc.xpath("//*[contains(@class,'portal-status-missing')]")
    assert len(notice) == 1
    items = [" ".join(li.text_content().split()) for li in notice[0].xpath(".//li")]
    assert len(items) == 3
    assert items[0].startswith("表三「收到和处理政府信息公开申请情况」中的 1 行：「四、结转下年度继续办理」")
    assert items[1] == "表四「政府信息公开行政复议、行政诉讼情况」整个部分"
    # the parser's messages (report text) are listed, escaped, under 校验与推算
    checks = lhtml.fromstring(page.body.split("{#checks}", 1)[1]).text_content()
    assert f"未找到表四 {EVIL}" in checks
    assert items[2].startswith("第五部分「存在的主要问题及改进情况」")
    assert [a.get("href") for a in notice[0].xpath(".//li/a")] == ["#applications", "#appeals", "#problems"]
    # the missing parts are not reported as failed arithmetic, nor as all rules passed
    assert not doc.xpath("//*[contains(@class,'portal-status-warn') or contains(@class,'portal-status-ok')]")


def test_a_complete_report_has_no_notice():
    page = page_as_shown(group_reports([sample_report("完整局")]).agencies[0])
    assert "portal-status-missing" not in page.body and "portal-status-ok" in page.body
