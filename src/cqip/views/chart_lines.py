"""The lines a chart of one target draws: actual values, the expected path, the target.

Pure and format-free, so the terminal chart of `show` and any other renderer plot the same
numbers; the path is the evaluation's own (`path_start`, `expected_at`), sampled once a year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from cqip.data.models import Kind, Observation
from cqip.verdicts.evaluation import Evaluation, Point, expected_at, is_compound, known_by, path_start
from cqip.verdicts.ranking import RankEvaluation


@dataclass(frozen=True)
class TargetLines:
    actual: list[Point]  # a cumulative target's actual is the running sum over its window
    expected: list[Point]  # empty when the path is unknown (no baseline) or meaningless (increase)
    target: float | None
    deadline: int
    cumulative: bool
    inverted: bool = False  # ranks: 1st at the top


def target_lines(ev: Evaluation, series: Sequence[Observation], as_of: date) -> TargetLines:
    """A rank target draws its ranks, not the indicator's series."""
    target = ev.target
    if isinstance(ev, RankEvaluation):
        return TargetLines([Point(o.period.t, o.value) for o in ev.ranks], _expected_path(ev), ev.target_value,
                           target.end, False, inverted=True)
    visible = known_by(series, as_of)
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        first, last = target.window
        years = [o for o in visible if o.period.is_full_year and first <= o.period.year <= last]
        sums = accumulate(o.value for o in years)
        actual = [Point(o.period.t, total) for o, total in zip(years, sums, strict=True)]
    else:
        actual = [Point(o.period.t, o.value) for o in visible]
    return TargetLines(actual, _expected_path(ev), ev.target_value, target.end, target.kind is Kind.CUMULATIVE)


def _expected_path(ev: Evaluation) -> list[Point]:
    target, t_value = ev.target, ev.target_value
    start = path_start(target, ev.baseline_value)
    if start is None or t_value is None or target.kind is Kind.INCREASE:
        return []
    compound = is_compound(target, start.value, t_value)
    years = range(math.floor(start.t), target.end + 1)
    return [Point(float(y), expected_at(start, t_value, target.end, float(y), compound=compound)) for y in years]
