"""One target as a character chart: years across, values up, one glyph per series.

Series differ by glyph as well as colour, so the chart still reads without colour (piped,
NO_COLOR, printed). Written here rather than pulled in from a plotting library: it needs only a
grid, two axes and a legend, and must fit a given width exactly. Lines are (text, style) segments,
as `layout` makes them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len

from cqip.views.document import Chart
from cqip.views.formatting import number

YEAR_LABEL = 5  # four digits and a space
Segment = tuple[str, str]  # text, style
Line = list[Segment]


@dataclass(frozen=True)
class Layer:
    label: str
    glyph: str
    style: str
    points: Sequence[tuple[float, float]]
    line: bool = False  # joined point to point (one glyph per column) rather than marks only


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    cells: int

    def cell(self, value: float) -> int:
        return round((value - self.lo) / (self.hi - self.lo) * (self.cells - 1))


def layers(chart: Chart) -> tuple[list[Layer], tuple[float, str] | None]:
    """The chart's series in drawing order, so the actual values stay visible where lines cross them,
    and the deadline marker (when the chart has one)."""
    lines, labels = chart.lines, chart.labels
    found = []
    if lines.expected:
        found.append(Layer(labels["expected"], "·", "chart.expected", lines.expected, line=True))
    if lines.target is not None:
        span = [p.t for p in lines.actual + lines.expected] + [float(lines.deadline)]
        found.append(Layer(labels["target"], "─", "chart.target", [(min(span), lines.target), (max(span),
                                                                                               lines.target)],
                           line=True))
    found.append(Layer(labels["actual"], "●", "chart.actual", lines.actual))
    marker = (float(lines.deadline), labels["deadline"]) if "deadline" in labels else None
    return found, marker


def draw(chart: Chart, *, width: int, height: int = 12) -> list[Line]:
    """The chart as lines of at most `width` cells."""
    series, marker = layers(chart)
    xs = [x for layer in series for x, _ in layer.points] + ([marker[0]] if marker else [])
    ys = [y for layer in series for _, y in layer.points]
    if not ys:
        return [[(chart.labels["empty"], "dim")]]
    y_lo, y_hi = min(ys), max(ys)
    if y_lo == y_hi:
        y_lo, y_hi = y_lo - (abs(y_lo) * 0.1 or 1), y_hi + (abs(y_hi) * 0.1 or 1)
    top, bottom = (y_lo, y_hi) if chart.lines.inverted else (y_hi, y_lo)  # ranks: 1st at the top
    labels = {0: number(top), (height - 1) // 2: number((y_lo + y_hi) / 2), height - 1: number(bottom)}
    gutter = max(len(text) for text in labels.values())
    x_lo, x_hi = math.floor(min(xs)), max(math.ceil(max(xs)), math.floor(min(xs)) + 1)
    xscale = _Scale(x_lo, x_hi, max(2, width - gutter - 2))
    yscale = _Scale(top, bottom, height)  # row 0 is the top
    grid: list[list[Segment]] = [[(" ", "")] * xscale.cells for _ in range(height)]

    if marker is not None:
        for grid_row in grid:
            grid_row[xscale.cell(marker[0])] = ("┊", "dim")
    for layer in series:
        cells = _line_cells(layer.points, xscale, yscale) if layer.line else [
            (yscale.cell(y), xscale.cell(x)) for x, y in layer.points]
        for row, col in cells:
            grid[row][col] = (layer.glyph, layer.style)

    lines: list[Line] = [[(f"{labels.get(r, ''):>{gutter}} {'┤' if r in labels else '│'}", ""), *grid_row]
                         for r, grid_row in enumerate(grid)]
    keys = [(layer.glyph, layer.style, layer.label) for layer in series]
    return lines + _x_axis(xscale, gutter) + _legend(keys + ([("┊", "dim", marker[1])] if marker else []), width)


def _legend(keys: list[tuple[str, str, str]], width: int) -> list[Line]:
    """`glyph label` pairs, wrapped onto further lines rather than past `width`."""
    lines: list[Line] = [[(" ", "")]]
    for glyph, style, text in keys:
        if sum(cell_len(t) for t, _ in lines[-1]) + cell_len(text) + 4 > width:
            lines.append([(" ", "")])
        lines[-1] += [(f" {glyph}", style), (f" {text} ", "")]
    return lines


def _line_cells(points: Sequence[tuple[float, float]], xscale: _Scale, yscale: _Scale) -> list[tuple[int, int]]:
    """One cell per column between consecutive points, at the linearly interpolated value."""
    cells = []
    for (x0, y0), (x1, y1) in pairwise(points):
        c0, c1 = xscale.cell(x0), xscale.cell(x1)
        for col in range(c0, c1 + 1):
            y = y0 if c1 == c0 else y0 + (y1 - y0) * (col - c0) / (c1 - c0)
            cells.append((yscale.cell(y), col))
    return cells


def _x_axis(xscale: _Scale, gutter: int) -> list[Line]:
    """Ticks at every year; labels at every year, or every 2nd, 5th, 10th… when they would collide."""
    years = range(int(xscale.lo), int(xscale.hi) + 1)
    per_year = (xscale.cells - 1) / (xscale.hi - xscale.lo)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if s * per_year >= YEAR_LABEL or s == 100)
    axis = ["─"] * xscale.cells
    labels = [" "] * (xscale.cells + YEAR_LABEL)
    for year in years:
        col = xscale.cell(year)
        axis[col] = "┬"
        if year % step == 0 or step == 1:
            start = max(0, min(col - 2, xscale.cells - 4))
            labels[start:start + 4] = str(year)
    pad = " " * (gutter + 1)
    return [[(f"{pad}└{''.join(axis)}", "")], [(f"{pad} {''.join(labels)}".rstrip(), "")]]
