"""What a file's checked rows become when `cqip add` appends one: the cache entry updated, not rebuilt.

The appended row is read back alone, under the file's own header and encoding, exactly as parsing
the whole file would read it; only if that gives the observation `add` decided on, at the line it
now has, are the file's cached rows extended by it. Anything else (a row the reader would skip,
say) gives None, and the next load simply reads the file again.
"""

from __future__ import annotations

import csv
import io
import re

from cqip.data.actuals_file import parse_actuals
from cqip.data.csv_reader import read_header
from cqip.data.encoding import decode_with_codec
from cqip.data.file_rows import FileRows
from cqip.data.models import Catalog, Observation

_LINE_END = re.compile(r"\r\n|\n|\r")


def lines_in(text: str) -> int:
    """Physical lines as the CSV reader counts them (a last line without its end counts too)."""
    return len(_LINE_END.findall(text)) + (1 if text and not text.endswith(("\n", "\r")) else 0)


def with_appended(before: FileRows, existing: bytes | None, appended: bytes, filename: str, catalog: Catalog,
                  expected: Observation) -> FileRows | None:
    """`before` (the rows of `existing`) plus the row that `appended` adds to the file, or None."""
    codec, text_before = "utf-8", ""
    if existing:
        text, found, _ = decode_with_codec(existing, filename)
        if text is None or found is None:
            return None
        codec, text_before = ("utf-8" if found.startswith("utf-8") else found), text
    try:
        added = appended.decode(codec)
    except UnicodeDecodeError:
        return None
    header = ""
    if text_before:
        names = read_header(text_before)
        if names is None:
            return None
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(names)
        header = out.getvalue()
        added = added.lstrip("\r\n")  # the line end `add` writes first after an unterminated last line
    rows, problems = parse_actuals(header + added, filename, catalog)
    if problems or len(rows) != 1:
        return None
    row = rows[0]._replace(line=lines_in(text_before) + rows[0].line - lines_in(header))
    if row._replace(file="", line=0) != expected._replace(file="", line=0):
        return None
    return before.plus(row)
