"""Titles, agencies and years; part headings."""
from __future__ import annotations

import pytest

from site_builder.parse.layout import agency_and_year, find_headings, find_title
from site_builder.read.document import Line


@pytest.mark.parametrize("title, agency, year", [
    ("西工区行政审批和政务信息管理局 2024 年政府信息公开工作年度报告", "西工区行政审批和政务信息管理局", 2024),
    ("某市教育局2023年度政府信息公开工作年度报告", "某市教育局", 2023),
    ("2022年某县人民政府政府信息公开工作年度报告", "某县人民政府", 2022),
    ("某区财政局关于2021年政府信息公开工作年度报告", "某区财政局", 2021),
    # The year as titles also print it: in Chinese numerals, full-width, noted after the title,
    # after 关于 — the same years titles.classify finds, so no report it accepts loses its body.
    ("二〇一七年某市教育局政府信息公开工作年度报告", "某市教育局", 2017),
    ("某市教育局２０１７年政府信息公开工作年度报告", "某市教育局", 2017),
    ("某市教育局政府信息公开年报（2017年）", "某市教育局", 2017),
    ("关于2014年度某县财政局的政府信息公开年度报告", "某县财政局", 2014),
])
def test_agency_and_year(title, agency, year):
    assert agency_and_year(title) == (agency, year)


def lines(*texts):
    return [Line((t,)) for t in texts]


def test_wrapped_title_and_archive_lines():
    doc = lines("", "瀍河回族区工业和信息化局2024年政府信息公开工", "作年度报告", "一、总体情况")
    assert find_title(doc, 4)[0] == "瀍河回族区工业和信息化局2024年政府信息公开工作年度报告"
    doc = lines("标题: 某市统计局 2023 年政府信息公开工作年度报告", "发布日期: 2024-01-31", "某市统计局")
    assert find_title(doc, 3)[0] == "某市统计局 2023 年政府信息公开工作年度报告"
    assert find_title(lines("今天天气很好", "一、总体情况"), 2)[0] is None


def test_headings_in_order_and_not_table_rows():
    doc = lines("一、总体情况", "(一) 主动公开情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0", "四、结转下年度继续办理 0 0 0 0 0 0 0",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    assert find_headings(doc) == {"一": 0, "二": 2, "三": 3, "四": 6, "五": 7, "六": 8}


def test_page_furniture_before_a_wrapped_title_is_not_the_agency():
    from site_builder.parse.layout import agency_and_year, find_title
    from site_builder.read.document import Line

    lines = [Line((t,)) for t in ("正文", "2025 年上海市人民政府办公厅政府信息公开", "工作年度报告", "一、总体情况")]
    title, used = find_title(lines, 3)
    assert used == (1, 2) and agency_and_year(title) == ("上海市人民政府办公厅", 2025)
    lines = [Line((t,)) for t in ("某县人民政府办公室", "2024年政府信息公开工作年度报告", "一、总体情况")]
    title, used = find_title(lines, 2)
    assert used == (0, 1) and agency_and_year(title) == ("某县人民政府办公室", 2024)
