"""What a page says about itself: publication date, original address, publisher.

Three sources, best first: HTML <meta> tags a CMS writes (PubDate, Url,
ContentSource); the header lines a crawler or a portal prints above the report
(`发布时间: 2025-01-23 16:43`, `原文链接: https://…`, `发布机构: …`, `来源：… 时间：…`);
nothing else. PDF and Word document properties are not used: their creation and
modification dates say when a file was made (often from a template, months before
or after the report was published) and their author is a person or a machine
name, not the publishing body, so a null is better than a wrong value there.

An empty field (`发布机构:` with nothing after it) is null, never "".
"""
from __future__ import annotations

import re
from datetime import date

KEYS = ("published", "url", "publisher")
HEADER_LINES = 30  # crawler and portal headers come before the report's own text
_MAX_HEADER_LENGTH = 120  # a longer line is report text, not a header

_LABELS = {
    "published": ("发布时间", "发布日期", "公开日期", "公开时间", "发文日期", "时间", "日期"),
    "url": ("原文链接", "原文地址", "原始链接", "链接", "网址", "URL", "url"),
    "publisher": ("发布机构", "发布单位", "信息来源", "来源", "发文机关"),
}
_ALL_LABELS = sorted((label for labels in _LABELS.values() for label in labels), key=len, reverse=True)
# A label at the start of a line or after a space (来源：X 时间：Y), then a colon.
_FIELD = re.compile(r"(?:^|(?<=\s))(" + "|".join(map(re.escape, _ALL_LABELS)) + r")\s*[:：]")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_URL = re.compile(r"https?://[^\s\"'<>]+")
_NOT_A_BODY = re.compile(r"^(?:栏目|所属栏目|分类|主题分类)\s*[:：]")

_META_NAMES = {
    "published": ("pubdate", "firstpublishedtime", "publishdate", "article:published_time"),
    "url": ("url", "og:url"),
    "publisher": ("contentsource", "source"),
}


def empty_meta() -> dict:
    return {k: None for k in KEYS}


def iso_date(text: str | None) -> str | None:
    """The first real calendar date in the text as YYYY-MM-DD, or None."""
    if not text:
        return None
    for m in _DATE.finditer(text):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None


def clean_field(key: str, value: str | None) -> str | None:
    """A metadata value as the contract keeps it: a date as ISO, an address found in the text, a
    publisher (never a CMS column's name), white space collapsed; None when nothing is left."""
    value = " ".join((value or "").split())
    if not value:
        return None
    if key == "published":
        return iso_date(value)
    if key == "url":
        m = _URL.search(value)
        return m.group(0) if m else None
    if _NOT_A_BODY.match(value):  # `栏目: 政府信息公开年报` in a CMS's ContentSource names a column
        return None
    return value[:100]


def header_fields(line: str) -> dict:
    """The fields one header line names: `发布机构: X`, `来源：X 时间：Y` (two fields on one line)."""
    if len(line) > _MAX_HEADER_LENGTH:
        return {}
    found = list(_FIELD.finditer(line))
    out: dict = {}
    for n, m in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(line)
        key = next(k for k, labels in _LABELS.items() if m.group(1) in labels)
        if key not in out:
            out[key] = clean_field(key, line[m.end():end])
    return out


def text_meta(lines: list[str]) -> dict:
    """Metadata from the header lines before the report; the first line naming a field wins,
    even when it names it empty (an empty 发布机构 is a publisher the page does not state)."""
    meta: dict = {}
    for line in lines[:HEADER_LINES]:
        for key, value in header_fields(line.strip()).items():
            meta.setdefault(key, value)
    return {k: meta.get(k) for k in KEYS}


def html_meta(tags: list[tuple[str, str]]) -> dict:
    """Metadata from <meta name=… content=…> pairs (names compared without case)."""
    meta = empty_meta()
    for name, content in tags:
        name = name.strip().lower()
        for key, names in _META_NAMES.items():
            if name in names and meta[key] is None:
                meta[key] = clean_field(key, content)
    return meta


_TITLE_NAMES = ("articletitle", "og:title", "dc.title")


def html_title(tags: list[tuple[str, str]]) -> str | None:
    """The article's title as the CMS's <meta name="ArticleTitle"> (or og:title) gives it."""
    for name, content in tags:
        if name.strip().lower() in _TITLE_NAMES and content.strip():
            return " ".join(content.split())
    return None


def merge(*metas: dict) -> dict:
    """Each field from the first source that states it."""
    out = empty_meta()
    for meta in metas:
        for key in KEYS:
            if out[key] is None and meta.get(key) is not None:
                out[key] = meta[key]
    return out
