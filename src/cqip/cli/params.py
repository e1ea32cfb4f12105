"""Command classes that coerce plain option values themselves, without typer's pydantic adapters.

typer (0.29) coerces every option's value through a pydantic TypeAdapter it builds on first use,
even a value of None, and the first adapter imports most of pydantic: that nearly doubled a warm
`cqip --data DIR gap --year 2019`, whose data the checked-data cache gives without any validation.
For the values cqip's options take in ordinary use the coercion is plain — None, a default, a str,
a whole number within bounds, an exact choice, a readable or absent path, what the option's own
parser returns — and `plain_value` gives exactly what typer would (tests compare the two on every
option). Any other value goes to typer: its checks and messages are unchanged.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

TYPER = object()  # `plain_value`'s answer when typer must decide
_WHOLE = re.compile(r"[0-9]{1,9}")
# What typer.Option and typer.Argument declare for a path by default: checks only that it is readable.
_PLAIN_PATH = {"exists": False, "file_okay": True, "dir_okay": True, "writable": False, "readable": True,
               "resolve_path": False, "allow_dash": False, "path_type": None}


def plain_value(param: Any, ctx: Any, value: Any) -> Any:
    """`value` as typer would coerce it for `param` where that is plain, else TYPER."""
    if param.multiple or param.nargs != 1:
        return TYPER
    if value is None:
        return TYPER if param.required else None
    if isinstance(value, Enum) and value is param.default:  # typed, or read from $ENV, it would be a str
        return value
    described = getattr(param, "type_descriptor", None)  # typer's own record of the annotation
    if described is None:
        return TYPER
    kind, info = described.annotation, described.parameter_info
    if info.parser is not None:
        try:
            return info.parser(value) if isinstance(value, str) else TYPER
        except (ValueError, typer.BadParameter):
            return TYPER  # typer runs the parser again and reports what it raises
    if kind is int and not info.clamp:  # a whole number typed, or the default itself
        number = _whole(value)
        in_bounds = number is not None and (info.min is None or number >= info.min) and (
            info.max is None or number <= info.max)
        return number if in_bounds else TYPER
    if not isinstance(value, str):
        return TYPER
    if kind is str:
        return value
    if described.choices is not None and info.case_sensitive and ctx.token_normalize_func is None:
        return next((c for c in described.choices if str(c.value if isinstance(c, Enum) else c) == value), TYPER)
    if kind is Path and _os_path(value) and all(getattr(info, key, None) == v for key, v in _PLAIN_PATH.items()):
        return Path(value) if not os.path.exists(value) or os.access(value, os.R_OK) else TYPER
    return TYPER


def _os_path(value: str) -> bool:
    """A path the OS can be asked about (`os.path.exists` says False where `os.stat` raises, as typer calls it)."""
    try:
        return bool(value) and b"\0" not in os.fsencode(value)
    except UnicodeEncodeError:  # a lone surrogate no command line or environment gives
        return False


def _whole(value: object) -> int | None:
    if type(value) is int:
        return value
    return int(value) if isinstance(value, str) and _WHOLE.fullmatch(value) else None


def _processed(param: Any, ctx: Any, value: Any, by_typer: Callable[[Any, Any], Any]) -> Any:
    plain = plain_value(param, ctx, value)
    if plain is TYPER:
        return by_typer(ctx, value)
    return plain if param.callback is None else param.callback(ctx, param, plain)


# Subclasses, not a mixin: typer's instances change class, which Python allows only between classes
# of one layout (a mixin base would change it).
class _Option(TyperOption):
    def process_value(self, ctx: Any, value: Any) -> Any:  # ctx: the context of typer's own click
        return _processed(self, ctx, value, super().process_value)


class _Argument(TyperArgument):
    def process_value(self, ctx: Any, value: Any) -> Any:
        return _processed(self, ctx, value, super().process_value)


_ADOPTED: dict[type, type] = {TyperOption: _Option, TyperArgument: _Argument}


def _adopt(params: list[Any]) -> list[Any]:
    """`params`, each typer option or argument turned into its subclass above (the help option too,
    which click makes on demand)."""
    for param in params:
        param.__class__ = _ADOPTED.get(type(param), type(param))
    return params


class Command(TyperCommand):
    """A command that coerces plain values itself."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]  # typer's Context is click's
        return _adopt(super().get_params(ctx))


class Group(TyperGroup):
    """A command group that coerces its own options' plain values itself."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]
        return _adopt(super().get_params(ctx))
