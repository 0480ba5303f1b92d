"""Write "scans" of PDFs: image-only PDFs, grey, tilted, dusty, JPEG-compressed (site_builder.synth.scan).

    .venv/bin/python scripts/make_scans.py OUT_DIR [PDF ...] [--dpi 150 200] [--seed 2024]

With no PDF given, scans the three real PDFs in ../shared/corpus/pdf/. Each PDF gives
OUT_DIR/<name>-<dpi>dpi.pdf; the same PDF, resolution and seed always give the same bytes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.synth.scan import scan_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("pdfs", type=Path, nargs="*")
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDF given and none found in {CORPUS}")
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        for dpi in args.dpi:
            target = args.out / f"{pdf.stem}-{dpi}dpi.pdf"
            target.write_bytes(scan_pdf(pdf.read_bytes(), dpi, args.seed))
            print(target)


if __name__ == "__main__":
    main()
