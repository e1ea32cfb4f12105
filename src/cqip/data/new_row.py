"""`cqip add` decided without touching a file: is the row new, already there, or a conflict?

The row is checked by the same `parse_row` that reads the files, against the data as it stands
(after revisions), so whatever `add` writes validates afterwards. The bytes to append are
computed here too, in the target file's own encoding, line ending and column order.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cqip.data.actuals_file import COLUMNS, observation
from cqip.data.csv_reader import Row, check_characters, read_header
from cqip.data.encoding import decode_with_codec
from cqip.data.models import Catalog, Observation
from cqip.data.names import indicator_id
from cqip.data.numbers import half_width
from cqip.data.problems import DataError, Problem

COMMAND_LINE = "cqip add"  # the "file" of a problem with the arguments themselves
_LINE_END = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class Entry:
    """A row to append: its cells by column name, what it reads as, and the file it goes to
    (None: a new file named after the indicator)."""

    cells: dict[str, str]
    observation: Observation
    revises: Observation | None
    file: str | None = None


@dataclass(frozen=True)
class AlreadyRecorded:
    existing: Observation


def decide(catalog: Catalog, observations: Iterable[Observation], cells: dict[str, str], today: date,
           revise: bool, file: str | None = None) -> Entry | AlreadyRecorded:
    """The outcome for `cells` given the current (revision-resolved) observations; raises DataError to refuse.

    `file` is the file the user chose (as observations name files), else the row goes with the row
    it revises, else with the indicator's latest figure. A revision recorded on the day of the row
    it revises must go to that row's file: within one file, the later line wins (`revisions`).
    """
    row = {name: value.strip() for name, value in cells.items()} | {"recorded": today.isoformat()}
    row["indicator"] = indicator_id(catalog, row.get("indicator", ""))  # PCT国际专利申请量 → pct_applications
    for name in ("period", "value"):  # ２０１９, ３５００ from an input method: written as they are read
        if name in row:
            row[name] = half_width(row[name])
    parsed = Row(COMMAND_LINE, 0, row)
    check_characters(parsed)
    new = observation(parsed, catalog)
    if new is None or parsed.problems:  # the arguments have no line: `cqip add: value: 'x' is not a number`
        raise DataError([problem._replace(line=None) for problem in parsed.problems])
    observations = list(observations)
    key = (new.indicator, new.region, new.scope, new.period)
    existing = next((o for o in observations if (o.indicator, o.region, o.scope, o.period) == key), None)
    if existing is None:
        return Entry(row, new, None, file or default_file(observations, new.indicator))
    if existing.value == new.value:
        return AlreadyRecorded(existing)
    what = new.what
    if not revise:
        raise DataError([Problem(existing.file, existing.line, "value",
                                 f"{what} is already {existing.value:g} {existing.unit}, not {new.value:g}; "
                                 "add --revise to record a revision")])
    destination = file or existing.file
    if existing.recorded is not None and existing.recorded > today:
        raise DataError([Problem(existing.file, existing.line, "recorded",
                                 f"{what} was recorded on {existing.recorded}, after today ({today}); a revision "
                                 "recorded today could not be ordered after it, edit that row instead")])
    if existing.recorded == today and destination != existing.file:
        raise DataError([Problem(existing.file, existing.line, "recorded",
                                 f"{what} was recorded today; a revision of the same day goes to the same file, "
                                 "where the later line wins: leave out --file")])
    return Entry(row, new, existing, destination)


def default_file(observations: Iterable[Observation], indicator: str) -> str | None:
    """Where the indicator's latest figure lives, so that its rows stay together; None if it has none."""
    rows = [o for o in observations if o.indicator == indicator]
    return max(rows, key=lambda o: o.period.t).file if rows else None


def append_bytes(existing: bytes | None, filename: str, cells: dict[str, str]) -> bytes:
    """What to append to a file holding `existing` (None: a new file) so that it gains the row.

    The row follows the file's own header, encoding and line ending; a new or header-less file
    first gets the full header. A file without a `recorded` column is refused rather than
    rewritten: every row `add` writes carries its date, which is what orders revisions. So is a
    file without a `region` column for a row outside the whole city.
    """
    codec, newline, header, text = "utf-8", "\n", None, ""
    if existing:
        decoded, found, problem = decode_with_codec(existing, filename)
        if problem is not None or decoded is None or found is None:
            raise DataError([problem] if problem else [])
        text, header = decoded, read_header(decoded)
        codec = "utf-8" if found.startswith("utf-8") else found  # a BOM belongs at the start only
        first_end = _LINE_END.search(text)
        newline = first_end.group() if first_end else newline
    for column, value in cells.items():  # a given cell the file has no column for would be lost
        if header is not None and column not in header and value:
            raise DataError([Problem(filename, None, column,
                                     f"the header has no {column} column; add ',{column}' to it "
                                     "(older rows may leave it empty) or choose another --file")])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    if text and not text.endswith(("\n", "\r")):
        out.write(newline)
    if header is None:
        writer.writerow(COLUMNS)
    row = [cells.get(name, "") for name in (header or COLUMNS)]
    if row and row[0].startswith("#"):  # quoted, or the reader would take the line for a comment
        writer = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_ALL)
    writer.writerow(row)
    try:
        return out.getvalue().encode(codec)
    except UnicodeEncodeError as exc:
        raise DataError([Problem(COMMAND_LINE, None, "text",
                                 f"{exc.object[exc.start:exc.end]!r} cannot be written as {codec}")]) from None
