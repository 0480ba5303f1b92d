"""The audit (T1–T5) on the real corpus: each rule's counts, T3's share distribution, time.

    python benchmarks/bench_audit.py [FILES_DIR]     # default ../shared/corpus/real/files
    python benchmarks/bench_audit.py --synthetic 600 # the audit's cost on 600 generated agencies × 2 years

Parses every file with the project's parser, groups the reports as the site
build does (model.portal.group_reports, which runs the audit), and prints:

- per rule, the number of findings and of reports with each status
  (pass / fail / uncertain / not_assessable; a report's status is its worst finding);
- every fail and uncertain finding, one line each, so they can be read against the reports;
- for T3, the share of shared text between parts 一 and 五 of each agency's
  consecutive years and of every pair of different agencies in the same year,
  measured directly (no LSH): the distribution that justifies THRESHOLD;
- the time the audit took.

Not a test: nothing here asserts; tests/test_audit_real.py holds the hand-labelled sample.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.audit import RULES, STATUSES, audit_agencies, rule_status  # noqa: E402
from site_builder.audit.findings import section_text  # noqa: E402
from site_builder.audit.t3_copied import (  # noqa: E402
    MIN_LENGTH, PARTS, THRESHOLD, normalised, shared, shingles)
from site_builder.pipeline import parse_file  # noqa: E402
from site_builder.model import group_reports  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpus" / "real" / "files"


def clear_caches() -> None:
    normalised.cache_clear()
    shingles.cache_clear()


def histogram(values: list[float]) -> str:
    bins = Counter(min(int(v * 10), 9) for v in values)
    return "  ".join(f"{b / 10:.1f}–{(b + 1) / 10:.1f}: {bins.get(b, 0)}" for b in range(10))


def t3_distribution(agencies: list) -> None:
    print(f"\nT3 shares of shared text (threshold {THRESHOLD:.2f}; "
          f"parts shorter than {MIN_LENGTH} characters skipped)")
    for part in PARTS:
        same, cross = [], []
        for agency in agencies:
            by_year = {r["year"]: r for r in agency.reports}
            for year, report in sorted(by_year.items()):
                prev = by_year.get(year - 1)
                a, b = section_text(report, part), section_text(prev, part) if prev else ""
                if prev and min(len(normalised(a)), len(normalised(b))) >= MIN_LENGTH:
                    same.append((shared(a, b).share, f"{agency.name} {year}"))
        reports = [r for a in agencies for r in a.reports
                   if len(normalised(section_text(r, part))) >= MIN_LENGTH]
        for x, y in itertools.permutations(reports, 2):
            if x["year"] == y["year"] and x["agency"] != y["agency"]:
                share = shared(section_text(x, part), section_text(y, part)).share
                cross.append((share, f"{x['agency']} ← {y['agency']}"))
        print(f"  part {part}: same agency, consecutive years ({len(same)} pairs)")
        print("    " + histogram([s for s, _ in same]))
        print("    sorted: " + " ".join(f"{s:.2f}" for s, _ in sorted(same)))
        above = "; ".join(f"{n} {s:.2f}" for s, n in sorted(same) if s >= THRESHOLD)
        print(f"    at or above the threshold: {above}")
        print(f"  part {part}: different agencies, same year ({len(cross)} ordered pairs)")
        print("    " + histogram([s for s, _ in cross]))
        top = sorted(cross, reverse=True)[:3]
        print("    highest: " + "; ".join(f"{s:.2f} {n}" for s, n in top))


def synthetic(agencies: int) -> None:
    """The audit alone on generated reports: their text comes from a small phrase bank, so T3's
    candidate buckets are as full as a region where every agency fills in one template."""
    import random

    from site_builder.synth.model import report_series

    rng = random.Random(1)
    series = [report_series(rng, (2023, 2024)) for _ in range(agencies)]
    start, cpu = time.perf_counter(), time.process_time()
    audit_agencies(series)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = sum(len(s) for s in series)
    print(f"audit of {n} generated reports (no region: one group per year): {elapsed:.1f} s wall, "
          f"{cpu:.1f} s CPU, {cpu / n * 1000:.2f} ms CPU per report")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--synthetic", type=int, metavar="N", help="time the audit on N generated agencies instead")
    args = ap.parse_args()
    if args.synthetic:
        synthetic(args.synthetic)
        return 0
    if not args.files.is_dir():
        print(f"error: {args.files} is not a folder", file=sys.stderr)
        return 2
    paths = sorted(p for p in args.files.iterdir() if p.is_file())
    reports = [parse_file(p) for p in paths]
    errors = [r for r in reports if "error" in r]
    print(f"{len(paths)} files, {len(paths) - len(errors)} parsed, {len(errors)} not parsed")
    for r in errors:
        print(f"  not parsed {r['source']}: {r['error']}")
    portal = group_reports(reports)
    published = portal.reports
    print(f"{len(published)} reports published "
          f"({len(portal.rejected)} rejected, e.g. a second file of the same year)")
    with_date = sum(1 for r in published if r.get("published"))
    linked = sum(1 for r in published if r.get("kind") and r.get("level"))
    print(f"  with a `published` date: {with_date}; with level and kind: {linked}")

    clear_caches()
    start, cpu = time.perf_counter(), time.process_time()
    audit_agencies(portal.agencies)  # again, timed on its own, caches cold
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = max(1, len(published))
    print(f"audit: {elapsed * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU for {len(published)} reports "
          f"({elapsed / n * 1000:.1f} ms wall, {cpu / n * 1000:.1f} ms CPU per report)")

    print(f"\n{'rule':<5}{'':<26}" + "".join(f"{s:>16}" for s in STATUSES))
    for rule, name in RULES.items():
        findings = Counter(f["status"] for r in published for f in r["audit"] if f["rule"] == rule)
        per_report = Counter(rule_status(r["audit"], rule) for r in published)
        print(f"{rule:<5}{'findings':<26}" + "".join(f"{findings.get(s, 0):>16}" for s in STATUSES))
        counts = "".join(f"{per_report.get(s, 0):>16}" for s in STATUSES)
        print(f"{'':<5}{'reports (' + name + ')':<26}" + counts)

    print("\nfail and uncertain findings:")
    for r in published:
        for f in r["audit"]:
            if f["status"] in ("fail", "uncertain"):
                print(f"  {Path(str(r['source'])).name} {f['rule']} {f['status']}: {f['message']}")
    t3_distribution(portal.agencies)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
