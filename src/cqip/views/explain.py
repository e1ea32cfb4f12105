"""The audit trail of one verdict: every input and every intermediate value, with its formula.

Everything is read off the `Evaluation` (which records the points its pace and trend used and the
rule that decided it), so the trail can never disagree with `status`. Each formula is shown once
in symbols and once with the numbers substituted (six decimals, six significant digits below 0.1:
see `fmt`), so that an analyst can redo the arithmetic by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.data.models import Bound, Direction, Kind, Observation
from cqip.data.numbers import exact
from cqip.verdicts.evaluation import (
    ACCELERATION_RATIO,
    AT_RISK_POINTS,
    ON_COURSE_RATIO,
    STAGNATING_RATIO,
    Evaluation,
    Outlook,
    Rule,
    Status,
)
from cqip.views.document import Block, Cell, Column, Document, Table, cell
from cqip.views.observations import observation_table
from cqip.views.targets import column, missing_text, missing_word, outlook_word, rule_text, verdict
from cqip.views.words import word

USUAL_STEPS = (("f", "step.f"), ("E", "step.E"), ("p", "step.p"), ("p_e", "step.p_e"), ("A", "step.achievement"),
               ("r", "step.r"), ("P", "step.P"), ("r_T", "step.r_required"), ("R", "step.R"))


def fmt(value: float) -> str:
    """Six decimals, but six significant digits for a value under 0.1 (a growth of 0.00189843 a year,
    not 0.001898): redone from the numbers shown, a formula then gives the value shown to 1e-5."""
    return exact(value) if value == 0 or abs(value) >= 0.1 else f"{value:.6g}"


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
    lang: str

    @property
    def not_computed(self) -> list[str]:
        """The usual intermediate values this verdict did not need or could not have."""
        done = {step.symbol for step in self.steps}
        return [word(key, self.lang) for symbol, key in USUAL_STEPS if symbol not in done]

    @property
    def observations(self) -> tuple[Observation, ...]:
        return self.evaluation.used


def audit(ev: Evaluation, as_of: date, lang: str) -> Audit:
    """The trail in `lang`; JSON asks for it in English, its names being part of the machine interface."""
    steps = [*_target_steps(ev, lang), *_sum_steps(ev, lang), *_pace_steps(ev, lang), *_achievement_steps(ev, lang),
             *_rise_steps(ev, lang), *_trend_steps(ev, lang), *_window_steps(ev, lang)]
    return Audit(ev, as_of, _inputs(ev, as_of, lang), steps, _decision(ev, lang), _outlook_decision(ev, lang), lang)


def _inputs(ev: Evaluation, as_of: date, lang: str) -> list[Input]:
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    target = ev.target
    rows = [Input("", w("in.as_of"), as_of.isoformat(), w("in.as_of_note")),
            Input("", w("in.scope"), ev.scope or w("in.scope_blank"),
                  w("in.scope_target") if target.scope is not None else w("in.scope_latest"))]
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        rows.append(Input("", w("in.window"), f"{target.window[0]}–{target.window[1]}", "targets.yaml"))
    else:
        rows.append(Input("b", w("in.baseline_year"), target.start, w("in.plan_default")))
        rows.append(Input("v_b", w("in.baseline_value"), ev.baseline_value, ev.baseline_from or w("in.not_observed")))
    if ev.path is not None:
        start = ev.path.start
        note = ("in.path_start_window" if target.kind is Kind.CUMULATIVE else
                "in.path_start_baseline" if ev.baseline_value is not None else "in.path_start_first")
        rows.append(Input("(t0, v0)", w("in.path_start"), f"({fmt(start.t)}, {fmt(start.value)})",
                          w(note, year=target.start)))
        rows.append(Input("", w("in.model"), w("in.compound" if ev.path.compound else "in.linear"),
                          w("in.model_note")))
    rows.append(Input("d", w("in.deadline"), target.end, w("in.plan_default")))
    for symbol, key, value in (("T", "in.target_value", target.value), ("k", "in.factor", target.factor),
                               ("g", "in.rate", target.rate), ("m", "in.min_change", target.min_change),
                               ("a", "in.approx", target.approx)):
        if value is not None:
            rows.append(Input(symbol, w(key), value, w("in.from_clause")))
    if target.direction is Direction.LOWER:
        rows.append(Input("", w("in.direction"), w("in.lower_is_better"), "targets.yaml"))
    if ev.latest is not None and target.kind is not Kind.CUMULATIVE:
        latest = ev.latest
        shown: float | str = f"≥ {fmt(latest.value)}" if latest.bound is Bound.MIN else latest.value
        rows.append(Input("t", w("in.time_of_latest", period=latest.period), fmt(latest.period.t), w("in.time_note")))
        rows.append(Input(w("sym.actual"), w("in.latest", period=latest.period), shown, latest.where))
    newest = ev.newest
    if newest is not None and newest.period.t > target.end:
        rows.append(Input("", w("in.newest", period=newest.period), newest.value, w("in.newest_note", end=target.end)))
    return rows


def _target_steps(ev: Evaluation, lang: str) -> list[Step]:
    target, v_b, t_value = ev.target, ev.baseline_value, ev.target_value
    steps: list[Step] = []
    if t_value is not None and v_b is not None:
        if target.kind is Kind.MULTIPLE:
            steps.append(Step("T", word("step.T", lang), "k × v_b", f"{fmt(target.factor or 0)} × {fmt(v_b)}", t_value))
        elif target.kind is Kind.GROWTH:
            steps.append(Step("T", word("step.T", lang), "v_b × (1 + g)^(d − b)",
                              f"{fmt(v_b)} × (1 + {fmt(target.rate or 0)})^({target.end} − {target.start})", t_value))
        elif target.kind is Kind.INCREASE:
            rise = fmt(target.min_change or 0)
            steps.append(Step("T", word("step.T", lang), "v_b × (1 + m)", f"{fmt(v_b)} × (1 + {rise})", t_value))
    if target.approx is not None and ev.bar is not None and t_value is not None:
        sign = "−" if target.direction is Direction.HIGHER else "+"
        steps.append(Step(word("sym.bar", lang), word("step.bar", lang), f"T × (1 {sign} a)",
                          f"{fmt(t_value)} × (1 {sign} {fmt(target.approx)})", ev.bar))
    return steps


def _sum_steps(ev: Evaluation, lang: str) -> list[Step]:
    """Cumulative targets: the actual is the sum of the window's figures."""
    if ev.target.kind is not Kind.CUMULATIVE or ev.actual is None:
        return []
    periods = ", ".join(str(o.period) for o in ev.used)
    terms = " + ".join(fmt(o.value) for o in ev.used)
    return [Step(word("sym.actual", lang), word("step.sum", lang, periods=periods), word("formula.sum", lang), terms,
                 ev.actual)]


