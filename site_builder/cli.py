"""Command line: `python -m site_builder parse FILE...`, `... build`, `... prepare --shard K/N` and `... crawl`.

Domain errors become exit statuses here, once.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_builder",
                                     description="政府信息公开工作年度报告 portal builder")
    sub = parser.add_subparsers(dest="command", required=True)
    p_parse = sub.add_parser("parse", help="parse reports and print one JSON array on stdout")
    p_parse.add_argument("files", nargs="+", type=Path)
    p_parse.add_argument("--root", type=Path, default=None,
                         help="content root: `source` is given relative to it")
    p_parse.add_argument("--debug", action="store_true",
                         help="add a `debug` object: part headings, columns, and which lines became which row")
    p_build = sub.add_parser("build", help="parse everything under --content and build the site")
    p_build.add_argument("--content", type=Path, default=Path("content"))
    p_build.add_argument("--site-dir", type=Path, default=Path("site"))
    p_build.add_argument("--budget", default="1GB",
                         help="the site's size budget (default 1GB, GitHub Pages' limit): original files that "
                              "would break it are linked to where they were published instead")
    p_build.add_argument("--quiet", action="store_true", help="no progress display (the build report still prints)")
    p_build.add_argument("--stats", type=Path, default=None, metavar="FILE",
                         help="write each stage's seconds, the counts and the site's bytes to FILE as JSON")
    p_prepare = sub.add_parser("prepare", help="read, OCR and parse one shard's share of --content into the cache; "
                                               "builds nothing (a backfill split across machines)")
    p_prepare.add_argument("--content", type=Path, default=Path("content"))
    p_prepare.add_argument("--shard", type=_shard, default=(1, 1), metavar="K/N",
                           help="this machine's share: K of N (default 1/1, every file); every machine computes "
                                "the same split from the checkout")
    p_prepare.add_argument("--cache", type=Path, default=None, metavar="DIR",
                           help="the cache folder, holding parse/ and ocr/ (default: .cache beside the content "
                                "folder, where build reads it); shards' folders merge by copying them together")
    p_prepare.add_argument("--plan", type=int, default=None, metavar="N",
                           help="print how N shards would split the inputs (files, scans, estimated seconds) "
                                "and parse nothing")
    p_prepare.add_argument("--quiet", action="store_true", help="no progress display (the summary still prints)")
    from site_builder.crawl import command as crawl

    crawl.add_arguments(sub.add_parser("crawl", help="collect reports from portal columns into --content (network)"))
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse(args.files, args.root, args.debug)
    if args.command == "prepare":
        return _prepare(args)
    if args.command == "crawl":
        return crawl.run(args)
    return _build(args)


def _shard(text: str) -> tuple[int, int]:
    from site_builder.shards import parse_shard

    try:
        return parse_shard(text)
    except ValueError as exc:  # argparse names the option: "argument --shard: expected K/N …"
        raise argparse.ArgumentTypeError(str(exc)) from None


def _prepare(args: argparse.Namespace) -> int:
    from site_builder import progress, shards

    if not args.content.is_dir():
        print(f"error: content folder {args.content} does not exist", file=sys.stderr)
        return 2
    if args.plan is not None and args.plan < 1:
        print(f"error: --plan: the number of shards must be at least 1, got {args.plan}", file=sys.stderr)
        return 2
    with progress.use(progress.for_terminal(sys.stderr, quiet=args.quiet)):
        if args.plan is not None:
            lines = shards.plan_lines(shards.plan_content(args.content, args.plan))
        else:
            lines = [shards.prepare(args.content, *args.shard, cache_root=args.cache).line()]
    for line in lines:
        print(line)
    return 0


def _build(args: argparse.Namespace) -> int:
    from site_builder import progress
    from site_builder.build import build
    from site_builder.render.sources import parse_size

    try:
        budget = parse_size(args.budget)
    except ValueError as exc:
        print(f"error: --budget: {exc}", file=sys.stderr)
        return 2
    with progress.use(progress.for_terminal(sys.stderr, quiet=args.quiet)):
        return build(args.content, args.site_dir, budget, args.stats)


def _parse(files: list[Path], root: Path | None, debug: bool = False) -> int:
    from site_builder.pipeline import parse_file

    reports = [parse_file(f, root, debug) for f in files]
    json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if any("error" in r for r in reports) else 0
