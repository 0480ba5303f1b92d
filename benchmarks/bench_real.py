"""Accuracy on the real corpus (../shared/corpus/real), per layout: the README's table.

    python benchmarks/bench_real.py [--verbose]

Prints, per layout, the files, the share of settled cells read right, the reports that are
clean (every cell right, every broken rule flagged, no rule flagged that holds), and the
rejected files; then one line per report that is not clean.
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_truth import CORPUS, load_truth, score  # noqa: E402
from site_builder.pipeline import parse_file  # noqa: E402


def main() -> None:
    verbose = "--verbose" in sys.argv
    truth = load_truth()
    start = time.perf_counter()
    scores = [score(name, parse_file(CORPUS / "files" / name), exp) for name, exp in truth.items()]
    seconds = time.perf_counter() - start
    by_layout = defaultdict(list)
    for s in scores:
        by_layout[s.layout].append(s)
    print(f"real corpus {CORPUS}: {len(scores)} files, parsed in {seconds:.2f} s")
    print(f"{'layout':<12} {'files':>5} {'cells right':>18} {'clean':>7} {'rejected':>8}")
    for layout, group in sorted(by_layout.items()) + [("all", scores)]:
        cells, right = sum(s.cells for s in group), sum(s.right for s in group)
        clean = sum(1 for s in group if s.right == s.cells and not s.unflagged and not s.spurious)
        rejected = sum(1 for s in group if s.rejected)
        print(f"{layout:<12} {len(group):>5} {right:>6}/{cells:<6} {right / cells:6.1%} {clean:>4}/{len(group):<3}"
              f" {rejected:>6}")
    for s in scores:
        if verbose or s.right < s.cells or s.unflagged or s.spurious or s.rejected:
            notes = [f"REJECTED {s.rejected[:80]}"] if s.rejected else []
            notes += [f"{r} not flagged" for r in s.unflagged] + [f"{r} flagged though it holds" for r in s.spurious]
            print(f"  {s.name}: {s.right}/{s.cells}" + "".join(f"; {n}" for n in notes)
                  + (f"; e.g. {', '.join(s.wrong[:3])}" if s.wrong and not s.rejected else ""))


if __name__ == "__main__":
    main()