def _pace_steps(ev: Evaluation, lang: str) -> list[Step]:
    steps: list[Step] = []
    path, at, t_value = ev.path, ev.pace, ev.target_value
    if path is None or t_value is None:
        return steps
    start = path.start
    s0, st = fmt(start.value), fmt(t_value)
    if at is not None and ev.elapsed is not None and ev.expected is not None:
        steps.append(Step("f", word("step.f", lang), "(t − t0) / (d − t0)",
                          f"({fmt(at.t)} − {fmt(start.t)}) / ({ev.target.end} − {fmt(start.t)})", ev.elapsed))
        sf = fmt(ev.elapsed)
        if path.compound:
            step = Step("E", word("step.E_compound", lang), "v0 × (T / v0)^f", f"{s0} × ({st} / {s0})^{sf}",
                        ev.expected)
        else:
            step = Step("E", word("step.E_linear", lang), "v0 + (T − v0) × f", f"{s0} + ({st} − {s0}) × {sf}",
                        ev.expected)
        steps.append(step)
    actual = at.value if at is not None else ev.actual
    if ev.progress is not None and actual is not None:
        steps.append(Step("p", word("step.p", lang), f"({word('sym.actual', lang)} − v0) / (T − v0)",
                          f"({fmt(actual)} − {s0}) / ({st} − {s0})", ev.progress))
    if ev.expected_progress is not None and ev.expected is not None and ev.progress is not None:
        steps.append(Step("p_e", word("step.p_e", lang), "(E − v0) / (T − v0)",
                          f"({fmt(ev.expected)} − {s0}) / ({st} − {s0})", ev.expected_progress))
        steps.append(Step(word("sym.behind", lang), word("step.behind", lang), "p_e − p",
                          f"{fmt(ev.expected_progress)} − {fmt(ev.progress)}", ev.expected_progress - ev.progress))
    return steps


