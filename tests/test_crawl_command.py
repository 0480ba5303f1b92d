"""`site_builder crawl` against the recorded portal (../shared/corpus/portal, served on 127.0.0.1
through --mirror): every annual report its lists link to is collected with its provenance, the
自查报告 is skipped saying why, the items only the portal's search API pages are counted, a second
run fetches no report page again, and the README's build publishes the reports with their `url`
and `published`."""
from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from crawl_server import PINGTAN, PORTAL

from site_builder.build import build
from site_builder.cli import main
from site_builder.read.provenance import SIDECAR_SUFFIX
from site_data import published_reports

pytestmark = pytest.mark.usefixtures("loopback_only")  # nothing leaves 127.0.0.1

AGENT = "test-crawler/1.0 (+tests; ops@example.org)"
MANIFEST = json.loads((PORTAL / "manifest.json").read_text(encoding="utf-8"))
LINKED = [p for p in MANIFEST["pages"] if p["kind"] == "document" and p["mirrored"]]
REPORTS = {p["url"]: p for p in LINKED if p["is_annual_report"]}


def _sources(content: Path) -> None:
    content.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"{c['list_url']},{c['agency']},福建省/平潭综合实验区\n" for c in MANIFEST["columns"])
    (content / "sources.csv").write_text("url,agency,region\n" + rows, encoding="utf-8")


def _crawl(web, content: Path, *extra: str) -> int:
    return main(["crawl", "--content", str(content), "--mirror", f"{PINGTAN}={web.base('pingtan')}",
                 "--delay", "0.05", "--user-agent", AGENT, "--quiet", *extra])


def _saved(content: Path) -> dict[str, dict]:
    """Original URL -> provenance of every file the crawl saved."""
    out = {}
    for sidecar in (content / "reports").rglob("*" + SIDECAR_SUFFIX):
        prov = json.loads(sidecar.read_text(encoding="utf-8"))
        prov["file"] = sidecar.with_name(sidecar.name.removesuffix(SIDECAR_SUFFIX))
        out[prov["url"]] = prov
    return out


@pytest.fixture
def crawled(web, tmp_path, capsys):
    content = tmp_path / "content"
    _sources(content)
    status = _crawl(web, content)
    return content, status, capsys.readouterr().out


def test_every_annual_report_is_collected_with_its_provenance(crawled, web):
    content, status, out = crawled
    assert status == 0 and len(REPORTS) == 26
    saved = _saved(content)
    assert set(saved) == set(REPORTS)
    for url, page in REPORTS.items():
        prov = saved[url]
        assert (prov["title"], prov["list_date"]) == (page["title"], page["list_date"])
        assert prov["file"].read_bytes() == (PORTAL / page["file"]).read_bytes()  # the page as served
        assert prov["file"].parent.parent.relative_to(content).as_posix() == "reports/福建省/平潭综合实验区"
        assert prov["http"]["last_modified"] and prov["sha256"] and prov["fetched"]
    assert "新增 26，未变 0，有更新 0，重复 0，跳过 1，失败 0；未能到达 28 条；请求 30 次" in out
    assert "跳过 《平潭综合实验区财政金融局关于做好政务公开财政牵头任务落实情况的自查报告》：不是年度报告：自查报告" in out
    assert "未能到达 10 条：列表页称共 20 条，爬虫读到 10 条；其余条目由页面脚本经站内检索接口分页" in out
    assert "未能到达 18 条：列表页称共 28 条" in out
    times = [h.at for h in web.hits("pingtan")]
    assert len(times) == 30 and min(b - a for a, b in pairwise(times)) >= 0.05


def test_a_second_run_fetches_no_report_page_again(crawled, web, capsys):
    content, _, _ = crawled
    before = len(web.log)
    assert _crawl(web, content) == 0
    again = [h.path for h in web.log[before:]]
    assert sorted(again) == sorted(["/pingtan/robots.txt"] + ["/pingtan" + c["list_url"].removeprefix(PINGTAN)
                                                              for c in MANIFEST["columns"]])
    assert all("if-modified-since" in h.headers for h in web.log[before:] if h.path.endswith("/"))
    assert "新增 0，未变 26，有更新 0，重复 0，跳过 1，失败 0；未能到达 28 条；请求 4 次" in capsys.readouterr().out


def test_the_build_publishes_the_crawled_reports_with_url_and_published(crawled, tmp_path, capsys):
    content, _, _ = crawled
    assert build(content, tmp_path / "site") == 0
    published = published_reports(tmp_path / "site")
    readable = {p["url"] for p in REPORTS.values() if "title only" not in p["reconstructed"]}
    assert {r["url"] for r in published} == readable and len(readable) == 13
    for report in published:
        assert report["published"] == REPORTS[report["url"]]["list_date"]
    older = (tmp_path / "site" / "documents" / "index.html").read_text(encoding="utf-8")
    for page in REPORTS.values():
        if page["year"] < 2019:
            assert page["title"] in older and page["url"] in older
    out = capsys.readouterr().out
    assert "另有 2019 年以前格式的年度报告 5 份" in out
    assert SIDECAR_SUFFIX not in out and "sources.csv" not in out  # neither is an input nor a skipped file


def test_a_command_that_cannot_start_says_why(tmp_path, capsys):
    assert main(["crawl", "--content", str(tmp_path), "--quiet"]) == 2
    assert "no sources file" in capsys.readouterr().err
    (tmp_path / "sources.csv").write_text("url,region\nhttps://www.example.gov.cn/nb/,火星省\n", encoding="utf-8")
    assert main(["crawl", "--content", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "sources.csv line 2" in err and "has no usable row" in err
    (tmp_path / "sources.csv").write_text("url\nhttps://www.example.gov.cn/nb/\n", encoding="utf-8")
    assert main(["crawl", "--content", str(tmp_path), "--mirror", "nonsense"]) == 2
    assert main(["crawl", "--content", str(tmp_path), "--user-agent", "爬虫"]) == 2
    assert "printable ASCII" in capsys.readouterr().err
