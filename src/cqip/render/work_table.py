"""Rich tables for the work items (`cqip tasks`) and the departments (`cqip depts`)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from cqip.render.table import _column, _table
from cqip.duties import task_label
from cqip.tasks import TaskStatus

TASK_STATUS_STYLE = {
    TaskStatus.DONE: "green",
    TaskStatus.IN_PROGRESS: "yellow",
    TaskStatus.NOT_STARTED: "red",
    TaskStatus.DROPPED: "magenta",
    TaskStatus.UNKNOWN: "dim",
}


def _status(record: dict[str, Any]) -> Text:
    status = TaskStatus(record["status"])
    text = Text(task_label(status), style=TASK_STATUS_STYLE[status])
    if record["overdue"]:
        text.append(" overdue", style="bold red")
    return text


def tasks_table(records: list[dict[str, Any]], title: str, *, wide: bool) -> Table:
    """Items grouped by area (records come in annex order); `wide` adds the English measure."""
    table = _table(title)
    _column(table, "#", right=True, min_width=2)
    _column(table, "工作举措", max_width=30)
    if wide:
        _column(table, "measure", max_width=34)
    _column(table, "departments (lead first)", max_width=24 if wide else 16)
    _column(table, "status", min_width=12)
    _column(table, "date", min_width=7)
    _column(table, "evidence", max_width=30 if wide else 16)
    area = None
    for i, record in enumerate(records):
        if record["area"] != area:
            area = record["area"]
            table.add_row("", Text(f"{area}、{record['area_zh']}", style="bold cyan"),
                          *([Text(record["area_en"], style="bold cyan")] if wide else []))
        last = i == len(records) - 1 or records[i + 1]["area"] != area
        table.add_row(str(record["task"]), record["measure_zh"], *([record["measure_en"]] if wide else []),
                      record["departments"], _status(record), record["date"] or "", record["evidence"] or "",
                      end_section=last)
    return table


def depts_table(records: list[dict[str, Any]], title: str, *, wide: bool) -> Table:
    table = _table(title)
    _column(table, "department", max_width=24)
    if wide:
        _column(table, "in English", max_width=40)
    for header in ("led", "shared", "done", "targets", "off track", "missed"):
        _column(table, header, right=True)
    for record in records:
        table.add_row(
            record["department"], *([record["department_en"]] if wide else []),
            str(record["items_led"]), str(record["items_shared"]), str(record["items_done"]),
            str(record["targets_owned"]), _count(record["targets_off_track"]), _count(record["targets_missed"]),
        )
    return table


def _count(n: int) -> Text:
    return Text(str(n), style="red" if n else "")
