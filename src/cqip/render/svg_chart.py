"""One target as a small vector chart (SVG) for the HTML report: actuals, expected path, target, deadline.

Drawn by matplotlib's SVG backend (the optional `html` extra, imported only here and only when
called, so the other commands start fast). Text stays text (`svg.fonttype: none`), so the
Chinese title is rendered by the reader's system fonts rather than missing glyphs from
matplotlib's bundled font; each series is a `<g id="<target>-series-…">` so that tests and pages can find
them; output is deterministic (fixed hash salt, no date) so that reports diff cleanly. Every other
id is prefixed with the key too, and the metadata (a URL) and the global `*` style are dropped, so
that many charts can share one HTML page.
"""

from __future__ import annotations

import io
import re
from typing import Any

from cqip.verdicts.evaluation import Point
from cqip.views.chart_lines import TargetLines
from cqip.views.document import Chart

SERIES = ("expected", "target", "deadline", "actual")  # drawing order: the actual values on top
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "DejaVu Sans", "sans-serif"]
STYLE: dict[Any, Any] = {  # rc keys; matplotlib types them as literals
    "svg.fonttype": "none",
    "svg.hashsalt": "cqip",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def target_svg(chart: Chart, *, size: tuple[float, float] = (5.2, 2.4)) -> str:
    """The chart as an `<svg>` element (no XML prolog), ready to inline in HTML.

    The chart's key (a target id) prefixes every id, which stay unique when a page holds many
    charts. The years run from its `first_year` (e.g. the baseline year; default: the first point)
    to the deadline or the last point, so that a target without data still gets a sensible axis.
    """
    import warnings

    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        # Without a CJK font here matplotlib only measures the Chinese text roughly; the reader's fonts draw it.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        lines, labels, key = chart.lines, chart.labels, chart.key
        fig = Figure(figsize=size)
        ax = fig.add_subplot()
        drawn = {
            "expected": ax.plot(*_xy(lines.expected), linestyle="--", color="#b58900", label=labels["expected"])
            if lines.expected else [],
            "target": [ax.axhline(lines.target, color="#268bd2", linewidth=1, label=labels["target"])]
            if lines.target is not None else [],
            "deadline": [ax.axvline(lines.deadline, color="#93a1a1", linestyle=":", linewidth=1,
                                    label=labels["deadline"])] if "deadline" in labels else [],
            "actual": ax.plot(*_xy(lines.actual), marker="o", markersize=3, color="#2aa198",
                              label=labels["actual"])
            if lines.actual else [],
        }
        for name in drawn_series(lines):
            for artist in drawn[name]:
                artist.set_gid(f"{key}-series-{name}")
        ax.set_title(chart.title, loc="left")
        ax.set_xlabel(labels["year"])
        ax.set_xlim(*_years(lines, chart.first_year))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, never 2017.5
        if lines.inverted:  # ranks: 1st at the top, whole places only
            ax.invert_yaxis()
            ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        # beside the lines, never on them
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=6)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return _scoped(_DROP.sub("", text[text.index("<svg"):]), key)


_DROP = re.compile(r"\s*<metadata>.*?</metadata>|\s*<style type=\"text/css\">.*?</style>", re.DOTALL)


def _scoped(svg: str, key: str) -> str:
    """Every id and its references (`#id`, `url(#id)`) prefixed with `key-`, unless already so."""
    ids = {found for found in re.findall(r'\sid="([^"]+)"', svg) if not found.startswith(f"{key}-")}
    if not ids:
        return svg
    names = "|".join(re.escape(name) for name in sorted(ids, key=len, reverse=True))
    return re.sub(rf'(\sid="|#)({names})(?=[")])', lambda m: f"{m[1]}{key}-{m[2]}", svg)


def drawn_series(lines: TargetLines) -> tuple[str, ...]:
    """The series a chart of `lines` has (no expected path without a baseline, no actual without data)."""
    present = {"expected": bool(lines.expected), "target": lines.target is not None, "deadline": True,
               "actual": bool(lines.actual)}
    return tuple(name for name in SERIES if present[name])


def _years(lines: TargetLines, first_year: int | None) -> tuple[float, float]:
    span = [p.t for p in lines.actual + lines.expected] + [float(lines.deadline)]
    if first_year is not None:
        span.append(float(first_year))
    return min(span) - 0.3, max(span) + 0.3


def _xy(points: list[Point]) -> tuple[list[float], list[float]]:
    return [p.t for p in points], [p.value for p in points]
