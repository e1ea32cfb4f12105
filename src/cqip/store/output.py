"""Writing output files so that a reader never sees half a report.

The text goes to a temporary file in the target's directory (same file system, so the rename is
atomic) and replaces the target only once completely written and flushed; on any failure the
temporary file is removed and the old report stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cqip.data.problems import UsageError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; raises OSError, leaving `path` untouched."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(path: Path, data: bytes) -> None:
    """`write_atomic` for a user-given --output: a failure is the user's one-line error, not a traceback."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
