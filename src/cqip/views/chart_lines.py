"""The lines a chart of one target draws: actual values, the expected path, the target.

Pure and format-free, so the terminal chart of `show` and any other renderer plot the same
numbers; the path is the evaluation's own (`path_start`, `expected_at`), sampled once a year.
Honest lines: a line joins two figures only when no year between them lacks one (`runs`), and a
lower bound (a published 突破/余 figure, a flow's year-to-date figure, a running sum past a
missing year) is a point of its own, never joined.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, takewhile

from cqip.data.models import Bound, Kind, Measure, Observation
from cqip.verdicts.evaluation import Evaluation, Point, known_by
from cqip.verdicts.ranking import RankEvaluation


@dataclass(frozen=True)
class TargetLines:
    actual: list[Point]  # a cumulative target's actual is the running sum over its window
    expected: list[Point]  # empty when the path is unknown (no baseline) or meaningless (increase)
    target: float | None
    deadline: int
    cumulative: bool
    # Lower bounds: points of `actual` that are bounds, and a cumulative's known sum past a missing year
    # (which `actual`, stopping at the hole, leaves out).
    lower: list[Point] = field(default_factory=list)
    inverted: bool = False  # ranks: 1st at the top

    def runs(self) -> list[list[Point]]:
        """The exact points of `actual` in the runs a line may join: a run ends where a calendar year
        without any figure lies before the next one, so that no line crosses a missing year (2019-11 and
        2020 are joined, 2020 and 2023 are not)."""
        bounds = set(self.lower)
        runs: list[list[Point]] = []
        for point in (p for p in self.actual if p not in bounds):
            if runs and calendar_year(point.t) - calendar_year(runs[-1][-1].t) <= 1:
                runs[-1].append(point)
            else:
                runs.append([point])
        return runs


def calendar_year(t: float) -> int:
    """The year a time on the year axis falls in: a period ending at t = 2019 − 1/12 (2019-11) is in 2019."""
    return math.ceil(t - 1e-9)


def target_lines(ev: Evaluation, series: Sequence[Observation], as_of: date) -> TargetLines:
    """The figures of the evaluation's 口径; a running sum stops at the first year without a figure,
    as the sum after it is not known: later years show the known sum as a lower bound."""
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
        later = [y for y in sorted(full) if y > first + len(years)]
        lower = [Point(float(y), sum(full[k].value for k in full if k <= y)) for y in later]
    else:
        flow = ev.indicator.measure is Measure.FLOW
        actual = [Point(o.period.t, o.value) for o in visible]
        lower = [Point(o.period.t, o.value) for o in visible
                 if o.bound is Bound.MIN or (flow and not o.period.is_full_year)]
    return TargetLines(actual, _expected_path(ev), ev.target_value, target.end, target.kind is Kind.CUMULATIVE,
                       lower)


def _expected_path(ev: Evaluation) -> list[Point]:
    """The evaluation's own path, at its start and at the end of every later year; none when the start
    already met the target (a path from beyond the target back to it plans nothing)."""
    path = ev.path
    if path is None or (ev.bar is not None and ev.sign * (path.start.value - ev.bar) >= 0):
        return []
    years = range(math.floor(path.start.t) + 1, ev.target.end + 1)
    return [path.start, *(Point(float(y), path.at(float(y))) for y in years)]
