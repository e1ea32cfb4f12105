"""`cqip status`: every target by plan section — id, name, actual against target, 完成率, status, outlook."""

from __future__ import annotations

from cqip.data.models import Catalog
from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.ordering import by_section
from cqip.views.document import Block, Document, Table, cell
from cqip.views.ranks import headline
from cqip.views.targets import (
    DROP,
    column,
    outlook_cell,
    since_cell,
    source_cell,
    target_footer,
    verdict_cells,
    verdict_columns,
)
from cqip.views.targets import name as indicator_name
from cqip.views.words import word


def document(evaluations: list[Evaluation], catalog: Catalog, title: str, lang: str, *,
             lead: bool = True) -> Document:
    """Plan order: by section as targets.yaml lists them, after the headline goal's ranks (`lead`)."""
    groups = by_section(evaluations, catalog)
    columns = (column("target", lang), column("name", lang, under="target"), *verdict_columns(lang),
               column("outlook", lang, drop=DROP["outlook"]), column("since", lang, numeric=True, drop=DROP["since"]),
               column("source", lang, sheet_only=True))
    blocks = [Block(section.zh if lang == "zh" else section.en, level=3, table=Table(columns, tuple(
        (cell(ev.target.id), cell(indicator_name(ev, lang)), *verdict_cells(ev, lang), outlook_cell(ev, lang),
         since_cell(ev), source_cell(ev))
        for ev in rows))) for section, rows in groups]
    first = headline(evaluations, lang) if lead else None
    return Document(title, (*([first] if first else []), *blocks, *target_footer(evaluations, lang)), lang,
                    name=word("title.status", lang), group=word("col.section", lang))
