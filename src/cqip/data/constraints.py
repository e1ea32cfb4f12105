"""Field constraints for the models of hand-edited files, declared without importing pydantic.

pydantic reads them only when it validates a file that was edited; most runs are answered by the
checked-data cache and never validate. Declaring them with pydantic's own `Field` would import
most of pydantic on every run, a third of what a warm `cqip status` costs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Rules:
    """pydantic's `Field(**rules)`, then `after` on the valid value, applied when pydantic validates;
    other readers of the annotations (msgspec, for the cache) skip it."""

    __slots__ = ("after", "rules")

    def __init__(self, after: Callable[[Any], Any] | None = None, **rules: Any) -> None:
        self.after = after
        self.rules = rules

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import AfterValidator, Field

        after = () if self.after is None else (AfterValidator(self.after),)
        return handler.generate_schema(Annotated[source, Field(**self.rules), *after])

