"""`cqip validate`: check every data file; one OK line for cron, exit 2 with every problem otherwise."""

from __future__ import annotations

import typer

from cqip.cli.common import load_all


def validate(ctx: typer.Context) -> None:
    """Check targets.yaml, every actuals file and, when present, tasks.yaml and task_status files; print OK
    or every problem as file:line: field: message."""
    dataset, work = load_all(ctx)
    tasks = f", {len(work.book.tasks)} work items, {len(work.reports)} status reports" if work else ""
    typer.echo(f"OK: {len(dataset.catalog.targets)} targets, {len(dataset.observations)} observations{tasks}")
