"""`cqip tasks`: the annex's work items with their latest report, grouped by area.

Flat records (one dict per item, keys as in TASK_FIELDS) are the machine shape; the document is
built from the same records, so every format shows the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from cqip.data.task_status_file import Work
from cqip.data.tasks_file import Task, TaskBook, TaskStatus
from cqip.verdicts.scope import Dept
from cqip.views.document import Block, Document, Table, cell
from cqip.views.targets import column, footer, with_dept
from cqip.views.words import word

Record = dict[str, Any]
# Documented in the README; keep the order stable.
TASK_FIELDS = (
    "task", "area", "area_zh", "area_en", "measure_zh", "measure_en", "lead", "departments", "status", "date",
    "evidence", "note", "overdue", "as_of",
)
OPEN = {TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS}
@dataclass(frozen=True)
class TaskFilter:
    area: str | None = None
    dept: frozenset[str] | None = None  # the plan's names of the department asked for (see `scope.Dept`)
    status: TaskStatus | None = None
    lead_only: bool = False  # with `dept`: only the items it leads

    def keeps(self, task: Task, status: TaskStatus) -> bool:
        if self.area is not None and task.area != self.area:
            return False
        if self.dept is not None and not self.dept & set(task.departments[:1] if self.lead_only else task.departments):
            return False
        return self.status is None or status is self.status


def task_records(work: Work, as_of: date, keep: TaskFilter = TaskFilter()) -> list[dict[str, Any]]:
    """Items in annex order with their latest report as of `as_of`; `overdue` = past the plan's due
    date while the latest report still says not started or in progress (unreported items are not
    called overdue: nothing is known about them)."""
    book, latest = work.book, work.latest(as_of)
    records = []
    for number, task in book.tasks.items():
        report = latest.get(number)
        status = report.status if report else TaskStatus.UNKNOWN
        if not keep.keeps(task, status):
            continue
        area = book.areas[task.area]
        records.append({
            "task": number,
            "area": task.area,
            "area_zh": area.zh,
            "area_en": area.en,
            "measure_zh": task.zh,
            "measure_en": task.en,
            "lead": task.lead,
            "departments": list(task.departments),
            "status": status.value,
            "date": str(report.period) if report else None,
            "evidence": report.evidence if report else None,
            "note": report.note if report else None,
            "overdue": as_of > book.plan.due and status in OPEN,
            "as_of": as_of.isoformat(),
        })
    return records


def status_counts(records: list[dict[str, Any]]) -> dict[TaskStatus, int]:
    counts = Counter(record["status"] for record in records)
    return {status: counts.get(status.value, 0) for status in TaskStatus}


def task_status_word(status: TaskStatus, lang: str) -> str:
    return word(f"task.{status.value}", lang)


def plan_title(book: TaskBook, what: str, as_of: date, lang: str) -> str:
    """`重庆市…工作计划 — 工作任务进展 截至 2019-06-30`."""
    subject = book.plan.title_zh if lang == "zh" else book.plan.title_en
    return f"{subject} — {word('title.as_of', lang, what=word(what, lang), day=as_of.isoformat())}"


def title(book: TaskBook, as_of: date, dept: Dept | None, lang: str) -> str:
    """`… 截至 2019-06-30，市工商局（现市市场监管局）`: the department, when the items are one department's."""
    return with_dept(plan_title(book, "title.tasks", as_of, lang), dept, lang)


def area_title(record: Record, lang: str) -> str:
    """`四、切实加大知识产权保护力度` or `Area 四: Substantially strengthen IP protection`."""
    return f"{record['area']}、{record['area_zh']}" if lang == "zh" else f"Area {record['area']}: {record['area_en']}"


def departments_text(book: TaskBook, number: int, lang: str) -> str:
    """An item's departments, lead first: joined with 、 as in the plan, or their English names."""
    names = book.tasks[number].departments
    return "、".join(names) if lang == "zh" else "; ".join(book.departments[name].en for name in names)


def status_text(record: Record, lang: str) -> str:
    """`进行中（逾期）` / `in progress (overdue)`: the latest status, marked when past the due date."""
    text = task_status_word(TaskStatus(record["status"]), lang)
    if not record["overdue"]:
        return text
    overdue = word("task.overdue", lang)
    return f"{text}（{overdue}）" if lang == "zh" else f"{text} ({overdue})"


def document(records: list[Record], book: TaskBook, title: str, lang: str) -> Document:
    """One block per area (records come in annex order), then the notes and the count per status."""
    columns = (column("item", lang, numeric=True), column("measure", lang), column("departments", lang, drop=2),
               column("task_status", lang), column("date", lang, drop=1), column("evidence", lang, drop=3),
               column("note", lang, sheet_only=True))
    blocks = []
    for _, group in groupby(records, key=lambda r: r["area"]):
        rows = list(group)
        blocks.append(Block(area_title(rows[0], lang), level=3, table=Table(columns, tuple(
            (cell(str(r["task"]), value=r["task"]), cell(r[f"measure_{lang}"]),
             cell(departments_text(book, r["task"], lang)),
             cell(status_text(r, lang), "overdue" if r["overdue"] else f"task.{r['status']}", r["status"]),
             cell(r["date"] or ""), cell(r["evidence"] or "", link=_link(r["evidence"])), cell(r["note"] or ""))
            for r in rows))))
    return Document(title, (*blocks, *footer(notes(records, lang), summary(records, lang), lang)), lang,
                    name=word("title.tasks", lang), group=word("col.area", lang))


def _link(text: str | None) -> str | None:
    return text if text and text.startswith(("http://", "https://")) else None


def notes(records: list[Record], lang: str) -> tuple[str, ...]:
    """The notes of the latest reports, which no table column holds."""
    return tuple(word("line.task_note", lang, item=r["task"], note=r["note"]) for r in records if r["note"])


def summary(records: list[Record], lang: str) -> str:
    """One line, the count per status and of overdue items (the date is in the title)."""
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(word("line.count", lang, word=task_status_word(s, lang), n=n)
                      for s, n in status_counts(records).items())
    overdue = sum(1 for r in records if r["overdue"])
    return word("line.tasks_summary", lang, n=len(records), counts=counts, overdue=overdue)
