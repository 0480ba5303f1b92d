"""Build the portal from a synthetic province of N reports and a plain MkDocs site of N pages of the same text.

    python benchmarks/bench_build.py --sizes 1000 10000          # default: 1,000 and 10,000
    python benchmarks/bench_build.py --sizes 50000 --no-rebuild --work /tmp/portal-bench

For each N it prints: the build's stage times, peak memory of the build and its
children, the site's size by part (apparent bytes and on disk), KB per report, file
count, what a visitor downloads for a first search, how many renamed bodies the
portal joined into one agency, a rebuild after one report changed, and the same
build of a plain MkDocs site (Material, built-in search with `lang: zh`, sidebar
bounded) with the ratio between the two. Both builds run in the same invocation, so
the ratio survives a noisy machine.

Every build runs in its own process, so each peak memory is its own. Stage times come
from the build's own `--stats FILE` when `python -m site_builder build --help` offers
it; otherwise the bench times the functions the build calls (`--child portal`).
Not a test: it takes minutes at 10,000 and is not part of CI.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import site_metrics  # noqa: E402

# The first counts as "first search": a phrase every report has; the second a common department.
SEARCH_QUERIES = ("依申请公开", "财政局")
SAMPLE_EVERY = 0.25  # seconds between two readings of the build's process tree, at least
COST_FACTOR = 20  # … and at least 20 times as long as a reading took


# ---- the portal build: the CLI with --stats, or the same build timed from outside ---------

@lru_cache(maxsize=1)
def build_has_stats() -> bool:
    """Whether this checkout's build CLI writes its own stage times (`--stats FILE`)."""
    helptext = subprocess.run([sys.executable, "-m", "site_builder", "build", "--help"],
                              capture_output=True, text=True, check=False).stdout  # no --stats: fall back
    return "--stats" in helptext


def portal_command(content: Path, site: Path, stats: Path) -> list[str]:
    if build_has_stats():
        return [sys.executable, "-m", "site_builder", "build", "--content", str(content), "--site-dir", str(site),
                "--stats", str(stats)]
    return [sys.executable, str(Path(__file__).resolve()), "--child", "portal", str(content), str(site), str(stats)]


def child_portal(content: Path, site: Path, out: Path) -> None:
    """The portal's own build, its stages timed by wrapping the functions it calls; written in the
    format of the build's `--stats` ({"stages": {name: seconds}, "counts": {...}})."""
    from site_builder import build as build_mod
    from site_builder import collect

    t = {"parse": 0.0, "generate": 0.0, "search": 0.0}
    counts = {"parsed": 0}

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
        counts["parsed"] += len(items)
        return real_many(items, jobs, ocr_cache)

    collect.parse_many = counting
    timed(collect, "parse_all", "parse")
    timed(build_mod, "generate", "generate")  # before MkDocs imports the hooks, which import it by name
    try:
        from site_builder import search_index
        timed(search_index, "run_pagefind", "search")
    except ImportError:
        pass
    start = time.perf_counter()
    status = build_mod.build(content, site)
    total = time.perf_counter() - start
    if status != 0:
        raise SystemExit(status)
    # MkDocs runs generate() inside its build; what is left of the build is MkDocs' own work
    # (Markdown, theme, writing pages, copying sources) and the search index after it.
    stages = {"parse": t["parse"], "pages": t["generate"] - t["parse"],
              "mkdocs": total - t["generate"] - t["search"], "search": t["search"]}
    counts["jobs"] = collect.usable_cpus()
    out.write_text(json.dumps({"stages": stages, "counts": counts, "total": total, "timed_by": "bench"}),
                   encoding="utf-8")


def child_plain(config: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(config)))
    total = time.perf_counter() - start
    out.write_text(json.dumps({"stages": {"mkdocs": total}, "counts": {}, "total": total}), encoding="utf-8")


# ---- memory of a process and its children ------------------------------------------------

