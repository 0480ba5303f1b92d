"""OCR'd pages to the lines of cells every reader returns, by position.

A scan's text boxes are like a PDF's words with positions, and its ruling lines
like a PDF's drawn rules, so the scan becomes the same blocks as a PDF page
(`pdf.TextLine`, `pdf.PageTable`) and goes through the same joining across
pages and the same output: the parser sees a scanned table as it sees a ruled
PDF table.

- Tables: the rules that cross one another form a grid; a cell whose dividing
  rule the image does not show is merged with its neighbour (a group label
  spanning rows, a value spanning columns); each box goes to the cell holding
  its centre. A table cut by the page break is closed as in the PDF reader.
- Text outside tables: boxes are lines by their vertical overlap, and a line is
  cut into cells at wide gaps (a borderless table's columns).

OCR's text is kept as read, except specks of dust read as a lone dot beside a
number; a digit the rules contradict is left for the rules to flag.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from site_builder.read.celltext import join_wrapped, tidy_cell
from site_builder.read import ocr
from site_builder.read.document import SCAN_NOTE, Line, RawDocument, ReadError
from site_builder.read.ocr import PageScan
from site_builder.read.pdf import Block, PageTable, TextLine, closing_rules, drop_page_numbers, join_pages, to_lines
from site_builder.read.tables import Span, Table

_CELL_GAP = 2.0  # a gap wider than this many line heights splits a text line into cells
_COVER = 0.6  # a rule covering this share of a cell's side divides it from its neighbour
_SPECK = ".·•,，'`‘’\"“”:：;；_~。、°º˙^¨*＊+"  # what OCR makes of a speck of dust
_DUST = re.compile(f"^[{re.escape(_SPECK)}]+$")
# Before a number a speck can also read as a minus: no cell of the form is negative.
_DUST_BESIDE_NUMBER = re.compile(
    f"^[{re.escape(_SPECK)}\\-−–]*(\\d[\\d,，]*(?:\\.\\d+)?)[{re.escape(_SPECK)}]*$")
# Letters the recognizer gives for a digit under dust; taken as digits only in a box of digits.
_LOOKALIKES = {**dict.fromkeys("oOóòôöõ〇○ΟοＯо", "0"), **dict.fromkeys("lIíì", "1")}  # not "|": a rule
_NUMBER = re.compile(r"^\d[\d,，]*(?:\.\d+)?$")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$")

Box = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text


def scan_lines(pages: list[PageScan]) -> list[Line]:
    blocks: list[Block] = []
    for number, page in enumerate(pages, 1):
        blocks.extend(page_blocks(page, number))
    return to_lines(join_pages(drop_page_numbers(blocks)))


def clean_text(text: str) -> str:
    """A box's text without the dust OCR read as punctuation beside a number ("0." "·1"), and a
    box that is all digits but for a letter shaped like one ("ó" for a dusty 0) read as digits."""
    text = text.strip()
    if text and all(ch.isdigit() or ch in _LOOKALIKES or ch in _SPECK for ch in text):
        text = "".join(_LOOKALIKES.get(ch, ch) for ch in text)
    match = _DUST_BESIDE_NUMBER.match(text)
    if match:
        return match.group(1)
    bare = "".join(ch for ch in text if ch not in _SPECK)
    return bare if _PAGE_NUMBER.match(bare) and bare != text else text  # "- 3.-" is page 3


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def kept_boxes(page: PageScan) -> list[Box]:
    """The page's boxes with their text cleaned, less those that are only dust."""
    boxes: list[Box] = []
    for x0, top, x1, bottom, text, _score in page.boxes:
        text = clean_text(text)
        if text and not _DUST.match(text):
            boxes.append((x0, top, x1, bottom, text))
    return boxes


def page_blocks(page: PageScan, number: int) -> list[Block]:
    boxes = kept_boxes(page)
    tolerance = max(3.0, page.dpi * 0.02)
    tables = find_tables(page, tolerance)
    placed: set[int] = set()
    blocks: list[Block] = []
    for grid in tables:
        table, inside = fill_table(grid, boxes, number)
        placed |= inside
        blocks.append(table)
    rest = [b for i, b in enumerate(boxes) if i not in placed]
    blocks += text_lines(rest, number, float(page.height))
    return sorted(blocks, key=lambda b: b.top)


# ---- tables from rulings -----------------------------------------------------------------------

