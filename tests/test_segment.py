"""The segmenting stage: flattened text cut into headings, table rows and prose."""
from __future__ import annotations

from site_builder.read.document import Line, RawDocument
from site_builder.segment import cut_line, segment, table_regions

T3 = ("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
      "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
      "一、本年新收政府信息公开申请数量210000021二、上年结转政府信息公开申请数量0000000"
      "三、本年度办理结果（一）予以公开6000006（四）无法提供1.本机关不掌握相关政府信息1400000142.没有现成信息需要另行制作0 0 0 0 0 00"
      "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
      "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计210000021"
      "四、结转下年度继续办理20000022025年，我局继续做好公开工作。")


def _rows(text: str) -> list[tuple[str, ...]]:
    return [ln.cells for ln in cut_line(text)]


def test_rows_are_cut_after_their_values():
    rows = _rows(T3)
    assert ("一、本年新收政府信息公开申请数量", "210000021") in rows
    assert ("二、上年结转政府信息公开申请数量", "0000000") in rows


def test_the_next_rows_item_number_glued_to_the_digits_goes_back_to_its_label():
    rows = _rows(T3)
    assert ("（四）无法提供1.本机关不掌握相关政府信息", "140000014") in rows
    assert ("2.没有现成信息需要另行制作", "0 0 0 0 0 00") in rows


def test_a_year_that_a_value_ran_into_is_prose():
    rows = _rows(T3)
    assert ("四、结转下年度继续办理", "2000002") in rows
    assert rows[-1] == ("2025年，我局继续做好公开工作。",)


def test_rows_that_print_no_values_stay_rows_of_their_own():
    rows = _rows(T3)
    assert ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",) in rows
    assert ("3.其他",) in rows
    assert ("（七）总计", "210000021") in rows


def test_headings_are_lines_of_their_own_and_the_header_is_not_a_label():
    rows = _rows(T3)
    assert rows[0] == ("三、收到和处理政府信息公开申请情况",)
    header = next(r for r in rows if "自然人" in r[0])
    assert len(header) == 1 and "本年新收" not in header[0]


def test_table_four_after_its_header_words_and_renumbered_parts():
    text = ("四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼结果维持结果 纠正其他结果尚未审结总计未经复议直接起诉"
            "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10000100000000000"
            "我局严格规范政府信息公开流程。五、信息处理费收取情况通知收取件数000六、当前存在的突出问题一是……")
    rows = _rows(text)
    assert rows[0] == ("四、政府信息公开行政法复议、行政诉讼情况",)
    assert ("总计", "10000100000000000") in rows
    assert ("我局严格规范政府信息公开流程。",) in rows
    assert ("五、信息处理费收取情况",) in rows and ("六、当前存在的突出问题",) in rows


def test_prose_that_names_a_table_word_twice_is_not_a_table():
    prose = "共发布行政规范性文件12件，清理规范性文件500余份，" * 2 + "均在门户网站公开，方便群众查阅和监督。"
    assert table_regions(prose) == []
    assert _rows(prose) == [(prose,)]


def test_tidy_documents_pass_through_unchanged():
    doc = RawDocument("x.txt", "text", [Line(("一、本年新收政府信息公开申请数量", "5", "0", "5")),
                                        Line(("本行政机关2024年收到申请5件，全部按时办结。" * 3,))])
    assert segment(doc) is doc


def test_a_hard_wrapped_dump_is_joined_before_cutting():
    width = 50
    text = "二、主动公开政府信息情况" + "我局全年主动公开信息一百余条。" * 4 + T3
    wrapped = [Line((text[i:i + width],)) for i in range(0, len(text), width)]
    rows = [ln.cells for ln in segment(RawDocument("x.txt", "text", wrapped)).lines]
    assert ("（四）无法提供1.本机关不掌握相关政府信息", "140000014") in rows
    assert ("（七）总计", "210000021") in rows


def test_lines_of_varied_width_are_not_joined():
    lines = [Line(("本机关" + "公开" * n + "。",)) for n in range(20, 30)]
    assert segment(RawDocument("x.txt", "text", lines)).lines == lines


def test_blank_markers_are_values_when_set_apart():
    text = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 / / /"
            "行政规范性文件 0 / 3第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费 —")
    rows = _rows(text)
    assert ("规章", "/ / /") in rows
    assert ("行政规范性文件", "0 / 3") in rows
    assert ("（单位：万元）行政事业性收费", "—") in rows


def test_a_sentence_before_a_tables_digits_stays_text():
    text = ("四、政府信息公开行政复议、行政诉讼情况 2024年，没有政府信息公开行政复议及行政诉讼情况。行政复议行政诉讼"
            "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
            "结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况无。")
    rows = _rows(text)
    assert (" 2024年，没有政府信息公开行政复议及行政诉讼情况。",) in rows
    (row,) = [r for r in rows if r[-1] == "000000000000000"]
    assert "2024" not in "".join(row)


def test_a_count_with_its_unit_is_no_rows_value():
    rows = _rows("一、总体情况 2024年，我局共收到申请3件，予以公开3件，部分公开0件，不予公开0件，无法提供0件。"
                 "二、主动公开政府信息情况")
    assert all(len(r) == 1 for r in rows), rows


def test_the_2019_forms_header_and_signed_values():
    rows = _rows("二、主动公开政府信息情况第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可1-10"
                 "其他对外管理服务事项300第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费0 0"
                 "三、收到和处理政府信息公开申请情况")
    assert ("行政许可", "1-10") in rows and ("其他对外管理服务事项", "300") in rows
    assert ("行政事业性收费", "0 0") in rows  # its header went to a line of its own
