"""The output formats, and the one place that turns a command's view into the chosen one.

People get a Document laid out (terminal, text, Markdown, HTML) or its tables as a spreadsheet
(CSV, xlsx) in their language; machines get the records (JSON), whose keys and codes do not change
with the language.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cqip.views.document import Document


class Format(StrEnum):
    TABLE = "table"  # the terminal: colours, wrapped to its width
    TEXT = "text"  # plain text for mail and files
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"  # a workbook: only ever written to --output


def render(fmt: Format, documents: Sequence[Document], data: Any, width: int = 100) -> str | bytes:
    """Everything but TABLE, which prints straight to a console (`terminal.show`)."""
    if fmt is Format.JSON:
        from cqip.render.json_data import dumps

        return dumps(data)
    if fmt is Format.CSV:
        from cqip.render.csv_sheet import dumps as csv_dumps

        return csv_dumps(list(documents))
    if fmt is Format.XLSX:
        from cqip.render.xlsx_book import dumps as xlsx_dumps

        return xlsx_dumps(list(documents))
    if fmt is Format.HTML:
        from cqip.render.html_page import render as html

        return html(documents)
    if fmt is Format.MARKDOWN:
        from cqip.render.markdown import render as markdown

        return "\n".join(markdown(doc) for doc in documents)
    from cqip.render.plain_text import render as text

    return "\n".join(text(doc, width) for doc in documents)
