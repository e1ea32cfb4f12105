"""`cqip explain`: the audit trail of one target's verdict, step by step."""

from __future__ import annotations

import typer

from cqip.cli.common import (
    AsOfOption,
    DocumentFormats,
    LangOption,
    RegionOption,
    TargetArgument,
    YearOption,
    as_of,
    load,
    output,
)
from cqip.views.words import Lang


def explain(
    ctx: typer.Context,
    target_id: TargetArgument,
    year: YearOption = None,
    as_of_day: AsOfOption = None,
    format: DocumentFormats = None,
    lang: LangOption = Lang.ZH,
    region: RegionOption = None,
) -> None:
    """Why a target has its status: every input and intermediate value, with formulas and numbers."""
    from cqip.verdicts.evaluation import evaluate_target
    from cqip.verdicts.scope import find_target
    from cqip.views import explain as view

    dataset = load(ctx, region=region, target_id=target_id)
    target = find_target(dataset, target_id)
    when = as_of(as_of_day, year)
    ev = evaluate_target(dataset, target, when)
    output(format, [view.document(view.audit(ev, when, lang))], view.to_data(ev, when))
