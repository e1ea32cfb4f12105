"""`cqip show`: one indicator in depth: names, definition, targets, every observation, charts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from cqip.cli.common import DocumentFormats, LangOption, RegionOption, dated, load, output
from cqip.views.words import Lang


@dated
def show(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR",
                                             help="An indicator id from targets.yaml, e.g. "
                                                  "invention_patents_per_10k.")],
    when: date,
    format: DocumentFormats = None,
    lang: LangOption = Lang.ZH,
    region: RegionOption = None,
) -> None:
    """Everything about one indicator: its targets and verdicts, its observations, and a chart per target."""
    from cqip.verdicts.scope import find_indicator
    from cqip.views import show as view

    dataset = load(ctx, region=region)
    found = find_indicator(dataset, indicator)
    shown = view.profile(dataset, found.id, when)
    output(format, [view.document(shown, lang)], view.to_data(shown))
