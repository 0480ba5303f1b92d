"""数据质量: every input accounted for, and the build report printed by the CLI.

Each input is published, published with failed rules, rejected (with the
reason), or skipped as not a report format. Cross-year rules C6 and C7 were run
while grouping (check.cross_year_checks) and are listed here.
"""
from __future__ import annotations

from dataclasses import dataclass

from site_builder.audit import RULE_HELP, RULES
from site_builder.render.audit import STATUS_LABELS, pass_rates
from site_builder.render.documents import DOCUMENTS_DIR, skipped_reason
from site_builder.render.env import Page, render
from site_builder.render.exports import quality_rows
from site_builder.model import Portal
from site_builder.render.sources import DEFAULT_BUDGET, SourcePlan
from site_builder.render.statistics import rule_summary

STATIC_ROWS = 100


@dataclass(frozen=True)
class BuildReport:
    inputs: int
    published: int
    with_failed_rules: int
    rejected: list[tuple[str, str]]
    skipped: list[str]
    agencies: int
    twins: int = 0  # files that are a second copy of a published report: linked from its page
    documents: int = 0  # reports older than the 2019 form: listed as documents, never counted

    def lines(self) -> list[str]:
        out = [f"输入 {self.inputs} 份：发布 {self.published} 份（其中 {self.with_failed_rules} 份有未通过的校验），"
               f"另有 {self.twins} 份是已发布报告的另一份文件，未发布 {len(self.rejected)} 份；机关 {self.agencies} 个；"
               f"非报告格式、已跳过的文件 {len(self.skipped)} 个。"]
        out += [f"  未发布 {source}: {reason}" for source, reason in self.rejected]
        if self.documents:
            out.append(f"另有 2019 年以前格式的年度报告 {self.documents} 份，作为文件列在机关页，不计入统计。")
        out += [f"  已跳过 {source}: {skipped_reason(source)}" for source in self.skipped]
        return out


def build_report(portal: Portal, rows: dict[str, list[dict]] | None = None) -> BuildReport:
    """`rows`: quality_rows(portal), when the caller has them already (they walk every report)."""
    rows = rows if rows is not None else quality_rows(portal)
    twins = sum(len(files) for a in portal.agencies for files in a.twins.values())
    documents = sum(len(s.documents) for s in portal.documents)
    return BuildReport(inputs=len(portal.reports) + twins + len(portal.rejected) + documents,
                       published=len(portal.reports),
                       with_failed_rules=len(rows["failing"]),
                       rejected=[(r.source, r.reason) for r in portal.rejected], skipped=list(portal.skipped),
                       agencies=len(portal.agencies), twins=twins, documents=documents)


def quality_page(portal: Portal, sources: SourcePlan | None = None) -> Page:
    """The quality page; `sources` is the build's plan of the original files (none: nothing served)."""
    sources = sources or SourcePlan({}, DEFAULT_BUDGET)
    rows = quality_rows(portal)
    report = build_report(portal, rows)
    body = render("quality.md.j2", root="../", report=report, failing=rows["failing"][:STATIC_ROWS],
                  failing_count=len(rows["failing"]), rejected=rows["rejected"], skipped=rows["skipped"],
                  notes=rows["agency_notes"], scanned=rows["scanned"],
                  rules=rule_summary(portal), static_rows=STATIC_ROWS,
                  cross=[(a, x) for a in portal.agencies for x in a.cross_checks][:STATIC_ROWS],
                  audit_rules=[(r, RULES[r], RULE_HELP[r]) for r in RULES], audit_rates=pass_rates(portal.agencies),
                  status_labels=STATUS_LABELS, sources=sources, documents_url=f"../{DOCUMENTS_DIR}/")
    return Page("quality", "数据质量", body)
