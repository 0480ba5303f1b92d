"""Reports older than the 2019 form, and files the reader cannot read yet: listed, never counted.

A report on 2018 or earlier (`"form": "pre-2019"`, parse/older.py) has no table of the current
forms. It is published as a document, title, year and link, on its agency's page (or, for a
body that published nothing since, on the page of older reports), and stays outside the
statistics, the exports of cells, the rules and the audit.

The model groups them (model/documents.py); the agency page and the page of older reports call
the two renderers below.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from site_builder.model.documents import Shelf
from site_builder.read import UNREADABLE_FORMATS
from site_builder.render.env import Page, render
from site_builder.render.sources import web_url

DOCUMENTS_DIR = "documents"


ServedPath = Callable[[str], "str | None"]  # a source -> its path on the site when served (SourcePlan.served_path)


def _rows(documents: list[dict], served_path: ServedPath, root: str) -> list[dict]:
    rows = []
    for d in documents:
        local = served_path(str(d.get("source")))
        rows.append({"year": d.get("year"), "title": d.get("title") or "", "published": d.get("published"),
                     "url": web_url(d), "file": root + local if local else None,
                     "name": PurePosixPath(str(d.get("source"))).name})
    return rows


def agency_section(documents: list[dict], served_path: ServedPath, root: str) -> str:
    """The agency page's section of its older-form reports ("" when it has none)."""
    if not documents:
        return ""
    return render("_documents.md.j2", rows=_rows(documents, served_path, root))


def documents_page(shelves: list[Shelf], served_path: ServedPath) -> Page:
    from site_builder.render.agency import year_url  # agency imports this module

    root = "../"
    bodies = [{"name": s.name, "region": s.region, "url": root + year_url(s.agency) if s.agency else None,
               "rows": _rows(s.documents, served_path, root)} for s in shelves]
    body = render("documents.md.j2", bodies=bodies, count=sum(len(s.documents) for s in shelves))
    return Page(DOCUMENTS_DIR, "2019 年以前的年度报告", body,
                {"description": "2019 年以前格式的政府信息公开工作年度报告：标题、年度与原文"})


def skipped_reason(source: str) -> str:
    """Why a file of the content folder was not read: a known report format the reader cannot read
    yet (named, with its suffix), or not a report format at all."""
    suffix = PurePosixPath(source).suffix.lower()
    if suffix in UNREADABLE_FORMATS:
        return f"{UNREADABLE_FORMATS[suffix]}（{suffix}）：门户暂不能读取这种格式，文件已保存，未解析"
    return "不是支持的报告格式，已跳过"
