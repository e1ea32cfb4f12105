"""CSV for spreadsheets: the JSON fields as columns, one row per record, safe to open in Excel.

UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake). Text cells that a
spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a leading
apostrophe; numbers are written as numbers, so −3.5 stays a negative number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def dumps(records: list[dict[str, Any]], fields: Sequence[str]) -> str:
    """`fields` is the header and column order (records.FIELDS for targets, TASK_FIELDS for work items…)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([cell(record[key]) for key in fields])
    return BOM + buffer.getvalue()


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
