"""`cqip gap`: how far behind each target is, as the data stood at the end of a year."""

from __future__ import annotations

import typer

from cqip.cli.common import (WIDE, DeptOption, Format, FormatOption, Lang, LangOption, RegionOption, YearOption, console, emit,
                             load, output_format, print_footer, year_end_or_today)


def gap(
    ctx: typer.Context,
    year: YearOption = None,
    format: FormatOption = None,
    lang: LangOption = Lang.ZH,
    dept: DeptOption = None,
    region: RegionOption = None,
) -> None:
    """Targets sorted by how far behind the expected path they are, with the gaps to path and target."""
    from cqip.evaluation import evaluate_all
    from cqip.render.labels import heading
    from cqip.render.blocks import gap_blocks, notes, summary
    from cqip.regions import titled
    from cqip.views import worst_first

    dataset = load(ctx, dept, region)
    when = year_end_or_today(year)
    evaluations = worst_first(evaluate_all(dataset, when))
    title = heading(titled(dataset.catalog.plan.id, dataset.region), "gap_title", when.isoformat(), lang)
    fmt = output_format(format)
    if fmt is not Format.TABLE:
        from cqip.render.formats import render_targets

        emit(render_targets(fmt, evaluations, when, gap_blocks(evaluations, title, lang)))
        return
    from cqip.render.table import gap_table

    out = console()
    out.print(gap_table(evaluations, title, wide=out.width >= WIDE, lang=lang))
    print_footer(out, list(notes(evaluations, lang)), summary(evaluations, lang))
