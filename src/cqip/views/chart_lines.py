"""The lines a chart of one target draws: actual values, the expected path, the target.

Pure and format-free, so the terminal chart of `show` and any other renderer plot the same
numbers; the path is the evaluation's own (`path_start`, `expected_at`), sampled once a year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, takewhile

from cqip.data.models import Kind, Observation
from cqip.verdicts.evaluation import Evaluation, Point, known_by
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
    """A rank target draws its ranks; any other the figures of its 口径, and a running sum stops at the
    first year without a figure, as the sum after it is not known."""
    target = ev.target
    if isinstance(ev, RankEvaluation):
        return TargetLines([Point(o.period.t, o.value) for o in ev.ranks], _expected_path(ev), ev.target_value,
                           target.end, False, inverted=True)
    visible = [o for o in known_by(series, as_of) if o.scope == ev.scope]
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        first, last = target.window
        full = {o.period.year: o for o in visible if o.period.is_full_year and first <= o.period.year <= last}
        years = list(takewhile(lambda y: y in full, range(first, last + 1)))
        sums = accumulate(full[y].value for y in years)
        actual = [Point(float(y), total) for y, total in zip(years, sums, strict=True)]
    else:
        actual = [Point(o.period.t, o.value) for o in visible]
    return TargetLines(actual, _expected_path(ev), ev.target_value, target.end, target.kind is Kind.CUMULATIVE)


def _expected_path(ev: Evaluation) -> list[Point]:
    """The evaluation's own path, at its start and at the end of every later year; none when the start
    already met the target (a path from beyond the target back to it plans nothing)."""
    path = ev.path
    if path is None or (ev.bar is not None and ev.sign * (path.start.value - ev.bar) >= 0):
        return []
    years = range(math.floor(path.start.t) + 1, ev.target.end + 1)
    return [path.start, *(Point(float(y), path.at(float(y))) for y in years)]