@dataclass
class Grid:
    """One ruled table: its rule positions, and the rules themselves (which cells they divide)."""

    xs: list[float]  # vertical rule positions, left to right
    ys: list[float]  # horizontal rule positions, top to bottom
    hrules: list[list[float]]  # [x0, x1, y]
    vrules: list[list[float]]  # [top, bottom, x]


def find_tables(page: PageScan, tolerance: float) -> list[Grid]:
    """Grids of rules that cross one another; a lone rule (an underline, a letterhead bar) is no table."""
    hrules = [list(h) for h in page.hrules]
    vrules = [list(v) for v in page.vrules]
    edges = [{"orientation": "h", "x0": a, "x1": b, "top": y, "bottom": y} for a, b, y in hrules]
    edges += [{"orientation": "v", "x0": x, "x1": x, "top": a, "bottom": b} for a, b, x in vrules]
    hrules += [[r["x0"], r["x1"], r["top"]] for r in closing_rules(edges, tolerance)]

    def crosses(h: list[float], v: list[float]) -> bool:
        return h[0] - tolerance <= v[2] <= h[1] + tolerance and v[0] - tolerance <= h[2] <= v[1] + tolerance

    parent = list(range(len(hrules) + len(vrules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hrules):
        for j, v in enumerate(vrules):
            if crosses(h, v):
                parent[find(i)] = find(len(hrules) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hrules):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vrules):
        groups.setdefault(find(len(hrules) + j), ([], []))[1].append(v)
    grids = []
    for hs, vs in groups.values():
        ys = _positions([h[2] for h in hs], tolerance)
        xs = _positions([v[2] for v in vs], tolerance)
        if len(ys) >= 2 and len(xs) >= 2:
            grids.append(Grid(xs, ys, hs, vs))
    return grids


def _positions(values: list[float], tolerance: float) -> list[float]:
    """Rule positions: the values within `tolerance` of one another are one rule."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [statistics.median(group) for group in out]


def _covered(segments: list[list[float]], pos: float, start: float, end: float, tolerance: float) -> bool:
    """Whether rules at `pos` cover most of [start, end]."""
    length = sum(max(0.0, min(b, end) - max(a, start)) for a, b, p in segments if abs(p - pos) <= tolerance)
    return length >= _COVER * (end - start)


def merged_cells(grid: Grid) -> list[int]:
    """For each grid cell (row-major), the cell that stands for its merged region: a cell whose
    dividing rule the image does not show is one region with its neighbour."""
    xs, ys = grid.xs, grid.ys
    rows, cols = len(ys) - 1, len(xs) - 1
    tolerance = max(3.0, 0.25 * min(b - a for a, b in zip(xs, xs[1:])))
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covered(grid.vrules, xs[c + 1], ys[r], ys[r + 1], tolerance):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covered(grid.hrules, ys[r + 1], xs[c], xs[c + 1], tolerance):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    return [find(i) for i in range(rows * cols)]


def regions(grid: Grid) -> dict[int, tuple[float, float, float, float]]:
    """Each merged region's bounding box (x0, top, x1, bottom), by its standing cell."""
    cols = len(grid.xs) - 1
    out: dict[int, tuple[float, float, float, float]] = {}
    for i, region in enumerate(merged_cells(grid)):
        r, c = divmod(i, cols)
        box = (grid.xs[c], grid.ys[r], grid.xs[c + 1], grid.ys[r + 1])
        old = out.get(region, box)
        out[region] = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3]))
    return out


def cell_at(grid: Grid, x: float, y: float) -> int | None:
    """The grid cell (row-major index) holding a point, None outside the grid."""
    xs, ys = grid.xs, grid.ys
    if not (xs[0] <= x < xs[-1] and ys[0] <= y < ys[-1]):
        return None
    c = max(k for k in range(len(xs) - 1) if xs[k] <= x)
    r = max(k for k in range(len(ys) - 1) if ys[k] <= y)
    return r * (len(xs) - 1) + c


def split_at_rules(box: Box, grid: Grid, merged: list[int]) -> list[Box]:
    """A box that runs across a dividing rule ("0 1" read as "01" over two cells) cut at the rule.

    The characters of one box are evenly spaced, so each goes to the side its centre is on.
    """
    x0, top, x1, bottom, text = box
    cy = (top + bottom) / 2
    cuts = []
    for x in grid.xs[1:-1]:
        if x0 + 0.1 * (x1 - x0) < x < x1 - 0.1 * (x1 - x0):
            left, right = cell_at(grid, x - 1, cy), cell_at(grid, x + 1, cy)
            if left is not None and right is not None and merged[left] != merged[right]:
                cuts.append(x)
    if not cuts or len(text) < 2:
        return [box]
    step = (x1 - x0) / len(text)
    pieces: list[list] = [[x0, top, None, bottom, ""]]
    for k, ch in enumerate(text):
        centre = x0 + (k + 0.5) * step
        while cuts and centre > cuts[0]:
            pieces[-1][2] = cuts[0]
            pieces.append([cuts.pop(0), top, None, bottom, ""])
        pieces[-1][4] += ch
    pieces[-1][2] = x1
    return [(a, t, b, bt, txt.strip()) for a, t, b, bt, txt in pieces if txt.strip()]


