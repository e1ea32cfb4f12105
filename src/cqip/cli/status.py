"""`cqip status`: every target at a glance."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import WIDE, AsOfOption, DeptOption, Format, FormatOption, console, emit, load, print_footer


def status(ctx: typer.Context, format: FormatOption = Format.TABLE, as_of: AsOfOption = None,
           dept: DeptOption = None) -> None:
    """Every target of the plan as of today (or --as-of), grouped by plan section."""
    from cqip.evaluation import evaluate_all
    from cqip.records import to_record
    from cqip.views import by_section, summary_line

    dataset = load(ctx, dept)
    when = as_of or date.today()
    evaluations = evaluate_all(dataset, when)
    if format is Format.JSON:
        from cqip.render.json_out import dumps

        records = sorted((to_record(ev, when) for ev in evaluations), key=lambda r: r["target_id"])
        emit(dumps(records))
        return
    from cqip.render.table import notes, status_table

    out = console()
    title = f"{dataset.catalog.plan.id} — status as of {when.isoformat()}"
    out.print(status_table(by_section(evaluations, dataset.catalog), title, wide=out.width >= WIDE))
    print_footer(out, notes(evaluations), summary_line(evaluations))
