"""An Excel workbook (also read by WPS and LibreOffice) of the document's tables, written with openpyxl.

Each sheet (see `sheets`) starts with a title row — the plan, what is shown and the as-of date —
then the header row; both stay in view when scrolling (frozen panes). Numbers are numbers (a
fraction shown as a percentage keeps its value and gets a percent format), sources and evidence
are hyperlinks, and the columns are wide enough to read. The bytes go to `--output`, never to a
terminal.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.cells import cell_len

from cqip.render.sheets import Entry, Sheet, sheets
from cqip.views.document import Document

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

MAX_WIDTH = 60  # characters; longer text wraps within its cell


def dumps(documents: list[Document]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for default in book.worksheets:  # the empty sheet every new workbook starts with
        book.remove(default)
    for sheet in sheets(documents):
        ws = book.create_sheet(sheet.name)
        ws.append([sheet.title])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append(sheet.header)
        for item in ws[2]:
            item.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([entry.value for entry in row])
            for item, entry in zip(ws[ws.max_row], row, strict=True):
                _style(item, entry)
        ws.freeze_panes = "A3"
        for i, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _style(item: Cell, entry: Entry) -> None:
    from openpyxl.styles import Alignment, Font

    if entry.percent:
        item.number_format = "0%"
    if entry.link:
        item.hyperlink = entry.link
        item.font = Font(color="0563C1", underline="single")
    if isinstance(entry.value, str) and ("\n" in entry.value or cell_len(entry.value) > MAX_WIDTH):
        item.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: Sheet) -> list[float]:
    """Each column as wide as its widest line (Chinese counts double), within MAX_WIDTH."""
    widths = [cell_len(h) for h in sheet.header]
    for row in sheet.rows:
        for i, entry in enumerate(row):
            text = f"{entry.value:,}" if isinstance(entry.value, int | float) else str(entry.value or "")
            widths[i] = max(widths[i], *(cell_len(part) for part in text.split("\n")))
    return [min(MAX_WIDTH, w) + 2 for w in widths]
