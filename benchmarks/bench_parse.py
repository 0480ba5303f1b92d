"""Parse speed on one core: the five seeds, generated reports of every layout and the real
corpus (../shared/corpus/real); then damage tolerance on the real corpus.

    python benchmarks/bench_parse.py [--repeat 20] [--per-layout 40] [--mutants 20]

Prints reports/s and ms/report per group (the aim is ≥ 500 reports/s on one core),
and how fast the generator itself writes reports, which matters for the demo corpus.
Damage tolerance: each real file is mutated --mutants times per kind (site_builder.synth.damage
MUTATIONS and KINDS); of the mutants whose text still holds table 三's rows (the label 本年新收
with a digit after it, judged without the parser), the share published rather than rejected
(the aim is 100%), and the rejections, if any.
Not a test: figures depend on the machine, so nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import re
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_truth import CORPUS  # noqa: E402
from site_builder.pipeline import parse_bytes  # noqa: E402
from site_builder.synth.damage import KINDS, MUTATIONS, damage, mutate  # noqa: E402
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
    # the five seeds as published (../shared/seeds); content/ files them in region folders now
    seeds = CORPUS.parent.parent / "seeds"
    groups = {"seeds": [(p.read_bytes(), ".txt") for p in sorted(seeds.glob("*.txt"))]}
    for layout in LAYOUTS:
        cases = []
        for seed in range(per_layout):
            rng = random.Random(seed)
            cases.append(render(random_report(rng, layout=layout), layout, rng))
        groups[layout] = cases
    real = real_files()
    if real:
        groups["real"] = [(data, Path(name).suffix) for name, data in real]
    return groups


def real_files() -> list[tuple[str, bytes]]:
    files = CORPUS / "files"
    return [(p.name, p.read_bytes()) for p in sorted(files.glob("*"))] if files.is_dir() else []


_TAG = re.compile(r"<[^>]*>|&nbsp;|&#160;")
_ROWS_PRESENT = re.compile(r"本年新收[^0-9]{0,60}[0-9]")


def has_table3_rows(data: bytes) -> bool:
    """The criterion of tests/test_parse_fuzz.py: 本年新收 and a digit after it, markup and blanks gone."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="ignore")
    return bool(_ROWS_PRESENT.search(re.sub(r"\s+", "", _TAG.sub("", text))))


def damage_tolerance(per_kind: int) -> None:
    real = real_files()
    if not real:
        print(f"damage tolerance: no real corpus at {CORPUS}")
        return
    print(f"damage tolerance: {len(real)} real files x {per_kind} mutants per kind; "
          "published = share of the mutants still holding table 三's rows that were not rejected")
    print(f"{'mutation':<16} {'mutants':>8} {'rows kept':>10} {'published':>10} {'share':>7}")
    failures = []
    for kind in (*MUTATIONS, *KINDS):
        made = kept = published = 0
        for i, (name, data) in enumerate(real):
            for k in range(per_kind):
                rng = random.Random(f"{kind}/{name}/{k}")
                mutant, info = mutate(data, rng, kind) if kind in MUTATIONS else damage(data, rng, kind)
                made += 1
                if not has_table3_rows(mutant):
                    continue
                kept += 1
                out = parse_bytes(mutant, f"mutant/{name}", Path(name).suffix)
                if "error" in out:
                    failures.append((kind, name, k, info, out["error"]))
                else:
                    published += 1
        share = f"{published / kept:.1%}" if kept else "-"
        print(f"{kind:<16} {made:>8} {kept:>10} {published:>10} {share:>7}")
    for kind, name, k, info, error in failures[:20]:
        print(f"  rejected: {kind} #{k} of {name} ({info}): {error[:160]}")
    if len(failures) > 20:
        print(f"  … and {len(failures) - 20} more rejections")


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
    ap.add_argument("--mutants", type=int, default=20, help="mutants of each real file per kind (default 20)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {pin_one_core()}")
    print(f"load average {os.getloadavg()[0]:.1f} (figures drop when other work shares the machine)")
    print(f"{'group':<12} {'reports':>8} {'seconds':>8} {'reports/s':>10} {'ms/report':>10} {'cpu ms':>8}"
          f" {'cpu rep/s':>10} {'errors':>7}")
    total_n = total_t = total_c = 0.0
    for name, cases in inputs(args.per_layout).items():
        n, seconds, cpu, errors = time_parse(cases, args.repeat)
        total_n, total_t, total_c = total_n + n, total_t + seconds, total_c + cpu
        print(f"{name:<12} {n:>8} {seconds:>8.2f} {n / seconds:>10.0f} {1000 * seconds / n:>10.2f}"
              f" {1000 * cpu / n:>8.2f} {n / cpu:>10.0f} {errors:>7}")
    print(f"{'all':<12} {int(total_n):>8} {total_t:>8.2f} {total_n / total_t:>10.0f} {1000 * total_t / total_n:>10.2f}"
          f" {1000 * total_c / total_n:>8.2f} {total_n / total_c:>10.0f}")
    print(f"generator: {time_generate(700):.0f} reports/s generated and rendered (all layouts in turn)")
    damage_tolerance(args.mutants)


if __name__ == "__main__":
    main()
