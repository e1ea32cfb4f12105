"""The SVG chart of one target (groundwork for the HTML report): self-contained, every series drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from cqip.verdicts.evaluation import evaluate
from cqip.views.chart_lines import target_lines
from cqip.views.charts import chart as chart_of
from test_evaluation import FLOW, STOCK, obs, target

pytest.importorskip("matplotlib")
from cqip.render.svg_chart import target_svg

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2019, 1, 1)


def chart(kind: str, data: list, indicator=FLOW, **fields: object) -> str:
    ev = evaluate(target(kind, **fields), indicator, data, AS_OF)
    return target_svg(chart_of(target_lines(ev, data, AS_OF), "知识产权收入 翻一番", "zh", key="t1"))


def series(svg: str) -> dict[str, int]:
    """Drawn elements (paths, uses) per series id."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        gid = group.get("id", "")
        if "-series-" in gid:
            found[gid] = sum(1 for el in group.iter() if el.tag in (f"{SVG}path", f"{SVG}use"))
    return found


def test_every_series_is_drawn_and_named() -> None:
    svg = chart("multiple", obs(("2015", 50), ("2018", 70), indicator=FLOW), factor=2)
    drawn = series(svg)
    assert set(drawn) == {"t1-series-expected", "t1-series-target", "t1-series-deadline", "t1-series-actual"}
    assert all(count > 0 for count in drawn.values())


def test_without_baseline_there_is_no_expected_path() -> None:
    svg = chart("level", obs(("2018", 6)), indicator=STOCK)
    assert set(series(svg)) == {"t1-series-target", "t1-series-deadline", "t1-series-actual"}


def test_self_contained_text_kept_as_text_and_deterministic() -> None:
    data = obs(("2015", 50), ("2018", 70), indicator=FLOW)
    svg = chart("multiple", data, factor=2)
    assert svg.startswith("<svg") and "知识产权收入 翻一番" in svg  # Chinese as text, drawn by the reader's fonts
    assert "<image" not in svg and 'href="http' not in svg and "@import" not in svg and "url(http" not in svg
    assert svg == chart("multiple", data, factor=2)
