"""Which data directory a command works on, found the way git finds its repository.

In order: `--data DIR`; else `$CQIP_DATA`; else the nearest `cqip.toml` in the current directory
or one of its parents (`data = "cqip-data"`, relative to the file); else the copy bundled with
cqip. The bundled copy is read-only: it lives inside the installed package, where the next
`pip install` replaces it, so commands that write refuse it and point to `cqip init`.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from cqip.data.problems import UsageError
from cqip.store.datadir import bundled_data_dir, read_regular

ENV_VAR = "CQIP_DATA"
CONFIG_FILE = "cqip.toml"
CONFIG_KEY = "data"
MAX_CONFIG_BYTES = 64_000


class Origin(StrEnum):
    OPTION = "--data"
    ENVIRONMENT = f"${ENV_VAR}"
    CONFIG = CONFIG_FILE
    BUNDLED = "bundled"


class Location(NamedTuple):
    path: Path
    origin: Origin
    config: Path | None = None  # the cqip.toml that named it


def locate(option: Path | None, cwd: Path | None = None) -> Location:
    """The data directory a command reads (see the module docstring); a broken cqip.toml is a UsageError."""
    if option is not None:
        return Location(option, Origin.OPTION)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Location(Path(from_env), Origin.ENVIRONMENT)
    config = find_config(cwd)
    if config is not None:
        return Location(read_config(config), Origin.CONFIG, config)
    return Location(bundled_data_dir(), Origin.BUNDLED)


def writable(location: Location) -> Path:
    """The directory, for a command that writes into it; the bundled copy is refused in one line."""
    package = Path(__file__).resolve().parents[1]
    if location.origin is Origin.BUNDLED or location.path.resolve().is_relative_to(package):
        raise UsageError(f"{location.path} is the data bundled with cqip, which the next pip install replaces; "
                         "run `cqip init` to make a working copy, then write to that")
    return location.path


def find_config(cwd: Path | None = None) -> Path | None:
    """The nearest cqip.toml in `cwd` (default: the current directory) or above it."""
    try:
        start = (cwd or Path.cwd()).absolute()
    except OSError:  # the current directory was deleted
        return None
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if os.path.lexists(candidate):
            return candidate
    return None


def read_config(config: Path) -> Path:
    """The data directory a cqip.toml names, relative to the file's own directory."""
    data, problem = read_regular(config, MAX_CONFIG_BYTES)
    if problem is not None:
        raise UsageError(f"{config}: {problem}")
    assert data is not None
    import tomllib  # only where a cqip.toml exists

    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"{config}: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{config}: not TOML: {exc}") from None
    unknown = sorted(set(table) - {CONFIG_KEY})
    value = table.get(CONFIG_KEY)
    if unknown:
        raise UsageError(f"{config}: unknown key {unknown[0]!r}; the file holds one key, {CONFIG_KEY} = \"DIR\"")
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise UsageError(f"{config}: {CONFIG_KEY} must be the data directory, e.g. {CONFIG_KEY} = \"cqip-data\"")
    return config.parent / value
