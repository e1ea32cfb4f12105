"""Observations as a table that fits 80 columns: where, source and note stacked in one cell."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from cqip.data.models import Observation
from cqip.data.numbers import exact


def observation_table(observations: Sequence[Observation], revisions: Sequence[Observation] = ()) -> Table:
    """Period and exact value, then file:line (and recorded date), source and note, one per line: URLs are long.

    Each row is followed, dimmed, by the earlier values of its period that a revision replaced.
    """
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold")
    table.add_column("period", no_wrap=True)
    table.add_column("value", no_wrap=True, justify="right")
    table.add_column("file:line · source · note", overflow="fold", ratio=1)
    for o in observations:
        table.add_row(str(o.period), exact(o.value), _details(o, ""))
        for old in (r for r in revisions if r.indicator == o.indicator and r.period == o.period):
            table.add_row("", Text(exact(old.value), style="dim"), _details(old, "revised: "), style="dim")
    return table


def _details(o: Observation, prefix: str) -> Text:
    where = prefix + o.where + (f"  (recorded {o.recorded.isoformat()})" if o.recorded else "")
    details = Text(where, style="dim")
    details.append(f"\n{o.source}" + (f"\n{o.note}" if o.note else ""))
    return details
