"""`cqip gap`: targets worst first — how far behind the path, and the gaps to path and target."""

from __future__ import annotations

from cqip.data.models import Catalog
from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.ordering import worst_first
from cqip.views.document import Block, Document, Table, cell
from cqip.views.targets import actual_cell, column, number_cell, period_cell, since_cell, status_cell, target_footer
from cqip.views.targets import name as indicator_name
from cqip.views.words import word


def gap_block(title: str, evaluations: list[Evaluation], lang: str) -> Block:
    """`evaluations` in `ordering.worst_first` order; also the report's "needing attention"."""
    columns = (column("target", lang), column("name", lang, under="target"), column("status", lang),
               column("behind", lang, numeric=True), column("actual", lang, numeric=True),
               column("expected", lang, numeric=True, drop=2), column("to_path", lang, numeric=True, drop=3),
               column("to_target", lang, numeric=True), column("period", lang, drop=1),
               column("since", lang, numeric=True, drop=5))
    rows = tuple((cell(ev.target.id), cell(indicator_name(ev, lang)), status_cell(ev, lang),
                  cell("" if ev.behind is None else f"{ev.behind * 100:+.1f}{word('points', lang)}", value=ev.behind),
                  actual_cell(ev), number_cell(ev.expected), number_cell(ev.gap_to_expected),
                  number_cell(ev.gap_to_target), period_cell(ev), since_cell(ev))
                 for ev in evaluations)
    return Block(title, table=Table(columns, rows))


def document(evaluations: list[Evaluation], catalog: Catalog, title: str, lang: str) -> Document:
    """Worst first (`ordering.worst_first`)."""
    evaluations = worst_first(evaluations)
    block = gap_block("", evaluations, lang)
    return Document(title, (block, *target_footer(evaluations, lang)), lang)
