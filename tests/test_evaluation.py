"""The evaluation maths, with every expected number worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from cqip.data.models import Bound, Indicator, Measure, Observation, Target
from cqip.data.periods import Period
from cqip.data.yaml_reader import validated
from cqip.verdicts.evaluation import Missing, Outlook, Status, evaluate

STOCK = Indicator(id="stock", zh="存量", en="Stock", unit="件", measure=Measure.STOCK)
FLOW = Indicator(id="flow", zh="流量", en="Flow", unit="件", measure=Measure.FLOW)


def target(kind: str = "level", **fields: object) -> Target:
    fields.setdefault("value", 8 if kind in ("level", "annual", "cumulative") else None)
    return validated(Target, {"id": "t", "indicator": "x", "section": "s", "kind": kind, "clause": "…",
                                  "baseline_year": 2015, "deadline": 2020, **fields})


def obs(*pairs: tuple[str, float], indicator: Indicator = STOCK) -> list[Observation]:
    made = [Observation(indicator.id, Period.parse(p), v, indicator.unit, f"src-{p}", "", "f.csv", i + 2)
            for i, (p, v) in enumerate(pairs)]
    return sorted(made, key=lambda o: o.period.t)


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-6)


def expect(ev: object, **fields: object) -> None:
    """Each named field of the evaluation as given, numbers to a millionth: one failure lists them all."""
    got = {name: getattr(ev, name) for name in fields}
    assert got == {name: approx(v) if isinstance(v, float | int) and not isinstance(v, bool) else v
                   for name, v in fields.items()}


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
        # One linear model for pace and outlook: observed (6 − 4)/3 = 0.666667 a year against the
        # required (8 − 4)/5 = 0.8: R = 0.833333, in [0.6, 0.95) → acceleration needed.
        # Projection 6 + 0.666667·2 = 7.333333.
        assert ev.growth_rate == approx(0.666667)
        assert ev.required_growth == approx(0.8)
        assert ev.outlook_ratio == approx(0.833333)
        assert ev.outlook is Outlook.ACCELERATION_NEEDED
        assert ev.projected == approx(7.333333)
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
        assert ev.final and ev.outlook is None

    def test_deadline_passed_without_deadline_figure_is_incomplete(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2019", 7)), date(2021, 6, 30))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("deadline_figure", 2020),)

    def test_without_baseline_the_path_starts_at_the_first_figure_in_the_plan_period(self) -> None:
        # No 2015 figure: the path runs from (2017, 5) to (2020, 8). At 2018 f = 1/3, expected
        # 5 + 3/3 = 6 = the actual → on track; progress (6 − 5)/(8 − 5) = 1/3. Observed 1 a year,
        # required 3/3 = 1: R = 1 → on course; projection 6 + 1·2 = 8.
        ev = evaluate(target(), STOCK, obs(("2017", 5), ("2018", 6)), date(2019, 1, 1))
        assert ev.status is Status.ON_TRACK and ev.missing == ()
        assert ev.path is not None and ev.path.start == (2017.0, 5.0)
        assert ev.expected == approx(6) and ev.progress == approx(1 / 3)
        assert (ev.outlook_ratio, ev.outlook, ev.projected) == (approx(1), Outlook.ON_COURSE, approx(8))

    def test_one_figure_and_no_baseline_has_no_path(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2018", 6)), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE and ev.missing == (Missing("baseline", 2015),)
        assert ev.expected is None and ev.outlook is None

    def test_figures_before_the_baseline_year_feed_nothing(self) -> None:
        # 1.1 in 2010 and 9 in 2018: a trend from 2010 would project far beyond any target. Only
        # figures from the baseline year on count: one figure in the plan period, no path, no projection.
        ev = evaluate(target(value=6), STOCK, obs(("2010", 1.1), ("2018", 5)), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.trend is None and ev.projected is None
        assert [str(o.period) for o in ev.used] == ["2018"]

    def test_observations_after_the_deadline_do_not_decide_a_2020_target(self) -> None:
        ev = evaluate(target(), STOCK, obs(("2015", 4), ("2019", 7), ("2022", 12)), date(2023, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.actual == 7
        # …but the newest figure is kept for the final account of the plan.
        assert ev.newest is not None and (str(ev.newest.period), ev.newest.value) == ("2022", 12)

    def test_a_closed_target_has_no_outlook(self) -> None:
        # Deadline 2020, as of 2026: whatever the trend, the window is closed and the status final.
        for data in (obs(("2015", 4), ("2019", 7)), obs(("2015", 4), ("2018", 9))):
            ev = evaluate(target(), STOCK, data, date(2026, 11, 26))
            assert ev.final and ev.outlook is None and ev.outlook_ratio is None and ev.projected is None

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
        # Observed (15 − 20)/3 = −1.666667 a year against −2 required: R = 0.833333 → accelerate.
        assert ev.outlook_ratio == approx(0.833333) and ev.outlook is Outlook.ACCELERATION_NEEDED
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
        # Progress 0.34 vs 0.4 → at_risk. The same linear model for the trend: 850/2 = 425 a year
        # so far against 2500/5 = 500 required: R = 0.85 → acceleration needed; 850 + 425·3 = 2125.
        ev = evaluate(self.make(), FLOW, obs(("2016", 400), ("2017", 450), indicator=FLOW), date(2018, 6, 30))
        expect(ev, actual=850, expected=1000, progress=0.34, status=Status.AT_RISK, growth_rate=425,
               required_growth=500, projected=2125, outlook_ratio=0.85, outlook=Outlook.ACCELERATION_NEEDED)

    def test_missing_year_is_named_never_summed_as_zero(self) -> None:
        ev = evaluate(self.make(), FLOW, obs(("2016", 400), ("2018", 450), indicator=FLOW), date(2019, 12, 31))
        assert ev.status is Status.INCOMPLETE
        assert ev.missing == (Missing("year", 2017), Missing("year", 2019))
        assert ev.expected is None
        assert ev.bound is Bound.MIN  # 850 is a lower bound of the sum, not the sum

    def test_what_the_missing_years_must_bring(self) -> None:
        # PCT as published: 162 (2016) and 253 (2018) of 2500. As of end 2019 the years without a
        # figure are 2017, 2019 and 2020: (2500 − 415)/3 = 695 each, far above the best year, 253
        # → acceleration needed. As of 2026 the window is closed: the same 695, no outlook.
        data = obs(("2016", 162), ("2018", 253), indicator=FLOW)
        ev = evaluate(self.make(), FLOW, data, date(2019, 12, 31))
        assert ev.status is Status.INCOMPLETE
        assert ev.needed_per_missing_year == approx(695)
        assert ev.best_year is not None and ev.best_year.value == 253
        assert ev.outlook is Outlook.ACCELERATION_NEEDED
        closed = evaluate(self.make(), FLOW, data, date(2026, 11, 26))
        assert closed.needed_per_missing_year == approx(695) and closed.outlook is None

    def test_missing_years_that_a_best_year_could_fill_get_no_outlook(self) -> None:
        # 1000 and 900: (2500 − 1900)/3 = 200 a missing year, below the best year → nothing to say yet.
        ev = evaluate(self.make(), FLOW, obs(("2016", 1000), ("2018", 900), indicator=FLOW), date(2019, 12, 31))
        assert ev.needed_per_missing_year == approx(200) and ev.outlook is None

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
        # Outlook on the same compound scale, as the UN method: observed 1.4^(1/3) − 1 = 0.1186889
        # a year, required 2^(1/5) − 1 = 0.1486984: R = 0.798186 → acceleration needed.
        # Projection 70·1.1186889² = 87.602546.
        t = target("multiple", factor=2)
        ev = evaluate(t, FLOW, obs(("2015", 50), ("2018", 70), indicator=FLOW), date(2019, 1, 1))
        expect(ev, target_value=100, expected=75.785828, expected_progress=0.515717, status=Status.OFF_TRACK,
               growth_rate=0.1186889, required_growth=0.1486984, outlook_ratio=0.798186, projected=87.602546,
               outlook=Outlook.ACCELERATION_NEEDED)

    def test_growth_rate_target(self) -> None:
        # +20 % a year from 1.0: T = 1.2^5 = 2.48832; at 2017 expected = 1.2^2 = 1.44 exactly.
        t = target("growth", rate=0.2)
        ev = evaluate(t, FLOW, obs(("2015", 1.0), ("2017", 1.44), indicator=FLOW), date(2018, 3, 1))
        expect(ev, target_value=2.48832, expected=1.44, status=Status.ON_TRACK, growth_rate=0.2, outlook_ratio=1,
               outlook=Outlook.ON_COURSE, projected=2.48832)

    def test_multiple_without_baseline_is_incomplete(self) -> None:
        ev = evaluate(target("multiple", factor=2), FLOW, obs(("2018", 70), indicator=FLOW), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE
        assert ev.target_value is None
        assert ev.missing == (Missing("baseline", 2015),)


class TestIncrease:
    def test_any_rise_without_a_threshold_is_strictly_above(self) -> None:
        # min_change 0: 120 > 100 is achieved; 100 is no increase, and the baseline alone proves nothing.
        ev = evaluate(target("increase", min_change=0), STOCK, obs(("2015", 100), ("2018", 120)), date(2019, 1, 1))
        assert ev.status is Status.ACHIEVED
        assert ev.target_value == 100
        assert ev.gap_to_target == approx(-20)
        assert ev.rise == approx(0.2)
        ev = evaluate(target("increase", min_change=0), STOCK, obs(("2015", 100), ("2018", 100)), date(2019, 1, 1))
        assert ev.status is Status.OFF_TRACK
        ev = evaluate(target("increase", min_change=0), STOCK, obs(("2015", 100),), date(2019, 1, 1))
        assert ev.status is Status.INCOMPLETE

    @pytest.mark.parametrize(("value", "status"), [(119, Status.ON_TRACK), (120, Status.ACHIEVED),
                                                   (121, Status.ACHIEVED)])
    def test_min_change_on_both_sides_of_the_threshold(self, value: float, status: Status) -> None:
        # 大幅增长 read as +20 %: T = 100·1.2 = 120. 119 is a rise of 19 %: not met — but at 2019 the
        # linear path from (2015, 100) expects 100 + 20·0.8 = 116, and 119 is beyond it: on track.
        ev = evaluate(target("increase", min_change=0.2), STOCK, obs(("2015", 100), ("2019", value)),
                      date(2019, 12, 31))
        assert ev.status is status
        assert ev.target_value == approx(120) and ev.rise == approx((value - 100) / 100)

    def test_min_change_missed_at_the_deadline(self) -> None:
        ev = evaluate(target("increase", min_change=0.2), STOCK, obs(("2015", 100), ("2020", 119)), date(2021, 1, 1))
        assert ev.status is Status.MISSED

    def test_below_the_path_before_the_deadline(self) -> None:
        # +20 %: at 2018 the path expects 112; 110 is progress 0.5 vs 0.6 → at risk.
        ev = evaluate(target("increase", min_change=0.2), STOCK, obs(("2015", 100), ("2018", 110)), date(2019, 1, 1))
        assert ev.status is Status.AT_RISK and ev.expected == approx(112)

    def test_not_above_baseline_before_the_deadline(self) -> None:
        ev = evaluate(target("increase", min_change=0), STOCK, obs(("2015", 100), ("2018", 90)), date(2019, 1, 1))
        assert ev.status is Status.OFF_TRACK


class TestSides:
    """Which side of the target the series starts on decides what a trend means."""

    def test_met_at_the_start_and_still_rising_is_on_course(self) -> None:
        # Madrid registrations: 249 → 290 against 200 (2015 → 2018). Met; linear trend 13.666667 a
        # year keeps it met: 290 + 13.666667·2 = 317.333333 ≥ 200 → on course (no ratio: nothing to close).
        ev = evaluate(target(value=200), STOCK, obs(("2015", 249), ("2018", 290)), date(2019, 1, 1))
        assert ev.status is Status.ACHIEVED
        assert (ev.outlook, ev.outlook_ratio, ev.projected) == (Outlook.ON_COURSE, None, approx(317.333333))

    def test_met_and_falling_gently_stays_on_course(self) -> None:
        # 250 → 240: −3.333333 a year → 233.333333 in 2020, still ≥ 200.
        ev = evaluate(target(value=200), STOCK, obs(("2015", 250), ("2018", 240)), date(2019, 1, 1))
        assert (ev.status, ev.outlook, ev.projected) == (Status.ACHIEVED, Outlook.ON_COURSE, approx(233.333333))

    def test_met_but_falling_fast_is_deteriorating(self) -> None:
        # 250 → 210: −13.333333 a year → 183.333333 in 2020 < 200: it would be lost.
        ev = evaluate(target(value=200), STOCK, obs(("2015", 250), ("2018", 210)), date(2019, 1, 1))
        assert (ev.status, ev.outlook, ev.projected) == (Status.ACHIEVED, Outlook.DETERIORATING, approx(183.333333))

    @pytest.mark.parametrize(("direction", "start", "latest"), [("higher", 10, 7), ("lower", 6, 9)])
    def test_crossed_back_is_off_track_and_deteriorating(self, direction: str, start: float, latest: float) -> None:
        # Keep ≥ 8: 10 → 7; keep ≤ 8: 6 → 9. The start met the target; the latest does not.
        ev = evaluate(target(value=8, direction=direction), STOCK, obs(("2015", start), ("2018", latest)),
                      date(2019, 1, 1))
        assert ev.status is Status.OFF_TRACK and ev.outlook is Outlook.DETERIORATING
        assert str(ev.reason) == "fell_back"


class TestScope:
    """口径: one statistic's figures decide a target, never a mix."""

    ROWS = (("2015", 4.3, "市科技局"), ("2016-12", 5.548, "CNIPA"), ("2018", 9.08, "市知识产权局"),
            ("2020", 11.3, "市知识产权局"), ("2020", 11.32, "市科技局"))

    def series(self) -> list[Observation]:
        return sorted((obs((p, v))[0]._replace(scope=s, line=i + 2) for i, (p, v, s) in enumerate(self.ROWS)),
                      key=lambda o: o.period.t)

    def test_the_targets_scope_decides_and_the_others_are_kept_aside(self) -> None:
        # 市知识产权局 only: no 2015 figure (4.3 is the S&T bureau's), so no baseline; 9.08 ≥ 8 since 2018.
        ev = evaluate(target(scope="市知识产权局"), STOCK, self.series(), date(2021, 1, 1))
        assert (ev.status, ev.achieved_in, ev.actual, ev.baseline_value) == (Status.ACHIEVED, "2018", 11.3, None)
        assert [o.value for o in ev.used] == [9.08, 11.3]
        assert sorted(o.scope for o in ev.other_scope) == ["CNIPA", "市科技局", "市科技局"]

    def test_without_a_scope_the_most_recent_figure_decides(self) -> None:
        # The newest period is 2020, twice; the later row in file order (11.32, 市科技局) is the most recent.
        ev = evaluate(target(), STOCK, self.series(), date(2021, 1, 1))
        assert ev.scope == "市科技局"
        assert ev.baseline_value == 4.3 and ev.actual == 11.32

    def test_a_scope_nobody_reports_is_no_data(self) -> None:
        ev = evaluate(target(scope="国家统计局"), STOCK, self.series(), date(2021, 1, 1))
        assert ev.status is Status.NO_DATA and len(ev.other_scope) == 5


