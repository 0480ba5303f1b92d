"""The data contract of ../shared/spec/report-format.md, declared once as data.

The parser, the checks, the CSV columns, the field dictionary page and the site's
tables all read these declarations: adding a row to the form is one edit here.
Names are the contract's and must not change; labels are as the reports print them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # the label as the official form prints it
    keys: tuple[str, ...]  # distinctive phrases that identify the row's label
    group: str | None = None  # for table 3: the outcome group the row belongs to
    subtotal: bool = False  # a printed group subtotal: checked (C4), never summed


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    keys: tuple[str, ...] = field(default=())


# ---- Table 2: 主动公开政府信息情况 ---------------------------------------------------

ACTIVE_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    # row key -> ((field, label), ...)
    "regulations": (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
    "normative_documents": (("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                            ("in_force", "现行有效件数")),
    "licensing": (("decisions", "本年处理决定数量"),),
    "punishment": (("decisions", "本年处理决定数量"),),
    "enforcement": (("decisions", "本年处理决定数量"),),
    "fees": (("amount_wan_yuan", "本年收费金额（万元）"),),
}

ACTIVE_ROWS: tuple[Row, ...] = (
    Row("regulations", "规章", ("规章",)),
    Row("normative_documents", "行政规范性文件", ("行政规范性文件", "规范性文件")),
    Row("licensing", "行政许可", ("行政许可",)),
    Row("punishment", "行政处罚", ("行政处罚",)),
    Row("enforcement", "行政强制", ("行政强制",)),
    Row("fees", "行政事业性收费", ("行政事业性收费", "事业性收费")),
)

# Rows of older forms (before 2021) kept under active.extra with their printed label.
ACTIVE_EXTRA_KEYS: tuple[str, ...] = ("行政确认", "行政征收", "行政给付", "行政奖励", "行政裁决",
                                      "行政检查", "行政征用", "政府集中采购")

# ---- Table 3: 收到和处理政府信息公开申请情况 --------------------------------------------

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人", ("自然人",)),
    Column("commercial", "法人或其他组织 · 商业企业", ("商业企业",)),
    Column("research", "法人或其他组织 · 科研机构", ("科研机构",)),
    Column("social_welfare", "法人或其他组织 · 社会公益组织", ("社会公益组织", "公益组织")),
    Column("legal_service", "法人或其他组织 · 法律服务机构", ("法律服务机构",)),
    Column("other_org", "法人或其他组织 · 其他", ("其他",)),
    Column("total", "总计", ("总计", "合计")),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in APPLICANT_COLUMNS)
APPLICANT_KEYS: tuple[str, ...] = COLUMN_KEYS[:-1]

GROUP_LABELS: dict[str, str] = {
    "denied": "(三) 不予公开",
    "unavailable": "(四) 无法提供",
    "rejected": "(五) 不予处理",
    "other": "(六) 其他处理",
}

APPLICATION_ROWS: tuple[Row, ...] = (
    Row("new_received", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    Row("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    Row("granted", "(一) 予以公开", ("予以公开",)),
    Row("partially_granted", "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    Row("denied_subtotal", "(三) 不予公开", ("不予公开",), "denied", subtotal=True),
    Row("denied_state_secret", "1.属于国家秘密", ("国家秘密",), "denied"),
    Row("denied_law_prohibited", "2.其他法律行政法规禁止公开", ("其他法律行政法规禁止公开", "法规禁止公开"),
        "denied"),
    Row("denied_security", "3.危及“三安全一稳定”", ("三安全一稳定", "危及"), "denied"),
    Row("denied_third_party", "4.保护第三方合法权益", ("保护第三方合法权益", "第三方"), "denied"),
    Row("denied_internal", "5.属于三类内部事务信息", ("三类内部事务信息", "内部事务"), "denied"),
    Row("denied_process", "6.属于四类过程性信息", ("四类过程性信息", "过程性信息"), "denied"),
    Row("denied_enforcement_file", "7.属于行政执法案卷", ("行政执法案卷", "执法案卷"), "denied"),
    Row("denied_query", "8.属于行政查询事项", ("行政查询事项", "查询事项"), "denied"),
    Row("unavailable_subtotal", "(四) 无法提供", ("无法提供",), "unavailable", subtotal=True),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", ("不掌握相关政府信息", "不掌握"), "unavailable"),
    Row("unavailable_needs_creation", "2.没有现成信息需要另行制作", ("没有现成信息需要另行制作", "另行制作"),
        "unavailable"),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", ("补正后申请内容仍不明确", "仍不明确"), "unavailable"),
    Row("rejected_subtotal", "(五) 不予处理", ("不予处理",), "rejected", subtotal=True),
    Row("rejected_complaint", "1.信访举报投诉类申请", ("信访举报投诉类申请", "信访举报"), "rejected"),
    Row("rejected_duplicate", "2.重复申请", ("重复申请",), "rejected"),
    Row("rejected_publication", "3.要求提供公开出版物", ("要求提供公开出版物", "公开出版物"), "rejected"),
    Row("rejected_excessive", "4.无正当理由大量反复申请", ("无正当理由大量反复申请", "大量反复申请"), "rejected"),
    Row("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息",
        ("要求行政机关确认或重新出具已获取信息", "重新出具"), "rejected"),
    Row("other_subtotal", "(六) 其他处理", ("其他处理",), "other", subtotal=True),
    Row("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正",), "other"),
    Row("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("逾期未按收费通知要求缴纳费用", "缴纳费用", "收费通知"), "other"),
    Row("other_misc", "3.其他", ("其他",), "other"),
    Row("total_processed", "(七) 总计", ("总计",)),
    Row("carried_forward", "四、结转下年度继续办理", ("结转下年度继续办理", "结转下年度")),
)
APPLICATION_ROW_KEYS: tuple[str, ...] = tuple(r.key for r in APPLICATION_ROWS)
SUBTOTAL_KEYS: tuple[str, ...] = tuple(r.key for r in APPLICATION_ROWS if r.subtotal)
# The outcome rows whose sum is 办结 (C3): granted … other_misc, subtotals excluded.
OUTCOME_KEYS: tuple[str, ...] = tuple(
    r.key for r in APPLICATION_ROWS[APPLICATION_ROW_KEYS.index("granted"):APPLICATION_ROW_KEYS.index("total_processed")]
    if not r.subtotal
)
GROUP_ITEMS: dict[str, tuple[str, ...]] = {
    g: tuple(r.key for r in APPLICATION_ROWS if r.group == g and not r.subtotal) for g in GROUP_LABELS
}
GROUP_SUBTOTAL: dict[str, str] = {g: f"{g}_subtotal" for g in GROUP_LABELS}

# ---- Table 4: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------

APPEAL_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 · 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 · 复议后起诉"),
)
APPEAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
    ("pending", "尚未审结"), ("total", "总计"),
)

# ---- Text parts ---------------------------------------------------------------------

SECTIONS: tuple[tuple[str, str, str], ...] = (
    # key, numeral, heading
    ("overview", "一", "总体情况"),
    ("problems", "五", "存在的主要问题及改进情况"),
    ("other", "六", "其他需要报告的事项"),
)

# Words a part's heading holds, by part (its numeral on the official form). Reports renumber
# their parts (two text parts before the tables, seven parts), so a heading is known by these
# words, not by its numeral. Longest first within a part.
PART_HEADINGS: dict[str, tuple[str, ...]] = {
    "一": ("总体情况",),
    "二": ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
    "三": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开"),
    "四": ("政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "行政复议、行政诉讼", "行政复议行政诉讼",
          "行政法复议", "行政复议", "行政诉讼"),
    "五": ("存在的主要问题及改进情况", "存在的主要问题", "主要问题及改进", "存在的突出问题", "突出问题",
          "存在的问题及改进"),
    "六": ("其他需要报告的事项", "其他需要报告", "其他需报告的事项", "其他需报告", "其他需说明", "其他需要说明"),
}
# Parts some reports add (part 五 = 信息处理费收取情况): they end the part before them.
EXTRA_HEADINGS: tuple[str, ...] = ("信息处理费收取情况", "收取信息处理费情况", "信息处理费")

# ---- Consistency rules --------------------------------------------------------------

RULES: dict[str, str] = {
    "C1": "每列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理",
    "C2": "每行：总计 = 六类申请人之和",
    "C3": "每列：办理结果总计 = 各项办理结果之和（不含小计）",
    "C4": "分组小计 = 该组各项之和",
    "C5": "行政复议、行政诉讼各组：总计 = 维持 + 纠正 + 其他 + 尚未审结",
    "C6": "跨年：本年“上年结转” = 上年“结转下年度继续办理”",
    "C7": "跨年（提示）：本年现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
    "twin": "同一年度报告的两份文件（网页与文本、PDF 与 Word）：逐格读出的数字一致",
    "text": "报告正文对同一数字的陈述（如“制发规范性文件15件”），只与连在一起的数字的一种拆分相符",
}


def cell_paths() -> list[str]:
    """Every contract cell as a dotted path, in form order: the CSV's columns."""
    paths: list[str] = []
    for row_key, fields in ACTIVE_FIELDS.items():
        paths += [f"active.{row_key}.{f}" for f, _ in fields]
    for row in APPLICATION_ROWS:
        paths += [f"applications.{row.key}.{c}" for c in COLUMN_KEYS]
    for group, _ in APPEAL_GROUPS:
        paths += [f"appeals.{group}.{f}" for f, _ in APPEAL_FIELDS]
    return paths


