"""The crawl: sources -> list pages -> report pages -> attachments -> files in content/.

Work is a queue of tasks (a list page, an item the list links to, an attachment of a report
page), one queue per host so that a slow host does not hold up the others while each host gets
one request at a time. Tasks are plain data: when the run stops (the request cap, Ctrl-C, a
kill between two saves) the tasks left are in the state and the next run resumes them.

A rerun fetches the list pages (conditionally) and only the items that are new, failed last
time, or listed with another title or date; `revalidate` also asks again (conditionally) for
every known item, so a report corrected in place is found and kept as a new version.
"""
from __future__ import annotations

import hashlib
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.crawl.fetch import CapReached, Fetcher, Response
from site_builder.crawl.links import Link, ListPage, read_list, read_report_page, url_suffix
from site_builder import progress as progress_display
from site_builder.crawl.report import CrawlReport
from site_builder.crawl.sources import Source
from site_builder.crawl.state import State
from site_builder.crawl.store import Store, utc_now
from site_builder.parse.layout import agency_and_year
from site_builder.parse.titles import classify
from site_builder.read import sniff

SAVE_EVERY = 30.0  # seconds between two saves of the state during a run


@dataclass
class Options:
    content: Path
    revalidate: bool = False


@dataclass
class Queue:
    """Tasks per host; list pages before items, so a column's entries are known early."""
    hosts: dict[str, tuple[deque, deque]] = field(default_factory=dict)

    def push(self, task: dict, front: bool = False) -> None:
        lists, items = self.hosts.setdefault(urlsplit(task["url"]).hostname or "", (deque(), deque()))
        target = lists if task["kind"] == "list" else items
        target.appendleft(task) if front else target.append(task)

    def pop(self, wait_for) -> dict:
        """The next task of the host that may be asked soonest."""
        host = min((h for h, (a, b) in self.hosts.items() if a or b),
                   key=lambda h: wait_for(next(iter(self.hosts[h][0] or self.hosts[h][1]))["url"]))
        lists, items = self.hosts[host]
        return (lists or items).popleft()

    def tasks(self) -> list[dict]:
        return [t for lists, items in self.hosts.values() for t in (*lists, *items)]

    def __len__(self) -> int:
        return sum(len(a) + len(b) for a, b in self.hosts.values())


