"""One rule for rows that say something about the same thing: the newest `recorded` row wins.

Actuals (one value per indicator, region and period) and task-status reports (one status per item
and day) are both append-only logs. Two rows with the same identity are a revision when their
`recorded` dates differ — the newer wins, and a row without a date is the original record, older
than any dated one. Two rows recorded on the same day in the same file are a revision too: the
file is append-only, so the later line is the later word (a typo fixed minutes after it was
added). Anything else is a mistake: a duplicate when the two agree, a conflict when not — two
undated rows, or two rows of one day in two files, which nothing orders.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Protocol, TypeVar

from cqip.data.problems import Problem


class Recorded(Protocol):
    @property
    def recorded(self) -> date | None: ...

    @property
    def file(self) -> str: ...

    @property
    def line(self) -> int: ...


R = TypeVar("R", bound=Recorded)


def keep_latest(rows: Iterable[R], key: Callable[[R], Hashable], clash: Callable[[R, R], Problem],
                same: Callable[[R, R], bool]) -> tuple[list[R], list[Problem]]:
    """The newest revision of each identity, in first-seen order, and a problem per clash.

    `clash(row, earlier)` words the problem with two rows of the same identity that nothing orders,
    or that say the same thing (`same`) on the same day.
    """
    kept: dict[Hashable, R] = {}
    problems: list[Problem] = []
    for row in rows:
        other = kept.setdefault(key(row), row)
        if other is row:
            continue
        if row.recorded != other.recorded:
            kept[key(row)] = row if (row.recorded or date.min) > (other.recorded or date.min) else other
        elif row.recorded is not None and row.file == other.file and not same(row, other):
            kept[key(row)] = row if row.line > other.line else other
        else:
            problems.append(clash(row, other))
    return list(kept.values()), problems
