"""The one shape every reader returns: lines of cells, in reading order."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


# How `notes` says a report was read from a scan by OCR; the site marks such reports by it.
SCAN_NOTE = "read from a scan by OCR"


def scan_note(report: dict) -> str | None:
    """The reader's note when the report was read from a scan by OCR (it names the engine), else None."""
    return next((n for n in report.get("notes") or () if isinstance(n, str) and n.startswith(SCAN_NOTE)), None)


class ReadError(Exception):
    """An input that cannot be read as a report; the message says what is wrong."""


@dataclass(frozen=True)
class Line:
    """One line of text, or one row of a table.

    ``grid`` is true when the cells come from a real table grid (HTML, Markdown,
    PDF, Word): a blank cell there is a printed blank. In pasted text, tabs are
    layout and blank cells carry no meaning.
    """

    cells: tuple[str, ...]
    grid: bool = False

    @cached_property
    def text(self) -> str:  # read many times per line by every stage: joined once
        return "".join(self.cells)


@dataclass
class RawDocument:
    source: str  # path relative to the content root, as the contract's `source`
    kind: str  # text | markdown | html | pdf | docx
    lines: list[Line]
    notes: list[str] = field(default_factory=list)  # how the reader got here (fallbacks)
    # What the page says about itself (read/meta.py): published, url, publisher, each or None.
    meta: dict = field(default_factory=dict)
    # The title the page's metadata or a crawl's provenance gives (a list entry's title), for a
    # file whose text shows none clearly; None when neither gives one.
    title_hint: str | None = None
    # For each line, the index of the line the reader gave, once a later stage (segment) has cut
    # or joined lines; None while lines are the reader's own. For tracing a cell back to its text.
    origins: list[int] | None = None

    def origin(self, index: int) -> int:
        return self.origins[index] if self.origins is not None else index
