"""Numbers as people read them in a table: 86,337 · 11.3 · 141%."""

from __future__ import annotations


def number(value: float | None) -> str:
    """Thousands separators, at most two decimals, no trailing zeros: 86,337 · 11.3 · 0.45."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"
