"""`cqip gap`: how far behind each target is, as the data stood at the end of a year."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from cqip.cli.common import WIDE, DeptOption, Format, FormatOption, console, emit, load, print_footer


def gap(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", "-y", min=1900, max=2200,
                                             help="Use only observations up to the end of this year (default: today).")] = None,
    format: FormatOption = Format.TABLE,
    dept: DeptOption = None,
) -> None:
    """Targets sorted by how far behind the expected path they are, with the gaps to path and target."""
    from cqip.evaluation import evaluate_all
    from cqip.records import to_record
    from cqip.views import summary_line, worst_first

    dataset = load(ctx, dept)
    when = date(year, 12, 31) if year is not None else date.today()
    evaluations = worst_first(evaluate_all(dataset, when))
    if format is Format.JSON:
        from cqip.render.json_out import dumps

        emit(dumps([to_record(ev, when) for ev in evaluations]))
        return
    from cqip.render.table import notes, gap_table

    out = console()
    title = f"{dataset.catalog.plan.id} — gaps as of {when.isoformat()}, worst first"
    out.print(gap_table(evaluations, title, wide=out.width >= WIDE))
    print_footer(out, notes(evaluations), summary_line(evaluations))
