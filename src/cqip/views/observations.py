"""Observations as a table: period, exact value, then where it came from — file:line, source, note.

URLs are long, so the provenance is one cell of stacked lines that wraps, and each row is followed,
dimmed, by the earlier values of its period that a revision replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from cqip.data.models import Observation
from cqip.data.numbers import exact
from cqip.views.document import Cell, Table, cell
from cqip.views.formatting import at_least
from cqip.views.targets import column
from cqip.views.words import word


def observation_table(observations: Sequence[Observation], revisions: Sequence[Observation], lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for o in observations:
        rows.append((cell(str(o.period)), cell(_figure(o), value=o.value), cell(o.scope), _details(o, "", "", lang)))
        for old in (r for r in revisions if r.indicator == o.indicator and r.period == o.period):
            rows.append((cell("", "dim"), cell(_figure(old), "dim", old.value), cell(old.scope, "dim"),
                         _details(old, word("line.revised", lang), "dim", lang)))
    return Table((column("period", lang), column("value", lang, numeric=True), column("scope", lang, drop=1),
                  column("where", lang)), tuple(rows))


def _figure(o: Observation) -> str:
    return at_least(exact(o.value), o.bound)


def _details(o: Observation, prefix: str, style: str, lang: str) -> Cell:
    recorded = word("line.recorded", lang, day=o.recorded.isoformat()) if o.recorded else ""
    lines = [prefix + o.where + recorded, o.source, *([o.note] if o.note else [])]
    return Cell("\n".join(lines), style, o.source, o.source if o.source.startswith(("http://", "https://")) else None)
