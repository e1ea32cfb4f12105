"""Regions: the region column, per-region targets, --region views and `cqip compare`.

The fixture has the whole city and three districts; every number below is computed by hand
from it (baseline 2015, deadline 2020, as of 2018-12-31 → elapsed f = 3/5 = 0.6).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import TARGETS_YAML, write_data
from cqip.data.models import CITY
from cqip.verdicts.regions import for_region

REGIONAL_TARGETS = TARGETS_YAML.replace("sections:", "regions: [渝中区, 两江新区, 江北区, 北碚区]\nsections:").replace(
    "    value: 8\n", "    value: 8\n    regions: {渝中区: 10, 两江新区: 5}\n") + """\
  - id: yuzhong_pct_2020
    indicator: pct
    section: goals
    kind: annual
    value: 300
    region: 渝中区
    clause: 渝中区PCT申请量达到300件
"""
HEADER = "indicator,period,value,unit,source,note,recorded,region\n"
REGIONAL_CSV = HEADER + """\
patents_per_10k,2015,4,件/万人,s,,,
patents_per_10k,2018,6,件/万人,s,,,
patents_per_10k,2015,6,件/万人,s,,,渝中区
patents_per_10k,2018,9,件/万人,s,,,渝中区
patents_per_10k,2015,2,件/万人,s,,,两江新区
patents_per_10k,2018,5,件/万人,s,,,两江新区
patents_per_10k,2015,3,件/万人,s,,,江北区
patents_per_10k,2018,4,件/万人,s,,,江北区
pct,2016,400,件,s,,,
pct,2017,450,件,s,,,
pct,2018,320,件,s,,2018-06-01,渝中区
"""
AS_OF = ("--as-of", "2018-12-31")


@pytest.fixture
def regional(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", REGIONAL_TARGETS, {"main.csv": REGIONAL_CSV})


def run_json(cli, data: Path, *args: str):
    result = cli("--data", str(data), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["target_id"]: r for r in records}


def test_city_status_uses_only_citywide_rows_and_targets(cli, regional: Path) -> None:
    records = by_id(run_json(cli, regional, "status", *AS_OF))
    assert sorted(records) == ["patents_2020", "pct_2016_2020"]  # the 渝中区-only target is not the city's
    # 全市: baseline 4, actual 6, target 8: expected 4 + 4·0.6 = 6.4, progress 0.5 vs 0.6 → 10 points behind.
    assert records["patents_2020"]["status"] == "at_risk"
    assert records["patents_2020"]["actual"] == 6 and records["patents_2020"]["target"] == 8


def test_region_status_uses_its_rows_and_its_target_values(cli, regional: Path) -> None:
    records = by_id(run_json(cli, regional, "status", "--region", "渝中区", *AS_OF))
    assert sorted(records) == ["patents_2020", "pct_2016_2020", "yuzhong_pct_2020"]
    # 渝中区: baseline 6, actual 9, own target 10: expected 6 + 4·0.6 = 8.4 ≤ 9 → on track, 90 %.
    assert (records["patents_2020"]["status"], records["patents_2020"]["target"]) == ("on_track", 10)
    assert records["patents_2020"]["achievement"] == 0.9
    assert records["yuzhong_pct_2020"]["status"] == "achieved"  # 320 ≥ 300
    assert records["pct_2016_2020"]["missing"] == ["2016", "2017"]  # the city's 400 and 450 are not 渝中区's


def test_registered_region_without_rows_has_no_data(cli, regional: Path) -> None:
    records = by_id(run_json(cli, regional, "gap", "--region", "北碚区", "--year", "2018"))
    assert {r["status"] for r in records.values()} == {"no_data"}
    assert records["patents_2020"]["target"] == 8  # no override: the citywide value applies


def test_unknown_region_is_a_one_line_usage_error(cli, regional: Path) -> None:
    result = cli("--data", str(regional), "status", "--region", "渝北区")
    assert result.exit_code == 2
    # 渝北区 is one character from each of three regions: all three are suggested
    assert result.output == "Error: unknown region '渝北区' (did you mean 北碚区, 江北区 or 渝中区?)\n"


def test_without_registry_a_region_named_nowhere_is_an_error(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "status", "--region", "xyz")
    assert result.exit_code == 2
    assert result.output == "Error: unknown region 'xyz'; no actuals row, target or regions: list names it\n"


def test_compare_ranks_regions_best_first(cli, regional: Path) -> None:
    records = run_json(cli, regional, "compare", "patents_2020", "--year", "2018")
    # 两江新区 5/5 = 100 % achieved · 渝中区 9/10 = 90 % · 全市 6/8 = 75 % · 江北区 4/8 = 50 %
    # (江北区: baseline 3, expected 3 + 5·0.6 = 6, progress 0.2 vs 0.6 → off track). 北碚区 has no row.
    assert [(r["rank"], r["region"], r["achievement"], r["status"]) for r in records] == [
        (1, "两江新区", 1.0, "achieved"), (2, "渝中区", 0.9, "on_track"), (3, CITY, 0.75, "at_risk"),
        (4, "江北区", 0.5, "off_track")]


def test_compare_text_and_region_only_target(cli, regional: Path) -> None:
    result = cli("--data", str(regional), "compare", "yuzhong_pct_2020", "--year", "2018", "--format", "text",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "regions compared" in result.output and "渝中区" in result.output and "江北区" not in result.output
    assert "320 / 300" in result.output


def test_compare_unknown_target(cli, regional: Path) -> None:
    result = cli("--data", str(regional), "compare", "patents_202")
    assert result.exit_code == 2
    assert result.output == "Error: unknown target 'patents_202' (did you mean patents_2020?)\n"


def test_compare_table(cli, regional: Path) -> None:
    result = cli("--data", str(regional), "compare", "patents_2020", "--year", "2018", "-f", "table",
                 env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [i for i, line in enumerate(lines) if "两江新区" in line] < [i for i,
                                                                    line in enumerate(lines) if "江北区" in line]


def test_show_and_report_for_a_region(cli, regional: Path) -> None:
    shown = run_json(cli, regional, "show", "patents_per_10k", "--region", "渝中区", *AS_OF)
    assert [(o["period"], o["value"]) for o in shown["observations"]] == [("2015", 6), ("2018", 9)]
    assert shown["targets"][0]["target"] == 10
    report = run_json(cli, regional, "report", "--region", "渝中区", *AS_OF, "--since", "2018-01-01")
    assert report["region"] == "渝中区"
    assert report["observations"] == 3  # two patents rows and one pct row of 渝中区
    assert [(r["indicator"], r["value"]) for r in report["recorded"]] == [("pct", 320)]
    # On 2018-01-01 neither 2018 nor the pct row was there: only 渝中区's baseline, and no pct figure.
    assert [(c["target_id"], c["before"], c["after"]) for c in report["status_changes"]] == [
        ("patents_2020", "incomplete", "on_track"), ("pct_2016_2020", "no_data", "incomplete"),
        ("yuzhong_pct_2020", "no_data", "achieved")]


def test_explain_for_a_region(cli, regional: Path) -> None:
    trail = run_json(cli, regional, "explain", "yuzhong_pct_2020", "--region", "渝中区", "--year", "2018")
    assert trail["status"] == "achieved"  # 渝中区's 320 against 300
    assert [o["value"] for o in trail["observations"]] == [320]
    result = cli("--data", str(regional), "explain", "yuzhong_pct_2020")  # not a citywide target
    assert result.exit_code == 2
    assert result.stderr == "Error: target yuzhong_pct_2020 applies to 渝中区 only; add --region 渝中区\n"


def test_same_period_in_two_regions_is_fine_twice_in_one_is_a_conflict(cli, tmp_path: Path) -> None:
    rows = "patents_per_10k,2018,9.5,件/万人,s,,,渝中区\npatents_per_10k,2018,4,件/万人,s,,,江北区\n"
    data = write_data(tmp_path / "d", REGIONAL_TARGETS, {"main.csv": REGIONAL_CSV + rows})
    result = cli("--data", str(data), "validate")
    assert result.exit_code == 2
    assert "main.csv:13: value: patents_per_10k 渝中区 2018 = 9.5 conflicts with 9 at" in result.output
    assert "main.csv:14: period: duplicate of" in result.output and "(patents_per_10k 江北区 2018)" in result.output


def test_region_names_are_checked_against_the_registry(cli, tmp_path: Path) -> None:
    targets = REGIONAL_TARGETS.replace("{渝中区: 10", "{渝中: 10")
    data = write_data(tmp_path / "d", targets, {"main.csv": REGIONAL_CSV})
    result = cli("--data", str(data), "validate")
    assert result.exit_code == 2
    line = targets.splitlines().index("    regions: {渝中: 10, 两江新区: 5}") + 1
    assert (f"targets.yaml:{line}: targets[0].regions.渝中: unknown region '渝中' (did you mean 渝中区?)"
            in result.output)
    data = write_data(tmp_path / "e", REGIONAL_TARGETS, {"main.csv": REGIONAL_CSV.replace(",,,江北区", ",,,江北")})
    result = cli("--data", str(data), "validate")  # (rows are checked against the registry once targets.yaml is valid)
    assert result.exit_code == 2
    assert "main.csv:8: region: unknown region '江北' (did you mean 江北区?)" in result.output


def test_a_target_of_one_region_has_no_per_region_values(cli, tmp_path: Path) -> None:
    targets = REGIONAL_TARGETS.replace("    region: 渝中区\n", "    region: 渝中区\n    regions: {渝中区: 1}\n")
    result = cli("--data", str(write_data(tmp_path / "d", targets, {"main.csv": REGIONAL_CSV})), "validate")
    assert result.exit_code == 2
    assert "targets[2].regions: not allowed for a target that has a region of its own" in result.output


def test_growth_target_cannot_have_per_region_values(cli, tmp_path: Path) -> None:
    targets = REGIONAL_TARGETS.replace("    kind: level\n    value: 8\n", "    kind: growth\n    rate: 0.1\n")
    result = cli("--data", str(write_data(tmp_path / "d", targets, {"main.csv": REGIONAL_CSV})), "validate")
    assert result.exit_code == 2
    assert "targets[0].regions: not allowed for kind growth (it has no value to override)" in result.output


def test_baseline_value_belongs_to_the_targets_own_region(cli, regional: Path) -> None:
    from cqip.data.targets_file import parse_catalog

    catalog = parse_catalog(REGIONAL_TARGETS.replace("    value: 8\n", "    value: 8\n    baseline_value: 4\n"), "t")
    target = catalog.targets[0]
    assert for_region(target, CITY) is target  # nothing to change for the whole city
    district = for_region(target, "渝中区")
    assert district is not None and (district.value, district.baseline_value) == (10, None)
    assert for_region(catalog.targets[2], CITY) is None and for_region(catalog.targets[2],
                                                                       "渝中区") is catalog.targets[2]


def test_add_with_region(cli, regional: Path) -> None:
    def add(value: str, *region: str):
        return cli("--data", str(regional), "add", "patents_per_10k", "2019", value, "--unit", "件/万人",
                   "--source", "s",
                   *region)

    assert add("7", "--region", "渝中区").exit_code == 0
    assert (regional / "actuals" / "main.csv").read_text(encoding="utf-8").endswith(
        f"patents_per_10k,2019,7,件/万人,s,,{date.today().isoformat()},渝中区\n")
    assert add("7").exit_code == 0  # the same period for the whole city is another observation
    assert "already recorded" in add("7", "--region", "渝中区").output
    result = add("8", "--region", "渝中区")
    assert result.exit_code == 2
    assert "patents_per_10k 渝中区 2019 is already 7 件/万人, not 8; add --revise" in result.output


def test_add_region_needs_a_region_column(cli, data_dir: Path) -> None:
    (data_dir / "actuals" / "main.csv").write_text("indicator,period,value,unit,source,note,recorded\n",
                                                   encoding="utf-8")
    result = cli("--data", str(data_dir), "add", "pct", "2019", "1", "--unit", "件", "--source", "s", "--region",
                 "渝中区",
                 "--file", "actuals/main.csv")
    assert result.exit_code == 2
    assert "main.csv: region: the header has no region column" in result.output


def _cell(*variants: str) -> st.SearchStrategy[str]:
    """A cell: a canonical or irregular spelling, or random text."""
    return st.one_of(st.sampled_from(variants), st.text(alphabet=st.sampled_from(" 0123456789.,-年月件万区渝中#"),
                                                        max_size=6))


@given(st.lists(st.tuples(
    _cell("patents_per_10k", "pct", " pct", "nope"), _cell("2018", "2018-06", " 2018", "2018年", "2018-13"),
    _cell("3500", "-0", "007.50", "1e3", "3,500", "１２", "9" * 20, "0.35"),
    _cell("件", "件/万人", "万件", " 万件", "件/百万人", "亿件", "家", ""),
    _cell("s", " s ", ""), _cell("", " n "), _cell("", "2020-01-01", "2020-1-1"), _cell("", "渝中区", " 渝中区",
                                                                                        "渝中")),
    max_size=8))
def test_the_row_shortcut_gives_what_the_full_check_gives(rows: list[tuple[str, ...]]) -> None:
    from cqip.data.actuals_file import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, observation, parse_actuals
    from cqip.data.csv_reader import parse_rows
    from cqip.data.targets_file import parse_catalog

    catalog = parse_catalog(REGIONAL_TARGETS, "targets.yaml")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER.strip().split(","), *rows])
    text = out.getvalue()
    assert parse_actuals(text, "a.csv", catalog) == parse_rows(text, "a.csv", REQUIRED_COLUMNS,
                                                                lambda row: observation(row, catalog),
                                                                optional=OPTIONAL_COLUMNS)


def _one_of(canonical: list[str], odd: list[str], rare: bool) -> st.SearchStrategy[str]:
    """A canonical cell; with `rare`, one cell in twenty is odd or random text."""
    if not rare:
        return st.sampled_from(canonical)
    return st.integers(0, 19).flatmap(lambda n: st.one_of(st.sampled_from(odd), _cell(*canonical)) if n == 0
                                      else st.sampled_from(canonical))


@st.composite
def _column_row(draw: st.DrawFn, rare: bool) -> tuple[str, ...]:
    """A row whose unit fits its indicator (万件 for pct, 件/百万人 for patents_per_10k)."""
    indicator = draw(_one_of(["patents_per_10k", "pct"], ["pct ", "x"], rare))
    units = ["件/万人", "件/百万人"] if indicator == "patents_per_10k" else ["件", "万件", "亿件"]
    cells = ((["2018", "2018-06", "2018年", "2018-06-30"], ["2018-13", " 2018"]),
             (["3500", "-0", "007.50", "0.35"], ["1e3", "3,500", " 1"]), (units, [" 件", "", "家"]),
             (["s", "t"], [" s", "", "s\x01", "a\tb"]), (["", "n"], [" n", "n\x7f"]),
             (["", "2020-01-01"], ["20200101", "2020-1-1"]),
             (["", "全市", "渝中区", "江北区"], ["渝中", " 渝中区"]), (["", "CNIPA"], [" CNIPA"]),
             (["", "min"], ["max", " min"]))
    return (indicator, *(draw(_one_of(canonical, odd, rare)) for canonical, odd in cells))


_column_rows = st.one_of(st.lists(_column_row(rare=False), min_size=1, max_size=6),
                         st.lists(_column_row(rare=True), max_size=6))


@given(_column_rows, st.booleans(), st.permutations(range(10)), st.sampled_from(["\n", "\r\n", "\r"]))
def test_reading_a_column_at_a_time_gives_what_reading_row_by_row_gives(rows, registry: bool, order: list[int],
                                                                        newline: str) -> None:
    """Any file, canonical or not, in any column order: `read_file_rows` is `parse_actuals` grouped."""
    from cqip.data.actuals_columns import columns_of, read_file_rows
    from cqip.data.actuals_file import parse_actuals
    from cqip.data.targets_file import parse_catalog

    catalog = parse_catalog(REGIONAL_TARGETS if registry else TARGETS_YAML, "targets.yaml")
    names = ["indicator", "period", "value", "unit", "source", "note", "recorded", "region", "scope", "bound"]
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([[names[i] for i in order],
                                                       *([row[i] for i in order] for row in rows)])
    text = out.getvalue()
    expected, problems = parse_actuals(text, "a.csv", catalog)
    found, found_problems = read_file_rows(text, "a.csv", catalog)
    assert (found.rows("a.csv"), found_problems) == (expected, problems)
    if columns_of(text, catalog) is not None:
        event("read a column at a time")
        assert not problems
