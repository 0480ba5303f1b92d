"""Reports older than the 2019 form are recognised by their title and published as documents;
a current-form report without its tables, and a document that is no report, stay rejected."""
from __future__ import annotations

import json
from pathlib import Path

from site_builder.parse.titles import OLDER_FORM
from site_builder.pipeline import parse_bytes

PORTAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "portal" / "www.pingtan.gov.cn"
CZJ = PORTAL / "zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb"
DOCUMENT_KEYS = {"source", "agency", "year", "title", "published", "url", "publisher", "form"}


def _parse(path: Path, provenance: dict | None = None) -> dict:
    raw = json.dumps(provenance, ensure_ascii=False).encode() if provenance else None
    return parse_bytes(path.read_bytes(), path.name, path.suffix, False, raw)


def test_a_2017_report_page_is_a_document_with_its_metadata():
    got = _parse(CZJ / "201801" / "t20180105_80495.htm")
    assert set(got) == DOCUMENT_KEYS
    assert got["form"] == OLDER_FORM and got["year"] == 2017
    assert got["agency"] == "平潭综合实验区财政金融局"
    assert got["title"] == "平潭综合实验区财政金融局2017 年政府信息公开工作年度报告"  # not the <title>'s site suffix
    assert got["published"] == "2018-01-05" and got["url"].endswith("t20180105_80495.htm")


def test_current_form_title_without_tables_and_a_self_check_report_are_rejected():
    assert "error" in _parse(CZJ / "202001" / "t20200106_80560.htm")  # 2019 report, title only
    assert "error" in _parse(CZJ / "201801" / "t20180108_80497.htm")  # 自查报告


def test_an_unreadable_attachment_is_a_document_by_its_provenance(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # a legacy Word file that cannot be read
    provenance = {"url": "https://www.example.gov.cn/nb/P0201601.doc", "title": "某某县财政局2015年度政府信息公开工作年度报告",
                  "list_date": "2016-01-20"}
    got = parse_bytes(ole, "P0201601.doc", ".doc", False, json.dumps(provenance, ensure_ascii=False).encode())
    assert got["form"] == OLDER_FORM and (got["agency"], got["year"]) == ("某某县财政局", 2015)
    assert (got["published"], got["url"]) == ("2016-01-20", provenance["url"])
    assert "error" in parse_bytes(ole, "P0201601.doc", ".doc")  # without the provenance: no title, rejected
