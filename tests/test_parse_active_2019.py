"""The 2019 form's table 二 read into its printed columns, in every layout.

Flattened page text runs each row's cells together (`行政许可1-10`); the row is cut into the
columns of the header above it where the cut is certain, settled by the report's text where it
says, and otherwise left null with an `ambiguous` check naming the run. No value holds a run.
"""
from __future__ import annotations

import pytest

from site_builder.parse.old_cuts import agreed, cuts, pieces
from site_builder.pipeline import parse_bytes

DOCS = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
ITEMS = ("上一年项目数量", "本年增/减", "处理决定数量")


@pytest.mark.parametrize("printed, columns, expected", [
    ("000", DOCS, [(0, 0, 0)]),
    ("300", ITEMS, [(3, 0, 0)]),
    ("1-10", ITEMS, [(1, -1, 0)]),  # the minus sign starts 本年增/减
    ("10-10", ITEMS, [(10, -1, 0)]),
    ("5+12", ITEMS, [(5, 1, 2)]),
    ("0 0", ITEMS[:2], [(0, 0)]),
    ("00", ("采购项目数量", "采购总金额"), [(0, 0)]),
    ("3500", ITEMS, [(3, 50, 0), (35, 0, 0)]),
    ("+512", ITEMS, []),  # a sign on 上一年项目数量: no reading
    ("1-10", DOCS, []),  # no signed column
    ("6 251000元", ("采购项目数量", "采购总金额"), [(6, "251000元")]),
])
def test_cuts_of_a_printed_run(printed, columns, expected):
    assert cuts(pieces([printed]), columns) == expected


def test_cells_every_cut_agrees_on():
    assert agreed([(3, 50, 0), (35, 0, 0)], 3) == (None, None, 0)
    assert agreed([], 2) == (None, None)


FLAT_2019 = (
    "某县某局2019年政府信息公开工作年度报告\n"
    "一、总体情况 {overview}二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量"
    "规章000行政规范性文件{normative}第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可1-10"
    "其他对外管理服务事项300第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚3500行政强制5+12"
    "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费0 0第二十条第（九）项信息内容采购项目数量采购总金额"
    "政府集中采购00元三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量4000004"
    "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开4000004（七）总计4000004"
    "四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000"
    "五、存在的主要问题及改进情况无。六、其他需要报告的事项无。\n")


def parse_flat(overview: str = "", normative: str = "121223") -> dict:
    report = parse_bytes(FLAT_2019.format(overview=overview, normative=normative).encode(), "p.txt", ".txt")
    assert "error" not in report, report
    assert report["active_template"] == "2019"
    return report


def extra(report: dict) -> dict[str, dict]:
    return {e["label"]: e for e in report["active"]["extra"]}


def test_flattened_rows_are_read_into_their_columns():
    rows = extra(parse_flat())
    assert rows["规章"] == {"label": "规章", "columns": list(DOCS), "values": [0, 0, 0]}
    assert rows["行政许可"] == {"label": "行政许可", "columns": list(ITEMS), "values": [1, -1, 0]}
    assert rows["其他对外管理服务事项"]["values"] == [3, 0, 0]
    assert rows["行政强制"]["values"] == [5, 1, 2]
    assert rows["行政事业性收费"] == {"label": "行政事业性收费", "columns": list(ITEMS[:2]), "values": [0, 0]}
    assert rows["政府集中采购"]["values"] == [0, 0]


def test_no_value_holds_a_run_and_every_row_has_one_value_per_column():
    for row in parse_flat()["active"]["extra"]:
        assert len(row["values"]) == len(row["columns"]) and row["columns"]
        assert all(v is None or not isinstance(v, int) or abs(v) < 100000 for v in row["values"]), row
        assert not any("信息内容" in col for col in row["columns"])


