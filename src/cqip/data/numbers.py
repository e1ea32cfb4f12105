"""Numbers as people type them into spreadsheets: `3,500`, `3500.0`, full-width `３５００`."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
# What Decimal would also take but a spreadsheet cell should not mean: `1_000`, Arabic-Indic digits.
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def parse_number(text: str) -> Decimal:
    """Exact decimal value of `text`; raises ValueError with a readable message."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not a number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def exact(value: float) -> str:
    """A figure as typed, up to six decimals and no trailing zeros: 5.548, 2566.503906, 8."""
    text = f"{round(value, 6):.12g}"
    return "0" if text == "-0" else text
