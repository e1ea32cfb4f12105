"""The CLI driven in-process through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path


def test_validate_ok(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "validate")
    assert result.exit_code == 0
    assert result.output == "OK: 2 targets, 4 observations\n"


def test_status_json_keys_and_values(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "status", "--format", "json", "--as-of", "2019-06-30")
    assert result.exit_code == 0
    records = {r["target_id"]: r for r in json.loads(result.output)}
    patents = records["patents_2020"]
    # 2018 value 6 against the line from (2015, 4) to (2020, 8): expected 4 + 4·3/5 = 6.4.
    assert patents["expected"] == 6.4
    assert patents["status"] == "at_risk"  # progress 0.5 vs 0.6 expected: 10 points behind
    assert patents["achievement"] == 0.75
    for key in ("target_id", "indicator", "kind", "status", "outlook", "actual", "target", "achievement",
                "expected", "projected", "period", "source"):
        assert key in patents


def test_gap_sorts_worst_first_with_gaps(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "gap", "--year", "2017", "--format", "json")
    records = json.loads(result.output)  # JSON is sorted by target id; the text keeps the gap order
    # By end 2017 PCT has 400 + 450 = 850 of 2500 against 1000 expected (0.06 behind);
    # the patents target has only its 2015 baseline, so it cannot be judged and comes last.
    text = cli("--data", str(data_dir), "gap", "--year", "2017", "--format", "text").output
    assert text.index("pct_2016_2020") < text.index("patents_2020")
    assert [r["target_id"] for r in records] == ["patents_2020", "pct_2016_2020"]
    assert records[1]["gap_to_expected"] == 150
    assert records[1]["gap_to_target"] == 1650
    assert records[0]["status"] == "incomplete"
    assert records[0]["missing"] == ["a figure after 2015"]


def test_status_table_groups_by_section_and_aligns_chinese(cli, data_dir: Path) -> None:
    from rich.cells import cell_len

    result = cli("--data", str(data_dir), "status", "--as-of", "2019-06-30", "--format", "table", "--lang", "zh",
                 env={"COLUMNS": "140"})
    lines = result.output.splitlines()
    assert lines[3:5] == ["一、工作目标", "────────────"]  # the plan section, then its table
    rows = lines[7:9]
    assert "每万人口发明专利拥有量" in rows[0] and "PCT国际专利申请量" in rows[1]
    column = [cell_len(row[: row.index("略有滞后" if row.startswith("patents") else "数据不全")]) for row in rows]
    assert column[0] == column[1]  # the status column starts at the same display column
    assert lines[-1] == "共2个目标：已实现0，符合预期0，略有滞后1，滞后0，未实现0，数据不全1，无数据0"


def test_usage_errors_exit_2_without_traceback(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "status", "--as-of", "2019-13-01")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--as-of': '2019-13-01' is not a date YYYY-MM-DD" in result.output
    assert cli("--data", str(data_dir), "gap", "--year", "abc").exit_code == 2


def test_dates_must_be_yyyy_mm_dd_within_range(cli, data_dir: Path) -> None:
    for bad in ("20190620", "2019-W25-4", "0001-01-03", "2019-6-1"):
        result = cli("--data", str(data_dir), "report", "--as-of", bad)
        assert result.exit_code == 2, bad
        assert "--as-of" in result.output and "Traceback" not in result.output


def test_text_sections_share_column_widths(cli) -> None:
    # Bundled data: four plan sections, each a table; one set of widths so the columns line up.
    out = cli("status", "--format", "text").stdout.splitlines()
    headers = [line for line in out if line.startswith("目标 ")]
    rules = [line for line in out if line.startswith("----") and "  --" in line]
    assert len(headers) == 4 and len(set(headers)) == 1
    assert len(rules) == 4 and len(set(rules)) == 1


def test_every_command_that_evaluates_takes_year_as_shorthand_for_as_of(cli) -> None:
    from inspect import signature

    from cqip.cli.app import COMMANDS
    from cqip.store.datadir import bundled_data_dir

    pct = "pct_applications_2016_2020"
    evaluating = {"status": [], "gap": [], "report": [], "tasks": [], "depts": [], "compare": [pct], "explain": [pct],
                  "show": ["pct_applications"]}
    assert {name for name, command in COMMANDS.items() if {"year", "as_of_day"} <= set(signature(command).parameters)
            } == set(evaluating)
    data = ["--data", str(bundled_data_dir())]
    for name, args in evaluating.items():
        by_year = cli(*data, name, *args, "--year", "2018", "-f", "json")
        assert by_year.exit_code == 0, (name, by_year.output)
        assert by_year.output == cli(*data, name, *args, "--as-of", "2018-12-31", "-f", "json").output, name
        both = cli(*data, name, *args, "--year", "2018", "--as-of", "2018-12-31")
        assert both.exit_code == 2 and "give one of them" in both.output, name
