"""`cqip show` for people: the indicator, its targets, its observations, one chart per target."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from cqip.views.chart_lines import TargetLines
from cqip.data.models import Direction, Kind, Target
from cqip.views.show import Profile
from cqip.render.ascii_chart import Layer, draw
from cqip.render.labels import STATUS_STYLE, number, verdict
from cqip.render.observations import observation_table

MAX_CHART_WIDTH = 100
ACTUAL_GLYPH, ACTUAL_STYLE = "●", "bold green"


def describe(target: Target, unit: str) -> str:
    """What the target asks for, in one line: `8 件/万人 by 2020`, `×2 the 2015 level by 2020`."""
    if target.kind is Kind.MULTIPLE:
        text = f"×{target.factor:g} the {target.start} level by {target.end}"
    elif target.kind is Kind.GROWTH:
        text = f"+{target.rate or 0:.0%} a year from {target.start} to {target.end}"
    elif target.kind is Kind.INCREASE:
        text = f"above the {target.start} level by {target.end}"
    elif target.kind is Kind.CUMULATIVE and target.window is not None:
        text = f"{number(target.value)} {unit} in total over {target.window[0]}–{target.window[1]}"
    else:
        text = f"{number(target.value)} {unit} {'in' if target.kind is Kind.ANNUAL else 'by'} {target.end}"
    if target.approx is not None:
        text += f" (±{target.approx:.0%})"
    if target.direction is Direction.LOWER:
        text += ", lower is better"
    return text + ("（力争）" if target.aspirational else "")


def _targets(shown: Profile, lang: str) -> RenderableType:
    if not shown.targets:
        return Text("  no target in the plan uses this indicator")
    rows: list[RenderableType] = []
    for tp in shown.targets:
        ev = tp.evaluation
        rows.append(Text.assemble(("  " + ev.target.id, "bold"), f"  {describe(ev.target, shown.indicator.unit)}  ",
                                  (verdict(ev, lang), STATUS_STYLE[ev.status])))
        rows.append(Text(f"    {tp.section.zh}  {tp.section.en}", style="dim"))
        rows.append(Text(f"    「{ev.target.clause}」"))
    return Group(*rows)


def _chart(lines: TargetLines, width: int) -> list[Text]:
    """Drawn in this order, so the actual values stay visible where the lines cross them."""
    layers = []
    if lines.expected:
        layers.append(Layer("expected path", "·", "yellow", lines.expected, line=True))
    if lines.target is not None:
        span = [p.t for p in lines.actual + lines.expected] + [float(lines.deadline)]
        layers.append(Layer(f"target {number(lines.target)}", "─", "cyan",
                            [(min(span), lines.target), (max(span), lines.target)], line=True))
    actual = "actual (running sum)" if lines.cumulative else "actual"
    layers.append(Layer(actual, ACTUAL_GLYPH, ACTUAL_STYLE, lines.actual))
    return draw(layers, width=width, marker=(float(lines.deadline), f"deadline {lines.deadline}"))


def render_profile(shown: Profile, width: int, lang: str) -> RenderableType:
    ind = shown.indicator
    parts: list[RenderableType] = [
        Text(f"{ind.id} — {ind.zh}", style="bold"),
        Text(ind.en),
        Text(f"unit {ind.unit} · {ind.measure.value}"),
    ]
    if ind.definition:
        parts.append(Text(ind.definition, style="dim"))
    history = observation_table(shown.observations, shown.revisions) if shown.observations else Text("  none yet")
    parts += [Text(""), Text(f"Targets (status as of {shown.as_of.isoformat()})", style="bold"), _targets(shown, lang),
              Text(""), Text("Observations", style="bold"), history]
    width = min(width, MAX_CHART_WIDTH)
    for tp in shown.targets:
        parts += [Text(""), Text(f"Chart: {tp.evaluation.target.id}", style="bold"), *_chart(tp.lines, width)]
    if not shown.targets and shown.observations:
        points = [(o.period.t, o.value) for o in shown.observations]
        parts += [Text(""), Text("Chart", style="bold"),
                  *draw([Layer("actual", ACTUAL_GLYPH, ACTUAL_STYLE, points)], width=width)]
    return Group(*parts)
