"""`constraints.Rules` constrains a field exactly as pydantic's `Field` with the same arguments would."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field, TypeAdapter, ValidationError

from cqip.data.constraints import Rules

# Every kind of rule the models use, on the types they use it on.
CASES: list[tuple[Any, dict[str, Any]]] = [
    (str, {"min_length": 1, "max_length": 3}), (str, {"pattern": r"^[a-z][a-z0-9_]*$"}),
    (int, {"ge": 1900, "le": 2200}), (int, {"ge": 1}),
    (float, {"gt": 0, "lt": 1}), (float, {"ge": -5.0, "le": 5.0, "allow_inf_nan": False}),
    (list[str], {"min_length": 1}), (tuple[int, ...], {"min_length": 1}),
]
values = st.one_of(st.text(max_size=5), st.integers(-3000, 3000), st.floats(), st.lists(st.integers(), max_size=3),
                   st.none(), st.booleans())


def outcome(adapter: TypeAdapter[Any], value: Any) -> tuple[str, Any]:
    try:
        return "valid", adapter.validate_python(value)
    except ValidationError as exc:
        return "invalid", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]


@given(st.sampled_from(CASES), values)
def test_rules_accept_and_refuse_what_field_does_with_its_messages(case: tuple[Any, dict[str, Any]],
                                                                   value: Any) -> None:
    kind, rules = case
    ours, theirs = TypeAdapter(Annotated[kind, Rules(**rules)]), TypeAdapter(Annotated[kind, Field(**rules)])
    assert repr(outcome(ours, value)) == repr(outcome(theirs, value))


def test_an_after_check_runs_on_the_valid_value() -> None:
    def small(value: float) -> float:
        if value > 10:
            raise ValueError("too large")
        return value

    adapter = TypeAdapter(Annotated[float, Rules(ge=0, after=small)])
    assert adapter.validate_python(3) == 3.0
    for value, message in ((-1, "greater than or equal to 0"), (11, "too large")):
        with pytest.raises(ValidationError, match=message):
            adapter.validate_python(value)


@pytest.mark.parametrize("annotation", [Annotated[float | None, Rules(gt=0)], Annotated[str, Rules(min_lenght=1)],
                                        Annotated[bool, Rules(ge=0)]])
def test_a_rule_the_schema_cannot_hold_is_an_error_not_a_dropped_constraint(annotation: Any) -> None:
    with pytest.raises(TypeError, match="cannot constrain"):
        TypeAdapter(annotation)
