"""`cqip compare`: every region on one target, best first."""

from __future__ import annotations

import typer

from cqip.cli.common import (
    AsOfOption,
    LangOption,
    OutputOption,
    TableFormats,
    TargetArgument,
    YearOption,
    as_of,
    load_all,
    output,
)
from cqip.views.words import Lang


def compare(ctx: typer.Context, target_id: TargetArgument, year: YearOption = None, as_of_day: AsOfOption = None,
            format: TableFormats = None, lang: LangOption = Lang.ZH, output_file: OutputOption = None) -> None:
    """Rank the regions that have data or a value of their own on one target: value, achievement, status."""
    from cqip.verdicts.regions import compare as rank
    from cqip.verdicts.scope import find_target
    from cqip.views import compare as view
    from cqip.views.records import compare_records
    from cqip.views.targets import title

    dataset, _ = load_all(ctx)
    target = find_target(dataset, target_id)
    when = as_of(as_of_day, year)
    ranked = rank(dataset, target, when)
    heading = f"{title(dataset.catalog.plan.id, 'title.compare', when.isoformat(), lang)} — {target.id}"
    output(format, [view.document(ranked, heading, lang)], compare_records(ranked, when), output_file)
