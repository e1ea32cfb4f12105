"""`cqip depts`: per department, the work items it leads and shares and the targets it owns."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import (WIDE, AsOfOption, Format, FormatOption, Lang, LangOption, console, emit, load_work, output_format,
                             print_footer)


def depts(ctx: typer.Context, format: FormatOption = None, as_of: AsOfOption = None, lang: LangOption = Lang.ZH) -> None:
    """One row per department: items led, items shared, items done, targets owned, off track, missed."""
    from cqip.views.duties import dept_records, unowned
    from cqip.verdicts.evaluation import evaluate_all
    from cqip.render.work_blocks import dept_notes, depts_blocks, depts_title, unowned_line

    dataset, work = load_work(ctx)
    when = as_of or date.today()
    evaluations = evaluate_all(dataset, when)
    records = dept_records(work, evaluations, when)
    orphans = unowned(evaluations)
    title = depts_title(work.book, when, lang)
    fmt = output_format(format)
    if fmt is not Format.TABLE:
        from cqip.views.duties import DEPT_FIELDS
        from cqip.render.formats import render

        emit(render(fmt, records, depts_blocks(records, orphans, len(evaluations), title, lang), DEPT_FIELDS))
        return
    from cqip.render.work_table import depts_table

    out = console()
    out.print(depts_table(records, title, wide=out.width >= WIDE, lang=lang))
    print_footer(out, list(dept_notes(records, lang)), unowned_line(orphans, len(evaluations), lang))
