"""The crawl on a small portal built for its faults (served on 127.0.0.1): a GBK list page
without a charset, paged by a script; a report page, a page whose report is only attachments, a
404, a 500 that succeeds on the second try, a response slower than the timeout, a path robots.txt
disallows, an http link redirected to https, a Chinese URL, a duplicate link, a notice that is no
report, the same bytes at a second URL, a report older than the 2019 form. Then: a rerun, a run cut
by the request cap and resumed, a report corrected in place, a disclosure home page."""
from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from bundled import bundled
from crawl_server import Route

from site_builder.cli import main
from site_builder.crawl.state import State
from site_builder.read.provenance import sidecar_path

pytestmark = pytest.mark.usefixtures("loopback_only")  # nothing leaves 127.0.0.1

ORIGIN = "https://www.faults.gov.cn"
NB = "/xxgk/nb/"
COLUMN = ORIGIN + NB
AGENT = "test-crawler/1.0 (+tests; ops@example.org)"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


def _gbk_report_page() -> bytes:
    """A real portal report (pt-jjp-2022.html) as a GBK page that declares no charset."""
    text = bundled("pt-jjp-2022.html").read_text(encoding="utf-8")
    return text.replace('charset="utf-8"', "").replace("charset=utf-8", "").encode("gbk", "replace")


def _title_page(title: str, extra: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}_年报_某某县人民政府</title></head>"
            f"<body><nav>首页 政务公开</nav><h1>{title}</h1>{extra}<footer>版权所有</footer></body></html>").encode()


ENTRIES = [  # (href, list title, list date)
    ("./202501/t1.htm", "某某县财政局2024年度政府信息公开工作年度报告", "2025-01-20"),
    ("./202501/t2.htm", "某某县教育局2024年度政府信息公开工作年度报告", "2025-01-21"),
    ("./202501/t3.htm", "某某县民政局2024年度政府信息公开工作年度报告", "2025-01-22"),
    ("./202401/t4.htm", "某某县财政局2023年度政府信息公开工作年度报告", "2024-01-20"),
    ("./202401/t5.htm", "某某县教育局2023年度政府信息公开工作年度报告", "2024-01-21"),
    ("./private/t6.htm", "某某县公安局2024年度政府信息公开工作年度报告", "2025-01-23"),
    ("http://www.faults.gov.cn/xxgk/nb/202301/t7.htm", "某某县财政局2022年度政府信息公开工作年度报告", "2023-01-20"),
    ("./年报/二〇二二年报告.htm", "某某县教育局二〇二二年政府信息公开工作年度报告", "2023-01-21"),
    ("./202501/t1.htm", "重复的链接", "2025-01-20"),
    ("./202401/t9.htm", "关于做好2024年政府信息公开工作年度报告编制发布工作的通知", "2024-12-01"),
]
SECOND_PAGE = [("./202301/t10.htm", "某某县民政局2022年度政府信息公开工作年度报告", "2023-01-22"),
               ("./201801/t11.htm", "某某县财政局2017年政府信息公开工作年度报告", "2018-01-19")]


def _list(entries, script: str = "") -> bytes:
    rows = "".join(f'<li><a href="{h}" title="{t}">{t}</a><span>{d}</span></li>' for h, t, d in entries)
    return (f"<html><head><title>政府信息公开年报</title></head><body><div class='nav'><a href='/'>首页</a>"
            f"<a href='{NB}'>政府信息公开年报</a></div><ul>{rows}</ul><script>{script}</script></body></html>"
            ).encode("gbk")  # GBK, and the server names no charset


def _site(web) -> dict[str, Route]:
    pdf = bundled("huaian-city-2024.pdf").read_bytes()
    routes = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /xxgk/nb/private/\n", content_type="text/plain"),
        "/xxgk/": Route('<html><body><a href="/xxgk/zn/">政府信息公开指南</a><a href="/xxgk/nb/">政府信息公开年报</a>'
                        "</body></html>".encode()),
        NB: Route(_list(ENTRIES, 'createPageHTML(2, 0, "index", "htm");'), content_type="text/html"),
        NB + "index_1.htm": Route(_list(SECOND_PAGE)),
        NB + "202501/t1.htm": Route(_gbk_report_page()),
        NB + "202501/t2.htm": Route(_title_page("某某县教育局2024年度政府信息公开工作年度报告",
                                                '<p>附件：<a href="./P020250121.pdf">年报.pdf</a> '
                                                '<a href="./P020250121.wps">年报（WPS）</a></p>')),
        NB + "202501/P020250121.pdf": Route(pdf, content_type="application/pdf"),
        NB + "202501/P020250121.wps": Route(OLE, content_type="application/octet-stream"),
        NB + "202401/t4.htm": Route(_title_page("某某县财政局2023年度政府信息公开工作年度报告"), fail_first=1),
        NB + "202401/t5.htm": Route(b"late", delay=1.0),
        NB + "private/t6.htm": Route(b"never asked for"),
        NB + "202301/t7.htm": Route(_title_page("某某县财政局2022年度政府信息公开工作年度报告")),
        NB + "年报/二〇二二年报告.htm": Route(_title_page("某某县教育局二〇二二年政府信息公开工作年度报告")),
        NB + "202301/t10.htm": Route(_gbk_report_page()),  # the same bytes as t1: a twin
        NB + "201801/t11.htm": Route(_title_page("某某县财政局2017年政府信息公开工作年度报告")),
    }  # t3.htm is not served: a broken link (404)
    web.routes["faults"] = routes
    web.routes["plain"] = {"/robots.txt": Route(b"", status=404),
                           NB + "202301/t7.htm": Route(location=ORIGIN + NB + "202301/t7.htm")}
    return routes


