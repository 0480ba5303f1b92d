"""Cells the report's own text settles (spec: "Cells the report's own text settles").

A flattened table 二 row such as `行政规范性文件15621` has several cuts that no rule
separates; a sentence of the same report that states one of its cells as the same measure
may leave exactly one. The traps: items of information (条) are not documents made (件), a
sentence about another year settles nothing, and a certain cut is never overridden.
"""
from __future__ import annotations

import pytest

from site_builder.parse.settle import settle
from site_builder.parse.statements import Stated, document_statements, report_statements
from site_builder.pipeline import parse_bytes

ND = "active.normative_documents"
PATHS = (f"{ND}.issued", f"{ND}.repealed", f"{ND}.in_force")
CUTS_15621 = [(1, 5, 621), (1, 56, 21), (1, 562, 1), (15, 6, 21), (15, 62, 1), (156, 2, 1)]


def page(overview: str, normative: str = "15621", year: int = 2023, appeals: str = "000000000000000",
         before_appeals: str = "") -> bytes:
    """A flattened portal page: one line holding parts 一 to 六, as a crawler saves it."""
    return (f"某区某局{year}年政府信息公开工作年度报告\n"
            f"一、总体情况{overview}二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数"
            f"现行有效件数规章000行政规范性文件{normative}第二十条第（五）项信息内容本年处理决定数量行政许可0"
            "第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额"
            "（单位：万元）行政事业性收费0三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
            "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            "一、本年新收政府信息公开申请数量3000003二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果（一）予以公开3000003（七）总计3000003四、结转下年度继续办理0000000"
            f"四、政府信息公开行政复议、行政诉讼情况{before_appeals}行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
            "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
            f"{appeals}五、存在的主要问题及改进情况无。六、其他需要报告的事项无。\n").encode("utf-8")


def parse(data: bytes) -> dict:
    report = parse_bytes(data, "page.txt", ".txt")
    assert "error" not in report, report
    return report


def normative(report: dict) -> tuple:
    return tuple(report["active"]["normative_documents"][f] for f in ("issued", "repealed", "in_force"))


def text_inferred(report: dict) -> dict[str, dict]:
    return {i["path"]: i for i in report["inferred"] if i["rule"] == "text"}


# ---- the sentences: which state a table 二 cell ----------------------------------------------

@pytest.mark.parametrize("sentence, stated", [
    ("我局废止规范性文件6件，制定规范性文件15件。", [(f"{ND}.repealed", 6), (f"{ND}.issued", 15)]),
    ("制发行政规范性文件9件，按程序确认失效或废止文件7件，现行有效行政规范性文件共253件。",
     [(f"{ND}.issued", 9), (f"{ND}.repealed", 7), (f"{ND}.in_force", 253)]),
    ("本年度制发规范性文件34件，现行有效件数424件。", [(f"{ND}.issued", 34), (f"{ND}.in_force", 424)]),
    ("政府规章制定2件。", [("active.regulations.issued", 2)]),
    ("全年作出行政许可决定120件，行政处罚决定书3份。",
     [("active.licensing.decisions", 120), ("active.punishment.decisions", 3)]),
])
def test_statements_of_documents_made_repealed_in_force(sentence, stated):
    found = document_statements(sentence, "overview", 2023)
    assert [(s.path, s.value) for s in found] == stated
    assert all(s.doubt is None for s in found)


@pytest.mark.parametrize("sentence", [
    "通过门户网站发布规范性文件类信息6条。",  # items of information published, not documents made
    "2023年共发布信息2479条（含行政规范性文件34件）。",  # published, no verb of making
    "起草规范性文件3件，审核规范性文件4件，备案规范性文件2件。",  # drafted, reviewed, filed
    "全年制发文件120件。",  # documents of any kind: the sentence names no 规范性文件 or 规章
    "加强规范性文件管理，全年印发3件会议纪要。",  # the count is of something else
])
def test_other_measures_state_nothing(sentence):
    assert document_statements(sentence, "overview", 2023) == []


@pytest.mark.parametrize("sentence", [
    "2022年，我局制定规范性文件15件。",  # another year
    "上年制定规范性文件15件。",  # last year
    "制定规范性文件15件，同比增加3件。",  # a comparison
    "累计制定规范性文件15件。",  # cumulative
    "下一步将制定规范性文件15件。",  # a plan
])
def test_a_statement_about_another_year_is_kept_with_its_doubt(sentence):
    (found,) = [s for s in document_statements(sentence, "overview", 2023) if s.value == 15]
    assert found.doubt


def test_report_statements_reads_every_text_part():
    found = report_statements({"overview": "我局废止规范性文件6件。", "active": "制定规范性文件15件。"}, 2023)
    assert [(s.section, s.value) for s in found] == [("overview", 6), ("active", 15)]


# ---- the choice among cuts --------------------------------------------------------------------

def stated(path: str, value: int, doubt: str | None = None) -> Stated:
    return Stated(path, value, f"……{value}件。", "overview", doubt)


def test_exactly_one_agreeing_cut_is_taken():
    found = settle(PATHS, CUTS_15621, [stated(f"{ND}.repealed", 6)])
    assert found.cut == (15, 6, 21)
    assert [s.value for s in found.used] == [6]


