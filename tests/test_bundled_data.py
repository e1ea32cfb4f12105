"""The real data shipped with cqip: complete, sourced, and giving the verdicts we checked by hand."""

from __future__ import annotations

import csv
from datetime import date

from cqip.data.loading import load_dataset
from cqip.store.datadir import bundled_data_dir, read_sources
from cqip.verdicts.evaluation import Missing, Status, evaluate_all

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
                                                       "increase"}
    for target in catalog.targets:
        assert target.clause and target.section in catalog.sections


def test_every_observation_has_a_source_url() -> None:
    for path in sorted((bundled_data_dir() / "actuals").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert row["source"].startswith("http"), (path.name, row)


def test_verdicts_checked_by_hand() -> None:
    by_id = {ev.target.id: ev for ev in evaluate_all(dataset(), date(2019, 12, 31))}
    # 10.42 件/万人 at end Nov 2019 (gov.cn) against ≥ 8; first met by 9.08 in 2018.
    per_10k = by_id["invention_patents_per_10k_2020"]
    assert (per_10k.status, per_10k.actual, per_10k.achieved_in) == (Status.ACHIEVED, 10.42, "2018")
    # The one 2015 baseline found so far (重庆市科技创新“十三五”规划): 4.3 件/万人.
    assert per_10k.baseline_value == 4.3
    # PCT 2016–2020: only 2016 (162) and 2018 (253) are published, so 2017 and 2019 are missing.
    pct = by_id["pct_applications_2016_2020"]
    assert (pct.status, pct.missing, pct.actual) == (Status.INCOMPLETE, (Missing("year", 2017), Missing("year",
                                                                                                        2019)), 415)
    # No full-year 2015 baseline has been found for any indicator: doubling cannot be judged.
    assert by_id["ip_commercialization_income_double"].status is Status.NO_DATA
    assert by_id["famous_trademarks_china_increase"].missing == (Missing("baseline", 2015),)
