"""`explain`'s audit trail against hand calculations, one target of every kind.

Each test states the arithmetic an analyst would do by hand; the trail must show the same
numbers, and every substituted formula must evaluate to the value it claims.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cqip.data.models import Indicator, Observation, Target
from cqip.verdicts.evaluation import Evaluation, Missing, Rule, Status, evaluate
from cqip.views.explain import Audit, audit
from test_evaluation import FLOW, STOCK, obs, target


def approx(value: float) -> object:
    """Hand calculations carry six decimals."""
    return pytest.approx(value, rel=1e-5)


def trail_of(t: Target, indicator: Indicator, data: list[Observation], as_of: date) -> Audit:
    return audit(evaluate(t, indicator, data, as_of), as_of, "en")


def values(trail: Audit) -> dict[str, float]:
    return {step.symbol: step.value for step in trail.steps}


def substituted(trail: Audit, symbol: str) -> str:
    return next(step.substituted for step in trail.steps if step.symbol == symbol)


def expect_steps(trail: Audit, **expected: float | tuple[float, str]) -> None:
    """Each named step's value to a millionth and, where given, its formula with the numbers put in."""
    got = {symbol: (values(trail)[symbol], substituted(trail, symbol)) for symbol in expected}
    assert got == {symbol: (approx(want[0]), want[1]) if isinstance(want, tuple)
                   else (approx(want), got[symbol][1]) for symbol, want in expected.items()}


def recompute(expression: str) -> float:
    """Evaluate a substituted formula as the analyst would, with a calculator."""
    python = expression.replace("×", "*").replace("−", "-").replace("^", "**")
    return float(eval(python, {"__builtins__": {}}))


def assert_redoable(trail: Audit) -> None:
    for step in trail.steps:
        assert recompute(step.substituted) == pytest.approx(step.value, rel=1e-4, abs=1e-6), step


def test_level_pace() -> None:
    # (2015, 4) → target 8 in 2020; 6 in 2018, as of mid-2019.
    # f = (2018 − 2015)/(2020 − 2015) = 0.6; E = 4 + (8 − 4)·0.6 = 6.4
    # p = (6 − 4)/(8 − 4) = 0.5; p_e = (6.4 − 4)/4 = 0.6; behind 0.1 ≤ 0.1 → at risk
    # A = 6/8 = 0.75; one linear model: r = (6 − 4)/(2018 − 2015) = 0.666667 a year,
    # P = 6 + 0.666667·(2020 − 2018) = 7.333333; r_T = (8 − 4)/(2020 − 2015) = 0.8
    # R = r / r_T = 0.833333, in [0.6, 0.95) → acceleration needed
    trail = trail_of(target(), STOCK, obs(("2015", 4), ("2018", 6)), date(2019, 6, 30))
    got = values(trail)
    assert got["f"] == approx(0.6) and got["E"] == approx(6.4)
    assert got["p"] == approx(0.5) and got["p_e"] == approx(0.6) and got["behind"] == approx(0.1)
    assert got["A"] == approx(0.75)
    assert got["r"] == approx(0.666667) and got["P"] == approx(7.333333)
    assert got["r_T"] == approx(0.8) and got["R"] == approx(0.833333)
    assert substituted(trail, "f") == "(2018 − 2015) / (2020 − 2015)"
    assert substituted(trail, "E") == "4 + (8 − 4) × 0.6"
    assert substituted(trail, "P") == "6 + 0.666667 × (2020 − 2018)"
    assert substituted(trail, "R") == "0.666667 / 0.8"
    assert trail.evaluation.status is Status.AT_RISK
    assert trail.decision == "actual 6 < expected 6.4; behind 0.1 ≤ 0.1"
    assert trail.outlook_decision == "0.6 ≤ R = 0.833333 < 0.95"
    assert [o.where for o in trail.observations] == ["f.csv:2", "f.csv:3"]
    inputs = {i.symbol: i for i in trail.inputs}
    assert inputs["v_b"].value == 4 and inputs["v_b"].source == "f.csv:2"
    assert inputs["b"].value == 2015 and inputs["d"].value == 2020 and inputs["T"].value == 8
    assert trail.not_computed == []
    assert_redoable(trail)


