"""`cqip gap`: how far behind each target is, as the data stood at the end of a year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cqip.cli.common import (DeptOption, FormatOption, Lang, LangOption, RegionOption, YearOption, load, show_targets,
                             year_end_or_today)

if TYPE_CHECKING:
    from rich.table import Table


def gap(
    ctx: typer.Context,
    year: YearOption = None,
    format: FormatOption = None,
    lang: LangOption = Lang.ZH,
    dept: DeptOption = None,
    region: RegionOption = None,
) -> None:
    """Targets sorted by how far behind the expected path they are, with the gaps to path and target."""
    from cqip.verdicts.evaluation import evaluate_all
    from cqip.render.labels import heading
    from cqip.render.blocks import gap_blocks
    from cqip.verdicts.regions import titled
    from cqip.views.ordering import worst_first

    dataset = load(ctx, dept, region)
    when = year_end_or_today(year)
    evaluations = worst_first(evaluate_all(dataset, when))
    title = heading(titled(dataset.catalog.plan.id, dataset.region), "gap_title", when.isoformat(), lang)

    def table(wide: bool) -> Table:  # rich's tables are imported only when a terminal shows one
        from cqip.render.table import gap_table

        return gap_table(evaluations, title, wide=wide, lang=lang)

    show_targets(format, evaluations, when, gap_blocks(evaluations, title, lang), lang, table)
