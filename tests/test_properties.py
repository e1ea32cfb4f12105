"""Property-based tests: parsers accept what they should, and bad input never raises a traceback."""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACTUALS_CSV, TARGETS_YAML, write_data
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


def _mutations() -> st.SearchStrategy[str]:
    """The fixture CSV with random lines spliced in, cut short, or cells replaced."""
    lines = ACTUALS_CSV.splitlines()
    junk = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
    return st.one_of(
        junk,
        st.builds(lambda i, j: "\n".join(lines[:i] + [j] + lines[i:]), st.integers(0, len(lines)), junk),
        st.builds(lambda n: ACTUALS_CSV[:n], st.integers(0, len(ACTUALS_CSV))),
        st.builds(lambda a, b: ACTUALS_CSV.replace(a, b), st.sampled_from(["2016", "件", "400", ",", "pct", "\n"]), junk),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_text=_mutations(), targets_cut=st.integers(0, len(TARGETS_YAML)), cut_targets=st.booleans(),
       as_of=st.dates(min_value=date(1900, 1, 8), max_value=date(2200, 12, 31)))
def test_bad_input_never_produces_a_traceback(cli, tmp_path_factory, csv_text: str, targets_cut: int,
                                              cut_targets: bool, as_of: date) -> None:
    root = write_data(tmp_path_factory.mktemp("d"), targets=TARGETS_YAML[:targets_cut] if cut_targets else TARGETS_YAML,
                      actuals={"main.csv": csv_text})
    for command in (["validate"], ["status", "--format", "json", "--as-of", as_of.isoformat()], ["gap", "--year", "2019"],
                    ["report", "--format", "text", "--as-of", as_of.isoformat()]):
        # catch_exceptions=False: an exception escapes the runner and fails the test with its traceback.
        result = cli("--data", str(root), *command)
        assert result.exit_code in (0, 2)
