"""--format and --lang on status, gap and report: plain text, Markdown, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import write_data
from cqip.render.csv_sheet import BOM, FORMULA_START, cell
from cqip.views.records import FIELDS

COMMANDS = [("status", "--as-of", "2019-06-30"), ("gap", "--year", "2019"), ("report", "--as-of", "2019-06-30")]
BUNDLED = [("status", "--as-of", "2024-06-30"), ("gap", "--year", "2019"), ("report", "--as-of", "2024-06-30")]


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):], newline="")))


@pytest.mark.parametrize("command", BUNDLED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_fits_100_columns_without_colour(cli, command: tuple[str, ...], lang: str) -> None:
    """The bundled data has the longest names (Chinese counts two columns per character)."""
    result = cli(*command, "--format", "text", "--lang", lang)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    widest = max(result.stdout.splitlines(), key=cell_len)
    assert cell_len(widest) <= 100, widest


@pytest.mark.parametrize("command", COMMANDS)
def test_default_format_off_a_terminal_is_text(cli, data_dir: Path, command: tuple[str, ...]) -> None:
    """CliRunner's stdout is not a terminal, as under cron."""
    plain = cli("--data", str(data_dir), *command).stdout
    assert plain == cli("--data", str(data_dir), *command, "--format", "text").stdout
    assert "\x1b" not in plain and plain.splitlines()[1].startswith("=====")


def test_table_without_terminal_or_with_no_color_has_no_ansi(cli, data_dir: Path) -> None:
    for env in ({}, {"NO_COLOR": "1", "TERM": "xterm-256color"}):
        result = cli("--data", str(data_dir), "status", "--format", "table", env=env)
        assert result.exit_code == 0 and "\x1b" not in result.stdout


@pytest.mark.parametrize("command", ["status", "gap"])
def test_json_is_sorted_by_target_id_with_documented_keys(cli, data_dir: Path, command: str) -> None:
    records = json.loads(cli("--data", str(data_dir), command, "--format", "json").stdout)
    assert [r["target_id"] for r in records] == ["patents_2020", "pct_2016_2020"]
    assert all(tuple(r) == FIELDS for r in records)


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_is_the_table_for_people_one_row_per_target(cli, data_dir: Path, command: tuple[str, ...]) -> None:
    """Headers and words in --lang, numbers as numbers, the unit beside them; JSON is for scripts."""
    zh = csv_rows(cli("--data", str(data_dir), *command, "--format", "csv").stdout)
    assert [r["目标"] for r in zh] == ["patents_2020", "pct_2016_2020"]
    assert {r["单位"] for r in zh} == {"件/万人", "件"} and zh[0]["指标"] == "每万人口发明专利拥有量"
    en = csv_rows(cli("--data", str(data_dir), *command, "--format", "csv", "--lang", "en").stdout)
    assert en[0]["actual"] == "6" and en[0]["unit"] == "件/万人"  # 6 件/万人 in 2018
    assert en[1]["status"] == "incomplete"  # the word, not the code no_data/incomplete of JSON


def test_csv_keeps_plan_order_and_gap_keeps_worst_first(cli, tmp_path: Path) -> None:
    """targets.yaml lists patents_2020 first; gap puts pct_2016_2020 first when it is further behind."""
    actuals = ("indicator,period,value,unit,source\npatents_per_10k,2015,4,件/万人,s\n"
               "patents_per_10k,2018,7,件/万人,s\npct,2016,100,件,s\npct,2017,100,件,s\npct,2018,100,件,s\n")
    data = write_data(tmp_path / "d", actuals={"a.csv": actuals})
    status_rows = csv_rows(cli("--data", str(data), "status", "--year", "2018", "-f", "csv", "--lang", "en").stdout)
    gap_rows = csv_rows(cli("--data", str(data), "gap", "--year", "2018", "-f", "csv", "--lang", "en").stdout)
    assert [r["target"] for r in status_rows] == ["patents_2020", "pct_2016_2020"]
    # pct: 300 of 2,500 with 3/5 of the window gone: 0.6 − 0.12 = 48 points behind; patents 4→7 of 4→8 by
    # 2018: progress 0.75 against 0.6 expected, 15 points ahead
    assert [(r["target"], r["pts behind"]) for r in gap_rows] == [("pct_2016_2020", "48"), ("patents_2020", "-15")]