def test_level_approx_bar_and_achievement() -> None:
    # 500个左右 with a = 0.1: bar = 500·(1 − 0.1) = 450; 460 ≥ 450 → achieved in 2019.
    # A = 460/500 = 0.92 (achievement is against T itself, not the bar).
    trail = trail_of(target(value=500, approx=0.1), STOCK, obs(("2015", 100), ("2019", 460)), date(2020, 1, 1))
    assert values(trail)["bar"] == approx(450)
    assert substituted(trail, "bar") == "500 × (1 − 0.1)"
    assert values(trail)["A"] == approx(0.92)
    assert trail.evaluation.status is Status.ACHIEVED
    assert trail.decision == "460 ≥ 450, met since 2019"
    assert trail.evaluation.reason is Rule.LATEST_MEETS
    assert "elapsed fraction" in trail.not_computed  # decided before any pace was measured
    assert_redoable(trail)


def test_lower_is_better_level() -> None:
    # A rank from 20 (2015) to 10 (2020); 15 in 2018.
    # f = 0.6; E = 20 + (10 − 20)·0.6 = 14; p = (15 − 20)/(10 − 20) = 0.5; p_e = (14 − 20)/(−10) = 0.6
    # behind 0.1 → at risk; A = T/actual = 10/15 = 0.666667
    # r = (15 − 20)/3 = −1.666667 a year; P = 15 − 1.666667·2 = 11.666667; r_T = (10 − 20)/5 = −2
    # R = −1.666667 / −2 = 0.833333 → acceleration needed
    trail = trail_of(target(value=10, direction="lower"), STOCK, obs(("2015", 20), ("2018", 15)), date(2019, 1, 1))
    got = values(trail)
    assert got["E"] == approx(14) and got["p"] == approx(0.5) and got["p_e"] == approx(0.6)
    assert got["A"] == approx(10 / 15)
    assert substituted(trail, "A") == "10 / 15"
    assert got["r"] == approx(-1.666667) and got["P"] == approx(11.666667) and got["R"] == approx(0.833333)
    assert trail.decision == "actual 15 > expected 14; behind 0.1 ≤ 0.1"
    assert any(i.value == "lower is better" for i in trail.inputs)
    assert_redoable(trail)


def test_annual() -> None:
    # Flow 10 000 (2015) → 20 000 (2020); 13 000 in 2017, as of mid-2018.
    # f = 2/5 = 0.4; E = 10000 + 10000·0.4 = 14000; p = 0.3; p_e = 0.4 → 10 points → at risk
    # A = 13000/20000 = 0.65; r = (13000 − 10000)/2 = 1500 a year; P = 13000 + 1500·3 = 17500
    # r_T = (20000 − 10000)/5 = 2000; R = 0.75 → acceleration needed (0.6 ≤ R < 0.95)
    t = target("annual", value=20000)
    trail = trail_of(t, FLOW, obs(("2015", 10000), ("2017", 13000), indicator=FLOW), date(2018, 6, 30))
    got = values(trail)
    assert got["E"] == approx(14000) and got["A"] == approx(0.65)
    assert got["r"] == approx(1500) and got["P"] == approx(17500) and got["R"] == approx(0.75)
    assert trail.outlook_decision == "0.6 ≤ R = 0.75 < 0.95"
    assert_redoable(trail)


def test_annual_year_to_date_proof() -> None:
    # 21 000 by June 2018 already exceeds 20 000: flows do not shrink within a year.
    t = target("annual", value=20000)
    data = obs(("2015", 10000), ("2017", 13000), ("2018-06", 21000), indicator=FLOW)
    trail = trail_of(t, FLOW, data, date(2018, 6, 30))
    assert trail.decision == "21000 ≥ 20000, met since 2018-06"
    assert trail.evaluation.reason is Rule.YTD_PROOF
    assert [str(o.period) for o in trail.observations] == ["2015", "2017", "2018-06"]


