"""One target as a small SVG chart for the HTML page, written here rather than by a plotting library.

A chart needs two axes, a few lines and labels; writing them directly costs a few hundred
microseconds where matplotlib took 0.1 s a chart (and 0.5 s to import), keeps the page's text as
text in the reader's fonts, and lets every rule of an honest chart be stated and tested here:

* the y axis starts at 0 (at a round number below the data when it goes negative), so that a
  slope is not magnified by a cut axis;
* a line joins figures only within a run (`TargetLines.runs`): no line crosses a year without a
  figure; lower bounds are hollow points of their own;
* every figure is labelled with its value where the label has room (the chart's `<desc>` lists
  them all), the target and the deadline are labelled on their lines in the page's language;
* text is FONT units high in a WIDTH-unit wide picture: the page never shows it narrower than
  WIDTH × 12 / FONT px on screen nor 8 pt on paper (see html_page's CSS and the browser test);
* `role="img"` with `<title>` and `<desc>`, so that a screen reader says what the chart shows.

Each series is a `<g id="<key>-series-…">`, every id is prefixed with the chart's key, and the
same chart gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from cqip.verdicts.evaluation import Point
from cqip.views.chart_lines import TargetLines
from cqip.views.document import Chart
from cqip.views.formatting import number

SERIES = ("expected", "target", "deadline", "actual", "lower")  # drawing order: the figures on top
WIDTH, HEIGHT = 360, 216
FONT = 14  # every text of a chart, in picture units
# Each at least 4.5:1 against the white ground (WCAG AA for text, so also for lines); tests compute it.
COLOURS = {"actual": "#0b6b50", "lower": "#0b6b50", "expected": "#8a4b00", "target": "#1d4f91",
           "deadline": "#57606a", "axis": "#57606a", "text": "#1f2328"}
GRID = "#e1e5ea"  # decoration only: the values are labelled
GROUND = "#ffffff"
MIN_YEAR_GAP = 40  # units between two year labels
PAD_YEARS = 0.4  # room left and right of the first and last year


@dataclass(frozen=True)
class _Box:
    """The rectangle a label takes, to keep labels from covering each other."""

    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: _Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass(frozen=True)
class _Frame:
    """Data to picture units: years across [left, right], values up [bottom, top]."""

    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    left: float
    right: float
    top: float
    bottom: float
    inverted: bool = False  # ranks: 1st at the top

    def x(self, t: float) -> float:
        return self.left + (t - self.x_lo) / (self.x_hi - self.x_lo) * (self.right - self.left)

    def y(self, value: float) -> float:
        share = (value - self.y_lo) / (self.y_hi - self.y_lo) * (self.bottom - self.top)
        return self.top + share if self.inverted else self.bottom - share


def target_svg(chart: Chart) -> str:
    """The chart as an `<svg>` element (no XML prolog) that scales to its column."""
    lines, labels, key = chart.lines, chart.labels, chart.key
    ticks = y_ticks(_values(lines))
    gutter = max(text_width(number(t)) for t in ticks) + 10
    years = _years(lines, chart.first_year)
    frame = _Frame(years[0], years[1], ticks[0], ticks[-1], left=gutter, right=WIDTH - 8, top=FONT + 14,
                   bottom=HEIGHT - FONT - 12, inverted=lines.inverted)
    placed: list[_Box] = []
    body = [*_axes(frame, ticks, labels.get("unit", ""), placed)]
    groups = {
        "expected": _expected(frame, lines.expected),
        "target": _target(frame, lines.target, labels["target"], placed) if lines.target is not None else [],
        "deadline": _deadline(frame, lines.deadline, labels["deadline"], placed) if "deadline" in labels else [],
        "actual": _actual(frame, lines),
        "lower": _lower(frame, lines.lower),
    }
    for name in drawn_series(lines, "deadline" in labels):
        body += [f'<g id="{key}-series-{name}">', *groups[name], "</g>"]
    body += _value_labels(frame, lines, key, placed)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="{key}-title {key}-desc" font-size="{FONT}" fill="{COLOURS["text"]}">')
    return "\n".join([head, f'<title id="{key}-title">{escape(chart.title)}</title>',
                      f'<desc id="{key}-desc">{escape(chart.desc)}</desc>', *body, "</svg>"])


def drawn_series(lines: TargetLines, deadline: bool = True) -> tuple[str, ...]:
    """The series a chart of `lines` draws (no expected path without a baseline, no actual without data)."""
    present = {"expected": bool(lines.expected), "target": lines.target is not None, "deadline": deadline,
               "actual": bool(lines.runs()), "lower": bool(lines.lower)}
    return tuple(name for name in SERIES if present[name])


def y_ticks(values: Sequence[float], count: int = 4) -> list[float]:
    """Round ticks from a meaningful floor — 0, or a round number below a negative minimum — to at
    least the largest value, about `count` steps apart."""
    lo = min(0.0, *values) if values else 0.0
    hi = max(0.0, *values) if values else 1.0
    if hi - lo < 1e-12:
        hi = lo + 1
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= raw - 1e-12)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    n = round((last - first) / step)
    return [_clean(first + i * step) for i in range(n + 1)]


def text_width(text: str) -> float:
    """About how wide a label is in picture units: Chinese characters are square, the rest narrower."""
    return sum(FONT if ord(char) > 0x2E80 else FONT * 0.6 for char in text)


def _clean(value: float) -> float:
    return round(value, 10) + 0.0  # 0.30000000000000004 → 0.3, −0.0 → 0.0


def _values(lines: TargetLines) -> list[float]:
    return [p.value for p in (*lines.actual, *lines.lower, *lines.expected)] + (
        [lines.target] if lines.target is not None else [])


def _years(lines: TargetLines, first_year: int | None) -> tuple[float, float]:
    span = [p.t for p in (*lines.actual, *lines.lower, *lines.expected)] + [float(lines.deadline)]
    if first_year is not None:
        span.append(float(first_year))
    return math.floor(min(span)) - PAD_YEARS, math.ceil(max(span)) + PAD_YEARS


def _f(value: float) -> str:
    """Coordinates to a tenth of a unit: invisible rounding, short and stable text."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, anchor: str = "start", fill: str = "") -> str:
    colour = f' fill="{fill}"' if fill else ""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{colour}>{escape(text)}</text>'


