"""Reading the data directory: targets.yaml, actuals/*.csv and, when present, tasks.yaml and task_status/*.csv.

Which directory that is (`--data`, $CQIP_DATA, a cqip.toml, the bundled copy) is `location`'s
business. The bundled copy sits inside the installed package (`cqip/bundled`, put there by the
wheel build); in a source checkout it is the repository's own `data/` directory.

Only regular files are read: a FIFO would block the reader forever and a device may never end,
so each file is opened without blocking and refused unless it is a plain file. A directory that
cannot be listed is an error, never an empty list of files.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePosixPath

from cqip.data import actuals_file, yaml_checks
from cqip.data.control import control_character
from cqip.data.loading import Cache, Loaded, Source, load_checked
from cqip.data.models import Dataset
from cqip.data.problems import DataError, Problem
from cqip.data.task_status_file import Work

TARGETS_FILE = "targets.yaml"
ACTUALS_DIR = "actuals"
TASKS_FILE = "tasks.yaml"
TASK_STATUS_DIR = "task_status"


def bundled_data_dir() -> Path:
    packaged = Path(__file__).parents[1] / "bundled"
    if (packaged / TARGETS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def load_directory(data_dir: Path, cache: Cache | None = None) -> tuple[Dataset, Work | None]:
    """Every file of the data directory read and checked together; raises DataError listing every problem."""
    loaded, _ = load_checked_directory(data_dir, cache)
    return loaded.dataset, loaded.work


def load_checked_directory(data_dir: Path, cache: Cache | None = None) -> tuple[Loaded, list[Source]]:
    """`load_directory` with what `cqip add` needs: each file's checked rows and the actuals' bytes as read."""
    targets, actuals = read_sources(data_dir)
    tasks, statuses = read_task_sources(data_dir)
    with _no_gc():
        return load_checked(targets, actuals, tasks, statuses, cache, date.today()), actuals


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cycle collector paused while loading: a million rows make a million tuples, none in a
    cycle, and its passes over the growing heap added a quarter to the loading time. What the load
    built is then frozen (`gc.freeze`) out of the collector's sight, rather than walked by its next
    full pass, so the rest of the command never pays for the size of the data."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def read_sources(data_dir: Path) -> tuple[Source, list[Source]]:
    """Read targets.yaml and every actuals/*.csv; every missing, unreadable or huge file is a problem."""
    [targets] = _read_all(data_dir, [(data_dir / TARGETS_FILE, yaml_checks.MAX_BYTES)])
    return targets, _read_all(data_dir, [(path, actuals_file.MAX_BYTES) for path in _listing(data_dir, ACTUALS_DIR)])


def read_task_sources(data_dir: Path) -> tuple[Source | None, list[Source]]:
    """tasks.yaml and every task_status/*.csv; both are optional (None and [] when absent)."""
    tasks = data_dir / TASKS_FILE
    if not os.path.lexists(tasks):
        return None, []
    statuses = _listing(data_dir, TASK_STATUS_DIR, required=False)
    sources = _read_all(data_dir, [(tasks, yaml_checks.MAX_BYTES)]
                        + [(path, actuals_file.MAX_BYTES) for path in statuses])
    return sources[0], sources[1:]


def _listing(data_dir: Path, name: str, *, required: bool = True) -> list[Path]:
    """The *.csv files of `data_dir/name` in name order; raises DataError when `name` is missing (and
    `required`), not a directory, or cannot be listed — never an empty list for a directory unread."""
    directory = data_dir / name
    shown = str(directory)  # paths as the user gave them, so that a message's file can be opened as printed
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".csv"))
    except FileNotFoundError:
        if not required:
            return []
        raise DataError([Problem(shown, None, "directory", f"not found in {data_dir}")]) from None
    except NotADirectoryError:
        raise DataError([Problem(shown, None, "directory", "is a file, not a directory")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, None, "directory", f"cannot be listed: {exc.strerror or exc}")]) from None
    return [directory / n for n in names]


def entry_file_name(text: str) -> str:
    """`actuals/NAME.csv` or `NAME.csv` → NAME.csv; anything that would land elsewhere is refused."""
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if parts[:1] == (ACTUALS_DIR,):
        parts = parts[1:]
    if (len(parts) != 1 or not parts[0].endswith(".csv") or parts[0].startswith(".")
            or control_character(parts[0]) is not None):
        raise ValueError(f"{text!r}: expected {ACTUALS_DIR}/NAME.csv")
    return parts[0]


def _read_all(data_dir: Path, files: list[tuple[Path, int]]) -> list[Source]:
    """Each (path, size limit) read; raises DataError listing every file that could not be."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path, limit in files:
        source, problem = _read(data_dir, path, limit)
        sources.extend([source] if source else [])
        problems.extend([problem] if problem else [])
    if problems:
        raise DataError(problems)
    return sources


def _read(data_dir: Path, path: Path, limit: int) -> tuple[Source | None, Problem | None]:
    """The file's bytes; reading stops after `limit`, so a huge file costs no memory to refuse."""
    shown = str(path)
    data, problem = read_regular(path, limit)
    if problem is not None:
        return None, Problem(shown, None, "file", f"not found in {data_dir}" if problem == NOT_FOUND else problem)
    assert data is not None
    return Source(shown, data), None


NOT_FOUND = "not found"
NO_WAIT = getattr(os, "O_NONBLOCK", 0)  # POSIX: open a FIFO without waiting for its other end (Windows has none)
_KINDS = {stat.S_ISDIR: "a directory", stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a character device",
          stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}


def read_regular(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    """(bytes, None) of a regular file of at most `limit` bytes, else (None, why not).

    Opened without blocking, so a FIFO is seen for what it is instead of waiting for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | NO_WAIT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, NOT_FOUND
    except OSError as exc:
        return None, exc.strerror or str(exc)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS.items() if test(mode)), "not a file")
            return None, f"is {kind}, not a regular file"
        if NO_WAIT:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError as exc:
        return None, exc.strerror or str(exc)
    finally:
        os.close(fd)
    if len(data) > limit:
        return None, f"is larger than the limit of {limit:,} bytes"
    return data, None
