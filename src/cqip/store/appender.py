"""`cqip add` on disk: one writer at a time, decide on the data as it is, append all or nothing.

The lock covers the whole data directory's actuals, not one file: the duplicate and conflict
checks look at every file, so two writers adding the same period to different files must not
both pass them. The lock is `filelock`'s (fcntl/msvcrt under the hood), not a hand-made one.

Nothing is created before the row is known to be accepted: the data are loaded and the row
decided first, without the lock (a refusal leaves the directory exactly as it was, not even a
lock file); then under the lock the decision is taken again only if a file changed meanwhile.
A new file is written whole under a temporary name and renamed into place, so no crash leaves
an empty or header-only CSV; an existing one only ever grows by complete rows.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cqip.data import cache_codec as codec
from cqip.data.appended import with_appended
from cqip.data.file_rows import FileRows
from cqip.data.loading import Cache, Loaded, Source
from cqip.data.models import Dataset, Observation
from cqip.data.names import indicator_id
from cqip.data.new_row import AlreadyRecorded, Entry, append_bytes, decide
from cqip.data.problems import DataError, Problem
from cqip.store.datadir import ACTUALS_DIR, TARGETS_FILE, TASK_STATUS_DIR, TASKS_FILE, load_checked_directory
from cqip.store.output import temporary_files, write_atomic

LOCK_FILE = ".cqip-add.lock"
LOCK_TIMEOUT = 60.0  # seconds; an add takes well under one, so this is a long queue or a stuck writer

Fingerprint = tuple[tuple[str, int, int, int] | None, ...]


def add_row(data_dir: Path, file_name: str | None, cells: dict[str, str], today: date,
            revise: bool, cache: Cache | None = None) -> tuple[Entry | AlreadyRecorded, Path]:
    """Check `cells` against all data and append them to `file_name` (default: where the indicator lives).

    The data come from the checked-data cache where files are unchanged, the row is checked against
    its indicator's series only (the rest cannot clash with it), the target file's bytes are the ones
    the load read, and its cache entry is extended by the row rather than rebuilt.
    """
    actuals_dir = data_dir / ACTUALS_DIR
    chosen = None if file_name is None else str(actuals_dir / file_name)
    seen = fingerprint(data_dir)
    decided = _decide(data_dir, cells, today, revise, chosen, cache)  # every refusal, before the lock file exists
    if isinstance(decided, AlreadyRecorded):
        return decided, Path(decided.existing.file)
    with _locked(actuals_dir):
        _remove_left_overs(actuals_dir)
        if fingerprint(data_dir) != seen:  # another writer came first: decide on the data as they are now
            decided = _decide(data_dir, cells, today, revise, chosen, cache)
            if isinstance(decided, AlreadyRecorded):
                return decided, Path(decided.existing.file)
        decided.write.commit()
        if cache is not None:
            _update_entry(cache, decided)
        return decided.entry, decided.write.path


@dataclass(frozen=True)
class _Decided:
    """An accepted row, the bytes that add it, and the load it was decided on (for the cache entry)."""

    entry: Entry
    write: _Write
    loaded: Loaded


def _decide(data_dir: Path, cells: dict[str, str], today: date, revise: bool, chosen: str | None,
            cache: Cache | None) -> _Decided | AlreadyRecorded:
    loaded, sources = load_checked_directory(data_dir, cache)  # all of `validate`, then the row itself
    dataset = loaded.dataset
    indicator = indicator_id(dataset.catalog, cells["indicator"].strip())  # PCT国际专利申请量 → pct_applications
    outcome = decide(dataset.catalog, indicator_rows(dataset, indicator), cells, today, revise, chosen)
    if isinstance(outcome, AlreadyRecorded):
        return outcome
    return _Decided(outcome, _prepare(data_dir, outcome, sources), loaded)


def indicator_rows(dataset: Dataset, indicator: str) -> list[Observation]:
    """Every region's rows of one indicator, in file and line order: all that a new row of it can meet."""
    series = dataset.by_series
    return sorted((o for key in series if key[0] == indicator for o in series[key]), key=lambda o: (o.file, o.line))


