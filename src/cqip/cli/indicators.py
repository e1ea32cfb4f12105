"""`cqip indicators`: the ids, names, units and data of every indicator."""

from __future__ import annotations

import typer

from cqip.cli.common import LangOption, OutputOption, TableFormats, load_all, output
from cqip.views.words import Lang


def indicators(ctx: typer.Context, format: TableFormats = None, lang: LangOption = Lang.ZH,
               output_file: OutputOption = None) -> None:
    """Every indicator: id, Chinese and English name, unit, stock or flow, observations and the latest period."""
    from cqip.views import indicators as view
    from cqip.views.words import word

    dataset, _ = load_all(ctx)
    records = view.indicator_records(dataset)
    heading = f"{dataset.catalog.plan.id} — {word('title.indicators', lang)}"
    output(format, [view.document(records, heading, lang)], records, output_file)
