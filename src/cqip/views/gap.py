"""`cqip gap`: targets worst first — how far behind the path, and the gaps to path and target."""

from __future__ import annotations

from cqip.data.models import Catalog
from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.ordering import worst_first
from cqip.views.document import Block, Cell, Document, Table, cell
from cqip.views.targets import (
    DROP,
    actual_text,
    column,
    number_cell,
    period_cell,
    since_cell,
    source_cell,
    status_cell,
    target_footer,
    unit_cell,
)
from cqip.views.targets import name as indicator_name
from cqip.views.words import word


def gap_block(title: str, evaluations: list[Evaluation], lang: str) -> Block:
    """`evaluations` in `ordering.worst_first` order; also the report's "needing attention"."""
    columns = (column("target", lang), column("name", lang, under="target"), column("status", lang),
               column("behind", lang, numeric=True, drop=DROP["behind"]), column("actual", lang, numeric=True),
               column("unit", lang, under="actual"), column("expected", lang, numeric=True, drop=DROP["expected"]),
               column("to_path", lang, numeric=True, drop=DROP["to_path"]), column("to_target", lang, numeric=True),
               column("period", lang, drop=DROP["period"]), column("since", lang, numeric=True, drop=DROP["since"]),
               column("source", lang, sheet_only=True))
    rows = tuple((cell(ev.target.id), cell(indicator_name(ev, lang)), status_cell(ev, lang), behind_cell(ev),
                  cell(actual_text(ev), value=ev.actual if ev.actual is not None else ""), unit_cell(ev),
                  number_cell(ev.expected), number_cell(ev.gap_to_expected), number_cell(ev.gap_to_target),
                  period_cell(ev), since_cell(ev), source_cell(ev))
                 for ev in evaluations)
    return Block(title, table=Table(columns, rows))


def behind_cell(ev: Evaluation) -> Cell:
    """Percentage points of progress behind the path (the unit is in the column's header)."""
    if ev.behind is None:
        return cell("", value="")
    return cell(f"{ev.behind * 100:+.1f}", value=round(ev.behind * 100, 6))


def document(evaluations: list[Evaluation], catalog: Catalog, title: str, lang: str) -> Document:
    """Worst first (`ordering.worst_first`)."""
    evaluations = worst_first(evaluations)
    block = gap_block("", evaluations, lang)
    return Document(title, (block, *target_footer(evaluations, lang)), lang, name=word("title.gap_short", lang))
