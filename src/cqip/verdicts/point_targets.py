"""Targets decided by one figure: a level, an annual flow, a multiple or growth of the baseline, an increase.

With b the baseline year, d the deadline, v_b the baseline value, T the target value and t the time
of the latest figure (period end on the year axis, see `periods`):

* only figures of the target's 口径 (`selection`), from the end of the baseline year to the end of
  the deadline year, count; for a flow only full-year figures, for every kind only exact ones;
* T = value | k·v_b (multiple) | v_b·(1 + g)^(d − b) (growth) | v_b·(1 + m) (increase, m = min_change;
  with m = 0 strictly above v_b); the bar that counts as met widens T by `approx` (左右);
* proof: a year-to-date flow or a published lower bound (突破, 余) that already clears the bar proves a
  higher-is-better target met; neither can show it behind or missed;
* the path runs from (b, v_b) — or, without a baseline, from the first figure inside the plan period —
  to (d, T) on the kind's model (`paths`), and pace compares the latest figure with it:
  on track at or beyond the path, at risk at most 10 points of progress behind, off track beyond;
* a series that started beyond the target and crossed back is off track (and deteriorating).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cqip.data.models import Bound, Direction, Kind, Measure, Observation, Target
from cqip.verdicts.outlook import with_outlook
from cqip.verdicts.paths import Path, Point, compound_possible
from cqip.verdicts.selection import baseline
from cqip.verdicts.verdict import AT_RISK_POINTS, EPSILON, Evaluation, Missing, Rule, Status

COMPOUND_KINDS = {Kind.MULTIPLE, Kind.GROWTH}


def evaluate_point(base: Evaluation, rows: Sequence[Observation], now: float) -> Evaluation:
    """`base` carries the target, its 口径 and what every verdict shares; `rows` are that 口径's figures."""
    target, indicator = base.target, base.indicator
    flow = indicator.measure is Measure.FLOW
    in_plan = [o for o in rows if target.start <= o.period.t <= target.end]
    exact = [o for o in in_plan if o.bound is Bound.EXACT and (not flow or o.period.is_full_year)]
    v_b, baseline_from = baseline(target, rows, flow)
    target_value = target_value_of(target, v_b)
    latest = exact[-1] if exact else None
    shown = latest or (in_plan[-1] if in_plan else None)  # a lone lower bound is still worth showing
    ev = replace(base, actual=shown.value if shown else None, latest=shown, target_value=target_value,
                 baseline_value=v_b, baseline_from=baseline_from, used=tuple(exact),
                 bound=shown.bound if shown else Bound.EXACT)
    if target_value is None:
        return replace(ev, missing=(Missing("baseline", target.start),), reason=Rule.RELATIVE_NO_BASELINE)
    bar = bar_of(target, target_value)
    ev = replace(ev, bar=bar)

    proof = _proof(target, flow, in_plan, latest, bar)
    if proof is not None:
        rule = Rule.BOUND_PROOF if proof.bound is Bound.MIN else Rule.YTD_PROOF
        return replace(ev, status=Status.ACHIEVED, achieved_in=str(proof.period), actual=proof.value, latest=proof,
                       used=(*exact, proof), reason=rule, bound=proof.bound)
    if latest is None or (latest.period.t <= target.start and not meets(target, latest.value, bar)):
        what = "full_year_after" if flow else "figure_after"
        return replace(ev, missing=(Missing(what, target.start),), reason=Rule.NO_FIGURE_AFTER_BASELINE)

    path = _path(target, v_b, exact, target_value)
    at = Point(latest.period.t, latest.value)
    if meets(target, latest.value, bar):
        ev = replace(ev, status=Status.ACHIEVED, achieved_in=_first_of_last_run(target, exact, bar),
                     reason=Rule.LATEST_MEETS, path=path)
        return with_outlook(ev, path, at) if path else ev
    if ev.final:
        if latest.period.t >= target.end:
            return replace(ev, status=Status.MISSED, path=path, reason=Rule.DEADLINE_MISSED,
                           progress=_progress(latest.value, path.start.value, target_value) if path else None)
        return replace(ev, missing=(Missing("deadline_figure", target.end),), path=path,
                       reason=Rule.DEADLINE_FIGURE_MISSING)
    if path is None or path.start.t >= at.t:
        return replace(ev, missing=(Missing("baseline", target.start),), reason=Rule.PATH_NO_START)
    flat = target_value == path.start.value  # a band to hold (a rank), or an increase of 0 %
    if meets(target, path.start.value, bar) and not flat:
        ev = replace(ev, status=Status.OFF_TRACK, path=path, reason=Rule.FELL_BACK)
        return with_outlook(ev, path, at, fell_back=True)
    if target.kind is Kind.INCREASE and flat:  # +0 %: any rise will do, and there is no path to it
        return replace(ev, status=Status.OFF_TRACK, reason=Rule.INCREASE_NOT_ABOVE)
    return with_outlook(pace(ev, path, at), path, at)


