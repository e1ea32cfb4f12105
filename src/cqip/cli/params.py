"""Command classes whose options left at their defaults are taken as declared, not coerced again.

typer (0.29) coerces every option's value through a pydantic TypeAdapter it builds on first use,
even a value of None. The first adapter imports most of pydantic, which costs `cqip status` about
a quarter of its run when no option is given and the checked-data cache answers without any
validation. A default needs no coercion: None is None, and an enum default is already a member.
Every value typed on the command line or read from an environment variable is still coerced by
typer, so its checks and messages are unchanged.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


def _process_value(self: Any, ctx: Any, value: Any) -> Any:  # ctx: the context of typer's own click
    """None, or the enum default itself, passed on as it is; any other value coerced by typer."""
    as_declared = (value is None and not (self.multiple or self.nargs == -1)) or (
        isinstance(value, Enum) and value is self.default)  # typed, or read from $ENV, it would be a str
    if self.required or not as_declared:
        return super(type(self), self).process_value(ctx, value)
    return value if self.callback is None else self.callback(ctx, self, value)


# Subclasses, not a mixin: typer's instances change class, which Python allows only between classes
# of one layout (a mixin base would change it).
class _Option(TyperOption):
    process_value = _process_value


class _Argument(TyperArgument):
    process_value = _process_value


_ADOPTED: dict[type, type] = {TyperOption: _Option, TyperArgument: _Argument}


def _adopt(params: list[Any]) -> list[Any]:
    """`params`, each typer option or argument turned into its subclass above (the help option too,
    which click makes on demand)."""
    for param in params:
        param.__class__ = _ADOPTED.get(type(param), type(param))
    return params


class Command(TyperCommand):
    """A command whose defaults are taken as declared."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]  # typer's Context is click's
        return _adopt(super().get_params(ctx))


class Group(TyperGroup):
    """A command group whose own options' defaults are taken as declared."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]
        return _adopt(super().get_params(ctx))
