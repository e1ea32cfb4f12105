"""The one shape every human-readable output is drawn from: a document of titled blocks.

A command's view builds its Document once, in the chosen language; each renderer (terminal,
plain text, Markdown, HTML, spreadsheet) only lays it out. So no format can say what the others
do not, and no table is defined twice. Styles are meanings (`status.achieved`, `heading`), not
colours: each renderer decides how a meaning looks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from cqip.views.chart_lines import TargetLines

Value = float | int | str | None


class Column(NamedTuple):
    key: str  # stable across languages: a spreadsheet's column, a renderer's handle
    header: str
    numeric: bool = False  # right-aligned; never wrapped, never cut
    drop: int = 0  # 0: always shown; otherwise left out, highest first, when the width cannot hold every column
    under: str = ""  # when the row is too wide side by side, shown below this column's cell (a name under its id)
    parts: tuple[str, ...] = ()  # a spreadsheet splits the cell's tuple value into columns with these headers
    percent: bool = False  # the value is a fraction shown as a percentage (完成率)
    sheet_only: bool = False  # only where width costs nothing: spreadsheets (sources as links)


class Bar(NamedTuple):
    """A share drawn as a bar where a renderer can draw (HTML), with a marker on it; the cell's text elsewhere."""

    share: float  # the filled part, 0–1
    mark: float | None  # where the marker sits, 0–1 (the share of the time elapsed)
    label: str  # both in words, for screen readers and tooltips


class Cell(NamedTuple):
    text: str
    style: str = ""
    value: Value | tuple[Value, ...] = None  # the typed value behind the text, for spreadsheets
    link: str | None = None
    bar: Bar | None = None


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def for_reading(self) -> Table:
        """The table as text, Markdown and HTML show it: without the spreadsheet-only columns."""
        return self._keep([i for i, c in enumerate(self.columns) if not c.sheet_only])

    def shown(self) -> Table:
        """Without the optional (droppable) columns that hold nothing in any row."""
        return self._keep([i for i, c in enumerate(self.columns)
                           if not c.drop or any(row[i].text for row in self.rows)])

    def _keep(self, keep: list[int]) -> Table:
        if len(keep) == len(self.columns):
            return self
        return Table(tuple(self.columns[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in self.rows))


class Chart(NamedTuple):
    """One target's lines with their labels in the document's language."""

    lines: TargetLines
    title: str
    labels: dict[str, str]  # expected, target, deadline (absent: no deadline marked), actual, lower, empty, unit
    key: str = ""  # a target id: anchors and element ids in HTML
    first_year: int | None = None  # where the time axis starts at the latest (the baseline year)
    desc: str = ""  # the chart in one sentence with its values, for those who cannot see it


class Download(NamedTuple):
    """Records a page offers as a file (HTML: a `data:` link); the renderer writes them in `format`."""

    format: str  # a data format: csv, json
    label: str
    filename: str
    records: tuple[Mapping[str, Any], ...]
    fields: tuple[str, ...]  # the columns of a sheet, in order


class Block(NamedTuple):
    """A heading, lines of prose, then a table or charts."""

    title: str = ""
    lines: tuple[str | Cell, ...] = ()
    table: Table | None = None
    charts: tuple[Chart, ...] = ()
    level: int = 2  # 1 is the document's title; status's plan sections sit at 3 under 2
    anchor: str = ""  # a place to link to (HTML id); other formats ignore it
    card: bool = False  # one whole unit (HTML: a bordered box never split across printed pages)
    fold: str = ""  # when set, the table is folded under this summary (HTML <details>); shown whole elsewhere
    downloads: tuple[Download, ...] = ()  # only formats that can carry a file show them (HTML)


class Document(NamedTuple):
    title: str
    blocks: tuple[Block, ...] = ()
    lang: str = "zh"
    name: str = ""  # a short name (目标进展): a spreadsheet's sheet when its blocks have no title
    group: str = ""  # the header under which a spreadsheet lists the titles of blocks it puts in one sheet
    anchor: str = ""


def cell(text: str, style: str = "", value: Value | tuple[Value, ...] = None, link: str | None = None) -> Cell:
    return Cell(text, style, text if value is None else value, link)
