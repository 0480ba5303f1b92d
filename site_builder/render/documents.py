"""Reports older than the 2019 form, and files the reader cannot read yet: listed, never counted.

A report on 2018 or earlier (`"form": "pre-2019"`, parse/older.py) has no table of the current
forms. It is published as a document, title, year and link, on its agency's page (or, for a
body that published nothing since, on the page of older reports), and stays outside the
statistics, the exports of cells, the rules and the audit.

Kept apart from the model and page modules on purpose: the build calls `split_documents`
before grouping and `attach_documents` after it, and the pages call the two renderers below.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from site_builder import agencies as ag
from site_builder.parse.titles import OLDER_FORM
from site_builder.read import UNREADABLE_FORMATS
from site_builder.render.env import Page, render
from site_builder.render.sources import web_url

DOCUMENTS_DIR = "documents"


@dataclass
class Shelf:
    """One body's older-form reports; `agency_url` is its agency page when it has one."""
    name: str
    region: str
    documents: list[dict]
    agency_url: str | None = None


def is_document(report: dict) -> bool:
    return report.get("form") == OLDER_FORM and "error" not in report


def split_documents(reports: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """(reports of the current forms and rejected inputs, older-form documents)."""
    current, documents = [], []
    for report in reports:
        (documents if is_document(report) else current).append(report)
    return current, documents


def attach_documents(agencies: list, documents: list[dict], registry: list[dict[str, str]] = ()) -> list[Shelf]:
    """Group the documents by body as reports are grouped (same place and body name, same id) and
    put each body's documents on its agency (`Agency.documents`) when it has published reports."""
    from site_builder.render.agency import agency_dir

    by_id = {a.agency_id: a for a in agencies}
    shelves = []
    for record in ag.resolve(documents, list(registry)).agencies:
        docs = sorted((documents[i] for i in record.members), key=lambda d: (d["year"], str(d.get("source"))))
        agency = by_id.get(record.agency_id)
        if agency is not None:
            agency.documents = docs
        shelves.append(Shelf(agency.name if agency else record.name, record.region or ag.UNSETTLED, docs,
                             agency_dir(agency) + "/" if agency else None))
    return sorted(shelves, key=lambda s: (s.region, s.name))


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
    root = "../"
    bodies = [{"name": s.name, "region": s.region, "url": root + s.agency_url if s.agency_url else None,
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