def _box(x: float, baseline: float, text: str, anchor: str) -> _Box:
    width = text_width(text)
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return _Box(x0 - 2, baseline - FONT * 0.8, x0 + width + 2, baseline + FONT * 0.25)


def _axes(frame: _Frame, ticks: list[float], unit: str, placed: list[_Box]) -> Iterable[str]:
    """Grid, value ticks, the unit above them, the year axis with a label every few years."""
    yield f'<g stroke="{GRID}" stroke-width="1">'
    for tick in ticks[1:]:
        y = _f(frame.y(tick))
        yield f'<line x1="{_f(frame.left)}" x2="{_f(frame.right)}" y1="{y}" y2="{y}"/>'
    yield "</g>"
    yield f'<g fill="{COLOURS["axis"]}">'
    for tick in ticks:
        yield _text(frame.left - 6, frame.y(tick) + FONT * 0.35, number(tick), "end")
    if unit:
        yield _text(4, FONT, unit)
        placed.append(_box(4, FONT, unit, "start"))
    first, last = math.ceil(frame.x_lo), math.floor(frame.x_hi)
    per_year = frame.x(1) - frame.x(0)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * per_year >= MIN_YEAR_GAP), 100)
    for year in range(first, last + 1):
        if (year - first) % step == 0:
            yield _text(frame.x(year), HEIGHT - 6, str(year), "middle")
    yield "</g>"
    yield (f'<line x1="{_f(frame.left)}" x2="{_f(frame.right)}" y1="{_f(frame.bottom)}" y2="{_f(frame.bottom)}" '
           f'stroke="{COLOURS["axis"]}" stroke-width="1"/>')


def _polyline(frame: _Frame, points: Sequence[Point], colour: str, extra: str = "") -> str:
    coords = " ".join(f"{_f(frame.x(p.t))},{_f(frame.y(p.value))}" for p in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{extra}/>'


def _expected(frame: _Frame, points: Sequence[Point]) -> list[str]:
    return [_polyline(frame, points, COLOURS["expected"], ' stroke-dasharray="6 4"')] if points else []


def _target(frame: _Frame, value: float, label: str, placed: list[_Box]) -> list[str]:
    """The target across the plot, labelled at its right end (above the line, below it near the top)."""
    y = frame.y(value)
    baseline = y - 5 if y - FONT - 5 > frame.top - FONT else y + FONT + 3
    placed.append(_box(frame.right, baseline, label, "end"))
    return [f'<line x1="{_f(frame.left)}" x2="{_f(frame.right)}" y1="{_f(y)}" y2="{_f(y)}" '
            f'stroke="{COLOURS["target"]}" stroke-width="1.5"/>',
            _text(frame.right, baseline, label, "end", COLOURS["target"])]


def _deadline(frame: _Frame, year: int, label: str, placed: list[_Box]) -> list[str]:
    """The deadline as a dotted vertical line, labelled above the plot on the side with room."""
    x = frame.x(year)
    anchor, at = ("end", x - 4) if x + 4 + text_width(label) > WIDTH else ("start", x + 4)
    placed.append(_box(at, frame.top - 6, label, anchor))
    return [f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(frame.top - FONT - 4)}" y2="{_f(frame.bottom)}" '
            f'stroke="{COLOURS["deadline"]}" stroke-width="1.5" stroke-dasharray="2 3"/>',
            _text(at, frame.top - 6, label, anchor, COLOURS["deadline"])]


def _actual(frame: _Frame, lines: TargetLines) -> list[str]:
    out = []
    for run in lines.runs():
        if len(run) > 1:
            out.append(_polyline(frame, run, COLOURS["actual"]))
        out += [f'<circle cx="{_f(frame.x(p.t))}" cy="{_f(frame.y(p.value))}" r="4" fill="{COLOURS["actual"]}"/>'
                for p in run]
    return out


def _lower(frame: _Frame, points: Sequence[Point]) -> list[str]:
    return [f'<circle cx="{_f(frame.x(p.t))}" cy="{_f(frame.y(p.value))}" r="4.5" fill="{GROUND}" '
            f'stroke="{COLOURS["lower"]}" stroke-width="2"/>' for p in points]


def _value_labels(frame: _Frame, lines: TargetLines, key: str, placed: list[_Box]) -> list[str]:
    """Each figure's value above its point, else below it, else (no room) only in the `<desc>`.
    The newest figure is placed first, as the one a reader looks for."""
    bounds = set(lines.lower)
    points = sorted({*lines.actual, *lines.lower}, key=lambda p: p.t, reverse=True)
    out = [f'<g id="{key}-values">'] if points else []
    for p in points:
        text = ("≥ " if p in bounds else "") + number(p.value)
        x = min(max(frame.x(p.t), text_width(text) / 2 + 2), WIDTH - text_width(text) / 2 - 2)
        y = frame.y(p.value)
        for baseline in (y - 9, y + FONT + 7):
            box = _box(x, baseline, text, "middle")
            if box.y0 >= 0 and box.y1 <= frame.bottom + 2 and not any(box.hits(b) for b in placed):
                placed.append(box)
                out.append(_text(x, baseline, text, "middle"))
                break
    return [*out, "</g>"] if points else []
