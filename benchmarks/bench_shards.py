"""How `prepare --shard K/N` splits a content folder: the plan against a split by path hash.

    python benchmarks/make_corpus.py 1000 /tmp/c/content
    python benchmarks/bench_shards.py /tmp/c/content --shards 4 --add-scans 40

`--add-scans K` first writes K scanned reports into <content>/reports/scans/ (the three real PDFs
of ../shared/corpus/pdf scanned by site_builder.synth.scan at 150 or 200 dpi, each seed a new
file), since the synthetic corpus has none. Then, for each split, a line per shard: files, scans,
scanned pages and the estimated seconds of one core (shards.estimate), and how far the largest
share is above the mean: the wall time of a backfill is its largest share's. Nothing is parsed.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder import collect, shards  # noqa: E402

REAL_PDFS = ROOT.parent / "shared" / "corpus" / "pdf"


def add_scans(content: Path, count: int) -> None:
    from site_builder.synth.scan import scan_pdf

    sources = sorted(REAL_PDFS.glob("*.pdf"))
    if not sources:
        sys.exit(f"no real PDFs at {REAL_PDFS} to scan")
    folder = content / "reports" / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        target = folder / f"scan-{i:03d}.pdf"
        if not target.exists():
            target.write_bytes(scan_pdf(sources[i % len(sources)].read_bytes(), (150, 200)[i % 2], seed=i))


def by_hash(works: list[shards.Work], count: int) -> list[list[shards.Work]]:
    """The alternative: each file to sha256(its path) mod N (deterministic, blind to cost)."""
    out: list[list[shards.Work]] = [[] for _ in range(count)]
    for w in works:
        out[int(hashlib.sha256(w.source.encode()).hexdigest(), 16) % count].append(w)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", type=Path)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--add-scans", type=int, default=0, metavar="K")
    args = ap.parse_args()
    if args.add_scans:
        add_scans(args.content, args.add_scans)
    paths, _ = collect.find_inputs(args.content)
    started = time.perf_counter()
    works = [shards.estimate(p, p.relative_to(args.content).as_posix()) for p in paths]
    seconds = time.perf_counter() - started
    print(f"{len(works):,} inputs estimated in {seconds:.2f} s ({seconds / max(1, len(works)) * 1000:.2f} ms each)")
    for name, split in (("plan (costliest first, to the least loaded)", shards.plan(works, args.shards)),
                        ("path hash", by_hash(works, args.shards))):
        print(f"{name}:")
        for line in shards.plan_lines(split):
            print("  " + line)


if __name__ == "__main__":
    main()
