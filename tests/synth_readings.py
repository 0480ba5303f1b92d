"""Which cells of a run-together report (digits with no separators, or partly spaced as on a
flattened page) have one reading only.

Written independently of the parser: every way to cut each row's digit run into cells,
kept when it satisfies the rules the row or table obeys (C2 per row and C1/C3 per column
of table 3, C5 per group of table 4; table 2 has no rule inside one report). A row is
ambiguous when two kept readings disagree on it; the spec then allows its cells to be
null, plus a check.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from site_builder import contract

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
COLUMNS = (*APPLICANTS, "total")
MAX_COMBINATIONS = 200_000


def splits(digits: str, k: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut a digit run into k numbers written without leading zeros."""
    if k == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield (int(digits),)
        return
    for end in range(1, len(digits) - k + 2):
        head = digits[:end]
        if head != "0" and head[0] == "0":
            break
        for rest in splits(digits[end:], k - 1):
            yield (int(head), *rest)


def summed_splits(digits: str, parts: int) -> list[tuple[int, ...]]:
    """Cuts into `parts` numbers whose last is the sum of the others (C2, C5)."""
    out = []
    for cut in range(len(digits) - 1, parts - 2, -1):
        total_text = digits[cut:]
        if total_text != "0" and total_text[0] == "0":
            continue
        total = int(total_text)
        out += [(*head, total) for head in _bounded(digits[:cut], parts - 1, total)]
    return out


def _bounded(digits: str, k: int, total: int) -> Iterator[tuple[int, ...]]:
    if k == 1:
        if digits and (digits == "0" or digits[0] != "0") and int(digits) == total:
            yield (total,)
        return
    for end in range(1, len(digits) - k + 2):
        head = digits[:end]
        if head != "0" and head[0] == "0":
            break
        value = int(head)
        if value > total:
            break
        for rest in _bounded(digits[end:], k - 1, total - value):
            yield (value, *rest)


def _differing(readings: list[tuple[int, ...]], paths: list[str]) -> set[str]:
    """A printed row is read as a whole: when its readings disagree anywhere, all its cells are open."""
    return set(paths) if len(set(readings)) != 1 else set()


def ambiguous_cells(report: dict) -> set[str]:
    """The cells of `report` that its run-together rendering does not determine."""
    out: set[str] = set()
    for key, fields in contract.ACTIVE_FIELDS.items():
        values = [report["active"][key][f] for f, _ in fields]
        if len(values) > 1:
            readings = list(splits("".join(map(str, values)), len(values)))
            out |= _differing(readings, [f"active.{key}.{f}" for f, _ in fields])
    out |= _table3(report["applications"])
    run = "".join(str(report["appeals"][g][f]) for g, _ in contract.APPEAL_GROUPS for f, _ in contract.APPEAL_FIELDS)
    paths = [f"appeals.{g}.{f}" for g, _ in contract.APPEAL_GROUPS for f, _ in contract.APPEAL_FIELDS]
    out |= _differing(list(_appeal_readings(run, 3)), paths)
    return out


def _appeal_readings(digits: str, groups: int) -> Iterator[tuple[int, ...]]:
    if groups == 0:
        if not digits:
            yield ()
        return
    for end in range(5, len(digits) + 1):
        for group in summed_splits(digits[:end], 5):
            for rest in _appeal_readings(digits[end:], groups - 1):
                yield (*group, *rest)


def spaced_splits(printed: str, k: int) -> Iterator[tuple[int, ...]]:
    """Every reading of a partly spaced run as k numbers: a space always ends a number."""
    tokens = printed.split()
    if not tokens:
        if k == 0:
            yield ()
        return
    for j in range(1, min(len(tokens[0]), k - len(tokens) + 1) + 1):
        for head in splits(tokens[0], j):
            for rest in spaced_splits(" ".join(tokens[1:]), k - j):
                yield (*head, *rest)


def _groups_sum(reading: tuple[int, ...], width: int) -> bool:
    return all(sum(reading[i:i + width - 1]) == reading[i + width - 1] for i in range(0, len(reading), width))


