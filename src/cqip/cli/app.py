"""The `cqip` command: option parsing only; every computation lives in the core layers.

Every error a user can cause is a `CqipError`; the command group catches it in one place,
prints its lines to stderr and exits with its status — never a traceback.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cqip import __version__
from cqip.cli import (
    add,
    cache,
    compare,
    depts,
    explain,
    gap,
    indicators,
    init,
    report,
    show,
    status,
    targets,
    tasks,
    validate,
)
from cqip.cli.common import State
from cqip.cli.params import Command, Group
from cqip.data.control import printable
from cqip.data.problems import CqipError


class Commands(Group):
    """The group that turns a user's error into its message and exit status."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]  # typer's Context is click's
        try:
            return super().invoke(ctx)
        except CqipError as exc:
            for line in exc.lines():  # a file name or argument quoted in a message never steers the terminal
                typer.echo(printable(line), err=True)
            ctx.exit(exc.status)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cqip {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option("--data", metavar="DIR", envvar="CQIP_DATA",
                     help="Directory holding targets.yaml, actuals/ and optionally tasks.yaml, task_status/ "
                          "(default: $CQIP_DATA, else the nearest cqip.toml's, else the bundled data)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache",
                                           help="Read and check every file, without the checked-data cache.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Track the plan's targets against dated, sourced observations."""
    ctx.obj = State(data=data, cache=not no_cache)


COMMANDS = {command.__name__: command for command in (
    status.status, gap.gap, validate.validate, report.report, tasks.tasks, depts.depts, explain.explain, show.show,
    add.add, compare.compare, indicators.indicators, targets.targets, init.init)}
GROUPS = {"cache": cache.app}


def build(only: str | None = None) -> typer.Typer:
    """Every command, or only the one named `only` (see `named_command`)."""
    built = typer.Typer(
        name="cqip",
        cls=Commands,
        help="Track Chongqing's 2016 IP-strong-city plan (渝府发〔2016〕56号): targets, sourced actuals, verdicts.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain click usage errors: short, greppable, no box drawing in cron mail
        add_completion=False,
    )
    built.callback()(root)
    for name, command in COMMANDS.items():
        if only in (None, name):
            built.command(name, cls=Command)(command)
    for name, group in GROUPS.items():
        if only in (None, name):
            built.add_typer(group, name=name)
    return built


app = build()
ROOT_FLAGS = {"--no-cache"}
ROOT_OPTIONS = {"--data"}  # root options that take a value


def named_command(args: list[str]) -> str | None:
    """The command `args` run when they plainly name one (`cqip --data DIR status …`), else None.

    Typer builds the options of every command from its signature before it runs any; for the one
    named that work is a fifth of `cqip status`. So `main` builds only that command. Anything else —
    `--help` or `--version` before a command, a misspelt command — gets every command, for the
    group's help and its "did you mean" suggestions.
    """
    rest = iter(args)
    for arg in rest:
        if arg in ROOT_OPTIONS:
            next(rest, None)
        elif not (arg in ROOT_FLAGS or arg.split("=", 1)[0] in ROOT_OPTIONS):
            return arg if arg in COMMANDS or arg in GROUPS else None
    return None


def main() -> None:
    # A character the output encoding lacks (PYTHONIOENCODING=ascii, a Latin-1 terminal) is shown as an
    # escape such as \u91cd, not a UnicodeEncodeError in the middle of a report.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    build(named_command(sys.argv[1:]))()
