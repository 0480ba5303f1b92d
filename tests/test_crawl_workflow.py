"""The scheduled workflow keeps the portal current: it crawls on a schedule, commits content/, and
starts the Pages workflow itself (a push made with GITHUB_TOKEN starts no other workflow)."""
from __future__ import annotations

from pathlib import Path

import yaml

from site_builder.cli import main

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_crawl_workflow_is_scheduled_commits_and_publishes():
    crawl = _load("crawl.yml")
    assert crawl["on"]["schedule"] and "workflow_dispatch" in crawl["on"]
    assert crawl["permissions"]["contents"] == "write" and crawl["permissions"]["actions"] == "write"
    steps = crawl["jobs"]["crawl"]["steps"]
    script = "\n".join(s.get("run", "") for s in steps)
    assert "python -m site_builder crawl --content content" in script
    assert "git add content" in script and "git push" in script
    assert "gh workflow run pages.yml" in script
    assert "workflow_dispatch" in _load("pages.yml")["on"]  # what `gh workflow run` needs


def test_the_workflow_s_options_are_the_command_s(capsys):
    try:
        main(["crawl", "--help"])
    except SystemExit:
        pass
    usage = capsys.readouterr().out
    for option in ("--content", "--max-requests", "--revalidate", "--report", "--sources", "--mirror", "--delay",
                   "--user-agent"):
        assert option in usage
