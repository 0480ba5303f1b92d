"""Reports older than the 2019 form, grouped by body as reports are: listed, never counted.

A report on 2018 or earlier (`"form": "pre-2019"`, parse/older.py) has no table of the current
forms. The model puts it on its agency (`Agency.documents`), or, for a body that published
nothing since, on a shelf of its own; it stays outside the statistics, the exports of cells,
the rules and the audit. render/documents.py presents them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from site_builder import agencies as ag
from site_builder.model.portal import Agency
from site_builder.parse.titles import OLDER_FORM


@dataclass
class Shelf:
    """One body's older-form reports; `agency` is its agency when it has published reports."""
    name: str
    region: str
    documents: list[dict]
    agency: Agency | None = None


def is_document(report: dict) -> bool:
    return report.get("form") == OLDER_FORM and "error" not in report


def split_documents(reports: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """(reports of the current forms and rejected inputs, older-form documents)."""
    current, documents = [], []
    for report in reports:
        (documents if is_document(report) else current).append(report)
    return current, documents


def attach_documents(agencies: list[Agency], documents: list[dict],
                     registry: list[dict[str, str]] = ()) -> list[Shelf]:
    """Group the documents by body as reports are grouped (same place and body name, same id) and
    put each body's documents on its agency (`Agency.documents`) when it has published reports."""
    by_id = {a.agency_id: a for a in agencies}
    shelves = []
    for record in ag.resolve(documents, list(registry)).agencies:
        docs = sorted((documents[i] for i in record.members), key=lambda d: (d["year"], str(d.get("source"))))
        agency = by_id.get(record.agency_id)
        if agency is not None:
            agency.documents = docs
        shelves.append(Shelf(agency.name if agency else record.name, record.region or ag.UNSETTLED, docs, agency))
    return sorted(shelves, key=lambda s: (s.region, s.name))
