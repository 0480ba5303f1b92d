"""The parse cache: a report is parsed again only when its bytes or the parser change,
and parsing across processes gives exactly what parsing in one process gives."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from bundled import seed_paths

from site_builder import collect
from site_builder.pipeline import parse_file
from site_builder.synth import random_report
from site_builder.synth.render import render



@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "reports").mkdir(parents=True)
    for seed in seed_paths():  # the five text seeds: fast, and a fixed count
        shutil.copyfile(seed, root / "reports" / seed.name)
    assert len(list((root / "reports").iterdir())) == 5
    return root


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """The sources the parser was actually run on (serial parsing runs in this process)."""
    seen: list[str] = []
    real = collect.parse_bytes

    def counting(data: bytes, source: str, suffix: str = "", *args) -> dict:
        seen.append(source)
        return real(data, source, suffix, *args)

    monkeypatch.setattr(collect, "parse_bytes", counting)
    return seen


def run(content: Path, cache_dir: Path, **kw) -> list[dict]:
    return collect.parse_all(content, cache_dir=cache_dir, jobs=1, **kw)


def test_second_build_parses_nothing_and_returns_the_same(content, tmp_path, calls):
    first = run(content, tmp_path / "cache")
    assert len(calls) == 5
    calls.clear()
    second = run(content, tmp_path / "cache")
    assert calls == []
    assert second == first


def test_one_changed_report_is_the_only_one_parsed_again(content, tmp_path, calls):
    run(content, tmp_path / "cache")
    calls.clear()
    target = sorted((content / "reports").iterdir())[2]
    target.write_bytes(target.read_bytes() + "\n补记。\n".encode())
    results = run(content, tmp_path / "cache")
    assert calls == [f"content/reports/{target.name}"]
    assert results == [parse_file(p, content) for p in collect.find_inputs(content)[0]]


def test_cached_results_equal_a_fresh_parse(content, tmp_path):
    fresh = [parse_file(p, content) for p in collect.find_inputs(content)[0]]
    run(content, tmp_path / "cache")
    assert run(content, tmp_path / "cache") == fresh


def test_same_bytes_at_another_path_hit_the_cache_but_carry_their_own_source(content, tmp_path, calls):
    run(content, tmp_path / "cache")
    calls.clear()
    other = tmp_path / "elsewhere" / "content"
    shutil.copytree(content, other / "archive")
    results = run(other, tmp_path / "cache")
    assert calls == []
    assert [r["source"] for r in results] == [f"content/archive/reports/{p.name}"
                                              for p in sorted((content / "reports").iterdir())]
    assert results == [parse_file(p, other) for p in collect.find_inputs(other)[0]]


def test_a_parser_change_invalidates_the_cache(content, tmp_path, calls):
    run(content, tmp_path / "cache")
    old = collect.parser_version()
    calls.clear()
    store = collect.Cache(tmp_path / "cache", version="another-parser")
    item = collect.load_input(collect.find_inputs(content)[0][0], content)
    assert store.get(item) is None
    assert collect.Cache(tmp_path / "cache", version=old).get(item) is not None


def test_parser_version_covers_the_parser_sources():
    covered = {p for name in collect.PARSER_SOURCES
               for p in ((collect.PACKAGE / name).rglob("*.py") if (collect.PACKAGE / name).is_dir()
                         else [collect.PACKAGE / name])}
    assert collect.PACKAGE / "parse" / "__init__.py" in covered
    assert collect.PACKAGE / "check" / "__init__.py" in covered
    assert collect.PACKAGE / "read" / "text.py" in covered
    assert all(p.is_file() for p in covered)


def test_a_corrupt_cache_file_is_parsed_again(content, tmp_path, calls):
    run(content, tmp_path / "cache")
    calls.clear()
    item = collect.load_input(collect.find_inputs(content)[0][0], content)
    collect.Cache(tmp_path / "cache").path(item.key).write_text('{"agency": "cut sh', encoding="utf-8")
    results = run(content, tmp_path / "cache")
    assert calls == [item.source]
    assert results[0] == parse_file(item.path, content)


def test_cache_can_be_switched_off(content, tmp_path, calls):
    run(content, tmp_path / "cache", cache=False)
    run(content, tmp_path / "cache", cache=False)
    assert len(calls) == 10
    assert not (tmp_path / "cache").exists()


def test_default_cache_is_beside_the_content_folder(content, tmp_path):
    assert collect.default_cache_dir(content) == tmp_path.resolve() / ".cache" / "parse"


def synthetic_content(root: Path, n: int) -> Path:
    rng = random.Random(7)
    layouts = ("tab", "markdown", "html", "gbk", "pdf_text")
    for i in range(n):
        layout = layouts[i % len(layouts)]
        data, suffix = render(random_report(rng, layout=layout), layout, rng)
        path = root / "reports" / f"{i:03d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "reports" / "broken.txt").write_bytes(b"\xff\xfe not a report")
    return root


def test_parallel_parse_equals_serial_and_keeps_order(tmp_path, monkeypatch):
    content = synthetic_content(tmp_path / "content", 30)
    monkeypatch.setattr(collect, "PARALLEL_MIN", 2)
    serial = collect.parse_all(content, jobs=1, cache=False)
    parallel = collect.parse_all(content, cache_dir=tmp_path / "cache", jobs=2)
    assert [r["source"] for r in parallel] == [r["source"] for r in serial]
    assert parallel == serial
    # …and what the workers parsed is what the next build reads back.
    assert collect.parse_all(content, cache_dir=tmp_path / "cache", jobs=2) == serial


def test_few_inputs_are_parsed_in_this_process(content, tmp_path, calls):
    run_parallel = collect.parse_all(content, cache_dir=tmp_path / "cache", jobs=4)
    assert len(calls) == 5  # below PARALLEL_MIN: no worker processes, so the patch saw every call
    assert len(run_parallel) == 5


def test_hidden_folders_are_not_inputs(content, tmp_path):
    """A cache or VCS folder inside the content folder (e.g. a build run on content/reports) is skipped."""
    collect.parse_all(content / "reports", jobs=1)  # its default cache lands in content/.cache
    assert (content / ".cache" / "parse").is_dir()
    inputs, skipped = collect.find_inputs(content)
    assert len(inputs) == 5 and skipped == []
