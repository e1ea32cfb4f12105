"""`cqip validate`: check every data file; silent success line for cron, exit 2 on any problem."""

from __future__ import annotations

import typer

from cqip.cli.common import load


def validate(ctx: typer.Context) -> None:
    """Check targets.yaml and every actuals file; print OK or every problem as file:line: field: message."""
    dataset = load(ctx)
    typer.echo(f"OK: {len(dataset.catalog.targets)} targets, {len(dataset.observations)} observations")
