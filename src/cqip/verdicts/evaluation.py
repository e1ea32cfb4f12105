"""Where each target stands: pace against the planned path, and where the trend leads.

The maths, with b the baseline year, d the deadline, v_b the baseline value, T the target value
and t the time (years, period end; see `periods`) of the latest observation used:

* elapsed        f = (t − b) / (d − b)
* expected       linear path  v_b + (T − v_b)·f          (level, annual, cumulative with v_b = 0
                                                          at the year before the window starts)
                 compound path v_b·(T / v_b)^f             (multiple, growth)
* progress       p = (actual − v_b) / (T − v_b); expected progress p_e likewise from expected
* status         achieved  – the latest evidence meets the target, at or before the deadline
                 on_track  – actual at or beyond the expected path
                 at_risk   – behind, p_e − p ≤ 0.10
                 off_track – further behind
                 missed    – the deadline year's figure does not meet the target
                 incomplete – a baseline, a year of a window or the deadline figure is missing
                 no_data   – nothing observed yet
* projection     compound growth from the baseline (or, without one, the earliest observation)
                 to the latest observation, continued to d
* outlook        r = (projected − v0) / (T − v0) with v0 the projection's start value:
                 on_course r ≥ 0.95, acceleration_needed 0.10 ≤ r < 0.95, stagnating below

Only observations up to the as-of date and up to the end of the deadline year are used: a figure
for 2023 says nothing about a 2020 target. For a flow, only full-year figures count, except that a
year-to-date figure already meeting the target proves it met (flows do not shrink within a year).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from cqip.data.models import Dataset, Direction, Indicator, Kind, Measure, Observation, Target
from cqip.data.periods import Period, date_to_t

AT_RISK_POINTS = 0.10
ON_COURSE_RATIO = 0.95
STAGNATING_RATIO = 0.10
COMPOUND_KINDS = {Kind.MULTIPLE, Kind.GROWTH}
EPSILON = 1e-9  # float noise: 0.6 − 0.5 must count as exactly 10 points, not 10.0000000000000009


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    INCOMPLETE = "incomplete"
    NO_DATA = "no_data"


# Worst first: the order in which `gap` and summaries list statuses.
SEVERITY = [Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.INCOMPLETE, Status.NO_DATA,
            Status.ON_TRACK, Status.ACHIEVED]


class Outlook(StrEnum):
    ON_COURSE = "on_course"
    ACCELERATION_NEEDED = "acceleration_needed"
    STAGNATING = "stagnating"


class Rule(StrEnum):
    """The rule that decided a status; `explain` words it (views.words, `rule.*`)."""

    NOTHING_OBSERVED = "nothing_observed"
    RELATIVE_NO_BASELINE = "relative_no_baseline"
    YTD_PROOF = "ytd_proof"
    NO_FIGURE_AFTER_BASELINE = "no_figure_after_baseline"
    LATEST_MEETS = "latest_meets"
    DEADLINE_MISSED = "deadline_missed"
    DEADLINE_FIGURE_MISSING = "deadline_figure_missing"
    PATH_NO_BASELINE = "path_no_baseline"
    INCREASE_NOT_ABOVE = "increase_not_above"
    WINDOW_EMPTY = "window_empty"
    SUM_MEETS = "sum_meets"
    WINDOW_HOLE = "window_hole"
    WINDOW_NOT_STARTED = "window_not_started"
    WINDOW_MISSED = "window_missed"
    ON_PATH = "on_path"
    BEHIND_A_LITTLE = "behind_a_little"
    BEHIND_FAR = "behind_far"


class Missing(NamedTuple):
    """What a verdict lacks: `what` (baseline, figure_after, full_year_after, deadline_figure, year) of `year`."""

    what: str
    year: int


class Point(NamedTuple):
    """A value at a time on the year axis (see `periods`)."""

    t: float
    value: float


@dataclass(frozen=True)
class Pace:
    """What the pace verdict compared: the path's start, the point measured on it, the path's shape."""

    start: Point
    at: Point
    compound: bool


@dataclass(frozen=True)
class Trend:
    """The two points the growth rate runs through, and v0, the value the outlook ratio counts from."""

    start: Point
    end: Point
    base: float


@dataclass(frozen=True)
class Evaluation:
    target: Target
    indicator: Indicator
    status: Status
    actual: float | None = None
    target_value: float | None = None
    baseline_value: float | None = None
    baseline_from: str | None = None
    expected: float | None = None
    elapsed: float | None = None
    progress: float | None = None
    expected_progress: float | None = None
    projected: float | None = None
    growth_rate: float | None = None
    outlook_ratio: float | None = None
    outlook: Outlook | None = None
    latest: Observation | None = None
    achieved_in: str | None = None
    missing: tuple[Missing, ...] = ()
    used: tuple[Observation, ...] = field(default=(), repr=False)
    bar: float | None = None  # the value that counts as met (the target widened by `approx`)
    pace: Pace | None = None
    trend: Trend | None = None
    reason: Rule = Rule.NOTHING_OBSERVED  # the rule that decided the status, for `explain`

    @property
    def sign(self) -> int:
        return 1 if self.target.direction is Direction.HIGHER else -1

    @property
    def achievement(self) -> float | None:
        """完成率: actual ÷ target (target ÷ actual when lower is better), so 1.0 means met."""
        if self.actual is None or not self.target_value:
            return None
        if self.sign < 0:
            return self.target_value / self.actual if self.actual else None
        return self.actual / self.target_value

    @property
    def gap_to_target(self) -> float | None:
        """How much is still missing to reach the target (negative once beyond it)."""
        if self.actual is None or self.target_value is None:
            return None
        return self.sign * (self.target_value - self.actual)

    @property
    def gap_to_expected(self) -> float | None:
        if self.actual is None or self.expected is None:
            return None
        return self.sign * (self.expected - self.actual)

    @property
    def behind(self) -> float | None:
        """Progress points behind the path (1 − progress once the deadline is missed)."""
        if self.progress is None:
            return None
        if self.status is Status.MISSED:
            return 1 - self.progress
        if self.expected_progress is None:
            return None
        return self.expected_progress - self.progress


def evaluate_all(dataset: Dataset, as_of: date) -> list[Evaluation]:
    return [evaluate_target(dataset, target, as_of) for target in dataset.catalog.targets]


def evaluate_target(dataset: Dataset, target: Target, as_of: date) -> Evaluation:
    """One target against its indicator's series in `dataset` (a region's view gives that region's)."""
    return evaluate(target, dataset.catalog.indicators[target.indicator], dataset.series(target.indicator), as_of)


