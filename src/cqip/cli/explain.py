"""`cqip explain`: the audit trail of one target's verdict, step by step."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from cqip.cli.common import (Lang, LangOption, RegionOption, YearOption, console, emit, find_target, load,
                             year_end_or_today)


class TrailFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def explain(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID",
                                             help="A target id from targets.yaml, e.g. invention_patents_per_10k_2020.")],
    year: YearOption = None,
    format: Annotated[TrailFormat, typer.Option("--format", "-f", help="text for people, json for machines.")] = TrailFormat.TEXT,
    lang: LangOption = Lang.ZH,
    region: RegionOption = None,
) -> None:
    """Why a target has its status: every input and intermediate value, with formulas and numbers."""
    from cqip.views.explain import audit, to_data
    from cqip.verdicts.evaluation import evaluate_target

    dataset = load(ctx, region=region, target_id=target_id)
    target = find_target(dataset.catalog, target_id)
    when = year_end_or_today(year)
    ev = evaluate_target(dataset, target, when)
    trail = audit(ev, when)
    if format is TrailFormat.JSON:
        from cqip.render.json_out import dumps

        emit(dumps(to_data(trail)))
        return
    from cqip.render.audit_text import render_audit

    console().print(render_audit(trail, lang))
