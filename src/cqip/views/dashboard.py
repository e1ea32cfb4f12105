"""The HTML report's own documents: an overview of every target, what the data cover, one panel per target.

Overview first, as the SDG dashboards do: every target by plan section with its status, its 完成率
as a bar with a tick at the share of its time elapsed (时间过半、任务过半 at a glance) and its
outlook. Then the data coverage — which targets have data at all, and how recent — so that the
targets without data are listed once, not drawn as empty charts. Then a panel per target with data:
the chart, the clause, the verdict in explain's own words, the owners, every observation.

Nothing here judges: verdicts come from the evaluation, their sentences from `explain.audit`.
The page names its data by plan and date, never by a path on the machine that made it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.data.models import CITY, Catalog, Kind, Observation, Plan
from cqip.data.periods import Period, date_to_t
from cqip.verdicts.evaluation import Evaluation, Status
from cqip.verdicts.ordering import by_section
from cqip.views.chart_lines import TargetLines
from cqip.views.charts import chart
from cqip.views.document import Bar, Block, Cell, Document, Download, Table, cell
from cqip.views.explain import audit, verdict_sentences
from cqip.views.formatting import at_least, number, percent
from cqip.views.records import FIELDS, num, sorted_records
from cqip.views.show import describe
from cqip.views.targets import actual_vs_target_cell, column, outlook_cell, status_cell
from cqip.views.targets import name as indicator_name
from cqip.views.words import word

# Anchors of the page's parts, for its table of contents.
OVERVIEW, COVERAGE, WEEKLY, DETAILS = "overview", "coverage", "weekly", "details"
# The data formats the page offers its data in; "xlsx" joins them once `--format xlsx` exists (issue 13),
# with its writer in render.html_page.DATA_FORMATS.
DOWNLOADS = ("csv", "json")
OBSERVATION_FIELDS = ("indicator", "period", "value", "unit", "scope", "bound", "source", "note", "recorded",
                      "region", "replaced")


@dataclass(frozen=True)
class Head:
    """What the page says about itself: its title, the plan and the day its data stood."""

    title: str
    plan: Plan
    region: str
    as_of: date
    since: date
    observations: int
    newest: Period | None
    ended: int | None


@dataclass(frozen=True)
class History:
    """Per indicator, every observation known by the as-of date (all 口径) and the rows revisions replaced."""

    observations: Mapping[str, Sequence[Observation]]
    replaced: Mapping[str, Sequence[Observation]]


def _has_data(ev: Evaluation) -> bool:
    """A target gets a panel when some figure of its 口径 decides it."""
    return ev.status is not Status.NO_DATA


def overview(head: Head, evaluations: list[Evaluation], history: History, catalog: Catalog, counts: Block,
             lang: str) -> Document:
    """The page's first part: what it is, where to go, and every target at a glance."""
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    plan = head.plan.title_zh if lang == "zh" else head.plan.title_en
    region = () if head.region == CITY else (w("line.region", region=head.region),)
    about = Block(lines=(
        w("line.data_of", plan=plan, id=head.plan.id, day=head.as_of.isoformat()), *region,
        *((w("line.plan_ended", end=head.ended),) if head.ended else ()),
        f"{w('head.since')}: {head.since.isoformat()} · {w('head.targets')}: {len(evaluations)} · "
        f"{w('head.observations')}: {head.observations} · {w('head.newest')}: {head.newest or '–'}"))
    downloads = Block(lines=(w("line.downloads"),), downloads=_downloads(evaluations, history, head.as_of, lang))
    groups = by_section(evaluations, catalog)
    contents = Block(w("head.contents"), lines=(
        Cell(w("head.overview"), link=f"#{OVERVIEW}"), Cell(w("head.coverage"), link=f"#{COVERAGE}"),
        Cell(word("title.report", lang), link=f"#{WEEKLY}"), Cell(w("head.details"), link=f"#{DETAILS}"),
        *(Cell(_section_name(section.zh, section.en, lang), link=f"#section-{section.id}")
          for section, rows in groups if any(map(_has_data, rows)))))
    columns = (column("name", lang), column("status", lang), column("achievement", lang, numeric=True),
               column("actual_target", lang, numeric=True), column("outlook", lang, drop=1))
    grid = [Block(_section_name(section.zh, section.en, lang), level=3, table=Table(columns, tuple(
        (cell(indicator_name(ev, lang), link=f"#{ev.target.id}" if _has_data(ev) else None),
         status_cell(ev, lang), _bar_cell(ev, head.as_of, lang), actual_vs_target_cell(ev), outlook_cell(ev, lang))
        for ev in rows))) for section, rows in groups]
    return Document(head.title, (about, downloads, contents, Block(w("head.overview"), lines=(w("line.bar_key"),),
                                                        anchor=OVERVIEW), *grid, counts), lang)


