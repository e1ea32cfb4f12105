"""`cqip init [DIR]`: a working copy of the bundled data, and how to point cqip at it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer


def init(
    directory: Annotated[Path | None, typer.Argument(
        metavar="DIR", show_default=False,
        help="Where to create the data directory (default: cqip-data in the current directory); it must be new "
             "or empty.")] = None,
) -> None:
    """Copy the bundled data into DIR, a data directory of your own that `cqip add` writes to, and name it in
    ./cqip.toml so that commands run here or below use it."""
    from cqip.data.control import printable
    from cqip.store.init import DEFAULT_DIR, init_data_dir
    from cqip.store.location import ENV_VAR

    done = init_data_dir(directory or DEFAULT_DIR, Path.cwd())
    where = done.directory.absolute()
    lines = [f"created {done.directory}: a copy of the bundled data ({len(done.files)} files)"]
    if done.config_written:
        lines.append(f"wrote {done.config}: cqip run in {done.config.parent} or below uses {done.directory}")
    else:
        lines.append(f"left {done.config} as it was; to use the copy here, set data = \"{where}\" in it")
    lines.append(f"from anywhere: cqip --data {where} …  or  export {ENV_VAR}={where}")
    if os.environ.get(ENV_VAR):
        lines.append(f"note: ${ENV_VAR} is set ({os.environ[ENV_VAR]}) and comes before cqip.toml")
    for line in lines:
        typer.echo(printable(line))
