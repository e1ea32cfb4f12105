"""User-caused data problems, collected rather than raised one at a time.

Loading reports *every* problem in one run (a user fixing a file wants the whole list), so
parsers append `Problem`s and only the adapters decide how to print them and which exit code
to use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised by the loaders when the data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))