def ambiguous_cells_printed(report: dict, printed: dict[str, str]) -> set[str]:
    """The same for a page whose rows are printed as in `printed` ({"active.<row>" |
    "applications.<row>" | "appeals": the row's values as printed, spaces kept})."""
    out: set[str] = set()
    for key, fields in contract.ACTIVE_FIELDS.items():
        if len(fields) > 1 and f"active.{key}" in printed:
            readings = list(spaced_splits(printed[f"active.{key}"], len(fields)))
            out |= _differing(readings, [f"active.{key}.{f}" for f, _ in fields])
    if report.get("active_template") == "2019":
        out |= open_cells_2019(report, printed)
    rows = [k for k in contract.APPLICATION_ROW_KEYS if not k.endswith("_subtotal")]
    options = {k: [r for r in spaced_splits(printed[f"applications.{k}"], 7) if _groups_sum(r, 7)] for k in rows}
    out |= _table3(report["applications"], options)
    paths = [f"appeals.{g}.{f}" for g, _ in contract.APPEAL_GROUPS for f, _ in contract.APPEAL_FIELDS]
    out |= _differing([r for r in spaced_splits(printed["appeals"], 15) if _groups_sum(r, 5)], paths)
    return out


def _table3(apps: dict, options: dict[str, list[tuple[int, ...]]] | None = None) -> set[str]:
    rows = [k for k in contract.APPLICATION_ROW_KEYS if not k.endswith("_subtotal")]
    if options is None:
        options = {k: summed_splits("".join(str(apps[k][c]) for c in COLUMNS), 7) for k in rows}
    open_rows = [k for k in rows if len(options[k]) != 1]
    size = 1
    for k in open_rows:
        size *= max(1, len(options[k]))
    paths = lambda k: [f"applications.{k}.{c}" for c in COLUMNS]  # noqa: E731
    if not open_rows:
        return set()
    if size > MAX_COMBINATIONS:
        return {p for k in open_rows for p in paths(k)}
    fixed = {k: options[k][0] for k in rows if k not in open_rows}
    outcome = [k for k in contract.OUTCOME_KEYS]
    valid: list[tuple] = []
    for combo in product(*(options[k] for k in open_rows)):
        table = {**fixed, **dict(zip(open_rows, combo))}
        if all(table["new_received"][i] + table["carried_over"][i]
               == table["total_processed"][i] + table["carried_forward"][i]
               and table["total_processed"][i] == sum(table[k][i] for k in outcome) for i in range(7)):
            valid.append(combo)
    out: set[str] = set()
    for j, k in enumerate(open_rows):
        out |= _differing([combo[j] for combo in valid], paths(k))
    return out


# The 2019 form's rows that fill a current field: (label, row key, field, column).
OLD_CURRENT = (("规章", "regulations", "issued", 0), ("行政规范性文件", "normative_documents", "issued", 0),
               ("行政许可", "licensing", "decisions", 2), ("行政处罚", "punishment", "decisions", 2),
               ("行政强制", "enforcement", "decisions", 2))


def open_columns_2019(report: dict, printed: dict[str, str]) -> set[tuple[str, int]]:
    """(row label, column) of every 2019-form cell whose printed run has readings that differ
    there (the generator's brute-force reader, not the parser's)."""
    from site_builder.synth.active_2019 import readings
    out: set[tuple[str, int]] = set()
    for row in report["active"]["extra"]:
        found = readings(printed[f"extra.{row['label']}"], tuple(row["columns"]))
        out |= {(row["label"], col) for col in range(len(row["columns"])) if len({r[col] for r in found}) != 1}
    return out


def open_cells_2019(report: dict, printed: dict[str, str]) -> set[str]:
    """The current-form cells among them (本年新制作数量 -> issued, 处理决定数量 -> decisions)."""
    columns = open_columns_2019(report, printed)
    return {f"active.{key}.{field}" for label, key, field, col in OLD_CURRENT if (label, col) in columns}
