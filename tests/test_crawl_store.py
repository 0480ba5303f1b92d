"""Files as published, provenance beside them, nothing overwritten: new, unchanged, a new
version beside the old one, twins stored once, readable and safe names."""
from __future__ import annotations

import json

from site_builder.crawl.fetch import Response
from site_builder.crawl.state import State
from site_builder.crawl.store import Store, file_name
from site_builder.read.provenance import sidecar_path

URL = "https://www.example.gov.cn/xxgk/nb/202501/t20250120_1.htm"
PAGE = b"<!DOCTYPE html><html><body>report v1</body></html>"


def _resp(url: str, body: bytes, **headers) -> Response:
    return Response(url, url, 200, {"content-type": "text/html", **headers}, body)


def _store(tmp_path) -> Store:
    return Store(tmp_path, State(tmp_path / ".crawl" / "state.json"), clock=lambda: "2026-01-01T00:00:00+00:00")


def test_new_then_unchanged_then_a_new_version_beside_the_old(tmp_path):
    store = _store(tmp_path)
    new = store.save(_resp(URL, PAGE, etag='"a"'), "reports/福建省", {"title": "某局2024年政府信息公开工作年度报告",
                                                                    "list_date": "2025-01-20"})
    assert new.outcome == "new" and new.file == "reports/福建省/t20250120_1.htm"
    assert (tmp_path / new.file).read_bytes() == PAGE
    prov = json.loads(sidecar_path(tmp_path / new.file).read_text(encoding="utf-8"))
    assert prov["url"] == URL and prov["list_date"] == "2025-01-20" and prov["http"]["etag"] == '"a"'
    assert prov["fetched"] == "2026-01-01T00:00:00+00:00" and len(prov["sha256"]) == 64
    assert store.save(_resp(URL, PAGE), "reports/福建省", {}).outcome == "unchanged"
    changed = store.save(_resp(URL, PAGE.replace(b"v1", b"v2")), "reports/elsewhere", {})
    assert changed.outcome == "changed" and changed.file == "reports/福建省/t20250120_1.v2.htm"
    assert changed.previous == new.file and (tmp_path / new.file).read_bytes() == PAGE  # the old one stays
    third = store.save(_resp(URL, PAGE.replace(b"v1", b"v3")), "reports/福建省", {})
    assert third.file == "reports/福建省/t20250120_1.v3.htm"
    assert [v["file"] for v in store.state.urls[URL]["versions"]] == [new.file, changed.file, third.file]
    assert json.loads(sidecar_path(tmp_path / third.file).read_text(encoding="utf-8"))["previous"] == changed.file


def test_same_bytes_at_another_url_are_stored_once_as_twins(tmp_path):
    store = _store(tmp_path)
    first = store.save(_resp(URL, PAGE), "reports/a", {})
    other = URL.replace("t20250120_1", "t20250121_9")
    twin = store.save(_resp(other, PAGE), "reports/b", {})
    assert twin.outcome == "twin" and twin.file == first.file and twin.twin_of == URL
    assert not (tmp_path / "reports" / "b").exists()
    assert json.loads(sidecar_path(tmp_path / first.file).read_text(encoding="utf-8"))["also_at"] == [other]


def test_a_name_taken_by_other_bytes_is_never_overwritten(tmp_path):
    folder = tmp_path / "reports" / "a"
    folder.mkdir(parents=True)
    (folder / "t20250120_1.htm").write_bytes(b"put there by hand")
    saved = _store(tmp_path).save(_resp(URL, PAGE), "reports/a", {})
    assert saved.file == "reports/a/t20250120_1-2.htm"
    assert (folder / "t20250120_1.htm").read_bytes() == b"put there by hand"
    # A lost state: the same bytes already under the name are taken as they are, not copied again.
    again = _store(tmp_path).save(_resp(URL, PAGE), "reports/a", {})
    assert again.outcome == "unchanged" and again.file == saved.file


def test_file_names_say_what_the_bytes_are():
    assert file_name("https://a.gov.cn/nb/年报2023.pdf", b"%PDF-1.7", {}) == "年报2023.pdf"
    assert file_name("https://a.gov.cn/nb/content.jsp?id=7", b"<html></html>", {}).startswith("content-")
    assert file_name("https://a.gov.cn/nb/content.jsp?id=7", b"<html></html>", {}).endswith(".html")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8
    assert file_name("https://a.gov.cn/nb/P1.wps", ole, {}) == "P1.wps"
    assert file_name("https://a.gov.cn/nb/download?f=1", ole, {"content-type": "application/msword"}).endswith(".doc")
    assert file_name("https://a.gov.cn/nb/P1.ofd", b"PK\x03\x04", {}) == "P1.ofd"
    assert file_name("https://a.gov.cn/nb/../..%2F..%2Fetc/", b"text", {}) == "index.txt"
    assert "/" not in file_name("https://a.gov.cn/a%2F..%2F..%2Fx.htm", b"<html>", {})
