"""OCR of scanned reports: seconds per page and per report, and cell accuracy at 150 and 200 dpi.

Makes "scans" of the three real PDFs in ../shared/corpus/pdf/ (site_builder.synth.scan: grey,
tilted, dusty, JPEG, image-only), reads them with no OCR cache, parses them, and scores every
hand-typed cell of tests/test_read_pdf.py. Usage:

    .venv/bin/python benchmarks/bench_ocr.py [--dpi 150 200] [--seed 2024] [--jobs N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from scan_truth import CORPUS, EXPECTED, score  # noqa: E402

from site_builder.check import run_checks  # noqa: E402
from site_builder.parse import parse_document  # noqa: E402
from site_builder.read import ocr  # noqa: E402
from site_builder.read.document import RawDocument  # noqa: E402
from site_builder.read.ocr_layout import scan_lines  # noqa: E402
from site_builder.segment import segment  # noqa: E402
from site_builder.synth.scan import scan_pdf  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--jobs", type=int, default=None, help="processes for pages (default: all cores)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="reuse OCR results from this cache (e.g. .pytest_cache/d/ocr): accuracy only, "
                         "the seconds then time a cache read")
    args = ap.parse_args()
    ocr.set_cache_dir(args.cache)  # by default none: time the OCR itself
    print(f"engine: {ocr.engine_version()}; cores used: {args.jobs or ocr._cpus()}")
    for dpi in args.dpi:
        right = total = pages_all = 0
        seconds_all = 0.0
        for name in sorted(EXPECTED):
            scan = scan_pdf((CORPUS / name).read_bytes(), dpi, args.seed)
            start = time.perf_counter()
            pages = ocr.scan_pages(scan, "pdf", args.jobs)
            seconds = time.perf_counter() - start
            report = parse_document(segment(RawDocument(name, "pdf", scan_lines(pages))))
            report["checks"] += run_checks(report)
            ok, n, wrong = score(report, name)
            right, total, pages_all, seconds_all = right + ok, total + n, pages_all + len(pages), seconds_all + seconds
            flagged = {c for check in report["checks"] for c in check["cells"]}
            print(f"{dpi} dpi {name}: {len(pages)} pages, {seconds:.1f} s ({seconds / len(pages):.1f} s/page); "
                  f"cells {ok}/{n} ({ok / n:.1%}); checks {len(report['checks'])}, inferred {len(report['inferred'])}")
            for path, (want, got) in wrong.items():
                print(f"    {path}: printed {want}, read {got}{' (flagged)' if path in flagged else ''}")
        print(f"{dpi} dpi: cells {right}/{total} = {right / total:.2%}; {seconds_all / pages_all:.1f} s/page, "
              f"{seconds_all / len(EXPECTED):.1f} s/report")


if __name__ == "__main__":
    main()
