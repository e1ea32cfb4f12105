"""What every command shares: the data directory, the option objects, loading, and output.

Heavy modules (pydantic, yaml, the evaluation, rich) are imported inside the helpers, so that
`cqip --help` and usage errors start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

import typer

from cqip.render.formats import Format
from cqip.views.words import Lang

if TYPE_CHECKING:
    from rich.console import Console

    from cqip.data.models import Catalog, Dataset
    from cqip.data.task_status_file import Work
    from cqip.store.cache import DirectoryCache
    from cqip.verdicts.evaluation import Evaluation
    from cqip.verdicts.scope import Dept
    from cqip.views.document import Document

    TargetsView = Callable[[list[Evaluation], Catalog, str, str], Document]

TEXT_WIDTH = 100  # plain text when COLUMNS does not say otherwise: fits a mail reader
MIN_WIDTH = 40


class State(NamedTuple):
    data: Path | None = None
    cache: bool = True  # --no-cache turns the checked-data cache off


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


def _formats(names: str) -> Any:
    """`--format`/`-f`; the default is a table on a terminal and plain text otherwise, for every command."""
    return typer.Option("--format", "-f", show_default=False,
                        help=f"{names} (default: table on a terminal, text otherwise).")


# One Format enum; each command offers a subset of its values (a test checks they are Format's).
TableFormats = Annotated[Literal["table", "text", "markdown", "json", "csv", "xlsx"] | None,
                         _formats("table, text, markdown, json, csv or xlsx (with --output)")]
DocumentFormats = Annotated[Literal["table", "text", "markdown", "json"] | None,
                            _formats("table, text, markdown or json")]
ReportFormats = Annotated[Literal["table", "text", "markdown", "json", "csv", "xlsx", "html"] | None,
                          _formats("table, text, markdown, json, csv, xlsx (with --output) or html")]
def _output_path(value: Path | None) -> Path | None:
    """--output checked before any work: a directory or a missing parent is the user's one-line error."""
    if value is not None:
        from cqip.store.output import check_output

        check_output(value)
    return value


OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", callback=_output_path,
    help="Write to FILE atomically instead of stdout (an interrupted run leaves the old file intact; a link's "
         "target is written, a FIFO or device written in place); needed for xlsx.")]
LangOption = Annotated[
    Lang, typer.Option("--lang", envvar="CQIP_LANG",
                       help="Language of every word shown (default: $CQIP_LANG, else zh)."),
]
DeptOption = Annotated[
    str | None,
    typer.Option("--dept", metavar="NAME",
                 help="Only what this department is responsible for: its name in the plan (市工商局), in English, "
                      "or today's (市市场监管局)."),
]
AsOfOption = Annotated[
    date | None,
    typer.Option("--as-of", parser=parse_date, metavar="YYYY-MM-DD",
                 help="Evaluate as of this date instead of today (observations after it are ignored)."),
]
YearOption = Annotated[int | None, typer.Option("--year", "-y", min=1900, max=2200,
                                               help="Shorthand for --as-of YEAR-12-31: where things stood at the end "
                                                    "of a year.")]
RegionOption = Annotated[
    str | None,
    typer.Option("--region", metavar="NAME",
                 help="Only this region's observations, against its own target values (default: 全市, the whole "
                      "city)."),
]
TargetArgument = Annotated[str, typer.Argument(metavar="TARGET_ID",
                                               help="A target id from targets.yaml, e.g. "
                                                    "invention_patents_per_10k_2020, or its indicator's name "
                                                    "(see cqip targets).")]


def dated(command: Callable[..., None]) -> Callable[..., None]:
    """`command`, which evaluates as of its parameter `when: date`, as the command line offers it: with
    --year and --as-of in its place (--year Y is --as-of Y-12-31; neither is today). So every command
    that evaluates takes both, documented and checked in one place (`scope.as_of_date`)."""
    from functools import wraps
    from inspect import Parameter, signature

    def options(when: Parameter) -> list[Parameter]:
        return [Parameter("year", when.kind, default=None, annotation=YearOption),
                Parameter("as_of_day", when.kind, default=None, annotation=AsOfOption)]

    @wraps(command)
    def run(*args: Any, year: int | None = None, as_of_day: date | None = None, **kwargs: Any) -> None:
        from cqip.verdicts.scope import as_of_date

        command(*args, when=as_of_date(as_of_day, year, date.today()), **kwargs)

    declared = signature(command, eval_str=True)
    run.__signature__ = declared.replace(parameters=[  # type: ignore[attr-defined]  # what typer reads
        new for p in declared.parameters.values() for new in (options(p) if p.name == "when" else [p])])
    return run


