"""`parse --debug` traces each row back to the lines it came from."""
from __future__ import annotations

import json
import subprocess
import sys

from bundled import bundled

SEED = bundled("004_76ceca359810b5e0.txt")


def test_debug_trace_points_at_the_printed_lines():
    out = subprocess.run([sys.executable, "-m", "site_builder", "parse", "--debug", str(SEED)],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)[0]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    debug = report["debug"]
    assert "三、收到和处理政府信息公开申请情况" in lines[debug["headings"]["三"] - 1]
    granted = next(r for r in debug["rows"] if r["row"] == "granted")
    assert "予以公开" in lines[granted["lines"][-1] - 1]
    assert granted["printed"] == ["0", "0", "0", "0", "0", "1"] and granted["readings"] == 7
    unmatched = [r for r in debug["rows"] if r["row"] is None and r["table"] == "三"]
    assert not unmatched


def test_without_debug_there_is_no_trace():
    out = subprocess.run([sys.executable, "-m", "site_builder", "parse", str(SEED)],
                         capture_output=True, text=True, check=True)
    assert "debug" not in json.loads(out.stdout)[0]
