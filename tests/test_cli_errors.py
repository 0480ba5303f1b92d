"""`python -m site_builder parse` on bad files: each gets an error naming what is wrong, the
good ones are still parsed, the output keeps the order given, and the exit status is 1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "reports" / "003_12ab1709ac73c670.txt"


def _bad_files(tmp: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """name -> (file, words one of which the error must contain)."""
    seed = SEED.read_bytes()
    cut = seed.index("(四) 无法提供".encode())  # the middle of table 三
    files = {
        "empty": (b"", ("empty",)),
        "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, ("binary",)),
        "not_a_report": ("据新华社报道，今年以来我市经济运行总体平稳。\n一季度地区生产总值同比增长5.2%。\n".encode() * 30,
                         ("not a government information disclosure annual report", "not a report")),
        # UTF-8 text broken by bytes that no CJK encoding accepts, then GBK: no single encoding reads it
        "bad_encoding": ("一、总体情况\n".encode() + b"\xff\xfe\x80\x80\x81" * 60 + "二、主动公开政府信息情况".encode("gbk"),
                         ("encoding",)),
    }
    out = {}
    for name, (data, words) in files.items():
        path = tmp / f"{name}.txt"
        path.write_bytes(data)
        out[name] = (path, words)
    return out


def _run(paths: list[Path]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "site_builder", "parse", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def _truncated(tmp: Path) -> Path:
    """Seed 003 cut in the middle of table 三: a report that reads partly."""
    seed = SEED.read_bytes()
    path = tmp / "truncated.txt"
    path.write_bytes(seed[:seed.index("(四) 无法提供".encode())])
    return path


def test_bad_files_get_named_errors_and_the_good_one_is_still_parsed(tmp_path):
    bad = _bad_files(tmp_path)
    names = ["empty", "binary", "not_a_report"]
    order = [bad[n][0] for n in names] + [SEED] + [bad["bad_encoding"][0], _truncated(tmp_path)]
    proc = _run(order)
    assert proc.returncode == 1, proc.stderr
    reports = json.loads(proc.stdout)
    assert isinstance(reports, list) and len(reports) == len(order)
    for path, report in zip(order, reports):
        assert report["source"].endswith(path.name), (path, report["source"])
    by_name = dict(zip(names + ["good", "bad_encoding", "truncated"], reports))
    for name, (path, words) in bad.items():
        error = by_name[name].get("error")
        assert isinstance(error, str) and error.strip(), f"{name}: no error in {by_name[name]}"
        assert any(w in error for w in words), f"{name}: error {error!r} does not say {words}"
    good = by_name["good"]
    assert "error" not in good
    assert "error" not in by_name["truncated"]
    assert good["agency"] == "凤泉区人民政府办公室" and good["year"] == 2024
    assert good["applications"]["new_received"]["total"] == 5


def test_only_good_files_exit_zero():
    proc = _run([SEED])
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 1


def test_a_truncated_report_is_published_with_what_it_holds(tmp_path):
    proc = _run([_truncated(tmp_path)])
    assert proc.returncode == 0, proc.stderr
    [report] = json.loads(proc.stdout)
    assert "error" not in report
    assert report["agency"] == "凤泉区人民政府办公室"
    assert report["applications"]["new_received"]["total"] == 5  # printed before the cut
    assert report["applications"]["total_processed"]["total"] is None  # after it: null, never guessed
    missing = [c for c in report["checks"] if c["rule"] == "missing"]
    cells = {cell for c in missing for cell in c["cells"]}
    assert "applications.total_processed.total" in cells and "appeals.review.total" in cells
    assert "sections.problems" in cells
    assert any("表四" in c["message"] for c in missing)


@pytest.mark.parametrize("name", ["empty", "binary", "not_a_report", "bad_encoding"])
def test_each_bad_file_alone_exits_one(tmp_path, name):
    path, words = _bad_files(tmp_path)[name]
    proc = _run([path])
    assert proc.returncode == 1, proc.stderr
    [report] = json.loads(proc.stdout)
    assert any(w in report["error"] for w in words), report
