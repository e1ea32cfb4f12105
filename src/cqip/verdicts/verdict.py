"""The vocabulary of a verdict: statuses, outlooks, the rules that decide them, and the Evaluation.

An Evaluation records every input and intermediate value behind its status (the path, the point
measured on it, the trend, the rule that applied), so that `explain` reads it back and can never
disagree with `status`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from cqip.data.models import Bound, Direction, Indicator, Observation, Target
from cqip.verdicts.paths import Path, Point

AT_RISK_POINTS = 0.10  # behind the path by at most this much progress: at risk, beyond: off track
# Outlook bands on the ratio of observed to required growth, as in the UN SDG progress measure.
ON_COURSE_RATIO = 0.95
ACCELERATION_RATIO = 0.6
STAGNATING_RATIO = 0.0
MIN_TREND_YEARS = 1 / 12  # a trend over less than a month is not extrapolated
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
    ON_COURSE = "on_course"  # ratio ≥ 0.95 (UN: on track), or a met target whose trend stays met
    ACCELERATION_NEEDED = "acceleration_needed"  # 0.6 ≤ ratio < 0.95 (UN: progress needs acceleration)
    STAGNATING = "stagnating"  # 0 ≤ ratio < 0.6 (UN: limited progress)
    DETERIORATING = "deteriorating"  # ratio < 0: moving away from the target (UN: deterioration)


class Rule(StrEnum):
    """The rule that decided a status; `explain` words it (views.words, `rule.*`)."""

    NOTHING_OBSERVED = "nothing_observed"
    NO_FIGURE_IN_SCOPE = "no_figure_in_scope"
    RELATIVE_NO_BASELINE = "relative_no_baseline"
    YTD_PROOF = "ytd_proof"
    BOUND_PROOF = "bound_proof"
    NO_FIGURE_AFTER_BASELINE = "no_figure_after_baseline"
    LATEST_MEETS = "latest_meets"
    DEADLINE_MISSED = "deadline_missed"
    DEADLINE_FIGURE_MISSING = "deadline_figure_missing"
    PATH_NO_START = "path_no_start"
    FELL_BACK = "fell_back"
    INCREASE_NOT_ABOVE = "increase_not_above"
    WINDOW_EMPTY = "window_empty"
    SUM_MEETS = "sum_meets"
    WINDOW_HOLE = "window_hole"
    WINDOW_NOT_STARTED = "window_not_started"
    WINDOW_MISSED = "window_missed"
    FIELD_INCOMPLETE = "field_incomplete"  # rank targets: no period has a figure for every member of the group
    OUTSIDE_BAND = "outside_band"  # rank targets: a place outside the band the plan's region must hold
    ON_PATH = "on_path"
    BEHIND_A_LITTLE = "behind_a_little"
    BEHIND_FAR = "behind_far"


class Missing(NamedTuple):
    """What a verdict lacks: `what` (baseline, figure_after, full_year_after, deadline_figure, year,
    members) of `year`; `names` the members of a group without a figure."""

    what: str
    year: int
    names: tuple[str, ...] = ()


class Trend(NamedTuple):
    """The two points the observed growth runs between (the path's start and the latest figure)."""

    start: Point
    end: Point
    compound: bool


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
    growth_rate: float | None = None  # observed growth per year on the path's model (slope or rate)
    required_growth: float | None = None  # the growth per year the path asks for
    outlook_ratio: float | None = None
    outlook: Outlook | None = None
    latest: Observation | None = None  # the figure `actual` is
    achieved_in: str | None = None
    missing: tuple[Missing, ...] = ()
    used: tuple[Observation, ...] = ()
    bar: float | None = None  # the value that counts as met (the target widened by `approx`)
    path: Path | None = None  # the planned path, whenever it has a start
    pace: Point | None = None  # the point the pace verdict compared with the path
    trend: Trend | None = None
    reason: Rule = Rule.NOTHING_OBSERVED  # the rule that decided the status, for `explain`
    scope: str = ""  # the 口径 whose figures decide the target
    other_scope: tuple[Observation, ...] = ()  # figures of other 口径: shown, never used
    newest: Observation | None = None  # the newest figure of that 口径, after the deadline too
    needed_per_missing_year: float | None = None  # a cumulative window with holes: what each must bring
    best_year: Observation | None = None  # …against the best full year observed
    final: bool = False  # the deadline has passed: the status is final and there is no outlook
    bound: Bound = Bound.EXACT  # `actual` is a lower bound: a published one, or a sum with years missing

    @property
    def sign(self) -> int:
        return 1 if self.target.direction is Direction.HIGHER else -1

    @property
    def rise(self) -> float | None:
        """An increase target's actual over its baseline, as a fraction: 0.2 is +20 %."""
        if self.actual is None or not self.baseline_value:
            return None
        return (self.actual - self.baseline_value) / self.baseline_value

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
