"""Field constraints for the models of hand-edited files, declared without importing pydantic.

pydantic reads them only when it validates a file that was edited; most runs are answered by the
checked-data cache and never validate. Declaring them with pydantic's own `Field` would import
most of pydantic on every run, those answered from the cache too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


_BOUNDS = {"ge", "gt", "le", "lt", "multiple_of"}
_LENGTHS = {"min_length", "max_length"}
_KEYS = {"str": {*_LENGTHS, "pattern"}, "int": _BOUNDS, "float": {*_BOUNDS, "allow_inf_nan"}, "list": _LENGTHS,
         "tuple": _LENGTHS, "dict": _LENGTHS, "set": _LENGTHS}


class Rules:
    """The constraints of pydantic's `Field(**rules)`, then `after` on the valid value, applied when
    pydantic validates; other readers of the annotations (msgspec, for the cache) skip it."""

    __slots__ = ("after", "rules")

    def __init__(self, after: Callable[[Any], Any] | None = None, **rules: Any) -> None:
        self.after = after
        self.rules = rules

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # Each rule is the key of the same name in the core schema of a str, int, float, list or tuple
        # (what `Field` itself sets): a schema updated in place builds faster than `Field` re-read.
        # A rule that schema has no key for (a misspelt rule, Rules around `float | None`) is an error
        # when the validator is built, never a constraint silently dropped.
        schema = handler(source)
        unknown = set(self.rules) - _KEYS.get(schema["type"], set())
        if unknown:
            raise TypeError(f"Rules({', '.join(sorted(unknown))}) cannot constrain a {schema['type']} schema")
        schema = cast("CoreSchema", {**schema, **self.rules})
        if self.after is None:
            return schema
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.after, schema)
