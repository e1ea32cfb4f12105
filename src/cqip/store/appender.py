"""`cqip add` on disk: one writer at a time, decide on the data as it is, append all or nothing.

The lock covers the whole data directory's actuals, not one file: the duplicate and conflict
checks look at every file, so two writers adding the same period to different files must not
both pass them. The lock is `filelock`'s (fcntl/msvcrt under the hood), not a hand-made one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cqip.data.new_row import AlreadyRecorded, Entry, append_bytes, decide, default_file
from cqip.data.problems import DataError, Problem
from cqip.store.datadir import ACTUALS_DIR, load_directory

LOCK_FILE = ".cqip-add.lock"
LOCK_TIMEOUT = 60.0  # seconds; an add takes milliseconds, so waiting this long means a stuck writer


def add_row(data_dir: Path, file_name: str | None, cells: dict[str, str], today: date,
            revise: bool) -> tuple[Entry | AlreadyRecorded, Path]:
    """Check `cells` against all data and append them to `file_name` (default: where the indicator lives)."""
    actuals_dir = data_dir / ACTUALS_DIR
    with _locked(actuals_dir):
        dataset, _ = load_directory(data_dir)  # all of `validate`
        outcome = decide(dataset.catalog, dataset.observations, cells, today, revise)
        if file_name is not None:
            path = actuals_dir / file_name
        else:
            indicator = outcome.observation.indicator if isinstance(outcome, Entry) else outcome.existing.indicator
            current = default_file(dataset.observations, indicator)
            path = Path(current) if current else actuals_dir / f"{indicator}.csv"
        if isinstance(outcome, Entry):
            existing = path.read_bytes() if path.exists() else None
            _append(path, append_bytes(existing, str(path), outcome.cells))
        return outcome, path


@contextmanager
def _locked(actuals_dir: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(actuals_dir / LOCK_FILE, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DataError([Problem(str(actuals_dir / LOCK_FILE), None, "lock",
                                 f"another cqip add has held it for {LOCK_TIMEOUT:g} s")]) from None
    except OSError as exc:
        raise DataError([Problem(str(actuals_dir), None, "directory", exc.strerror or str(exc))]) from None
    try:
        yield
    finally:
        lock.release()


def _append(path: Path, data: bytes) -> None:
    """Append `data` durably, or leave the file exactly as it was (a new file is removed again).

    The bytes go out with O_APPEND and are fsynced before the lock is released; if any write or
    the fsync fails (a full disk, an interrupt), the file is truncated back to its old size.
    """
    created = not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise DataError([Problem(str(path), None, "file", exc.strerror or str(exc))]) from None
    size = os.fstat(fd).st_size
    try:
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    except BaseException as exc:
        os.ftruncate(fd, size)
        os.close(fd)
        if created:
            path.unlink()
        if isinstance(exc, OSError):
            raise DataError([Problem(str(path), None, "file", f"not changed: {exc.strerror or exc}")]) from None
        raise
    os.close(fd)
