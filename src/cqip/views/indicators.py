"""`cqip indicators`: every indicator a target or an observation may name, with its data at a glance.

The ids are what every other command takes; this is where a new user finds them (the Chinese or
English name works too, see `names`).
"""

from __future__ import annotations

from typing import Any

from cqip.data.combined import extent
from cqip.data.models import Dataset
from cqip.data.periods import Period
from cqip.views.document import Block, Document, Table, cell
from cqip.views.targets import column
from cqip.views.words import word

Record = dict[str, Any]
# Documented in the README; keep the order stable.
INDICATOR_FIELDS = ("indicator", "name_zh", "name_en", "unit", "measure", "observations", "latest_period", "targets")


def indicator_records(dataset: Dataset) -> list[Record]:
    """targets.yaml order; observations of every region, the latest by period end (of two that end on one
    day, 2019-12 rather than 2019)."""
    records = []
    counts: dict[str, int] = {}
    periods: dict[str, set[Period]] = {}
    for key in dataset.by_series:  # counted off the columns: no row is built
        count, seen = extent(dataset.by_series, key)
        counts[key[0]] = counts.get(key[0], 0) + count
        periods.setdefault(key[0], set()).update(seen)
    for indicator in dataset.catalog.indicators.values():
        latest = max(periods.get(indicator.id, ()), key=lambda p: (p.t, str(p)), default=None)
        records.append({
            "indicator": indicator.id,
            "name_zh": indicator.zh,
            "name_en": indicator.en,
            "unit": indicator.unit,
            "measure": indicator.measure.value,
            "observations": counts.get(indicator.id, 0),
            "latest_period": str(latest) if latest else None,
            "targets": [t.id for t in dataset.catalog.targets if t.indicator == indicator.id],
        })
    return records


def document(records: list[Record], title: str, lang: str) -> Document:
    """One row per indicator: id, both names (the other language's below when narrow), unit, measure, data."""
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    columns = (column("indicator", lang), column(f"name_{first}", lang), column(f"name_{second}", lang,
                                                                                under=f"name_{first}"),
               column("unit", lang), column("stock_flow", lang, drop=3),
               column("observations", lang, numeric=True, drop=2), column("latest", lang, drop=1))
    rows = tuple((cell(r["indicator"]), cell(r[f"name_{first}"]), cell(r[f"name_{second}"]), cell(r["unit"]),
                  cell(word(f"measure.{r['measure']}", lang)), cell(str(r["observations"]), value=r["observations"]),
                  cell(r["latest_period"] or "")) for r in records)
    total = word("line.indicators", lang, n=len(records), k=sum(1 for r in records if r["observations"]))
    return Document(title, (Block(table=Table(columns, rows)), Block(lines=(total,))), lang,
                    name=word("title.indicators", lang))
