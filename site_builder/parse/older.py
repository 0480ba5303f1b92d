"""Reports older than the 2019 form: recognised by their title, published as documents.

A report on 2018 or earlier has none of the 2019/2021 forms' tables, so the parser finds no
table 三 in it ("not a report"). When its title says it is a 政府信息公开 annual report on a
year before 2019 (its printed title, the title a CMS's metadata gives, or the title the list
page gave it, kept in the crawl's provenance), it is an annual report of an older form: the
site lists it on its agency's page as a document (title, year, link), outside the statistics,
the cells' exports, the rules and the audit.
"""
from __future__ import annotations

from site_builder.parse.layout import agency_and_year, find_title
from site_builder.parse.titles import OLDER_FORM, classify, report_title
from site_builder.read import RawDocument
from site_builder.read.meta import KEYS
from site_builder.read.provenance import load, provenance_meta, provenance_title

TITLE_LINES = 80  # a saved portal page opens with its navigation before the article's title


def older_form_document(source: str, doc: RawDocument | None, provenance: bytes | None = None) -> dict | None:
    """`{"source", "agency", "year", "title", "published", "url", "publisher", "form": "pre-2019"}`
    when a title says the file is an annual report on a year before 2019; else None.
    `doc` is None when the file could not be read at all (the provenance alone then speaks)."""
    if doc is not None:  # read with its provenance: title_hint and meta hold what it says
        candidates = [doc.title_hint, find_title(doc.lines, TITLE_LINES)[0]]
        meta = doc.meta
    else:
        prov = load(provenance)
        candidates, meta = [provenance_title(prov)], provenance_meta(prov)
    for candidate in candidates:
        title = report_title(candidate or "")
        if title is None:
            continue
        verdict = classify(title)
        agency, _ = agency_and_year(title)
        if not verdict.older_form or agency is None:
            return None  # the best title names a current-form year, or no body: not a document
        return {"source": source, "agency": agency, "year": verdict.year, "title": title,
                **{k: meta.get(k) for k in KEYS}, "form": OLDER_FORM}
    return None
