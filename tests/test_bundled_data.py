"""The real data shipped with cqip: complete, sourced, and giving the verdicts we checked by hand."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from cqip.data.loading import load_dataset
from cqip.data.models import Bound
from cqip.store.datadir import bundled_data_dir, read_sources
from cqip.verdicts.evaluation import Missing, Outlook, Status, evaluate_all
from cqip.verdicts.ranking import RankEvaluation
from test_ranking import places, run_json, tables

HEADLINE = {"invention_patents_per_10k", "invention_patents_per_100m_revenue", "pct_applications",
            "ip_commercialization_income", "ip_service_revenue", "famous_trademarks_china",
            "geographical_indications", "copyright_registrations", "software_copyright_registrations"}


def dataset():
    return load_dataset(*read_sources(bundled_data_dir()))


def test_every_target_of_the_plan_is_there() -> None:
    catalog = dataset().catalog
    assert len(catalog.targets) >= 40
    assert set(catalog.indicators) >= HEADLINE
    assert {t.kind.value for t in catalog.targets} == {"level", "annual", "cumulative", "multiple", "growth",
                                                       "increase", "rank"}
    for target in catalog.targets:
        assert target.clause and target.section in catalog.sections


def test_every_observation_has_a_source_url() -> None:
    for path in sorted((bundled_data_dir() / "actuals").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(line for line in handle if not line.startswith("#")):
                assert row["source"].startswith("http"), (path.name, row)


def test_verdicts_checked_by_hand() -> None:
    by_id = {ev.target.id: ev for ev in evaluate_all(dataset(), date(2019, 12, 31))}
    # 10.42 件/万人 at end Nov 2019 (gov.cn) against ≥ 8; first met by 9.08 in 2018.
    per_10k = by_id["invention_patents_per_10k_2020"]
    assert (per_10k.status, per_10k.actual, per_10k.achieved_in) == (Status.ACHIEVED, 10.42, "2018")
    # The 2015 figure 4.3 is the S&T bureau's count, another 口径 than the IP office's that decides:
    # it is kept aside, never a baseline; so is CNIPA's 5.548 for Dec 2016.
    assert per_10k.scope == "市知识产权局" and per_10k.baseline_value is None
    assert sorted(o.value for o in per_10k.other_scope) == [4.3, 5.548]
    # PCT 2016–2020 (CNIPA): only 2016 (162) and 2018 (253) are published, so 2017 and 2019 are
    # missing; 415 is a lower bound, and (2500 − 415)/3 = 695 a year would be needed in 2017, 2019
    # and 2020, against a best year of 253: acceleration needed.
    pct = by_id["pct_applications_2016_2020"]
    assert (pct.status, pct.missing, pct.actual) == (Status.INCOMPLETE, (Missing("year", 2017), Missing("year",
                                                                                                        2019)), 415)
    assert pct.bound is Bound.MIN and pct.needed_per_missing_year == pytest.approx(695)
    assert pct.outlook is Outlook.ACCELERATION_NEEDED
    # Pledge financing alone (a lower bound of the total, ≥ 4.4亿元 in 2015) is no baseline: doubling
    # cannot be judged.
    double = by_id["ip_commercialization_income_double"]
    assert double.status is Status.INCOMPLETE and double.missing == (Missing("baseline", 2015),)
    assert by_id["famous_trademarks_china_increase"].missing == (Missing("baseline", 2015),)
    # The 81 high-end talents of 2015 count another 口径 and never decide their target.
    high_end = by_id["ip_talent_high_end_2020"]
    assert high_end.status is Status.NO_DATA and [o.value for o in high_end.other_scope] == [81]


def test_the_final_account_after_the_deadline() -> None:
    by_id = {ev.target.id: ev for ev in evaluate_all(dataset(), date(2026, 11, 26))}
    per_10k = by_id["invention_patents_per_10k_2020"]
    assert per_10k.final and per_10k.outlook is None
    assert per_10k.actual == 11.3  # the 2020 figure decides the 2020 target…
    assert per_10k.newest is not None and (str(per_10k.newest.period), per_10k.newest.value) == ("2023", 19.98)
    assert all(ev.outlook is None for ev in by_id.values())  # every window has closed


def test_at_least_sixteen_targets_have_an_actual_by_2020() -> None:
    by_id = {ev.target.id: ev for ev in evaluate_all(dataset(), date(2020, 12, 31))}
    assert sum(ev.actual is not None for ev in by_id.values()) >= 16


# --- ranks among the provinces (data/actuals/provinces.csv) ------------------------------------------

BUNDLED = bundled_data_dir()


def test_bundled_pct_ranks_checked_by_hand() -> None:
    national = tables(BUNDLED, "pct_rank_national")
    west = tables(BUNDLED, "pct_rank_west")
    # 2016 (Table 14, Dec 2016): above 重庆's 162 are 广东 北京 江苏 上海 山东 浙江 湖北 福建 四川 辽宁 湖南
    # 安徽 (205) — 12 → 13th; in the west only 四川 (527) → 2nd.
    # 2018 (table 6-4): 16 above 253 (陕西 289, 天津 284 the nearest) → 17th; west 四川 533, 陕西 289 → 3rd.
    # 2022: 15 above 451 (贵州 246 below, 吉林 475 above) → 16th; west 四川 826, 陕西 542 → 3rd.
    # 2023: 13 above 528 and 吉林 also 528 → both 14th, next 贵州 457 is 16th; west 四川 860, 陕西 565 → 3rd.
    assert {p: s.rank for p, s in national.items()} == {"2014-11": 17, "2015-08": 15, "2016": 13, "2018": 17,
                                                        "2022": 16, "2023": 14}
    assert {p: s.rank for p, s in west.items()} == {"2014-11": 3, "2015-08": 3, "2016": 2, "2018": 3, "2022": 3,
                                                    "2023": 3}
    assert places(national["2023"])[12:16] == [(13, "陕西", 565), (14, "吉林", 528), (14, "重庆", 528),
                                               (16, "贵州", 457)]
    assert all(s.size == 31 and not s.missing for s in national.values())


def test_bundled_invention_tables_lack_jiangxi_and_gansu() -> None:
    national = tables(BUNDLED, "invention_per_10k_rank_national")
    assert list(national) == ["2016"]  # the city's own series alone is no league table
    assert national["2016"].missing == ("江西", "甘肃") and national["2016"].rank is None
    # read from 554.8 件/百万人, converted exactly on read
    assert national["2016"].own is not None and national["2016"].own.observation.value == pytest.approx(5.548)
    assert tables(BUNDLED, "valid_inventions_rank_west")["2016"].missing == ("甘肃",)


@pytest.mark.parametrize(("year", "national", "west"), [(2016, 13, 2), (2018, 17, 3)])
def test_gap_on_the_bundled_data_gives_the_pct_ranks(cli, year: int, national: int, west: int) -> None:
    records = {r["target_id"]: r for r in run_json(cli, BUNDLED, "gap", "--year", str(year))}
    assert (records["pct_rank_national"]["actual"], records["pct_rank_west"]["actual"]) == (national, west)
    assert (records["pct_rank_national"]["field_size"], records["pct_rank_west"]["field_size"]) == (31, 12)
    assert records["pct_rank_national"]["rank_value"] == {2016: 162, 2018: 253}[year]
    # 2018: 17th against ≤ 15 is behind; 3rd in the west holds 西部前列
    expected = {2016: ("achieved", "achieved"), 2018: ("off_track", "achieved")}[year]
    assert (records["pct_rank_national"]["status"], records["pct_rank_west"]["status"]) == expected


def test_bundled_headline_as_of_today() -> None:
    by_id = {ev.target.id: ev for ev in evaluate_all(dataset(), date(2026, 11, 25))}
    national = by_id["pct_rank_national"]
    assert isinstance(national, RankEvaluation)
    # the ranks shown run on past the deadline (2022, 2023); the verdict uses ≤ 2020 only and lacks 2020
    assert [(str(o.period), o.value) for o in national.ranks] == [("2016", 13), ("2018", 17), ("2022", 16),
                                                                  ("2023", 14)]
    assert (national.status, national.missing) == (Status.INCOMPLETE, (Missing("deadline_figure", 2020),))
    assert by_id["grants_rank_national"].status is Status.ACHIEVED  # a published 15th in 2020


def test_show_lists_the_plans_region_for_an_indicator_the_city_has_no_rows_of(cli) -> None:
    shown = run_json(cli, BUNDLED, "show", "ip_strength_index_rank", "--as-of", "2026-11-25")
    # 中国知识产权指数报告 2013 and 2014: 10th both times (region 重庆, unit 位)
    assert [(o["period"], o["value"], o["unit"]) for o in shown["observations"]] == [("2013", 10, "位"),
                                                                                     ("2014", 10, "位")]
