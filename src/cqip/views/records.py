"""Evaluations as flat records: the one shape every machine-readable output is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.ranking import RankEvaluation
from cqip.verdicts.regions import Ranked
from cqip.views.targets import missing_word

# Documented in the README; keep the order stable, consumers diff these files.
FIELDS = (
    "target_id", "indicator", "kind", "section", "status", "outlook", "actual", "target", "achievement",
    "expected", "projected", "period", "source", "unit", "baseline_year", "baseline_value", "deadline",
    "progress", "expected_progress", "gap_to_expected", "gap_to_target", "growth_rate", "outlook_ratio",
    "achieved_in", "missing", "aspirational", "name_zh", "name_en", "clause", "as_of",
    "scope", "bound", "required_growth", "needed_per_missing_year", "final", "latest_actual", "latest_period",
    "field_size", "rank_value",
)


def num(value: float | None) -> float | None:
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
        "actual": num(ev.actual),
        "target": num(ev.target_value),
        "achievement": num(ev.achievement),
        "expected": num(ev.expected),
        "projected": num(ev.projected),
        "period": str(ev.latest.period) if ev.latest else None,
        "source": ev.latest.source if ev.latest else None,
        "unit": indicator.unit,
        "baseline_year": target.start,
        "baseline_value": num(ev.baseline_value),
        "deadline": target.end,
        "progress": num(ev.progress),
        "expected_progress": num(ev.expected_progress),
        "gap_to_expected": num(ev.gap_to_expected),
        "gap_to_target": num(ev.gap_to_target),
        "growth_rate": num(ev.growth_rate),
        "outlook_ratio": num(ev.outlook_ratio),
        "achieved_in": ev.achieved_in,
        "missing": [missing_word(m, "en") for m in ev.missing],
        "aspirational": target.aspirational,
        "name_zh": indicator.zh,
        "name_en": indicator.en,
        "clause": target.clause,
        "as_of": as_of.isoformat(),
        "scope": ev.scope,
        "bound": ev.bound.value or None,
        "required_growth": num(ev.required_growth),
        "needed_per_missing_year": num(ev.needed_per_missing_year),
        "final": ev.final,
        "latest_actual": num(ev.newest.value) if ev.newest else None,
        "latest_period": str(ev.newest.period) if ev.newest else None,
        # rank targets: how many regions were ranked, and the figure that was (the actual is the rank)
        "field_size": ev.field_size if isinstance(ev, RankEvaluation) else None,
        "rank_value": num(ev.rank_value) if isinstance(ev, RankEvaluation) else None,
    }


COMPARE_FIELDS = ("rank", "region", *FIELDS)


def compare_records(ranked: list[Ranked], as_of: date) -> list[dict[str, Any]]:
    """`cqip compare --format json/csv`: the rank and region, then the target's record for that region."""
    return [{"rank": r.rank, "region": r.region, **to_record(r.evaluation, as_of)} for r in ranked]


def sorted_records(evaluations: list[Evaluation], as_of: date) -> list[dict[str, Any]]:
    """The stable order of every machine-readable output: by target id."""
    return sorted((to_record(ev, as_of) for ev in evaluations), key=lambda r: r["target_id"])