def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers count once across the tree."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the sum of PSS over a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.peak_processes = pid, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        pause = SAMPLE_EVERY
        while not self.done.wait(pause):
            started = time.perf_counter()
            tree, pids, todo = _children_of(), [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += tree.get(pid, [])
            total = sum(_pss_kb(p) for p in pids)
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, len(pids)
            # Reading PSS walks each process's page tables: slow for a build of several GB. Keep the
            # sampler under about 5 % of one core, so it does not slow down what it measures.
            pause = max(SAMPLE_EVERY, COST_FACTOR * (time.perf_counter() - started))


def run_child(command: list[str], result: Path, log: Path) -> dict:
    """Run one build; what it wrote, its wall time, and its peak memory two ways."""
    result.unlink(missing_ok=True)
    start = time.perf_counter()
    with log.open("w") as f:
        proc = subprocess.Popen(command, stdout=f, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sampler.done.set()
        sampler.join()
    wall = time.perf_counter() - start
    if status != 0 or not result.exists():
        raise SystemExit(f"error: build failed (status {status}); see {log}")
    out = json.loads(result.read_text())
    # ru_maxrss of a waited child is the largest of it and its waited-for descendants, not a sum.
    out.update(wall=wall, rss_max_mb=usage.ru_maxrss / 1024, tree_pss_mb=sampler.peak_kb / 1024,
               tree_processes=sampler.peak_processes)
    return out


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


# ---- the corpus and what the portal made of its bodies -----------------------------------

def ensure_corpus(n: int, base: Path, seed: int, scans: int | None) -> tuple[Path, float | None]:
    """The content folder of N reports (written unless one of the same N, seed, scans and format is
    there) and the seconds it took to write, None when it was already there."""
    import make_corpus

    content = base / "content"
    manifest = content / ".corpus.json"
    want = {"format": make_corpus.FORMAT, "n": n, "seed": seed,
            "scans": make_corpus.default_scans(n) if scans is None else scans}
    if manifest.exists():
        have = json.loads(manifest.read_text(encoding="utf-8"))
        if all(have.get(k) == v for k, v in want.items()):
            return content, None
    shutil.rmtree(base, ignore_errors=True)
    print(f"[{n}] writing the corpus …", flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(n), str(content), "--seed", str(seed),
                    "--scans", str(want["scans"])], check=True)
    return content, time.perf_counter() - start


def corpus_facts(content: Path) -> dict:
    manifest = json.loads((content / ".corpus.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    return {"reports": len(files), "bodies": manifest["bodies"], "input_bytes": sum(f["bytes"] for f in files),
            "density": manifest.get("density"), "scans": manifest.get("scans"),
            "layouts": dict(Counter(f["layout"] for f in files).most_common())}


def agency_joins(content: Path, site: Path) -> dict:
    """How the portal grouped the corpus's files: each true body should be one agency.

    Read from the site's own reports.csv (agency_id and source of every published report)
    against .corpus.json (which body each file truly is). A renamed body is joined when all
    its published years are one agency; `merged` counts agencies holding two bodies."""
    table = site / "data" / "reports.csv"
    if not table.exists():
        return {}
    agency_of: dict[str, str] = {}
    with table.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            source = (row.get("source") or "").lstrip("'")
            agency_of[source.split("/", 1)[-1]] = row.get("agency_id") or ""  # relative to the content folder
    ids: dict[str, set[str]] = {}
    bodies: dict[str, set[str]] = {}
    renamed: dict[str, str] = {}
    published = 0
    for f in json.loads((content / ".corpus.json").read_text(encoding="utf-8"))["files"]:
        agency = agency_of.get(f["file"])
        if agency is None:  # rejected, or a second file of a report
            continue
        published += 1
        ids.setdefault(f["body"], set()).add(agency)
        bodies.setdefault(agency, set()).add(f["body"])
        if f.get("renamed"):
            renamed[f["body"]] = f["renamed"]
    by_kind: dict[str, list[int]] = {}
    for body, kind in sorted(renamed.items()):
        joined, total = by_kind.get(kind, [0, 0])
        by_kind[kind] = [joined + (len(ids[body]) == 1), total + 1]
    return {"published": published, "bodies": len(ids), "agencies": len(bodies),
            "split": sum(len(v) > 1 for v in ids.values()), "merged": sum(len(v) > 1 for v in bodies.values()),
            "renamed": by_kind}


# ---- one N -------------------------------------------------------------------------------

def bench(n: int, work: Path, seed: int, scans: int | None = None, rebuild: bool = True,
          plain: bool = True) -> dict:
    base = work / str(n)
    content, corpus_s = ensure_corpus(n, base, seed, scans)
    shutil.rmtree(base / ".cache", ignore_errors=True)  # a cold build: nothing parsed or OCR'd before
    shutil.rmtree(base / "site", ignore_errors=True)
    print(f"[{n}] portal build (cold; stages by {'the build' if build_has_stats() else 'the bench'}) …",
          flush=True)
    cold = run_child(portal_command(content, base / "site", base / "portal-cold.json"), base / "portal-cold.json",
                     base / "portal-cold.log")
    print(f"[{n}] measuring the site …", flush=True)
    row = {"n": n, "corpus": corpus_facts(content), "corpus_s": corpus_s, "cold": cold,
           "site": site_metrics.measure(base / "site", SEARCH_QUERIES),
           "joins": agency_joins(content, base / "site")}
    if rebuild:
        print(f"[{n}] portal rebuild after one changed report …", flush=True)
        changed = next(p for p in sorted((content / "reports").rglob("*.txt")))
        original = changed.read_bytes()
        changed.write_bytes(original + "\n".encode())
        try:
            row["warm"] = run_child(portal_command(content, base / "site", base / "portal-warm.json"),
                                    base / "portal-warm.json", base / "portal-warm.log")
        finally:
            changed.write_bytes(original)  # the corpus stays as written, for the next run
    if plain:
        print(f"[{n}] plain MkDocs build of the same pages …", flush=True)
        config = write_plain_site(content, base / "plain")
        row["plain"] = run_child([sys.executable, str(Path(__file__).resolve()), "--child", "plain", str(config),
                                  str(base / "plain.json")], base / "plain.json", base / "plain.log")
        row["plain_site"] = site_metrics.measure(base / "plain" / "site", ())
        row["ratio"] = cold["wall"] / row["plain"]["wall"]
    return row


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 ** 2 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    import mkdocs
    import material
    load = os.getloadavg()[0]
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores usable, {mem} GB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__}; load average {load:.1f} at start")


# ---- the table ---------------------------------------------------------------------------

def mb(x: float) -> str:
    return f"{x / 1e6:,.1f} MB" if x >= 1e6 else f"{x / 1e3:,.0f} KB"


def stage_names(rows: list[dict]) -> list[str]:
    """Every stage any build reported, in the order the builds reported them."""
    names: list[str] = []
    for r in rows:
        names += [k for k in r["cold"]["stages"] if k not in names]
    return names


def counted(build: dict, key: str, fmt: str) -> str:
    value = (build.get("counts") or {}).get(key)
    return fmt.format(value) if value is not None else ""


def part(r: dict, name: str) -> str:
    p = r["site"]["parts"][name]
    return f"{mb(p['bytes'])} / {mb(p['disk'])} ({p['files']:,})"


def joins(r: dict) -> str:
    j = r.get("joins")
    if not j:
        return "n/a (no data/reports.csv)"
    kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(j["renamed"].items()))
    return f"{kinds}; bodies split {j['split']}, merged {j['merged']}"


