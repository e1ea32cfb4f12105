"""`cqip compare`: every region on one target, best first; for a rank target, its group's league table."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from cqip.cli.common import (
    LangOption,
    OutputOption,
    TableFormats,
    TargetArgument,
    dated,
    load_all,
    output,
)
from cqip.views.words import Lang

if TYPE_CHECKING:
    from pathlib import Path

    from cqip.data.models import Dataset, Target


@dated
def compare(ctx: typer.Context, target_id: TargetArgument, when: date, format: TableFormats = None,
            lang: LangOption = Lang.ZH, output_file: OutputOption = None) -> None:
    """Rank the regions that have data or a value of their own on one target: value, achievement, status.
    For a rank target: the league table of its group, the plan's region marked."""
    from cqip.data.models import Kind
    from cqip.verdicts.regions import compare as rank
    from cqip.verdicts.scope import find_target
    from cqip.views import compare as view
    from cqip.views.records import compare_records
    from cqip.views.targets import title

    dataset, _ = load_all(ctx)
    target = find_target(dataset, target_id)
    if target.kind is Kind.RANK:
        _league(dataset, target, when, format, lang, output_file)
        return
    ranked = rank(dataset, target, when)
    heading = f"{title(dataset.catalog.plan.id, 'title.compare', when.isoformat(), lang)} — {target.id}"
    output(format, [view.document(ranked, heading, lang)], compare_records(ranked, when), output_file)


def _league(dataset: Dataset, target: Target, when: date, fmt: str | None, lang: str, path: Path | None) -> None:
    """The newest league table of a rank target's group as of `when`."""
    from cqip.verdicts.ranking import evaluate_rank
    from cqip.views import ranks

    ev = evaluate_rank(dataset, target, when)
    table = ranks.latest_table(ev)
    heading = ranks.league_title(dataset.catalog.plan.id, ev, table, when, lang)
    output(fmt, [ranks.league_document(ev, table, heading, lang)], ranks.league_records(ev, table, when), path)
