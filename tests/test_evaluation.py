"""The evaluation maths, with every expected number worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from cqip.data.models import Indicator, Measure, Observation, Target
from cqip.data.periods import Period
from cqip.verdicts.evaluation import Missing, Outlook, Status, evaluate

STOCK = Indicator(id="stock", zh="存量", en="Stock", unit="件", measure=Measure.STOCK)
FLOW = Indicator(id="flow", zh="流量", en="Flow", unit="件", measure=Measure.FLOW)


def target(kind: str = "level", **fields: object) -> Target:
    fields.setdefault("value", 8 if kind in ("level", "annual", "cumulative") else None)
    return Target.model_validate({"id": "t", "indicator": "x", "section": "s", "kind": kind, "clause": "…",
                                  "baseline_year": 2015, "deadline": 2020, **fields})


def obs(*pairs: tuple[str, float], indicator: Indicator = STOCK) -> list[Observation]:
    made = [Observation(indicator.id, Period.parse(p), v, indicator.unit, f"src-{p}", "", "f.csv", i + 2)
            for i, (p, v) in enumerate(pairs)]
    return sorted(made, key=lambda o: o.period.t)


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-6)


class TestLevel:
    def test_at_risk_exactly_ten_points_behind(self) -> None:
        # Line from (2015, 4) to (2020, 8); at 2018: f = 3/5, expected = 4 + 4·0.6 = 6.4.
        # Progress (6 − 4)/4 = 0.5 against 0.6 expected: 10 points behind → at_risk (inclusive).
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2018", 6)), date(2019, 6, 30))
        assert ev.status is Status.AT_RISK
        assert ev.elapsed == approx(0.6)
        assert ev.expected == approx(6.4)
        assert ev.progress == approx(0.5)
        assert ev.expected_progress == approx(0.6)
        assert ev.achievement == approx(0.75)
        assert ev.gap_to_expected == approx(0.4)
        assert ev.gap_to_target == approx(2.0)
        # Projection: (6/4)^(1/3) − 1 = 0.1447142 a year; 6·1.5^(2/3) = 6·1.3103707 = 7.8622241.
        # Outlook r = (7.8622241 − 4)/(8 − 4) = 0.9655560 → on course.
        assert ev.growth_rate == approx(0.1447142)
        assert ev.projected == approx(7.8622241)
        assert ev.outlook_ratio == approx(0.9655560)
        assert ev.outlook is Outlook.ON_COURSE
        assert ev.latest is not None and ev.latest.source == "src-2018"

    def test_off_track_beyond_ten_points(self) -> None:
        # 5.8: progress 0.45 vs 0.6 → 15 points behind.
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2018", 5.8)), date(2019, 6, 30))
        assert ev.status is Status.OFF_TRACK
        assert ev.behind == approx(0.15)

    def test_month_period_is_placed_at_month_end(self) -> None:
        # 2019-11 → t = 2019 − 1/12 = 2018.916667; f = 3.916667/5 = 0.783333;
        # expected = 4 + 4·0.783333 = 7.133333; 7 is behind by 0.783333 − 0.75 = 3.3 points.
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2019-11", 7)), date(2019, 12, 31))
        assert ev.expected == approx(7.133333)
        assert ev.status is Status.AT_RISK

    def test_on_track_when_at_or_above_the_path(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2018", 6.4)), date(2019, 1, 1))
        assert ev.status is Status.ON_TRACK

    def test_achieved_early_names_the_period(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2017", 7), ("2018", 8.5), ("2019", 9)), date(2019, 12, 31))
        assert ev.status is Status.ACHIEVED
        assert ev.achieved_in == "2018"
        assert ev.actual == 9
        assert ev.achievement == approx(9 / 8)

    def test_missed_when_the_deadline_figure_falls_short(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2020", 7)), date(2021, 6, 30))
        assert ev.status is Status.MISSED
        assert ev.progress == approx(0.75)
        assert ev.behind == approx(0.25)

    def test_deadline_passed_without_deadline_figure_is_incomplete(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2019", 7)), date(2021, 6, 30))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("deadline_figure", 2020),)

    def test_unknown_baseline_is_said_not_guessed(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2017", 5), ("2018", 6)), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("baseline", 2015),)
        assert ev.expected is None
        # The projection starts at the earliest observation instead: 6·1.2^2 = 8.64.
        assert ev.projected == approx(8.64)

    def test_observations_after_the_deadline_do_not_decide_a_2020_target(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2019", 7), ("2022", 12)), date(2023, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.actual == 7

    def test_observations_after_as_of_are_ignored(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2018", 6), ("2019", 9)), date(2018, 12, 31))
        assert ev.actual == 6

    def test_no_data(self) -> None:
        ev = evaluate(target(), STOCK, [], date(2019, 1, 1))
        assert ev.status is Status.NO_DATA
        assert ev.target_value == 8
        assert ev.outlook is None and ev.projected is None

    def test_approx_counts_within_tolerance_as_met(self) -> None:
        # 500个左右 with ±10 %: 460 ≥ 450 meets it.
        t = target(value=500, approx=0.1)
        assert evaluate(t, STOCK, obs(("2019", 460)), date(2020, 1, 1)).status is Status.ACHIEVED
        assert evaluate(t, STOCK, obs(("2015", 100), ("2019", 440)), date(2020, 1, 1)).status is not Status.ACHIEVED

    def test_lower_is_better(self) -> None:
        # A rank: from 20 (2015) to 10 (2020). At 2018 expected = 20 + (10 − 20)·0.6 = 14;
        # 15 is behind: progress (15 − 20)/(10 − 20) = 0.5 vs 0.6 → at_risk.
        t = target(value=10, direction="lower")
        ev = evaluate(t, STOCK, obs(("2015", 20), ("2018", 15)), date(2019, 1, 1))
        assert ev.status is Status.AT_RISK
        assert ev.expected == approx(14)
        assert ev.achievement == approx(10 / 15)
        assert ev.gap_to_target == approx(5)
        assert ev.gap_to_expected == approx(1)
        assert evaluate(t, STOCK, obs(("2015", 20), ("2019", 9)), date(2020, 1, 1)).status is Status.ACHIEVED


class TestAnnual:
    def test_pace_on_full_year_figures(self) -> None:
        # Flow 10 000 in 2015 to 20 000 in 2020; 2017: f = 0.4, expected 14 000; 13 000 gives
        # progress 0.3 vs 0.4 → at_risk.
        t = target("annual", value=20000)
        ev = evaluate(t, FLOW, obs(("2015", 10000), ("2017", 13000), indicator=FLOW), date(2018, 6, 30))
        assert ev.expected == approx(14000)
        assert ev.status is Status.AT_RISK

    def test_year_to_date_meeting_the_target_proves_it(self) -> None:
        t = target("annual", value=20000)
        ev = evaluate(t, FLOW, obs(("2015", 10000), ("2017", 13000), ("2018-06", 21000), indicator=FLOW),
                      date(2018, 6, 30))
        assert ev.status is Status.ACHIEVED
        assert ev.achieved_in == "2018-06"

    def test_year_to_date_proof_reports_that_figure(self) -> None:
        # 600 by June 2018 against 500: the actual shown is the proving figure, 600 / 500 = 120 %.
        t = target("annual", value=500)
        ev = evaluate(t, FLOW, obs(("2017", 400), ("2018-06", 600), indicator=FLOW), date(2018, 6, 30))
        assert (ev.status, ev.actual, ev.achieved_in) == (Status.ACHIEVED, 600, "2018-06")
        assert ev.achievement == approx(1.2)
        assert ev.gap_to_target == approx(-100)
        assert ev.latest is not None and str(ev.latest.period) == "2018-06"

    def test_year_to_date_never_proves_a_lower_is_better_flow(self) -> None:
        # 50 by March is below the ceiling of 100, but the year is not over: no proof.
        t = target("annual", value=100, direction="lower")
        ev = evaluate(t, FLOW, obs(("2015", 400), ("2017", 400), ("2018-03", 50), indicator=FLOW), date(2018, 6, 30))
        assert ev.status is not Status.ACHIEVED
        assert ev.actual == 400

    def test_year_to_date_below_target_is_not_a_full_year(self) -> None:
        t = target("annual", value=20000)
        ev = evaluate(t, FLOW, obs(("2015", 10000), ("2018-06", 9000), indicator=FLOW), date(2018, 6, 30))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("full_year_after", 2015),)


class TestCumulative:
    def make(self) -> Target:
        return target("cumulative", value=2500, window=[2016, 2020])

    def test_pace_from_zero(self) -> None:
        # 400 + 450 = 850 through 2017; path from (2015, 0) to (2020, 2500): expected 1000 at 2017.
        # Progress 0.34 vs 0.4 → at_risk. Projection: annual growth 450/400 − 1 = 0.125, so
        # 850 + 450·(1.125 + 1.125² + 1.125³) = 850 + 506.25 + 569.53125 + 640.72265625 = 2566.50390625.
        ev = evaluate(self.make(), FLOW, obs(("2016", 400), ("2017", 450), indicator=FLOW), date(2018, 6, 30))
        assert ev.actual == 850
        assert ev.expected == approx(1000)
        assert ev.progress == approx(0.34)
        assert ev.status is Status.AT_RISK
        assert ev.projected == approx(2566.50390625)
        assert ev.outlook_ratio == approx(2566.50390625 / 2500)
        assert ev.outlook is Outlook.ON_COURSE

    def test_missing_year_is_named_never_summed_as_zero(self) -> None:
        ev = evaluate(self.make(), FLOW, obs(("2016", 400), ("2018", 450), indicator=FLOW), date(2019, 12, 31))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("year", 2017), Missing("year", 2019))
        assert ev.expected is None

    def test_mid_year_needs_every_year_already_over(self) -> None:
        # As of mid-2019 the year 2018 is over and must be reported, 2019 not yet.
        ev = evaluate(self.make(), FLOW, obs(("2016", 400), ("2017", 450), indicator=FLOW), date(2019, 6, 30))
        assert ev.missing == (Missing("year", 2018),)

    def test_missed_after_the_window(self) -> None:
        data = obs(*((str(y), 480) for y in range(2016, 2021)), indicator=FLOW)
        ev = evaluate(self.make(), FLOW, data, date(2021, 3, 1))
        assert ev.actual == 2400
        assert ev.status is Status.MISSED
        assert ev.progress == approx(0.96)

    def test_achieved_once_the_known_sum_reaches_the_target(self) -> None:
        data = obs(("2016", 1300), ("2018", 1200), indicator=FLOW)
        ev = evaluate(self.make(), FLOW, data, date(2019, 6, 1))
        assert (ev.status, ev.actual, ev.achieved_in) == (Status.ACHIEVED, 2500, "2018")

    def test_met_since_is_when_the_running_sum_reached_the_target(self) -> None:
        # 1500 + 1500 = 3000 ≥ 2500 in 2017; later figures do not move the date.
        data = obs(("2016", 1500), ("2017", 1500), ("2018", 100), ("2019-06", 10), indicator=FLOW)
        ev = evaluate(self.make(), FLOW, data, date(2019, 12, 31))
        assert (ev.status, ev.achieved_in, ev.actual) == (Status.ACHIEVED, "2017", 3110)

    def test_partial_year_is_not_in_the_actual_until_it_proves_the_target(self) -> None:
        # 400 + 400 = 800 for the full years; the 2018-03 figure (50) is not summed in.
        data = obs(("2016", 400), ("2017", 400), ("2018-03", 50), indicator=FLOW)
        ev = evaluate(self.make(), FLOW, data, date(2018, 6, 30))
        assert ev.actual == 800
        assert ev.latest is not None and str(ev.latest.period) == "2017"
        assert [str(o.period) for o in ev.used] == ["2016", "2017"]


class TestCompound:
    def test_multiple_follows_the_compound_path(self) -> None:
        # 翻一番: T = 2·50 = 100. At 2018 expected = 50·2^0.6 = 75.785828; 70 → progress 0.4 vs
        # (75.785828 − 50)/50 = 0.515717 → 11.6 points behind → off_track.
        # Projection 70·1.4^(2/3) = 70·1.2514649 = 87.602546; r = (87.602546 − 50)/50 = 0.752051 → acceleration needed.
        t = target("multiple", factor=2)
        ev = evaluate(t, FLOW, obs(("2015", 50), ("2018", 70), indicator=FLOW), date(2019, 1, 1))
        assert ev.target_value == approx(100)
        assert ev.expected == approx(75.785828)
        assert ev.expected_progress == approx(0.515717)
        assert ev.status is Status.OFF_TRACK
        assert ev.projected == approx(87.602546)
        assert ev.outlook is Outlook.ACCELERATION_NEEDED

    def test_growth_rate_target(self) -> None:
        # +20 % a year from 1.0: T = 1.2^5 = 2.48832; at 2017 expected = 1.2^2 = 1.44 exactly.
        t = target("growth", rate=0.2)
        ev = evaluate(t, FLOW, obs(("2015", 1.0), ("2017", 1.44), indicator=FLOW), date(2018, 3, 1))
        assert ev.target_value == approx(2.48832)
        assert ev.expected == approx(1.44)
        assert ev.status is Status.ON_TRACK
        assert ev.growth_rate == approx(0.2)
        assert ev.projected == approx(2.48832)

    def test_multiple_without_baseline_is_incomplete(self) -> None:
        ev = evaluate(target("multiple", factor=2), FLOW, obs(("2018", 70), indicator=FLOW), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.target_value is None
        assert ev.missing == (Missing("baseline", 2015),)


class TestIncrease:
    def test_above_baseline_is_achieved_and_reports_the_change(self) -> None:
        ev = evaluate(target("increase"), STOCK, obs(("2015", 100), ("2018", 120)), date(2019, 1, 1))
        assert ev.status is Status.ACHIEVED
        assert ev.target_value == 100
        assert ev.gap_to_target == approx(-20)
        assert ev.achievement == approx(1.2)

    def test_equal_to_the_baseline_is_no_increase(self) -> None:
        # 大幅增长: staying at 100 is not an increase, and the baseline alone proves nothing.
        ev = evaluate(target("increase"), STOCK, obs(("2015", 100), ("2018", 100)), date(2019, 1, 1))
        assert ev.status is Status.OFF_TRACK
        ev = evaluate(target("increase"), STOCK, obs(("2015", 100),), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE

    def test_not_above_baseline_before_the_deadline(self) -> None:
        ev = evaluate(target("increase"), STOCK, obs(("2015", 100), ("2018", 90)), date(2019, 1, 1))
        assert ev.status is Status.OFF_TRACK
