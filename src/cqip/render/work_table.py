"""Rich tables for the work items (`cqip tasks`) and the departments (`cqip depts`)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from cqip.render.labels import WORDS, area_title, department, measure, task_departments, task_status_word
from cqip.render.table import _column, _table
from cqip.render.work_blocks import DEPT_COUNTS, overdue_mark
from cqip.data.tasks_file import TaskBook, TaskStatus

TASK_STATUS_STYLE = {
    TaskStatus.DONE: "green",
    TaskStatus.IN_PROGRESS: "yellow",
    TaskStatus.NOT_STARTED: "red",
    TaskStatus.DROPPED: "magenta",
    TaskStatus.UNKNOWN: "dim",
}


def _status(record: dict[str, Any], lang: str) -> Text:
    status = TaskStatus(record["status"])
    text = Text(task_status_word(status, lang), style=TASK_STATUS_STYLE[status])
    if record["overdue"]:
        text.append(overdue_mark(lang), style="bold red")
    return text


def tasks_table(records: list[dict[str, Any]], book: TaskBook, title: str, *, wide: bool, lang: str) -> Table:
    """Items grouped by area (records come in annex order); `wide` adds the measure in the other language."""
    w, other = WORDS[lang], "en" if lang == "zh" else "zh"
    table = _table(title)
    _column(table, w["item"], right=True, min_width=2)
    _column(table, w["measure"], max_width=30)
    if wide:
        _column(table, WORDS[other]["measure"], max_width=34)
    _column(table, w["departments"], max_width=24 if wide else 16)
    _column(table, w["task_status"], min_width=12)
    _column(table, w["date"], min_width=7)
    _column(table, w["evidence"], max_width=30 if wide else 16)
    area = None
    for i, record in enumerate(records):
        if record["area"] != area:
            area = record["area"]
            table.add_row("", Text(area_title(record, lang), style="bold cyan"),
                          *([Text(area_title(record, other), style="bold cyan")] if wide else []))
        last = i == len(records) - 1 or records[i + 1]["area"] != area
        table.add_row(str(record["task"]), measure(record, lang), *([measure(record, other)] if wide else []),
                      task_departments(book, record["task"], lang), _status(record, lang), record["date"] or "",
                      record["evidence"] or "", end_section=last)
    return table


def depts_table(records: list[dict[str, Any]], title: str, *, wide: bool, lang: str) -> Table:
    """`wide` adds the department's name in the other language."""
    other = "en" if lang == "zh" else "zh"
    table = _table(title)
    _column(table, WORDS[lang]["department"], max_width=24)
    if wide:
        _column(table, WORDS[other]["department"], max_width=40)
    for key in ("led", "shared", "done", "owned", "off_track", "missed"):
        _column(table, WORDS[lang][key], right=True)
    for record in records:
        counts = [record[key] for key in DEPT_COUNTS]
        table.add_row(department(record, lang), *([department(record, other)] if wide else []),
                      *(str(n) for n in counts[:4]), *(_count(n) for n in counts[4:]))
    return table


def _count(n: int) -> Text:
    return Text(str(n), style="red" if n else "")
