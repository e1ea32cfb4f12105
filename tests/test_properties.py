"""Property-based tests of the parsers: what they accept round-trips, what they refuse raises their own error.

(Bad input through the whole command line: `test_fuzz`.)
"""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cqip.data.periods import Period, PeriodError


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_period_round_trips_and_orders_by_end(day: date) -> None:
    texts = (f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat())
    assert [str(Period.parse(text)) for text in texts] == list(texts)
    year, month, exact = (Period.parse(text) for text in texts)
    assert exact.t <= month.t <= year.t == day.year
    assert exact.end == day


@given(st.text(max_size=20))
def test_period_parse_raises_only_period_error(text: str) -> None:
    with contextlib.suppress(PeriodError):
        Period.parse(text)
