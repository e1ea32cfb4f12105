"""`cqip cache clear`: forget every checked-data cache entry (the next command reads every file again)."""

from __future__ import annotations

import typer

from cqip.cli.params import Command, Group

app = typer.Typer(cls=Group, help="The checked-data cache (see --no-cache).", no_args_is_help=True,
                  add_completion=False)


@app.command(cls=Command)
def clear() -> None:
    """Remove every entry of the checked-data cache; only its own files are removed."""
    from cqip.data.problems import UsageError
    from cqip.store.cache import cache_dir
    from cqip.store.cache import clear as remove

    root = cache_dir()
    try:
        removed = remove(root)
    except OSError as exc:
        raise UsageError(f"cannot clear {root}: {exc.strerror or exc}") from None
    typer.echo(f"removed {removed} cache entries from {root}")