def cell_label(path: str) -> str:
    """A Chinese label for a dotted cell path, for messages and the field dictionary."""
    table, row, col = path.split(".")
    if table == "active":
        rlabel = next(r.label for r in ACTIVE_ROWS if r.key == row)
        flabel = dict(ACTIVE_FIELDS[row]).get(col, col)
        return f"表二 {rlabel} · {flabel}"
    if table == "applications":
        rlabel = next(r.label for r in APPLICATION_ROWS if r.key == row)
        clabel = next(c.label for c in APPLICANT_COLUMNS if c.key == col)
        return f"表三 {rlabel} · {clabel}"
    glabel = dict(APPEAL_GROUPS)[row]
    return f"表四 {glabel} · {dict(APPEAL_FIELDS)[col]}"


def empty_report(source: str) -> dict:
    """A report object with every contract cell present and null."""
    return {
        "source": source,
        "agency": None,
        "year": None,
        "title": None,
        # What the page says about itself (spec "What the page says about itself"): null unless stated.
        "published": None,
        "url": None,
        "publisher": None,
        "active_template": None,
        "active": {k: {f: None for f, _ in fields} for k, fields in ACTIVE_FIELDS.items()},
        "applications": {r.key: {c: None for c in COLUMN_KEYS} for r in APPLICATION_ROWS},
        "appeals": {g: {f: None for f, _ in APPEAL_FIELDS} for g, _ in APPEAL_GROUPS},
        "sections": {k: "" for k, _, _ in SECTIONS},
        "inferred": [],
        "checks": [],
    }
