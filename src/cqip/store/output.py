"""Writing output files so that a reader never sees half a report, and without harm to what is there.

A regular file (or a new one) is replaced in one step: the text goes to a temporary file in the
target's directory (same file system, so the rename is atomic) and replaces the target only once
completely written and flushed; on any failure the temporary file is removed and the old report
stays as it was. A symbolic link is followed: its target is replaced that way and the link stays.
A FIFO, a terminal or a device such as /dev/null is written directly — renaming over it would
replace the node itself — and a FIFO no program reads from is an error, not a wait.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from cqip.data.problems import UsageError
from cqip.store.datadir import NO_WAIT


def temporary_files(names: str) -> re.Pattern[str]:
    """The temporary files `write_atomic` makes for files whose names match the regex `names`
    (`.NAME.` + mkstemp's 8 random characters + `.tmp`): what a killed run leaves behind."""
    return re.compile(rf"\.(?:{names})\.[a-z0-9_]{{8}}\.tmp")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` in one step; raises OSError, leaving `path` untouched. `durable`
    flushes the bytes to disk before the rename (what a user's file deserves; a cache entry does not)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output(path: Path) -> None:
    """Refuse an --output that cannot be written (a directory, a missing or non-directory parent) before
    any work is done; what may still fail later (a full disk) fails in `write_output`, the same way."""
    target = Path(os.path.realpath(path))
    try:
        mode = _mode_at(target, path)
        if mode is None and not target.parent.is_dir():
            os.stat(target.parent)  # the errno that says why: missing, or not a directory
            raise NotADirectoryError(20, os.strerror(20))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _mode_at(target: Path, path: Path) -> int | None:
    """The file type at `target` (None: nothing there yet); a directory is the user's error."""
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = target.stat().st_mode
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"cannot write {path}: is a directory")
    return mode


def write_output(path: Path, data: bytes) -> None:
    """`data` to a user-given --output, by what is at `path`; a failure is the user's one-line error."""
    target = Path(os.path.realpath(path))  # through every link; a dangling link's target is created
    mode: int | None = None
    try:
        mode = _mode_at(target, path)
        if mode is None or stat.S_ISREG(mode):
            write_atomic(target, data)
        else:
            _write_through(target, data)
    except OSError as exc:
        fifo = mode is not None and stat.S_ISFIFO(mode) and exc.errno == errno.ENXIO
        raise UsageError(f"cannot write {path}: {'a FIFO no program is reading' if fifo else exc.strerror or exc}"
                         ) from None


def _write_through(path: Path, data: bytes) -> None:
    """Write into an existing FIFO or device in place; opening does not wait for a FIFO's reader (ENXIO)."""
    fd = os.open(path, os.O_WRONLY | NO_WAIT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if NO_WAIT:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
