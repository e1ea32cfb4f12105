"""What every command shares: the data directory, output options, loading with clean errors.

Heavy modules (pydantic, yaml, the evaluation) are imported inside the helpers, so that
`cqip --help` and usage errors start fast.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from cqip.verdicts.evaluation import Evaluation
    from cqip.data.models import Catalog, Dataset, Target
    from cqip.render.blocks import Block
    from cqip.data.problems import Problem
    from cqip.data.task_status_file import Work

EXIT_INVALID = 2
WIDE = 120  # terminal columns from which tables also show the Chinese indicator names


class Format(StrEnum):
    TABLE = "table"
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class ReportFormat(StrEnum):
    """The report is prose with tables, so it has no rich-table form; html is a page with charts."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    HTML = "html"


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


@dataclass
class State:
    data: Path | None = None


def parse_date(value: str | None) -> date | None:
    """Exactly YYYY-MM-DD within the years periods allow (fromisoformat alone also takes 20190620)."""
    if value is None:
        return None
    try:
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None
    if not 1900 <= day.year <= 2200:
        raise typer.BadParameter(f"{value!r}: the year must be between 1900 and 2200")
    return day


FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", show_default=False,
                 help="table (default on a terminal), text (default otherwise), markdown, json or csv."),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", envvar="CQIP_LANG", help="Language of names and status words (default: $CQIP_LANG, else zh)."),
]
DeptOption = Annotated[
    str | None,
    typer.Option("--dept", metavar="NAME", help="Only what this department (spelled as in the plan, e.g. 市工商局) is responsible for."),
]
AsOfOption = Annotated[
    date | None,
    typer.Option("--as-of", parser=parse_date, metavar="YYYY-MM-DD",
                 help="Evaluate as of this date instead of today (observations after it are ignored)."),
]

RegionOption = Annotated[
    str | None,
    typer.Option("--region", metavar="NAME",
                 help="Only this region's observations, against its own target values (default: 全市, the whole city)."),
]

YearOption = Annotated[int | None, typer.Option("--year", "-y", min=1900, max=2200,
                                               help="Use only observations up to the end of this year (default: today).")]


def year_end_or_today(year: int | None) -> date:
    return date(year, 12, 31) if year is not None else date.today()


def output_format(chosen: Format | None) -> Format:
    """An explicit --format, else a table for a person at a terminal and plain text for pipes and cron."""
    if chosen is not None:
        return chosen
    return Format.TABLE if sys.stdout.isatty() else Format.TEXT


def console() -> Console:
    """Rich console: colour only on a terminal (and never with NO_COLOR); 100 columns when piped."""
    from rich.console import Console

    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 100
    return Console(width=width, soft_wrap=False)


def data_dir(ctx: typer.Context) -> Path:
    from cqip.store.datadir import resolve_data_dir

    state = ctx.find_object(State)
    return resolve_data_dir(state.data if state else None)


def load(ctx: typer.Context, dept: str | None = None, region: str | None = None,
         target_id: str | None = None) -> Dataset:
    """The checked dataset as the options scope it (see `scope.scoped`); or every problem and exit 2."""
    from cqip.verdicts.scope import scoped

    dataset, work = load_all(ctx)
    with _usage_errors():
        return scoped(dataset, work, region=region, dept=dept, target_id=target_id)


def load_work(ctx: typer.Context) -> tuple[Dataset, Work]:
    """The whole city's dataset and the work items; a data directory without tasks.yaml is a usage error here."""
    from cqip.verdicts.scope import need_work, scoped

    dataset, work = load_all(ctx)
    with _usage_errors():
        return scoped(dataset, work), need_work(work)


def load_all(ctx: typer.Context) -> tuple[Dataset, Work | None]:
    """targets, actuals and, when tasks.yaml exists, the work items, checked together."""
    from cqip.store.datadir import read_sources, read_task_sources
    from cqip.data.loading import load_all as load_sources
    from cqip.data.problems import DataError

    try:
        directory = data_dir(ctx)
        targets, actuals = read_sources(directory)
        tasks, statuses = read_task_sources(directory)
        with _no_gc():
            return load_sources(targets, actuals, tasks, statuses)
    except DataError as exc:
        fail(exc.problems)


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cycle collector paused while loading: a million rows make a million tuples, none in a
    cycle, and its passes over the growing heap added a quarter to the loading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_dept(work: Work, dept: str) -> None:
    from cqip.verdicts.scope import check_dept as check

    with _usage_errors():
        check(work, dept)


@contextmanager
def _usage_errors() -> Iterator[None]:
    """A `ScopeError` from the core becomes `Error: …` on stderr and exit 2."""
    from cqip.verdicts.scope import ScopeError

    try:
        yield
    except ScopeError as exc:
        usage_fail(str(exc))


def usage_fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_INVALID)


def fail(problems: list[Problem]) -> NoReturn:
    for problem in problems:
        typer.echo(str(problem), err=True)
    typer.echo(f"{len(problems)} problem(s) found; fix them and run `cqip validate`.", err=True)
    raise typer.Exit(EXIT_INVALID)


def unknown(what: str, name: str, known: Iterable[str], hint: str = "") -> NoReturn:
    """A name not in the data: one line with the nearest known name, exit 2."""
    from cqip.data.names import suggest

    typer.echo(f"Error: unknown {what} {name!r}{suggest(name, known) or hint}", err=True)
    raise typer.Exit(EXIT_INVALID)


def find_target(catalog: Catalog, target_id: str) -> Target:
    """The target with this id, or a one-line error naming the nearest id (exit 2)."""
    target = next((t for t in catalog.targets if t.id == target_id), None)
    if target is None:
        unknown("target", target_id, [t.id for t in catalog.targets])
    return target


def show_targets(chosen: Format | None, evaluations: list[Evaluation], as_of: date, blocks: list[Block],
                 lang: Lang, table: Callable[[bool], Table]) -> None:
    """status and gap alike: the rich table (given whether the terminal is wide) with its footer on a
    terminal, else the chosen format from the same evaluations and blocks."""
    fmt = output_format(chosen)
    if fmt is not Format.TABLE:
        from cqip.render.formats import render_targets

        emit(render_targets(fmt, evaluations, as_of, blocks))
        return
    from cqip.render.blocks import notes, summary

    out = console()
    out.print(table(out.width >= WIDE))
    print_footer(out, list(notes(evaluations, lang)), summary(evaluations, lang))


def emit(text: str) -> None:
    sys.stdout.write(text)


def print_footer(out: Console, notes: list[str], summary: str) -> None:
    from rich.markup import escape

    for note in notes:
        out.print(escape(note), overflow="fold")
    out.print(summary)