def data_dir(ctx: typer.Context) -> Path:
    """The data directory to read: --data, $CQIP_DATA, the nearest cqip.toml, else the bundled copy."""
    from cqip.store.location import locate

    state = ctx.find_object(State)
    return locate(state.data if state else None).path


def writable_data_dir(ctx: typer.Context) -> Path:
    """`data_dir` for a command that writes into it: never the copy bundled with cqip (see `cqip init`)."""
    from cqip.store.location import locate, writable

    state = ctx.find_object(State)
    return writable(locate(state.data if state else None))


def cache(ctx: typer.Context, directory: Path) -> DirectoryCache | None:
    """The user's checked-data cache for the data directory `directory`, or None with --no-cache."""
    from cqip.store.cache import user_cache

    state = ctx.find_object(State)
    return user_cache(directory) if state is None or state.cache else None


def load_all(ctx: typer.Context) -> tuple[Dataset, Work | None]:
    """targets, actuals and, when tasks.yaml exists, the work items, checked together."""
    from cqip.store.datadir import load_directory

    directory = data_dir(ctx)
    return load_directory(directory, cache(ctx, directory))


def load(ctx: typer.Context, dept: str | None = None, region: str | None = None,
         target_id: str | None = None) -> Dataset:
    """The checked dataset as the options scope it (see `scope.scoped`)."""
    from cqip.verdicts.scope import scoped

    dataset, work = load_all(ctx)
    return scoped(dataset, work, region=region, dept=dept, target_id=target_id)


def load_for(ctx: typer.Context, dept: str | None,
             region: str | None) -> tuple[Dataset, Dept | None, Work | None]:
    """`load`, the department `--dept` stands for (for the title), and the work items (their names)."""
    from cqip.verdicts.scope import department, scoped

    dataset, work = load_all(ctx)
    found = department(work, dept) if dept is not None else None
    return scoped(dataset, work, region=region, dept=dept), found, work


def chosen(fmt: str | None) -> Format:
    """An explicit --format, else a table for a person at a terminal and plain text for pipes and cron."""
    if fmt is not None:
        return Format(fmt)
    return Format.TABLE if sys.stdout.isatty() else Format.TEXT


def width() -> int:
    """$COLUMNS when set (and sane), else what fits a mail reader."""
    try:
        return max(MIN_WIDTH, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return TEXT_WIDTH


def console() -> Console:
    """Rich console: colour only on a terminal (and never with NO_COLOR); $COLUMNS or 100 when piped."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() and "COLUMNS" not in os.environ else width(), soft_wrap=False)


def output(fmt: str | None, documents: Sequence[Document], data: Any = None, path: Path | None = None) -> None:
    """The view in the chosen format, on stdout or written atomically to `path` (a file is not a
    terminal: there the default, and a table, become plain text). A workbook only goes to a file."""
    chosen_format = chosen(fmt) if path is None else Format(fmt or Format.TEXT)
    if chosen_format is Format.XLSX and path is None:
        from cqip.data.problems import UsageError

        raise UsageError("--format xlsx writes a workbook, not text: add --output FILE.xlsx")
    if chosen_format is Format.TABLE and path is None:
        from cqip.render.terminal import show

        out = console()
        for doc in documents:
            show(doc, out)
        return
    from cqip.render.formats import render

    rendered = render(Format.TEXT if chosen_format is Format.TABLE else chosen_format, documents, data, width())
    if path is None:
        assert isinstance(rendered, str)
        sys.stdout.write(rendered)
        return
    from cqip.store.output import write_output

    write_output(path, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))


def targets_command(ctx: typer.Context, view: TargetsView, what: str, fmt: str | None, when: date, lang: str,
                    dept: str | None, region: str | None, path: Path | None) -> None:
    """`status` and `gap`: every target evaluated and laid out by `view` under the title `what` (JSON and CSV:
    the records by id)."""
    from cqip.verdicts.evaluation import evaluate_all
    from cqip.verdicts.regions import titled
    from cqip.views.records import sorted_records
    from cqip.views.targets import title, with_dept

    dataset, found, _ = load_for(ctx, dept, region)
    evaluations = evaluate_all(dataset, when)
    heading = with_dept(title(titled(dataset.catalog.plan.id, dataset.region), what, when.isoformat(), lang), found,
                        lang)
    output(fmt, [view(evaluations, dataset.catalog, heading, lang)], sorted_records(evaluations, when), path)
