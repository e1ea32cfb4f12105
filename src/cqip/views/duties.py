"""Who owes what: work items with their latest report, and per department its items and targets.

Flat records (one dict per row, keys as in TASK_FIELDS / DEPT_FIELDS) are the one shape every
output format is built from, as `records` is for targets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cqip.verdicts.evaluation import Evaluation, Status
from cqip.data.models import Dataset
from cqip.data.task_status_file import Work
from cqip.data.tasks_file import Task, TaskStatus

# Documented in the README; keep the order stable.
TASK_FIELDS = (
    "task", "area", "area_zh", "area_en", "measure_zh", "measure_en", "lead", "departments", "status", "date",
    "evidence", "note", "overdue", "as_of",
)
DEPT_FIELDS = (
    "department", "department_en", "collective", "items_led", "items_shared", "items_done", "targets_owned",
    "targets_off_track", "targets_missed",
)
OPEN = {TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS}


@dataclass(frozen=True)
class TaskFilter:
    area: str | None = None
    dept: str | None = None
    status: TaskStatus | None = None
    lead_only: bool = False  # with `dept`: only the items it leads

    def keeps(self, task: Task, status: TaskStatus) -> bool:
        if self.area is not None and task.area != self.area:
            return False
        if self.dept is not None and self.dept not in (task.departments[:1] if self.lead_only else task.departments):
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
            "departments": "、".join(task.departments),
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


def dept_records(work: Work, evaluations: list[Evaluation], as_of: date) -> list[dict[str, Any]]:
    """One row per department in tasks.yaml order: items led and shared (named, not first), how many
    of those are done, and the targets it owns with how many are off track or missed."""
    latest = work.latest(as_of)
    records = []
    for name, dept in work.book.departments.items():
        named = [t for t in work.book.tasks.values() if name in t.departments]
        owned = [ev for ev in evaluations if name in ev.target.owners]
        records.append({
            "department": name,
            "department_en": dept.en,
            "collective": dept.collective,
            "items_led": sum(1 for t in named if t.lead == name),
            "items_shared": sum(1 for t in named if t.lead != name),
            "items_done": sum(1 for t in named if t.number in latest and latest[t.number].status is TaskStatus.DONE),
            "targets_owned": len(owned),
            "targets_off_track": sum(1 for ev in owned if ev.status is Status.OFF_TRACK),
            "targets_missed": sum(1 for ev in owned if ev.status is Status.MISSED),
        })
    return records


def unowned(evaluations: list[Evaluation]) -> list[str]:
    """Ids of the targets with no identifiable owner."""
    return [ev.target.id for ev in evaluations if not ev.target.owners]


def owned_by(dataset: Dataset, dept: str) -> Dataset:
    """The dataset reduced to the targets `dept` owns, so every target view can be asked per department."""
    targets = [t for t in dataset.catalog.targets if dept in t.owners]
    return replace(dataset, catalog=replace(dataset.catalog, targets=targets))