def _update_entry(cache: Cache, decided: _Decided) -> None:
    """The appended file's entry: its old rows plus the new one, under the key of its new content."""
    loaded, write, name = decided.loaded, decided.write, str(decided.write.path)
    after = with_appended(loaded.rows.get(name, FileRows(())), write.existing, write.data, name,
                          loaded.dataset.catalog, decided.entry.observation)
    if after is not None:
        key = codec.entry_key(cache.salt, "actuals", codec.digest((write.existing or b"") + write.data),
                              loaded.depends)
        cache.put(key, codec.seal(key, codec.encode_rows(after)))
    old = loaded.keys.get(name)
    if old is not None:
        cache.drop(old)  # the file no longer has that content


def fingerprint(data_dir: Path) -> Fingerprint:
    """What identifies the data files' contents cheaply: name, size, mtime and inode of each."""
    paths = [data_dir / TARGETS_FILE, data_dir / TASKS_FILE]
    for name in (ACTUALS_DIR, TASK_STATUS_DIR):
        try:
            paths += sorted(p for p in (data_dir / name).iterdir() if p.name.endswith(".csv"))
        except OSError:
            paths.append(data_dir / name)
    marks: list[tuple[str, int, int, int] | None] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            marks.append(None)
            continue
        marks.append((path.name, info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(marks)


@dataclass(frozen=True)
class _Write:
    """The bytes for one file, decided and checked: appended to `real`, or a whole new file at `path`."""

    path: Path  # as the user sees it, under the data directory
    real: Path
    data: bytes
    existing: bytes | None  # the file's bytes as decided on; None for a new file

    @property
    def new(self) -> bool:
        return self.existing is None

    def commit(self) -> None:
        if not self.new:
            _append(self.real, self.data, str(self.path))
            return
        try:
            write_atomic(self.path, self.data)
        except OSError as exc:
            raise DataError([Problem(str(self.path), None, "file", f"not created: {exc.strerror or exc}")]) from None


def _prepare(data_dir: Path, entry: Entry, sources: list[Source]) -> _Write:
    """Where the row goes and its bytes (the file as the load read it); a path that leads out of the data
    directory is refused."""
    path = Path(entry.file) if entry.file else data_dir / ACTUALS_DIR / f"{entry.observation.indicator}.csv"
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(data_dir))
    if not real.is_relative_to(root):
        raise DataError([Problem(str(path), None, "file", f"leads to {real}, outside the data directory {root}; "
                                                          "cqip add writes only inside it")])
    if not os.path.lexists(path):
        return _Write(path, real, append_bytes(None, str(path), entry.cells), None)
    existing = next((source.data for source in sources if source.name == str(path)), None)
    if existing is None:
        existing = real.read_bytes()
    return _Write(path, real, append_bytes(existing, str(path), entry.cells), existing)


# Only `cqip add` writes a new actuals file, under the lock: a temporary one found by a holder of the lock
# is what a killed add left behind.
_LEFT_OVER = temporary_files(r"[^/\\]+\.csv")


def _remove_left_overs(actuals_dir: Path) -> None:
    """Remove what killed adds left; the loader never reads these files, but they would pile up."""
    with contextlib.suppress(OSError), os.scandir(actuals_dir) as entries:
        for entry in entries:
            if _LEFT_OVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextmanager
def _locked(actuals_dir: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(actuals_dir / LOCK_FILE, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DataError([Problem(str(actuals_dir / LOCK_FILE), None, "lock",
                                 f"not free after waiting {LOCK_TIMEOUT:g} s: a long queue of cqip add "
                                 "commands or a stuck one; nothing written, try again")]) from None
    except OSError as exc:
        raise DataError([Problem(str(actuals_dir / LOCK_FILE), None, "lock",
                                 f"cannot be created: {exc.strerror or exc}; nothing written")]) from None
    try:
        yield
    finally:
        lock.release()


def _append(path: Path, data: bytes, shown: str) -> None:
    """Append `data` durably, or leave the file exactly as it was.

    The bytes go out with O_APPEND and are fsynced before the lock is released; if any write or
    the fsync fails (a full disk, an interrupt), the file is truncated back to its old size.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError as exc:
        raise DataError([Problem(shown, None, "file", exc.strerror or str(exc))]) from None
    size = os.fstat(fd).st_size
    try:
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    except BaseException as exc:
        os.ftruncate(fd, size)
        os.close(fd)
        if isinstance(exc, OSError):
            raise DataError([Problem(shown, None, "file", f"not changed: {exc.strerror or exc}")]) from None
        raise
    os.close(fd)
