"""Row labels matched by meaning: wrapped, prefixed, garbled, variant."""
from __future__ import annotations

import pytest

from site_builder.parse.labels import match_active_row, match_application_row
from site_builder.parse.tables import decide_columns, header_columns
from site_builder import contract as c


@pytest.mark.parametrize("label, key", [
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("申请人情况自然人法人或其他组织总计商业企业一、本年新收政府信息公开申请数量", "new_received"),
    ("三、本年度办理结果(一) 予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("(三) 不予公开", "denied_subtotal"),
    ("（三）不予公开1.属于国家秘密", "denied_state_secret"),
    ("2.其他法律法规禁止公开", "denied_law_prohibited"),
    ("3.危及“三安全一稳定”", "denied_security"),
    ("(四) 无 法提供1.本机关不掌握相关政府信息", "unavailable_not_held"),
    ("公征代3.补正后申请内容仍不明确", "unavailable_unclear"),
    ("(六) 其他处理", "other_subtotal"),
    ("(2 -) ++1.申请人无正当理由逾期不补正、 行政机关不再处理其政府信息公开 申请", "other_no_correction"),
    ("3.其他", "other_misc"),
    ("(七) 总ì†", "total_processed"),
    ("(七) 总计", "total_processed"),
    ("四、结转下年度继续办理", "carried_forward"),
    ("1.属于国豕秘密", "denied_state_secret"),  # an OCR typo
    ("这一行什么也不是", None),
])
def test_application_labels(label, key):
    assert match_application_row(label) == key


@pytest.mark.parametrize("label, key", [
    ("规章", "regulations"), ("行政规范性文件", "normative_documents"), ("行政许可", "licensing"),
    ("行政事业性收费", "fees"), ("行政确认", "extra:行政确认"), ("信息内容", None),
])
def test_active_labels(label, key):
    assert match_active_row(label) == key


def test_header_columns_read_wrapped_header():
    header = "申请人情况自然\n人法人或其他组织总计商业\n企业科研\n机构社会\n公益\n组织法律\n服务\n机构其他"
    assert header_columns(header) == c.COLUMN_KEYS


def test_header_without_other_column():
    cols = header_columns("申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构")
    assert "other_org" not in cols and len(cols) == 6
    assert decide_columns(cols, 6) == cols


def test_rows_win_over_a_header_that_lost_a_column():
    cols = header_columns("商业企业 科研 机构 社会 公益 组织 法律 服务 机构 其他 总计")
    assert "natural_person" not in cols
    assert decide_columns(cols, 7) == c.COLUMN_KEYS


def test_generic_header_gives_way_to_rows():
    assert decide_columns(header_columns("列1 列2 列3 列4 列5 列6 列7 列8"), 7) == c.COLUMN_KEYS