def test_cumulative() -> None:
    # 400 (2016) + 450 (2017) = 850; path from (2015, 0) to (2020, 2500).
    # f = (2017 − 2015)/5 = 0.4; E = 0 + 2500·0.4 = 1000; p = 850/2500 = 0.34; p_e = 0.4 → at risk
    # The running sum's linear model: r = (850 − 0)/(2017 − 2015) = 425 a year; P = 850 + 425·3 = 2125
    # r_T = 2500/5 = 500; R = 425/500 = 0.85 → acceleration needed
    t = target("cumulative", value=2500, window=[2016, 2020])
    trail = trail_of(t, FLOW, obs(("2016", 400), ("2017", 450), indicator=FLOW), date(2018, 6, 30))
    got = values(trail)
    assert got["actual"] == 850 and substituted(trail, "actual") == "400 + 450"
    assert got["f"] == approx(0.4) and got["E"] == approx(1000)
    assert got["p"] == approx(0.34) and got["behind"] == approx(0.06)
    assert got["r"] == approx(425) and got["P"] == approx(2125) and got["R"] == approx(0.85)
    assert substituted(trail, "P") == "850 + 425 × (2020 − 2017)"
    inputs = {i.name: i for i in trail.inputs}
    assert inputs["path start"].value == "(2015, 0)" and inputs["window"].value == "2016–2020"
    assert_redoable(trail)


def test_multiple() -> None:
    # 翻一番 from 50: T = 2·50 = 100; E = 50·(100/50)^0.6 = 75.785828
    # p = (70 − 50)/50 = 0.4; p_e = (75.785828 − 50)/50 = 0.515717; behind 0.115717 > 0.1 → off track
    t = target("multiple", factor=2)
    trail = trail_of(t, FLOW, obs(("2015", 50), ("2018", 70), indicator=FLOW), date(2019, 1, 1))
    expect_steps(trail, T=(100, "2 × 50"), E=(75.785828, "50 × (100 / 50)^0.6"), behind=0.115717)
    assert trail.decision == "actual 70 < expected 75.785828; behind 0.115717 > 0.1"
    assert trail.evaluation.status is Status.OFF_TRACK
    assert_redoable(trail)


def test_growth() -> None:
    # +20 % a year from 1.0: T = 1·(1 + 0.2)^(2020 − 2015) = 2.48832; E at 2017 = 2.48832^0.4 = 1.44
    # 1.44 ≥ 1.44 → on track.
    t = target("growth", rate=0.2)
    trail = trail_of(t, FLOW, obs(("2015", 1.0), ("2017", 1.44), indicator=FLOW), date(2018, 3, 1))
    expect_steps(trail, T=(2.48832, "1 × (1 + 0.2)^(2020 − 2015)"), E=1.44)
    assert trail.decision == "actual 1.44 ≥ expected 1.44"
    assert_redoable(trail)


def test_increase_without_a_threshold() -> None:
    # m = 0: T = 100·(1 + 0) = 100; 90 is not strictly above → off track; A = 90/100 = 0.9.
    # There is no path to a target equal to its start, so no trend either.
    trail = trail_of(target("increase", min_change=0), STOCK, obs(("2015", 100), ("2018", 90)), date(2019, 1, 1))
    got = values(trail)
    assert got["T"] == 100 and got["A"] == approx(0.9) and got["rise"] == approx(-0.1)
    assert trail.decision == "actual 90 ≤ baseline 100"  # not strictly above: no increase
    assert "outlook ratio" in trail.not_computed
    assert_redoable(trail)


def test_increase_with_a_threshold_shows_the_rise_against_it() -> None:
    # 大幅增长 read as +20 %: T = 100·(1 + 0.2) = 120; 125 in 2018 is a rise of 25 % ≥ 20 % → achieved.
    trail = trail_of(target("increase", min_change=0.2), STOCK, obs(("2015", 100), ("2018", 125)), date(2019, 1, 1))
    assert substituted(trail, "T") == "100 × (1 + 0.2)"
    assert substituted(trail, "rise") == "(125 − 100) / 100"
    rise = "rise over the baseline, +25.0% against the threshold 20%"
    assert [s.name for s in trail.steps if s.symbol == "rise"] == [rise]
    assert trail.decision == "125 ≥ 120, met since 2018"


def test_missed() -> None:
    # The 2020 figure 7 falls short of 8: p = (7 − 4)/(8 − 4) = 0.75.
    trail = trail_of(target(), STOCK, obs(("2015", 4), ("2020", 7)), date(2021, 6, 30))
    assert values(trail)["p"] == approx(0.75)
    assert trail.decision == "7 < 8 at the deadline 2020"


def test_cumulative_with_only_a_year_to_date_figure_is_incomplete_not_a_crash() -> None:
    t = target("cumulative", value=2500, window=[2016, 2020])
    ev = evaluate(t, FLOW, obs(("2016-06", 100), indicator=FLOW), date(2016, 7, 1))
    assert ev.status is Status.INCOMPLETE and ev.missing == (Missing("year", 2016),)


