"""`cqip compare`: every region on one target, best first."""

from __future__ import annotations

from typing import Annotated

import typer

from cqip.cli.common import (Format, FormatOption, Lang, LangOption, YearOption, console, emit, find_target, load_all,
                             output_format, year_end_or_today)


def compare(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID",
                                             help="A target id from targets.yaml, e.g. invention_patents_per_10k_2020.")],
    year: YearOption = None,
    format: FormatOption = None,
    lang: LangOption = Lang.ZH,
) -> None:
    """Rank the regions that have data or a value of their own on one target: value, achievement, status."""
    from cqip.verdicts.regions import compare as rank
    from cqip.render.labels import heading

    dataset, _ = load_all(ctx)
    target = find_target(dataset.catalog, target_id)
    when = year_end_or_today(year)
    ranked = rank(dataset, target, when)
    title = f"{heading(dataset.catalog.plan.id, 'compare_title', when.isoformat(), lang)} — {target.id}"
    fmt = output_format(format)
    if fmt is Format.TABLE:
        from cqip.render.table import compare_table

        console().print(compare_table(ranked, title, lang=lang))
        return
    from cqip.views.records import COMPARE_FIELDS, compare_records
    from cqip.render.blocks import compare_blocks
    from cqip.render.formats import render

    emit(render(fmt, compare_records(ranked, when), compare_blocks(ranked, title, lang), COMPARE_FIELDS))
