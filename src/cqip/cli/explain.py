"""`cqip explain`: the audit trail of one target's verdict, step by step."""

from __future__ import annotations

from datetime import date

import typer

from cqip.cli.common import (
    DocumentFormats,
    LangOption,
    RegionOption,
    TargetArgument,
    dated,
    load,
    output,
)
from cqip.views.words import Lang


@dated
def explain(ctx: typer.Context, target_id: TargetArgument, when: date, format: DocumentFormats = None,
            lang: LangOption = Lang.ZH, region: RegionOption = None) -> None:
    """Why a target has its status: every input and intermediate value, with formulas and numbers."""
    from cqip.verdicts.evaluation import evaluate_target
    from cqip.verdicts.scope import find_target
    from cqip.views import explain as view

    dataset = load(ctx, region=region, target_id=target_id)
    target = find_target(dataset, target_id)
    ev = evaluate_target(dataset, target, when)
    output(format, [view.document(view.audit(ev, when, lang))], view.to_data(ev, when))
