"""`cqip status`: every target at a glance."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import (WIDE, DeptOption, AsOfOption, Format, FormatOption, Lang, LangOption, RegionOption, console, emit, load,
                             output_format, print_footer)


def status(ctx: typer.Context, format: FormatOption = None, as_of: AsOfOption = None,
           lang: LangOption = Lang.ZH, dept: DeptOption = None, region: RegionOption = None) -> None:
    """Every target of the plan as of today (or --as-of), grouped by plan section."""
    from cqip.evaluation import evaluate_all
    from cqip.render.labels import heading
    from cqip.render.blocks import notes, status_blocks, summary
    from cqip.regions import titled
    from cqip.views import by_section

    dataset = load(ctx, dept, region)
    when = as_of or date.today()
    groups = by_section(evaluate_all(dataset, when), dataset.catalog)
    evaluations = [ev for _, rows in groups for ev in rows]
    title = heading(titled(dataset.catalog.plan.id, dataset.region), "status_title", when.isoformat(), lang)
    fmt = output_format(format)
    if fmt is not Format.TABLE:
        from cqip.render.formats import render_targets

        emit(render_targets(fmt, evaluations, when, status_blocks(groups, title, lang)))
        return
    from cqip.render.table import status_table

    out = console()
    out.print(status_table(groups, title, wide=out.width >= WIDE, lang=lang))
    print_footer(out, list(notes(evaluations, lang)), summary(evaluations, lang))
