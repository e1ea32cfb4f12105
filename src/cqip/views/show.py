"""Everything about one indicator: its targets with their verdicts and chart lines, its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cqip.views.chart_lines import TargetLines, target_lines
from cqip.verdicts.evaluation import Evaluation, evaluate, known_by
from cqip.data.models import Dataset, Indicator, Observation, Section
from cqip.views.records import to_record


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
    series = dataset.series(indicator_id)
    targets = []
    for target in (t for t in catalog.targets if t.indicator == indicator_id):
        ev = evaluate(target, indicator, series, as_of)
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
