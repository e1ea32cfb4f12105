"""What can go wrong because of the user, and how the command line ends when it does.

Loading reports *every* problem in one run (a user fixing a file wants the whole list), so
parsers collect `Problem`s and raise one `DataError` with all of them. Every error a user can
cause is a `CqipError`: the command line catches it in one place, prints its lines to stderr and
exits with its status — never a traceback.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitStatus(IntEnum):
    OK = 0
    FAILING = 1  # `report --fail-on`: the data are fine, some target is not
    INVALID = 2  # bad data, a bad option, an output that cannot be written


class Problem(NamedTuple):
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}"


class CqipError(Exception):
    """An error the user caused; `lines()` is what the command line prints."""

    status = ExitStatus.INVALID

    def lines(self) -> list[str]:
        return [f"Error: {self}"]


class UsageError(CqipError):
    """An option that names something the data do not have, or options that contradict each other."""


class DataError(CqipError):
    """The data cannot be used; carries every problem found, in file and line order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [*map(str, self.problems), f"{len(self.problems)} problem(s) found; fix them and run `cqip validate`."]
