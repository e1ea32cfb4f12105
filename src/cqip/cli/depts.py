"""`cqip depts`: per department, the work items it leads and shares and the targets it owns."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import WIDE, AsOfOption, WorkFormat, WorkFormatOption, console, emit, load_work, print_footer


def depts(ctx: typer.Context, format: WorkFormatOption = WorkFormat.TABLE, as_of: AsOfOption = None) -> None:
    """One row per department: items led, items shared, items done, targets owned, off track, missed."""
    from cqip.duties import dept_records, unowned
    from cqip.evaluation import evaluate_all

    dataset, work = load_work(ctx)
    when = as_of or date.today()
    evaluations = evaluate_all(dataset, when)
    records = dept_records(work, evaluations, when)
    if format is WorkFormat.JSON:
        from cqip.render.json_out import dumps

        emit(dumps(records))
        return
    from cqip.render.work_table import depts_table

    out = console()
    out.print(depts_table(records, f"Departments as of {when.isoformat()}", wide=out.width >= WIDE))
    orphans = unowned(evaluations)
    notes = [f"{r['department']}: a collective; the plan does not list its members" for r in records if r["collective"]]
    print_footer(out, notes, f"{len(orphans)} of {len(evaluations)} targets have no identifiable owner: {', '.join(orphans)}")
