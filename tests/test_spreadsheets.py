"""`--format xlsx --output FILE`: the workbook read back with openpyxl — sheets, header, types, links, order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

BUNDLED = Path(__file__).parents[1] / "data"
COMMANDS = {
    "status": ["status", "--as-of", "2026-11-25"],
    "gap": ["gap", "--year", "2019"],
    "report": ["report", "--as-of", "2026-11-25"],
    "tasks": ["tasks", "--as-of", "2018-01-01"],
    "depts": ["depts", "--as-of", "2018-01-01"],
    "compare": ["compare", "invention_patents_per_10k_2020", "--year", "2020"],
    "indicators": ["indicators"],
    "targets": ["targets"],
}


def _book(cli, tmp_path: Path, command: str, *extra: str):
    path = tmp_path / f"{command}.xlsx"
    result = cli("--data", str(BUNDLED), *COMMANDS[command], "--format", "xlsx", "--output", str(path), *extra)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return load_workbook(path)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_sheet_has_a_title_row_and_a_frozen_header(cli, tmp_path: Path, command: str) -> None:
    book = _book(cli, tmp_path, command)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3"
        title = sheet["A1"].value
        assert isinstance(title, str) and " — " in title  # the plan (or work plan), what, the date
        assert all(isinstance(c.value, str) and c.value for c in sheet[2])


def test_status_sheet_in_plan_order_with_numbers_units_words_and_links(cli, tmp_path: Path) -> None:
    book = _book(cli, tmp_path, "status")
    sheet = book["目标进展"]
    assert sheet["A1"].value == "渝府发〔2016〕56号 — 目标进展 截至 2026-11-25"
    header = [c.value for c in sheet[2]]
    assert header == ["方案章节", "目标", "指标", "实际", "目标值", "单位", "完成率", "期间", "状态", "趋势",
                      "期限后最新", "来源"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    records = {r["target_id"]: r for r in json.loads(cli("--data", str(BUNDLED), *COMMANDS["status"],
                                                         "--format", "json").stdout)}
    targets = json.loads(cli("--data", str(BUNDLED), "targets", "--format", "json").stdout)
    sections = list(dict.fromkeys(t["section"] for t in targets))  # plan order: by section, then file order
    assert [r[1] for r in rows] == [t["target_id"] for t in sorted(targets, key=lambda t: sections.index(t["section"]))]
    first = rows[0]
    # invention_patents_per_10k_2020: 11.3 件/万人 of 8, 完成率 11.3 / 8 = 1.4125, met in 2018 (提前实现)
    assert first[:7] == ("一、工作目标", "invention_patents_per_10k_2020", "每万人口发明专利拥有量", 11.3, 8, "件/万人",
                         1.4125)
    assert first[8] == "提前实现" and sheet["G3"].number_format == "0%"
    assert first[10] == 19.98  # the newest figure after the 2020 deadline (2023)
    assert sheet["L3"].hyperlink.target == records["invention_patents_per_10k_2020"]["source"]
    assert len(rows) == len(records)
    for row in rows:
        record = records[row[1]]
        assert row[3] == record["actual"] and row[4] == record["target"] and row[5] == record["unit"]
    assert "说明" in book.sheetnames  # the notes and the summary line


def test_gap_keeps_worst_first_and_english_words(cli, tmp_path: Path) -> None:
    book = _book(cli, tmp_path, "gap", "--lang", "en")
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    assert header[:6] == ["target", "indicator", "status", "pts behind", "actual", "unit"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    text = cli("--data", str(BUNDLED), *COMMANDS["gap"], "--lang", "en", env={"COLUMNS": "200"}).stdout
    shown = [line.split()[0] for line in text.splitlines() if line.split() and line.split()[0] in {r[0] for r in rows}]
    assert [r[0] for r in rows] == shown  # the text's worst-first order
    pct = next(r for r in rows if r[0] == "pct_applications_2016_2020")
    assert pct[2] == "incomplete" and pct[4] == 415 and header[8] == "to target" and pct[8] == 2085


def test_report_workbook_has_the_report_tables_and_every_target(cli, tmp_path: Path) -> None:
    book = _book(cli, tmp_path, "report", "--lang", "en")
    assert "targets needing attention" in book.sheetnames and "status" in book.sheetnames
    assert book["status"].max_row == 2 + 50


def test_tasks_workbook_links_evidence_and_lists_areas(cli, tmp_path: Path) -> None:
    sheet = _book(cli, tmp_path, "tasks").worksheets[0]
    assert [c.value for c in sheet[2]][:3] == ["工作领域", "序号", "工作举措"]
    assert sheet["B3"].value == 1 and sheet["A3"].value == "一、统筹推进知识产权强市建设"
    assert sheet.max_row == 2 + 45


def test_xlsx_never_goes_to_a_terminal(cli) -> None:
    result = cli("--data", str(BUNDLED), "status", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.output == "Error: --format xlsx writes a workbook, not text: add --output FILE.xlsx\n"


def test_an_unwritable_output_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("--data", str(BUNDLED), "depts", "-f", "xlsx", "-o", str(tmp_path / "missing" / "d.xlsx"))
    assert result.exit_code == 2 and result.output.startswith("Error: cannot write ") and result.output.count("\n") == 1
