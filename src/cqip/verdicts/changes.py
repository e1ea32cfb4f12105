"""The data as it stood on a given day, and what changed between two days.

Actuals rows may carry a `recorded` date (when the figure was entered). Rebuilding the dataset
from the rows recorded by a day — rows without the date count as always present — lets a report
evaluate twice and say which targets moved and which figures are new, instead of diffing files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from cqip.data.actuals_file import check_duplicates
from cqip.data.loading import left_over
from cqip.data.models import Dataset, Observation
from cqip.verdicts.evaluation import Evaluation, Status


@dataclass(frozen=True)
class StatusChange:
    target_id: str
    before: Status
    after: Status


def as_it_stood(dataset: Dataset, day: date) -> Dataset:
    """Only the rows recorded by `day`; a revision recorded later gives way to the row it replaced.

    The evaluation itself ignores periods after its as-of date, so periods need no filter here. Like
    the view it rebuilds, the result holds one region's rows; it also indexes the rows of the peers a
    rank target ranks the plan's region among (`groups:`).
    """
    wanted = {dataset.region, *(m for group in dataset.catalog.groups.values() for m in group.members)}
    every = [o for (_, region), rows in dataset.by_series.items() if region in wanted for o in rows]
    rows = [o for o in (*every, *dataset.superseded) if o.recorded is None or o.recorded <= day]
    kept, _ = check_duplicates(sorted(rows, key=lambda o: (o.file, o.line)))  # the full data passed these checks
    built = Dataset.build(dataset.catalog, kept, left_over(rows, kept), dataset.region)
    return replace(built, observations=[o for o in kept if o.region == dataset.region],
                   superseded=tuple(o for o in built.superseded if o.region == dataset.region))


def recorded_between(dataset: Dataset, after: date, until: date) -> list[Observation]:
    """Rows recorded in (after, until], revisions included; rows without a date are never new."""
    rows = [o for o in (*dataset.observations, *dataset.superseded)
            if o.recorded is not None and after < o.recorded <= until]
    return sorted(rows, key=lambda o: (o.recorded or date.min, o.indicator, o.period, o.file, o.line))


def status_changes(before: list[Evaluation], after: list[Evaluation]) -> list[StatusChange]:
    """Targets whose status differs, in plan order (both lists come from the same catalog)."""
    old = {ev.target.id: ev.status for ev in before}
    return [StatusChange(ev.target.id, old[ev.target.id], ev.status)
            for ev in after if ev.target.id in old and old[ev.target.id] is not ev.status]
