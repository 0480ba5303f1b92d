"""OCR'd pages to lines of cells: the pure parts, on hand-made boxes and rulings, and on drawn images."""
from __future__ import annotations

import math

import pytest

from site_builder.read import read_bytes, rulings
from site_builder.read.ocr import PageScan
from site_builder.read.ocr_layout import clean_text, page_blocks, scan_lines
from site_builder.read.pdf import PageTable, TextLine

# A ruled table as a scan at 200 dpi shows it: a label column, two value columns, three rows;
# the label of the last two rows is one cell merged over both (no rule between them there).
XS = (100.0, 400.0, 500.0, 600.0)
YS = (1000.0, 1050.0, 1100.0, 1150.0)


def _table_rules(merge_label: bool = True):
    hrules = [[XS[0], XS[-1], y] for y in YS]
    if merge_label:  # the rule between rows 2 and 3 stops short of the label column
        hrules[2] = [XS[1], XS[-1], YS[2]]
    vrules = [[YS[0], YS[-1], x] for x in XS]
    return hrules, vrules


def _page(boxes, hrules=(), vrules=(), height=2339) -> PageScan:
    return PageScan(1654, height, 200.0, 0.0, [[*b, 0.99] for b in boxes], list(hrules), list(vrules))


def test_boxes_in_a_ruled_table_become_grid_rows_with_merged_cells():
    hrules, vrules = _table_rules()
    boxes = [(110, 1010, 300, 1040, "本年新收"), (430, 1010, 470, 1040, "12"), (530, 1010, 570, 1040, "3"),
             (110, 1090, 250, 1115, "（四）无法提供"),  # centred on the merged cell, across the missing rule
             (430, 1060, 470, 1090, "0"), (430, 1110, 470, 1140, "7"), (530, 1110, 570, 1140, "1")]
    blocks = page_blocks(_page(boxes, hrules, vrules), 1)
    assert len(blocks) == 1 and isinstance(blocks[0], PageTable)
    lines = scan_lines([_page(boxes, hrules, vrules)])
    assert [line.cells for line in lines] == [("本年新收", "12", "3"), ("（四）无法提供", "0", ""),
                                               ("（四）无法提供", "7", "1")]
    assert all(line.grid for line in lines)


def test_a_box_run_across_a_rule_is_cut_at_it():
    hrules, vrules = _table_rules(merge_label=False)
    boxes = [(110, 1010, 300, 1040, "复议后起诉"), (480, 1010, 520, 1040, "01")]  # "0 | 1" read as one box
    lines = scan_lines([_page(boxes, hrules, vrules)])
    assert lines[0].cells == ("复议后起诉", "0", "1")


def test_text_outside_tables_is_lines_by_overlap_and_cells_by_gaps():
    boxes = [(200, 300, 900, 340, "一、总体情况"),
             (200, 400, 500, 440, "行政处罚"), (1100, 404, 1200, 446, "2776"),  # far apart: two cells
             (200, 500, 1400, 545, "2024年，全区政府信息公开工作虽取得一定成绩，但对照上"),
             (200, 560, 600, 600, "级要求和群众期盼。")]
    blocks = page_blocks(_page(boxes), 1)
    assert all(isinstance(b, TextLine) for b in blocks)
    assert [b.cells for b in blocks][:2] == [["一、总体情况"], ["行政处罚", "2776"]]


def test_page_numbers_are_dropped_even_with_dust_on_them():
    boxes = [(200, 300, 900, 340, "一、总体情况"), (760, 2200, 840, 2240, "- 3.-")]
    assert [line.text for line in scan_lines([_page(boxes)])] == ["一、总体情况"]


@pytest.mark.parametrize("read,clean", [("0°", "0"), (":95", "95"), ("·1", "1"), (".0", "0"),
                                        ("96171.6", "96171.6"), ("-", "-"), ("2024年", "2024年"),
                                        ("1.属于国家秘密", "1.属于国家秘密"), ("ó", "0"), ("ò.", "0"), ("1l", "11"),
                                        ("O型", "O型"), ("-8", "8"), ("*0", "0"), ("|", "|")])
def test_dust_beside_a_number_is_not_part_of_it(read, clean):
    assert clean_text(read) == clean


def test_skew_is_measured_from_long_text_boxes():
    angle = math.radians(0.6)

    def quad(x, y, w, h):
        pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        return [(px * math.cos(angle) - py * math.sin(angle), px * math.sin(angle) + py * math.cos(angle))
                for px, py in pts]

    quads = [quad(200, 300 + 80 * i, 1000, 40) for i in range(5)] + [quad(900, 300, 30, 40)]
    assert rulings.skew_angle(quads) == pytest.approx(0.6, abs=0.01)
    assert rulings.skew_angle(quads[:2]) == 0.0  # too little evidence: leave the page as it is


def test_rulings_are_found_on_a_drawn_table_and_not_in_its_text():
    import numpy as np
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 1200), 235)
    draw = ImageDraw.Draw(image)
    for y in YS:
        draw.line((XS[0], y, XS[-1], y), fill=40, width=3)
    for x in XS:
        draw.line((x, YS[0], x, YS[-1]), fill=40, width=3)
    draw.text((120, 1015), "ABC ||| --- 123", fill=40)  # short strokes of text are not rules
    hrules, vrules = rulings.find_rulings(np.asarray(image), 200.0)
    assert sorted(round(h[2]) for h in hrules) == [round(y) for y in YS]
    assert sorted(round(v[2]) for v in vrules) == [round(x) for x in XS]


def test_an_image_that_is_not_one_is_refused_naming_the_problem():
    from site_builder.read import ReadError

    with pytest.raises(ReadError, match="not a PNG, JPEG or TIFF"):
        read_bytes("一、总体情况".encode(), "scan.png", ".png")
    with pytest.raises(ReadError, match="cannot be decoded"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "cut.png", ".png")
