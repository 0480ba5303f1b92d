"""The whole site from content/ in a temporary folder: pages, data, search, no other host.

Builds once per module with the real parser over the seeds, and once with hand-made
reports (untrusted names, a broken input) put behind `collect.parse_all`.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import html as lhtml
from render_samples import sample_report
from site_data import published_reports

from site_builder import collect, contract
from site_builder.build import build
from site_builder.render.fmt import number

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "content" / "reports"
EXTERNAL_LOADS = ("//script/@src", "//img/@src", "//iframe/@src", "//source/@src", "//video/@src",
                  "//audio/@src", "//embed/@src", "//object/@data",
                  "//link[contains(' stylesheet icon preload modulepreload manifest prefetch ', "
                  "concat(' ', @rel, ' '))]/@href")


def _page(site: Path, url_dir: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url_dir / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("seedsite")
    shutil.copytree(SEEDS, root / "content" / "reports")
    (root / "content" / "notes.xyz").write_text("not a report", encoding="utf-8")
    (root / "content" / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    status = build(root / "content", root / "site")
    return root / "site", status


SEED_AGENCIES = {"凤泉区人民政府办公室", "西工区行政审批和政务信息管理局", "涧西区珠江路街道办事处",
                 "瀍河回族区工业和信息化局", "经济技术开发区管理办公室"}


def _seed_agencies() -> dict[str, dict]:
    """Printed name -> a fresh parse of a bundled report with that name (not the site's data)."""
    reports = collect.parse_all(SEEDS)
    return {r["agency"]: r for r in reports if "error" not in r}


def _site_agencies(site: Path) -> dict[str, dict]:
    """Canonical agency name -> its data/agencies/<slug>.json (slug, agency_id, years)."""
    return {d["agency"]: d for d in (json.loads(f.read_text(encoding="utf-8"))
                                     for f in (site / "data" / "agencies").glob("*.json"))}


def _published(site: Path) -> dict[str, tuple[str, dict]]:
    """Source of each published report -> (its agency-year's URL, its report as published)."""
    urls = {(d["agency_id"], y["year"]): y["url"] for d in _site_agencies(site).values() for y in d["years"]}
    return {r["source"].split("/", 1)[1]: (urls[(r["agency_id"], r["year"])], r) for r in published_reports(site)}


def _shown(site: Path, url: str) -> lhtml.HtmlElement:
    """An agency page as the browser shows it at `url` (agencies/<slug>/ or …/?year=Y): the page with
    that year's parts from its years.json.gz put in their places, as portal.js does."""
    path, _, query = url.partition("?")
    doc = _page(site, path.rstrip("/"))
    nav = doc.xpath("//nav[@class='portal-years']")[0]
    year = query.removeprefix("year=") or nav.get("data-year")
    payload = json.loads(gzip.decompress((site / path / nav.get("data-src")).read_bytes()))
    parts = payload["years"][year]
    for node in doc.xpath("//div[@data-part]"):
        key = node.get("data-part")
        if key in parts:
            node.clear()
            node.set("class", "portal-part")
            node.set("data-part", key)
            for child in lhtml.fragments_fromstring("<div>" + parts[key] + "</div>")[0]:
                node.append(child)
    return doc


def test_build_succeeds_and_writes_the_site(seed_site):
    site, status = seed_site
    assert status == 0
    for page in ("", "agencies", "stats", "compare", "data", "quality"):
        assert (site / page / "index.html").is_file(), page


def test_each_agency_page_shows_its_own_numbers(seed_site):
    site, _ = seed_site
    agencies = _seed_agencies()
    assert SEED_AGENCIES <= set(agencies)  # the five seeds, and whatever else content/ bundles
    published = _published(site)
    names = {a["agency_id"]: name for name, a in _site_agencies(site).items()}
    for report in collect.parse_all(SEEDS):
        if "error" in report or report["source"].split("/", 1)[1] not in published:
            continue  # rejected (listed on the quality page) or a second file of a published report
        url, shown = published[report["source"].split("/", 1)[1]]
        doc = _shown(site, url)
        assert doc.xpath("//h1")[0].text_content() in names.values()
        card = doc.xpath("//div[@data-key='new_received']//div[@class='portal-card-value']")[0].text_content()
        expected = report["applications"]["new_received"]["total"]
        assert card == number(expected)  # as the page prints it: "—" when not printed, 29,130
        assert len(doc.xpath("//div[contains(@class,'portal-chart-box')]|//figure[contains(@class,'portal-chart-box')]")) >= 3
        assert doc.xpath("//table[contains(@class,'form-applications')]")
        if report["agency"] in SEED_AGENCIES:  # a real citywide report prints pages of text in parts 一, 五, 六
            assert len((site / url.partition("?")[0] / "index.html").read_bytes()) < 45_000


def test_fengquan_received_five(seed_site):
    site, _ = seed_site
    slug = _site_agencies(site)["凤泉区人民政府办公室"]["slug"]
    doc = _page(site, f"agencies/{slug}")
    assert doc.xpath("//div[@data-key='new_received']//div[@class='portal-card-value']")[0].text_content() == "5"


def test_statistics_table_lists_the_latest_years_agencies_and_every_year_is_a_file(seed_site):
    site, _ = seed_site
    doc = _page(site, "stats")
    box = doc.xpath("//div[@data-kind='summary']")[0]
    latest = max(y["year"] for a in _site_agencies(site).values() for y in a["years"])
    assert box.get("data-src").endswith(f"data/summary/{latest}.json")
    names = {a.text_content() for a in box.xpath(".//table//tbody//th/a")}
    assert names == {n for n, a in _site_agencies(site).items() if latest in [y["year"] for y in a["years"]]}
    every = {r["agency"] for y in box.get("data-years").split()
             for r in json.loads((site / "data" / "summary" / f"{y}.json").read_text(encoding="utf-8"))["rows"]}
    assert every == set(_site_agencies(site))
    assert "洪泽区人民政府" not in every and "淮安市洪泽区人民政府" in every  # one agency, its latest name


def test_csv_has_a_row_per_agency_year_with_the_contract_columns(seed_site):
    site, _ = seed_site
    with (site / "data" / "reports.csv").open(encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert set(contract.cell_paths()) <= set(reader.fieldnames)
    assert "applications.new_received.total" in reader.fieldnames
    assert {(r["agency"], r["year"]) for r in rows} == {
        (r["agency"], str(r["year"])) for r in collect.parse_all(SEEDS) if "error" not in r}
    assert len({(r["agency_id"], r["year"]) for r in rows}) == len(rows)  # one row per agency-year


def test_every_input_is_accounted_for_on_the_quality_page(seed_site):
    site, _ = seed_site
    text = _page(site, "quality").text_content()
    assert "broken.pdf" in text and "notes.xyz" in text
    quality = json.loads((site / "data" / "quality.json").read_text(encoding="utf-8"))
    rejected = {r["source"]: r["reason"] for r in quality["rejected"]}
    assert "content/broken.pdf" in rejected  # besides any bundled report the parser cannot read yet
    for source, reason in rejected.items():
        assert reason and source.rsplit("/", 1)[-1] in text, source


def test_no_page_loads_anything_from_another_host(seed_site):
    site, _ = seed_site
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        doc = lhtml.fromstring(page.read_bytes())
        for xpath in EXTERNAL_LOADS:
            for url in doc.xpath(xpath):
                parsed = urlparse(url)
                assert not parsed.netloc and parsed.scheme in ("", "data"), f"{page}: {url}"
        for style in doc.xpath("//style/text()") + doc.xpath("//@style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", style), page
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", text), css
    theme = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in theme and "fonts.gstatic" not in theme


def test_plotly_is_served_once_from_the_site_with_the_chinese_locale(seed_site):
    site, _ = seed_site
    assets = site / "assets" / "portal"
    assert (assets / "plotly-basic.min.js").stat().st_size > 500_000
    assert "zh-CN" in (assets / "plotly-locale-zh-cn.js").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        assert "plotly.js (basic" not in page.read_text(encoding="utf-8")  # never inlined


def test_search_index_finds_agencies_but_not_the_numeric_tables(seed_site):
    site, _ = seed_site
    # Pagefind (search_index.py) indexes the agency pages' name and prose; Material's lunr index stays empty.
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    fragments = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert fragments and all(f["url"].startswith("/agencies/") for f in fragments)
    joined = "\n".join(f["meta"]["title"] + f["content"] for f in fragments).replace("\u200b", "")
    assert "凤泉区人民政府办公室" in joined
    assert "本年新收政府信息公开申请数量" not in joined  # table 3's row label: tables are excluded


def test_sidebar_does_not_list_agencies(seed_site):
    site, _ = seed_site
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = lhtml.fromstring(home).xpath("//nav[contains(@class,'md-nav--primary')]")[0].text_content()
    assert "凤泉区人民政府办公室" not in nav


# ---- untrusted input, through collect.parse_all ---------------------------------------

EVIL = '<script>alert("pwned")</script>'
NAMES = [f"{EVIL}局", "../../etc/passwd", "某局/办公室", "某局\\办公室", "[链接](javascript:alert(1)) *局*"]


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evilsite")
    (root / "content").mkdir()
    reports = [sample_report(name, 2024, source=f"content/{i}.txt") for i, name in enumerate(NAMES)]
    reports[0]["sections"]["overview"] = f"{EVIL}<img src=x onerror=alert(1)> **不是粗体**"
    reports.append({"source": "content/bad.txt", "error": "not a report: no table 3 found"})
    mp = pytest.MonkeyPatch()
    mp.setattr(collect, "parse_all", lambda content_dir, **kw: reports)
    try:
        assert build(root / "content", root / "site") == 0
    finally:
        mp.undo()
    return root / "site"


def test_every_untrusted_name_gets_its_own_page_rendered_as_text(evil_site):
    slugs = {name: data["slug"] for name, data in _site_agencies(evil_site).items()}
    assert set(slugs) == set(NAMES) and len(set(slugs.values())) == len(NAMES)
    for name, slug in slugs.items():
        page = evil_site / "agencies" / slug / "index.html"
        assert page.is_file() and page.resolve().is_relative_to(evil_site.resolve())
        doc = lhtml.fromstring(page.read_bytes())
        assert doc.xpath("//h1")[0].text_content() == name
        assert name in doc.xpath("//title")[0].text_content()


def test_no_untrusted_markup_becomes_markup(evil_site):
    for page in evil_site.rglob("*.html"):
        doc = lhtml.fromstring(page.read_bytes())
        assert not [s for s in doc.xpath("//script") if "pwned" in (s.text or "") and s.get("type") != "application/json"], page
        assert not doc.xpath("//img[@onerror]"), page
        assert not doc.xpath("//a[starts-with(@href,'javascript:')]"), page
        assert not doc.xpath("//em[contains(.,'局')]|//strong[contains(.,'不是粗体')]"), page


def test_a_broken_report_does_not_stop_the_build(evil_site):
    text = lhtml.fromstring((evil_site / "quality" / "index.html").read_bytes()).text_content()
    assert "content/bad.txt" in text and "no table 3 found" in text


def test_mkdocs_build_from_the_repo_root_uses_the_same_hooks(tmp_path):
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                         cwd=REPO, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "site" / "stats" / "index.html").is_file()
    agencies = len(list((tmp_path / "site" / "data" / "agencies").glob("*.json")))
    assert agencies >= len(SEED_AGENCIES) + 1  # the seeds, 洪泽区 and the rest of the bundled content
    assert len(list((tmp_path / "site" / "agencies").glob("*/index.html"))) == agencies


def test_the_open_data_validates_as_a_frictionless_package_and_sqlite_holds_the_same(seed_site):
    from frictionless import validate

    site, _ = seed_site
    data = site / "data"
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["reports", "agencies", "findings"]
    with gzip.open(data / "findings.csv.gz", "rt", encoding="utf-8-sig") as fh:
        assert list(csv.DictReader(fh))  # the package describes a file that holds findings
    with (data / "agencies.csv").open(encoding="utf-8-sig") as fh:
        agencies = list(csv.DictReader(fh))
    assert list(agencies[0]) == ["agency_id", "name", "aliases", "region_code", "region", "level", "kind"]
    hongze = next(a for a in agencies if a["name"] == "淮安市洪泽区人民政府")
    assert (hongze["aliases"], hongze["region_code"], hongze["region"]) == ("洪泽区人民政府", "320813", "江苏省/淮安市/洪泽区")
    with (data / "reports.csv").open(encoding="utf-8-sig") as fh:
        reports = list(csv.DictReader(fh))
    (site.parent / "reports.db").write_bytes(gzip.decompress((data / "reports.db.gz").read_bytes()))
    db = sqlite3.connect(site.parent / "reports.db")
    try:
        assert db.execute("select count(*) from agencies").fetchone()[0] == len(agencies)
        rows = db.execute('select agency_id, year, "applications.new_received.total" from reports').fetchall()
    finally:
        db.close()
    assert sorted((a, str(y), "" if n is None else str(n)) for a, y, n in rows) == sorted(
        (r["agency_id"], r["year"], r["applications.new_received.total"]) for r in reports)
    published = published_reports(site)
    assert {(r["agency_id"], r["region_code"], r["level"], r["kind"]) for r in published} == {
        (a["agency_id"], a["region_code"] or None, a["level"], a["kind"]) for a in agencies}


@pytest.mark.skipif("SITE_URL" in os.environ, reason="SITE_URL is set: pages then name it as canonical")
def test_without_a_site_url_no_page_names_a_canonical_address(seed_site):
    site, _ = seed_site
    for page in ("", "stats", "agencies"):
        assert not _page(site, page).xpath("//link[@rel='canonical']"), page


# ---- the build never stops because of its inputs -------------------------------------

def test_an_empty_content_folder_still_gives_a_site_with_its_quality_page(tmp_path):
    (tmp_path / "content").mkdir()
    assert build(tmp_path / "content", tmp_path / "site") == 0
    for page in ("", "agencies", "stats", "quality"):
        assert (tmp_path / "site" / page / "index.html").is_file(), page
    assert json.loads((tmp_path / "site" / "pagefind" / "shards.json").read_text()) == []
    text = " ".join(_page(tmp_path / "site", "quality").text_content().split())
    assert "没有。每个输入文件都已发布。" in text


def test_one_unreadable_file_alone_is_listed_with_its_reason(tmp_path):
    (tmp_path / "content").mkdir()
    broken_pdf = tmp_path / "content" / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4 cut off here")
    reason = collect.parse_all(tmp_path / "content", cache_dir=tmp_path / "cache")[0]["error"]
    assert build(tmp_path / "content", tmp_path / "site") == 0
    rows = _page(tmp_path / "site", "quality").xpath("//h2[@id='rejected']/following::table[1]/tbody/tr")
    assert [[cell.text_content().strip() for cell in r] for r in rows] == [["content/broken.pdf", reason]]
    assert not list((tmp_path / "site" / "agencies").glob("*/index.html"))


def test_a_partly_parsed_report_is_published_saying_what_was_not_found(tmp_path):
    from test_render_missing import partial_report

    (tmp_path / "content").mkdir()
    report = partial_report()
    mp = pytest.MonkeyPatch()
    mp.setattr(collect, "parse_all", lambda content_dir, **kw: [report])
    try:
        assert build(tmp_path / "content", tmp_path / "site") == 0
    finally:
        mp.undo()
    doc = _shown(tmp_path / "site", f"agencies/{_site_agencies(tmp_path / 'site')[report['agency']]['slug']}/")
    notice = " ".join(doc.xpath("//*[contains(@class,'portal-status-missing')]")[0].text_content().split())
    assert "表四「政府信息公开行政复议、行政诉讼情况」整个部分" in notice
    assert "第五部分「存在的主要问题及改进情况」" in notice
    assert doc.xpath("//table[contains(@class,'form-appeals')]")  # the table is there, its cells blank