STEP_FIELDS = {"T": "target_value", "f": "elapsed", "E": "expected", "p": "progress", "p_e": "expected_progress",
               "A": "achievement", "r": "growth_rate", "r_T": "required_growth", "P": "projected", "R": "outlook_ratio",
               "bar": "bar", "n": "needed_per_missing_year", "rise": "rise"}
KINDS = st.sampled_from([("level", {}), ("level", {"approx": 0.1}), ("level", {"direction": "lower"}),
                         ("annual", {}), ("cumulative", {"window": [2016, 2020]}), ("multiple", {"factor": 2}),
                         ("growth", {"rate": 0.2}), ("increase", {"min_change": 0}),
                         ("increase", {"min_change": 0.2})])


@settings(max_examples=200, deadline=None)
@given(kind=KINDS, figures=st.dictionaries(st.integers(2014, 2022), st.integers(1, 400), max_size=7),
       as_of_year=st.integers(2015, 2023))
def test_trail_is_the_evaluation_and_can_be_redone(kind: tuple[str, dict], figures: dict[int, int],
                                                   as_of_year: int) -> None:
    name, fields = kind
    value = {"level": 200, "annual": 200, "cumulative": 600}.get(name)
    t = target(name, **({"value": value} if value else {}), **fields)
    indicator = FLOW if name in ("annual", "cumulative", "growth", "multiple") else STOCK
    ev: Evaluation = evaluate(t, indicator, obs(*((str(y), v) for y, v in figures.items()), indicator=indicator),
                              date(as_of_year, 12, 31))
    trail = audit(ev, date(as_of_year, 12, 31), "en")
    for step in trail.steps:
        if step.symbol in STEP_FIELDS:
            assert step.value == getattr(ev, STEP_FIELDS[step.symbol])
    assert_redoable(trail)
    assert ev.reason


def test_explain_cli_text(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "explain", "patents_2020", "--year", "2018")
    assert result.exit_code == 0, result.output
    assert "f = (t − t0) / (d − t0)" in result.output
    assert "= (2018 − 2015) / (2020 − 2015) = 0.6" in result.output
    assert "= 4 + (8 − 4) × 0.6 = 6.4" in result.output
    assert "状态：略有滞后 — 落后于预期路径，但不超过进度的10%" in result.output
    assert "实际 6 < 预期 6.4；落后 0.1 ≤ 0.1" in result.output
    assert "main.csv:3" in result.output


def test_explain_cli_lang_en(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "explain", "patents_2020", "--year", "2018", "--lang", "en")
    assert "Status: at risk — " in result.output
    assert "Outlook: accelerate — 0.6 ≤ R = 0.833333 < 0.95" in result.output


def test_explain_cli_json(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "explain", "pct_2016_2020", "--year", "2017", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    steps = {s["symbol"]: s for s in data["steps"]}
    # 400 + 450 = 850 by 2017; E = 2500·(2017 − 2015)/5 = 1000.
    assert steps["actual"]["value"] == 850 and steps["E"]["value"] == pytest.approx(1000)
    assert steps["E"]["substituted"] == "0 + (2500 − 0) × 0.4"
    assert data["status"] == "at_risk" and data["rule"].startswith("behind the path")
    assert [o["period"] for o in data["observations"]] == ["2016", "2017"]


def test_explain_unknown_target(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "explain", "patents_202")
    assert result.exit_code == 2
    assert result.output == "Error: unknown target 'patents_202' (did you mean patents_2020?)\n"


def test_small_values_keep_six_significant_digits_so_a_formula_can_be_redone() -> None:
    from cqip.views.explain import fmt

    # r = −0.0018984321 a year over r_T = 0.148698: shown as −0.001898 the ratio would come out as
    # −0.0127641, 2.3e-4 away from the −0.0127670 computed; with six significant digits it is within 1e-6.
    assert [fmt(v) for v in (-0.0018984321, 0.148698, 0.666666667, 2566.50390625, 0.0, 1.5e-7)] == \
        ["-0.00189843", "0.148698", "0.666667", "2566.503906", "0", "1.5e-07"]
    assert recompute("-0.00189843 / 0.148698") == pytest.approx(-0.0018984321 / 0.148698, rel=1e-5)
