"""Build the portal from N synthetic reports and a plain MkDocs site of N pages of the same text.

    python benchmarks/bench_build.py                  # N = 100, 1000, 10000
    python benchmarks/bench_build.py --sizes 100 1000 --work /tmp/portal-bench

For each N it prints: parse time per report, the whole build and its split
(parse, page generation, MkDocs, search index), peak memory, site size, median
and largest agency page, what a visitor downloads for a first search, a rebuild
after one report changed, and the same build of a plain MkDocs site (Material,
built-in search with `lang: zh`, sidebar bounded) with the ratio between the two.
Both builds run in the same invocation, so the ratio survives a noisy machine.

Every build runs in its own process (`--child`), so each peak memory is its own.
Not a test: it takes minutes at 10,000 and is not part of CI.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import site_metrics  # noqa: E402

SEARCH_QUERIES = ("依申请公开", "凤泉")  # the first counts as "first search": a phrase every report has


# ---- child processes: one build each ----------------------------------------------------

def child_portal(content: Path, site: Path, out: Path) -> None:
    """Run the portal's own build, timing its stages by wrapping the functions it calls."""
    from site_builder import build as build_mod
    from site_builder import collect

    t: dict[str, float] = {"parse": 0.0, "generate": 0.0, "search_index": 0.0, "parsed": 0}

    def timed(module, name, key):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                t[key] += time.perf_counter() - start
        setattr(module, name, wrapper)

    real_many = collect.parse_many

    def counting(items, jobs=None, ocr_cache=None):
        t["parsed"] += len(items)
        return real_many(items, jobs, ocr_cache)

    collect.parse_many = counting
    timed(collect, "parse_all", "parse")
    timed(build_mod, "generate", "generate")  # before MkDocs imports the hooks, which import it by name
    try:
        from site_builder import search_index
        timed(search_index, "run_pagefind", "search_index")
    except ImportError:
        pass
    start = time.perf_counter()
    status = build_mod.build(content, site)
    t["total"] = time.perf_counter() - start
    t["status"] = status
    t["maxrss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    t["jobs"] = collect.usable_cpus()
    out.write_text(json.dumps(t), encoding="utf-8")


def child_plain(config: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(config)))
    out.write_text(json.dumps({"total": time.perf_counter() - start, "status": 0}), encoding="utf-8")


def run_child(args: list[str], log: Path) -> tuple[dict, float, float]:
    """(what the child wrote, wall seconds, the child's own peak RSS in MB)."""
    result = log.with_suffix(".json")
    result.unlink(missing_ok=True)
    start = time.perf_counter()
    with log.open("w") as f:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", *args, str(result)],
                                stdout=f, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 or not result.exists():
        raise SystemExit(f"error: build failed (status {status}); see {log}")
    return json.loads(result.read_text()), wall, usage.ru_maxrss / 1024


# ---- the plain MkDocs baseline -----------------------------------------------------------

PLAIN_CONFIG = """site_name: 基线
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-，。、；：！？（）《》“”]+'
nav:
  - 首页: index.md
validation:
  nav:
    omitted_files: ignore
"""


def plain_page(report: dict) -> str:
    """The report's own text as a Markdown page: title, prose, and its three tables as printed."""
    from site_builder import contract as c

    def cell(v) -> str:
        return "" if v is None else str(v)

    def grid(head: list[str], rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                *("| " + " | ".join(r) + " |" for r in rows), ""]

    sections = report.get("sections") or {}
    active, apps, appeals = (report.get(k) or {} for k in ("active", "applications", "appeals"))
    lines = [f"# {report.get('title') or report.get('source')}", ""]
    for key, num, head in c.SECTIONS:
        lines += [f"## {num}、{head}", "", *(p for p in str(sections.get(key) or "").split("\n") if p), ""]
        if key != "overview":
            continue
        lines += ["## 二、主动公开政府信息情况", ""]
        for row in c.ACTIVE_ROWS:
            fields = c.ACTIVE_FIELDS[row.key]
            lines += grid([row.label, *(label for _, label in fields)],
                          [["", *(cell((active.get(row.key) or {}).get(f)) for f, _ in fields)]])
        lines += ["## 三、收到和处理政府信息公开申请情况", ""]
        lines += grid(["", *(col.label for col in c.APPLICANT_COLUMNS)],
                      [[row.label, *(cell((apps.get(row.key) or {}).get(col.key)) for col in c.APPLICANT_COLUMNS)]
                       for row in c.APPLICATION_ROWS])
        lines += ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
        lines += grid(["", *(label for _, label in c.APPEAL_FIELDS)],
                      [[label, *(cell((appeals.get(g) or {}).get(f)) for f, _ in c.APPEAL_FIELDS)]
                       for g, label in c.APPEAL_GROUPS])
    return "\n".join(lines)


