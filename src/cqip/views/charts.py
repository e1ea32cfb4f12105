"""A target's chart lines with their legend in the document's language, for every renderer that draws."""

from __future__ import annotations

from cqip.data.models import Bound
from cqip.verdicts.evaluation import Point
from cqip.views.chart_lines import TargetLines, calendar_year
from cqip.views.document import Chart
from cqip.views.formatting import at_least, number
from cqip.views.words import word


def chart(lines: TargetLines, title: str, lang: str, *, deadline: bool = True, key: str = "",
          first_year: int | None = None, unit: str = "") -> Chart:
    """Without `deadline`, no deadline is marked (an indicator no target uses)."""
    labels = {"expected": word("chart.expected", lang),
              "target": word("chart.target", lang, value=number(lines.target)),
              "actual": word("chart.rank" if lines.inverted else "chart.running_sum" if lines.cumulative
                             else "chart.actual", lang),
              "lower": word("chart.lower", lang),
              "empty": word("line.nothing_to_chart", lang), "unit": unit}
    if deadline:
        labels["deadline"] = word("chart.deadline", lang, year=lines.deadline)
    return Chart(lines, title, labels, key, first_year, describe(lines, labels, lang))


def describe(lines: TargetLines, labels: dict[str, str], lang: str) -> str:
    """The chart in one sentence with every value it draws: what a screen reader says for the picture."""
    sep, stop = ("；", "。") if lang == "zh" else ("; ", ".")
    listed = word("list_sep", lang)
    bounds = set(lines.lower)
    parts = []
    exact = [p for p in lines.actual if p not in bounds]
    if exact:
        parts.append(word("chart.values", lang, label=labels["actual"], values=listed.join(map(_point, exact))))
    if lines.lower:
        values = listed.join(_point(p, Bound.MIN) for p in lines.lower)
        parts.append(word("chart.values", lang, label=labels["lower"], values=values))
    if not parts:
        parts.append(labels["empty"])
    if lines.expected:
        start, end = lines.expected[0], lines.expected[-1]
        parts.append(word("chart.path", lang, label=labels["expected"], start=_point(start), end=_point(end)))
    if lines.target is not None:
        parts.append(labels["target"])
    if "deadline" in labels:
        parts.append(labels["deadline"])
    return sep.join(parts) + stop


def period_label(t: float) -> str:
    """A time on the year axis as the period it ends: 2018.0 → `2018`, 2019 − 1/12 → `2019-11`."""
    year = calendar_year(t)
    month = 12 + round((t - year) * 12)
    return str(year) if month == 12 else f"{year}-{month:02d}"


def _point(point: Point, bound: Bound = Bound.EXACT) -> str:
    return f"{period_label(point.t)} {at_least(number(point.value), bound)}"
