"""The shape every audit rule yields, and the helpers the rules share.

A finding is a plain dict `{"rule", "status", "message", "evidence"}` (the
contract's names, ../shared/spec/report-format.md "Audit findings"). Evidence is
a list of small dicts, each saying what it is (`label`) and one of: `text` (a
quote from the report, with the `section` it comes from so a page can link to
it), `cell` and `value` (a table cell as printed), or a plain `value` (a date, a
share). A finding without evidence is not published, so `finding()` refuses one
that claims pass or fail without any.
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Iterable

STATUSES = ("pass", "fail", "uncertain", "not_assessable")
# A report's status for a rule is the worst of its findings for that rule.
SEVERITY = {"fail": 3, "uncertain": 2, "pass": 1, "not_assessable": 0}

RULES: dict[str, str] = {
    "T1": "按时公开",
    "T2": "正文与表格一致",
    "T3": "不照搬文字",
    "T4": "内容完整",
    "T5": "跨年衔接",
}

RULE_HELP: dict[str, str] = {
    "T1": "条例第四十九条：县级以上人民政府部门于次年1月31日前公布；县级以上地方人民政府本级报告于3月31日前公布；乡镇、街道按惯例参照1月31日。",
    "T2": "第一、五、六部分中明确说明本年度某项数字的句子，与表二、表三、表四中对应单元格比较。",
    "T3": "第一、五部分与本机关上一年度、同地区同年度其他机关的同一部分比较相同文字所占比例。",
    "T4": "六个部分齐全；第五部分写明问题和改进措施；第六部分说明信息处理费收取情况。",
    "T5": "本年“上年结转”与上年“结转下年度继续办理”一致（C6）；现行有效件数衔接（C7，提示）。",
}

SECTION_LABELS = {"overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况",
                  "other": "六、其他需要报告的事项"}
# The text a table's part prints before or around the table (report["table_text"]).
TABLE_TEXT_LABELS = {"active": "二、主动公开政府信息情况", "applications": "三、收到和处理政府信息公开申请情况",
                     "appeals": "四、政府信息公开行政复议、行政诉讼情况"}


def finding(rule: str, status: str, message: str, evidence: Iterable[dict] = ()) -> dict:
    if rule not in RULES:
        raise ValueError(f"unknown audit rule {rule!r}")
    if status not in STATUSES:
        raise ValueError(f"unknown audit status {status!r}")
    items = [dict(e) for e in evidence]
    if status in ("pass", "fail") and not items:
        raise ValueError(f"{rule}: a {status} finding needs evidence ({message})")
    return {"rule": rule, "status": status, "message": message, "evidence": items}


def quote(section: str, text: str) -> dict:
    numeral = {**SECTION_LABELS, **TABLE_TEXT_LABELS}.get(section, section).split("、")[0]
    return {"label": f"原文（{numeral}）", "text": text, "section": section}


def cell_evidence(label: str, path: str, value: Any) -> dict:
    return {"label": label, "cell": path, "value": value}


def value_evidence(label: str, value: Any) -> dict:
    return {"label": label, "value": value}


def rule_status(findings: Iterable[dict], rule: str) -> str | None:
    """The report's status for one rule: the worst of its findings; None when the rule did not run."""
    statuses = [f["status"] for f in findings if f.get("rule") == rule]
    return max(statuses, key=SEVERITY.__getitem__) if statuses else None


def section_text(report: dict, key: str) -> str:
    """A text part's text, or a table part's text (the sentences around its table)."""
    sections = report.get("table_text" if key in TABLE_TEXT_LABELS else "sections")
    text = sections.get(key) if isinstance(sections, Mapping) else None
    return text if isinstance(text, str) else ""


def evidence_text(evidence: Iterable[dict]) -> str:
    """Evidence as one line of plain text (the CSV's column)."""
    parts = []
    for e in evidence:
        if "text" in e:
            parts.append(f"{e.get('label')}：“{e['text']}”")
        elif "cell" in e:
            parts.append(f"{e.get('label')}（{e['cell']}）= {_printed(e.get('value'))}")
        else:
            parts.append(f"{e.get('label')}：{_printed(e.get('value'))}")
    return "；".join(parts)


def _printed(value: Any) -> str:
    return "未列" if value is None else str(value)




def cell(report: dict, path: str) -> int | float | Decimal | None:
    """A printed cell, or None (absent, blank, not a number)."""
    node: Any = report
    for part in path.split("."):
        if not isinstance(node, Mapping):  # a report may be seen through its agency (ChainMap)
            return None
        node = node.get(part)
    return node if isinstance(node, (int, float, Decimal)) and not isinstance(node, bool) else None
