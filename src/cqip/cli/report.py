"""`cqip report`: the weekly report for cron — what stands, what changed, what needs attention."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cqip.cli.common import (
    AsOfOption,
    DeptOption,
    LangOption,
    RegionOption,
    ReportFormats,
    YearOption,
    as_of,
    chosen,
    data_dir,
    load,
    output,
    parse_date,
)
from cqip.data.problems import ExitStatus, UsageError
from cqip.render.formats import Format
from cqip.views.words import Lang


class FailOn(StrEnum):
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


def report(
    ctx: typer.Context,
    as_of_day: AsOfOption = None,
    year: YearOption = None,
    since: Annotated[date | None, typer.Option(
        "--since", parser=parse_date, metavar="YYYY-MM-DD",
        help="Compare with the data as it stood on this day (default: 7 days before --as-of).")] = None,
    format: ReportFormats = None,
    output_file: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE atomically instead of stdout (an interrupted run leaves the old file intact).")] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit 1 when some target is at or below this status (off_track includes missed).")] = None,
    stale_months: Annotated[int, typer.Option(
        "--stale-months", min=1, max=1200, help="Indicators without an observation newer than this are stale.")] = 12,
    lang: LangOption = Lang.ZH,
    dept: DeptOption = None,
    region: RegionOption = None,
) -> None:
    """The report to mail every week: counts, changes since --since, targets needing attention, stale data."""
    from cqip.verdicts.evaluation import Status
    from cqip.verdicts.scope import check_since
    from cqip.views import report as view
    from cqip.views.records import FIELDS, sorted_records

    when = as_of(as_of_day, year)
    before = since or when - timedelta(days=7)
    check_since(before, when)
    fmt = chosen(format) if output_file is None else Format(format or Format.TEXT)
    if output_file is not None:
        from cqip.store.output import check_output

        check_output(output_file)
    if fmt is Format.HTML:
        _need_matplotlib()
    dataset = load(ctx, dept, region)
    built = view.build_report(dataset, str(data_dir(ctx)), when, before, stale_months)
    documents = view.page(built, dataset.catalog, lang) if fmt is Format.HTML else (view.document(built, lang),)
    data = view.report_record(built) if fmt is Format.JSON else sorted_records(built.evaluations, when)
    output(fmt.value, documents, data, FIELDS, output_file)
    if fail_on is not None and view.fails(built.evaluations, Status(fail_on.value)):
        raise typer.Exit(ExitStatus.FAILING)


def _need_matplotlib() -> None:
    """The charts need the optional extra; say how to get it before any work is done."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError("--format html needs matplotlib: pip install 'cqip[html]'") from None