def coverage(evaluations: list[Evaluation], catalog: Catalog, lang: str) -> Document:
    """Per plan section: targets with data and without, the newest figure; then the targets without data."""
    groups = by_section(evaluations, catalog)
    columns = (column("section", lang), column("with_data", lang, numeric=True),
               column("without_data", lang, numeric=True), column("newest", lang))
    rows = []
    for section, evs in groups:
        newest = max((ev.newest.period for ev in evs if ev.newest), key=lambda p: p.t, default=None)
        with_data = sum(map(_has_data, evs))
        rows.append((cell(_section_name(section.zh, section.en, lang)), cell(str(with_data), value=with_data),
                     cell(str(len(evs) - with_data), value=len(evs) - with_data), cell(str(newest or "–"))))
    missing = [(section, ev) for section, evs in groups for ev in evs if not _has_data(ev)]
    listed = Table((column("target", lang), column("name", lang), column("asks", lang), column("section", lang)),
                   tuple((cell(ev.target.id, "code"), cell(indicator_name(ev, lang)),
                          cell(describe(ev.target, ev.indicator.unit, lang)),
                          cell(_section_name(section.zh, section.en, lang))) for section, ev in missing))
    blocks = [Block(table=Table(columns, tuple(rows)))]
    if missing:
        blocks.append(Block(word("head.without_data", lang, n=len(missing)), level=3, table=listed))
    return Document(word("head.coverage", lang), tuple(blocks), lang, anchor=COVERAGE)


def panels(evaluations: list[Evaluation], catalog: Catalog, lines: Mapping[str, TargetLines], history: History,
           head: Head, departments: Mapping[str, str], lang: str) -> Document:
    """One panel per target with data, by plan section."""
    blocks: list[Block] = []
    for section, rows in by_section(evaluations, catalog):
        shown = [ev for ev in rows if _has_data(ev)]
        if shown:
            blocks.append(Block(_section_name(section.zh, section.en, lang), level=3, anchor=f"section-{section.id}"))
            blocks += [_panel(ev, lines[ev.target.id], history, head.as_of, head.region, departments, lang)
                       for ev in shown]
    return Document(word("head.details", lang), tuple(blocks), lang, anchor=DETAILS)


def _panel(ev: Evaluation, lines: TargetLines, history: History, as_of: date, region: str,
           departments: Mapping[str, str], lang: str) -> Block:
    """Status, clause (with a region's own value: the clause is the city's), verdict, 口径, owners, chart,
    and the observations folded away."""
    target = ev.target
    owners = word("list_sep", lang).join(departments.get(name, name) for name in target.owners)
    own = ((word("line.own_value", lang, region=region, value=number(target.regions[region])),)
           if region in target.regions else ())
    text: list[str | Cell] = [
        status_cell(ev, lang), f"「{target.clause}」", *own,
        *(sentence for sentence in verdict_sentences(audit(ev, as_of, lang)) if sentence),
        word("line.scope", lang, scope=ev.scope or word("in.scope_blank", lang)),
        word("line.owners", lang, names=owners) if owners else word("line.no_owner", lang),
        Cell(target.id, "code"),
    ]
    drawn = lines.actual or lines.lower
    title = word("chart.title", lang, name=indicator_name(ev, lang), unit=ev.indicator.unit)
    first = target.window[0] - 1 if target.kind is Kind.CUMULATIVE and target.window else target.start
    charts = (chart(lines, title, lang, key=target.id, first_year=first, unit=ev.indicator.unit),) if drawn else ()
    observed = history.observations.get(ev.indicator.id, ())
    table = _observations(observed, history.replaced.get(ev.indicator.id, ()), ev.scope, lang)
    return Block(indicator_name(ev, lang), level=4, anchor=target.id, card=True,
                 lines=tuple(text) if drawn else (*text, word("line.nothing_to_chart", lang)), charts=charts,
                 table=table, fold=word("line.observations", lang, n=len(observed)))