def _achievement_steps(ev: Evaluation, lang: str) -> list[Step]:
    if ev.achievement is None or ev.actual is None or ev.target_value is None:
        return []
    name, actual = word("step.A", lang), word("sym.actual", lang)
    if ev.target.direction is Direction.LOWER:
        return [Step("A", name, f"T / {actual}", f"{fmt(ev.target_value)} / {fmt(ev.actual)}", ev.achievement)]
    return [Step("A", name, f"{actual} / T", f"{fmt(ev.actual)} / {fmt(ev.target_value)}", ev.achievement)]


def _rise_steps(ev: Evaluation, lang: str) -> list[Step]:
    """An increase target: the rise over the baseline, in percent, against the threshold m."""
    if ev.target.kind is not Kind.INCREASE or ev.rise is None or ev.actual is None or ev.baseline_value is None:
        return []
    v_b = fmt(ev.baseline_value)
    name = word("step.rise", lang, rise=f"{ev.rise:+.1%}", m=f"{ev.target.min_change or 0:.0%}")
    return [Step("rise", name, "(actual − v_b) / v_b", f"({fmt(ev.actual)} − {v_b}) / {v_b}", ev.rise)]


def _trend_steps(ev: Evaluation, lang: str) -> list[Step]:
    trend, rate, required, projected = ev.trend, ev.growth_rate, ev.required_growth, ev.projected
    if trend is None or rate is None or projected is None:
        return []
    start, end, deadline = trend.start, trend.end, ev.target.end
    points = f"({fmt(start.t)}, {fmt(start.value)}) → ({fmt(end.t)}, {fmt(end.value)})"
    if trend.compound:
        observed = Step("r", word("step.r_compound", lang, points=points), "(v1 / v0)^(1 / (t1 − t0)) − 1",
                        f"({fmt(end.value)} / {fmt(start.value)})^(1 / ({fmt(end.t)} − {fmt(start.t)})) − 1", rate)
        projection = Step("P", word("step.P_value", lang), "v1 × (1 + r)^(d − t1)",
                          f"{fmt(end.value)} × (1 + {fmt(rate)})^({deadline} − {fmt(end.t)})", projected)
    else:
        observed = Step("r", word("step.r_linear", lang, points=points), "(v1 − v0) / (t1 − t0)",
                        f"({fmt(end.value)} − {fmt(start.value)}) / ({fmt(end.t)} − {fmt(start.t)})", rate)
        projection = Step("P", word("step.P_value", lang), "v1 + r × (d − t1)",
                          f"{fmt(end.value)} + {fmt(rate)} × ({deadline} − {fmt(end.t)})", projected)
    steps = [observed, projection]
    if ev.path is not None and required is not None:
        t0, v0, t_value = fmt(ev.path.start.t), fmt(ev.path.start.value), fmt(ev.path.end.value)
        if trend.compound:
            steps.append(Step("r_T", word("step.r_required", lang), "(T / v0)^(1 / (d − t0)) − 1",
                              f"({t_value} / {v0})^(1 / ({deadline} − {t0})) − 1", required))
        else:
            steps.append(Step("r_T", word("step.r_required", lang), "(T − v0) / (d − t0)",
                              f"({t_value} − {v0}) / ({deadline} − {t0})", required))
    if ev.outlook_ratio is not None and required is not None:
        steps.append(Step("R", word("step.R", lang), "r / r_T", f"{fmt(rate)} / {fmt(required)}", ev.outlook_ratio))
    return steps


