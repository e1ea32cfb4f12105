"""What `tasks` and `depts` say as text and Markdown blocks, and the lines under their rich tables.

Built from the flat records of `duties`, so every format shows the same rows; the TaskBook is only
needed for the departments' English names.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from cqip.views.duties import status_counts
from cqip.render.blocks import Block, footer
from cqip.render.labels import (OVERDUE, WORDS, area_title, department, heading, measure, task_departments,
                                task_status_word)
from cqip.data.tasks_file import TaskBook, TaskStatus

Record = dict[str, Any]
# The count columns of `depts`, in the order every table shows them (DEPT_FIELDS without the names).
DEPT_COUNTS = ("items_led", "items_shared", "items_done", "targets_owned", "targets_off_track", "targets_missed")


def tasks_title(book: TaskBook, as_of: date, dept: str | None, lang: str) -> str:
    """`重庆市…工作计划 — 工作任务进展 截至 2019-06-30，市工商局`."""
    title = _heading(book, "tasks_title", as_of, lang)
    if dept is None:
        return title
    return f"{title}，{dept}" if lang == "zh" else f"{title}, {book.departments[dept].en}"


def depts_title(book: TaskBook, as_of: date, lang: str) -> str:
    return _heading(book, "depts_title", as_of, lang)


def _heading(book: TaskBook, what: str, as_of: date, lang: str) -> str:
    return heading(book.plan.title_zh if lang == "zh" else book.plan.title_en, what, as_of.isoformat(), lang)


def task_status(record: Record, lang: str) -> str:
    """`进行中（逾期）` / `in progress (overdue)`: the latest status, marked when past the due date."""
    word = task_status_word(TaskStatus(record["status"]), lang)
    return word + overdue_mark(lang) if record["overdue"] else word


def overdue_mark(lang: str) -> str:
    return f"（{OVERDUE[lang]}）" if lang == "zh" else f" ({OVERDUE[lang]})"


def tasks_blocks(records: list[Record], book: TaskBook, title: str, lang: str) -> list[Block]:
    """One block per area (records come in annex order), then the notes and the count per status."""
    w = WORDS[lang]
    header = (w["item"], w["measure"], w["departments"], w["task_status"], w["date"], w["evidence"])
    blocks = [Block(title)]
    for _, group in groupby(records, key=lambda r: r["area"]):
        rows = list(group)
        blocks.append(Block(
            area_title(rows[0], lang), header=header,
            rows=tuple((str(r["task"]), measure(r, lang), task_departments(book, r["task"], lang),
                        task_status(r, lang), r["date"] or "", r["evidence"] or "") for r in rows),
            right=frozenset({0}), shrink=(2, 5, 1),
        ))
    return [*blocks, *footer(task_notes(records, lang), task_summary(records, lang), lang)]


def depts_blocks(records: list[Record], orphans: list[str], targets: int, title: str, lang: str) -> list[Block]:
    """One table of departments; `orphans` are the ids of the targets (of `targets`) nobody owns."""
    w = WORDS[lang]
    header = (w["department"], w["led"], w["shared"], w["done"], w["owned"], w["off_track"], w["missed"])
    table = Block(title, header=header, rows=tuple((department(r, lang), *(str(r[key]) for key in DEPT_COUNTS))
                                                   for r in records),
                  right=frozenset(range(1, len(header))), shrink=(0,))
    return [table, *footer(dept_notes(records, lang), unowned_line(orphans, targets, lang), lang)]


def task_notes(records: list[Record], lang: str) -> tuple[str, ...]:
    """The notes of the latest reports, which no table column holds."""
    label = "第{}项：{}" if lang == "zh" else "item {}: {}"
    return tuple(label.format(r["task"], r["note"]) for r in records if r["note"])


def task_summary(records: list[Record], lang: str) -> str:
    """One line, the count per status and of overdue items (the date is in the title)."""
    counts = status_counts(records).items()
    overdue = sum(1 for r in records if r["overdue"])
    if lang == "zh":
        parts = "，".join(f"{task_status_word(s, lang)}{n}" for s, n in counts)
        return f"共{len(records)}项：{parts}；{OVERDUE[lang]}{overdue}"
    parts = ", ".join(f"{n} {task_status_word(s, lang)}" for s, n in counts)
    return f"{len(records)} items: {parts}; {overdue} {OVERDUE[lang]}"


def dept_notes(records: list[Record], lang: str) -> tuple[str, ...]:
    """Collectives (item 22's leading group) are one row: say that their members are not known."""
    text = "{}：集体责任单位，方案未列出其成员" if lang == "zh" else "{}: a collective; the plan does not list its members"
    return tuple(text.format(department(r, lang)) for r in records if r["collective"])


def unowned_line(orphans: list[str], targets: int, lang: str) -> str:
    ids = ", ".join(orphans)
    if lang == "zh":
        return f"共{targets}个目标中{len(orphans)}个无明确责任部门" + (f"：{ids}" if orphans else "")
    return f"{len(orphans)} of {targets} targets have no identifiable owner" + (f": {ids}" if orphans else "")
