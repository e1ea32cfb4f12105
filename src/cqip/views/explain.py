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

from cqip.data.models import Direction, Kind, Observation
from cqip.data.numbers import exact as fmt
from cqip.verdicts.evaluation import AT_RISK_POINTS, ON_COURSE_RATIO, STAGNATING_RATIO, Evaluation, Status, path_start
from cqip.views.document import Block, Cell, Column, Document, Table, cell
from cqip.views.observations import observation_table
from cqip.views.targets import column, missing_text, outlook_word, rule_text, verdict
from cqip.views.words import word

USUAL_STEPS = (("f", "step.f"), ("E", "step.E"), ("p", "step.p"), ("p_e", "step.p_e"), ("A", "step.achievement"),
               ("r", "step.r"), ("P", "step.P"), ("R", "step.R"))


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
             *_trend_steps(ev, lang)]
    return Audit(ev, as_of, _inputs(ev, as_of, lang), steps, _decision(ev, lang), _outlook_decision(ev), lang)


def _inputs(ev: Evaluation, as_of: date, lang: str) -> list[Input]:
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    target = ev.target
    rows = [Input("", w("in.as_of"), as_of.isoformat(), w("in.as_of_note"))]
    if target.kind is Kind.CUMULATIVE:
        assert target.window is not None
        start = path_start(target, ev.baseline_value)
        assert start is not None
        rows.append(Input("", w("in.window"), f"{target.window[0]}–{target.window[1]}", "targets.yaml"))
        rows.append(Input("b", w("in.path_start"), fmt(start.t), w("in.path_start_note")))
    else:
        rows.append(Input("b", w("in.baseline_year"), target.start, w("in.plan_default")))
        rows.append(Input("v_b", w("in.baseline_value"), ev.baseline_value, ev.baseline_from or w("in.not_observed")))
    rows.append(Input("d", w("in.deadline"), target.end, w("in.plan_default")))
    for symbol, key, value in (("T", "in.target_value", target.value), ("k", "in.factor", target.factor),
                               ("g", "in.rate", target.rate), ("a", "in.approx", target.approx)):
        if value is not None:
            rows.append(Input(symbol, w(key), value, w("in.from_clause")))
    if target.direction is Direction.LOWER:
        rows.append(Input("", w("in.direction"), w("in.lower_is_better"), "targets.yaml"))
    if ev.latest is not None and target.kind is not Kind.CUMULATIVE:
        latest = ev.latest
        rows.append(Input("t", w("in.time_of_latest", period=latest.period), fmt(latest.period.t), w("in.time_note")))
        rows.append(Input(w("sym.actual"), w("in.latest", period=latest.period), latest.value, latest.where))
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
            steps.append(Step("T", word("step.T", lang), word("formula.increase", lang), fmt(v_b), t_value))
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
    t_value = ev.target_value
    if ev.pace is not None and ev.elapsed is not None and ev.expected is not None and t_value is not None:
        start, at = ev.pace.start, ev.pace.at
        steps.append(Step("f", word("step.f", lang), "(t − b) / (d − b)",
                          f"({fmt(at.t)} − {fmt(start.t)}) / ({ev.target.end} − {fmt(start.t)})", ev.elapsed))
        s0, st, sf = fmt(start.value), fmt(t_value), fmt(ev.elapsed)
        if ev.pace.compound:
            step = Step("E", word("step.E_compound", lang), "v_b × (T / v_b)^f", f"{s0} × ({st} / {s0})^{sf}",
                        ev.expected)
        else:
            step = Step("E", word("step.E_linear", lang), "v_b + (T − v_b) × f", f"{s0} + ({st} − {s0}) × {sf}",
                        ev.expected)
        steps.append(step)
    v_b, actual = ev.baseline_value, ev.pace.at.value if ev.pace else ev.actual
    if ev.progress is not None and v_b is not None and actual is not None and t_value is not None:
        steps.append(Step("p", word("step.p", lang), f"({word('sym.actual', lang)} − v_b) / (T − v_b)",
                          f"({fmt(actual)} − {fmt(v_b)}) / ({fmt(t_value)} − {fmt(v_b)})", ev.progress))
    if ev.expected_progress is not None and ev.expected is not None and v_b is not None and t_value is not None:
        steps.append(Step("p_e", word("step.p_e", lang), "(E − v_b) / (T − v_b)",
                          f"({fmt(ev.expected)} − {fmt(v_b)}) / ({fmt(t_value)} − {fmt(v_b)})", ev.expected_progress))
        assert ev.progress is not None
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


