"""Parse speed on one core: the five seeds and generated reports of every layout.

    python benchmarks/bench_parse.py [--repeat 20] [--per-layout 40]

Prints reports/s and ms/report per group (the aim is ≥ 500 reports/s on one core),
and how fast the generator itself writes reports, which matters for the demo corpus.
Not a test: figures depend on the machine, so nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.pipeline import parse_bytes  # noqa: E402
from site_builder.synth import random_report  # noqa: E402
from site_builder.synth.model import LAYOUTS  # noqa: E402
from site_builder.synth.render import render  # noqa: E402


def pin_one_core() -> str:
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def inputs(per_layout: int) -> dict[str, list[tuple[bytes, str]]]:
    groups = {"seeds": [(p.read_bytes(), p.suffix) for p in sorted((ROOT / "content" / "reports").glob("*.txt"))]}
    for layout in LAYOUTS:
        cases = []
        for seed in range(per_layout):
            rng = random.Random(seed)
            cases.append(render(random_report(rng, layout=layout), layout, rng))
        groups[layout] = cases
    return groups


def time_parse(cases: list[tuple[bytes, str]], repeat: int) -> tuple[int, float, float, int]:
    """(parses, wall seconds, CPU seconds, errors): CPU time is what one core can do when the
    machine is shared; wall time is what a user waits."""
    parse_bytes(*_first(cases))  # warm imports and caches outside the timing
    errors = 0
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for data, suffix in cases:
            errors += "error" in parse_bytes(data, "bench" + suffix, suffix)
    return repeat * len(cases), time.perf_counter() - start, time.process_time() - cpu, errors


def _first(cases):
    data, suffix = cases[0]
    return data, "warm" + suffix, suffix


def time_generate(count: int) -> float:
    start = time.perf_counter()
    for seed in range(count):
        rng = random.Random(seed)
        layout = LAYOUTS[seed % len(LAYOUTS)]
        render(random_report(rng, layout=layout), layout, rng)
    return count / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20, help="passes over each group (default 20)")
    ap.add_argument("--per-layout", type=int, default=40, help="generated reports per layout (default 40)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {pin_one_core()}")
    print(f"load average {os.getloadavg()[0]:.1f} (figures drop when other work shares the machine)")
    print(f"{'group':<12} {'reports':>8} {'seconds':>8} {'reports/s':>10} {'ms/report':>10} {'cpu ms':>8} {'errors':>7}")
    total_n = total_t = total_c = 0.0
    for name, cases in inputs(args.per_layout).items():
        n, seconds, cpu, errors = time_parse(cases, args.repeat)
        total_n, total_t, total_c = total_n + n, total_t + seconds, total_c + cpu
        print(f"{name:<12} {n:>8} {seconds:>8.2f} {n / seconds:>10.0f} {1000 * seconds / n:>10.2f}"
              f" {1000 * cpu / n:>8.2f} {errors:>7}")
    print(f"{'all':<12} {int(total_n):>8} {total_t:>8.2f} {total_n / total_t:>10.0f} {1000 * total_t / total_n:>10.2f}"
          f" {1000 * total_c / total_n:>8.2f}")
    print(f"generator: {time_generate(700):.0f} reports/s generated and rendered (all layouts in turn)")


if __name__ == "__main__":
    main()
