"""A small character chart for the terminal: years across, values up, one glyph per series.

Series differ by glyph as well as colour, so the chart still reads without colour (piped,
NO_COLOR, printed). Written here rather than pulled in from a plotting library: it needs only a
grid, two axes and a legend, and must fit a given width exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from cqip.render.labels import number

YEAR_LABEL = 5  # four digits and a space


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


def draw(layers: Sequence[Layer], *, width: int, height: int = 12, marker: tuple[float, str] | None = None) -> list[Text]:
    """The chart as lines of exactly `width` cells or fewer; `marker` is a labelled vertical line (a deadline)."""
    xs = [x for layer in layers for x, _ in layer.points] + ([marker[0]] if marker else [])
    ys = [y for layer in layers for _, y in layer.points]
    if not ys:
        return [Text("(nothing to chart)")]
    y_lo, y_hi = min(ys), max(ys)
    if y_lo == y_hi:
        y_lo, y_hi = y_lo - (abs(y_lo) * 0.1 or 1), y_hi + (abs(y_hi) * 0.1 or 1)
    labels = {0: number(y_hi), (height - 1) // 2: number((y_lo + y_hi) / 2), height - 1: number(y_lo)}
    gutter = max(len(text) for text in labels.values())
    x_lo, x_hi = math.floor(min(xs)), max(math.ceil(max(xs)), math.floor(min(xs)) + 1)
    xscale = _Scale(x_lo, x_hi, width - gutter - 2)
    yscale = _Scale(y_hi, y_lo, height)  # row 0 is the top
    grid: list[list[tuple[str, str]]] = [[(" ", "")] * xscale.cells for _ in range(height)]

    if marker is not None:
        for grid_row in grid:
            grid_row[xscale.cell(marker[0])] = ("┊", "dim")
    for layer in layers:
        cells = _line_cells(layer.points, xscale, yscale) if layer.line else [
            (yscale.cell(y), xscale.cell(x)) for x, y in layer.points]
        for row, col in cells:
            grid[row][col] = (layer.glyph, layer.style)

    lines = []
    for r, grid_row in enumerate(grid):
        line = Text(f"{labels.get(r, ''):>{gutter}} {'┤' if r in labels else '│'}")
        for glyph, style in grid_row:
            line.append(glyph, style)
        lines.append(line)
    keys = [(layer.glyph, layer.style, layer.label) for layer in layers]
    return lines + _x_axis(xscale, gutter) + _legend(keys + ([("┊", "dim", marker[1])] if marker else []), width)


def _legend(keys: list[tuple[str, str, str]], width: int) -> list[Text]:
    """`glyph label` pairs, wrapped onto further lines rather than past `width`."""
    lines = [Text(" ")]
    for glyph, style, text in keys:
        if lines[-1].cell_len + len(text) + 4 > width:
            lines.append(Text(" "))
        lines[-1].append(f" {glyph}", style)
        lines[-1].append(f" {text} ")
    return lines


def _line_cells(points: Sequence[tuple[float, float]], xscale: _Scale, yscale: _Scale) -> list[tuple[int, int]]:
    """One cell per column between consecutive points, at the linearly interpolated value."""
    cells = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        c0, c1 = xscale.cell(x0), xscale.cell(x1)
        for col in range(c0, c1 + 1):
            y = y0 if c1 == c0 else y0 + (y1 - y0) * (col - c0) / (c1 - c0)
            cells.append((yscale.cell(y), col))
    return cells


def _x_axis(xscale: _Scale, gutter: int) -> list[Text]:
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
    return [Text(f"{pad}└{''.join(axis)}"), Text(f"{pad} {''.join(labels)}".rstrip())]
