"""The audit trail of one verdict: every input and every intermediate value, with its formula.

Everything is read off the `Evaluation` (which records the points its pace and trend used and the
rule that decided it), so the trail can never disagree with `status`. Each formula is shown once
in symbols and once with the numbers substituted, rounded to six decimals, so that an analyst can
redo the arithmetic by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.verdicts.evaluation import (
    AT_RISK_POINTS,
    ON_COURSE_RATIO,
    STAGNATING_RATIO,
    Evaluation,
    Status,
    path_start,
)
from cqip.data.models import Direction, Kind, Observation
from cqip.data.numbers import exact as fmt

USUAL_STEPS = (("f", "elapsed fraction"), ("E", "expected value"), ("p", "progress"),
               ("p_e", "expected progress"), ("A", "achievement"), ("r", "annual growth rate"),
               ("P", "projection"), ("R", "outlook ratio"))


@dataclass(frozen=True)
class Input:
    symbol: str
    name: str
    value: float | str | None
    source: str


@dataclass(frozen=True)
class Step:
    symbol: str
    name: str
    formula: str
    substituted: str
    value: float


@dataclass(frozen=True)
class Audit:
    evaluation: Evaluation
    as_of: date
    inputs: list[Input]
    steps: list[Step]
    decision: str  # the comparison behind the status, with its numbers
    outlook_decision: str

    @property
    def not_computed(self) -> list[str]:
        """The usual intermediate values this verdict did not need or could not have."""
        done = {step.symbol for step in self.steps}
        return [name for symbol, name in USUAL_STEPS if symbol not in done]

    @property
    def observations(self) -> tuple[Observation, ...]:
        return self.evaluation.used


def audit(ev: Evaluation, as_of: date) -> Audit:
    steps = [*_target_steps(ev), *_sum_steps(ev), *_pace_steps(ev), *_achievement_steps(ev),
             *_trend_steps(ev)]
    return Audit(ev, as_of, _inputs(ev, as_of), steps, _decision(ev), _outlook_decision(ev))


def _inputs(ev: Evaluation, as_of: date) -> list[Input]:
    target = ev.target
    rows = [Input("", "as of", as_of.isoformat(), "later figures are ignored")]
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        start = path_start(target, ev.baseline_value)
        assert start is not None
        rows.append(Input("", "window", f"{target.window[0]}–{target.window[1]}", "targets.yaml"))
        rows.append(Input("b", "path start", fmt(start.t), "the year before the window; the sum is 0 there"))
    else:
        rows.append(Input("b", "baseline year", target.start, "targets.yaml or plan default"))
        rows.append(Input("v_b", "baseline value", ev.baseline_value, ev.baseline_from or "not observed"))
    rows.append(Input("d", "deadline", target.end, "targets.yaml or plan default"))
    for symbol, name, value in (("T", "target value", target.value), ("k", "factor", target.factor),
                                ("g", "annual growth rate", target.rate), ("a", "tolerance (左右)", target.approx)):
        if value is not None:
            rows.append(Input(symbol, name, value, "targets.yaml, from the clause"))
    if target.direction is Direction.LOWER:
        rows.append(Input("", "direction", "lower is better", "targets.yaml"))
    if ev.latest is not None and target.kind is not Kind.CUMULATIVE:
        latest = ev.latest
        rows.append(Input("t", f"time of the latest figure ({latest.period})", fmt(latest.period.t),
                          "period end on the year axis"))
        rows.append(Input("actual", f"latest figure ({latest.period})", latest.value, latest.where))
    return rows


def _target_steps(ev: Evaluation) -> list[Step]:
    target, v_b, t_value = ev.target, ev.baseline_value, ev.target_value
    steps: list[Step] = []
    if t_value is not None and v_b is not None:
        if target.kind is Kind.MULTIPLE:
            steps.append(Step("T", "target value", "k × v_b", f"{fmt(target.factor or 0)} × {fmt(v_b)}", t_value))
        elif target.kind is Kind.GROWTH:
            steps.append(Step("T", "target value", "v_b × (1 + g)^(d − b)",
                              f"{fmt(v_b)} × (1 + {fmt(target.rate or 0)})^({target.end} − {target.start})", t_value))
        elif target.kind is Kind.INCREASE:
            steps.append(Step("T", "target value", "v_b (anything beyond the baseline)", fmt(v_b), t_value))
    if target.approx is not None and ev.bar is not None and t_value is not None:
        sign = "−" if target.direction is Direction.HIGHER else "+"
        steps.append(Step("bar", "value that counts as met", f"T × (1 {sign} a)",
                          f"{fmt(t_value)} × (1 {sign} {fmt(target.approx)})", ev.bar))
    return steps


def _sum_steps(ev: Evaluation) -> list[Step]:
    """Cumulative targets: the actual is the sum of the window's figures."""
    if ev.target.kind is not Kind.CUMULATIVE or ev.actual is None:
        return []
    periods = ", ".join(str(o.period) for o in ev.used)
    terms = " + ".join(fmt(o.value) for o in ev.used)
    return [Step("actual", f"sum of the figures for {periods}", "Σ figures of the window's years", terms, ev.actual)]


