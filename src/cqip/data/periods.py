"""Periods of observations, and the single time axis the evaluation works on.

Every period is placed at its *end*, measured in years: `2019` → 2019.0 (end of 2019),
`2019-11` → 2019 − 1/12 (end of November 2019), `2019-11-15` → 2018 + 10/12 + 15/(12·30): each
month is a twelfth of a year, split evenly over its days. A baseline year
b and a deadline year d therefore sit at t = b and t = d, and the elapsed fraction of the plan at
an observation is simply (t − b) / (d − b).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from cqip.data.numbers import half_width

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # ASCII digits: not ٢٠١٩, as numbers
_PERIOD_ZH = re.compile(r"^(\d{4})年(?:(\d{1,2})月)?$", re.ASCII)  # 2019年, 2019年11月: as Chinese reports write them


class PeriodError(ValueError):
    """A period string that is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY年 or YYYY年M月 (or not a real date)."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        cleaned = half_width(text).strip()
        match = _PERIOD.match(cleaned) or _PERIOD_ZH.match(cleaned)
        if not match:
            raise PeriodError(f"{text!r} is not a period (expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY年 or YYYY年M月)")
        year, month, day = (int(g) if g else None for g in (*match.groups(), None)[:3])
        assert year is not None
        if year < 1900 or year > 2200:
            raise PeriodError(f"{text!r}: year {year} is out of range 1900–2200")
        if month is not None and not 1 <= month <= 12:
            raise PeriodError(f"{text!r}: month {month} does not exist")
        if day is not None:
            assert month is not None
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise PeriodError(f"{text!r}: day {day} does not exist in {year}-{month:02d}")
        return cls(year, month, day)

    @classmethod
    def year_end(cls, year: int) -> Period:
        return cls(year)

    @property
    def end(self) -> date:
        """The last day the period covers."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    @cached_property
    def t(self) -> float:
        """Position of the period's end on the year axis (see module docstring); cached, as sorting a
        million observations asks for it a million times (`cached_property` bypasses `frozen`)."""
        if self.month is None:
            return float(self.year)
        if self.day is None:
            return self.year + (self.month - 12) / 12
        return date_to_t(self.end)

    @property
    def is_full_year(self) -> bool:
        """True when the period ends on 31 December, so a flow figure covers the whole year."""
        return self.end.month == 12 and self.end.day == 31

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def date_to_t(day: date) -> float:
    """A calendar day on the year axis; a month's last day coincides with its `YYYY-MM` period."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return day.year + (day.month - 12) / 12 - (days_in_month - day.day) / (12 * days_in_month)
