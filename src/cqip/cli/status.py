"""`cqip status`: every target at a glance, by plan section."""

from __future__ import annotations

import typer

from cqip.cli.common import (
    AsOfOption,
    DeptOption,
    LangOption,
    OutputOption,
    RegionOption,
    TableFormats,
    YearOption,
    targets_command,
)
from cqip.views.words import Lang


def status(ctx: typer.Context, format: TableFormats = None, as_of_day: AsOfOption = None, year: YearOption = None,
           lang: LangOption = Lang.ZH, dept: DeptOption = None, region: RegionOption = None,
           output_file: OutputOption = None) -> None:
    """Every target of the plan as of today (or --as-of), grouped by plan section."""
    from cqip.views.status import document

    targets_command(ctx, document, "title.status", format, as_of_day, year, lang, dept, region,
                    output_file)