def table(rows: list[dict]) -> str:
    head = ["N reports", *(f"{r['n']:,}" for r in rows)]
    lines = [head, ["---"] * len(head)]

    def add(label, fn):
        lines.append([label, *(fn(r) for r in rows)])

    def if_there(key, fn):
        return lambda r: fn(r) if key in r else "—"

    add("reports published / in the corpus", lambda r: f"{r['joins'].get('published', '?'):,} / "
                                                      f"{r['corpus']['reports']:,}" if r["joins"] else
                                                      f"? / {r['corpus']['reports']:,}")
    add("agencies on the site / true bodies", lambda r: f"{r['site']['agencies']:,} / {r['corpus']['bodies']:,}")
    add("input (corpus) size; scans", lambda r: f"{mb(r['corpus']['input_bytes'])}; {r['corpus']['scans']}")
    add("whole build, cold cache (wall)", lambda r: f"{r['cold']['wall']:.1f} s")
    for name in stage_names(rows):
        add(f"· {name}", lambda r, name=name: f"{r['cold']['stages'][name]:.1f} s"
            if name in r["cold"]["stages"] else "—")
    add("plain MkDocs, same N pages", if_there("plain", lambda r: f"{r['plain']['wall']:.1f} s"))
    add("**ratio portal / plain**", if_there("ratio", lambda r: f"**{r['ratio']:.2f}**"))
    add("rebuild, 1 report changed", if_there("warm", lambda r: f"{r['warm']['wall']:.1f} s"
                                                           + counted(r["warm"], "parsed", " ({} parsed)")))
    add("build counts (cold)", lambda r: ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                                                   for k, v in r["cold"].get("counts", {}).items()) or "—")
    add("peak memory: build + children (PSS sum)", lambda r: f"{r['cold']['tree_pss_mb']:,.0f} MB "
                                                           f"({r['cold']['tree_processes']} processes)")
    add("peak RSS of the largest process", lambda r: f"{r['cold']['rss_max_mb']:,.0f} MB")
    add("peak memory plain MkDocs (PSS sum)", if_there("plain", lambda r: f"{r['plain']['tree_pss_mb']:,.0f} MB"))
    add("site: apparent / on disk (files)", lambda r: f"{mb(r['site']['bytes'])} / {mb(r['site']['disk'])} "
                                                     f"({r['site']['files']:,})")
    add("per report: apparent / on disk", lambda r: f"{r['site']['bytes'] / r['n'] / 1e3:,.1f} / "
                                                   f"{r['site']['disk'] / r['n'] / 1e3:,.1f} KB")
    for name in site_metrics.PARTS:
        add(f"· {name}: apparent / disk (files)", lambda r, name=name: part(r, name))
    add("· folders (their own blocks)", lambda r: f"{r['site']['dirs']:,} ({mb(r['site']['dirs_disk'])})")
    add("Pages artifact (tar, before gzip)", lambda r: mb(r["site"]["tar"]))
    add("plain MkDocs site: apparent / on disk", if_there("plain_site", lambda r: f"{mb(r['plain_site']['bytes'])}"
                                                                                f" / {mb(r['plain_site']['disk'])}"))
    add("HTML pages", lambda r: f"{r['site']['pages']:,}")
    add("agency page HTML: median / largest", lambda r: f"{mb(r['site']['agency_median'])} / "
                                                     f"{mb(r['site']['agency_max'])}")
    add("largest HTML page (which)", lambda r: f"{mb(r['site']['page_max'])} ({r['site']['page_max_path']})")
    add("home / stats / compare / data / quality", lambda r: " / ".join(
        mb(v) for v in r["site"].get("fixed_pages", {}).values()))
    add("first search: transfer (gzip) / raw", lambda r: f"{mb(r['site']['search_gzip'])} / "
                                                      f"{mb(r['site']['search_raw'])}")
    add("· results shown per query", lambda r: ", ".join(f"{q} {k}" for q, k in json.loads(
        r["site"].get("search_found") or "{}").items()) or "—")
    add("· after a second query", lambda r: mb(r["site"].get("search_gzip_all_queries", r["site"]["search_gzip"])))
    add("plain MkDocs first search (gzip)", if_there("plain_site", lambda r: mb(r["plain_site"]["search_gzip"])))
    add("renamed bodies joined (of those published)", joins)
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
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scans", type=int, default=None,
                    help="scanned reports per corpus (default: make_corpus's, one per 10,000 reports)")
    ap.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after one changed report")
    ap.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs baseline (no ratio)")
    ap.add_argument("--table", type=Path, default=None, metavar="RESULTS",
                    help="print the table of a results.json written before, and build nothing")
    args = ap.parse_args(argv)
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))["rows"]))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    about = machine()
    print(about, flush=True)
    rows = []
    for n in args.sizes:
        row = bench(n, args.work, args.seed, args.scans, not args.no_rebuild, not args.no_plain)
        rows.append(row)
        (args.work / "results.json").write_text(json.dumps({"machine": about, "rows": rows}, indent=1,
                                                           ensure_ascii=False), encoding="utf-8")
        print(table([row]), flush=True)
    print("\n" + table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
