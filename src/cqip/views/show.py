"""`cqip show`: everything about one indicator — its targets with verdicts and charts, its whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.data.models import CITY, RANK_UNIT, Dataset, Direction, Indicator, Kind, Observation, Section, Target
from cqip.verdicts.evaluation import Evaluation, Point, evaluate_target, known_by
from cqip.verdicts.ranking import RankEvaluation
from cqip.views.chart_lines import TargetLines, target_lines
from cqip.views.charts import chart
from cqip.views.document import Block, Cell, Document, Table, cell
from cqip.views.formatting import number
from cqip.views.observations import observation_table
from cqip.views.records import to_record
from cqip.views.targets import column, group_name, status_cell
from cqip.views.words import word


@dataclass(frozen=True)
class TargetProfile:
    evaluation: Evaluation
    section: Section
    lines: TargetLines


@dataclass(frozen=True)
class Profile:
    indicator: Indicator
    as_of: date
    observations: list[Observation]  # every observation up to the as-of date, oldest first
    targets: list[TargetProfile]
    revisions: list[Observation]  # rows replaced by a later `recorded` revision of the same period


def profile(dataset: Dataset, indicator_id: str, as_of: date) -> Profile:
    catalog = dataset.catalog
    indicator = catalog.indicators[indicator_id]
    series = dataset.series(indicator_id) or _home_rows(dataset, indicator_id)
    targets = []
    for target in (t for t in catalog.targets if t.indicator == indicator_id):
        ev = evaluate_target(dataset, target, as_of)
        targets.append(TargetProfile(ev, catalog.sections[target.section], target_lines(ev, series, as_of)))
    observations = known_by(series, as_of)
    replaced = sorted((o for o in dataset.superseded if o.indicator == indicator_id),
                      key=lambda o: (o.period.t, o.recorded or date.min))
    return Profile(indicator, as_of, observations, targets, known_by(replaced, as_of))


def to_data(shown: Profile) -> dict[str, Any]:
    """The profile for `--format json`: target records as in `status`, plus sections and chart lines."""
    indicator = shown.indicator
    return {
        "indicator": {"id": indicator.id, "name_zh": indicator.zh, "name_en": indicator.en, "unit": indicator.unit,
                      "measure": indicator.measure.value, "definition": indicator.definition},
        "as_of": shown.as_of.isoformat(),
        "targets": [
            {**to_record(tp.evaluation, shown.as_of), "section_zh": tp.section.zh, "section_en": tp.section.en,
             "chart": {"actual": [list(p) for p in tp.lines.actual], "expected": [list(p) for p in tp.lines.expected],
                       "cumulative": tp.lines.cumulative}}
            for tp in shown.targets
        ],
        "observations": [_row(o) for o in shown.observations],
        "revisions": [_row(o) for o in shown.revisions],
    }


def _row(o: Observation) -> dict[str, Any]:
    return {"period": str(o.period), "value": o.value, "unit": o.unit, "source": o.source, "note": o.note,
            "recorded": o.recorded.isoformat() if o.recorded else None, "file": o.file, "line": o.line}


def describe(target: Target, unit: str, lang: str, among: str = "") -> str:
    """What the target asks for, in one line: `8 件/万人 by 2020`, `×2 the 2015 level by 2020`,
    `rank ≤ 15 among all provinces by 2020` (`among`: the group's name)."""
    fields: dict[str, object] = {"start": target.start, "end": target.end, "unit": unit, "value": number(target.value),
                                 "among": among}
    if target.kind is Kind.MULTIPLE:
        text = word("ask.multiple", lang, **fields, factor=f"{target.factor:g}")
    elif target.kind is Kind.GROWTH:
        text = word("ask.growth", lang, **fields, rate=f"{target.rate or 0:.0%}")
    elif target.kind is Kind.CUMULATIVE and target.window is not None:
        text = word("ask.cumulative", lang, **fields, first=target.window[0], last=target.window[1])
    else:
        text = word(f"ask.{target.kind.value}", lang, **fields)
    if target.approx is not None:
        text += word("ask.approx", lang, approx=f"{target.approx:.0%}")
    if target.direction is Direction.LOWER and target.kind is not Kind.RANK:  # a place is always lower-better
        text += word("ask.lower", lang)
    return text + (word("strive", lang) if target.aspirational else "")


def document(shown: Profile, lang: str) -> Document:
    ind = shown.indicator
    measure = word(f"measure.{ind.measure.value}", lang)
    head: list[str | Cell] = [word("line.unit_measure", lang, unit=ind.unit, measure=measure)]
    if ind.definition:
        head.append(Cell(ind.definition, "dim"))
    columns = (column("target", lang), column("asks", lang), column("status", lang), column("clause", lang, drop=1))
    targets = Table(columns, tuple((cell(tp.evaluation.target.id, "bold"),
                                    cell(describe(tp.evaluation.target, ind.unit, lang, _among(tp.evaluation, lang))),
                                    status_cell(tp.evaluation, lang), cell(f"「{tp.evaluation.target.clause}」"))
                                   for tp in shown.targets))
    blocks = [Block(lines=tuple(head)),
              Block(word("head.targets_of", lang, day=shown.as_of.isoformat()),
                    lines=() if shown.targets else (word("line.no_target", lang),),
                    table=targets if shown.targets else None),
              Block(word("head.observations_of", lang),
                    lines=() if shown.observations else (word("none_yet", lang),),
                    table=observation_table(shown.observations, shown.revisions, lang) if shown.observations else None)]
    for tp in shown.targets:
        title = word("head.chart_of", lang, id=tp.evaluation.target.id)
        blocks.append(Block(title, charts=(chart(tp.lines, title, lang),)))
    if not shown.targets and shown.observations:
        points = [Point(o.period.t, o.value) for o in shown.observations]
        lines = TargetLines(points, [], None, int(shown.observations[-1].period.year), False,
                            inverted=ind.unit == RANK_UNIT)
        title = word("head.chart", lang)
        blocks.append(Block(title, charts=(chart(lines, title, lang, deadline=False),)))
    return Document(f"{ind.id} — {ind.zh if lang == 'zh' else ind.en}", tuple(blocks), lang)


def _among(ev: Evaluation, lang: str) -> str:
    return group_name(ev, lang) if isinstance(ev, RankEvaluation) else ""


def _home_rows(dataset: Dataset, indicator_id: str) -> list[Observation]:
    """The whole city's view of an indicator it has no rows for: the rows under the plan's own region
    (重庆 in a provincial table or a published rank are the same subject)."""
    home = dataset.catalog.plan.region
    return dataset.by_series.get((indicator_id, home), []) if dataset.region == CITY and home else []