def evaluate(target: Target, indicator: Indicator, series: Sequence[Observation], as_of: date) -> Evaluation:
    """The verdict on one target from its indicator's observations (sorted by time)."""
    now = date_to_t(as_of)
    visible = known_by(series, as_of)
    if not visible:
        return Evaluation(target, indicator, Status.NO_DATA, target_value=target.value,
                          reason=Rule.NOTHING_OBSERVED)
    in_plan = [o for o in visible if o.period.t <= target.end]
    if target.kind is Kind.CUMULATIVE:
        return _cumulative(target, indicator, in_plan, now)
    return _point(target, indicator, visible, in_plan, now)


def known_by(series: Sequence[Observation], as_of: date) -> list[Observation]:
    """The observations whose period had ended by the as-of date: what the evaluation may use."""
    now = date_to_t(as_of)
    return [o for o in series if o.period.t <= now]


def path_start(target: Target, v_b: float | None) -> Point | None:
    """Where the expected path starts: the baseline, or 0 the year before a cumulative window."""
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        return Point(float(target.window[0] - 1), 0.0)
    return None if v_b is None else Point(float(target.start), v_b)


def is_compound(target: Target, v_b: float, target_value: float) -> bool:
    """Multiples and growth rates compound; a linear path stands in when a value is not positive."""
    return target.kind in COMPOUND_KINDS and v_b > 0 and target_value > 0


def expected_at(start: Point, target_value: float, deadline: int, t: float, *, compound: bool) -> float:
    """The value the path from `start` to (deadline, target) has reached at time t."""
    f = (t - start.t) / (deadline - start.t)
    if compound:
        return start.value * math.pow(target_value / start.value, f)
    return start.value + (target_value - start.value) * f


def _baseline(target: Target, series: Sequence[Observation], flow: bool) -> tuple[float | None, str | None]:
    if target.baseline_value is not None:
        return target.baseline_value, target.baseline_source or "targets.yaml"
    year_end = Period.year_end(target.start)
    for obs in series:
        if obs.period.end == year_end.end and (not flow or obs.period.is_full_year):
            return obs.value, obs.where
    return None, None


def _meets(target: Target, value: float, bar: float) -> bool:
    """At or beyond the bar; strictly beyond for 大幅增长, where equal to the baseline is no increase."""
    if target.kind is Kind.INCREASE:
        return value > bar if target.direction is Direction.HIGHER else value < bar
    return value >= bar if target.direction is Direction.HIGHER else value <= bar


def _bar(target: Target, target_value: float) -> float:
    """The value that counts as met: `approx` widens it by the tolerance (500个左右 → 450)."""
    slack = target.approx or 0.0
    return target_value * (1 - slack) if target.direction is Direction.HIGHER else target_value * (1 + slack)


