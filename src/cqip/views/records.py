"""Evaluations as flat records: the one shape every machine-readable output is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.regions import Ranked
from cqip.views.report import Report
from cqip.views.ordering import summary_line

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



COMPARE_FIELDS = ("rank", "region", *FIELDS)


def compare_records(ranked: list[Ranked], as_of: date) -> list[dict[str, Any]]:
    """`cqip compare --format json/csv`: the rank and region, then the target's record for that region."""
    return [{"rank": r.rank, "region": r.region, **to_record(r.evaluation, as_of)} for r in ranked]


def sorted_records(evaluations: list[Evaluation], as_of: date) -> list[dict[str, Any]]:
    """The stable order of every machine-readable output: by target id."""
    return sorted((to_record(ev, as_of) for ev in evaluations), key=lambda r: r["target_id"])


def report_record(report: Report) -> dict[str, Any]:
    """`cqip report --format json`; the keys are documented in the README."""
    return {
        "plan": report.plan,
        "region": report.region,
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "data_dir": report.data_dir,
        "targets": report.targets,
        "observations": report.observations,
        "newest_period": str(report.newest) if report.newest else None,
        "status_counts": {status.value: n for status, n in report.status_counts.items()},
        "outlook_counts": {(o.value if o else "none"): n for o, n in report.outlook_counts.items()},
        "recorded": [
            {"recorded": str(o.recorded), "indicator": o.indicator, "period": str(o.period), "value": _num(o.value),
             "unit": o.unit, "source": o.source, "where": o.where}
            for o in report.recorded
        ],
        "status_changes": [{"target_id": c.target_id, "before": c.before.value, "after": c.after.value}
                           for c in report.changes],
        "attention": [ev.target.id for ev in report.attention],
        "stale": [{"indicator": s.indicator.id, "latest_period": str(s.latest.period) if s.latest else None}
                  for s in report.stale],
        "stale_months": report.stale_months,
        "summary": summary_line(report.evaluations),
        "records": sorted_records(report.evaluations, report.as_of),
    }