def _pace_steps(ev: Evaluation) -> list[Step]:
    steps: list[Step] = []
    t_value = ev.target_value
    if ev.pace is not None and ev.elapsed is not None and ev.expected is not None and t_value is not None:
        start, at = ev.pace.start, ev.pace.at
        steps.append(Step("f", "elapsed fraction", "(t − b) / (d − b)",
                          f"({fmt(at.t)} − {fmt(start.t)}) / ({ev.target.end} − {fmt(start.t)})", ev.elapsed))
        s0, st, sf = fmt(start.value), fmt(t_value), fmt(ev.elapsed)
        if ev.pace.compound:
            step = Step("E", "expected value (compound path)", "v_b × (T / v_b)^f", f"{s0} × ({st} / {s0})^{sf}", ev.expected)
        else:
            step = Step("E", "expected value (linear path)", "v_b + (T − v_b) × f", f"{s0} + ({st} − {s0}) × {sf}", ev.expected)
        steps.append(step)
    v_b, actual = ev.baseline_value, ev.pace.at.value if ev.pace else ev.actual
    if ev.progress is not None and v_b is not None and actual is not None and t_value is not None:
        steps.append(Step("p", "progress", "(actual − v_b) / (T − v_b)",
                          f"({fmt(actual)} − {fmt(v_b)}) / ({fmt(t_value)} − {fmt(v_b)})", ev.progress))
    if ev.expected_progress is not None and ev.expected is not None and v_b is not None and t_value is not None:
        steps.append(Step("p_e", "expected progress", "(E − v_b) / (T − v_b)",
                          f"({fmt(ev.expected)} − {fmt(v_b)}) / ({fmt(t_value)} − {fmt(v_b)})", ev.expected_progress))
        assert ev.progress is not None
        steps.append(Step("behind", "progress points behind the path", "p_e − p",
                          f"{fmt(ev.expected_progress)} − {fmt(ev.progress)}", ev.expected_progress - ev.progress))
    return steps


def _achievement_steps(ev: Evaluation) -> list[Step]:
    if ev.achievement is None or ev.actual is None or ev.target_value is None:
        return []
    if ev.target.direction is Direction.LOWER:
        return [Step("A", "achievement (完成率)", "T / actual", f"{fmt(ev.target_value)} / {fmt(ev.actual)}", ev.achievement)]
    return [Step("A", "achievement (完成率)", "actual / T", f"{fmt(ev.actual)} / {fmt(ev.target_value)}", ev.achievement)]


