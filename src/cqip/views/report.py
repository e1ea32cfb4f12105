"""The weekly report as data: every renderer (text, Markdown, JSON, CSV, HTML) formats this one value.

Both evaluations use the data as it stood on their day (`changes.as_it_stood`), so a report for a
past `as_of` is the report one would have got on that day, and two weeks' reports can be diffed.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date

from cqip.views.chart_lines import TargetLines, target_lines
from cqip.verdicts.changes import StatusChange, as_it_stood, recorded_between, status_changes
from cqip.verdicts.evaluation import Evaluation, Outlook, Status, evaluate_all, known_by
from cqip.data.models import Dataset, Indicator, Observation
from cqip.data.periods import Period
from cqip.views.ordering import status_counts, worst_first

NEEDS_ATTENTION = (Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.INCOMPLETE)
# For --fail-on: how good a status is; a target fails at or below the given rank.
RANK = {Status.ACHIEVED: 2, Status.ON_TRACK: 2, Status.AT_RISK: 1, Status.OFF_TRACK: 0, Status.MISSED: 0}


@dataclass(frozen=True)
class Stale:
    indicator: Indicator
    latest: Observation | None  # None: never observed


@dataclass(frozen=True)
class Report:
    plan: str
    region: str
    data_dir: str
    as_of: date
    since: date
    targets: int
    observations: int  # rows visible as of `as_of`
    newest: Period | None
    evaluations: list[Evaluation]  # plan order, as of `as_of`
    recorded: list[Observation]  # recorded in (since, as_of]
    changes: list[StatusChange]
    attention: list[Evaluation]  # worst first
    stale: list[Stale]
    stale_months: int
    lines: dict[str, TargetLines]  # per target id, what its chart draws (the HTML report's charts)

    @property
    def status_counts(self) -> dict[Status, int]:
        return status_counts(self.evaluations)

    @property
    def outlook_counts(self) -> dict[Outlook | None, int]:
        """Every outlook, then targets without one (None), in a fixed order."""
        counts = Counter(ev.outlook for ev in self.evaluations)
        return {key: counts.get(key, 0) for key in (*Outlook, None)}


def build_report(dataset: Dataset, data_dir: str, as_of: date, since: date, stale_months: int) -> Report:
    now = as_it_stood(dataset, as_of)
    visible = known_by(now.observations, as_of)
    evaluations = evaluate_all(now, as_of)
    before = evaluate_all(as_it_stood(dataset, since), since)
    return Report(
        plan=dataset.catalog.plan.id,
        region=dataset.region,
        data_dir=data_dir,
        as_of=as_of,
        since=since,
        targets=len(evaluations),
        observations=len(visible),
        newest=max((o.period for o in visible), key=lambda p: p.t, default=None),
        evaluations=evaluations,
        recorded=recorded_between(dataset, since, as_of),
        changes=status_changes(before, evaluations),
        attention=worst_first([ev for ev in evaluations if ev.status in NEEDS_ATTENTION]),
        stale=_stale(now, visible, months_before(as_of, stale_months)),
        stale_months=stale_months,
        lines={ev.target.id: target_lines(ev, now.series(ev.target.indicator), as_of) for ev in evaluations},
    )


def fails(evaluations: list[Evaluation], threshold: Status) -> bool:
    """True when some target is at or below `threshold` (incomplete and no data never fail)."""
    return any(ev.status in RANK and RANK[ev.status] <= RANK[threshold] for ev in evaluations)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (31 March − 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _stale(dataset: Dataset, visible: list[Observation], cutoff: date) -> list[Stale]:
    """Indicators of some target whose newest visible observation ends on or before `cutoff`."""
    latest: dict[str, Observation] = {}
    for obs in sorted(visible, key=lambda o: o.period.t):
        latest[obs.indicator] = obs
    used = {t.indicator for t in dataset.catalog.targets}
    return [Stale(ind, latest.get(ind.id)) for ind in dataset.catalog.indicators.values()
            if ind.id in used and (ind.id not in latest or latest[ind.id].period.end <= cutoff)]
