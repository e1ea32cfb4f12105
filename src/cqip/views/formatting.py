"""Numbers as people read them in a table: 86,337 · 11.3 · 141%."""

from __future__ import annotations

from cqip.data.models import Bound


def number(value: float | None) -> str:
    """Thousands separators, at most two decimals, no trailing zeros: 86,337 · 11.3 · 0.45."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def at_least(text: str, bound: Bound) -> str:
    """`≥ 6,000` for a lower bound (突破, 超过, 余), the text itself for an exact figure."""
    return f"≥ {text}" if bound is Bound.MIN else text
