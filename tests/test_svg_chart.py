"""The SVG chart of one target and the lines it draws: honest (no line across a missing year, lower
bounds hollow, axis from 0), labelled, accessible, self-contained, the same bytes every time."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from cqip.data.models import Bound
from cqip.render.svg_chart import FONT, HEIGHT, WIDTH, target_svg, text_width, y_ticks
from cqip.verdicts.evaluation import Point, evaluate
from cqip.views.chart_lines import TargetLines, target_lines
from cqip.views.charts import chart as chart_of
from cqip.views.charts import period_label
from test_evaluation import FLOW, STOCK, obs, target

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2019, 1, 1)


def lines_of(kind: str, data: list, indicator=STOCK, as_of: date = AS_OF, **fields: object) -> TargetLines:
    return target_lines(evaluate(target(kind, **fields), indicator, data, as_of), data, as_of)


def svg_of(lines: TargetLines, lang: str = "zh") -> ET.Element:
    text = target_svg(chart_of(lines, "知识产权收入（件）", lang, key="t1", first_year=2015, unit="件"))
    return ET.fromstring(text)


def series(root: ET.Element) -> dict[str, int]:
    """Drawn elements (lines, polylines, circles) per series id."""
    return {g.get("id", ""): sum(1 for el in g.iter() if el.tag in (f"{SVG}polyline", f"{SVG}line", f"{SVG}circle"))
            for g in root.iter(f"{SVG}g") if "-series-" in g.get("id", "")}


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def year_x(root: ET.Element, year: int) -> float:
    """Where the year axis puts the end of `year`, from two of its labels (centred on their years)."""
    labels = [(int(el.text or ""), float(el.get("x", ""))) for el in root.iter(f"{SVG}text")
              if el.get("y") == str(HEIGHT - 6)]
    (y0, x0), (y1, x1) = labels[:2]
    return x0 + (year - y0) * (x1 - x0) / (y1 - y0)


def segments(root: ET.Element, group: str) -> list[tuple[float, float]]:
    """The x extent of every line segment of a series."""
    out = []
    for g in root.iter(f"{SVG}g"):
        if g.get("id") == group:
            for line in g.iter(f"{SVG}polyline"):
                xs = [float(pair.split(",")[0]) for pair in line.get("points", "").split()]
                out += list(itertools.pairwise(xs))
    return out


def test_every_series_is_drawn_and_named() -> None:
    root = svg_of(lines_of("multiple", obs(("2015", 50), ("2018", 70), indicator=FLOW), FLOW, factor=2))
    assert series(root) == {"t1-series-expected": 1, "t1-series-target": 1, "t1-series-deadline": 1,
                            "t1-series-actual": 2}
    assert segments(root, "t1-series-actual") == []  # 2016 and 2017 lack a figure: two points, no line


def test_without_baseline_there_is_no_expected_path() -> None:
    root = svg_of(lines_of("level", obs(("2018", 6))))
    assert set(series(root)) == {"t1-series-target", "t1-series-deadline", "t1-series-actual"}


def test_a_line_joins_figures_only_when_no_year_lies_between() -> None:
    # 2015, 2016, 2017 in a row; 2019-11 then 2020 are consecutive years too; 2023 follows two years without one.
    data = obs(("2015", 4), ("2016", 5), ("2017", 6), ("2019-11", 7), ("2020", 8), ("2023", 9))
    lines = lines_of("level", data, as_of=date(2024, 1, 1))
    assert [[period_label(p.t) for p in run] for run in lines.runs()] == [
        ["2015", "2016", "2017"], ["2019-11", "2020"], ["2023"]]
    root = svg_of(lines)
    x2018, x2021 = year_x(root, 2018), year_x(root, 2021)
    assert not [s for s in segments(root, "t1-series-actual") if s[0] < x2018 < s[1] or s[0] < x2021 < s[1]]
    assert len(segments(root, "t1-series-actual")) == 3  # 2015–16, 2016–17, 2019-11–2020


def test_a_running_sum_stops_at_a_missing_year_and_its_known_sum_is_a_hollow_lower_bound() -> None:
    # 2016–2020 window, 2017 missing: the sum is known for 2016 only (400); by 2018 at least 400 + 450 = 850.
    data = obs(("2016", 400), ("2018", 450), indicator=FLOW)
    lines = lines_of("cumulative", data, FLOW, as_of=date(2019, 6, 30), value=2500, window=(2016, 2020))
    assert lines.actual == [Point(2016, 400)] and lines.lower == [Point(2018, 850)]
    root = svg_of(lines)
    x2017 = year_x(root, 2017)
    assert not [s for s in segments(root, "t1-series-actual") if s[0] < x2017 < s[1]]
    hollow = [c for g in root.iter(f"{SVG}g") if g.get("id") == "t1-series-lower" for c in g.iter(f"{SVG}circle")]
    assert len(hollow) == 1 and hollow[0].get("fill") == "#ffffff"
    assert "≥ 850" in texts(root) and "400" in texts(root)


def test_published_bounds_and_year_to_date_flows_are_lower_bounds() -> None:
    data = obs(("2016", 10), ("2017-06", 7), indicator=FLOW)
    assert lines_of("annual", data, FLOW, as_of=date(2018, 1, 1)).lower == [Point(2017 - 6 / 12, 7)]
    bound = [o._replace(bound=Bound.MIN) if o.period.year == 2018 else o for o in obs(("2016", 5), ("2018", 6))]
    assert lines_of("level", bound).lower == [Point(2018, 6)]


def test_the_value_axis_starts_at_a_meaningful_floor() -> None:
    assert y_ticks([9.08, 19.98, 8]) == [0, 5, 10, 15, 20]  # from 0, not from 8: slopes are not magnified
    assert y_ticks([162, 415, 2500]) == [0, 1000, 2000, 3000]  # step 2500/4 = 625 → 1000
    assert y_ticks([-3, 4]) == [-4, -2, 0, 2, 4]  # below a negative minimum, on a round step
    assert y_ticks([0.45]) == [0, 0.2, 0.4, 0.6]  # 0.45 / 4 = 0.1125 → step 0.2
    assert y_ticks([]) == [0, 0.25, 0.5, 0.75, 1]


def test_target_and_deadline_are_labelled_in_the_charts_language() -> None:
    data = obs(("2015", 4), ("2018", 6))
    assert {"目标 8", "期限 2020", "件", "4", "6"} <= set(texts(svg_of(lines_of("level", data))))
    english = texts(svg_of(lines_of("level", data), "en"))
    assert {"target 8", "deadline 2020"} <= set(english) and "目标 8" not in english


def test_title_and_desc_say_what_the_chart_shows_with_every_value() -> None:
    data = obs(("2016", 400), ("2018", 450), indicator=FLOW)
    root = svg_of(lines_of("cumulative", data, FLOW, as_of=date(2019, 6, 30), value=2500, window=(2016, 2020)))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t1-title t1-desc"
    assert root.find(f"{SVG}title").text == "知识产权收入（件）"
    assert root.find(f"{SVG}desc").text == ("实际（累计）：2016 400；下限（真实值不低于此）：2018 ≥ 850；"
                                            "预期路径：2015 0 → 2020 2,500；目标 2,500；期限 2020。")
    english = svg_of(lines_of("level", obs(("2015", 4), ("2018", 6))), "en")
    assert english.find(f"{SVG}desc").text == ("actual: 2015 4, 2018 6; expected path: 2015 4 → 2020 8; target 8; "
                                               "deadline 2020.")


def test_labels_never_cover_each_other_and_stay_in_the_picture() -> None:
    # Twelve monthly figures close together: most labels have no room; those drawn do not overlap.
    data = obs(*((f"2018-{m:02d}", 5 + m / 10) for m in range(1, 13)))
    root = svg_of(lines_of("level", data))
    boxes = []
    for el in root.iter(f"{SVG}text"):
        x, y, width = float(el.get("x", "")), float(el.get("y", "")), text_width(el.text or "")
        left = {"start": x, "middle": x - width / 2, "end": x - width}[el.get("text-anchor", "start")]
        assert left >= 0 and left + width <= WIDTH and FONT * 0.8 <= y <= HEIGHT, el.text
        boxes.append((left, y - FONT * 0.8, left + width, y + FONT * 0.25))
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []
    assert "6.2" in texts(root)  # the newest figure is labelled first


def test_text_is_never_smaller_than_the_chart_font() -> None:
    svg = target_svg(chart_of(lines_of("level", obs(("2015", 4), ("2018", 6))), "t", "zh", key="t1"))
    assert f'font-size="{FONT}"' in svg.split(">")[0] and svg.count("font-size") == 1


def test_self_contained_ids_scoped_and_deterministic() -> None:
    lines = lines_of("multiple", obs(("2015", 50), ("2018", 70), indicator=FLOW), FLOW, factor=2)
    svg = target_svg(chart_of(lines, "知识产权收入 翻一番", "zh", key="t1"))
    assert svg.startswith("<svg") and "知识产权收入 翻一番" in svg  # Chinese as text, drawn by the reader's fonts
    assert "<image" not in svg and "href" not in svg and "url(" not in svg and "<style" not in svg
    assert all(found.startswith("t1-") for found in re.findall(r'\sid="([^"]+)"', svg))
    assert svg == target_svg(chart_of(lines, "知识产权收入 翻一番", "zh", key="t1"))


@pytest.mark.parametrize(("t", "label"), [(2018.0, "2018"), (2019 - 1 / 12, "2019-11"), (2019 - 11 / 12, "2019-01")])
def test_period_labels(t: float, label: str) -> None:
    assert period_label(t) == label
