"""The sources file: one row per column; a region path or code becomes the folder; a bad row is
reported with its line and stops nothing else."""
from __future__ import annotations

import pytest

from site_builder.crawl.sources import SourcesError, read_sources

COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/"


def _write(tmp_path, text: str):
    path = tmp_path / "sources.csv"
    path.write_text(text, encoding="utf-8-sig")  # with a BOM, as a spreadsheet saves it
    return path


def test_rows_with_and_without_the_optional_columns(tmp_path):
    path = _write(tmp_path, "url,agency,region,more_urls\n"
                            f"{COLUMN},平潭综合实验区财政金融局,福建省/平潭综合实验区,{COLUMN}index_1.htm {COLUMN}index_2.htm\n"
                            "https://www.example.gov.cn/xxgk/,,350128,\n"
                            "https://www.example.gov.cn/其他/年报/,淮安市洪泽区人民政府,,\n"
                            "https://www.example.gov.cn/x/,,,\n")
    rows, problems = read_sources(path)
    assert problems == []
    first, second, third, fourth = rows
    assert first.url == COLUMN and first.line == 2
    assert first.more == (COLUMN + "index_1.htm", COLUMN + "index_2.htm")
    assert first.folder() == "reports/福建省/平潭综合实验区/平潭综合实验区财政金融局"
    assert second.folder() == "reports/福建省/福州市/平潭综合实验区"  # a code becomes its GB/T 2260 path
    assert third.url == "https://www.example.gov.cn/%E5%85%B6%E4%BB%96/%E5%B9%B4%E6%8A%A5/"
    assert third.folder() == "reports/江苏省/淮安市/洪泽区/淮安市洪泽区人民政府"  # the region the body's name opens with
    assert fourth.folder() == "reports/地区未定"
    assert fourth.folder("洪泽区财政局") == "reports/江苏省/淮安市/洪泽区"  # a report title's body places it


def test_bad_rows_are_reported_with_their_line(tmp_path):
    path = _write(tmp_path, "url,region\n"
                            "ftp://www.example.gov.cn/x/,\n"
                            f"{COLUMN},999999\n"
                            f"{COLUMN},火星省\n"
                            f"{COLUMN},福建省\n"
                            f"{COLUMN},福建省\n")
    rows, problems = read_sources(path)
    assert [r.line for r in rows] == [5]
    assert [p.split(":")[0] for p in problems] == ["sources.csv line 2", "sources.csv line 3",
                                                   "sources.csv line 4", "sources.csv line 6"]
    assert "listed twice" in problems[-1]


def test_a_sources_file_that_cannot_be_used_says_why(tmp_path):
    with pytest.raises(SourcesError, match="no sources file"):
        read_sources(tmp_path / "missing.csv")
    with pytest.raises(SourcesError, match="no `url` column"):
        read_sources(_write(tmp_path, "address,agency\nhttps://a.gov.cn/,x\n"))
