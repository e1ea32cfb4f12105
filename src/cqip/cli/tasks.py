"""`cqip tasks`: the annex's work items with their latest reported status, grouped by area."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cqip.cli.common import (WIDE, AsOfOption, DeptOption, Format, FormatOption, Lang, LangOption, check_dept, console, emit,
                             load_work, output_format, print_footer, usage_fail)


class StatusChoice(StrEnum):
    """Option values: the statuses of task_status files plus `unknown` for items never reported."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    UNKNOWN = "unknown"


def tasks(
    ctx: typer.Context,
    area: Annotated[str | None, typer.Option("--area", metavar="一…六", help="Only the items of this area of the annex.")] = None,
    dept: DeptOption = None,
    status: Annotated[StatusChoice | None, typer.Option("--status", help="Only items whose latest report has this status.")] = None,
    lead_only: Annotated[bool, typer.Option("--lead-only", help="With --dept: only the items that department leads.")] = False,
    format: FormatOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.ZH,
) -> None:
    """Work items of the plan's annex with their latest status, date and evidence, and a count per status."""
    from cqip.views.duties import TaskFilter, task_records
    from cqip.render.work_blocks import task_notes, task_summary, tasks_blocks, tasks_title
    from cqip.data.tasks_file import TaskStatus

    if lead_only and dept is None:
        usage_fail("--lead-only needs --dept")
    _, work = load_work(ctx)
    if dept is not None:
        check_dept(work, dept)
    if area is not None and (message := work.book.unknown_area(area)):
        usage_fail(f"--area: {message}")
    when = as_of or date.today()
    keep = TaskFilter(area, dept, TaskStatus(status.value) if status else None, lead_only)
    records = task_records(work, when, keep)
    title = tasks_title(work.book, when, dept, lang)
    fmt = output_format(format)
    if fmt is not Format.TABLE:
        from cqip.views.duties import TASK_FIELDS
        from cqip.render.formats import render

        emit(render(fmt, records, tasks_blocks(records, work.book, title, lang), TASK_FIELDS))
        return
    from cqip.render.work_table import tasks_table

    out = console()
    out.print(tasks_table(records, work.book, title, wide=out.width >= WIDE, lang=lang))
    print_footer(out, list(task_notes(records, lang)), task_summary(records, lang))
