"""`cqip tasks`: the annex's work items with their latest reported status, grouped by area."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cqip.cli.common import (
    DeptOption,
    LangOption,
    OutputOption,
    TableFormats,
    dated,
    load_all,
    output,
)
from cqip.views.words import Lang


class StatusChoice(StrEnum):
    """Option values: the statuses of task_status files plus `unknown` for items never reported."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    UNKNOWN = "unknown"


@dated
def tasks(
    ctx: typer.Context,
    when: date,
    area: Annotated[str | None, typer.Option("--area", metavar="一…六",
                                             help="Only the items of this area of the annex.")] = None,
    dept: DeptOption = None,
    status: Annotated[StatusChoice | None, typer.Option("--status",
                                                        help="Only items whose latest report has this status.")] = None,
    lead_only: Annotated[bool, typer.Option("--lead-only",
                                            help="With --dept: only the items that department leads.")] = False,
    format: TableFormats = None,
    lang: LangOption = Lang.ZH,
    output_file: OutputOption = None,
) -> None:
    """Work items of the plan's annex with their latest status, date and evidence, and a count per status."""
    from cqip.data.tasks_file import TaskStatus
    from cqip.verdicts.scope import check_task_filter, need_work
    from cqip.views import tasks as view

    _, loaded = load_all(ctx)
    work = need_work(loaded)
    found = check_task_filter(work, area=area, dept=dept, lead_only=lead_only)
    records = view.task_records(work, when, view.TaskFilter(area, found.names if found else None,
                                                          TaskStatus(status.value) if status else None, lead_only))
    heading = view.title(work.book, when, found, lang)
    output(format, [view.document(records, work.book, heading, lang)], records, output_file)