class TestLowerBound:
    """Published lower bounds (突破, 超过, 余): they can prove a target met, never show it missed."""

    def bound(self, period: str, value: float) -> Observation:
        return obs((period, value))[0]._replace(bound=Bound.MIN)

    def test_a_bound_above_the_target_proves_it(self) -> None:
        data = [*obs(("2015", 5000)), self.bound("2019", 12000)]
        ev = evaluate(target(value=10000), STOCK, data, date(2020, 1, 1))
        assert (ev.status, ev.actual, ev.bound, ev.achieved_in) == (Status.ACHIEVED, 12000, Bound.MIN, "2019")

    def test_a_bound_below_the_target_says_nothing(self) -> None:
        # ≥ 6000 against 10000, even at the deadline: the true figure may be anything above 6000.
        data = [*obs(("2015", 5000)), self.bound("2020", 6000)]
        ev = evaluate(target(value=10000), STOCK, data, date(2021, 6, 1))
        assert ev.status is Status.INCOMPLETE and ev.status is not Status.MISSED
        assert ev.missing == (Missing("figure_after", 2015),)

    def test_a_bound_is_no_baseline(self) -> None:
        data = [self.bound("2015", 6000), *obs(("2018", 7000))]
        ev = evaluate(target(value=10000), STOCK, data, date(2019, 1, 1))
        assert ev.baseline_value is None and ev.status is Status.INCOMPLETE
