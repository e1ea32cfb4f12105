"""Numbers as people type them into spreadsheets: `3,500`, `3500.0`, full-width `３５００`."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

# Every figure in the data, target or observation, is 0 or within these magnitudes: wider than any
# count, amount or share a plan measures, and narrow enough that no ratio, product or growth rate
# the evaluation computes from two of them can overflow a float.
MAX_FIGURE = 1e15
MIN_FIGURE = 1e-9

# Full-width forms (what a Chinese input method types: ３，５００．５) read as their ASCII twins, and
# the ideographic space as a space; no other compatibility folding: NFKC would also read 10² as 102.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
# What Decimal would also take but a spreadsheet cell should not mean: `1_000`, Arabic-Indic digits.
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def half_width(text: str) -> str:
    """`text` with full-width characters as their ASCII twins (２０１９ → 2019)."""
    return text if text.isascii() else text.translate(_HALF_WIDTH)


def parse_number(text: str) -> Decimal:
    """Exact decimal value of `text`; raises ValueError with a readable message."""
    cleaned = half_width(text).strip()
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


def figure_problem(value: float) -> str | None:
    """Why `value` cannot be a figure of the plan (not finite, absurdly large or small), or None."""
    if math.isnan(value):
        return "is not a number"
    if abs(value) > MAX_FIGURE:  # infinity too: a decimal like 1e400 is finite, only too large for a float
        return f"is too large (the limit is {MAX_FIGURE:g} in magnitude)"
    if 0 < abs(value) < MIN_FIGURE:
        return f"is too small (not 0 but under {MIN_FIGURE:g} in magnitude)"
    return None
