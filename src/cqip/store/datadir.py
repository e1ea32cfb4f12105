"""Where the data lives: `--data DIR`, else $CQIP_DATA, else the copy bundled with cqip.

The bundled copy sits inside the installed package (`cqip/bundled`, put there by the wheel build);
in a source checkout it is the repository's own `data/` directory. Either way `cqip status` works
from any working directory.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePosixPath

from cqip.data import actuals_file, yaml_reader
from cqip.data.loading import Cache, Loaded, Source, load_checked
from cqip.data.models import Dataset
from cqip.data.problems import DataError, Problem
from cqip.data.task_status_file import Work

ENV_VAR = "CQIP_DATA"
TARGETS_FILE = "targets.yaml"
ACTUALS_DIR = "actuals"
TASKS_FILE = "tasks.yaml"
TASK_STATUS_DIR = "task_status"


def bundled_data_dir() -> Path:
    packaged = Path(__file__).parents[1] / "bundled"
    if (packaged / TARGETS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def resolve_data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else bundled_data_dir()


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
    [targets] = _read_all(data_dir, [(data_dir / TARGETS_FILE, yaml_reader.MAX_BYTES)])
    actuals_dir = data_dir / ACTUALS_DIR
    if not actuals_dir.is_dir():
        raise DataError([Problem(_shown(data_dir, actuals_dir), None, "directory", f"not found in {data_dir}")])
    return targets, _read_all(data_dir, [(path, actuals_file.MAX_BYTES) for path in sorted(actuals_dir.glob("*.csv"))])


def read_task_sources(data_dir: Path) -> tuple[Source | None, list[Source]]:
    """tasks.yaml and every task_status/*.csv; both are optional (None and [] when absent)."""
    tasks = data_dir / TASKS_FILE
    if not tasks.exists():
        return None, []
    status_dir = data_dir / TASK_STATUS_DIR
    sources = _read_all(data_dir, [(tasks, yaml_reader.MAX_BYTES)]
                        + [(path, actuals_file.MAX_BYTES) for path in sorted(status_dir.glob("*.csv"))])
    return sources[0], sources[1:]


def entry_file_name(text: str) -> str:
    """`actuals/NAME.csv` or `NAME.csv` → NAME.csv; anything that would land elsewhere is refused."""
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if parts[:1] == (ACTUALS_DIR,):
        parts = parts[1:]
    if len(parts) != 1 or not parts[0].endswith(".csv") or parts[0].startswith("."):
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
    shown = _shown(data_dir, path)
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        return None, Problem(shown, None, "file", f"not found in {data_dir}")
    except OSError as exc:
        return None, Problem(shown, None, "file", exc.strerror or str(exc))
    if len(data) > limit:
        return None, Problem(shown, None, "file", f"is larger than the limit of {limit:,} bytes")
    return Source(shown, data), None


def _shown(data_dir: Path, path: Path) -> str:
    """Paths as the user gave them, so that a message's file name can be opened as printed."""
    return str(path)
