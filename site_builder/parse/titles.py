"""Is this title an annual report, and of which year? Read the way a person reads a list.

A 年报 column lists more than reports (a 自查报告, the notice asking bodies to write them, a
解读 of one), and titles vary: `…2017 年政府信息公开工作年度报告`, `…2022年度 政府信息公开…`,
`…2010年度信息公开年度报告`, `…2011年政府信息公开工作报告`, `…关于2014年度…年度报告`,
`…政府信息公开年报（2023年）`, `二〇二三年…`, a file name `….pdf` as the link text. A title is a
report when it speaks of 信息公开, names a year, and its head noun (its last words, after any
bracketed note such as （更正）) is 年度报告, 工作报告 or 年报.

Pure functions: the crawl uses them on list pages, the parser on a page whose text shows no
tables of the 2019 or 2021 form (a report older than those forms is recognised by its title).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from site_builder.parse import tokens

# A year as a report's title prints it (also layout's, which finds the body before or after it).
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")

# The 2019 form (国办公开办函〔2019〕60号) starts with the reports on 2019; earlier reports have
# no table 三 of the current forms.
FIRST_FORM_YEAR = 2019
OLDER_FORM = "pre-2019"

_HEAD_NOUN = re.compile(r"(?:年度报告|工作报告|年报|报告书)$")
# What a title that speaks of a report is, when it is not the report itself.
_NOT_REPORT = (("解读", "报告的解读，不是报告本身"), ("图解", "报告的图解，不是报告本身"),
               ("一图读懂", "报告的图解，不是报告本身"), ("自查", "自查报告"), ("通知", "通知"),
               ("答记者问", "答问"), ("统计表", "统计表"))
_NOTE = re.compile(r"[（(【\[〔][^（）()【】\[\]〔〕]{0,20}[）)】\]〕]$")
_EXTENSION = re.compile(r"\.(?:pdf|docx?|wps|ofd|xlsx?|html?|txt)$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_CN_YEAR = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})\s*年")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|——| - | – )\s*")


@dataclass(frozen=True)
class Verdict:
    is_report: bool
    year: int | None
    reason: str = ""  # why it is not a report (empty for a report)

    @property
    def older_form(self) -> bool:
        """A report on a year before the 2019 form (its tables are not the current form's)."""
        return self.is_report and self.year is not None and self.year < FIRST_FORM_YEAR


def normalize(title: str) -> str:
    """tokens.normalize (NFKC: full-width digits and brackets; no white space), no file extension."""
    return _EXTENSION.sub("", tokens.normalize(title or ""))


def arabic_years(text: str) -> str:
    """`二〇二三年` as `2023年`: a year printed in Chinese numerals, written as the forms print it."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", text)


def title_year(title: str) -> int | None:
    """The year the title names: `2017 年`, `二〇二三年`, `（2023年）`, or a bare `2023`."""
    text = arabic_years(unicodedata.normalize("NFKC", title or ""))
    m = YEAR_RE.search(text) or _BARE_YEAR.search(text)
    return int(m.group(1)) if m else None


def classify(title: str) -> Verdict:
    """Whether a title (a list entry, a page's title) is a government information disclosure
    annual report, its year, and otherwise why not."""
    text = normalize(title)
    year = title_year(title)
    if not text:
        return Verdict(False, year, "没有标题")
    for word, what in _NOT_REPORT:
        if word in text:
            return Verdict(False, year, f"不是年度报告：{what}")
    if "信息公开" not in text:
        return Verdict(False, year, "标题不是政府信息公开年度报告（没有“信息公开”）")
    head = text
    while _NOTE.search(head):  # （更正）, （2023年）, 【全文】: a note after the head noun
        head = _NOTE.sub("", head)
    if not _HEAD_NOUN.search(head):
        return Verdict(False, year, "标题不是年度报告（不以“年度报告”“工作报告”“年报”结尾）")
    if year is None:
        return Verdict(False, None, "标题没有写明年度")
    return Verdict(True, year)


def report_title(text: str) -> str | None:
    """The report's title in a page title such as `X年度报告_政府信息公开年报_某某网站`: the first
    part that is a report title; None when no part is."""
    for part in _TITLE_SEPARATORS.split(text or ""):
        part = " ".join(part.split())
        if part and classify(part).is_report:
            return part
    return None
