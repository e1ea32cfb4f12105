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

from cqip.data import cache_codec as codec
from cqip.data.appended import with_appended
from cqip.data.file_rows import FileRows
from cqip.data.loading import Cache, Loaded
from cqip.data.models import Dataset, Observation
from cqip.data.names import indicator_id
from cqip.data.new_row import AlreadyRecorded, Entry, append_bytes, decide, default_file
from cqip.data.problems import DataError, Problem
from cqip.store.datadir import ACTUALS_DIR, load_checked_directory

LOCK_FILE = ".cqip-add.lock"
LOCK_TIMEOUT = 60.0  # seconds; an add takes milliseconds, so waiting this long means a stuck writer


def add_row(data_dir: Path, file_name: str | None, cells: dict[str, str], today: date,
            revise: bool, cache: Cache | None = None) -> tuple[Entry | AlreadyRecorded, Path]:
    """Check `cells` against all data and append them to `file_name` (default: where the indicator lives).

    The data come from the checked-data cache where files are unchanged, the row is checked against
    its indicator's series only (the rest cannot clash with it), the target file's bytes are the ones
    the load read, and its cache entry is extended by the row rather than rebuilt.
    """
    actuals_dir = data_dir / ACTUALS_DIR
    with _locked(actuals_dir):
        loaded, sources = load_checked_directory(data_dir, cache)  # all of `validate`
        dataset = loaded.dataset
        indicator = indicator_id(dataset.catalog, cells["indicator"].strip())  # PCT国际专利申请量 → pct_applications
        rows = indicator_rows(dataset, indicator)
        outcome = decide(dataset.catalog, rows, cells, today, revise)
        if file_name is not None:
            path = actuals_dir / file_name
        else:
            current = default_file(rows, indicator)
            path = Path(current) if current else actuals_dir / f"{indicator}.csv"
        if isinstance(outcome, Entry):
            existing = next((source.data for source in sources if source.name == str(path)), None)
            if existing is None and path.exists():
                existing = path.read_bytes()
            appended = append_bytes(existing, str(path), outcome.cells)
            _append(path, appended)
            if cache is not None:
                _update_entry(cache, loaded, str(path), existing, appended, outcome.observation)
        return outcome, path


def indicator_rows(dataset: Dataset, indicator: str) -> list[Observation]:
    """Every region's rows of one indicator, in file and line order: all that a new row of it can meet."""
    series = dataset.by_series
    return sorted((o for key in series if key[0] == indicator for o in series[key]), key=lambda o: (o.file, o.line))


def _update_entry(cache: Cache, loaded: Loaded, name: str, existing: bytes | None, appended: bytes,
                  new: Observation) -> None:
    """The appended file's entry: its old rows plus the new one, under the key of its new content."""
    before = loaded.rows.get(name, FileRows(()))
    after = with_appended(before, existing, appended, name, loaded.dataset.catalog, new)
    if after is not None:
        key = codec.entry_key(cache.salt, "actuals", codec.digest((existing or b"") + appended), loaded.depends)
        cache.put(key, codec.seal(key, codec.encode_rows(after)))
    old = loaded.keys.get(name)
    if old is not None:
        cache.drop(old)  # the file no longer has that content


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
