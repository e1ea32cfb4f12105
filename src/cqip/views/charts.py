"""A target's chart lines with their legend in the document's language, for every renderer that draws."""

from __future__ import annotations

from cqip.views.chart_lines import TargetLines
from cqip.views.document import Cell, Chart
from cqip.views.formatting import number
from cqip.views.words import word


def chart(lines: TargetLines, title: str, lang: str, *, deadline: bool = True, key: str = "",
          first_year: int | None = None, caption: tuple[str | Cell, ...] = ()) -> Chart:
    """Without `deadline`, no deadline is marked (an indicator no target uses)."""
    labels = {"expected": word("chart.expected", lang),
              "target": word("chart.target", lang, value=number(lines.target)),
              "actual": word("chart.rank" if lines.inverted else "chart.running_sum" if lines.cumulative
                             else "chart.actual", lang),
              "year": word("chart.year", lang), "empty": word("line.nothing_to_chart", lang)}
    if deadline:
        labels["deadline"] = word("chart.deadline", lang, year=lines.deadline)
    return Chart(lines, title, labels, key, first_year, caption)
