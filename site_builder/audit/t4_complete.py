"""T4 — the report is complete (国办公开办函〔2021〕30号: accurate, complete, not 雷同).

Three things, each its own finding:

- the six parts: parts 一, 五, 六 as text and tables 二, 三, 四 with at least one
  printed number each (a part the reading did not find is named);
- part 五 states problems and what will be done about them: not empty, not 「无」,
  and words of both kinds present (a part with only one kind is `uncertain`:
  wording varies more than any list of words);
- part 六 states how much 信息处理费 was charged (the 2021 format asks it of every
  report since the 政府信息公开信息处理费管理办法 took effect for 2021): a sentence on
  the fee, quoted; a report on 2020 or earlier is not assessed.

Table 二's 行政事业性收费 (第二十条第（八）项, 万元) is the agency's administrative
fees, not the 信息处理费 charged to applicants, so the two are never compared: a
difference between them says nothing about either.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from site_builder.audit.findings import SECTION_LABELS, finding, quote, section_text, value_evidence
from site_builder.parse.statements import sentences, squeeze

RULE = "T4"
FEE_FROM_YEAR = 2021
TABLES = (("active", "二、主动公开政府信息情况（表二）"), ("applications", "三、收到和处理政府信息公开申请情况（表三）"),
          ("appeals", "四、政府信息公开行政复议、行政诉讼情况（表四）"))
TEXT_PARTS = ("overview", "problems", "other")

_NOTHING = re.compile(r"^(?:无|暂无|没有|无。|暂无。|没有。)$")
_PROBLEMS = re.compile(r"问题|不足|差距|短板|薄弱|有待|仍需|尚需|不够|欠缺|不到位|不平衡|滞后")
_MEASURES = re.compile(r"下一步|改进|措施|举措|今后|将进一步|将继续|将持续|加强|提升|完善|推进|强化")
_FEE = re.compile(r"信息处理费|处理费|(?:收取|收费)[^。；]{0,12}费用|费用[^。；]{0,6}收取|收费通知|不收取费用")


def _any_printed(node: Any) -> bool:
    if isinstance(node, dict):
        return any(_any_printed(v) for k, v in node.items() if k != "extra")
    return isinstance(node, (int, float)) and not isinstance(node, bool)


def parts_found(report: dict) -> Iterator[dict]:
    """Text parts are found by their headings: one missing fails. A table whose numbers could not be
    read is `uncertain`: run-together digits can defeat the reading of a table that is there."""
    order = "一二三四五六"
    present, missing, unread = [], [], []
    for key in TEXT_PARTS:
        (present if squeeze(section_text(report, key)) else missing).append(SECTION_LABELS[key])
    for key, label in TABLES:
        (present if _any_printed(report.get(key)) else unread).append(label)
    evidence = [value_evidence("找到的部分", "、".join(sorted((s[0] for s in present), key=order.index)) or "无")]
    if missing:
        evidence.append(value_evidence("没有找到的部分", "；".join(missing)))
    if unread:
        evidence.append(value_evidence("没有读出数字的表格", "；".join(unread)))
    if missing:
        yield finding(RULE, "fail", f"本站在报告中没有找到：{'；'.join(missing)}（按标题查找）。年度报告格式要求六个部分齐全。",
                      evidence)
    elif unread:
        yield finding(RULE, "uncertain", f"本站没有从{'；'.join(unread)}读出数字，无法确认这部分是否齐全。", evidence)
    else:
        yield finding(RULE, "pass", "六个部分都已找到。", evidence)


def problems_stated(report: dict) -> Iterator[dict]:
    text = section_text(report, "problems")
    flat = squeeze(text)
    name = SECTION_LABELS["problems"]
    if not flat:
        yield finding(RULE, "not_assessable", f"没有找到第五部分（{name}），无法判断其内容。")
        return
    evidence = [quote("problems", text if len(text) <= 24 else text[:24] + "…")]  # the part is on the page
    if _NOTHING.match(flat):
        yield finding(RULE, "fail", f"第五部分只写了“{flat}”；年度报告格式要求写明存在的主要问题和改进情况。", evidence)
        return
    problem, measure = _PROBLEMS.search(flat), _MEASURES.search(flat)
    if problem and measure:
        yield finding(RULE, "pass", f"第五部分写了问题（如“{problem.group(0)}”）和改进（如“{measure.group(0)}”）。",
                      evidence)
        return
    lacking = "问题" if not problem else "改进措施"
    yield finding(RULE, "uncertain", f"第五部分未见表示{lacking}的常用词语，请读原文。", evidence)


def fee_stated(report: dict) -> Iterator[dict]:
    year = report.get("year")
    if isinstance(year, int) and year < FEE_FROM_YEAR:
        yield finding(RULE, "not_assessable", f"{year} 年度的报告格式尚未要求说明信息处理费（自 {FEE_FROM_YEAR} 年度起）。")
        return
    for key in ("other", "problems", "overview"):  # part 六 first; renumbered reports put the fee elsewhere
        for sentence in sentences(section_text(report, key)):
            if _FEE.search(squeeze(sentence)):
                yield finding(RULE, "pass", "报告说明了信息处理费的收取情况。", [quote(key, sentence)])
                return
    if not squeeze(section_text(report, "other")):
        # Some reports state the fee as a table of its own part (五、信息处理费收取情况) and have no
        # part 六: the reading keeps no such table, so its absence from the text proves nothing.
        yield finding(RULE, "uncertain", "没有找到第六部分，正文中也没有关于信息处理费的句子；报告可能以表格等形式另行说明，"
                      "请阅读原文。", [value_evidence("查找范围", "第一、五部分中含“信息处理费”“收取…费用”等词的句子：没有")])
        return
    yield finding(RULE, "fail", "第六部分没有说明信息处理费收取情况（年度报告格式要求说明）。",
                  [value_evidence("含“信息处理费”的句子", "无")])


def check(report: dict) -> Iterator[dict]:
    yield from parts_found(report)
    yield from problems_stated(report)
    yield from fee_stated(report)
