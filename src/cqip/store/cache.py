"""The checked-data cache on disk: one file per entry in the user's cache directory.

The directory is platformdirs' user cache directory for cqip (`$XDG_CACHE_HOME/cqip` on Linux,
else `~/.cache/cqip`). Entries are named by their key (`data.cache_codec.entry_key`) and written
atomically; what they hold is checked on every read (`cache_codec.unseal`). Nothing here can fail
a command: a cache directory that is missing, unreadable or read-only only costs speed. The
least recently used entries are removed once the directory holds more than LIMIT bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

import cqip
from cqip.store.output import write_atomic

SUFFIX = ".cqip-cache"
LIMIT = 2 * 1024**3  # bytes; a million rows take about 25 MB
_ENTRY = re.compile(r"[0-9a-f]{64}\.cqip-cache")
_LEFT_OVER = re.compile(r"\.[0-9a-f]{64}\.cqip-cache\..*\.tmp")  # write_atomic's temporary file of a killed run


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cqip", appauthor=False))


def code_salt() -> str:
    """cqip's version and a digest of the code that checks the data: a changed check (even within
    one version, in a source checkout) never reads entries written by the old one."""
    data_dir = Path(cqip.__file__).parent / "data"
    code = hashlib.sha256()
    for path in sorted(data_dir.glob("*.py")):
        code.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{cqip.__version__}:{code.hexdigest()}"


class DirectoryCache:
    """`data.loading.Cache` over a directory."""

    def __init__(self, root: Path, salt: str | None = None) -> None:
        self.root = root
        self._salt = salt
        self.written = False

    @property
    def salt(self) -> str:
        if self._salt is None:
            self._salt = code_salt()
        return self._salt

    def _path(self, key: str) -> Path:
        return self.root / f"{key}{SUFFIX}"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when the directory is pruned
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self.written:
            self.prune()  # once per run that writes: room for what it adds
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            # atomic (a reader sees the old entry, the new one or none) but not flushed: an entry torn
            # by a crash fails its digest and is rebuilt, so durability is not worth a disk flush
            write_atomic(self._path(key), data, durable=False)
        except OSError:
            return
        self.written = True

    def drop(self, key: str) -> None:
        """Forget an entry that is known to be stale (the file it was for has just changed)."""
        with contextlib.suppress(OSError):
            self._path(key).unlink()

    def prune(self, limit: int = LIMIT) -> None:
        """Remove the least recently used entries until the directory holds at most `limit` bytes."""
        entries = []
        try:
            with os.scandir(self.root) as scan:
                for entry in scan:
                    if _ENTRY.fullmatch(entry.name):
                        stat = entry.stat()
                        entries.append((stat.st_mtime, stat.st_size, entry.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size


def user_cache() -> DirectoryCache:
    return DirectoryCache(cache_dir())


def clear(root: Path) -> int:
    """Remove every cache entry (and temporary file) under `root`; nothing else is touched. Returns the count."""
    removed = 0
    try:
        names = os.listdir(root)
    except FileNotFoundError:
        return 0
    for name in names:
        if _ENTRY.fullmatch(name) or _LEFT_OVER.fullmatch(name):
            (root / name).unlink(missing_ok=True)
            removed += 1
    return removed
