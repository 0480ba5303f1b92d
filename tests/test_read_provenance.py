"""A crawled file's provenance (`<file>.provenance.json`) fills what the file does not say
about itself, is read with its file (never as an input of its own), and keys the parse cache."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from bundled import bundled

from site_builder import collect
from site_builder.pipeline import parse_bytes, parse_file
from site_builder.read.provenance import SIDECAR_SUFFIX, provenance_meta, sidecar_path

URL = "https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/202401/t20240131_86688.htm"


def _sidecar(path: Path, **fields) -> Path:
    target = sidecar_path(path)
    target.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return target


def test_sidecar_fills_what_the_file_does_not_say(tmp_path):
    # The Markdown conversion says nothing about itself: every field comes from the provenance.
    report = tmp_path / "sh-office-2025.md"
    shutil.copyfile(bundled("sh-office-2025.md"), report)
    assert parse_file(report)["url"] is None
    _sidecar(report, url="https://www.shanghai.gov.cn/x/report.md", list_date="2026-01-20",
             page_published="2026-01-19 09:30", page_publisher="上海市人民政府办公厅")
    got = parse_file(report)
    assert (got["published"], got["url"], got["publisher"]) == (
        "2026-01-19", "https://www.shanghai.gov.cn/x/report.md", "上海市人民政府办公厅")


def test_the_file_speaks_first(tmp_path):
    # pt-czj-2023.txt prints 发布时间 and 原文链接 itself: the provenance only fills its blanks.
    report = tmp_path / "pt-czj-2023.txt"
    shutil.copyfile(bundled("pt-czj-2023.txt"), report)
    _sidecar(report, url="https://elsewhere.example/x.htm", list_date="2030-01-01", page_publisher="区财政金融局")
    got = parse_file(report)
    assert (got["published"], got["url"], got["publisher"]) == ("2024-01-31", URL, "区财政金融局")


def test_damaged_or_odd_provenance_is_ignored():
    assert provenance_meta({"url": "javascript:alert(1)", "list_date": "not a date"}) == {
        "published": None, "url": None, "publisher": None}
    data = bundled("pt-czj-2023.txt").read_bytes()
    assert parse_bytes(data, "x.txt", ".txt", False, b"{not json")["published"] == "2024-01-31"


def test_sidecar_is_no_input_and_a_changed_sidecar_is_parsed_again(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "reports").mkdir(parents=True)
    report = content / "reports" / "sh-office-2025.md"
    shutil.copyfile(bundled("sh-office-2025.md"), report)
    _sidecar(report, url="https://a.example/1.md")
    inputs, skipped = collect.find_inputs(content)
    assert inputs == [report] and skipped == []
    assert not any(p.name.endswith(SIDECAR_SUFFIX) for p in inputs + skipped)
    cache = tmp_path / "cache"
    assert collect.parse_all(content, cache_dir=cache, jobs=1)[0]["url"] == "https://a.example/1.md"
    _sidecar(report, url="https://a.example/2.md")
    assert collect.parse_all(content, cache_dir=cache, jobs=1)[0]["url"] == "https://a.example/2.md"
