"""统计总览: totals over all agencies, outcome distribution, rankings, coverage, data quality.

Every figure that sums or ranks agencies is of one year, the latest by default
(adding up different years would count a body several times). The full
agency-year table and the coverage grid are data-driven (drawn in the browser from
data/summary/<year>.json and data/index.json, sortable, filterable, paginated; the
table's year is picked on the page); the HTML holds only their first page, so the
page stays small at 10,000 agencies and still works without JavaScript.
"""
from __future__ import annotations

from collections import Counter

from site_builder import contract as c
from site_builder.render import charts
from site_builder.render.agency import agency_dir
from site_builder.render.env import Page, render
from site_builder.render.exports import summary_rows
from site_builder.render.fmt import number, percent
from site_builder.model import Portal, key_figures, outcome_groups, share

STATIC_ROWS = 100
RANK_SIZE = 10
MIN_PROCESSED_FOR_RATE = 5  # a rate over 1 or 2 applications ranks noise

TABLE_COLUMNS = [
    {"key": "agency", "label": "机关", "type": "link"},
    {"key": "region", "label": "地区", "type": "text"},
    {"key": "level", "label": "层级", "type": "text"},
    {"key": "kind", "label": "类别", "type": "text"},
    {"key": "year", "label": "年度", "type": "year"},
    {"key": "new_received", "label": "新收申请", "type": "num"},
    {"key": "total_processed", "label": "办结", "type": "num"},
    {"key": "granted_rate", "label": "予以公开率", "type": "pct"},
    {"key": "denied_unavailable_share", "label": "不予公开/无法提供", "type": "pct"},
    {"key": "review", "label": "行政复议", "type": "num"},
    {"key": "litigation", "label": "行政诉讼", "type": "num"},
    {"key": "rules", "label": "未通过的校验", "type": "text"},
]


def year_totals(portal: Portal) -> list[dict]:
    rows = []
    for year in portal.years:
        reports = [r for a in portal.agencies for r in a.reports if r["year"] == year]
        figs = [key_figures(r) for r in reports]

        def s(key: str) -> int | float:
            return sum(f[key] or 0 for f in figs)

        rows.append({"year": year, "reports": len(reports), "new_received": number(s("new_received")),
                     "total_processed": number(s("total_processed")), "granted": number(s("granted")),
                     "granted_rate": percent(share(s("granted"), s("total_processed"))),
                     "review": number(s("review")), "litigation": number(s("litigation"))})
    return rows


def outcome_distribution(portal: Portal) -> charts.Chart | None:
    if not portal.years:
        return None
    year = portal.years[-1]
    totals: dict[str, float] = {}
    for agency in portal.agencies:
        for report in agency.reports:
            if report["year"] == year:
                for label, value in outcome_groups(report):
                    totals[label] = totals.get(label, 0) + (value or 0)
    return charts.hbar("outcomes-all", f"{year} 年各机关办理结果合计", list(totals), list(totals.values()))


def rankings(portal: Portal) -> list[charts.Chart]:
    """Rankings among the agencies that reported in the latest year."""
    if not portal.years:
        return []
    year = portal.years[-1]
    latest = [(a, a.report(year), key_figures(a.report(year))) for a in portal.agencies if year in a.years]
    out = []
    for key, title, eligible in (
        ("new_received", f"{year} 年新收申请最多的机关", lambda f: bool(f["new_received"])),
        ("granted_rate", f"{year} 年予以公开率最高的机关（办结不少于 {MIN_PROCESSED_FOR_RATE} 件）",
         lambda f: f["granted_rate"] is not None and (f["total_processed"] or 0) >= MIN_PROCESSED_FOR_RATE),
        ("denied_unavailable_share", f"{year} 年不予公开/无法提供占比最高的机关（办结不少于 {MIN_PROCESSED_FOR_RATE} 件）",
         lambda f: f["denied_unavailable_share"] is not None
         and (f["total_processed"] or 0) >= MIN_PROCESSED_FOR_RATE),
    ):
        ranked = sorted((x for x in latest if eligible(x[2])), key=lambda x: (-float(x[2][key]), x[0].name))
        top = ranked[:RANK_SIZE]
        if len(top) < 2 or not any(f[key] for _, _, f in top):
            continue  # a ranking of one, or of zeros, says nothing
        is_rate = key != "new_received"
        values = [round(float(f[key]) * 100, 1) if is_rate else f[key] for _, _, f in top]
        labels = [f"{a.name}（{r['year']}）" for a, r, _ in top]
        out.append(charts.hbar(f"rank-{key}", title, labels, values, "百分比" if is_rate else "件数",
                               axis_labels=[charts.short_label(a.name) for a, _, _ in top]))
    return out


def rule_summary(portal: Portal) -> list[dict]:
    counts: Counter[str] = Counter()
    for agency in portal.agencies:
        for report in agency.reports:
            rules = {str(x.get("rule")) for x in report.get("checks") or []}
            rules |= {str(x.get("rule")) for x in agency.cross_checks if x.get("year") == report["year"]}
            counts.update(rules)
    return [{"rule": rule, "text": text, "reports": counts.get(rule, 0)} for rule, text in c.RULES.items()]


def statistics_page(portal: Portal) -> Page:
    root = "../"
    latest = portal.years[-1] if portal.years else None
    rows = summary_rows(portal, latest) if latest else []
    coverage = [{"name": a.name, "url": root + agency_dir(a) + "/", "years": set(a.years)}
                for a in portal.agencies[:STATIC_ROWS]]
    body = render("statistics.md.j2", root=root, totals=year_totals(portal),
                  distribution=outcome_distribution(portal), rankings=rankings(portal), latest=latest,
                  columns=TABLE_COLUMNS, rows=rows[:STATIC_ROWS], row_count=len(rows), years=portal.years,
                  report_count=len(portal.reports),
                  coverage=coverage, agency_count=len(portal.agencies), rules=rule_summary(portal),
                  rejected=len(portal.rejected), static_rows=STATIC_ROWS)
    return Page("stats", "统计总览", body)
