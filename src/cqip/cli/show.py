"""`cqip show`: one indicator in depth: names, definition, targets, every observation, charts."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from cqip.cli.common import AsOfOption, Lang, LangOption, RegionOption, console, emit, load, unknown


class ShowFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def show(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR",
                                             help="An indicator id from targets.yaml, e.g. invention_patents_per_10k.")],
    as_of: AsOfOption = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="table for people, json for machines.")] = ShowFormat.TABLE,
    lang: LangOption = Lang.ZH,
    region: RegionOption = None,
) -> None:
    """Everything about one indicator: its targets and verdicts, its observations, and a chart per target."""
    from cqip.views.show import profile, to_data

    dataset = load(ctx, region=region)
    if indicator not in dataset.catalog.indicators:
        unknown("indicator", indicator, dataset.catalog.indicators)
    shown = profile(dataset, indicator, as_of or date.today())
    if format is ShowFormat.JSON:
        from cqip.render.json_out import dumps

        emit(dumps(to_data(shown)))
        return
    from cqip.render.show_text import render_profile

    out = console()
    out.print(render_profile(shown, out.width, lang))
