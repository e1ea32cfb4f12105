"""Where each target stands: pace against the planned path, and where the trend leads.

The entry point: pick the figures that may decide a target (known by the as-of date, of one 口径:
`selection`), then let its kind decide — one figure (`point_targets`) or a sum over a window
(`window_targets`) — and project the trend (`outlook`). Only figures up to the end of the deadline
year decide a target (a 2023 figure says nothing about a 2020 target), but the newest figure is
kept and shown beside a closed target. The README's "How a verdict is reached" states every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cqip.data.models import Dataset, Indicator, Kind, Observation, Target
from cqip.data.periods import date_to_t
from cqip.verdicts.paths import Path, Point
from cqip.verdicts.point_targets import evaluate_point
from cqip.verdicts.selection import choose_scope, known_by
from cqip.verdicts.verdict import (
    ACCELERATION_RATIO,
    AT_RISK_POINTS,
    ON_COURSE_RATIO,
    SEVERITY,
    STAGNATING_RATIO,
    Evaluation,
    Missing,
    Outlook,
    Rule,
    Status,
    Trend,
)
from cqip.verdicts.window_targets import evaluate_window

__all__ = ["ACCELERATION_RATIO", "AT_RISK_POINTS", "ON_COURSE_RATIO", "SEVERITY", "STAGNATING_RATIO", "Evaluation",
           "Missing", "Outlook", "Path", "Point", "Rule", "Status", "Trend", "evaluate", "evaluate_all",
           "evaluate_target", "known_by"]


def evaluate_all(dataset: Dataset, as_of: date) -> list[Evaluation]:
    return [evaluate_target(dataset, target, as_of) for target in dataset.catalog.targets]


def evaluate_target(dataset: Dataset, target: Target, as_of: date) -> Evaluation:
    """One target against its indicator's series in `dataset` (a region's view gives that region's);
    a rank target against its rank series (`ranking`, which builds on this module)."""
    if target.kind is Kind.RANK:
        from cqip.verdicts.ranking import evaluate_rank

        return evaluate_rank(dataset, target, as_of)
    return evaluate(target, dataset.catalog.indicators[target.indicator], dataset.series(target.indicator), as_of)


def evaluate(target: Target, indicator: Indicator, series: Sequence[Observation], as_of: date) -> Evaluation:
    """The verdict on one target from its indicator's observations (sorted by time)."""
    now = date_to_t(as_of)
    visible = known_by(series, as_of)
    final = now >= target.end
    if not visible:
        return Evaluation(target, indicator, Status.NO_DATA, target_value=target.value, final=final,
                          reason=Rule.NOTHING_OBSERVED)
    scope, rows, other = choose_scope(target, visible)
    base = Evaluation(target, indicator, Status.INCOMPLETE, target_value=target.value, scope=scope,
                      other_scope=other, newest=rows[-1] if rows else None, final=final)
    if not rows:
        return Evaluation(target, indicator, Status.NO_DATA, target_value=target.value, scope=scope,
                          other_scope=other, final=final, reason=Rule.NO_FIGURE_IN_SCOPE)
    if target.kind is Kind.CUMULATIVE:
        return evaluate_window(base, rows, now)
    return evaluate_point(base, rows, now)
