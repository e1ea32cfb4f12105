"""`cqip status`: every target at a glance, by plan section."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import (
    DeptOption,
    LangOption,
    OutputOption,
    RegionOption,
    TableFormats,
    dated,
    targets_command,
)
from cqip.views.words import Lang


@dated
def status(ctx: typer.Context, when: date, format: TableFormats = None, lang: LangOption = Lang.ZH,
           dept: DeptOption = None, region: RegionOption = None, output_file: OutputOption = None) -> None:
    """Every target of the plan as of today (or --as-of), grouped by plan section."""
    from cqip.views.status import document

    targets_command(ctx, document, "title.status", format, when, lang, dept, region,
                    output_file)
