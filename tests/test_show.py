"""`cqip show`: one indicator in depth, its chart in 80 columns, and the chart's lines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import write_data
from cqip.render.ascii_chart import draw
from cqip.verdicts.evaluation import Point, evaluate
from cqip.views.chart_lines import TargetLines, target_lines
from cqip.views.document import Chart
from test_evaluation import FLOW, obs, target


@pytest.fixture(autouse=True)
def short_paths(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the data's parent so that file names print short (`data/actuals/main.csv`), unfolded."""
    monkeypatch.chdir(data_dir.parent)


def chart_of(output: str) -> list[str]:
    """The chart under its heading and the heading's rule: the 12 plot rows are [1:13]."""
    return output[output.index("Chart: "):].splitlines()[1:]


def plotted(chart: list[str], glyph: str) -> int:
    """How often a glyph appears in the 12 plot rows (not the legend)."""
    return sum(line.count(glyph) for line in chart[1:13])


def test_show_fits_80_columns_without_colour(cli, data_dir: Path) -> None:
    result = cli("--data", "data", "show", "patents_per_10k", "--as-of", "2019-06-30", "--lang", "en",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "\x1b[" not in out  # not a terminal: plain text
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    for text in ("每万人口发明专利拥有量", "Invention patents per 10k people", "unit 件/万人 · stock",
                 "patents_2020  8 件/万人 by 2020  at risk  「到2020年，每万人口发明专利拥有量达", "到8件」",
                 "data/actuals/main.csv:2", "data/actuals/main.csv:3", "https://example.org/b"):
        assert text in out
    chart = chart_of(out)
    assert plotted(chart, "●") == 2  # 2015 and 2018
    assert "·" in "".join(chart) and "─" in chart[1]  # expected path; target line in the top row
    assert chart[1].startswith("8 ┤") and chart[12].startswith("4 ┤")  # value axis from 4 to 8
    assert chart[14].split() == ["2015", "2016", "2017", "2018", "2019", "2020"]
    assert "· expected path  ─ target 8  ● actual  ┊ deadline 2020" in chart[15]


def test_show_speaks_chinese_by_default(cli, data_dir: Path) -> None:
    out = cli("--data", "data", "show", "patents_per_10k", "--as-of", "2019-06-30").output
    for text in ("单位 件/万人 · 存量", "目标（状态截至 2019-06-30）", "patents_2020  到2020年达到8 件/万人  略有滞后",
                 "观测值", "图表：patents_2020", "· 预期路径  ─ 目标 8  ● 实际  ┊ 期限 2020"):
        assert text in out


def test_show_as_of_hides_later_observations(cli, data_dir: Path) -> None:
    result = cli("--data", "data", "show", "patents_per_10k", "--as-of", "2017-12-31", "--lang", "en")
    assert "main.csv:2" in result.output and "main.csv:3" not in result.output
    assert plotted(chart_of(result.output), "●") == 1


def test_show_json(cli, data_dir: Path) -> None:
    result = cli("--data", "data", "show", "pct", "--as-of", "2018-06-30", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["indicator"] == {"id": "pct", "name_zh": "PCT国际专利申请量", "name_en": "PCT applications",
                                 "unit": "件", "measure": "flow", "definition": None}
    assert [(o["period"], o["value"], o["file"], o["line"]) for o in data["observations"]] == [
        ("2016", 400, "data/actuals/main.csv", 4), ("2017", 450, "data/actuals/main.csv", 5)]
    (pct,) = data["targets"]
    assert pct["target_id"] == "pct_2016_2020" and pct["status"] == "at_risk" and pct["section_zh"] == "一、工作目标"
    # Running sum 400, 400 + 450 = 850; linear path from (2015, 0) to (2020, 2500): 500 a year.
    assert pct["chart"]["actual"] == [[2016.0, 400.0], [2017.0, 850.0]]
    assert pct["chart"]["expected"] == [[2015.0 + i, pytest.approx(500.0 * i)] for i in range(6)]


def test_show_unknown_indicator(cli, data_dir: Path) -> None:
    result = cli("--data", "data", "show", "patents_per_10")
    assert result.exit_code == 2
    assert result.output == "Error: unknown indicator 'patents_per_10' (did you mean patents_per_10k?)\n"


def test_compound_path_is_the_evaluations_path() -> None:
    # 翻一番 from 50 (2015): the path is 50·2^((y − 2015)/5): 2016 → 50·2^0.2 = 57.434918, 2020 → 100.
    ev = evaluate(target("multiple", factor=2), FLOW, obs(("2015", 50), ("2018", 70), indicator=FLOW), date(2019, 1, 1))
    lines = target_lines(ev, obs(("2015", 50), ("2018", 70), indicator=FLOW), date(2019, 1, 1))
    assert lines.expected[1].value == pytest.approx(57.434918)
    assert lines.expected[-1].value == pytest.approx(100)
    assert lines.expected[3].value == pytest.approx(ev.expected)  # 2018: the value `status` compared with
    assert lines.target == pytest.approx(100)


def test_increase_has_no_path() -> None:
    data = obs(("2015", 100), ("2018", 90))
    ev = evaluate(target("increase"), FLOW, data, date(2019, 1, 1))
    assert target_lines(ev, data, date(2019, 1, 1)).expected == []


def _plain(chart: Chart, **size: int) -> list[str]:
    return ["".join(text for text, _ in line) for line in draw(chart, **size)]


def test_chart_grid_by_hand() -> None:
    # 16 plot columns for 2015–2020: a year is 3 columns; 3 rows for 0, 5, 10 (a row is 5 units).
    # The path is at 10·c/15 in column c: rows round(2 − y/5) → columns 0–3 bottom, 4–11 middle, 12–15 top.
    # The actual 6 in 2017 sits at column 6, middle row; the deadline 2019 at column 12.
    lines = TargetLines([Point(2017, 6)], [Point(2015, 0), Point(2020, 10)], None, 2019, False)
    chart = Chart(lines, "", {"expected": "path", "actual": "actual", "deadline": "deadline"})
    assert _plain(chart, width=20, height=3) == [
        "10 ┤            ····",
        " 5 ┤    ··●·····┊   ",
        " 0 ┤····        ┊   ",
        "   └┬──┬──┬──┬──┬──┬",
        "     2016  2018 2020",
        "  · path  ● actual ",
        "  ┊ deadline ",
    ]


def test_chart_without_points() -> None:
    chart = Chart(TargetLines([], [], None, 2020, False), "", {"actual": "actual", "empty": "(nothing to chart)"})
    assert _plain(chart, width=40) == ["(nothing to chart)"]


REVISED_CSV = """indicator,period,value,unit,source,note,recorded
patents_per_10k,2015,4,件/万人,https://example.org/a,,
patents_per_10k,2018,6,件/万人,https://example.org/first,preliminary,2019-03-01
patents_per_10k,2018,6.2,件/万人,https://example.org/final,final,2019-09-01
"""


def test_show_lists_revisions_under_the_current_value(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path / "revised", actuals={"main.csv": REVISED_CSV})
    monkeypatch.chdir(tmp_path)
    result = cli("--data", "revised", "show", "patents_per_10k", "--as-of", "2019-12-31", "--lang", "en",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 0
    table = result.output[result.output.index("Observations"):result.output.index("Chart: ")].splitlines()
    current = next(i for i, line in enumerate(table) if line.startswith("2018"))
    assert "6.2" in table[current] and "revised/actuals/main.csv:4  (recorded 2019-09-01)" in table[current]
    assert table[current + 3].split()[:3] == ["6", "revised:", "revised/actuals/main.csv:3"]
    data = json.loads(cli("--data", "revised", "show", "patents_per_10k", "--as-of", "2019-12-31", "-f", "json").output)
    assert [(o["period"], o["value"]) for o in data["observations"]] == [("2015", 4), ("2018", 6.2)]
    assert [(o["period"], o["value"], o["recorded"]) for o in data["revisions"]] == [("2018", 6, "2019-03-01")]