def _window_steps(ev: Evaluation, lang: str) -> list[Step]:
    """A cumulative window with holes: what each year without a figure must still bring."""
    needed, target = ev.needed_per_missing_year, ev.target
    if needed is None or target.window is None or target.value is None:
        return []
    first, last = target.window
    have = {o.period.year for o in ev.used if o.period.is_full_year}
    count = sum(1 for y in range(first, last + 1) if y not in have)
    known = sum(o.value for o in ev.used if o.period.is_full_year)
    return [Step("n", word("step.needed", lang), word("formula.needed", lang),
                 f"({fmt(target.value)} − {fmt(known)}) / {count}", needed)]


def _decision(ev: Evaluation, lang: str) -> str:
    """The comparison that applied, so the reader can check it against the steps above."""
    higher = ev.target.direction is Direction.HIGHER
    meets, misses = ("≥", "<") if higher else ("≤", ">")
    if ev.target.kind is Kind.INCREASE and not ev.target.min_change:  # strictly beyond the baseline
        meets, misses = (">", "≤") if higher else ("<", "≥")
    if ev.status is Status.ACHIEVED and ev.bar is not None:
        # A point target is met by its last figure used: the latest one, or a year-to-date proof.
        value = ev.actual if ev.target.kind is Kind.CUMULATIVE else ev.used[-1].value
        assert value is not None
        return word("decision.met", lang, value=fmt(value), op=meets, bar=fmt(ev.bar), since=ev.achieved_in)
    if ev.status is Status.MISSED and ev.actual is not None and ev.bar is not None:
        return word("decision.missed", lang, value=fmt(ev.actual), op=misses, bar=fmt(ev.bar), end=ev.target.end)
    if ev.reason is Rule.OUTSIDE_BAND and ev.actual is not None and ev.bar is not None:
        return word("decision.outside_band", lang, actual=fmt(ev.actual), op=misses, bar=fmt(ev.bar))
    if ev.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK) and ev.pace is not None:
        assert ev.expected is not None
        actual, expected = fmt(ev.pace.value), fmt(ev.expected)
        if ev.status is Status.ON_TRACK:
            return word("decision.on_path", lang, actual=actual, op=meets, expected=expected)
        behind = fmt((ev.expected_progress or 0) - (ev.progress or 0))
        relation = "≤" if ev.status is Status.AT_RISK else ">"
        return word("decision.behind", lang, actual=actual, op=misses, expected=expected, behind=behind, rel=relation,
                    limit=fmt(AT_RISK_POINTS))
    if ev.status is Status.OFF_TRACK and ev.path is not None and ev.actual is not None and ev.bar is not None:
        return word("decision.fell_back", lang, start=fmt(ev.path.start.value), actual=fmt(ev.actual), meets=meets,
                    misses=misses, bar=fmt(ev.bar))
    if ev.status is Status.OFF_TRACK and ev.actual is not None and ev.bar is not None:
        return word("decision.below_base", lang, actual=fmt(ev.actual), op=misses, bar=fmt(ev.bar))
    if ev.missing:
        return word("decision.missing", lang, items=missing_text(ev.missing, lang))
    return ""


def _outlook_decision(ev: Evaluation, lang: str) -> str:
    """The comparison behind the outlook, or why there is none."""
    if ev.final:
        return word("outlook.final", lang, end=ev.target.end)
    if ev.outlook is None:
        return ""
    r, best = ev.outlook_ratio, ev.best_year
    if ev.needed_per_missing_year is not None and best is not None and r is None:
        return word("outlook.holes", lang, needed=fmt(ev.needed_per_missing_year), best=fmt(best.value),
                    period=best.period)
    if r is None:
        projected, bar = fmt(ev.projected or 0), fmt(ev.bar if ev.bar is not None else 0)
        key = "outlook.stays" if ev.outlook is Outlook.ON_COURSE else (
            "outlook.fell_back" if ev.status is Status.OFF_TRACK else "outlook.loses")
        return word(key, lang, projected=projected, bar=bar, end=ev.target.end)
    if r >= ON_COURSE_RATIO:
        return f"R = {fmt(r)} ≥ {fmt(ON_COURSE_RATIO)}"
    if r >= ACCELERATION_RATIO:
        return f"{fmt(ACCELERATION_RATIO)} ≤ R = {fmt(r)} < {fmt(ON_COURSE_RATIO)}"
    if r >= STAGNATING_RATIO:
        return f"{fmt(STAGNATING_RATIO)} ≤ R = {fmt(r)} < {fmt(ACCELERATION_RATIO)}"
    return f"R = {fmt(r)} < {fmt(STAGNATING_RATIO)}"


