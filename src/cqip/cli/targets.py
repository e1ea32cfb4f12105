"""`cqip targets`: every target of the plan — id, kind, value, deadline, section, owners."""

from __future__ import annotations

import typer

from cqip.cli.common import LangOption, OutputOption, TableFormats, load_all, output
from cqip.views.words import Lang


def targets(ctx: typer.Context, format: TableFormats = None, lang: LangOption = Lang.ZH,
            output_file: OutputOption = None) -> None:
    """Every target by plan section: what it asks for, by when, and which departments own it."""
    from cqip.views import target_list as view
    from cqip.views.words import word

    dataset, _ = load_all(ctx)
    heading = f"{dataset.catalog.plan.id} — {word('title.targets', lang)}"
    records = view.target_records(dataset.catalog)
    output(format, [view.document(dataset.catalog, heading, lang)], records, output_file)
