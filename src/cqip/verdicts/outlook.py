"""Where the trend leads by the deadline: the UN SDG progress measure, on the target's own path model.

The ratio R = observed growth ÷ required growth, both from the path's start (the baseline, or the
first figure inside the plan period) on the path's model: R ≥ 0.95 on course, ≥ 0.6 acceleration
needed, ≥ 0 stagnating, < 0 deteriorating. The UN method's blind spots are avoided by looking at
sides before forming a ratio: a target already met is on course while its trend stays met (and
deteriorating when the trend would lose it by the deadline); a series that started beyond the
target and fell back is deteriorating; a target of 0 needs no 0.001 stand-in, as a path to 0 is
linear; and a target whose deadline has passed has no outlook at all — its status is final.
"""

from __future__ import annotations

import math
from dataclasses import replace

from cqip.verdicts.paths import Path, Point, advance, growth
from cqip.verdicts.verdict import (
    ACCELERATION_RATIO,
    MIN_TREND_YEARS,
    ON_COURSE_RATIO,
    STAGNATING_RATIO,
    Evaluation,
    Outlook,
    Status,
    Trend,
)


def band(ratio: float) -> Outlook:
    if ratio >= ON_COURSE_RATIO:
        return Outlook.ON_COURSE
    if ratio >= ACCELERATION_RATIO:
        return Outlook.ACCELERATION_NEEDED
    if ratio >= STAGNATING_RATIO:
        return Outlook.STAGNATING
    return Outlook.DETERIORATING


def with_outlook(ev: Evaluation, path: Path, latest: Point, *, fell_back: bool = False) -> Evaluation:
    """`ev` with the trend from the path's start to `latest`, projected to the deadline, and its outlook.

    `fell_back`: the series started on the far side of the target and has crossed back.
    """
    if ev.final or latest.t - path.start.t < MIN_TREND_YEARS:
        return ev
    try:
        observed = growth(path.start, latest, compound=path.compound)
        projected = advance(latest, observed, path.end.t, compound=path.compound)
    except (OverflowError, ValueError, ZeroDivisionError):  # a compound rate over days does not fit a float
        return ev
    if not math.isfinite(projected):  # a huge figure times a huge growth factor: no projection either
        return ev
    ev = replace(ev, trend=Trend(path.start, latest, path.compound), growth_rate=observed, projected=projected,
                 required_growth=path.required)
    if ev.status is Status.ACHIEVED:
        stays = ev.sign * (projected - (ev.bar if ev.bar is not None else path.end.value)) >= 0
        return replace(ev, outlook=Outlook.ON_COURSE if stays else Outlook.DETERIORATING)
    if fell_back:
        return replace(ev, outlook=Outlook.DETERIORATING)
    if path.required == 0:
        return ev
    ratio = observed / path.required
    return replace(ev, outlook_ratio=ratio, outlook=band(ratio))
