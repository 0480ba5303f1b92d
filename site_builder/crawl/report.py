"""The crawl report: per column, reports new, unchanged, changed, twins, skipped and failed
(each skip and failure with why), the listed items the crawl could not reach, and one summary
line. It is kept in the state while a crawl is unfinished, so a resumed crawl reports the whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field

OUTCOMES = ("new", "unchanged", "changed", "twin", "skipped", "failed")
LABELS = {"new": "新增", "unchanged": "未变", "changed": "有更新", "twin": "重复", "skipped": "跳过", "failed": "失败"}
LISTED = ("new", "changed", "twin", "skipped", "failed")  # outcomes that get a line of their own


@dataclass
class Column:
    url: str
    agency: str | None = None
    list_url: str | None = None  # the 年报 column, when the row names a disclosure home page
    read: bool = False  # some page of its list was read
    error: str | None = None  # why its list could not be read
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    lines: list[list[str]] = field(default_factory=list)  # [outcome, text]
    stated: int | None = None  # entries the list page says the list has
    found: list[str] = field(default_factory=list)  # entries seen on its list pages
    script_paged: bool = False

    def unreachable(self) -> int:
        return max(0, (self.stated or 0) - len(self.found))


@dataclass
class CrawlReport:
    started: str
    columns: dict[str, Column] = field(default_factory=dict)
    requests: int = 0  # over the whole crawl, a resumed one included
    resumed: bool = False
    pending: int = 0  # tasks left for the next run
    stopped: str | None = None  # why the run stopped before the crawl was done

    def column(self, url: str, agency: str | None = None) -> Column:
        if url not in self.columns:
            self.columns[url] = Column(url, agency)
        return self.columns[url]

    def record(self, column: str, outcome: str, text: str = "") -> None:
        col = self.columns[column]
        col.counts[outcome] += 1
        if outcome in LISTED:
            col.lines.append([outcome, text])

    def totals(self) -> dict[str, int]:
        return {k: sum(c.counts[k] for c in self.columns.values()) for k in OUTCOMES}

    def unread(self) -> list[Column]:
        return [c for c in self.columns.values() if not c.read and c.error]

    def exit_status(self) -> int:
        """1 when some column could not be read at all; failed items alone do not fail the run."""
        return 1 if self.unread() else 0

    def lines(self, seconds: float | None = None) -> list[str]:
        out = [f"爬取报告（开始于 {self.started}{'，本次为续爬' if self.resumed else ''}）"]
        for col in self.columns.values():
            out.append(f"栏目 {col.agency or ''} {col.url}".replace("  ", " "))
            if col.list_url and col.list_url != col.url:
                out.append(f"  年报栏目：{col.list_url}")
            if col.error and not col.read:
                out.append(f"  无法读取：{col.error}")
                continue
            out.append("  " + " · ".join(f"{LABELS[k]} {col.counts[k]}" for k in OUTCOMES))
            out += [f"  {LABELS[kind]} {text}" for kind, text in col.lines]
            if col.unreachable():
                how = ("其余条目由页面脚本经站内检索接口分页" if col.script_paged
                       else "其余条目所在的列表页没有找到")
                out.append(f"  未能到达 {col.unreachable()} 条：列表页称共 {col.stated} 条，爬虫读到 "
                           f"{len(col.found)} 条；{how}，可在 sources.csv 的 more_urls 中列出其余列表页")
        t = self.totals()
        unreachable = sum(c.unreachable() for c in self.columns.values())
        summary = (f"合计：栏目 {len(self.columns)} 个（无法读取 {len(self.unread())} 个）；"
                   + "，".join(f"{LABELS[k]} {t[k]}" for k in OUTCOMES)
                   + f"；未能到达 {unreachable} 条；请求 {self.requests} 次")
        if seconds is not None:
            summary += f"，用时 {seconds:.0f} 秒"
        out.append(summary)
        if self.stopped:
            out.append(f"未完成：{self.stopped}；还有 {self.pending} 项，下次运行时从这里继续。")
        return out

    # ---- kept in the state while the crawl is unfinished -----------------------------------

    def to_json(self) -> dict:
        return {"started": self.started, "requests": self.requests,
                "columns": {u: vars(c) for u, c in self.columns.items()}}

    @classmethod
    def from_json(cls, data: dict) -> CrawlReport:
        report = cls(data["started"], requests=data.get("requests", 0), resumed=True)
        for url, col in data.get("columns", {}).items():
            report.columns[url] = Column(**col)
        return report