def _point(target: Target, indicator: Indicator, visible: list[Observation], in_plan: list[Observation],
           now: float) -> Evaluation:
    flow = indicator.measure is Measure.FLOW
    points = [o for o in in_plan if o.period.is_full_year] if flow else in_plan
    v_b, baseline_from = _baseline(target, visible, flow)
    base = Evaluation(target, indicator, Status.INCOMPLETE, baseline_value=v_b, baseline_from=baseline_from)

    target_value = _target_value(target, v_b)
    latest = points[-1] if points else None
    if latest is not None:
        base = _replace(base, actual=latest.value, latest=latest, target_value=target_value, used=tuple(points))
    if target_value is None:
        return _replace(base, missing=(Missing("baseline", target.start),),
                        reason=Rule.RELATIVE_NO_BASELINE)
    bar = _bar(target, target_value)
    base = _replace(base, target_value=target_value, bar=bar)

    # A flow only grows within a year, so a year-to-date figure can prove a higher-is-better target
    # met — never a lower-is-better one, whose year is not over.
    ytd_proof = [o for o in in_plan if flow and target.direction is Direction.HIGHER and not o.period.is_full_year
                 and _meets(target, o.value, bar) and (latest is None or o.period.year > latest.period.year)]
    if ytd_proof:
        proof = ytd_proof[0]
        return _replace(base, status=Status.ACHIEVED, achieved_in=str(proof.period), actual=proof.value, latest=proof,
                        used=(*points, proof),
                        reason=Rule.YTD_PROOF)
    if latest is None or (latest.period.t <= target.start and not _meets(target, latest.value, bar)):
        return _replace(base, missing=(Missing("full_year_after" if flow else "figure_after", target.start),),
                        reason=Rule.NO_FIGURE_AFTER_BASELINE)

    base = _with_projection(base, points, v_b, target_value)
    if _meets(target, latest.value, bar):
        return _replace(base, status=Status.ACHIEVED, achieved_in=_first_of_last_run(target, points, bar),
                        reason=Rule.LATEST_MEETS)
    if now >= target.end:
        if latest.period.t >= target.end:
            return _replace(base, status=Status.MISSED, progress=_progress(latest.value, v_b, target_value),
                            reason=Rule.DEADLINE_MISSED)
        return _replace(base, missing=(Missing("deadline_figure", target.end),),
                        reason=Rule.DEADLINE_FIGURE_MISSING)
    if v_b is None:
        return _replace(base, missing=(Missing("baseline", target.start),),
                        reason=Rule.PATH_NO_BASELINE)
    if target.kind is Kind.INCREASE:
        return _replace(base, status=Status.OFF_TRACK,
                        reason=Rule.INCREASE_NOT_ABOVE)
    start = path_start(target, v_b)
    assert start is not None
    return _pace(base, start, Point(latest.period.t, latest.value), compound=is_compound(target, v_b, target_value))


def _cumulative(target: Target, indicator: Indicator, in_plan: list[Observation], now: float) -> Evaluation:
    assert target.window is not None and target.value is not None
    first, last = target.window
    full = {o.period.year: o for o in in_plan if o.period.is_full_year and first <= o.period.year <= last}
    partial = {o.period.year: o for o in in_plan if not o.period.is_full_year and first <= o.period.year <= last
               and o.period.year not in full}
    known = sum(o.value for o in full.values())
    lower_bound = known + sum(o.value for o in partial.values())
    used = tuple(sorted([*full.values(), *partial.values()], key=lambda o: o.period.t))
    full_years = tuple(full[y] for y in sorted(full))
    # The actual is the sum of full years; year-to-date figures only count once they prove the target.
    base = Evaluation(target, indicator, Status.INCOMPLETE, actual=known if full else None, target_value=target.value,
                      baseline_value=0.0, baseline_from=f"sum starts in {first}", used=full_years,
                      latest=full_years[-1] if full_years else None, bar=target.value)
    if not used:
        return _replace(base, status=Status.NO_DATA, reason=Rule.WINDOW_EMPTY)
    if lower_bound >= target.value:
        reached = _first_reaching(used, target.value)
        return _replace(base, status=Status.ACHIEVED, actual=lower_bound, achieved_in=str(reached.period), used=used,
                        latest=used[-1],
                        reason=Rule.SUM_MEETS)
    through = min(last, math.floor(now))  # last year fully elapsed: t = Y is the end of year Y
    missing = tuple(Missing("year", y) for y in range(first, through + 1) if y not in full)
    if missing:
        return _replace(base, missing=missing, reason=Rule.WINDOW_HOLE)
    if not full:
        return _replace(base, missing=(Missing("year", first),),
                        reason=Rule.WINDOW_NOT_STARTED)
    years = sorted(full)
    base = _with_cumulative_projection(base, full, last)
    if years[-1] >= last:
        return _replace(base, status=Status.MISSED, progress=known / target.value,
                        reason=Rule.WINDOW_MISSED)
    start = path_start(target, 0.0)
    assert start is not None
    return _pace(base, start, Point(float(years[-1]), known), compound=False)


