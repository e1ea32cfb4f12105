"""`cqip init`: a working copy of the bundled data, where `cqip add` may write.

The copy is made under a temporary name beside the destination and renamed into place once
complete, so an interrupted init leaves either nothing or the whole directory. Then a cqip.toml in
the current directory names it (unless one is there already), so that commands run there or
below use it, the way git finds its repository.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cqip.data.problems import UsageError
from cqip.store.datadir import ACTUALS_DIR, TARGETS_FILE, TASK_STATUS_DIR, TASKS_FILE, bundled_data_dir
from cqip.store.location import CONFIG_FILE, CONFIG_KEY
from cqip.store.output import umask, write_atomic

DEFAULT_DIR = Path("cqip-data")


@dataclass(frozen=True)
class Initialised:
    directory: Path
    files: tuple[str, ...]  # relative to the directory, e.g. actuals/patents.csv
    config: Path  # the cqip.toml of the current directory
    config_written: bool  # False: one was there already and was left alone


def init_data_dir(destination: Path, cwd: Path) -> Initialised:
    """Copy the bundled data into `destination` (new, or an empty directory) and name it in cwd/cqip.toml."""
    _check_destination(destination)
    source = bundled_data_dir()
    files = _data_files(source)
    parent = destination.absolute().parent
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{destination.name}.", suffix=".tmp"))
    try:
        for name in files:
            (staging / name).parent.mkdir(exist_ok=True)
            (staging / name).write_bytes((source / name).read_bytes())
        staging.chmod(0o777 & ~umask())  # mkdtemp made it private
        os.rename(staging, destination)  # onto nothing or an empty directory: all of it appears at once
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(f"cannot create {destination}: {exc.strerror or exc}") from None
    config = cwd / CONFIG_FILE
    if os.path.lexists(config):
        return Initialised(destination, tuple(files), config, False)
    try:
        write_atomic(config, _config_text(destination.absolute(), cwd).encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"created {destination}, but cannot write {config}: {exc.strerror or exc}") from None
    return Initialised(destination, tuple(files), config, True)


def _check_destination(destination: Path) -> None:
    """Refuse anything but a new path in an existing directory, or an empty directory; nothing is created yet."""
    if destination.resolve() == Path.cwd().resolve():
        raise UsageError(f"{destination} is the current directory; name a new directory (default: {DEFAULT_DIR})")
    if os.path.lexists(destination):
        if destination.is_symlink() or not destination.is_dir():
            raise UsageError(f"{destination} already exists and is not a directory; choose a new directory")
        if any(destination.iterdir()):
            raise UsageError(f"{destination} already exists and is not empty; choose a new or empty directory")
    elif not destination.absolute().parent.is_dir():
        raise UsageError(f"cannot create {destination}: {destination.absolute().parent} is not a directory")


def _data_files(source: Path) -> list[str]:
    """What a data directory holds, as the bundled copy has it: the YAML files and the CSVs of its two folders."""
    names = [name for name in (TARGETS_FILE, TASKS_FILE) if (source / name).is_file()]
    for folder in (ACTUALS_DIR, TASK_STATUS_DIR):
        if (source / folder).is_dir():
            names += sorted(f"{folder}/{p.name}" for p in (source / folder).iterdir() if p.name.endswith(".csv"))
    return names


def _config_text(directory: Path, cwd: Path) -> str:
    """`data = "…"`: relative to the file when the directory is below it, so the two can move together."""
    where = directory.relative_to(cwd).as_posix() if directory.is_relative_to(cwd) else str(directory)
    return (f"# The data directory cqip uses when run in this directory or below it (README: Where your data lives).\n"
            f"{CONFIG_KEY} = {json.dumps(where, ensure_ascii=False)}\n")