def _trend_steps(ev: Evaluation) -> list[Step]:
    trend, rate, projected = ev.trend, ev.growth_rate, ev.projected
    if trend is None or rate is None or projected is None:
        return []
    start, end, deadline = trend.start, trend.end, ev.target.end
    name = (f"annual growth rate from (t0, v0) = ({fmt(start.t)}, {fmt(start.value)})"
            f" to (t1, v1) = ({fmt(end.t)}, {fmt(end.value)})")
    steps = [Step("r", name, "(v1 / v0)^(1 / (t1 − t0)) − 1",
                  f"({fmt(end.value)} / {fmt(start.value)})^(1 / ({fmt(end.t)} − {fmt(start.t)})) − 1", rate)]
    if ev.target.kind is Kind.CUMULATIVE:
        assert ev.actual is not None
        later = range(int(end.t) + 1, deadline + 1)
        terms = " + ".join(f"{fmt(end.value)} × (1 + {fmt(rate)})^{y - int(end.t)}" for y in later)
        steps.append(Step("P", "projected sum", "sum so far + Σ v1 × (1 + r)^(y − t1) for each remaining year y",
                          f"{fmt(ev.actual)} + {terms}" if terms else fmt(ev.actual), projected))
    else:
        years = max(0.0, deadline - end.t)
        steps.append(Step("P", "projected value at the deadline", "v1 × (1 + r)^max(0, d − t1)",
                          f"{fmt(end.value)} × (1 + {fmt(rate)})^{fmt(years)}", projected))
    if ev.outlook_ratio is not None and ev.target_value is not None:
        origin = "the sum starts at 0" if ev.target.kind is Kind.CUMULATIVE else "v0 is the trend's start"
        steps.append(Step("R", f"outlook ratio; {origin}", "(P − v0) / (T − v0)",
                          f"({fmt(projected)} − {fmt(trend.base)}) / ({fmt(ev.target_value)} − {fmt(trend.base)})",
                          ev.outlook_ratio))
    return steps


def _decision(ev: Evaluation) -> str:
    """The comparison that applied, so the reader can check it against the steps above."""
    higher = ev.target.direction is Direction.HIGHER
    meets, misses = ("≥", "<") if higher else ("≤", ">")
    if ev.target.kind is Kind.INCREASE:  # strictly beyond the baseline
        meets, misses = (">", "≤") if higher else ("<", "≥")
    if ev.status is Status.ACHIEVED and ev.bar is not None:
        # A point target is met by its last figure used: the latest one, or a year-to-date proof.
        value = ev.actual if ev.target.kind is Kind.CUMULATIVE else ev.used[-1].value
        assert value is not None
        return f"{fmt(value)} {meets} {fmt(ev.bar)}, met since {ev.achieved_in}"
    if ev.status is Status.MISSED and ev.actual is not None and ev.bar is not None:
        return f"{fmt(ev.actual)} {misses} {fmt(ev.bar)} at the deadline {ev.target.end}"
    if ev.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK) and ev.pace is not None:
        assert ev.expected is not None
        actual, expected = fmt(ev.pace.at.value), fmt(ev.expected)
        if ev.status is Status.ON_TRACK:
            return f"actual {actual} {meets} expected {expected}"
        behind = fmt((ev.expected_progress or 0) - (ev.progress or 0))
        relation = "≤" if ev.status is Status.AT_RISK else ">"
        return f"actual {actual} {misses} expected {expected}; behind {behind} {relation} {fmt(AT_RISK_POINTS)}"
    if ev.status is Status.OFF_TRACK and ev.actual is not None and ev.bar is not None:
        return f"actual {fmt(ev.actual)} {misses} baseline {fmt(ev.bar)}"
    if ev.missing:
        return "missing " + ", ".join(ev.missing)
    return ""


def _outlook_decision(ev: Evaluation) -> str:
    r = ev.outlook_ratio
    if r is None or ev.outlook is None:
        return ""
    if r >= ON_COURSE_RATIO:
        return f"R = {fmt(r)} ≥ {fmt(ON_COURSE_RATIO)}"
    if r >= STAGNATING_RATIO:
        return f"{fmt(STAGNATING_RATIO)} ≤ R = {fmt(r)} < {fmt(ON_COURSE_RATIO)}"
    return f"R = {fmt(r)} < {fmt(STAGNATING_RATIO)}"


def to_data(trail: Audit) -> dict[str, Any]:
    """The same trail as plain data for `--format json`."""
    ev = trail.evaluation
    return {
        "target_id": ev.target.id,
        "indicator": ev.indicator.id,
        "kind": ev.target.kind.value,
        "clause": ev.target.clause,
        "unit": ev.indicator.unit,
        "as_of": trail.as_of.isoformat(),
        "inputs": [vars(i) for i in trail.inputs],
        "observations": [
            {"period": str(o.period), "t": o.period.t, "value": o.value, "source": o.source, "where": o.where}
            for o in trail.observations
        ],
        "steps": [vars(s) for s in trail.steps],
        "status": ev.status.value,
        "rule": ev.reason,
        "decision": trail.decision,
        "outlook": ev.outlook.value if ev.outlook else None,
        "outlook_decision": trail.outlook_decision,
        "missing": list(ev.missing),
        "not_computed": trail.not_computed,
    }
