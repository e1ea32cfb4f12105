"""`cqip compare`: every region on one target, best first, with the value that applies there."""

from __future__ import annotations

from cqip.verdicts.regions import Ranked
from cqip.views.document import Block, Document, Table, cell
from cqip.views.targets import column, source_cell, verdict_cells, verdict_columns
from cqip.views.words import word


def document(ranked: list[Ranked], title: str, lang: str) -> Document:
    columns = (column("rank", lang, numeric=True), column("region", lang), *verdict_columns(lang),
               column("source", lang, sheet_only=True))
    rows = tuple((cell(str(r.rank), value=r.rank), cell(r.region), *verdict_cells(r.evaluation, lang),
                  source_cell(r.evaluation)) for r in ranked)
    block = Block(lines=() if ranked else (word("none", lang),), table=Table(columns, rows) if ranked else None)
    return Document(title, (block,), lang, name=word("title.compare", lang))
