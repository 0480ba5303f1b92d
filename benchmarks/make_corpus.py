"""Write about N synthetic annual reports into a content folder, as one province's archive holds them.

    python benchmarks/make_corpus.py 10000 /tmp/corpus/content [--seed 0] [--province 410000] [--scans 1]

The bodies are a real province's (`site_builder.synth.province`: 河南省 by default, its
prefectures and counties from GB/T 2260, departments at each level, made-up townships
and street offices under each county), each publishing one report a year for 2021–2025
with about one year in twelve missing and a few bodies renamed across years. Below the
province's own size (about 38,000 reports) N takes the first bodies in tree order: the
province's departments, then prefecture after prefecture, so 1,000 reports are the
province's departments and part of 郑州市, a slice shaped like the whole. Above it, each
region gets more departments (a denser province) until N is reached.

Layouts are those real reports come in: mostly a portal's flattened page text
(`flat_page`) and its article HTML (`portal_html`), then text pasted from Word or PDF,
Markdown and HTML tables (`site_builder.synth.render`), Word and PDF files from the parser
tests' office renderer (`tests/office_form.py`, 1.5 %), and a few scans: image-only PDFs
from `site_builder.synth.scan` (`--scans`, default one per 10,000 reports, at least one:
OCR costs about 30 s per scan on a 2-core machine, so a build's time at a given N
depends on it). 3 % of the text files are damaged (`site_builder.synth.damage`). The
numbers are the synth model's, chained across years by C6/C7.

Files go to <out>/reports/<省/市/县>/<year>/<body number>-<year><suffix> (a township under its
county); <out>/.corpus.json records what each file is (printed name, true body, region,
level, kind, layout, damage, rename), which no build reads. Generation runs across
processes and is reproducible from the seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from site_builder import places
from site_builder.synth import province as prov
from site_builder.synth.damage import damage
from site_builder.synth.model import LAYOUTS, random_report
from site_builder.synth.render import render, renderable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import office_form  # noqa: E402  (the parser tests' Word/PDF renderer)

FORMAT = 2  # of .corpus.json: a bench rewrites a corpus of another format
# How often each layout is a body's usual one. A province's archive is mostly crawled from
# its portals (flattened page text and the article HTML), then text pasted from Word or PDF.
LAYOUT_WEIGHTS = {"flat_page": 34, "portal_html": 28, "tab": 10, "pdf_text": 8, "html": 8, "runtogether": 3,
                  "gbk": 3, "utf8_bom": 3, "markdown": 3}
assert set(LAYOUT_WEIGHTS) == set(LAYOUTS), "every layout of synth.model.LAYOUTS needs a weight here"
SWITCH_LAYOUT = 0.1  # chance that a given year comes in a different layout than the body's usual
SCAN_DPI = (150, 200)
SCAN_LEVELS = ("县级", "乡级")  # scans come from small offices' copiers


def default_scans(n: int) -> int:
    return max(1, round(n / 10_000))


def pick_scans(bodies: list[prov.Body], k: int, seed: int) -> set[tuple[int, int]]:
    """(body number, year) of the k reports published as scans."""
    candidates = [(i, y) for i, b in enumerate(bodies) if b.level in SCAN_LEVELS for y in b.years]
    return set(random.Random(f"{seed}/scans").sample(candidates, min(k, len(candidates))))


def chain(rng: random.Random, body: prov.Body, layout_of: dict[int, str | None]) -> dict[int, dict]:
    """Every year's report from the first to the last published year, each continuing the year
    before (C6/C7), so a missing year leaves the chain as a real archive would: with a gap."""
    printed = dict(body.printed)
    first, last = min(printed), max(printed)
    reports, previous, name = {}, None, printed[first]
    for year in range(first, last + 1):
        name = printed.get(year, name)
        report = random_report(rng, name, year, previous=previous, layout=layout_of.get(year))
        # A renamed body: the model carries the first name on; print this year's.
        report.update(agency=name, title=f"{name}{year}年政府信息公开工作年度报告")
        reports[year] = previous = report
    return reports


def write_body(job: tuple) -> list[dict]:
    number, body, out, seed, damage_share, office_share, scan_years = job
    rng = random.Random(f"{seed}/{body.key}/files")
    usual = rng.choices(list(LAYOUT_WEIGHTS), list(LAYOUT_WEIGHTS.values()))[0]
    layout_of: dict[int, str | None] = {}
    for year in range(min(body.years), max(body.years) + 1):
        roll = rng.random()
        if year in scan_years:
            layout_of[year] = None
        elif roll < office_share:
            layout_of[year] = None  # Word or PDF: the office renderer prints every feature
        else:
            layout_of[year] = usual if rng.random() > SWITCH_LAYOUT else rng.choice(LAYOUTS)
    reports = chain(rng, body, layout_of)
    folder = places.gazetteer().path(body.region_code)
    written = []
    for year, _ in body.printed:
        report, layout = reports[year], layout_of[year]
        broken = None
        if year in scan_years:
            pdf = office_form.write_pdf(report)
            data, suffix, layout = _scan(pdf, rng, f"{seed}/{number}/{year}"), ".pdf", "scan"
        elif layout is None:
            if rng.random() < 0.5:
                data, suffix, layout = office_form.write_pdf(report, break_at=rng.choice((None, 12, 20))), ".pdf", "pdf"
            else:
                data, suffix, layout = office_form.write_docx(report), ".docx", "docx"
        else:
            if renderable(report, layout):  # the model keeps to the layout, so this is a safety net
                layout = "tab"
            data, suffix = render(report, layout, rng)
            if rng.random() < damage_share:
                data, broken = damage(data, rng)
        rel = f"reports/{folder}/{year}/{number:05d}-{year}{suffix}"
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append({"file": rel, "agency": report["agency"], "body": body.key, "region_code": body.region_code,
                        "level": body.level, "kind": body.kind, "year": year, "layout": layout, "bytes": len(data),
                        "damage": broken, "renamed": body.rename})
    return written


def _scan(pdf: bytes, rng: random.Random, seed: str) -> bytes:
    from site_builder.synth.scan import scan_pdf

    return scan_pdf(pdf, rng.choice(SCAN_DPI), seed=int.from_bytes(seed.encode(), "big") % 2**31)


def make_corpus(n: int, out: Path, seed: int = 0, province: str = prov.PROVINCE, damage_share: float = 0.03,
                office_share: float = 0.015, scans: int | None = None, jobs: int | None = None,
                progress=print) -> dict:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"error: {out} is not empty; give a new folder")
    out.mkdir(parents=True, exist_ok=True)
    bodies, density = prov.plan(n, province, seed)
    scans = default_scans(n) if scans is None else scans
    chosen = pick_scans(bodies, scans, seed)
    work = [(i, b, out, seed, damage_share, office_share, {y for j, y in chosen if j == i})
            for i, b in enumerate(bodies)]
    workers = jobs or len(os.sched_getaffinity(0))
    files: list[dict] = []
    started, step = time.perf_counter(), max(1, len(work) // 20)

    def collect(results) -> None:
        for done, chunk in enumerate(results, 1):
            files.extend(chunk)
            if done % step == 0 or done == len(work):
                progress(f"  {done:,} / {len(work):,} bodies, {len(files):,} files, "
                         f"{time.perf_counter() - started:.0f} s")

    if workers > 1 and len(work) > 20:
        with ProcessPoolExecutor(workers) as pool:  # map keeps the plan's order: the manifest is reproducible
            collect(pool.map(write_body, work, chunksize=8))
    else:
        collect(map(write_body, work))
    manifest = {"format": FORMAT, "n": n, "seed": seed, "province": province,
                "province_name": places.gazetteer().name(province), "density": density, "bodies": len(bodies),
                "scans": scans, "files": files}
    (out / ".corpus.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


def summary(manifest: dict) -> str:
    files = manifest["files"]
    layouts = Counter(f["layout"] for f in files)
    levels = Counter(f["level"] for f in files)
    renamed = Counter(b for b in {(f["body"], f["renamed"]) for f in files if f["renamed"]})
    renamed_kinds = Counter(kind for _, kind in renamed)
    damaged = sum(1 for f in files if f["damage"] and f["damage"].get("kind"))
    size = sum(f["bytes"] for f in files)
    return (f"{len(files):,} reports of {manifest['bodies']:,} bodies in {manifest['province_name']} "
            f"(department density {manifest['density']}), {size / 1e6:.1f} MB; "
            f"by level: {', '.join(f'{k} {v:,}' for k, v in sorted(levels.items()))}; "
            f"renamed bodies: {', '.join(f'{k} {v}' for k, v in renamed_kinds.most_common())}; damaged {damaged}; "
            f"layouts: " + ", ".join(f"{k} {v:,} ({100 * v / len(files):.1f}%)" for k, v in layouts.most_common()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="about how many reports")
    ap.add_argument("out", type=Path, help="content folder to create (must be new or empty)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--province", default=prov.PROVINCE, help="GB/T 2260 code of the province (default 410000 河南省)")
    ap.add_argument("--damage", type=float, default=0.03, help="share of text reports damaged (default 0.03)")
    ap.add_argument("--office", type=float, default=0.015, help="share of Word + PDF files (default 0.015)")
    ap.add_argument("--scans", type=int, default=None,
                    help="number of scanned (image-only) PDFs; default one per 10,000 reports, at least one "
                         "(OCR: about 30 s each on 2 cores)")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    if places.Gazetteer.level(args.province) != "省级" or args.province not in places.gazetteer().names:
        ap.error(f"--province {args.province} is not a province's GB/T 2260 code")
    started = time.perf_counter()
    manifest = make_corpus(args.n, args.out, args.seed, args.province, args.damage, args.office, args.scans,
                           args.jobs, progress=lambda line: print(line, flush=True))
    print(f"{summary(manifest)} -> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
