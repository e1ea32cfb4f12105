"""The weekly report as data: every renderer (text, Markdown, JSON, CSV, HTML) formats this one value.

Both evaluations use the data as it stood on their day (`changes.as_it_stood`), so a report for a
past `as_of` is the report one would have got on that day, and two weeks' reports can be diffed.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.data.models import Catalog, Dataset, Indicator, Observation
from cqip.data.periods import Period
from cqip.verdicts.changes import StatusChange, as_it_stood, recorded_between, status_changes
from cqip.verdicts.evaluation import Evaluation, Outlook, Status, evaluate_all, known_by
from cqip.verdicts.ordering import status_counts, worst_first
from cqip.verdicts.ranking import RankEvaluation
from cqip.verdicts.regions import titled
from cqip.verdicts.scope import Dept
from cqip.views import status
from cqip.views.chart_lines import TargetLines, target_lines
from cqip.views.dashboard import WEEKLY, Head, History, coverage, overview, panels
from cqip.views.document import Block, Document, Table, cell
from cqip.views.formatting import at_least, number
from cqip.views.gap import gap_block
from cqip.views.ranks import headline
from cqip.views.records import num, sorted_records
from cqip.views.targets import (
    actual_vs_target_cell,
    column,
    outlook_word,
    status_word,
    summary,
    title,
    unit_cell,
    verdict_columns,
    with_dept,
)
from cqip.views.targets import name as indicator_name
from cqip.views.words import Lang, word

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
    achieved: list[Evaluation]  # plan order
    stale: list[Stale]
    stale_months: int
    lines: dict[str, TargetLines]  # per target id, what its chart draws (the HTML report's charts)
    dept: Dept | None = None  # the department asked for with --dept
    history: History = None  # type: ignore[assignment]  # set by build_report

    @property
    def ended(self) -> int | None:
        """The plan's last deadline once every target's has passed (their statuses are final), else None."""
        if not self.evaluations or not all(ev.final for ev in self.evaluations):
            return None
        return max(ev.target.end for ev in self.evaluations)

    @property
    def status_counts(self) -> dict[Status, int]:
        return status_counts(self.evaluations)

    @property
    def outlook_counts(self) -> dict[Outlook | None, int]:
        """Every outlook, then targets without one (None), in a fixed order."""
        counts = Counter(ev.outlook for ev in self.evaluations)
        return {key: counts.get(key, 0) for key in (*Outlook, None)}


def build_report(dataset: Dataset, data_dir: str, as_of: date, since: date, stale_months: int,
                 dept: Dept | None = None) -> Report:
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
        achieved=[ev for ev in evaluations if ev.status is Status.ACHIEVED],
        stale=_stale(now, evaluations, [*visible, *_ranked(evaluations)], months_before(as_of, stale_months)),
        stale_months=stale_months,
        lines={ev.target.id: target_lines(ev, now.series(ev.target.indicator), as_of) for ev in evaluations},
        dept=dept,
        history=_history(now, evaluations, as_of),
    )


def _history(dataset: Dataset, evaluations: list[Evaluation], as_of: date) -> History:
    indicators = dict.fromkeys(ev.target.indicator for ev in evaluations)
    replaced: dict[str, list[Observation]] = {}
    for obs in sorted(dataset.superseded, key=lambda o: (o.period.t, o.recorded or date.min)):
        if obs.indicator in indicators and obs.region == dataset.region:
            replaced.setdefault(obs.indicator, []).append(obs)
    return History({ind: known_by(dataset.series(ind), as_of) for ind in indicators},
                   {ind: known_by(rows, as_of) for ind, rows in replaced.items()})


def fails(evaluations: list[Evaluation], threshold: Status) -> bool:
    """True when some target is at or below `threshold` (incomplete and no data never fail)."""
    return any(ev.status in RANK and RANK[ev.status] <= RANK[threshold] for ev in evaluations)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (31 March − 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _ranked(evaluations: list[Evaluation]) -> list[Observation]:
    """The plan's region's figures in the league tables: a rank is as fresh as its newest table."""
    return [own.observation for ev in evaluations if isinstance(ev, RankEvaluation)
            for standing in ev.standings if (own := standing.own) is not None]


def _stale(dataset: Dataset, evaluations: list[Evaluation], visible: list[Observation], cutoff: date) -> list[Stale]:
    """Indicators of some open target whose newest visible observation ends on or before `cutoff`: once
    every target of an indicator is closed, no new figure can change a verdict, so nothing is stale."""
    latest: dict[str, Observation] = {}
    for obs in sorted(visible, key=lambda o: o.period.t):
        latest[obs.indicator] = obs
    open_ = {ev.target.indicator for ev in evaluations if not ev.final}
    return [Stale(ind, latest.get(ind.id)) for ind in dataset.catalog.indicators.values()
            if ind.id in open_ and (ind.id not in latest or latest[ind.id].period.end <= cutoff)]


def report_record(report: Report) -> dict[str, Any]:
    """`cqip report --format json`; the keys are documented in the README."""
    return {
        "plan": report.plan,
        "region": report.region,
        "dept": report.dept.asked if report.dept else None,
        "dept_names": sorted(report.dept.names) if report.dept else [],
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "data_dir": report.data_dir,
        "targets": report.targets,
        "observations": report.observations,
        "newest_period": str(report.newest) if report.newest else None,
        "status_counts": {status.value: n for status, n in report.status_counts.items()},
        "outlook_counts": {(o.value if o else "none"): n for o, n in report.outlook_counts.items()},
        "recorded": [
            {"recorded": str(o.recorded), "indicator": o.indicator, "period": str(o.period), "value": num(o.value),
             "unit": o.unit, "source": o.source, "where": o.where}
            for o in report.recorded
        ],
        "status_changes": [{"target_id": c.target_id, "before": c.before.value, "after": c.after.value}
                           for c in report.changes],
        "attention": [ev.target.id for ev in report.attention],
        "achieved": [ev.target.id for ev in report.achieved],
        "stale": [{"indicator": s.indicator.id, "latest_period": str(s.latest.period) if s.latest else None}
                  for s in report.stale],
        "stale_months": report.stale_months,
        "summary": summary(report.evaluations, "en"),
        "plan_ended": report.ended,
        "records": sorted_records(report.evaluations, report.as_of),
    }


def document(report: Report, lang: str) -> Document:
    """The report's sections in the order the README documents, after the headline goal's ranks."""
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    ended = (w("line.plan_ended", end=report.ended),) if report.ended else ()
    head = Block(lines=(*ended, f"{w('head.as_of')}: {report.as_of.isoformat()}    "
                                f"{w('head.since')}: {report.since.isoformat()}",
                        f"{w('head.data_dir')}: {report.data_dir}",
                        f"{w('head.targets')}: {report.targets}    {w('head.observations')}: {report.observations}    "
                        f"{w('head.newest')}: {report.newest or '–'}"))
    lead = headline(report.evaluations, lang)
    return Document(_title(report, lang), (*([lead] if lead else []), head, _counts(report, lang),
                                           *_weekly(report, lang)), lang, name=w("title.report"))


def _title(report: Report, lang: str) -> str:
    heading = title(titled(report.plan, report.region), "title.report", report.as_of.isoformat(), lang)
    return with_dept(heading, report.dept, lang)


def _counts(report: Report, lang: str) -> Block:
    counts = "  ".join(f"{status_word(s, lang)} {n}" for s, n in report.status_counts.items())
    outlooks = "  ".join(f"{outlook_word(o, lang) if o else word('outlook.none', lang)} {n}" for o,
                         n in report.outlook_counts.items())
    return Block(word("head.counts", lang), lines=(f"{word('head.by_status', lang)}: {counts}",
                                                    f"{word('head.by_outlook', lang)}: {outlooks}"))


def _weekly(report: Report, lang: str) -> tuple[Block, ...]:
    """What changed since `since`, what needs attention, what was achieved, what is stale, the summary."""
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    names = {ev.indicator.id: ev.indicator for ev in report.evaluations} | {s.indicator.id: s.indicator
                                                                           for s in report.stale}

    def called(indicator: Indicator) -> str:
        return indicator.zh if lang == "zh" else indicator.en

    never = tuple(called(s.indicator) for s in report.stale if s.latest is None)
    recorded = Table((column("recorded", lang), column("name", lang), column("period", lang),
                      column("value", lang, numeric=True), column("unit", lang), column("source", lang, drop=1)),
                     tuple((cell(str(o.recorded)), cell(called(names[o.indicator]) if o.indicator in names
                                                        else o.indicator),
                            cell(str(o.period)), cell(at_least(number(o.value), o.bound), value=o.value),
                            cell(o.unit), cell(o.source, link=o.source)) for o in report.recorded))
    targets = {ev.target.id: ev for ev in report.evaluations}
    changes = Table((column("target", lang), column("name", lang, under="target"), column("before", lang),
                     column("after", lang)),
                    tuple((cell(c.target_id), cell(indicator_name(targets[c.target_id], lang)
                                                   if c.target_id in targets else ""),
                           cell(status_word(c.before, lang), f"status.{c.before.value}"),
                           cell(status_word(c.after, lang), f"status.{c.after.value}")) for c in report.changes))
    stale = Table((column("name", lang), column("latest", lang)),
                  tuple((cell(called(s.indicator)), cell(str(s.latest.period))) for s in report.stale if s.latest))
    achieved = Table((column("target", lang), column("name", lang, under="target"), *verdict_columns(lang)[:2],
                      column("met_since", lang)),
                     tuple((cell(ev.target.id), cell(indicator_name(ev, lang)), actual_vs_target_cell(ev),
                            unit_cell(ev), cell(ev.achieved_in or "")) for ev in report.achieved))
    return (
        Block(f"{w('head.changed')} ({report.since.isoformat()} → {report.as_of.isoformat()})",
              lines=(f"{w('head.new_rows')}: {len(report.recorded) or w('none')}",),
              table=recorded if report.recorded else None),
        Block(w("head.status_changes"), lines=() if report.changes else (w("none"),),
              table=changes if report.changes else None),
        gap_block(w("head.attention"), report.attention, lang) if report.attention
        else Block(w("head.attention"), (w("none"),)),
        Block(w("head.achieved"), table=achieved) if report.achieved else Block(w("head.achieved"), (w("none"),)),
        Block(f"{w('head.stale')} ({w('head.stale_rule', months=report.stale_months)})",
              lines=() if report.stale else (w("none"),), table=stale if stale.rows else None),
        Block(lines=(f"{w('head.never')} ({len(never)}):", "  " + w("list_sep").join(never)) if never else ()),
        Block(w("head.summary"), lines=(summary(report.evaluations, lang),)),
    )


def targets_document(report: Report, catalog: Catalog, lang: str, *, lead: bool = True) -> Document:
    """Every target by plan section, as `status` shows it: the report's CSV and a sheet of its workbook."""
    heading = with_dept(title(titled(report.plan, report.region), "title.status", report.as_of.isoformat(), lang),
                        report.dept, lang)
    return status.document(report.evaluations, catalog, heading, lang, lead=lead)


def page(report: Report, catalog: Catalog, lang: str,
         departments: Mapping[str, str] | None = None) -> tuple[Document, ...]:
    """The HTML report as a dashboard: the headline goal's ranks lead (their charts are in their panels), then every
    target at a glance and what the data cover, the weekly report, and one panel per target with data.
    `departments` gives the owners' names in English (tasks.yaml)."""
    names = dict(departments or {}) if lang == Lang.EN else {}
    head = Head(_title(report, lang), catalog.plan, report.region, report.as_of, report.since, report.observations,
                report.newest, report.ended)
    weekly = Document(word("title.report", lang), _weekly(report, lang), lang, anchor=WEEKLY)
    lead = headline(report.evaluations, lang)
    first = (Document(lead.title, (lead._replace(title=""),), lang),) if lead else ()
    return (*first, overview(head, report.evaluations, report.history, catalog, _counts(report, lang), lang),
            coverage(report.evaluations, catalog, lang), weekly,
            panels(report.evaluations, catalog, report.lines, report.history, head, names, lang))
