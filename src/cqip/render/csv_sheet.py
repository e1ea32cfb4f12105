"""CSV for people with a spreadsheet: the tables of the document, in its language and its order.

The same sheets as xlsx (`sheets`): the headers and words of `--lang`, rows in the order the text
shows them (plan order; gap worst first), numbers as numbers. Scripts use `--format json`, whose
keys and codes do not change. UTF-8 with a byte-order mark (without it Excel reads Chinese as
mojibake). Text cells that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR at
the start) get a leading apostrophe; numbers are written as numbers, so −3.5 stays a negative
number. Several tables (rare) follow one another, a blank line between them.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from cqip.render.sheets import Entry, sheets
from cqip.views.document import Document

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def dumps(documents: list[Document]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    tables = [s for s in sheets(documents) if not s.prose]
    for i, sheet in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerow(sheet.header)
        writer.writerows([_shown(entry) for entry in row] for row in sheet.rows)
    return BOM + buffer.getvalue()


def records(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """Flat records as CSV, one column per field (the HTML page's downloads), safe for a spreadsheet."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([cell(row[key]) for key in fields] for row in rows)
    return BOM + buffer.getvalue()


def _shown(entry: Entry) -> str:
    if entry.percent and isinstance(entry.value, int | float):
        return f"{entry.value:.2%}"  # 141.25%: Excel and WPS read it as the number 1.4125
    return cell(entry.value)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
