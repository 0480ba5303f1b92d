"""Where the bundled reports are: content/reports/ keeps one folder per region, so a test
finds a file by its name, never by a fixed folder (the tree grows as real reports are added)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
REPORTS = CONTENT / "reports"
SEED_NAMES = ("000_5547475b43c68fb3.txt", "001_4b685384da27734c.txt", "002_d6f16a16bd5a7904.txt",
              "003_12ab1709ac73c670.txt", "004_76ceca359810b5e0.txt")


def bundled(name: str) -> Path:
    """The one file of that name under content/reports/."""
    found = sorted(REPORTS.rglob(name))
    assert len(found) == 1, f"{name}: {len(found)} files of that name under {REPORTS}"
    return found[0]


def seed_paths() -> list[Path]:
    """The five text seeds (fast to parse, a fixed count)."""
    return [bundled(n) for n in SEED_NAMES]
