"""The `cqip` command: option parsing only; every computation lives in the core modules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cqip import __version__
from cqip.cli import add, compare, depts, explain, gap, report, show, status, tasks, validate
from cqip.cli.common import State

app = typer.Typer(
    name="cqip",
    help="Track Chongqing's 2016 IP-strong-city plan (渝府发〔2016〕56号): targets, sourced actuals, verdicts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click usage errors: short, greppable, no box drawing in cron mail
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cqip {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option("--data", metavar="DIR", envvar="CQIP_DATA",
                     help="Directory holding targets.yaml, actuals/ and optionally tasks.yaml, task_status/ (default: $CQIP_DATA, else the bundled data)."),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Track the plan's targets against dated, sourced observations."""
    ctx.obj = State(data=data)


app.command("status")(status.status)
app.command("gap")(gap.gap)
app.command("validate")(validate.validate)
app.command("report")(report.report)
app.command("tasks")(tasks.tasks)
app.command("depts")(depts.depts)
app.command("explain")(explain.explain)
app.command("show")(show.show)
app.command("add")(add.add)
app.command("compare")(compare.compare)


def main() -> None:
    app()
