"""`cqip report`: the two evaluations, its sections, --fail-on and the exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLE, TARGETS_YAML, write_data
from cqip.verdicts.evaluation import Status
from cqip.views.report import fails, months_before

# patents_2020: baseline 4 (2015) → 8 (2020); the 2018 figure is revised from 6 to 6.8 on 2019-06-20.
RECORDED_CSV = (EXAMPLE / "actuals" / "main.csv").read_text(encoding="utf-8")


@pytest.fixture
def recorded_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", actuals={"main.csv": RECORDED_CSV})


def report_json(cli, data: Path, *args: str) -> dict:
    result = cli("--data", str(data), "report", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_report_evaluates_the_data_as_it_stood_on_both_days(cli, recorded_dir: Path) -> None:
    report = report_json(cli, recorded_dir, "--as-of", "2019-06-30", "--since", "2019-06-15")
    # On 2019-06-15 the 2018 figure was 6: progress (6−4)/(8−4) = 0.5 against 3/5 = 0.6 expected,
    # exactly 10 points behind → at risk. The revision to 6.8 gives 0.7 ≥ 0.6 → on track.
    # pct stays incomplete: 2018 is over (t = 2018 is its end) and has no figure on either day.
    assert report["status_changes"] == [{"target_id": "patents_2020", "before": "at_risk", "after": "on_track"}]
    assert [(r["recorded"], r["indicator"], r["period"], r["value"]) for r in report["recorded"]] == [
        ("2019-06-20", "patents_per_10k", "2018", 6.8),
        ("2019-06-25", "pct", "2017", 450),
    ]
    assert report["targets"] == 2
    assert report["observations"] == 4  # 2015, 2018 (the revision replaces the first 2018 row), 2016, 2017
    assert report["newest_period"] == "2018"
    assert report["status_counts"]["on_track"] == 1
    assert report["status_counts"]["incomplete"] == 1
    assert report["attention"] == ["pct_2016_2020"]
    # 12 months before 2019-06-30 is 2018-06-30: pct's newest figure (end of 2017) is older.
    assert report["stale"] == [{"indicator": "pct", "latest_period": "2017"}]
    assert [r["target_id"] for r in report["records"]] == ["patents_2020", "pct_2016_2020"]


def test_rows_without_recorded_date_are_never_new(cli, data_dir: Path) -> None:
    report = report_json(cli, data_dir, "--as-of", "2019-06-30", "--since", "2015-01-01")
    assert report["recorded"] == []
    # Periods still count: on 2015-01-01 nothing had been observed yet (the 2015 figure ends 2015-12-31).
    assert {c["target_id"]: c["before"] for c in report["status_changes"]} == {
        "patents_2020": "no_data", "pct_2016_2020": "no_data"}


def test_since_defaults_to_a_week_before_as_of(cli, recorded_dir: Path) -> None:
    report = report_json(cli, recorded_dir, "--as-of", "2019-06-30")
    assert report["since"] == "2019-06-23"
    assert [r["period"] for r in report["recorded"]] == ["2017"]  # only the 2019-06-25 row


def test_stale_months_option(cli, recorded_dir: Path) -> None:
    # 30 months before 2019-06-30 is 2016-12-30: both newest figures (2017, 2018) are newer.
    assert report_json(cli, recorded_dir, "--as-of", "2019-06-30", "--stale-months", "30")["stale"] == []


def test_text_report_sections_in_order(cli, recorded_dir: Path) -> None:
    result = cli("--data", str(recorded_dir), "report", "--as-of", "2019-06-30", "--since", "2019-06-15",
                 "--lang", "en")
    assert result.exit_code == 0
    text = result.stdout
    headings = ["weekly report as of 2019-06-30", "statuses and outlooks", "what changed (2019-06-15 → 2019-06-30)",
                "status changes", "targets needing attention", "targets achieved", "stale indicators", "summary"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "patents_2020  Invention patents per 10k people  at risk  on track" in text  # the id and its name
    assert f"data directory: {recorded_dir}" in text
    assert text.endswith("\n2 targets: 0 achieved, 1 on track, 0 at risk, 0 off track, 0 missed, 1 incomplete, "
                         "0 no data\n")


def test_report_in_chinese_by_default(cli, recorded_dir: Path) -> None:
    result = cli("--data", str(recorded_dir), "report", "--as-of", "2019-06-30", "--since", "2019-06-15")
    assert "patents_2020  每万人口发明专利拥有量  略有滞后  符合预期" in result.stdout
    assert "PCT国际专利申请量  2017" in result.stdout  # stale indicators by name, not id
    assert result.stdout.endswith("\n共2个目标：已实现0，符合预期1，略有滞后0，滞后0，未实现0，数据不全1，无数据0\n")


def test_report_lists_achievements_by_name_and_names_region_and_dept(cli) -> None:
    """The bundled data: 10 targets achieved by 2026-11-25 (7 of the plan's, 3 ranks of its headline goal),
    listed with their names in text and Markdown."""
    bundled = str(Path(__file__).parents[1] / "data")
    args = ("--data", bundled, "report", "--as-of", "2026-11-25")
    data = json.loads(cli(*args, "--format", "json").stdout)
    assert len(data["achieved"]) == 10 and data["dept"] is None and data["region"] == "全市"
    for fmt in ("text", "markdown"):
        text = cli(*args, "--format", fmt, "--lang", "en", env={"COLUMNS": "100"}).stdout
        assert "targets achieved" in text and "Invention patents held per 10,000 people" in text
        assert all(target in text.replace("\\", "") for target in data["achieved"])
    dept = cli(*args, "--dept", "市工商局", "--format", "markdown")
    assert dept.stdout.startswith("# 渝府发〔2016〕56号 — 周报 截至 2026-11-25，市工商局（现市市场监管局）\n")
    assert json.loads(cli(*args, "--dept", "市工商局", "--format", "json").stdout)["dept"] == "市工商局"


def test_fail_on_exit_codes(cli, recorded_dir: Path) -> None:
    base = ("--data", str(recorded_dir), "report", "--as-of")
    # 2019-06-15: patents at risk (see above), pct incomplete (never fails).
    assert cli(*base, "2019-06-15", "--fail-on", "at_risk").exit_code == 1
    assert cli(*base, "2019-06-15", "--fail-on", "off_track").exit_code == 0
    assert cli(*base, "2019-06-15").exit_code == 0
    assert cli(*base, "2019-06-30", "--fail-on", "at_risk").exit_code == 0  # on track after the revision


@pytest.mark.parametrize(("statuses", "threshold", "expected"), [
    ([Status.ON_TRACK, Status.ACHIEVED], Status.AT_RISK, False),
    ([Status.AT_RISK], Status.AT_RISK, True),
    ([Status.AT_RISK], Status.OFF_TRACK, False),
    ([Status.OFF_TRACK], Status.AT_RISK, True),
    ([Status.MISSED], Status.OFF_TRACK, True),
    ([Status.INCOMPLETE, Status.NO_DATA], Status.AT_RISK, False),
])
def test_fails_ranks_statuses(statuses: list[Status], threshold: Status, expected: bool) -> None:
    class Ev:  # only .status is read
        def __init__(self, status: Status) -> None:
            self.status = status

    assert fails([Ev(s) for s in statuses], threshold) is expected  # type: ignore[arg-type]


def test_fail_on_missed_target_exits_1(cli, tmp_path: Path) -> None:
    csv = "indicator,period,value,unit,source\npatents_per_10k,2015,4,件/万人,s\npatents_per_10k,2020,7,件/万人,s\n"
    data = write_data(tmp_path / "d", actuals={"a.csv": csv})
    assert cli("--data", str(data), "report", "--as-of", "2021-03-01", "--fail-on", "off_track").exit_code == 1


@pytest.mark.parametrize("args", [
    ("report", "--as-of", "2019-06-01", "--since", "2019-06-02"),  # since after as-of
    ("report", "--since", "yesterday"),
    ("report", "--format", "xlsx-or-anything"),
    ("report", "--as-of", "2019-06-01", "--year", "2019"),  # one date, two ways
    ("report", "--fail-on", "incomplete"),
    ("report", "--stale-months", "0"),
    ("report", "--lang", "fr"),
])
def test_usage_errors_exit_2(cli, data_dir: Path, args: tuple[str, ...]) -> None:
    assert cli("--data", str(data_dir), *args).exit_code == 2


def test_bad_data_exits_2_with_located_problem(cli, tmp_path: Path) -> None:
    csv = RECORDED_CSV + "pct,2018,x,件,https://example.org/e,,2019-07-01\n"
    data = write_data(tmp_path / "d", targets=TARGETS_YAML, actuals={"main.csv": csv})
    result = cli("--data", str(data), "report")
    assert result.exit_code == 2
    assert "main.csv:7: value: 'x' is not a number" in result.stderr


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(date(2020, 3, 31), 1) == date(2020, 2, 29)
    assert months_before(date(2021, 3, 31), 1) == date(2021, 2, 28)
    assert months_before(date(2019, 6, 30), 12) == date(2018, 6, 30)
    assert months_before(date(2019, 1, 15), 1) == date(2018, 12, 15)


@given(st.dates(min_value=date(1900, 1, 1)), st.integers(min_value=0, max_value=1200))
def test_months_before_moves_whole_months(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day <= day.day