def test_csv_neutralises_formulas_but_keeps_negative_numbers(cli, tmp_path: Path) -> None:
    actuals = textwrap.dedent(
        """\
        indicator,period,value,unit,source,note
        patents_per_10k,2015,4,件/万人,https://example.org/a,
        patents_per_10k,2018,9,件/万人,"=HYPERLINK(""http://evil"")",
        pct,2016,400,件,@SUM(A1),
        """
    )
    data = write_data(tmp_path / "d", actuals={"a.csv": actuals})
    rows = {r["target"]: r for r in csv_rows(cli("--data", str(data), "status", "--as-of", "2019-06-30",
                                                  "--format", "csv", "--lang", "en").stdout)}
    assert rows["patents_2020"]["source"] == "'=HYPERLINK(\"http://evil\")"
    assert rows["pct_2016_2020"]["source"] == "'@SUM(A1)"
    assert rows["patents_2020"]["actual"] == "9" and rows["patents_2020"]["target value"] == "8"
    gap = {r["target"]: r for r in csv_rows(cli("--data", str(data), "gap", "--as-of", "2019-06-30",
                                                 "--format", "csv", "--lang", "en").stdout)}
    assert gap["patents_2020"]["to target"] == "-1"  # 8 − 9: beyond the target, a negative number


@given(st.text())
def test_csv_text_cells_never_start_a_formula(text: str) -> None:
    shown = cell(text)
    assert not shown.startswith(FORMULA_START)
    assert shown in (text, "'" + text)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_csv_numbers_stay_numbers(value: float) -> None:
    assert float(cell(value)) == value


@pytest.mark.parametrize("command", COMMANDS)
def test_markdown_has_headings_and_pipe_tables(cli, data_dir: Path, command: tuple[str, ...]) -> None:
    text = cli("--data", str(data_dir), *command, "--format", "markdown", "--lang", "en").stdout
    assert text.startswith("# 测试〔2016〕1号 — ")
    assert "\n| target | indicator |" in text and "|---|---|" in text
    assert "patents\\_2020" in text


def test_lang_chooses_names_and_status_words(cli, data_dir: Path) -> None:
    args = ("--data", str(data_dir), "status", "--as-of", "2019-06-30", "--format", "text")
    zh = cli(*args).stdout
    assert "每万人口发明专利拥有量" in zh and "略有滞后" in zh  # 6 of 8: 10 points behind the path
    en = cli(*args, env={"CQIP_LANG": "en"}).stdout
    assert "Invention" in en and "at risk" in en and "略有滞后" not in en
    assert "每万人口" in cli(*args, "--lang", "zh", env={"CQIP_LANG": "en"}).stdout
    assert cli(*args, env={"CQIP_LANG": "fr"}).exit_code == 2


@pytest.mark.parametrize(("second", "word"), [(9, "提前实现"), (6, "已实现")])
def test_achieved_before_the_deadline_year_is_achieved_early(cli, tmp_path: Path, second: int, word: str) -> None:
    """Target 8 by 2020: met since 2018 is early (提前实现); first met by the 2020 figure is 已实现."""
    actuals = ("indicator,period,value,unit,source\npatents_per_10k,2015,4,件/万人,s\n"
               f"patents_per_10k,2018,{second},件/万人,s\npatents_per_10k,2020,10,件/万人,s\n")
    data = write_data(tmp_path / "d", actuals={"a.csv": actuals})
    text = cli("--data", str(data), "status", "--as-of", "2021-06-30", "--format", "text").stdout
    assert f"2020  {word}" in text and ("提前实现" in text) == (word == "提前实现")


def test_a_path_from_the_first_figure_says_so(cli, tmp_path: Path) -> None:
    # No 2015 figure: the path starts at 2017 (5) and the note says so, in either language.
    actuals = "indicator,period,value,unit,source\npatents_per_10k,2017,5,件/万人,s\npatents_per_10k,2018,6,件/万人,s\n"
    data = write_data(tmp_path / "d", actuals={"a.csv": actuals})
    english = cli("--data", str(data), "status", "--as-of", "2019-01-01", "--lang", "en").stdout
    assert "patents_2020: path from 2017 (no 2015 baseline)" in english
    chinese = cli("--data", str(data), "status", "--as-of", "2019-01-01").stdout
    assert "patents_2020: 路径自2017起（无2015年基期值）" in chinese
