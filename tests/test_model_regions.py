"""The region tree, region totals, pagination and the peers panel, on the real corpus's agencies
with the numbers a reader settled (truth.json), so they hold whatever the parser reads today."""
from __future__ import annotations

import json
from statistics import median

import pytest
from lxml import html as lhtml
from bundled import CONTENT, REPO, bundled
from render_samples import sample_report

from site_builder import contract as c
from site_builder.render import region_pages
from site_builder.model import Portal, group_reports, key_figures
from site_builder.model.regions import MIN_PEERS, PeerIndex, build_regions, totals

TRUTH = REPO.parent / "shared" / "corpus" / "real" / "truth.json"
SEEDS = {"000_5547475b43c68fb3.txt": "西工区行政审批和政务信息管理局", "001_4b685384da27734c.txt": "涧西区珠江路街道办事处",
         "002_d6f16a16bd5a7904.txt": "瀍河回族区工业和信息化局"}


def _report(name: str, agency: str, year: int, cells: dict) -> dict:
    report = c.empty_report(bundled(name).relative_to(CONTENT.parent).as_posix())
    report.update(agency=agency, year=year, title="")
    for path, value in cells.items():
        node = report
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return report


@pytest.fixture(scope="module")
def portal() -> Portal:
    if not TRUTH.is_file():
        pytest.skip(f"{TRUTH} is not there (../shared/ beside the checkout)")
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    reports = [_report(name, t["agency"], t["year"], t["cells"]) for name, t in truth.items()]
    reports += [_report(name, agency, 2024, {"applications.new_received.total": 1}) for name, agency in SEEDS.items()]
    return group_reports(reports)


def _agency(portal: Portal, name: str):
    return next(a for a in portal.agencies if a.name == name)


def test_the_tree_runs_province_city_county_to_the_agencies(portal):
    regions = build_regions(portal)
    assert [regions.by_code[c].name for c in regions.roots] == ["上海市", "福建省", "河南省"]  # by code
    assert regions.by_code["350000"].children == ["350100"] and regions.by_code["350100"].children == ["350128"]
    pingtan = regions.by_code["350128"]
    assert pingtan.name == "平潭综合实验区" and pingtan.own == 9 and len(regions.by_code["350000"].agencies) == 9
    assert regions.by_code["410300"].children == ["410303", "410304", "410305"]  # 洛阳's districts
    assert [r.name for r in regions.chain("410305")] == ["河南省", "洛阳市", "涧西区"]


def test_region_totals_are_sums_and_rates_of_the_sums(portal):
    pingtan = build_regions(portal).by_code["350128"]
    figures = [key_figures(a.report(2024)) for a in pingtan.agencies if 2024 in a.years]
    t = totals(pingtan.agencies, 2024)
    assert t["reports"] == len(figures) == 9
    assert t["new_received"] == sum(f["new_received"] or 0 for f in figures)
    assert t["granted_rate"] == sum(f["granted"] or 0 for f in figures) / sum(f["total_processed"] or 0 for f in figures)


def test_departments_and_pianqu_are_each_others_peers_ranked_from_three(portal):
    index = PeerIndex(build_regions(portal))
    czj = _agency(portal, "平潭综合实验区财政金融局")
    peers = index.peers(czj, 2024)
    assert peers.scope.code == "350128"
    assert {a.name for a in peers.agencies} == {f"平潭综合实验区{x}" for x in ("公安局", "市场监督管理局", "社会事业局")}
    rate = next(s for s in peers.standings if s.key == "granted_rate")
    others = [key_figures(a.report(2024))["granted_rate"] for a in peers.agencies]
    assert rate.median == pytest.approx(median(float(v) for v in others if v is not None))
    mine = key_figures(czj.report(2024))["granted_rate"]
    assert rate.rank == 1 + sum(1 for v in others if v is not None and v > mine) and rate.of == 4
    jjp = index.peers(_agency(portal, "平潭综合实验区金井片区管理局"), 2023)
    assert {a.name for a in jjp.agencies} == {f"平潭综合实验区{x}片区管理局" for x in ("君山", "海坛", "苏平")}


def test_fewer_than_three_peers_look_one_region_up_and_are_never_ranked(portal):
    index = PeerIndex(build_regions(portal))
    xigong = _agency(portal, "西工区行政审批和政务信息管理局")
    peers = index.peers(xigong, 2024)
    assert peers.scope.code == "410300" and [a.name for a in peers.agencies] == ["瀍河回族区工业和信息化局"]
    assert len(peers.agencies) < MIN_PEERS and all(s.rank is None for s in peers.standings)
    panel = region_pages.peers_context(index, xigong, 2024, "../../")
    assert panel["count"] == 1 and panel["scope"] == "洛阳市"


def test_a_region_page_never_lists_more_than_a_page_of_agencies():
    reports = [sample_report(f"第{i:03d}局", 2024, source=f"content/reports/河南省/洛阳市/{i}.txt") for i in range(230)]
    regions = build_regions(group_reports(reports))
    pages = [p for p in region_pages.region_pages(regions) if p.url_dir.startswith("regions/410300")]
    assert [p.url_dir for p in pages] == ["regions/410300", "regions/410300/page/2", "regions/410300/page/3"]
    rows = [lhtml.fromstring(p.body).xpath("//table[contains(@class,'portal-region-agencies')]/tbody/tr") for p in pages]
    assert [len(r) for r in rows] == [100, 100, 30]
    assert rows[2][-1].xpath("th/a")[0].text_content() == "第229局"
