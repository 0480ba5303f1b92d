"""PDF reports as agencies publish them: ruled tables by cell position.

The pipeline, one pure stage each:

1. open the bytes, refusing what is not a readable PDF (truncated, encrypted,
   no text layer) with a message that says why;
2. per page, keep only the ink that can be a ruling: WPS and Word paint a white
   box behind every line of body text and a coloured fill behind header cells,
   and pdfplumber would take those boxes for tables;
3. find the ruled tables, map every cell to the rows and columns it covers
   (merged cells become one shared span), and read the text outside them as
   lines in reading order;
4. join what the page break split: a table that goes on at the top of the next
   page, a row cut in two, a merged group label cut in two ("（四）无" / "法提供");
5. emit `Line`s: text lines, and table rows; a merged cell prints once across columns and
   repeats down rows (as the HTML reader does).
"""
from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field

from site_builder.read.celltext import join_wrapped, tidy_cell
from site_builder.read.document import Line, RawDocument, ReadError
from site_builder.read.tables import Span, Table, continue_table, same_columns

MAX_PAGES = 500
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_RULE_WIDTH = 2.0  # a filled rectangle thinner than this (pt) is a drawn rule, not a background
_CELL_GAP = 2.5  # a gap wider than this many character widths splits a text line into cells
_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])")


@dataclass
class TextLine:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    cells: list[str]
    page_height: float = 0.0


@dataclass
class PageTable:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    table: Table = field(default_factory=lambda: Table([], []))


Block = TextLine | PageTable


def read_pdf(data: bytes, source: str) -> RawDocument:
    """The report's lines; raises ReadError naming what is wrong with the file."""
    _check_complete(data)
    import pdfplumber  # heavy: imported only when a PDF is read
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    notes: list[str] = []
    scanned = ""  # why the PDF needs OCR; OCR runs after pdfplumber lets go of the file
    blocks: list[Block] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise ReadError(f"PDF has {len(pages)} pages; an annual report has far fewer (limit {MAX_PAGES})")
            if not pages:
                raise ReadError("PDF has no pages")
            if not any(page.chars for page in pages):
                scanned = "PDF has no text layer (a scanned image)"
            elif _unmapped_share(pages) > 0.5:
                scanned = "PDF text has no Unicode mapping (its fonts give only glyph numbers, shown as (cid:N))"
            else:
                for number, page in enumerate(pages, 1):
                    blocks.extend(page_blocks(page, number, notes))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("PDF is encrypted (password-protected); publish or supply an unencrypted copy") from exc
        raise ReadError(f"PDF is damaged and cannot be read ({type(exc).__name__}: {exc})") from exc
    if scanned:
        from site_builder.read.ocr_layout import read_scan

        return read_scan(data, source, "pdf", scanned)
    if not any(isinstance(b, PageTable) for b in blocks):
        notes.append("no ruled table found in the PDF; tables were read from the text layer")
    blocks = join_pages(drop_page_numbers(blocks))
    return RawDocument(source, "pdf", to_lines(blocks), notes)


