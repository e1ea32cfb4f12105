"""cqip's outlook against the UN SDG progress measure, as Open SDG implements it.

Reference: open-sdg/sdg-build `sdg/ProgressMeasure.py` (the class-based version, commit 139fede7,
and the earlier one of pull request #318), documented in open-sdg/open-sdg
`docs/progress-methodology.md`. For a series with a target: if the current value meets the target,
"target achieved"; else R = sign(x0) · d · CAGR_observed / |CAGR_required| with
CAGR = (x_t / x_0)^(1 / (t − t0)) − 1, d = +1 when an increase is wanted and −1 otherwise, a target
(or base value) of 0 replaced by 0.001, and R ≥ 0.95 on track, ≥ 0.6 progress needs acceleration,
≥ 0 limited progress, < 0 deterioration. `un_status` below re-states that method from the
documentation; the series are Open SDG's own test fixtures (tests/assets/progress-calculation/
data/…, values copied as public facts, file named per case), then band sweeps of our own.

cqip compares the same ratio on the target's own path model; `path: compound` gives the UN's scale.
Where the two differ, the test says why — the cases where the UN method errs or has no concept.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from cqip.data.models import Indicator, Measure, Observation, Target
from cqip.data.periods import Period
from cqip.data.yaml_reader import validated
from cqip.verdicts.evaluation import Outlook, Status, evaluate

INDICATOR = Indicator(id="x", zh="指标", en="x", unit="件", measure=Measure.STOCK)
UN_TO_CQIP = {"on_track": Outlook.ON_COURSE, "progress_needs_acceleration": Outlook.ACCELERATION_NEEDED,
              "limited_progress": Outlook.STAGNATING, "deterioration": Outlook.DETERIORATING}


def un_status(series: dict[int, float], target: float, increase: bool, base_year: int = 2015,
              target_year: int = 2030) -> str:
    """The UN SDG progress measure (Open SDG, current version) for one series with a target."""
    years = sorted(y for y in series if y >= base_year)
    t0, t = years[0], years[-1]
    x0, xt = series[t0], series[t]
    if (increase and xt >= target) or (not increase and xt <= target):
        return "target_achieved"
    target, x0 = (target or 0.001), (x0 or 0.001)
    observed = (xt / x0) ** (1 / (t - t0)) - 1
    required = (target / x0) ** (1 / (target_year - t0)) - 1
    ratio = math.copysign(1, x0) * (1 if increase else -1) * observed / abs(required)
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.6:
        return "progress_needs_acceleration"
    return "limited_progress" if ratio >= 0 else "deterioration"


def cqip(series: dict[int, float], target: float, increase: bool, path: str = "compound"):
    """The same series as a cqip level target from 2015 to 2030, evaluated after its last year."""
    t = validated(Target, {"id": "t", "indicator": "x", "section": "s", "kind": "level", "clause": "…",
                               "value": target, "direction": "higher" if increase else "lower",
                               "baseline_year": 2015, "deadline": 2030, "path": path})
    rows = [Observation("x", Period(y), v, "件", "s", "", "f.csv", i + 2)
            for i, (y, v) in enumerate(sorted(series.items()))]
    return evaluate(t, INDICATOR, rows, date(max(series), 12, 31))


# Open SDG's fixtures with a target (tests/assets/progress-calculation/, files named per case).
OPEN_SDG = {
    # data/temp/indicator_1-2-1.csv @44027ae, config target 7.25, direction negative: R = 1.914 → on track
    "1-2-1": ({2015: 14.5, 2016: 12.8, 2017: 11.7, 2018: 11, 2019: 10.1}, 7.25, False),
    # data/indicator_3-3-3.csv @5135477, target 0 (→ 0.001 in the UN method), negative: rising → deterioration
    "3-3-3": ({2010: 1.51, 2011: 1.51, 2012: 1.38, 2013: 1.4, 2014: 1.27, 2015: 1.55, 2016: 1.69, 2017: 1.65,
               2018: 1.62, 2019: 1.82}, 0, False),
    # data/temp/indicator_3-1-1.csv, 3-2-1, 3-2-2 @44027ae: already below their ceilings (70, 25, 12)
    "3-1-1": ({2015: 7.06082, 2016: 6.26465, 2017: 6.62589, 2018: 8.55503, 2019: 7.52611}, 70, False),
    "3-2-1": ({2015: 5.3, 2016: 5.29, 2017: 5.16, 2018: 5.36, 2019: 5.07}, 25, False),
    "3-2-2": ({2015: 4.5, 2016: 4.5, 2017: 4.5, 2018: 4.7, 2019: 4.4}, 12, False),
}


@pytest.mark.parametrize("case", sorted(OPEN_SDG))
def test_open_sdg_fixtures_agree(case: str) -> None:
    series, target, increase = OPEN_SDG[case]
    un = un_status(series, target, increase)
    ev = cqip(series, target, increase, path="linear" if target == 0 else "compound")
    if un == "target_achieved":
        # Already met: achieved, and on course while the trend keeps it met (the UN method says no more).
        assert ev.status is Status.ACHIEVED and ev.outlook is Outlook.ON_COURSE
    else:
        assert ev.outlook is UN_TO_CQIP[un]


def test_a_target_of_zero_does_not_depend_on_the_unit() -> None:
    # 3-3-3 in its unit and in a unit 1000 times smaller: the UN's 0.001 stand-in is 1000 times
    # larger relative to the data in the second case and changes R (−0.106 vs −0.160); a path to 0
    # is linear in cqip, and its ratio is the same in any unit (−0.653226: (1.82 − 1.55)/4 against
    # −1.55/15 a year).
    series, target, increase = OPEN_SDG["3-3-3"]
    scaled = {year: value * 1000 for year, value in series.items()}
    ratios = [cqip(s, target, increase, path="linear").outlook_ratio for s in (series, scaled)]
    assert ratios == [pytest.approx(-0.653226, rel=1e-5)] * 2


def test_a_start_beyond_the_target_that_falls_back_is_deteriorating() -> None:
    # Lower is better, ceiling 7.25: 7.0 in 2015 met it, 8.0 in 2020 does not. Both CAGRs are
    # positive, so the pull request's R = observed/required = +11.56 reads "on track" — wrong; the
    # current UN version's sign·d·observed/|required| = −11.56 gives deterioration, and so does cqip.
    series = {2015: 7.0, 2020: 8.0}
    assert un_status(series, 7.25, increase=False) == "deterioration"
    ev = cqip(series, 7.25, increase=False)
    assert ev.status is Status.OFF_TRACK and ev.outlook is Outlook.DETERIORATING


@pytest.mark.parametrize(("start", "latest", "increase"), [(10, 7, True), (6, 9, False)])
def test_crossing_back_over_the_target(start: float, latest: float, increase: bool) -> None:
    # Keep ≥ 8: 10 → 7; keep ≤ 8: 6 → 9. The UN's current version agrees: deterioration.
    series = {2015: start, 2020: latest}
    assert un_status(series, 8, increase) == "deterioration"
    assert cqip(series, 8, increase).outlook is Outlook.DETERIORATING


SWEEP = [0.3, 0.59, 0.61, 0.94, 0.95, 0.96, 1.0, 1.5, -0.2]


@pytest.mark.parametrize("ratio", SWEEP)
@pytest.mark.parametrize("increase", [True, False])
def test_band_sweep_on_the_compound_scale(ratio: float, increase: bool) -> None:
    # From 100 (2015) towards 200 (rising) or 50 (falling) by 2030; the 2020 figure grows at
    # `ratio` times the required rate: x_2020 = 100·(1 + ratio·r_req)^5.
    target = 200.0 if increase else 50.0
    required = (target / 100) ** (1 / 15) - 1
    series = {2015: 100.0, 2020: 100 * (1 + ratio * required) ** 5}
    ev = cqip(series, target, increase)
    assert ev.outlook_ratio == pytest.approx(ratio)
    assert ev.outlook is UN_TO_CQIP[un_status(series, target, increase)]


@pytest.mark.parametrize("ratio", [0.94, 0.96])
def test_a_linear_path_measures_the_ratio_on_its_own_scale(ratio: float) -> None:
    # A level target's default path is linear (equal steps, as 达到8件 reads); its ratio is observed
    # ÷ required slope. On data built for a compound ratio near 0.95 it can fall on the other side
    # of the cut: a deliberate difference of model, not of method — `path: compound` is the UN's.
    required = 2 ** (1 / 15) - 1
    series = {2015: 100.0, 2020: 100 * (1 + ratio * required) ** 5}
    linear = cqip(series, 200.0, True, path="linear")
    slope, needed = (series[2020] - 100) / 5, 100 / 15
    assert linear.outlook_ratio == pytest.approx(slope / needed)
    assert linear.outlook is (Outlook.ON_COURSE if slope / needed >= 0.95 else Outlook.ACCELERATION_NEEDED)
