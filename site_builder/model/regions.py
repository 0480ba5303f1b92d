"""Regions: the tree 省 → 市 → 县 of the regions that have agencies, each region's totals,
and its peers index (agencies of one level and kind inside one region).

Built once per build from the portal's agencies; every page module reads it. Only
regions with at least one agency in their subtree are in the tree, so its size follows
the content, not the 3,000 regions of the standard.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median

from site_builder import places
from site_builder.agencies import UNSETTLED
from site_builder.model.figures import Number, key_figures, share
from site_builder.model.portal import Agency, Portal

UNSETTLED_CODE = "unsettled"  # the URL of the 地区未定 page
SUM_KEYS = ("new_received", "total_processed", "granted", "denied_unavailable", "review", "review_corrected",
            "litigation", "litigation_corrected")
PEER_RATES = ("granted_rate", "denied_unavailable_share", "review_corrected_share")
MIN_PEERS = 3  # fewer peers than this: look one region up; and never rank among fewer


@dataclass
class Region:
    code: str  # GB/T 2260 code, or UNSETTLED_CODE
    name: str
    parent: str | None
    children: list[str] = field(default_factory=list)  # codes of child regions that have agencies
    agencies: list[Agency] = field(default_factory=list)  # in this region or below, by region then name
    own: int = 0  # agencies placed in this region itself

    @property
    def url_dir(self) -> str:
        return f"regions/{self.code}"


@dataclass
class Regions:
    by_code: dict[str, Region]
    roots: list[str]  # provinces (and 地区未定), in code order

    def chain(self, code: str) -> list[Region]:
        out = []
        node: str | None = code
        while node is not None:
            out.append(self.by_code[node])
            node = self.by_code[node].parent
        return out[::-1]

    def of(self, agency: Agency) -> Region:
        return self.by_code[agency.region_code or UNSETTLED_CODE]


def build_regions(portal: Portal) -> Regions:
    g = places.gazetteer()
    by_code: dict[str, Region] = {}
    for agency in portal.agencies:
        chain = g.chain(agency.region_code) if agency.region_code else [UNSETTLED_CODE]
        for i, code in enumerate(chain):
            if code not in by_code:
                name = g.name(code) if code != UNSETTLED_CODE else UNSETTLED
                by_code[code] = Region(code, name, chain[i - 1] if i else None)
                if i:
                    by_code[chain[i - 1]].children.append(code)
            by_code[code].agencies.append(agency)
        by_code[chain[-1]].own += 1
    for region in by_code.values():
        region.children.sort()
    roots = sorted((c for c, r in by_code.items() if r.parent is None),
                   key=lambda c: (c == UNSETTLED_CODE, c))
    return Regions(by_code, roots)


# ---- totals -------------------------------------------------------------------------------

def totals(agencies: list[Agency], year: int) -> dict[str, Number | None]:
    """A region's aggregate for one year: sums of counts over the agencies that reported, rates of sums."""
    figures = [key_figures(a.report(year)) for a in agencies if year in a.years]
    out: dict[str, Number | None] = {"reports": len(figures)}
    for key in SUM_KEYS:
        values = [f[key] for f in figures if f[key] is not None]
        out[key] = sum(values) if values else None
    out["granted_rate"] = share(out["granted"], out["total_processed"])
    out["denied_unavailable_share"] = share(out["denied_unavailable"], out["total_processed"])
    out["review_corrected_share"] = share(out["review_corrected"], out["review"])
    out["litigation_corrected_share"] = share(out["litigation_corrected"], out["litigation"])
    return out


def years_of(agencies: list[Agency]) -> list[int]:
    return sorted({y for a in agencies for y in a.years})


# ---- peers --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeerStanding:
    key: str
    value: float | None
    median: float | None
    rank: int | None  # 1 = highest; None when fewer than MIN_PEERS peers have a value
    of: int  # peers with a value, this agency included when it has one


@dataclass
class Peers:
    scope: Region  # where the peers were taken from (the agency's region, or the one above it)
    agencies: list[Agency]  # the others, of the same level and kind, with a report for the year
    standings: list[PeerStanding]


class PeerIndex:
    """Agencies by (region or any region above it, level, kind), with each group's sorted rates per
    year computed once, so a page's panel costs a lookup and a bisection, not a pass over its peers."""

    def __init__(self, regions: Regions):
        self.regions = regions
        self.groups: dict[tuple[str, str, str], list[Agency]] = {}
        for region in regions.by_code.values():
            for agency in region.agencies:
                self.groups.setdefault((region.code, agency.level, agency.kind), []).append(agency)
        self._sorted: dict[tuple, list[float]] = {}

    def scope(self, agency: Agency, year: int) -> tuple[Region, list[Agency]]:
        """The agency's own region, or the one above it when that has fewer than MIN_PEERS peers."""
        region = self.regions.of(agency)
        chosen = region, self._peers(region.code, agency, year)
        if len(chosen[1]) < MIN_PEERS and region.parent is not None:
            parent = self.regions.by_code[region.parent]
            wider = self._peers(parent.code, agency, year)
            if len(wider) > len(chosen[1]):  # a parent holding no one else would only rename the scope
                chosen = parent, wider
        return chosen

    def _peers(self, code: str, agency: Agency, year: int) -> list[Agency]:
        group = self.groups.get((code, agency.level, agency.kind), ())
        return [a for a in group if a is not agency and year in a.years]

    def _values(self, code: str, agency: Agency, year: int, key: str) -> list[float]:
        cache_key = (code, agency.level, agency.kind, year, key)
        if cache_key not in self._sorted:
            group = self.groups.get((code, agency.level, agency.kind), ())
            values = (key_figures(a.report(year))[key] for a in group if year in a.years)
            self._sorted[cache_key] = sorted(float(v) for v in values if v is not None)
        return self._sorted[cache_key]

    def peers(self, agency: Agency, year: int) -> Peers:
        scope, others = self.scope(agency, year)
        own = key_figures(agency.report(year))
        standings = []
        for key in PEER_RATES:
            values = self._values(scope.code, agency, year, key)  # the group, this agency included
            mine = None if own[key] is None else float(own[key])
            rest = list(values)
            if mine is not None:
                del rest[bisect_left(rest, mine)]
            rank = None
            if mine is not None and len(rest) >= MIN_PEERS:
                rank = len(values) - bisect_right(values, mine) + 1
            standings.append(PeerStanding(key, mine, median(rest) if rest else None, rank,
                                          len(values)))
        return Peers(scope, others, standings)
