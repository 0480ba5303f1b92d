"""Agencies across years and their places: the real corpus's names (from truth.json, so the
grouping is tested whatever the parser reads today), the bundled PDFs, a registry."""
from __future__ import annotations

import copy
import json

import pytest
from bundled import CONTENT, REPO, bundled, seed_paths
from render_samples import sample_report

from site_builder import agencies as ag
from site_builder import places
from site_builder.pipeline import parse_file
from site_builder.model import group_reports

TRUTH = REPO.parent / "shared" / "corpus" / "real" / "truth.json"


def _truth_reports() -> list[dict]:
    """One stand-in report per real file: its agency and year as a reader settled them, its folder."""
    if not TRUTH.is_file():
        pytest.skip(f"{TRUTH} is not there (../shared/ beside the checkout)")
    out = []
    for name, truth in sorted(json.loads(TRUTH.read_text(encoding="utf-8")).items()):
        source = bundled(name).relative_to(CONTENT.parent).as_posix()
        out.append({"agency": truth["agency"], "year": truth["year"], "source": source, "title": ""})
    return out


def _seed_reports() -> list[dict]:
    return [{**parse_file(p, CONTENT), "source": p.relative_to(CONTENT.parent).as_posix()} for p in seed_paths()]


@pytest.fixture(scope="module")
def real() -> ag.Resolution:
    return ag.resolve(_truth_reports() + _seed_reports())


def _by_name(resolution: ag.Resolution) -> dict[str, ag.AgencyRecord]:
    return {a.name: a for a in resolution.agencies}


def test_the_real_files_are_eleven_agencies_with_their_years(real):
    truth = _truth_reports()
    pingtan = [a for a in real.agencies if a.region_code == "350128"]
    shanghai = [a for a in real.agencies if a.region_code == "310000"]
    assert len(pingtan) == 9 and len(shanghai) == 2
    years = {a.name: sorted({truth[i]["year"] for i in a.members}) for a in pingtan + shanghai}
    assert years["平潭综合实验区社会事业局"] == [2021, 2022, 2023, 2024, 2025]
    assert years["平潭综合实验区公安局"] == [2021, 2022, 2024]
    assert years["上海市人民政府办公厅"] == [2019, 2025]


def test_pingtan_is_a_zone_of_fuzhou_with_its_departments_and_four_pianqu(real):
    pingtan = [a for a in real.agencies if a.region_code == "350128"]
    assert {a.region for a in pingtan} == {"福建省/福州市/平潭综合实验区"}
    pianqu = sorted(a.name for a in pingtan if a.kind == "乡镇")
    assert pianqu == sorted(f"平潭综合实验区{x}片区管理局" for x in ("金井", "海坛", "君山", "苏平"))
    assert {a.level for a in pingtan if a.kind == "乡镇"} == {"乡级"}
    departments = {a.name for a in pingtan if a.kind == "部门"}
    assert departments == {f"平潭综合实验区{x}" for x in ("财政金融局", "市场监督管理局", "社会事业局", "公安局")}
    assert {a.level for a in pingtan if a.kind == "部门"} == {"县级"}
    assert _by_name(real)["平潭综合实验区管委会办公室"].kind == "政府办公室"


def test_luoyang_districts_and_the_seed_places(real):
    by_name = _by_name(real)
    for name, region in (("西工区行政审批和政务信息管理局", "河南省/洛阳市/西工区"),
                         ("瀍河回族区工业和信息化局", "河南省/洛阳市/瀍河回族区"),
                         ("涧西区珠江路街道办事处", "河南省/洛阳市/涧西区"),
                         ("凤泉区人民政府办公室", "河南省/新乡市/凤泉区"),
                         ("经济技术开发区管理办公室", "河南省/济源市")):
        assert by_name[name].region == region, name
    assert (by_name["涧西区珠江路街道办事处"].level, by_name["涧西区珠江路街道办事处"].kind) == ("乡级", "街道")
    assert by_name["经济技术开发区管理办公室"].kind == "开发区"
    assert by_name["上海市人民政府办公厅"].level == "省级"


def test_a_place_the_name_does_not_say_is_read_from_the_report_text():
    seed = parse_file(bundled("004_76ceca359810b5e0.txt"), CONTENT)
    resolution = ag.resolve([{**seed, "source": "content/reports/004.txt"}])  # no region folder
    record = resolution.agencies[0]
    assert (record.region_code, record.region) == ("419001", "河南省/济源市")  # its text names 济源经开区
    assert [n.topic for n in resolution.notes] == ["地区"] and "正文" in resolution.notes[0].message


def test_a_place_nothing_settles_is_unsettled_and_listed_never_guessed():
    report = sample_report("综合执法局", 2024, source="content/reports/x.txt")
    report["sections"]["overview"] = "本局认真贯彻落实政府信息公开条例。"
    resolution = ag.resolve([report])
    assert (resolution.agencies[0].region_code, resolution.agencies[0].region) == (None, "")
    assert "地区未定" in resolution.notes[0].message
    conflict = ag.place_of({"agency": "洪泽区人民政府", "source": "content/reports/上海市/a.pdf"})[0]
    assert conflict.code is None and "上海市" in conflict.how


@pytest.fixture(scope="module")
def hongze() -> list[dict]:
    return [parse_file(bundled(f"hongze-district-{y}.pdf"), CONTENT) for y in (2023, 2024)]


