"""`cqip report`: the weekly report for cron — what stands, what changed, what needs attention."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from cqip.cli.common import (
    DeptOption,
    LangOption,
    OutputOption,
    RegionOption,
    ReportFormats,
    chosen,
    data_dir,
    dated,
    load_for,
    output,
    parse_date,
)
from cqip.data.problems import ExitStatus
from cqip.render.formats import Format
from cqip.views.words import Lang

if TYPE_CHECKING:
    from cqip.views.document import Document


class FailOn(StrEnum):
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


@dated
def report(
    ctx: typer.Context,
    when: date,
    since: Annotated[date | None, typer.Option(
        "--since", parser=parse_date, metavar="YYYY-MM-DD",
        help="Compare with the data as it stood on this day (default: 7 days before --as-of).")] = None,
    format: ReportFormats = None,
    output_file: OutputOption = None,
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
    before = since or when - timedelta(days=7)
    check_since(before, when)
    fmt = chosen(format) if output_file is None else Format(format or Format.TEXT)
    dataset, found, work = load_for(ctx, dept, region)
    built = view.build_report(dataset, str(data_dir(ctx)), when, before, stale_months, found)
    documents: tuple[Document, ...] = (view.document(built, lang),)
    if fmt is Format.HTML:
        departments = {d.name: d.en for d in work.book.departments.values()} if work else {}
        documents = view.page(built, dataset.catalog, lang, departments)
    elif fmt in (Format.CSV, Format.XLSX):  # a spreadsheet lists every target; a workbook also has the report's tables
        targets = view.targets_document(built, dataset.catalog, lang)
        documents = (*documents, targets) if fmt is Format.XLSX else (targets,)
    output(fmt.value, documents, view.report_record(built) if fmt is Format.JSON else None, output_file)
    if fail_on is not None and view.fails(built.evaluations, Status(fail_on.value)):
        raise typer.Exit(ExitStatus.FAILING)

