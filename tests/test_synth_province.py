"""The synthetic province (site_builder/synth/province.py): a real region tree, real proportions,
the same bodies from the same seed, and renamed bodies the portal's agency resolution joins."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from site_builder import agencies, places
from site_builder.synth import province as P


@pytest.fixture(scope="module")
def henan() -> list[P.Body]:
    return P.province_bodies("410000", seed=0)


def source(body: P.Body, year: int) -> str:
    return f"content/reports/{places.gazetteer().path(body.region_code)}/{year}/{body.key.split('/')[1]}.txt"


def test_same_seed_same_bodies_and_another_seed_differs(henan):
    assert P.province_bodies("410000", seed=0) == henan
    other = P.province_bodies("410000", seed=1)
    assert [b.printed for b in other[:500]] != [b.printed for b in henan[:500]]


def test_a_small_corpus_is_the_first_bodies_of_the_province(henan):
    for n in (1000, 10_000):
        bodies, density = P.plan(n, "410000", seed=0)
        assert density == 1.0
        assert bodies == henan[:len(bodies)]
        assert n <= P.reports_of(bodies) < n + 6  # about n: the last body's years overshoot by at most 5
    small, _ = P.plan(1000, "410000", seed=0)
    assert {b.region_code for b in small if b.level == "省级"} == {"410000"}
    assert {places.gazetteer().parents[b.region_code] for b in small if b.level == "县级"} == {"410100"}


def test_the_tree_is_henan_with_real_proportions(henan):
    levels = Counter(b.level for b in henan)
    assert 38 + 2 <= levels["省级"] <= 42 + 2
    prefectures = {b.region_code for b in henan if b.level == "市级"}
    assert len(prefectures) == 17  # 济源市 is a county the province governs itself
    counties = {b.region_code for b in henan if b.level in ("县级", "乡级")}
    assert len(counties) == 157 and "419001" in counties
    assert 2000 <= levels["乡级"] <= 3000  # 河南: about 2,400 townships and street offices
    per_county = Counter(b.region_code for b in henan if b.level == "县级")
    assert min(per_county.values()) >= 27 + 2 and max(per_county.values()) <= 33 + 2
    assert 7500 <= len(henan) <= 9500


def test_street_offices_are_mostly_in_districts(henan):
    g = places.gazetteer()
    share = {}
    for kind in "区市县":
        towns = [b for b in henan if b.level == "乡级" and P.county_type(g.name(b.region_code)) == kind]
        share[kind] = sum(b.kind == "街道" for b in towns) / len(towns)
    assert share["区"] > 0.6 > share["市"] > share["县"] and share["县"] < 0.15


def test_names_print_their_place_and_no_digit(henan):
    for b in henan:
        for _, name in b.printed:
            assert not re.search(r"[0-9０-９年]", name), name
    luoyang = [name for b in henan if b.region_code == "410303" and b.level == "县级" for _, name in b.printed]
    assert any(n.startswith("洛阳市西工区") for n in luoyang) and any(n.startswith("西工区") for n in luoyang)
    assert all(name.startswith("河南省") for b in henan if b.level == "省级" for _, name in b.printed)


def test_a_year_missing_now_and_then_and_a_few_bodies_renamed(henan):
    years = sum(len(b.printed) for b in henan)
    assert 0.06 < 1 - years / (5 * len(henan)) < 0.11
    renamed = Counter(b.rename for b in henan if b.rename)
    assert 0.02 < sum(renamed.values()) / len(henan) < 0.06
    assert set(renamed) == {"prefix", "self", "abbrev", "reorg"}
    for b in henan:
        assert (len({name for _, name in b.printed}) == 2) == (b.rename is not None), b


def test_one_name_per_place_and_year(henan):
    seen = Counter((b.region_code, year, name) for b in henan for year, name in b.printed)
    assert seen.most_common(1)[0][1] == 1


def test_a_denser_province_keeps_every_body_and_adds_departments():
    base = {b.key: b for b in P.node_bodies("410303", "县级", seed=0)}
    dense = {b.key: b for b in P.node_bodies("410303", "县级", seed=0, density=1.5)}
    assert set(base) < set(dense)
    assert all(dense[k] == b for k, b in base.items())


def test_renamed_bodies_resolve_to_one_agency_when_the_place_joins_them(henan):
    """Every body of two counties and every renamed body of the province, as the portal reads them:
    a body renamed by prefix or short form is one agency; no two bodies become one."""
    chosen = [b for b in henan if b.rename or b.region_code in ("410303", "410323")]
    reports, owner = [], []
    for b in chosen:
        for year, name in b.printed:
            reports.append({"agency": name, "year": year, "source": source(b, year)})
            owner.append(b.key)
    resolution = agencies.resolve(reports)
    assert not [n for n in resolution.notes if n.topic == "地区"]
    of_body: dict[str, set[str]] = {}
    for record in resolution.agencies:
        bodies = {owner[i] for i in record.members}
        assert len(bodies) == 1, bodies  # never two bodies merged
        of_body.setdefault(bodies.pop(), set()).add(record.agency_id)
    split = {b.key: b.rename for b in chosen if len(of_body[b.key]) > 1}
    assert not [k for k, rename in split.items() if rename is None or rename in P.JOINABLE]
    assert {rename for rename in split.values()} <= {"abbrev", "reorg"}
    levels = {r.agency_id: r.level for r in resolution.agencies}
    for b in chosen:
        assert {levels[a] for a in of_body[b.key]} == {b.level}, b