def write_plain_site(content: Path, root: Path) -> Path:
    from site_builder import collect

    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    (docs / "r").mkdir(parents=True)
    reports = collect.parse_all(content)  # the portal build just filled the cache
    (docs / "index.md").write_text(f"# 基线\n\n{len(reports)} 份报告。\n", encoding="utf-8")
    for i, report in enumerate(reports):
        (docs / "r" / f"{i:05d}.md").write_text(plain_page(report), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(PLAIN_CONFIG, encoding="utf-8")
    return config


# ---- one N -------------------------------------------------------------------------------

def bench(n: int, work: Path, seed: int) -> dict:
    base = work / str(n)
    content = base / "content"
    manifest = content / ".corpus.json"
    if not (manifest.exists() and json.loads(manifest.read_text())["n"] == n):
        shutil.rmtree(base, ignore_errors=True)
        print(f"[{n}] writing the corpus …", flush=True)
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(n), str(content), "--seed", str(seed)],
                       check=True)
    shutil.rmtree(base / ".cache", ignore_errors=True)  # a cold build: nothing parsed before
    shutil.rmtree(base / "site", ignore_errors=True)
    print(f"[{n}] portal build (cold) …", flush=True)
    cold, cold_wall, cold_rss = run_child(["portal", str(content), str(base / "site")], base / "portal-cold.log")
    site = site_metrics.measure(base / "site", SEARCH_QUERIES)

    print(f"[{n}] portal rebuild after one changed report …", flush=True)
    changed = next(p for p in sorted((content / "reports").rglob("*.txt")))
    changed.write_bytes(changed.read_bytes() + "\n".encode())
    warm, warm_wall, _ = run_child(["portal", str(content), str(base / "site")], base / "portal-warm.log")

    print(f"[{n}] plain MkDocs build of {n} pages …", flush=True)
    config = write_plain_site(content, base / "plain")
    plain, plain_wall, plain_rss = run_child(["plain", str(config)], base / "plain.log")
    plain_site = site_metrics.measure(base / "plain" / "site", ())

    return {"n": n, "jobs": cold["jobs"],
            "parse_s": cold["parse"], "parse_ms_per_report": 1000 * cold["parse"] / n,
            "generate_s": cold["generate"] - cold["parse"],
            "mkdocs_s": cold["total"] - cold["generate"] - cold["search_index"],
            "search_index_s": cold["search_index"], "build_s": cold["total"], "build_wall_s": cold_wall,
            "rss_main_mb": cold_rss, "rss_child_mb": cold["maxrss_children_mb"],
            "rebuild_s": warm["total"], "rebuild_parsed": warm["parsed"],
            "plain_s": plain["total"], "plain_wall_s": plain_wall, "plain_rss_mb": plain_rss,
            "ratio": cold_wall / plain_wall, "site": site, "plain_site": plain_site}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 ** 2 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    import mkdocs
    import material
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores usable, {mem} GB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__}")


def mb(x: float) -> str:
    return f"{x / 1e6:,.1f} MB" if x >= 1e6 else f"{x / 1e3:,.0f} KB"


def table(rows: list[dict]) -> str:
    head = ["N reports", *(f"{r['n']:,}" for r in rows)]
    lines = [head, ["---"] * len(head)]

    def add(label, fn):
        lines.append([label, *(fn(r) for r in rows)])

    add("agencies / pages", lambda r: f"{r['site']['agencies']:,} / {r['site']['pages']:,}")
    add("parse per report (wall, all cores)", lambda r: f"{r['parse_ms_per_report']:.1f} ms")
    add("whole build (cold cache)", lambda r: f"{r['build_wall_s']:.1f} s")
    add("· parse", lambda r: f"{r['parse_s']:.1f} s")
    add("· page generation", lambda r: f"{r['generate_s']:.1f} s")
    add("· MkDocs", lambda r: f"{r['mkdocs_s']:.1f} s")
    add("· search index (Pagefind)", lambda r: f"{r['search_index_s']:.1f} s")
    add("plain MkDocs, same N pages", lambda r: f"{r['plain_wall_s']:.1f} s")
    add("**ratio portal / plain**", lambda r: f"**{r['ratio']:.2f}**")
    add("rebuild, 1 report changed", lambda r: f"{r['rebuild_s']:.1f} s ({r['rebuild_parsed']} parsed)")
    # A child's peak counts the parent's pages it shared when forked (the Pagefind launch forks the
    # whole build process), so it is not additive with the build's own peak.
    add("peak RSS: build / largest child", lambda r: f"{r['rss_main_mb']:,.0f} / {r['rss_child_mb']:,.0f} MB")
    add("peak RSS plain MkDocs", lambda r: f"{r['plain_rss_mb']:,.0f} MB")
    add("site size (files)", lambda r: f"{mb(r['site']['bytes'])} ({r['site']['files']:,})")
    add("plain MkDocs site size", lambda r: mb(r["plain_site"]["bytes"]))
    add("agency page HTML: median / largest", lambda r: f"{mb(r['site']['agency_median'])} / "
                                                     f"{mb(r['site']['agency_max'])}")
    add("largest HTML page (which)", lambda r: f"{mb(r['site']['page_max'])} ({r['site']['page_max_path']})")
    add("directory page (paginated): largest", lambda r: mb(r["site"]["directory_max"]))
    add("home / stats / compare / data / quality", lambda r: " / ".join(
        mb(v) for v in r["site"].get("fixed_pages", {}).values()))
    add("first search: transfer (gzip) / raw", lambda r: f"{mb(r['site']['search_gzip'])} / "
                                                      f"{mb(r['site']['search_raw'])}")
    add("· after a second query", lambda r: mb(r["site"].get("search_gzip_all_queries", r["site"]["search_gzip"])))
    add("plain MkDocs first search (gzip)", lambda r: mb(r["plain_site"]["search_gzip"]))
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, *rest = argv[1:]
        if kind == "portal":
            child_portal(Path(rest[0]), Path(rest[1]), Path(rest[2]))
        else:
            child_plain(Path(rest[0]), Path(rest[1]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(machine(), flush=True)
    rows = []
    for n in args.sizes:
        row = bench(n, args.work, args.seed)
        rows.append(row)
        (args.work / "results.json").write_text(json.dumps({"machine": machine(), "rows": rows}, indent=1,
                                                           ensure_ascii=False), encoding="utf-8")
        print(table([row]), flush=True)
    print("\n" + table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