class Crawl:
    def __init__(self, options: Options, sources: list[Source], fetcher: Fetcher, state: State,
                 progress: progress_display.Reporter | None = None):
        self.options = options
        self.sources = {s.url: s for s in sources}
        self.fetcher = fetcher
        self.state = state
        self.store = Store(options.content, state)
        self.progress = progress or progress_display.current()
        self.queue = Queue()
        if state.crawl:  # an unfinished crawl: go on from where it stopped
            self.report = CrawlReport.from_json(state.crawl["report"])
            self.queued = set(state.crawl.get("queued", ()))
            for task in state.crawl.get("pending", ()):
                self.queue.push(task)
        else:
            self.report = CrawlReport(utc_now())
            self.queued = set()
        for src in sources:
            if src.url not in self.report.columns:
                self.report.column(src.url, src.agency)
                self._push({"kind": "list", "url": src.url, "column": src.url, "first": True, "home": True})
                for more in src.more:
                    self._push({"kind": "list", "url": more, "column": src.url, "first": False, "home": False})

    # ---- the run --------------------------------------------------------------------------

    def run(self) -> CrawlReport:
        started = last_save = time.monotonic()
        self._counted = self.fetcher.requests
        try:
            with self.progress.stage("crawl", len(self.queue), label="爬取") as bar:
                while self.queue:
                    task = self.queue.pop(self.fetcher.wait_for)
                    try:
                        self._run(task)
                    except CapReached:
                        self.queue.push(task, front=True)
                        self.report.stopped = f"已达到本次运行的请求上限 {self.fetcher.max_requests} 次"
                        break
                    except KeyboardInterrupt:
                        self.queue.push(task, front=True)
                        self.report.stopped = "运行被中断"
                        break
                    bar.set_total(bar.record.done + 1 + len(self.queue))  # links found add work
                    bar.advance()
                    if time.monotonic() - last_save > SAVE_EVERY:
                        self._checkpoint()
                        last_save = time.monotonic()
        finally:
            self._checkpoint()
            self.fetcher.close()
        self.seconds = time.monotonic() - started
        return self.report

    def _checkpoint(self) -> None:
        self.report.requests += self.fetcher.requests - self._counted
        self._counted = self.fetcher.requests
        self.report.pending = len(self.queue)
        if self.queue:
            self.state.crawl = {"report": self.report.to_json(), "queued": sorted(self.queued),
                                "pending": self.queue.tasks()}
        else:
            self.state.crawl = None
        self.state.save()

    def _push(self, task: dict) -> None:
        if task["url"] not in self.queued:
            self.queued.add(task["url"])
            self.queue.push(task)

    def _run(self, task: dict) -> None:
        {"list": self._list, "item": self._item, "attachment": self._item}[task["kind"]](task)

    def _source(self, column: str) -> Source:
        return self.sources.get(column) or Source(column, self.report.column(column).agency, None)

    # ---- list pages -----------------------------------------------------------------------

    def _list(self, task: dict) -> None:
        url, col = task["url"], self.report.column(task["column"])
        known = self.state.lists.get(url)
        resp = self.fetcher.get(url, known.get("validators") if known else None)
        if resp.not_modified and known:
            listing = _listing(known)
        elif resp.ok:
            listing = read_list(resp.content, resp.final_url)
            self.state.lists[url] = _stored(listing, resp)
        else:
            why = "robots.txt 不允许抓取" if resp.disallowed else resp.error or f"HTTP {resp.status}"
            if task["first"]:
                col.error = f"列表页 {url}：{why}"
            else:
                self.report.record(col.url, "failed", f"列表页 {url}：{why}")
            return
        if task["home"] and not listing.items and not listing.pages and listing.columns:
            column = listing.columns[0]  # a disclosure home page: go to its 年报 column
            col.list_url = column.url
            self._push({"kind": "list", "url": column.url, "column": col.url, "first": True, "home": False})
            return
        col.read, col.error = True, None
        if listing.stated:
            col.stated = max(col.stated or 0, listing.stated)
        col.script_paged = col.script_paged or listing.script_paged
        for page in listing.pages:
            self._push({"kind": "list", "url": page, "column": col.url, "first": False, "home": False})
        for item in listing.items:
            self._listed(col.url, item, url)

    def _listed(self, column: str, item: Link, list_url: str) -> None:
        col = self.report.columns[column]
        if item.url in self.queued:  # a duplicate link, or listed by another column already
            return
        self.queued.add(item.url)
        col.found.append(item.url)
        verdict = classify(item.title)
        if not verdict.is_report:
            self.report.record(column, "skipped", f"《{item.title}》：{verdict.reason}")
            return
        entry = self.state.urls.get(item.url, {})
        same_listing = (entry.get("title"), entry.get("date")) == (item.title, item.date)
        if self.state.is_done(item.url) and same_listing and not self.options.revalidate:
            self.report.record(column, "unchanged")
            return
        self.queue.push({"kind": "item", "url": item.url, "column": column, "title": item.title,
                         "date": item.date, "list_url": list_url})

    # ---- items and attachments ------------------------------------------------------------

    def _item(self, task: dict) -> None:
        url, column = task["url"], task["column"]
        validators = self.state.urls[url].get("validators") if self.state.is_done(url) else None
        resp = self.fetcher.get(url, validators)
        label = _label(task)
        if resp.disallowed:
            self.report.record(column, "skipped", f"{label} {url}：robots.txt 不允许抓取")
            return
        entry = self.state.urls.setdefault(url, {})
        entry.update(kind=entry.get("kind") or task["kind"], column=column, title=task["title"], date=task.get("date"))
        if resp.not_modified:
            self.report.record(column, "unchanged")
            return
        if not resp.ok:
            entry["error"] = resp.error or f"HTTP {resp.status}"
            self.report.record(column, "failed", f"{label} {url}：{entry['error']}")
            return
        entry.pop("error", None)
        entry["validators"] = resp.validators()
        if task["kind"] == "item" and sniff(resp.content, url_suffix(url)) == "html":
            page = read_report_page(resp.content, resp.final_url)
            if page.attachments and not _is_report_page(resp):
                entry["sha256"] = hashlib.sha256(resp.content).hexdigest()
                self._attachments(task, entry, page)
                return
        self._save(task, resp)

    def _attachments(self, task: dict, entry: dict, page) -> None:
        """A report page that holds the report only as attachments: each attachment is the report."""
        entry.update(kind="page", attachments=[a.url for a in page.attachments])
        for a in page.attachments:
            if a.url in self.queued and not self.state.is_done(a.url):
                continue
            self.queued.add(a.url)
            if self.state.is_done(a.url) and not self.options.revalidate:
                self.report.record(task["column"], "unchanged")
                continue
            self.queue.push({"kind": "attachment", "url": a.url, "column": task["column"], "title": task["title"],
                             "date": task.get("date"), "list_url": task.get("list_url"), "link_text": a.title,
                             "page_url": task["url"], "page_title": page.title or task["title"],
                             "page_published": page.published, "page_publisher": page.publisher})

    def _save(self, task: dict, resp: Response) -> None:
        source = self._source(task["column"])
        folder = source.folder(agency_and_year(task["title"])[0])
        provenance = {"title": task["title"], "list_date": task.get("date"), "list_url": task.get("list_url"),
                      "column": task["column"], "agency": source.agency,
                      **{k: task.get(k) for k in ("page_url", "page_title", "page_published", "page_publisher",
                                                  "link_text")}}
        saved = self.store.save(resp, folder, provenance)
        label = _label(task)
        text = {"new": f"{label} → {saved.file}",
                "changed": f"{label}：新版本 {saved.file}，旧版本 {saved.previous} 保留",
                "twin": f"{label} {resp.url} 与 {saved.file} 字节相同（首见于 {saved.twin_of}），只存一份",
                "unchanged": ""}[saved.outcome]
        self.report.record(task["column"], saved.outcome, text)


def _label(task: dict) -> str:
    label = f"《{task['title']}》"
    return label + (f" 附件「{task.get('link_text') or url_suffix(task['url'])}」" if task["kind"] == "attachment" else "")


def _is_report_page(resp: Response) -> bool:
    """Whether the page itself holds a report's tables (then it is saved, its attachments are not)."""
    from site_builder.pipeline import holds_report

    return holds_report(resp.content, resp.url, ".html")


def _stored(listing: ListPage, resp: Response) -> dict:
    return {"validators": resp.validators(), "sha256": hashlib.sha256(resp.content).hexdigest(), "items": [[i.url, i.title, i.date] for i in listing.items],
            "pages": listing.pages, "stated": listing.stated, "per_page": listing.per_page,
            "script_paged": listing.script_paged, "columns": [[c.url, c.title] for c in listing.columns]}


def _listing(stored: dict) -> ListPage:
    return ListPage([Link(*i) for i in stored.get("items", [])], list(stored.get("pages", [])), stored.get("stated"),
                    stored.get("per_page"), bool(stored.get("script_paged")),
                    [Link(u, t) for u, t in stored.get("columns", [])])