def test_hongze_under_two_printed_names_is_one_agency_and_c6_runs_across_its_years(hongze):
    assert [r["agency"] for r in hongze] == ["洪泽区人民政府", "淮安市洪泽区人民政府"]
    portal = group_reports(hongze)
    assert len(portal.agencies) == 1
    agency = portal.agencies[0]
    assert agency.years == [2023, 2024] and agency.aliases == ["洪泽区人民政府"]
    assert (agency.region_code, agency.level, agency.kind) == ("320813", "县级", "人民政府")
    assert not portal.notes  # the region agrees: a certain merge, not listed
    before = hongze[0]["applications"]["carried_forward"]["total"]
    assert before is not None
    assert (before == hongze[1]["applications"]["carried_over"]["total"]) == (
        not [x for x in agency.cross_checks if x["rule"] == "C6"])
    changed = copy.deepcopy(hongze[1])
    changed["applications"]["carried_over"]["total"] = before + 1
    c6 = [x for x in group_reports([hongze[0], changed]).agencies[0].cross_checks if x["rule"] == "C6"]
    assert c6 and c6[0]["cells"] == ["2023:applications.carried_forward.total", "2024:applications.carried_over.total"]


def test_a_short_form_is_merged_and_listed():
    full = sample_report("平潭综合实验区财政金融局", 2023, source="content/reports/福建省/平潭综合实验区/a.txt")
    short = sample_report("区财政金融局", 2022, source="content/reports/福建省/平潭综合实验区/b.txt")
    market = sample_report("平潭综合实验区市场监督管理局", 2022, source="content/reports/福建省/平潭综合实验区/c.txt")
    resolution = ag.resolve([full, short, market])
    names = {a.name: a for a in resolution.agencies}
    assert set(names) == {"平潭综合实验区财政金融局", "平潭综合实验区市场监督管理局"}  # 市场… is no short form
    assert names["平潭综合实验区财政金融局"].aliases == ["区财政金融局"]
    assert [n.topic for n in resolution.notes] == ["合并"] and "区财政金融局" in resolution.notes[0].message


def test_a_registry_overrides_inference_and_joins_a_renamed_body():
    old = sample_report("平潭综合实验区教育与社会事业局", 2021, source="content/reports/福建省/平潭综合实验区/a.txt")
    new = sample_report("平潭综合实验区社会事业局", 2022, source="content/reports/福建省/平潭综合实验区/b.txt")
    zone = sample_report("经济技术开发区管理办公室", 2024, source="content/reports/c.txt")
    text = ("agency_id,name,aliases,region_code,region,level,kind\n"
            "pt-shsyj,平潭综合实验区社会事业局,平潭综合实验区教育与社会事业局,,,,\n"
            "jy-jkq,济源经济技术开发区管理办公室,经济技术开发区管理办公室,419001,,县级,开发区\n")
    rows, errors = ag.read_registry(text)
    assert errors == []
    assert len(ag.resolve([old, new]).agencies) == 2  # without the registry: two bodies
    by_id = {a.agency_id: a for a in ag.resolve([old, new, zone], rows).agencies}
    assert set(by_id) == {"pt-shsyj", "jy-jkq"}
    assert len(by_id["pt-shsyj"].members) == 2 and by_id["pt-shsyj"].name == "平潭综合实验区社会事业局"
    assert by_id["jy-jkq"].region == "河南省/济源市" and by_id["jy-jkq"].name == "济源经济技术开发区管理办公室"


def test_registry_errors_name_the_file_and_line():
    rows, errors = ag.read_registry("agency_id,name,region_code\nx,甲局,999999\n,乙局,\n", "agencies.csv")
    assert rows == [] and len(errors) == 2
    assert errors[0].startswith("agencies.csv 第 2 行") and "999999" in errors[0]
    assert ag.read_registry("name\n甲局\n")[1] == ["agencies.csv: 缺少列 agency_id"]


def test_agency_ids_are_stable_across_builds_and_inputs():
    truth = _truth_reports()
    first = {a.name: a.agency_id for a in ag.resolve(truth).agencies}
    again = {a.name: a.agency_id for a in ag.resolve(truth[::-1] + [sample_report("乙局", 2024)]).agencies}
    assert all(again[name] == i for name, i in first.items())
    assert len(set(first.values())) == len(first)


def test_folder_names_resolve_inside_each_other():
    assert places.folder_region(["content", "reports", "福建省", "平潭综合实验区"]) == "350128"
    assert places.folder_region(["reports", "上海市"]) == "310000"
    assert places.name_region("淮安市洪泽区人民政府") == ("320813", "人民政府")
    assert places.name_region("朝阳区人民政府") == (None, "朝阳区人民政府")  # 北京 and 长春 both have one
    assert places.name_region("朝阳区人民政府", "110000") == ("110105", "人民政府")


def test_the_benchmark_corpus_files_its_agencies_under_real_regions_that_resolve_back():
    import random

    from site_builder.synth import names

    rng = random.Random(7)
    generated = {names.random_agency(rng) for _ in range(300)}
    g = places.gazetteer()
    reports = []
    for i, name in enumerate(sorted(generated)):
        code = names.region_of(name)
        assert code is not None, name
        reports.append({"agency": name, "year": 2024, "source": f"content/reports/{g.path(code)}/2024/{i}.txt"})
    resolution = ag.resolve(reports)
    assert not [n for n in resolution.notes if n.topic == "地区"]
    assert {a.region_code for a in resolution.agencies} <= {names.region_of(n) for n in generated}
    assert len({a.region_code for a in resolution.agencies}) > 50  # spread over many real regions
