"""Figures the report's own sentences state about table 二, as the cells they mean.

A flattened row (`行政规范性文件15621`) can have several cuts that no rule
separates; the report often says the same figure in words
(`我局废止规范性文件6件，制定规范性文件15件`). The parser uses such statements to
choose a cut (settle.py) and the audit (T2) compares them with the tables, so
both read sentences here, the same way.

Only a statement of the same measure counts: documents made (制定, 制发, 出台,
印发), repealed (废止, 失效) or in force (现行有效), counted in 件, of 规章 or of
规范性文件, and decisions (行政许可决定 N 件). Items of information published
(`规范性文件类信息6条`), drafts, reviews and filings are other measures. A
sentence about another year, a comparison, a cumulative or rounded figure or a
plan is kept with the reason it may not be this year's figure (`doubt`), and
settles nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")
_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_COMPARISON = re.compile(r"同比|较上年|比上年|较去年|比去年|上升|下降|增长|减少|增加|以来|环比")
_APPROXIMATE = re.compile(r"\d+余件|\d+多件|约\d|近\d|超过\d|逾\d")
_LAST_YEAR = re.compile(r"上年|去年|上一年|前一年")
# Figures over several years, or not yet reached: never this year's table cell.
_NOT_THIS_YEAR = re.compile(r"累计|历年|先后|近[一二三四五两\d]年|将|拟|计划|预计|力争")

_KIND = r"行政规范性文件|规范性文件|政府规章|部门规章|规章"
_GENERIC = r"文件|件数"
_MEASURE_WORDS = {
    "issued": r"新制定|新制发|新出台|新印发|制定|制发|出台|印发",
    "repealed": r"宣布失效|确认失效|清理废止|废止|失效",
    "in_force": r"现行有效",
}
_VERB = "|".join(_MEASURE_WORDS.values())
_COUNT = r"(?:共计|共|合计|总计|为|有|达)?"
# 制发行政规范性文件9件, 确认失效或废止文件7件, 现行有效件数424件; 规范性文件制发9件; 制定9件规范性文件
_DOCUMENT_PATTERNS = (
    re.compile(rf"(?P<verb>{_VERB})(?:的|了)?(?:或(?:废止|失效)|和(?:废止|失效))?"
               rf"(?P<noun>{_KIND}|{_GENERIC})?(?:数量|数)?{_COUNT}(?P<n>\d+)件(?!次)"),
    re.compile(rf"(?P<noun>{_KIND}){_COUNT}(?P<verb>{_VERB})(?:了)?{_COUNT}(?P<n>\d+)件(?!次)"),
    re.compile(rf"(?P<verb>{_VERB})(?:了)?(?P<n>\d+)件(?P<noun>{_KIND})"),
)
_DECISION = re.compile(rf"行政(?P<kind>许可|处罚|强制)决定(?:书)?{_COUNT}(?P<n>\d+)(?:件|个|份)(?!次)")
_DECISION_ROWS = {"许可": "licensing", "处罚": "punishment", "强制": "enforcement"}
_KIND_RE = re.compile(_KIND)
_CLAUSE_END = re.compile(r"[，,。；;、）)！!？?]|$")


@dataclass(frozen=True)
class Stated:
    """One figure a sentence states, as the contract cell it means."""

    path: str  # active.normative_documents.issued
    value: int
    sentence: str  # as printed
    section: str  # where it stands: overview, problems, other, or a table part (active, applications, appeals)
    doubt: str | None = None  # why it may not be this year's figure; None when it is


def squeeze(text: str) -> str:
    """Whitespace removed: Chinese text runs without spaces, and PDF/OCR text breaks lines anywhere."""
    return _SPACES.sub("", text)


def sentences(text: str) -> Iterator[str]:
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if piece:
            yield piece


def doubt(sentence: str, year: object) -> str | None:
    """Why a sentence's figures may not be this year's table figures, or None."""
    flat = squeeze(sentence)
    years = {int(y) for y in _YEAR.findall(flat)}
    if isinstance(year, int) and years - {year}:
        return f"句中提到其他年份（{'、'.join(str(y) for y in sorted(years - {year}))}年）"
    if m := _COMPARISON.search(flat):
        return f"句中有比较（“{m.group(0)}”），数字可能是差额或跨年累计"
    if m := _APPROXIMATE.search(flat):
        return f"句中数字是约数（“{m.group(0)}”）"
    return None


def _row_of(noun: str) -> str:
    return "regulations" if noun.endswith("规章") else "normative_documents"


def _measure(verb: str) -> str:
    return next(m for m, words in _MEASURE_WORDS.items() if re.fullmatch(words, verb))


def document_statements(sentence: str, section: str, year: object) -> list[Stated]:
    """Table 二 figures one sentence states: documents made, repealed, in force; decisions."""
    flat = squeeze(sentence)
    if "件" not in flat and "个" not in flat and "份" not in flat:
        return []
    why = doubt(sentence, year) or _other_year(flat, year)
    found: dict[int, Stated] = {}
    for pattern in _DOCUMENT_PATTERNS:
        for m in pattern.finditer(flat):
            if m.start("n") in found:
                continue
            noun = m.group("noun") or ""
            if not _KIND_RE.fullmatch(noun):
                # 文件, 件数 or nothing: the kind the sentence named last before it (制发规范性文件9件，
                # 废止文件7件), if the clause ends there (印发3件会议纪要 counts something else); a
                # sentence that names no kind says nothing about table 二.
                before = _KIND_RE.findall(flat, 0, m.start())
                if not before or not _CLAUSE_END.match(flat, m.end()):
                    continue
                noun = before[-1]
            mine = why or _plan(flat, m.start())
            path = f"active.{_row_of(noun)}.{_measure(m.group('verb'))}"
            found[m.start("n")] = Stated(path, int(m.group("n")), sentence, section, mine)
    for m in _DECISION.finditer(flat):
        path = f"active.{_DECISION_ROWS[m.group('kind')]}.decisions"
        found.setdefault(m.start("n"), Stated(path, int(m.group("n")), sentence, section, why or _plan(flat, m.start())))
    return [found[k] for k in sorted(found)]


def _other_year(flat: str, year: object) -> str | None:
    """Table 二's cells are this year's: a sentence about last year, or naming a year when the
    report's own is unknown, settles nothing."""
    if m := _LAST_YEAR.search(flat):
        return f"句中说的是上一年（“{m.group(0)}”）"
    if not isinstance(year, int) and _YEAR.search(flat):
        return "报告年度不明，句中年份无法核对"
    return None


def _plan(flat: str, start: int) -> str | None:
    """A cumulative figure or a plan (累计制定, 将制定) in the clause before the figure."""
    clause = re.split(r"[，,；;：:]", flat[:start])[-1] + flat[start:start + 4]
    m = _NOT_THIS_YEAR.search(clause)
    return f"句中数字可能不是本年度的（“{m.group(0)}”）" if m else None


def report_statements(texts: dict[str, str], year: object) -> list[Stated]:
    """Every table 二 figure stated in the given texts (section key -> text)."""
    out: list[Stated] = []
    for section, text in texts.items():
        for sentence in sentences(text or ""):
            out += document_statements(sentence, section, year)
    return out