def _trend_steps(ev: Evaluation, lang: str) -> list[Step]:
    trend, rate, projected = ev.trend, ev.growth_rate, ev.projected
    if trend is None or rate is None or projected is None:
        return []
    start, end, deadline = trend.start, trend.end, ev.target.end
    name = word("step.r_between", lang, t0=fmt(start.t), v0=fmt(start.value), t1=fmt(end.t), v1=fmt(end.value))
    steps = [Step("r", name, "(v1 / v0)^(1 / (t1 − t0)) − 1",
                  f"({fmt(end.value)} / {fmt(start.value)})^(1 / ({fmt(end.t)} − {fmt(start.t)})) − 1", rate)]
    if ev.target.kind is Kind.CUMULATIVE:
        assert ev.actual is not None
        later = range(int(end.t) + 1, deadline + 1)
        terms = " + ".join(f"{fmt(end.value)} × (1 + {fmt(rate)})^{y - int(end.t)}" for y in later)
        steps.append(Step("P", word("step.P_sum", lang), word("formula.projected_sum", lang),
                          f"{fmt(ev.actual)} + {terms}" if terms else fmt(ev.actual), projected))
    else:
        years = max(0.0, deadline - end.t)
        steps.append(Step("P", word("step.P_value", lang), "v1 × (1 + r)^max(0, d − t1)",
                          f"{fmt(end.value)} × (1 + {fmt(rate)})^{fmt(years)}", projected))
    if ev.outlook_ratio is not None and ev.target_value is not None:
        origin = "step.R_sum" if ev.target.kind is Kind.CUMULATIVE else "step.R_base"
        steps.append(Step("R", word(origin, lang), "(P − v0) / (T − v0)",
                          f"({fmt(projected)} − {fmt(trend.base)}) / ({fmt(ev.target_value)} − {fmt(trend.base)})",
                          ev.outlook_ratio))
    return steps


def _decision(ev: Evaluation, lang: str) -> str:
    """The comparison that applied, so the reader can check it against the steps above."""
    higher = ev.target.direction is Direction.HIGHER
    meets, misses = ("≥", "<") if higher else ("≤", ">")
    if ev.target.kind is Kind.INCREASE:  # strictly beyond the baseline
        meets, misses = (">", "≤") if higher else ("<", "≥")
    if ev.status is Status.ACHIEVED and ev.bar is not None:
        # A point target is met by its last figure used: the latest one, or a year-to-date proof.
        value = ev.actual if ev.target.kind is Kind.CUMULATIVE else ev.used[-1].value
        assert value is not None
        return word("decision.met", lang, value=fmt(value), op=meets, bar=fmt(ev.bar), since=ev.achieved_in)
    if ev.status is Status.MISSED and ev.actual is not None and ev.bar is not None:
        return word("decision.missed", lang, value=fmt(ev.actual), op=misses, bar=fmt(ev.bar), end=ev.target.end)
    if ev.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK) and ev.pace is not None:
        assert ev.expected is not None
        actual, expected = fmt(ev.pace.at.value), fmt(ev.expected)
        if ev.status is Status.ON_TRACK:
            return word("decision.on_path", lang, actual=actual, op=meets, expected=expected)
        behind = fmt((ev.expected_progress or 0) - (ev.progress or 0))
        relation = "≤" if ev.status is Status.AT_RISK else ">"
        return word("decision.behind", lang, actual=actual, op=misses, expected=expected, behind=behind, rel=relation,
                    limit=fmt(AT_RISK_POINTS))
    if ev.status is Status.OFF_TRACK and ev.actual is not None and ev.bar is not None:
        return word("decision.below_base", lang, actual=fmt(ev.actual), op=misses, bar=fmt(ev.bar))
    if ev.missing:
        return word("decision.missing", lang, items=missing_text(ev.missing, lang))
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
        "missing": [word(f"missing.{m.what}", "en", year=m.year) for m in ev.missing],
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
    verdict_lines: list[str | Cell] = [
        Cell(f"{word('line.status', lang)}{verdict(ev, lang)} — {rule_text(ev.reason, ev, lang)}",
             f"status.{ev.status.value}"),
        *([f"  {trail.decision}"] if trail.decision else []),
    ]
    if ev.outlook is not None:
        outlook = f"{word('line.outlook', lang)}{outlook_word(ev.outlook, lang)} — {trail.outlook_decision}"
        verdict_lines.append(Cell(outlook, f"outlook.{ev.outlook.value}"))
    return Document(title, (
        Block(lines=(f"「{target.clause}」",), table=inputs),
        Block(word("head.used", lang), lines=() if trail.observations else (word("none", lang),),
              table=used if trail.observations else None),
        Block(word("head.steps", lang), lines=tuple(steps)),
        Block(lines=tuple(verdict_lines)),
    ), lang)


def _value(value: float | str | None) -> str:
    if value is None:
        return "–"
    return fmt(value) if isinstance(value, float | int) else value
