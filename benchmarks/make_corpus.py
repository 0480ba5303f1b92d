"""Write N synthetic annual reports into a content folder, as a province's archive would hold them.

    python benchmarks/make_corpus.py 1000 /tmp/corpus/content [--seed 0] [--damage 0.03] [--office 0.015]

Agencies publish one report a year for one to five years (C6/C7 chain the years),
each agency in its own layout (a few switch layout in some year), every layout
the parser reads: the text layouts of `site_builder.synth.render` plus Word and
PDF files from the parser tests' office renderer (`tests/office_form.py`). A few
percent are damaged the way real reports are (`site_builder.synth.damage`).
The numbers are the synth model's, so they are consistent.

Files go to <out>/reports/<省/市/县>/<year>/<agency number>-<year><suffix> (the agency's real
region, from its name: `synth.names.region_of`); what each file
is (agency, year, layout, damage) goes to <out>/.corpus.json, which no build reads.
Generation runs across cores and is reproducible from the seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from site_builder import places
from site_builder.synth import YEARS, names
from site_builder.synth.damage import damage
from site_builder.synth.model import LAYOUTS, random_report
from site_builder.synth.render import render, renderable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import office_form  # noqa: E402  (the parser tests' Word/PDF renderer)

# How often each layout is an agency's usual one: pasted tables dominate, then PDF text and web pages.
LAYOUT_WEIGHTS = {"tab": 30, "pdf_text": 20, "runtogether": 8, "markdown": 7, "html": 20, "gbk": 8,
                  "utf8_bom": 7}
assert set(LAYOUT_WEIGHTS) == set(LAYOUTS)
# How many consecutive years an agency's archive holds (the last years up to 2025).
SPAN_WEIGHTS = {5: 50, 4: 20, 3: 15, 2: 10, 1: 5}
SWITCH_LAYOUT = 0.1  # chance that a given year comes in a different layout than the agency's usual


def plan(n: int, seed: int) -> list[tuple[int, str, tuple[int, ...]]]:
    """(agency number, name, years) until n reports are planned; names are distinct."""
    rng = random.Random(seed)
    agencies, seen, total = [], set(), 0
    while total < n:
        name = names.random_agency(rng)
        if name in seen:
            continue
        seen.add(name)
        span = min(rng.choices(list(SPAN_WEIGHTS), list(SPAN_WEIGHTS.values()))[0], n - total)
        agencies.append((len(agencies), name, YEARS[-span:]))
        total += span
    return agencies


def write_agency(job: tuple[int, str, tuple[int, ...], Path, int, float, float]) -> list[dict]:
    number, name, years, out, seed, damage_share, office_share = job
    rng = random.Random(f"{seed}/{number}")
    # Filed by region, as a province's archive is: 河南省/洛阳市/西工区/2024/…
    code = names.region_of(name)
    folder = places.gazetteer().path(code) + "/" if code else ""
    usual = rng.choices(list(LAYOUT_WEIGHTS), list(LAYOUT_WEIGHTS.values()))[0]
    written, previous = [], None
    for year in years:
        layout = usual if rng.random() > SWITCH_LAYOUT else rng.choice(LAYOUTS)
        roll = rng.random()
        office = "pdf" if roll < office_share / 2 else "docx" if roll < office_share else None
        report = random_report(rng, name, year, previous=previous, layout=None if office else layout)
        previous = report
        if office == "pdf":
            data, suffix, layout = office_form.write_pdf(report, break_at=rng.choice((None, 12, 20))), ".pdf", "pdf"
        elif office == "docx":
            data, suffix, layout = office_form.write_docx(report), ".docx", "docx"
        else:
            if renderable(report, layout):  # the model keeps to the layout, so this is a safety net
                layout = "tab"
            data, suffix = render(report, layout, rng)
        broken = None
        if office is None and rng.random() < damage_share:
            data, broken = damage(data, rng)
        rel = f"reports/{folder}{year}/{number:05d}-{year}{suffix}"
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append({"file": rel, "agency": name, "year": year, "layout": layout, "bytes": len(data),
                        "damage": broken})
    return written


def make_corpus(n: int, out: Path, seed: int = 0, damage_share: float = 0.03, office_share: float = 0.015,
                jobs: int | None = None) -> list[dict]:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"error: {out} is not empty; give a new folder")
    out.mkdir(parents=True, exist_ok=True)
    jobs_list = [(num, name, years, out, seed, damage_share, office_share) for num, name, years in plan(n, seed)]
    workers = jobs or len(os.sched_getaffinity(0))
    if workers > 1 and len(jobs_list) > 20:
        with ProcessPoolExecutor(workers) as pool:
            files = [f for chunk in pool.map(write_agency, jobs_list, chunksize=16) for f in chunk]
    else:
        files = [f for job in jobs_list for f in write_agency(job)]
    (out / ".corpus.json").write_text(json.dumps({"n": n, "seed": seed, "files": files}, ensure_ascii=False),
                                      encoding="utf-8")
    return files


def summary(files: list[dict]) -> str:
    layouts: dict[str, int] = {}
    for f in files:
        layouts[f["layout"]] = layouts.get(f["layout"], 0) + 1
    damaged = sum(1 for f in files if f["damage"] and f["damage"].get("kind"))
    agencies = len({f["agency"] for f in files})
    size = sum(f["bytes"] for f in files)
    return (f"{len(files)} reports, {agencies} agencies, {size / 1e6:.1f} MB; damaged {damaged}; layouts: "
            + ", ".join(f"{k} {v}" for k, v in sorted(layouts.items(), key=lambda kv: -kv[1])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("out", type=Path, help="content folder to create (must be new or empty)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--damage", type=float, default=0.03, help="share of text reports damaged (default 0.03)")
    ap.add_argument("--office", type=float, default=0.015, help="share of Word + PDF files (default 0.015)")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    files = make_corpus(args.n, args.out, args.seed, args.damage, args.office, args.jobs)
    print(f"{summary(files)} -> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
