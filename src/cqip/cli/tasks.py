"""`cqip tasks`: the annex's work items with their latest reported status, grouped by area."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cqip.cli.common import (WIDE, AsOfOption, DeptOption, WorkFormat, WorkFormatOption, check_dept, console, emit, load_work,
                             print_footer, usage_fail)


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
    format: WorkFormatOption = WorkFormat.TABLE,
    as_of: AsOfOption = None,
) -> None:
    """Work items of the plan's annex with their latest status, date and evidence, and a count per status."""
    from cqip.duties import TaskFilter, task_records, task_summary
    from cqip.tasks import TaskStatus

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
    if format is WorkFormat.JSON:
        from cqip.render.json_out import dumps

        emit(dumps(records))
        return
    from cqip.render.work_table import tasks_table

    out = console()
    title = f"{work.book.plan.title_zh} — work items as of {when.isoformat()}" + (f", {dept}" if dept else "")
    out.print(tasks_table(records, title, wide=out.width >= WIDE))
    print_footer(out, [], task_summary(records))
