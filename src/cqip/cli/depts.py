"""`cqip depts`: per department, the work items it leads and shares and the targets it owns."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import LangOption, OutputOption, TableFormats, dated, load_all, output
from cqip.views.words import Lang


@dated
def depts(ctx: typer.Context, when: date, format: TableFormats = None,
          lang: LangOption = Lang.ZH, output_file: OutputOption = None) -> None:
    """One row per department: items led, items shared, items done, targets owned, off track, missed."""
    from cqip.verdicts.evaluation import evaluate_all
    from cqip.verdicts.scope import need_work, scoped
    from cqip.views import depts as view

    dataset, found = load_all(ctx)
    work = need_work(found)
    evaluations = evaluate_all(scoped(dataset, work), when)
    records = view.dept_records(work, evaluations, when)
    doc = view.document(records, view.unowned(evaluations), len(evaluations), view.title(work.book, when, lang), lang)
    output(format, [doc], records, output_file)
