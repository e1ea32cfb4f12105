"""`cqip targets`: every target of the plan by section — what it asks, by when, and who owes it."""

from __future__ import annotations

from typing import Any

from cqip.data.models import Catalog, Kind, Target
from cqip.views.document import Block, Cell, Document, Table, cell
from cqip.views.formatting import number
from cqip.views.targets import column
from cqip.views.words import word

Record = dict[str, Any]
# Documented in the README; keep the order stable.
TARGET_FIELDS = ("target_id", "indicator", "kind", "value", "factor", "rate", "unit", "baseline_year", "deadline",
                 "window", "section", "owners", "region", "aspirational", "name_zh", "name_en", "clause")


def target_records(catalog: Catalog) -> list[Record]:
    """targets.yaml order."""
    return [{
        "target_id": t.id,
        "indicator": t.indicator,
        "kind": t.kind.value,
        "value": t.value,
        "factor": t.factor,
        "rate": t.rate,
        "unit": catalog.indicators[t.indicator].unit,
        "baseline_year": t.start,
        "deadline": t.end,
        "window": list(t.window) if t.window else None,
        "section": t.section,
        "owners": list(t.owners),
        "region": t.region,
        "aspirational": t.aspirational,
        "name_zh": catalog.indicators[t.indicator].zh,
        "name_en": catalog.indicators[t.indicator].en,
        "clause": t.clause,
    } for t in catalog.targets]


def document(catalog: Catalog, title: str, lang: str) -> Document:
    """One table per plan section (the sections of `status`), targets in file order."""
    columns = (column("target", lang), column("name", lang, under="target"), column("kind", lang, drop=2),
               column("value", lang, numeric=True), column("unit", lang), column("deadline", lang, drop=1),
               column("owners", lang))
    blocks = []
    for section in catalog.sections.values():
        targets = [t for t in catalog.targets if t.section == section.id]
        if targets:
            blocks.append(Block(section.zh if lang == "zh" else section.en, level=3, table=Table(columns, tuple(
                _row(t, catalog, lang) for t in targets))))
    total = Block(lines=(word("line.targets", lang, n=len(catalog.targets)),))
    return Document(title, (*blocks, total), lang, name=word("title.targets", lang))


def _row(t: Target, catalog: Catalog, lang: str) -> tuple[Cell, ...]:
    indicator = catalog.indicators[t.indicator]
    name = (indicator.zh if lang == "zh" else indicator.en) + (word("strive", lang) if t.aspirational else "")
    return (cell(t.id), cell(name), cell(word(f"kind.{t.kind.value}", lang)), _value(t, lang), cell(indicator.unit),
            cell(str(t.end), value=t.end), cell(word("list_sep", lang).join(t.owners)))


def _value(t: Target, lang: str) -> Cell:
    """The number the target names: its value, a factor (×2), a yearly rate (+10%/年), or beyond the baseline."""
    if t.kind is Kind.MULTIPLE and t.factor is not None:
        return cell(f"×{t.factor:g}", value=t.factor)
    if t.kind is Kind.GROWTH and t.rate is not None:
        return cell(word("value.rate", lang, rate=f"{t.rate:+.0%}"), value=t.rate)
    if t.kind is Kind.INCREASE:
        return cell(word("value.increase", lang, year=t.start), value="")
    return cell(number(t.value), value=t.value if t.value is not None else "")