def _crawl(web, content: Path, *extra: str, sources: str = COLUMN) -> int:
    content.mkdir(parents=True, exist_ok=True)
    (content / "sources.csv").write_text(f"url,agency,region\n{sources},,江苏省/淮安市/洪泽区\n", encoding="utf-8")
    return main(["crawl", "--content", str(content), "--mirror", f"{ORIGIN}={web.base('faults')}",
                 "--mirror", f"http://www.faults.gov.cn={web.base('plain')}", "--delay", "0.1", "--timeout", "0.3",
                 "--retries", "1", "--user-agent", AGENT, "--quiet", *extra])


def _report(capsys) -> str:
    return capsys.readouterr().out


def _requests(web) -> list[str]:
    return web.paths("faults") + ["plain:" + p for p in web.paths("plain")]


def test_every_fault_is_met_and_reported(web, tmp_path, capsys):
    _site(web)
    content = tmp_path / "content"
    assert _crawl(web, content) == 0
    out = _report(capsys)
    folder = content / "reports" / "江苏省" / "淮安市" / "洪泽区"
    saved = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                   and not p.name.endswith(".provenance.json"))
    assert saved == ["P020250121.pdf", "P020250121.wps", "t1.htm", "t11.htm", "t4.htm", "t7.htm", "二〇二二年报告.htm"]
    assert "新增 7 · 未变 0 · 有更新 0 · 重复 1 · 跳过 2 · 失败 2" in out
    assert "编制发布工作的通知》：不是年度报告：通知" in out  # the GBK title read right
    assert "t6.htm：robots.txt 不允许抓取" in out
    assert "t3.htm：HTTP 404" in out and "t5.htm：timed out after 0.3 s (2 tries)" in out
    assert "t10.htm 与 reports/江苏省/淮安市/洪泽区/t1.htm 字节相同" in out
    paths = _requests(web)
    assert "/xxgk/nb/private/t6.htm" not in paths  # robots.txt obeyed
    assert paths.count(NB + "202401/t4.htm") == 2 and paths.count(NB + "202501/t3.htm") == 1  # 5xx retried, 404 not
    assert paths.count(NB + "202501/t1.htm") == 1  # the duplicate link is fetched once
    assert "plain:" + NB + "202301/t7.htm" in paths and NB + "202301/t7.htm" in paths  # http → https
    assert "请求 18 次" in out and len(paths) == 18
    # Provenance: the original URLs (never the mirror's), the list's title and date, the report page of an attachment.
    prov = json.loads(sidecar_path(folder / "P020250121.pdf").read_text(encoding="utf-8"))
    assert prov["url"] == COLUMN + "202501/P020250121.pdf" and prov["page_url"] == COLUMN + "202501/t2.htm"
    assert prov["title"] == "某某县教育局2024年度政府信息公开工作年度报告" and prov["list_date"] == "2025-01-21"
    redirected = json.loads(sidecar_path(folder / "t7.htm").read_text(encoding="utf-8"))
    assert redirected["url"] == "http://www.faults.gov.cn/xxgk/nb/202301/t7.htm"
    assert redirected["final_url"] == COLUMN + "202301/t7.htm"
    assert json.loads(sidecar_path(folder / "二〇二二年报告.htm").read_text(encoding="utf-8"))["url"] == (
        COLUMN + "%E5%B9%B4%E6%8A%A5/%E4%BA%8C%E3%80%87%E4%BA%8C%E4%BA%8C%E5%B9%B4%E6%8A%A5%E5%91%8A.htm")
    assert (folder / "t1.htm").read_bytes() == _gbk_report_page()  # as served, byte for byte
    assert "127.0.0.1" not in (content / ".crawl" / "state.json").read_text(encoding="utf-8")
    # Politeness: never two requests to the host closer than the delay.
    times = sorted(h.at for h in web.hits("faults") + web.hits("plain"))
    assert min(b - a for a, b in pairwise(times)) >= 0.1