def _observations(observed: Sequence[Observation], replaced: Sequence[Observation], scope: str,
                  lang: str) -> Table:
    """Every observation of the indicator: the target's 口径 in full, other 口径 dimmed; each with the
    values revisions replaced."""
    columns = (column("period", lang), column("value", lang, numeric=True), column("unit", lang),
               column("scope", lang), column("source", lang), column("revisions", lang, drop=1))
    rows = []
    for o in observed:
        style = "" if o.scope == scope else "dim"
        earlier = [r for r in replaced if r.period == o.period and r.scope == o.scope]
        revisions = word("list_sep", lang).join(
            word("line.replaced", lang, value=at_least(number(r.value), r.bound),
                 day=r.recorded.isoformat() if r.recorded else "–") for r in earlier)
        link = o.source if o.source.startswith(("http://", "https://")) else None
        rows.append((cell(str(o.period), style), cell(at_least(number(o.value), o.bound), style, o.value),
                     cell(o.unit, style), cell(o.scope or word("in.scope_blank", lang), style),
                     cell(o.source, style, link=link), cell(revisions, style)))
    return Table(columns, tuple(rows))


def _bar_cell(ev: Evaluation, as_of: date, lang: str) -> Cell:
    """完成率 as text and as a bar (full at 100 %) with a tick at the share of the target's time elapsed."""
    achieved = ev.achievement
    if achieved is None:
        return cell("", value="")
    text = at_least(percent(achieved), ev.bound)
    elapsed = _elapsed_share(ev, as_of)
    label = word("line.bar", lang, achieved=text, elapsed=percent(elapsed))
    return Cell(text, value=achieved, bar=Bar(max(0.0, min(achieved, 1.0)), elapsed, label))


def _elapsed_share(ev: Evaluation, as_of: date) -> float:
    """How much of the target's time has passed by `as_of`, 0–1: from the end of its baseline year (the
    year before its window) to the end of its deadline year."""
    target = ev.target
    start = target.window[0] - 1 if target.kind is Kind.CUMULATIVE and target.window else target.start
    if target.end <= start:
        return 1.0
    return max(0.0, min((date_to_t(as_of) - start) / (target.end - start), 1.0))


def _section_name(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def _downloads(evaluations: list[Evaluation], history: History, as_of: date, lang: str) -> tuple[Download, ...]:
    """The page's data as files: the verdict per target (the records of `status --format json`), every observation."""
    day = as_of.isoformat()
    targets = tuple(sorted_records(evaluations, as_of))
    observations = tuple(_observation_records(history))
    return tuple(
        Download(fmt, word("line.download", lang, what=word(what, lang), format=fmt.upper()),
                 f"cqip-{name}-{day}.{fmt}", records, fields)
        for what, name, records, fields in (("line.download_targets", "targets", targets, FIELDS),
                                            ("line.download_observations", "observations", observations,
                                             OBSERVATION_FIELDS))
        for fmt in DOWNLOADS)


def _observation_records(history: History) -> list[dict[str, Any]]:
    """Every observation the page shows, without the file it came from (a path on someone's machine)."""
    rows = [(o, False) for series in history.observations.values() for o in series]
    rows += [(o, True) for series in history.replaced.values() for o in series]
    rows.sort(key=lambda row: (row[0].indicator, row[0].period.t, row[0].scope, row[1], row[0].recorded or date.min))
    return [{"indicator": o.indicator, "period": str(o.period), "value": num(o.value), "unit": o.unit,
             "scope": o.scope, "bound": o.bound.value or None, "source": o.source, "note": o.note,
             "recorded": o.recorded.isoformat() if o.recorded else None, "region": o.region, "replaced": replaced}
            for o, replaced in rows]

