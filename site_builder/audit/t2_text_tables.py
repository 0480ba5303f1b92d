"""T2 — figures stated in the text against the tables.

The text is parts 一, 五, 六 and the sentences a table's part prints around its table
(`三、收到和处理政府信息公开申请情况 2023年，共收到政府信息公开申请0条。`, kept by the
parser as `table_text`). Only sentences whose meaning is certain count: a known phrase
naming what is counted (收到政府信息公开申请 N 件 or 条, 办结 N 件, 因政府信息公开引起的
行政复议 N 件, 制发规范性文件 N 件 …) right before its number, about the report's own
year. Table 二's figures are read by the parser's own reader (parse/statements.py), the
one that settles a row's cuts, so the audit and the parser read the same sentences. A
sentence that compares with another year (同比, 较上年 …), names another year, rounds
(余件, 约) or does not say that a 复议/诉讼 arose from 信息公开 is `uncertain`, never `fail`.

A figure agrees when it equals one reading of the table: 受理 N 件 may mean the new
applications or the new plus those carried over, so both are readings. When the
figure equals the sum of the six applicant columns but not the printed 总计 (the
table breaks C2), the finding is `uncertain`: the text agrees with one part of
the table and C2 already reports the table's own error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from site_builder import contract as c
from site_builder.audit.findings import TABLE_TEXT_LABELS, cell, cell_evidence, finding, quote, section_text
from site_builder.parse.statements import Stated, document_statements, sentences, squeeze
from site_builder.parse.statements import doubt as year_doubt

RULE = "T2"
SECTIONS = ("overview", "problems", "other", *TABLE_TEXT_LABELS)

# What lies between a keyword and its number: no clause break, no other number.
_GAP = r"[^，,。；;：:\d%％]"
_CHANNEL = re.compile(r"网上|网络|在线|当面|现场|信函|邮寄|传真|电子邮件|邮件")
_WHOLE = re.compile(r"共|合计|总计|累计|全年|各类|全部")
_COUNTED = re.compile(r"\d(?:件|起|宗|条|个|份)")
_ABOUT_DISCLOSURE = re.compile(r"信息公开|依申请|公开申请")

Reading = tuple[str, "int | float | None", tuple[str, ...]]  # (what the table calls it, value, cells)


def _cells_sum(report: dict, paths: tuple[str, ...]) -> int | float | None:
    values = [cell(report, p) for p in paths]
    printed = [v for v in values if v is not None]
    return sum(printed) if printed else None


def _row(row: str, label: str) -> Callable[[dict], list[Reading]]:
    path = f"applications.{row}.total"
    return lambda r: [(f"表三“{label}”总计", cell(r, path), (path,))]


def _received(report: dict, verb: str, sentence: str) -> list[Reading]:
    new = ("applications.new_received.total",)
    readings: list[Reading] = [("表三“本年新收政府信息公开申请数量”总计", cell(report, new[0]), new)]
    both = new + ("applications.carried_over.total",)
    carried = cell(report, both[1])
    # 受理 is read both ways in practice; 收到/新收 is the new applications only.
    if (verb == "受理" or "结转" in sentence) and carried:
        readings.append(("表三“本年新收”与“上年结转”之和", _cells_sum(report, both), both))
    return readings


def _appeal(groups: tuple[str, ...], label: str) -> Callable[[dict], list[Reading]]:
    paths = tuple(f"appeals.{g}.total" for g in groups)
    return lambda r: [(label, _cells_sum(r, paths), paths)]


@dataclass(frozen=True)
class Statement:
    key: str
    what: str  # what the sentence counts, as the finding says it
    pattern: re.Pattern
    readings: Callable[[dict], list[Reading]]
    needs_scope: bool = False  # the sentence must say the case arose from 信息公开
    row: str | None = None  # table 三 row, for the column-sum reading


STATEMENTS: tuple[Statement, ...] = (
    Statement("new_received", "收到（受理）政府信息公开申请", re.compile(
        rf"(?P<verb>收到|受理|接收|接到|新收|收悉){_GAP}{{0,24}}?(?:政府信息公开申请|信息公开申请|公开申请|依申请公开(?:申请)?)"
        r"(?:件|数|数量)?(?:共计|共|总计|合计|为)?(?P<n>\d+)(?:件|条)(?!次)"), lambda r: [], row="new_received"),
    Statement("total_processed", "办结", re.compile(
        rf"办结了?{_GAP}{{0,16}}?(?P<n>\d+)件(?!次)|(?P<n2>\d+)(?:件|条)(?:政府信息公开|信息公开|公开|依申请公开)?申请"
        r"(?:均已|已全部|已|全部|均)(?:按期|依法|按时|在法定期限内|在法定时限内|在规定时间内)?(?:答复)?(?:及|并)?办结"),
        _row("total_processed", "（七）总计"), row="total_processed"),
    Statement("granted", "予以公开", re.compile(r"予以公开(?:答复)?(?P<n>\d+)件(?!次)"),
              _row("granted", "（一）予以公开"), needs_scope=True, row="granted"),
    Statement("carried_over", "上年结转的申请", re.compile(
        rf"(?:上年度?结转|结转上年度?|上一年度结转){_GAP}{{0,16}}?(?P<n>\d+)件(?!次)"),
        _row("carried_over", "二、上年结转政府信息公开申请数量"), row="carried_over"),
    Statement("carried_forward", "结转下年度的申请", re.compile(
        r"结转(?:至|到)?下一?年度?(?:继续办理|办理)?(?P<n>\d+)件(?!次)"),
        _row("carried_forward", "四、结转下年度继续办理"), row="carried_forward"),
    Statement("review", "政府信息公开行政复议", re.compile(
        r"行政复议(?:案件|申请)?(?:共计|共|为)?(?P<n>\d+)(?:件|起|宗)(?!次)"),
        _appeal(("review",), "表四 行政复议总计"), needs_scope=True),
    Statement("litigation", "政府信息公开行政诉讼", re.compile(
        r"行政诉讼(?:案件)?(?:共计|共|为)?(?P<n>\d+)(?:件|起|宗)(?!次)"),
        _appeal(("litigation_direct", "litigation_after_review"), "表四 行政诉讼（未经复议直接起诉、复议后起诉）总计之和"),
        needs_scope=True),
)


def doubt(sentence: str, year: object, match: re.Match | None = None) -> str | None:
    """Why the sentence's figures may not be this year's table figures, or None."""
    upto = squeeze(sentence)[:match.end()] if match is not None else ""  # the match is on the squeezed sentence
    if _CHANNEL.search(upto) and not _WHOLE.search(upto):
        return "句中数字可能只是某一渠道的申请（如“网上”“信函”）"
    return year_doubt(sentence, year)


def _column_sum(report: dict, row: str | None) -> int | float | None:
    if row is None:
        return None
    return _cells_sum(report, tuple(f"applications.{row}.{k}" for k in c.APPLICANT_KEYS))


def _judge(report: dict, st: Statement, section: str, sentence: str, match: re.Match) -> dict:
    groups = match.groupdict()
    n = int(groups.get("n") or groups["n2"])
    verb = groups.get("verb") or ""
    readings = _received(report, verb, sentence) if st.key == "new_received" else st.readings(report)
    said = f"正文说{st.what} {n} 件"
    evidence = [quote(section, sentence)]
    evidence += [cell_evidence(label, "+".join(paths), value) for label, value, paths in readings]
    why = doubt(sentence, report.get("year"), match)
    if why is None and st.needs_scope and not _ABOUT_DISCLOSURE.search(squeeze(sentence)):
        why = "句中没有说明是否因政府信息公开引起"
    if why:
        return finding(RULE, "uncertain", f"{said}，但{why}，不与表格比较。", evidence)
    printed = [(label, value) for label, value, _ in readings if value is not None]
    if not printed:
        return finding(RULE, "not_assessable", f"{said}，表中对应的单元格没有数字。", evidence)
    if any(value == n for _, value in printed):
        label, value = next((lb, v) for lb, v in printed if v == n)
        return finding(RULE, "pass", f"{said}，与{label} {value} 一致。", evidence)
    columns = _column_sum(report, st.row)
    if columns is not None and columns == n:
        evidence.append({"label": "表三该行六类申请人之和", "value": columns})
        return finding(RULE, "uncertain", f"{said}，与{printed[0][0]} {printed[0][1]} 不一致，但等于该行六类申请人之和 "
                       f"{columns}（表格本身不合 C2）。", evidence)
    shown = "；".join(f"{label} {value}" for label, value in printed)
    return finding(RULE, "fail", f"{said}，而{shown}。", evidence)


def _judge_document(report: dict, st: Stated) -> dict:
    """A table 二 figure the text states (制发规范性文件 N 件) against its cell."""
    label = c.cell_label(st.path)
    value = cell(report, st.path)
    said = f"正文说{label.split(' ', 1)[1]} {st.value} 件"
    evidence = [quote(st.section, st.sentence), cell_evidence(label, st.path, value)]
    if st.doubt:
        return finding(RULE, "uncertain", f"{said}，但{st.doubt}，不与表格比较。", evidence)
    if value is None:
        return finding(RULE, "not_assessable", f"{said}，表中对应的单元格没有数字。", evidence)
    if value == st.value:
        settled = any(i.get("path") == st.path and i.get("rule") == "text" for i in report.get("inferred") or [])
        how = "（表中这一行的数字连在一起，正是按这句话确定拆分的）" if settled else ""
        return finding(RULE, "pass", f"{said}，与{label} {value} 一致{how}。", evidence)
    return finding(RULE, "fail", f"{said}，而{label}为 {value}。", evidence)


def check(report: dict) -> Iterator[dict]:
    seen: set[tuple[str, int, str]] = set()
    found = False
    for section in SECTIONS:
        for sentence in sentences(section_text(report, section)):
            flat = squeeze(sentence)
            if not _COUNTED.search(flat):  # most sentences state no count: skip the patterns
                continue
            for st in STATEMENTS:
                for match in st.pattern.finditer(flat):
                    key = (st.key, match.start(), flat)
                    if key in seen:
                        continue
                    seen.add(key)
                    found = True
                    yield _judge(report, st, section, sentence, match)
            for stated in document_statements(sentence, section, report.get("year")):
                found = True
                yield _judge_document(report, stated)
    if not found:
        yield finding(RULE, "not_assessable", "正文和各表所在部分都没有明确说明表中数字的句子。")
