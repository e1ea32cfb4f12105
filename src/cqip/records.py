"""Evaluations as flat records: the one shape every machine-readable output is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqip.evaluation import Evaluation

# Documented in the README; keep the order stable, consumers diff these files.
FIELDS = (
    "target_id", "indicator", "kind", "section", "status", "outlook", "actual", "target", "achievement",
    "expected", "projected", "period", "source", "unit", "baseline_year", "baseline_value", "deadline",
    "progress", "expected_progress", "gap_to_expected", "gap_to_target", "growth_rate", "outlook_ratio",
    "achieved_in", "missing", "aspirational", "name_zh", "name_en", "clause", "as_of",
)


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def to_record(ev: Evaluation, as_of: date) -> dict[str, Any]:
    target, indicator = ev.target, ev.indicator
    return {
        "target_id": target.id,
        "indicator": indicator.id,
        "kind": target.kind.value,
        "section": target.section,
        "status": ev.status.value,
        "outlook": ev.outlook.value if ev.outlook else None,
        "actual": _num(ev.actual),
        "target": _num(ev.target_value),
        "achievement": _num(ev.achievement),
        "expected": _num(ev.expected),
        "projected": _num(ev.projected),
        "period": str(ev.latest.period) if ev.latest else None,
        "source": ev.latest.source if ev.latest else None,
        "unit": indicator.unit,
        "baseline_year": target.start,
        "baseline_value": _num(ev.baseline_value),
        "deadline": target.end,
        "progress": _num(ev.progress),
        "expected_progress": _num(ev.expected_progress),
        "gap_to_expected": _num(ev.gap_to_expected),
        "gap_to_target": _num(ev.gap_to_target),
        "growth_rate": _num(ev.growth_rate),
        "outlook_ratio": _num(ev.outlook_ratio),
        "achieved_in": ev.achieved_in,
        "missing": list(ev.missing),
        "aspirational": target.aspirational,
        "name_zh": indicator.zh,
        "name_en": indicator.en,
        "clause": target.clause,
        "as_of": as_of.isoformat(),
    }