def to_data(ev: Evaluation, as_of: date) -> dict[str, Any]:
    """The trail as plain data for `--format json`: always in English, as every machine interface."""
    trail = audit(ev, as_of, "en")
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
        "rule": rule_text(ev.reason, ev, "en"),
        "decision": trail.decision,
        "outlook": ev.outlook.value if ev.outlook else None,
        "outlook_decision": trail.outlook_decision,
        "missing": [missing_word(m, "en") for m in ev.missing],
        "scope": ev.scope,
        "not_used": [{"period": str(o.period), "value": o.value, "scope": o.scope, "where": o.where}
                     for o in ev.other_scope],
        "not_computed": trail.not_computed,
    }


def document(trail: Audit) -> Document:
    """Inputs, observations used, each step as formula then numbers, then the rules that decided."""
    ev, lang = trail.evaluation, trail.lang
    target, indicator = ev.target, ev.indicator
    title = word("head.explain_title", lang, id=target.id, name=indicator.zh if lang == "zh" else indicator.en,
                 unit=indicator.unit, kind=word(f"kind.{target.kind.value}", lang))
    inputs = Table((Column("symbol", ""), column("input", lang), column("value", lang), column("from", lang)),
                   tuple((cell(i.symbol), cell(i.name), cell(_value(i.value),
                                                             value=i.value if i.value is not None else ""),
                          cell(i.source)) for i in trail.inputs))
    used = observation_table(trail.observations, (), lang)
    steps: list[str | Cell] = []
    for step in trail.steps:
        steps += [Cell(f"  {step.symbol} = {step.formula}   ({step.name})", "bold"),
                  f"      = {step.substituted} = {fmt(step.value)}"]
    if trail.not_computed:
        steps.append(Cell(word("line.not_computed", lang, items=word("list_sep",
                                                                     lang).join(trail.not_computed)), "dim"))
    status, decision, outlook = verdict_sentences(trail)
    verdict_lines: list[str | Cell] = [Cell(status, f"status.{ev.status.value}"),
                                       *([f"  {decision}"] if decision else [])]
    if ev.outlook is not None:
        verdict_lines.append(Cell(outlook, f"outlook.{ev.outlook.value}"))
    return Document(title, (
        Block(lines=(f"「{target.clause}」",), table=inputs),
        Block(word("head.used", lang), lines=() if trail.observations else (word("none", lang),),
              table=used if trail.observations else None),
        *([Block(word("head.not_used", lang), table=observation_table(ev.other_scope, (), lang))]
          if ev.other_scope else []),
        Block(word("head.steps", lang), lines=tuple(steps)),
        Block(lines=tuple(verdict_lines)),
    ), lang)


def verdict_sentences(trail: Audit) -> tuple[str, str, str]:
    """The verdict in words: the status and the rule that decided it, the comparison with its numbers
    (may be empty), the outlook and why (or why there is none: the deadline has passed). The HTML page's
    panels say the same."""
    ev, lang = trail.evaluation, trail.lang
    status = f"{word('line.status', lang)}{verdict(ev, lang)} — {rule_text(ev.reason, ev, lang)}"
    outlook = (f"{word('line.outlook', lang)}{outlook_word(ev.outlook, lang)} — {trail.outlook_decision}"
               if ev.outlook is not None else trail.outlook_decision)
    return status, trail.decision, outlook


def _value(value: float | str | None) -> str:
    if value is None:
        return "–"
    return fmt(value) if isinstance(value, float | int) else value
