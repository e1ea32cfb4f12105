"""task_status/*.csv → dated progress reports on the work items; the latest report per item wins.

The files are a log: an item moves from not_started to in_progress to done over several rows.
Two rows for the same item and date are a mistake unless their `recorded` dates differ, in which
case the newer one is a correction and replaces the other: the rule of `revisions`, as for actuals.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from cqip.data.periods import Period, PeriodError
from cqip.data.problems import Problem
from cqip.data.revisions import keep_latest
from cqip.data.tasks_file import TaskBook, TaskStatus

if TYPE_CHECKING:
    from cqip.data.csv_reader import Row

REQUIRED_COLUMNS = ("task", "date", "status", "evidence")
OPTIONAL_COLUMNS = ("note", "recorded")
REPORTABLE = [s for s in TaskStatus if s is not TaskStatus.UNKNOWN]


class StatusReport(NamedTuple):
    task: int
    period: Period  # `date` column: YYYY, YYYY-MM or YYYY-MM-DD; a report holds as of its end
    status: TaskStatus
    evidence: str
    note: str
    file: str
    line: int
    recorded: date | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class Work(NamedTuple):
    """The work items and every checked progress report on them."""

    book: TaskBook
    reports: tuple[StatusReport, ...] = ()

    def latest(self, as_of: date) -> dict[int, StatusReport]:
        """Per item, the newest report dated on or before `as_of` (items never reported are absent)."""
        latest: dict[int, StatusReport] = {}
        for report in sorted(self.reports, key=lambda r: r.period.end):
            if report.period.end <= as_of:
                latest[report.task] = report
        return latest


def parse_task_status(text: str, filename: str, book: TaskBook) -> tuple[list[StatusReport], list[Problem]]:
    from cqip.data.csv_reader import parse_rows  # a file the cache holds is never parsed

    return parse_rows(text, filename, REQUIRED_COLUMNS, lambda row: _report(row, book), optional=OPTIONAL_COLUMNS)


def check_duplicates(reports: Iterable[StatusReport]) -> tuple[list[StatusReport], list[Problem]]:
    """One report per item and day, by the rule of `revisions.keep_latest`."""
    return keep_latest(reports, lambda r: (r.task, r.period.end), _clash, lambda r, other: r.status is other.status)


def _clash(report: StatusReport, other: StatusReport) -> Problem:
    same = "duplicate of" if report.status is other.status else f"{report.status} conflicts with {other.status} at"
    return Problem(report.file, report.line, "date", f"{same} {other.where} (item {report.task}, {report.period})")


def _report(row: Row, book: TaskBook) -> StatusReport | None:
    cell, bad = row.cell, row.bad
    task = None
    try:
        task = int(cell["task"])
    except ValueError:
        bad("task", f"{cell['task']!r} is not an item number")
    if task is not None and task not in book.tasks:
        bad("task", f"no item {task}; the annex numbers 1–{max(book.tasks, default=0)}")
    period = None
    try:
        period = Period.parse(cell["date"])
    except PeriodError as exc:
        bad("date", str(exc))
    status = {s.value: s for s in REPORTABLE}.get(cell["status"])
    if status is None:
        bad("status", f"{cell['status']!r} is not one of {', '.join(REPORTABLE)}")
    if not cell["evidence"] and status is not TaskStatus.NOT_STARTED:
        bad("evidence", "empty; every report of progress needs a URL or citation")
    recorded = row.optional_date("recorded")
    if row.problems or task is None or period is None or status is None:
        return None
    return StatusReport(task, period, status, cell["evidence"], cell.get("note", ""), row.filename, row.line, recorded)