def pace(ev: Evaluation, path: Path, at: Point) -> Evaluation:
    """Status from the position of `at` against the path (on track / at risk / off track)."""
    target_value = path.end.value
    expected = path.at(at.t)
    progress = _progress(at.value, path.start.value, target_value)
    expected_progress = _progress(expected, path.start.value, target_value)
    if ev.sign * (at.value - expected) >= -EPSILON * max(1.0, abs(expected)):
        status, reason = Status.ON_TRACK, Rule.ON_PATH
    elif (progress is not None and expected_progress is not None
          and expected_progress - progress <= AT_RISK_POINTS + EPSILON):
        status, reason = Status.AT_RISK, Rule.BEHIND_A_LITTLE
    else:
        status, reason = Status.OFF_TRACK, Rule.BEHIND_FAR
    return replace(ev, status=status, elapsed=path.elapsed(at.t), expected=expected, progress=progress,
                   expected_progress=expected_progress, path=path, pace=at, reason=reason)


def target_value_of(target: Target, v_b: float | None) -> float | None:
    if target.value is not None:
        return target.value
    if v_b is None:
        return None
    if target.kind is Kind.MULTIPLE:
        assert target.factor is not None
        return target.factor * v_b
    if target.kind is Kind.GROWTH:
        assert target.rate is not None
        return float(v_b * (1 + target.rate) ** (target.end - target.start))
    return v_b * (1 + (target.min_change or 0.0))  # increase


def bar_of(target: Target, target_value: float) -> float:
    """The value that counts as met: `approx` widens it by the tolerance (500个左右 → 450)."""
    slack = target.approx or 0.0
    return target_value * (1 - slack) if target.direction is Direction.HIGHER else target_value * (1 + slack)


def meets(target: Target, value: float, bar: float) -> bool:
    """At or beyond the bar; strictly beyond for an increase of 0 %, where equal to the baseline is no increase."""
    strict = target.kind is Kind.INCREASE and not target.min_change
    if target.direction is Direction.HIGHER:
        return value > bar if strict else value >= bar
    return value < bar if strict else value <= bar


def model_is_compound(target: Target, start: float, target_value: float) -> bool:
    """The path's model: the target's `path`, else compound for multiples and growth rates; a compound
    path needs positive values at both ends, so a path from or to 0 is linear."""
    wanted = target.path == "compound" if target.path else target.kind in COMPOUND_KINDS
    return wanted and compound_possible(start, target_value)


def _path(target: Target, v_b: float | None, exact: list[Observation], target_value: float) -> Path | None:
    """From the baseline, else from the first exact figure inside the plan period."""
    if v_b is not None:
        start = Point(float(target.start), v_b)
    else:
        first = next((o for o in exact if o.period.t > target.start), None)
        if first is None:
            return None
        start = Point(first.period.t, first.value)
    if start.t >= target.end:
        return None
    return Path(start, Point(float(target.end), target_value), model_is_compound(target, start.value, target_value))


def _proof(target: Target, flow: bool, in_plan: list[Observation], latest: Observation | None,
           bar: float) -> Observation | None:
    """A year-to-date flow or a lower bound after the latest exact figure that already clears the bar.

    Both only ever understate: they can prove a higher-is-better target met, and nothing else.
    """
    if target.direction is not Direction.HIGHER:
        return None
    after = latest.period.t if latest is not None else float("-inf")
    return next((o for o in in_plan if o.period.t > after and meets(target, o.value, bar)
                 and (o.bound is Bound.MIN or (flow and not o.period.is_full_year))), None)


def _progress(value: float, start: float, target_value: float) -> float | None:
    if target_value == start:
        return None
    return (value - start) / (target_value - start)


def _first_of_last_run(target: Target, points: list[Observation], bar: float) -> str:
    """The period since which the target has been met without interruption."""
    first = points[-1]
    for obs in reversed(points):
        if not meets(target, obs.value, bar):
            break
        first = obs
    return str(first.period)
