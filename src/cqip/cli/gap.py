"""`cqip gap`: how far behind each target is, as the data stood at the end of a year."""

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


def gap(ctx: typer.Context, year: YearOption = None, as_of_day: AsOfOption = None, format: TableFormats = None,
        lang: LangOption = Lang.ZH, dept: DeptOption = None, region: RegionOption = None,
        output_file: OutputOption = None) -> None:
    """Targets sorted by how far behind the expected path they are, with the gaps to path and target."""
    from cqip.views.gap import document

    targets_command(ctx, document, "title.gap", format, as_of_day, year, lang, dept, region,
                    output_file)