def test_a_rerun_fetches_lists_and_only_what_failed(web, tmp_path, capsys):
    _site(web)
    content = tmp_path / "content"
    _crawl(web, content)
    capsys.readouterr()
    before = len(web.log)
    assert _crawl(web, content) == 0
    again = [h.path.removeprefix("/faults") for h in web.log[before:]]
    assert sorted(again) == sorted(["/robots.txt", NB, NB + "index_1.htm", NB + "202501/t3.htm",
                                    NB + "202401/t5.htm", NB + "202401/t5.htm"])
    assert "新增 0 · 未变 7 · 有更新 0 · 重复 0 · 跳过 2 · 失败 2" in _report(capsys)  # a page and its attachments: one


def test_a_run_cut_by_the_cap_is_resumed_without_asking_twice(web, tmp_path, capsys):
    _site(web)
    content = tmp_path / "content"
    assert _crawl(web, content, "--max-requests", "6") == 0
    out = _report(capsys)
    assert "已达到本次运行的请求上限 6 次" in out and len(web.log) == 6
    state = State.load(content)
    assert state.crawl and state.crawl["pending"]
    assert _crawl(web, content) == 0
    out = _report(capsys)
    assert "本次为续爬" in out and "新增 7 · 未变 0 · 有更新 0 · 重复 1 · 跳过 2 · 失败 2" in out
    assert "请求 19 次" in out  # over both runs: one uncut crawl and robots.txt, read again by each run
    assert State.load(content).crawl is None
    paths = _requests(web)
    for name in ("202501/t1.htm", "202501/t2.htm", "202501/P020250121.pdf", "201801/t11.htm"):
        assert paths.count(NB + name) == 1, name


def test_a_corrected_report_is_kept_as_a_new_version_beside_the_old(web, tmp_path, capsys):
    routes = _site(web)
    content = tmp_path / "content"
    _crawl(web, content)
    folder = content / "reports" / "江苏省" / "淮安市" / "洪泽区"
    old = (folder / "t11.htm").read_bytes()
    routes[NB + "201801/t11.htm"] = Route(_title_page("某某县财政局2017年政府信息公开工作年度报告（更正）"))
    routes[NB + "index_1.htm"] = Route(_list([SECOND_PAGE[0], ("./201801/t11.htm", SECOND_PAGE[1][1], "2018-02-01")]))
    capsys.readouterr()
    assert _crawl(web, content) == 0
    out = _report(capsys)
    assert "新版本 reports/江苏省/淮安市/洪泽区/t11.v2.htm，旧版本 reports/江苏省/淮安市/洪泽区/t11.htm 保留" in out
    assert (folder / "t11.htm").read_bytes() == old and b"\xe6\x9b\xb4\xe6\xad\xa3" in (folder / "t11.v2.htm").read_bytes()
    assert json.loads(sidecar_path(folder / "t11.v2.htm").read_text(encoding="utf-8"))["list_date"] == "2018-02-01"


def test_a_disclosure_home_page_leads_to_its_column_and_an_unreadable_column_fails_the_run(web, tmp_path, capsys):
    _site(web)
    assert _crawl(web, tmp_path / "a", sources=ORIGIN + "/xxgk/") == 0
    out = _report(capsys)
    assert f"年报栏目：{COLUMN}" in out and "新增 7" in out
    assert _crawl(web, tmp_path / "b", sources=ORIGIN + "/nothing/") == 1
    assert f"无法读取：列表页 {ORIGIN}/nothing/：HTTP 404" in _report(capsys)


def test_further_list_pages_named_in_the_sources_row_are_read(web, tmp_path, capsys):
    routes = _site(web)
    routes[NB] = Route(_list(ENTRIES))  # no pager script: the second page is reachable only by name
    content = tmp_path / "content"
    content.mkdir()
    (content / "sources.csv").write_text(f"url,region,more_urls\n{COLUMN},洪泽区,{COLUMN}index_1.htm\n",
                                         encoding="utf-8")
    assert main(["crawl", "--content", str(content), "--mirror", f"{ORIGIN}={web.base('faults')}",
                 "--mirror", f"http://www.faults.gov.cn={web.base('plain')}", "--delay", "0", "--timeout", "0.3",
                 "--retries", "1", "--user-agent", AGENT, "--quiet"]) == 0
    assert NB + "201801/t11.htm" in web.paths("faults")
    assert "新增 7 · 未变 0 · 有更新 0 · 重复 1 · 跳过 2 · 失败 2" in capsys.readouterr().out
