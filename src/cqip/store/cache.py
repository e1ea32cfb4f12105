"""The checked-data cache on disk: one file per entry in the user's cache directory.

The directory is platformdirs' user cache directory for cqip (`$XDG_CACHE_HOME/cqip` on Linux,
else `~/.cache/cqip`). Entries are named by their key (`data.cache_codec.entry_key`) and written
atomically; what they hold is checked on every read (`cache_codec.unseal`). Beside them, one small
index per data directory lists the entries its last load used: the next load removes those it no
longer uses (an edited file's old rows), so editing a large file does not fill the directory. Nothing here can fail
a command: a cache directory that is missing, unreadable or read-only only costs speed. The
least recently used entries are removed once the directory holds more than LIMIT bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Collection
from pathlib import Path

import cqip
from cqip.store.output import temporary_files, write_atomic

SUFFIX = ".cqip-cache"
INDEX_SUFFIX = ".cqip-index"
LIMIT = 2 * 1024**3  # bytes; a million rows take about 25 MB
_ENTRY = re.compile(r"[0-9a-f]{64}\.cqip-cache")
_INDEX = re.compile(r"[0-9a-f]{64}\.cqip-index")
_KEY = re.compile(r"[0-9a-f]{64}")
_LEFT_OVER = temporary_files(r"[0-9a-f]{64}\.cqip-(?:cache|index)")


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

    def __init__(self, root: Path, salt: str | None = None, data_dir: Path | None = None) -> None:
        self.root = root
        self._salt = salt
        self.written = False
        self.data_dir = data_dir  # whose index `retire` keeps (None: none is kept)

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

    def retire(self, used: Collection[str]) -> None:
        """Remove the entries the data directory's index lists and `used` does not; `used` becomes the index.
        Another data directory holding a file of the same content loses nothing but the time to reparse it."""
        if self.data_dir is None:
            return
        index = self.root / f"{hashlib.sha256(os.fsencode(os.path.realpath(self.data_dir))).hexdigest()}{INDEX_SUFFIX}"
        try:
            listed = set(_KEY.findall(index.read_text(encoding="ascii", errors="replace")))
        except OSError:
            listed = set()
        if listed == set(used):
            return
        try:  # the index first: a cache that cannot be written is left exactly as it is
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(index, "".join(f"{key}\n" for key in sorted(used)).encode("ascii"), durable=False)
        except OSError:
            return
        for key in listed.difference(used):
            self.drop(key)

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


def user_cache(data_dir: Path | None = None) -> DirectoryCache:
    """The user's cache, keeping the index of `data_dir`."""
    return DirectoryCache(cache_dir(), data_dir=data_dir)


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
        elif _INDEX.fullmatch(name):  # what the entries were used for: nothing once they are gone
            (root / name).unlink(missing_ok=True)
    return removed
