"""`cqip report`: the weekly report for cron — what stands, what changed, what needs attention."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cqip.cli.common import (EXIT_INVALID, AsOfOption, DeptOption, Lang, LangOption, RegionOption, ReportFormat, data_dir, emit,
                             load, parse_date, usage_fail)

EXIT_FAILING = 1


class FailOn(StrEnum):
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


def report(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    since: Annotated[date | None, typer.Option(
        "--since", parser=parse_date, metavar="YYYY-MM-DD",
        help="Compare with the data as it stood on this day (default: 7 days before --as-of).")] = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="text, markdown, json, csv or html (needs the html extra).")] = ReportFormat.TEXT,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
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
    from cqip.views.report import build_report, fails

    when = as_of or date.today()
    before = since or when - timedelta(days=7)
    if before > when:
        raise typer.BadParameter(f"{before} is after --as-of {when}", param_hint="--since")
    if format is ReportFormat.HTML:
        _need_matplotlib()
    dataset = load(ctx, dept, region)
    built = build_report(dataset, str(data_dir(ctx)), when, before, stale_months)
    if format is ReportFormat.HTML:
        from cqip.render.html_report import render
        from cqip.views.ordering import by_section

        text = render(built, by_section(built.evaluations, dataset.catalog), lang)
    elif format is ReportFormat.JSON:
        from cqip.views.records import report_record
        from cqip.render.json_out import dumps

        text = dumps(report_record(built))
    else:
        from cqip.render.blocks import report_blocks
        from cqip.render.formats import render_targets

        text = render_targets(format, built.evaluations, when, report_blocks(built, lang))
    if output is None:
        emit(text)
    else:
        _write(output, text)
    if fail_on is not None and fails(built.evaluations, Status(fail_on.value)):
        raise typer.Exit(EXIT_FAILING)


def _need_matplotlib() -> None:
    """The charts need the optional extra; say how to get it before any work is done."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        usage_fail("--format html needs matplotlib: pip install 'cqip[html]'")


def _write(path: Path, text: str) -> None:
    from cqip.store.output import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        typer.echo(f"cqip: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