def test_statements_together_narrow_to_one_cut():
    found = settle(PATHS, CUTS_15621, [stated(f"{ND}.issued", 15)])
    assert found.cut is None and sorted(found.kept) == [(15, 6, 21), (15, 62, 1)]
    found = settle(PATHS, CUTS_15621, [stated(f"{ND}.issued", 15), stated(f"{ND}.in_force", 1)])
    assert found.cut == (15, 62, 1)


def test_a_doubtful_statement_settles_nothing():
    found = settle(PATHS, CUTS_15621, [stated(f"{ND}.repealed", 6, doubt="句中提到其他年份")])
    assert found.cut is None and not found.used


def test_a_statement_no_cut_agrees_with_does_not_choose():
    found = settle(PATHS, CUTS_15621, [stated(f"{ND}.in_force", 424), stated(f"{ND}.repealed", 6)])
    assert found.cut == (15, 6, 21)
    assert [s.value for s in found.against] == [424] and found.agreed


def test_a_certain_cut_is_never_looked_at():
    found = settle(PATHS, [(1, 2, 3)], [stated(f"{ND}.issued", 9)])
    assert found.cut is None and not found.against
    # a cell every cut agrees on is certain too: the text neither chooses by it nor contradicts it
    found = settle(("a", "b", f"{ND}.issued"), [(3, 50, 0), (35, 0, 0)], [stated(f"{ND}.issued", 35)])
    assert found.cut is None and not found.against


# ---- whole reports: flattened pages ------------------------------------------------------------

def test_a_flattened_row_is_read_where_the_report_states_it():
    report = parse(page("2023年，我局废止规范性文件6件，制定规范性文件15件。"))
    assert normative(report) == (15, 6, 21)
    settled = text_inferred(report)
    assert set(settled) == set(PATHS)
    assert settled[f"{ND}.repealed"]["evidence"] == "2023年，我局废止规范性文件6件，制定规范性文件15件。"
    assert not [c for c in report["checks"] if c["rule"] in ("ambiguous", "text")]
    assert report["sections"]["overview"].startswith("2023年，我局废止规范性文件6件")  # the prose is not cut


def test_items_of_information_settle_nothing():
    report = parse(page("2023年，通过门户网站发布规范性文件类信息6条。"))
    assert normative(report) == (None, None, None)
    (check,) = [c for c in report["checks"] if c["rule"] == "ambiguous"]
    assert "15621" in check["message"] and check["cells"] == list(PATHS)
    assert not text_inferred(report)


def test_a_sentence_about_last_year_settles_nothing():
    report = parse(page("2022年，我局废止规范性文件6件。"))
    assert normative(report) == (None, None, None)
    assert not text_inferred(report)


def test_a_certain_cut_is_never_overridden():
    report = parse(page("2023年，我局制定规范性文件7件。", normative="000"))
    assert normative(report) == (0, 0, 0)
    assert not text_inferred(report)
    assert not [c for c in report["checks"] if c["rule"] in ("ambiguous", "text")]


def test_text_that_disagrees_with_every_cut_leaves_the_cells_null_with_a_check():
    report = parse(page("2023年，我局制定规范性文件7件。"))
    assert normative(report) == (None, None, None)
    (check,) = [c for c in report["checks"] if c["rule"] == "text"]
    assert check["cells"] == [f"{ND}.issued"] and "7" in check["message"] and "15621" in check["message"]
    assert not text_inferred(report)


# ---- a sentence before a table's digits --------------------------------------------------------

def test_table_four_survives_a_sentence_before_its_digits():
    report = parse(page("", normative="000", before_appeals=" 2023年，没有政府信息公开行政复议及行政诉讼情况。"))
    assert all(v == 0 for group in report["appeals"].values() for v in group.values())
    assert not [c for c in report["checks"] if c["cells"] and c["cells"][0].startswith("appeals")]
    assert report["table_text"]["appeals"] == "2023年，没有政府信息公开行政复议及行政诉讼情况。"


def test_a_sentence_before_table_three_is_text_and_the_audit_reads_it():
    from site_builder.audit import t2_text_tables
    data = page("", normative="000").replace("申请情况（本列".encode(), "申请情况 2023年，共收到政府信息公开申请0条。（本列".encode())
    report = parse(data)
    assert report["applications"]["new_received"]["total"] == 3
    assert not [c for c in report["checks"] if c["rule"] == "unmatched"]
    assert report["table_text"]["applications"].startswith("2023年，共收到政府信息公开申请0条。")
    (finding,) = [f for f in t2_text_tables.check(report) if "申请" in f["message"]]
    assert finding["status"] == "fail" and finding["evidence"][0]["text"].startswith("2023年，共收到")


def test_prose_lines_are_sentences_not_a_tables_header_or_rows():
    from site_builder.parse.layout import prose_lines
    from site_builder.read.document import Line
    lines = [Line(("2024年，没有政府信息公开行政复议及行政诉讼情况。",)),
             Line(("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。）申请人情况 自然人",)),
             Line(("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",)),
             Line(("行政规范性文件 3件 0件 12件",)),
             Line(("注：本表数据截至12月31日。",), grid=True)]
    assert prose_lines(lines, (0, len(lines))) == [0]