def cell_boxes(grid: Grid, merged: list[int], boxes: list[Box]) -> tuple[dict[int, list[Box]], set[int]]:
    """(boxes by merged region, cut at the rules they run across; indexes of the boxes in the grid)."""
    texts: dict[int, list[Box]] = {}
    inside: set[int] = set()
    for i, box in enumerate(boxes):
        if cell_at(grid, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2) is None:
            continue
        inside.add(i)
        for piece in split_at_rules(box, grid, merged):
            cell = cell_at(grid, (piece[0] + piece[2]) / 2, (piece[1] + piece[3]) / 2)
            if cell is not None:
                texts.setdefault(merged[cell], []).append(piece)
    return texts, inside


def fill_table(grid: Grid, boxes: list[Box], page: int) -> tuple[PageTable, set[int]]:
    xs, ys = grid.xs, grid.ys
    rows, cols = len(ys) - 1, len(xs) - 1
    merged = merged_cells(grid)
    texts, inside = cell_boxes(grid, merged, boxes)
    covered_rows: dict[int, set[int]] = {}
    for i, region in enumerate(merged):
        covered_rows.setdefault(region, set()).add(i // cols)
    spans = {region: Span(cell_text(texts.get(region, [])), len(rs)) for region, rs in covered_rows.items()}
    table = Table([(x - xs[0]) / max(xs[-1] - xs[0], 1.0) for x in xs[:-1]],
                  [[spans[merged[r * cols + c]] for c in range(cols)] for r in range(rows)])
    return PageTable(page, ys[0], ys[-1], xs[0], xs[-1], table), inside


def cell_text(boxes: list[Box]) -> str:
    """The boxes of one cell in reading order: lines top to bottom, boxes left to right."""
    return join_wrapped([" ".join(b[4] for b in line) for line in _rows(boxes)])


# ---- text outside tables -----------------------------------------------------------------------

def _rows(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into visual lines by vertical overlap, each sorted left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        if lines:
            line = lines[-1]
            top, bottom = min(b[1] for b in line), max(b[3] for b in line)
            overlap = min(bottom, box[3]) - max(top, box[1])
            if overlap >= 0.5 * min(bottom - top, box[3] - box[1]):
                line.append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b[0]) for line in lines]


def text_lines(boxes: list[Box], page: int, page_height: float) -> list[TextLine]:
    out = []
    for line in _rows(boxes):
        height = statistics.median(b[3] - b[1] for b in line)
        size = 0.8 * height  # a box is about a fifth taller than its characters
        cells: list[list[str]] = [[line[0][4]]]
        for prev, box in zip(line, line[1:]):
            if box[0] - prev[2] > _CELL_GAP * height:
                cells.append([])
            cells[-1].append(box[4])
        texts = [t for t in (tidy_cell(" ".join(c)) for c in cells) if t]
        if texts:
            out.append(TextLine(page, min(b[1] for b in line), max(b[3] for b in line), line[0][0],
                                max(b[2] for b in line), size, texts, page_height))
    return out


def read_scan(data: bytes, source: str, kind: str, why: str) -> RawDocument:
    """A scanned PDF or an image file, OCR'd; `why` says why OCR was needed (in `notes`)."""
    if not ocr.available():
        raise ReadError(f"{why}: it needs OCR, and the OCR engine (rapidocr, onnxruntime) is not installed; "
                        "reinstall the package (pip install -e .) or supply a file with a text layer")
    pages = ocr.scan_pages(data, kind)
    lines = scan_lines(pages)
    if not any(line.text.strip() for line in lines):
        raise ReadError(f"{why}, and OCR found no text in it")
    dpi = sorted({round(p.dpi) for p in pages})
    note = (f"{SCAN_NOTE} ({ocr.engine_version()}): {why}; {len(pages)} page{'s' if len(pages) != 1 else ''} "
            f"at {'/'.join(map(str, dpi))} dpi; numbers may be misread, the rules check them")
    return RawDocument(source, kind, lines, [note])
