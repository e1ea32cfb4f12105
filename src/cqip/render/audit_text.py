"""`cqip explain` for people: inputs, observations, then each step as formula, numbers, result."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cqip.views.explain import Audit
from cqip.data.numbers import exact as fmt
from cqip.render.labels import OUTLOOK_STYLE, STATUS_STYLE, outlook_word, verdict
from cqip.render.observations import observation_table


def _grid(*headers: str) -> Table:
    """Borderless columns; the last one (sources, URLs) wraps instead of widening the page."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold")
    for i, header in enumerate(headers):
        last = i == len(headers) - 1
        table.add_column(header, overflow="fold" if last else "ellipsis", no_wrap=not last, ratio=1 if last else None)
    return table


def _value(value: float | str | None) -> str:
    if value is None:
        return "–"
    return fmt(value) if isinstance(value, float | int) else value


def render_audit(trail: Audit, lang: str) -> RenderableType:
    ev = trail.evaluation
    target, indicator = ev.target, ev.indicator
    parts: list[RenderableType] = [
        Text(f"{target.id} — {indicator.zh} ({indicator.unit}), {target.kind.value} target", style="bold"),
        Text(f"「{target.clause}」"),
        Text(""),
    ]
    inputs = _grid("", "input", "value", "from")
    for row in trail.inputs:
        inputs.add_row(row.symbol, row.name, _value(row.value), row.source)
    parts += [inputs, Text("")]

    used = observation_table(trail.observations) if trail.observations else Text("  none")
    parts += [Text("Observations used", style="bold"), used, Text("")]

    parts.append(Text("Steps", style="bold"))
    for step in trail.steps:
        parts.append(Text.assemble((f"  {step.symbol} = {step.formula}", "bold"), (f"   {step.name}", "dim")))
        parts.append(Text(f"      = {step.substituted} = {fmt(step.value)}", overflow="fold"))
    if trail.not_computed:
        parts.append(Text(f"  not computed for this verdict: {', '.join(trail.not_computed)}", style="dim"))
    parts.append(Text(""))

    status = Text.assemble("Status: ", (verdict(ev, lang), STATUS_STYLE[ev.status]), f" — {ev.reason}")
    parts.append(status)
    if trail.decision:
        parts.append(Text(f"  {trail.decision}"))
    if ev.outlook is not None:
        parts.append(Text.assemble("Outlook: ", (outlook_word(ev.outlook, lang), OUTLOOK_STYLE[ev.outlook]),
                                   f" — {trail.outlook_decision}"))
    return Group(*parts)
