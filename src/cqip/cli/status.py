"""`cqip status`: every target at a glance."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from cqip.cli.common import AsOfOption, DeptOption, FormatOption, Lang, LangOption, RegionOption, load, show_targets

if TYPE_CHECKING:
    from rich.table import Table


def status(ctx: typer.Context, format: FormatOption = None, as_of: AsOfOption = None,
           lang: LangOption = Lang.ZH, dept: DeptOption = None, region: RegionOption = None) -> None:
    """Every target of the plan as of today (or --as-of), grouped by plan section."""
    from cqip.verdicts.evaluation import evaluate_all
    from cqip.render.labels import heading
    from cqip.render.blocks import status_blocks
    from cqip.verdicts.regions import titled
    from cqip.views.ordering import by_section

    dataset = load(ctx, dept, region)
    when = as_of or date.today()
    groups = by_section(evaluate_all(dataset, when), dataset.catalog)
    evaluations = [ev for _, rows in groups for ev in rows]
    title = heading(titled(dataset.catalog.plan.id, dataset.region), "status_title", when.isoformat(), lang)

    def table(wide: bool) -> Table:  # rich's tables are imported only when a terminal shows one
        from cqip.render.table import status_table

        return status_table(groups, title, wide=wide, lang=lang)

    show_targets(format, evaluations, when, status_blocks(groups, title, lang), lang, table)
