"""Where the data lives: `--data DIR`, else $CQIP_DATA, else the copy bundled with cqip.

The bundled copy sits inside the installed package (`cqip/data`, put there by the wheel build);
in a source checkout it is the repository's own `data/` directory. Either way `cqip status` works
from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from cqip.loading import Source
from cqip.problems import DataError, Problem

ENV_VAR = "CQIP_DATA"
TARGETS_FILE = "targets.yaml"
ACTUALS_DIR = "actuals"
TASKS_FILE = "tasks.yaml"
TASK_STATUS_DIR = "task_status"


def bundled_data_dir() -> Path:
    packaged = Path(__file__).parent / "data"
    if (packaged / TARGETS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else bundled_data_dir()


def read_sources(data_dir: Path) -> tuple[Source, list[Source]]:
    """Read targets.yaml and every actuals/*.csv; a missing or unreadable file is a problem."""
    targets = _read(data_dir, data_dir / TARGETS_FILE)
    actuals_dir = data_dir / ACTUALS_DIR
    if not actuals_dir.is_dir():
        raise DataError([Problem(_shown(data_dir, actuals_dir), None, "directory", f"not found in {data_dir}")])
    return targets, [_read(data_dir, path) for path in sorted(actuals_dir.glob("*.csv"))]


def read_task_sources(data_dir: Path) -> tuple[Source | None, list[Source]]:
    """tasks.yaml and every task_status/*.csv; both are optional (None and [] when absent)."""
    tasks = data_dir / TASKS_FILE
    if not tasks.exists():
        return None, []
    status_dir = data_dir / TASK_STATUS_DIR
    return _read(data_dir, tasks), [_read(data_dir, path) for path in sorted(status_dir.glob("*.csv"))]


def _read(data_dir: Path, path: Path) -> Source:
    try:
        return Source(_shown(data_dir, path), path.read_bytes())
    except FileNotFoundError:
        raise DataError([Problem(_shown(data_dir, path), None, "file", f"not found in {data_dir}")]) from None
    except OSError as exc:
        raise DataError([Problem(_shown(data_dir, path), None, "file", exc.strerror or str(exc))]) from None


def _shown(data_dir: Path, path: Path) -> str:
    """Paths as the user gave them, so that a message's file name can be opened as printed."""
    return str(path)
