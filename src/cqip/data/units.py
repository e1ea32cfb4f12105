"""Scaled Chinese units: a figure in 万件 for an indicator counted in 件, or in 万元 for one in 亿元.

Press releases round to 万 or 亿, analysts copy what they read, and the conversion is where
figures go wrong by a factor of 10 000. A unit is a Chinese magnitude prefix on a base unit,
optionally per another one (`件/万人`); two units convert when their bases match, and the factor
is an exact `Decimal` (万件 → 件 is 10 000, 件/百万人 → 件/万人 is 1/100), so no float drift.
"""

from __future__ import annotations

from decimal import Decimal

# Longest first, so that 百万 is read as one prefix and not as 百 on 万….
PREFIXES: dict[str, Decimal] = {
    "十万": Decimal(10) ** 5,
    "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7,
    "十": Decimal(10),
    "百": Decimal(10) ** 2,
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
}


class UnitError(ValueError):
    """Two units that measure different things (件 and 家), so no factor turns one into the other."""


def conversion_factor(given: str, wanted: str) -> Decimal:
    """The exact factor f with value_in_wanted = value_in_given · f; raises UnitError naming both."""
    if given == wanted:
        return Decimal(1)
    given_base, given_scale = _split(given)
    wanted_base, wanted_scale = _split(wanted)
    if given_base != wanted_base:
        raise UnitError(f"unit {given!r} cannot be converted to {wanted!r}")
    return given_scale / wanted_scale


def _split(unit: str) -> tuple[tuple[str, ...], Decimal]:
    """(base of numerator and denominator, scale): 件/万人 → (("件", "人"), 1/10 000)."""
    parts = unit.strip().split("/")
    bases: list[str] = []
    scale = Decimal(1)
    for i, part in enumerate(parts):
        base, factor = _unprefix(part.strip())
        bases.append(base)
        scale = scale * factor if i == 0 else scale / factor
    return tuple(bases), scale


def _unprefix(part: str) -> tuple[str, Decimal]:
    for prefix, factor in sorted(PREFIXES.items(), key=lambda item: -len(item[0])):
        if part.startswith(prefix) and len(part) > len(prefix):
            return part[len(prefix):], factor
    return part, Decimal(1)
