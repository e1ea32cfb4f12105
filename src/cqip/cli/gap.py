"""`cqip gap`: how far behind each target is, as the data stood at the end of a year."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli import common
from cqip.views.words import Lang


@common.dated
def gap(ctx: typer.Context, when: date, format: common.TableFormats = None, lang: common.LangOption = Lang.ZH,
        dept: common.DeptOption = None, region: common.RegionOption = None,
        output_file: common.OutputOption = None) -> None:
    """Targets sorted by how far behind the expected path they are, with the gaps to path and target."""
    from cqip.views.gap import document

    common.targets_command(ctx, document, "title.gap", format, when, lang, dept, region, output_file)
