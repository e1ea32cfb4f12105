"""`cqip add`: append one sourced figure to the actuals, safely; the decision lives in `data.new_row`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from cqip.cli.common import cache, writable_data_dir


def _file_name(value: str | None) -> str | None:
    from cqip.store.datadir import entry_file_name

    if value is None:
        return None
    try:
        return entry_file_name(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def add(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR",
                                             help="Indicator id from targets.yaml, e.g. pct_applications.")],
    period: Annotated[str, typer.Argument(metavar="PERIOD", help="2019, 2019-11, 2019-11-30, 2019年 or 2019年11月.")],
    value: Annotated[str, typer.Argument(metavar="VALUE",
                                         help="The figure as published: 3500, 3,500, ３５００, 0.35 (with --unit "
                                              "万件).")],
    unit: Annotated[str, typer.Option("--unit",
                                      help="Unit of VALUE: the indicator's own or a scaled one (万件 for 件).")],
    source: Annotated[str, typer.Option("--source", help="URL or citation of the figure.")],
    note: Annotated[str, typer.Option("--note", help="Free text: scope, conversions, caveats.")] = "",
    file: Annotated[str | None, typer.Option(
        "--file", metavar="actuals/NAME.csv", parser=_file_name,
        help="File to append to (default: the file holding the indicator's latest figure, else "
             "actuals/INDICATOR.csv).")] = None,
    revise: Annotated[bool, typer.Option("--revise",
                                         help="Record a new value for a period that already has one.")] = False,
    scope: Annotated[str, typer.Option(
        "--scope", metavar="口径", help="Whose statistics the figure is (CNIPA, 市知识产权局, 市科技局 …).")] = "",
    bound: Annotated[bool, typer.Option(
        "--lower-bound", help="The figure is a lower bound as published (突破3.5万件, 6000余人).")] = False,
    region: Annotated[str | None, typer.Option(
        "--region", metavar="NAME", help="The region the figure is for, e.g. 渝中区 (default: 全市, the whole "
                                         "city).")] = None,
) -> None:
    """Append a row with recorded = today; an identical row is left alone, a different value needs --revise."""
    from cqip.data.control import printable
    from cqip.data.new_row import AlreadyRecorded
    from cqip.store.appender import add_row

    cells = {"indicator": indicator, "period": period, "value": value, "unit": unit, "source": source, "note": note,
             "region": region or "", "scope": scope, "bound": "min" if bound else ""}
    directory = writable_data_dir(ctx)
    outcome, path = add_row(directory, file, cells, date.today(), revise, cache(ctx, directory))
    if isinstance(outcome, AlreadyRecorded):
        typer.echo(printable(f"already recorded at {outcome.existing.where}; nothing written"))
        return
    revision = f" (revises {outcome.revises.where})" if outcome.revises else ""
    typer.echo(printable(f"added {outcome.observation.what} = {outcome.observation.value:g} "
                         f"{outcome.observation.unit} to {path}{revision}"))