def _first_reaching(used: Sequence[Observation], total: float) -> Observation:
    """The figure with which the running sum of the window first reaches `total`."""
    running = 0.0
    for obs in used:
        running += obs.value
        if running >= total:
            return obs
    return used[-1]


def _target_value(target: Target, v_b: float | None) -> float | None:
    if target.value is not None:
        return target.value
    if v_b is None:
        return None
    if target.kind is Kind.MULTIPLE:
        assert target.factor is not None
        return target.factor * v_b
    if target.kind is Kind.GROWTH:
        assert target.rate is not None
        return v_b * (1 + target.rate) ** (target.end - target.start)
    return v_b  # increase: anything beyond the baseline


def _pace(base: Evaluation, start: Point, at: Point, *, compound: bool) -> Evaluation:
    target, target_value = base.target, base.target_value
    assert target_value is not None
    f = (at.t - start.t) / (target.end - start.t)
    expected = expected_at(start, target_value, target.end, at.t, compound=compound)
    progress = _progress(at.value, start.value, target_value)
    expected_progress = _progress(expected, start.value, target_value)
    if base.sign * (at.value - expected) >= -EPSILON * max(1.0, abs(expected)):
        status, reason = Status.ON_TRACK, Rule.ON_PATH
    elif (progress is not None and expected_progress is not None
          and expected_progress - progress <= AT_RISK_POINTS + EPSILON):
        status, reason = Status.AT_RISK, Rule.BEHIND_A_LITTLE
    else:
        status, reason = Status.OFF_TRACK, Rule.BEHIND_FAR
    return _replace(base, status=status, elapsed=f, expected=expected, progress=progress,
                    expected_progress=expected_progress, pace=Pace(start, at, compound), reason=reason)


def _progress(value: float, v_b: float | None, target_value: float) -> float | None:
    if v_b is None or target_value == v_b:
        return None
    return (value - v_b) / (target_value - v_b)


def _with_projection(base: Evaluation, points: list[Observation], v_b: float | None,
                     target_value: float) -> Evaluation:
    latest = points[-1]
    deadline = base.target.end
    if v_b is not None and base.target.start < latest.period.t:
        t0, v0 = float(base.target.start), v_b
    else:
        t0, v0 = points[0].period.t, points[0].value
    if t0 >= latest.period.t or v0 <= 0 or latest.value <= 0:
        return base
    try:
        rate = (latest.value / v0) ** (1 / (latest.period.t - t0)) - 1
        projected = latest.value * (1 + rate) ** max(0.0, deadline - latest.period.t)
    except OverflowError:  # figures days apart compound to more than a float holds: no projection
        return base
    if not math.isfinite(projected):
        return base
    trend = Trend(Point(t0, v0), Point(latest.period.t, latest.value), base=v0)
    return _with_outlook(_replace(base, growth_rate=rate, projected=projected, trend=trend), target_value)


def _with_cumulative_projection(base: Evaluation, full: dict[int, Observation], last: int) -> Evaluation:
    """Sum so far plus each remaining year at the growth rate of the annual figures."""
    years = sorted(full)
    first_obs, last_obs = full[years[0]], full[years[-1]]
    if len(years) < 2 or first_obs.value <= 0 or last_obs.value <= 0:
        return base
    rate = (last_obs.value / first_obs.value) ** (1 / (years[-1] - years[0])) - 1
    try:
        projected = sum(o.value for o in full.values()) + sum(
            last_obs.value * (1 + rate) ** (y - years[-1]) for y in range(years[-1] + 1, last + 1)
        )
    except OverflowError:  # growth too steep to continue in a float: no projection
        return base
    if not math.isfinite(projected):
        return base
    assert base.target_value is not None
    trend = Trend(Point(float(years[0]), first_obs.value), Point(float(years[-1]), last_obs.value), base=0.0)
    return _with_outlook(_replace(base, growth_rate=rate, projected=projected, trend=trend), base.target_value)


def _with_outlook(base: Evaluation, target_value: float) -> Evaluation:
    assert base.trend is not None
    v0 = base.trend.base
    if base.projected is None or target_value == v0:
        return base
    r = (base.projected - v0) / (target_value - v0)
    if r >= ON_COURSE_RATIO:
        outlook = Outlook.ON_COURSE
    elif r >= STAGNATING_RATIO:
        outlook = Outlook.ACCELERATION_NEEDED
    else:
        outlook = Outlook.STAGNATING
    return _replace(base, outlook_ratio=r, outlook=outlook)


def _first_of_last_run(target: Target, points: list[Observation], bar: float) -> str:
    """The period since which the target has been met without interruption."""
    first = points[-1]
    for obs in reversed(points):
        if not _meets(target, obs.value, bar):
            break
        first = obs
    return str(first.period)


def _replace(base: Evaluation, **changes: object) -> Evaluation:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]