def test_issued_and_decisions_are_filled_from_their_columns():
    active = parse_flat()["active"]
    assert active["regulations"] == {"issued": 0, "repealed": None, "in_force": None}
    assert active["licensing"] == {"decisions": 0}
    assert active["enforcement"] == {"decisions": 2}
    assert active["fees"] == {"amount_wan_yuan": None}  # the old form prints no amount


def test_an_uncertain_run_is_null_with_a_check_naming_it():
    report = parse_flat()
    rows = extra(report)
    assert rows["行政规范性文件"]["values"] == [None, None, None]
    assert report["active"]["normative_documents"]["issued"] is None
    checks = [c for c in report["checks"] if c["rule"] == "ambiguous"]
    (docs,) = [c for c in checks if "121223" in c["message"]]
    assert docs["cells"] == ["active.normative_documents.issued"]
    # 3500: 3 | 50 | 0 or 35 | 0 | 0 — only 处理决定数量 is certain
    assert rows["行政处罚"]["values"] == [None, None, 0]
    assert report["active"]["punishment"] == {"decisions": 0}
    (punish,) = [c for c in checks if "3500" in c["message"]]
    assert punish["cells"] == [] and "上一年项目数量" in punish["message"]


def test_the_text_settles_the_column_it_states():
    report = parse_flat("2019年，我局制定规范性文件12件。")
    assert extra(report)["行政规范性文件"]["values"] == [12, None, None]  # 12 | 1 | 223, 12 | 12 | 23, 12 | 122 | 3
    assert report["active"]["normative_documents"]["issued"] == 12
    (settled,) = [i for i in report["inferred"] if i["rule"] == "text"]
    assert settled == {"path": "active.normative_documents.issued", "rule": "text", "value": 12,
                       "evidence": "2019年，我局制定规范性文件12件。"}


def test_items_published_do_not_settle_the_old_form_either():
    report = parse_flat("全年公开政策、规范性文件类信息12条。")
    assert extra(report)["行政规范性文件"]["values"] == [None, None, None]
    assert not [i for i in report["inferred"] if i["rule"] == "text"]


def test_text_lines_of_the_old_form_keep_the_sign():
    text = ("某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 9 -1 70\n"
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
            "（七）总计 1 0 0 0 0 0 1\n")
    report = parse_bytes(text.encode(), "t.txt", ".txt")
    assert extra(report)["行政许可"] == {"label": "行政许可", "columns": list(ITEMS), "values": [9, -1, 70]}
    assert report["active"]["licensing"] == {"decisions": 70}


def test_a_row_without_its_header_takes_the_forms_columns():
    from site_builder.parse.active_2019 import old_rows
    from site_builder.read.document import Line
    lines = [Line(("信息内容本年新制作数量本年新公开数量对外公开总数量",), grid=True), Line(("规章", "000"), grid=True),
             Line(("行政事业性收费", "12"), grid=True)]
    rows = old_rows(lines, (0, 3))
    assert [r.values for r in rows] == [(0, 0, 0), (None, None, None)]  # 12 under three columns: no cut
    assert [r.columns for r in old_rows(lines[2:], (0, 1))] == [ITEMS[:2]]
    assert old_rows(lines[2:], (0, 1))[0].cuts == ((1, 2),)


def test_cuts_of_a_long_run_are_bounded_and_a_misplaced_sign_prunes_the_row():
    """A run far longer than its columns is looked at within a bound (review: forty digits under
    eight columns took 13 s, a signed piece that fits no 本年增/减 column 3 s for no cut)."""
    from site_builder.parse.old_cuts import MAX_CUTS

    assert len(cuts(pieces(["1" * 40]), ("列",) * 8)) == MAX_CUTS
    assert cuts(pieces(["1" * 30, "+1"]), ("上一年项目数量", "本年增/减", "处理决定数量")) == []
    assert cuts(pieces(["1-10"]), ("上一年项目数量", "本年增/减", "处理决定数量")) == [(1, -1, 0)]