def _check_complete(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ReadError("not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-4096:]:
        raise ReadError("PDF is truncated (no %%EOF at the end): the file was cut off, download it again")


def _is_ink(obj: dict) -> bool:
    """Whether a page object can be text or a table ruling (background fills cannot)."""
    if obj.get("object_type") not in ("rect", "curve"):
        return True
    if obj.get("stroke"):
        return True
    return min(obj.get("width", 0), obj.get("height", 0)) <= _RULE_WIDTH


def page_blocks(page, number: int, notes: list[str]) -> list[Block]:
    """The page's tables and text lines, top to bottom."""
    ink = page.filter(_is_ink)
    try:
        settings = dict(_TABLE_SETTINGS, explicit_horizontal_lines=closing_rules(ink.edges))
        found = ink.find_tables(settings)
        tables = [t for t in (_page_table(ink, f, number) for f in found) if t is not None]
    except Exception as exc:  # the text below still holds every number, as text lines
        notes.append(f"table reader failed on page {number} ({type(exc).__name__}); used text layer")
        tables = []
    boxes = [(t.x0, t.top, t.x1, t.bottom) for t in tables]

    def outside(obj: dict) -> bool:
        return obj.get("object_type") != "char" or not any(_centre_in(obj, box) for box in boxes)

    lines = _text_lines(ink.filter(outside) if boxes else ink, number, float(page.height))
    return sorted([*tables, *lines], key=lambda b: b.top)


def closing_rules(edges: list[dict], tolerance: float = 2.0) -> list[dict]:
    """Horizontal rules for the open ends of a table cut by the page break.

    A table that goes on over the page often has no bottom border on the first
    page and no top border on the next (or only part of one), so the cells along
    the cut are not closed and pdfplumber drops them with their text. Where
    vertical rulings end together and at least one end touches no horizontal
    rule, draw the missing rule across them.
    """
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v"]

    def is_open(x: float, y: float) -> bool:
        return not any(abs(h["top"] - y) <= tolerance and h["x0"] - tolerance <= x <= h["x1"] + tolerance
                       for h in horizontal)

    rules = []
    for end in ("top", "bottom"):
        ends = sorted((v[end], v["x0"]) for v in vertical)
        groups: list[list[tuple[float, float]]] = []
        for y, x in ends:
            if groups and y - groups[-1][-1][0] <= tolerance:
                groups[-1].append((y, x))
            else:
                groups.append([(y, x)])
        for group in groups:
            xs = [x for _, x in group]
            if len(group) >= 2 and any(is_open(x, y) for y, x in group):
                y = statistics.median(y for y, _ in group)
                rules.append({"object_type": "line", "x0": min(xs), "x1": max(xs), "top": y, "bottom": y,
                              "width": max(xs) - min(xs), "height": 0.0})
    return rules


def _centre_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _page_table(page, found, number: int) -> PageTable | None:
    """One found table as a grid of spans; None for a ruled box around plain text."""
    cells = found.cells
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    if len(xs) < 2 or len(tops) < 2:
        return None
    chars = [ch for ch in page.chars if _centre_in(ch, found.bbox)]
    grid: list[list[Span | None]] = [[None] * len(xs) for _ in tops]
    from pdfplumber.utils import extract_text

    for bbox in cells:
        cols = [i for i, x in enumerate(xs) if bbox[0] - 0.5 <= x < bbox[2] - 0.5]
        rows = [j for j, y in enumerate(tops) if bbox[1] - 0.5 <= y < bbox[3] - 0.5]
        inside = [ch for ch in chars if _centre_in(ch, bbox)]
        span = Span(tidy_cell(extract_text(inside)) if inside else "", len(rows))
        for r in rows:
            for c in cols:
                if grid[r][c] is None:
                    grid[r][c] = span
    full = [[cell if cell is not None else Span("", 1) for cell in row] for row in grid]
    x0, top, x1, bottom = found.bbox
    width = max(x1 - x0, 1.0)
    table = Table([(x - x0) / width for x in xs], full)
    return PageTable(number, top, bottom, x0, x1, table)


def _text_lines(page, number: int, height: float) -> list[TextLine]:
    out = []
    for line in page.extract_text_lines(return_chars=True):
        chars = [ch for ch in line["chars"] if ch["text"].strip()]
        if not chars:
            continue
        size = statistics.median(ch["size"] for ch in chars) or 10.0
        cells = [tidy_cell(_chars_text(group)) for group in _split_at_gaps(chars, size)]
        cells = [c for c in cells if c]
        if cells:
            out.append(TextLine(number, line["top"], line["bottom"], chars[0]["x0"], chars[-1]["x1"],
                                size, cells, height))
    return out


def _split_at_gaps(chars: list[dict], size: float) -> list[list[dict]]:
    groups = [[chars[0]]]
    for prev, ch in zip(chars, chars[1:]):
        if ch["x0"] - prev["x1"] > _CELL_GAP * size:
            groups.append([])
        groups[-1].append(ch)
    return groups


def _chars_text(chars: list[dict]) -> str:
    out = ""
    for prev, ch in zip([None, *chars], chars):
        if prev is not None and ch["x0"] - prev["x1"] > 0.25 * max(ch["size"], 1):
            out += " "
        out += ch["text"]
    return out


def drop_page_numbers(blocks: list[Block]) -> list[Block]:
    """Page numbers ("- 3 -") in the top or bottom margin are furniture, not report text."""

    def furniture(b: Block) -> bool:
        if not isinstance(b, TextLine) or not _PAGE_NUMBER.match(" ".join(b.cells)):
            return False
        return b.top > 0.85 * b.page_height or b.bottom < 0.12 * b.page_height

    return [b for b in blocks if not furniture(b)]


def join_pages(blocks: list[Block]) -> list[Block]:
    """Join a table continued on the next page, and text lines wrapped at the margin."""
    out: list[Block] = []
    left, right = _margins(blocks)
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, PageTable) and isinstance(prev, PageTable) and block.page == prev.page + 1 \
                and same_columns(prev.table, block.table):
            continue_table(prev.table, block.table)
            prev.table.rows.extend(block.table.rows)
            prev.page, prev.bottom = block.page, block.bottom
            continue
        if isinstance(block, TextLine) and isinstance(prev, TextLine) and _wraps(prev, block, left, right):
            prev.cells = [join_wrapped([prev.cells[0], block.cells[0]])]
            prev.page, prev.top, prev.bottom, prev.x1 = block.page, block.top, block.bottom, block.x1
            continue
        out.append(block)
    return out


def _margins(blocks: list[Block]) -> tuple[float, float]:
    lines = [b for b in blocks if isinstance(b, TextLine) and len(b.cells) == 1]
    if not lines:
        return 0.0, 0.0
    x1s = sorted(b.x1 for b in lines)
    return min(b.x0 for b in lines), x1s[int(0.9 * (len(x1s) - 1))]


def _wraps(prev: TextLine, line: TextLine, left: float, right: float) -> bool:
    """A body line that runs to the right margin goes on in an unindented next line."""
    if len(prev.cells) != 1 or len(line.cells) != 1:
        return False
    if prev.x1 < right - 1.5 * prev.size or line.x0 > left + 0.6 * line.size:
        return False
    if abs(prev.size - line.size) > 0.2 * prev.size or _HEADING.match(line.cells[0]):
        return False
    return line.page == prev.page or line.page == prev.page + 1


def to_lines(blocks: list[Block]) -> list[Line]:
    lines: list[Line] = []
    for block in blocks:
        if isinstance(block, TextLine):
            lines.append(Line(tuple(block.cells)))
            continue
        for row in block.table.rows:
            # Across columns a merged cell prints once (a value spanning three columns is one
            # value); down rows it repeats, as a group label does for each row it covers.
            cells = tuple(span.text if n == 0 or span is not row[n - 1] else "" for n, span in enumerate(row))
            if any(cells):
                lines.append(Line(cells, grid=True))
    return lines


def _unmapped_share(pages) -> float:
    chars = [ch["text"] for page in pages for ch in page.chars]
    return sum(1 for text in chars if text.startswith("(cid:")) / max(len(chars), 1)
