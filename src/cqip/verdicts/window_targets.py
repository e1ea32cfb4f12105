"""Cumulative targets: a sum over a window of years (PCT applications 2016–2020 ≥ 2500).

The actual is the sum of the window's full-year figures; year-to-date figures and lower bounds
only count once they prove the target met (they can only understate). A year of the window that
has ended without a full-year figure leaves the status incomplete — a missing year is never read
as zero — and what the missing years must still bring, per year, is set against the best year
observed. The path is linear in the running sum, from 0 the year before the window to T in its
last year; the trend is the average per year so far, on the same model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from cqip.data.models import Bound, Observation
from cqip.verdicts.outlook import with_outlook
from cqip.verdicts.paths import Path, Point
from cqip.verdicts.point_targets import pace
from cqip.verdicts.verdict import Evaluation, Missing, Outlook, Rule, Status


def window_path(first: int, last: int, total: float) -> Path:
    return Path(Point(float(first - 1), 0.0), Point(float(last), total), compound=False)


def evaluate_window(base: Evaluation, rows: Sequence[Observation], now: float) -> Evaluation:
    target = base.target
    assert target.window is not None and target.value is not None
    first, last = target.window
    in_window = [o for o in rows if first <= o.period.year <= last]
    full = {o.period.year: o for o in in_window if o.period.is_full_year and o.bound is Bound.EXACT}
    partial = {o.period.year: o for o in in_window if o.period.year not in full}
    known = sum(o.value for o in full.values())
    full_years = tuple(full[y] for y in sorted(full))
    path = window_path(first, last, target.value)
    ev = replace(base, actual=known if full else None, target_value=target.value, baseline_value=0.0,
                 baseline_from=f"sum starts in {first}", used=full_years, latest=full_years[-1] if full_years else None,
                 bar=target.value, path=path)
    if not full and not partial:
        return replace(ev, status=Status.NO_DATA, reason=Rule.WINDOW_EMPTY)
    lower_bound = known + sum(o.value for o in partial.values())
    if lower_bound >= target.value:
        used = tuple(sorted([*full.values(), *partial.values()], key=lambda o: o.period.t))
        return replace(ev, status=Status.ACHIEVED, actual=lower_bound, used=used, latest=used[-1],
                       achieved_in=str(_first_reaching(used, target.value).period), reason=Rule.SUM_MEETS)
    without = [y for y in range(first, last + 1) if y not in full]
    if without:
        ev = replace(ev, needed_per_missing_year=(target.value - known) / len(without),
                     best_year=max(full_years, key=lambda o: o.value) if full_years else None)
    through = min(last, math.floor(now))  # last year fully elapsed: t = Y is the end of year Y
    missing = tuple(Missing("year", y) for y in range(first, through + 1) if y not in full)
    if missing:  # the years on file are a lower bound of the sum: a missing year is not a zero
        ev = replace(ev, missing=missing, reason=Rule.WINDOW_HOLE, bound=Bound.MIN)
        best = ev.best_year
        if not ev.final and best is not None and ev.needed_per_missing_year is not None \
                and ev.needed_per_missing_year > best.value:
            ev = replace(ev, outlook=Outlook.ACCELERATION_NEEDED)
        return ev
    if not full:
        return replace(ev, missing=(Missing("year", first),), reason=Rule.WINDOW_NOT_STARTED)
    at = Point(float(full_years[-1].period.year), known)
    if full_years[-1].period.year >= last:
        return replace(ev, status=Status.MISSED, progress=known / target.value, reason=Rule.WINDOW_MISSED)
    return with_outlook(pace(ev, path, at), path, at)


def _first_reaching(used: Sequence[Observation], total: float) -> Observation:
    """The figure with which the running sum of the window first reaches `total`."""
    running = 0.0
    for obs in used:
        running += obs.value
        if running >= total:
            return obs
    return used[-1]
