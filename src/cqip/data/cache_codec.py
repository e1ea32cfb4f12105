"""The bytes of a checked-data cache entry: data only, checked before use, never code.

An entry is sealed: a magic line, the key it was written for and a SHA-256 digest of key and
payload. `unseal` refuses anything else — a truncated or corrupt file, an entry of another key,
version or format — and every `decode_*` checks the payload's structure, types and ranges as
strictly as a parser, returning None for anything unexpected; the caller then parses the file
itself and writes a fresh entry. The payloads are JSON and flat arrays of numbers (`array`),
so reading an entry can never run code, as unpickling could.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from array import array
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import msgspec

from cqip.data.file_rows import KINDS, STORED, Coded, Column, Const, FileRows, Group, Values
from cqip.data.models import Bound
from cqip.data.periods import Period
from cqip.data.task_status_file import REPORTABLE, StatusReport
from cqip.data.tasks_file import TaskStatus

FORMAT = "cqip-cache 2"
MAGIC = FORMAT.encode() + b"\n"
_DIGEST = 32
_HEADER = 4  # bytes of the JSON header's length before it
M = TypeVar("M")
# What reading a malformed payload raises (PeriodError is a ValueError; a JSON header nested a
# hundred thousand deep, a RecursionError): the entry is then ignored and rebuilt.
_MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)
# Every field of StatusReport, in order; a field added there must be added here (a test checks).
REPORT_FIELDS = ("task", "period", "status", "evidence", "note", "file", "line", "recorded")


class Shared:
    """Equal strings and periods decoded from several entries become one object each."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.periods: dict[str, Period] = {}  # by their text, each checked once

    def string(self, text: str) -> str:
        return self.strings.setdefault(text, text)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_key(salt: str, kind: str, content: str, depends: str = "") -> str:
    """The name of an entry: what it holds (`kind`), the content digest of its file, and what its
    checks depended on; `salt` is cqip's version and code, so another cqip never reads it."""
    return digest("\0".join((FORMAT, sys.byteorder, salt, kind, content, depends)).encode())


def seal(key: str, payload: bytes) -> bytes:
    raw_key = bytes.fromhex(key)
    return MAGIC + raw_key + hashlib.sha256(raw_key + payload).digest() + payload


def unseal(key: str, data: bytes) -> bytes | None:
    """The payload of an entry written for `key`, or None for anything else."""
    raw_key = bytes.fromhex(key)
    start = len(MAGIC) + len(raw_key) + _DIGEST
    if len(data) < start or not data.startswith(MAGIC) or data[len(MAGIC):len(MAGIC) + len(raw_key)] != raw_key:
        return None
    payload = data[start:]
    if hashlib.sha256(raw_key + payload).digest() != data[start - _DIGEST:start]:
        return None
    return payload


# --- the observations of one actuals file -------------------------------------------------------

def encode_rows(rows: FileRows) -> bytes:
    """A JSON header (groups, column layouts, tables of distinct values) followed by the arrays."""
    tables: dict[str, dict[Any, int]] = {"str": {}, "date": {}, "bound": {}, "period": {}}
    arrays: list[array[Any]] = []
    recoded: dict[int, list[int]] = {}

    def code(kind: str, value: Any) -> int:
        table = tables[kind]
        return table.setdefault(value, len(table))

    groups = []
    for group in rows.groups:
        layout: dict[str, list[Any]] = {}
        for name, column in group.columns.items():
            kind = KINDS[name]
            if kind in tables:
                if isinstance(column, Const):
                    layout[name] = ["const", code(kind, column.value)]
                else:
                    if isinstance(column, Coded):  # its table (often the file's) coded once, not every row
                        recode = recoded.get(id(column.table))
                        if recode is None:  # coded in the order this group first meets them: its codes a run
                            order = dict.fromkeys([*dict.fromkeys(column.codes), *range(len(column.table))])
                            coded = {i: code(kind, column.table[i]) for i in order}
                            recode = recoded[id(column.table)] = [coded[i] for i in range(len(column.table))]
                        codes = array("I", map(recode.__getitem__, column.codes))
                    else:
                        codes = array("I", (code(kind, value) for value in column.values))
                    if codes[-1] - codes[0] == len(codes) - 1 and codes == array("I", range(codes[0], codes[-1] + 1)):
                        layout[name] = ["run", codes[0]]  # each code once and in order (most series' periods)
                    else:
                        layout[name] = ["codes", len(arrays)]
                        arrays.append(codes)
            elif isinstance(column, Values) and isinstance(column.values, range):
                layout[name] = ["range", column.values.start]
            else:
                layout[name] = ["array", len(arrays)]
                arrays.append(array("d" if kind == "float" else "q", _values(column)))
        groups.append({"key": list(group.key), "size": group.size, "columns": layout})
    header = {
        "groups": groups,
        "tables": {kind: [_to_json(kind, value) for value in table] for kind, table in tables.items()},
        "arrays": [[a.typecode, len(a)] for a in arrays],
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    return len(head).to_bytes(_HEADER, "little") + head + b"".join(a.tobytes() for a in arrays)


def decode_rows(payload: bytes, shared: Shared) -> FileRows | None:
    """The rows `encode_rows` wrote, or None when the payload is not exactly such a thing."""
    try:
        return _decode_rows(payload, shared)
    except _MALFORMED:
        return None


def _decode_rows(payload: bytes, shared: Shared) -> FileRows | None:
    size = int.from_bytes(payload[:_HEADER], "little")
    header = json.loads(payload[_HEADER:_HEADER + size])
    blob = memoryview(payload)[_HEADER + size:]
    raw = {kind: _list(header["tables"][kind]) for kind in ("str", "date", "bound", "period")}
    if any(len(set(values)) != len(values) for values in raw.values()):
        return None  # a value twice would let two rows of one period pass for two periods
    tables = {kind: [_from_json(kind, value, shared) for value in values] for kind, values in raw.items()}
    arrays: list[array[Any]] = []
    offset = 0
    for typecode, count in _list(header["arrays"]):
        if typecode not in ("I", "d", "q") or not _count(count):
            return None
        numbers = array(typecode)
        end = offset + count * numbers.itemsize
        if end > len(blob):
            return None
        numbers.frombytes(blob[offset:end])
        arrays.append(numbers)
        offset = end
    if offset != len(blob):
        return None
    groups = []
    for item in _list(header["groups"]):
        indicator, region = _list(item["key"])
        count = item["size"]
        layout = item["columns"]
        if not (isinstance(indicator, str) and isinstance(region, str) and _count(count) and count > 0
                and isinstance(layout, dict) and set(layout) == set(STORED)):
            return None
        columns = {name: _column(KINDS[name], _list(layout[name]), count, tables, arrays) for name in STORED}
        groups.append(Group((shared.string(indicator), shared.string(region)), count, columns))
    return FileRows(tuple(groups))


def _column(kind: str, spec: list[Any], size: int, tables: dict[str, list[Any]], arrays: list[array[Any]]) -> Column:
    """One column as laid out in the header; raises ValueError for anything out of place."""
    how, where = spec
    if kind in tables:
        table = tables[kind]
        if how == "const" and _count(where) and where < len(table):
            return Const(table[where])
        if how == "run" and _count(where) and where + size <= len(table):
            return Coded(table, range(where, where + size))
        if how == "codes" and _count(where) and where < len(arrays):
            codes = arrays[where]
            if codes.typecode == "I" and len(codes) == size and max(codes) < len(table):
                return Coded(table, codes)
    elif kind == "int" and how == "range" and _count(where) and where >= 1:
        return Values(range(where, where + size))
    elif how == "array" and _count(where) and where < len(arrays):
        numbers = arrays[where]
        if len(numbers) != size:
            raise ValueError("column length")
        # A finite sum is proof enough (an inf or NaN would spread to it); else every value is looked at.
        if kind == "float" and numbers.typecode == "d" and (math.isfinite(sum(numbers))
                                                             or all(map(math.isfinite, numbers))):
            return Values(numbers)
        if kind == "int" and numbers.typecode == "q" and min(numbers) >= 1:
            return Values(numbers)
    raise ValueError(f"unexpected column {spec!r}")


def _values(column: Column) -> Sequence[Any]:
    if isinstance(column, Const):
        raise TypeError("a constant column has no values")
    if isinstance(column, Values):
        return column.values
    return [column.table[i] for i in column.codes]


def _to_json(kind: str, value: Any) -> Any:
    if kind == "period":
        return str(value)
    if kind == "date":
        return None if value is None else value.isoformat()
    if kind == "bound":
        return value.value
    return value


def _from_json(kind: str, value: Any, shared: Shared) -> Any:
    """A table value, checked like the parser checks a cell; raises ValueError or TypeError otherwise."""
    if kind == "str":
        if not isinstance(value, str):
            raise TypeError("string")
        return shared.string(value)
    if kind == "bound":
        return Bound(value)
    if kind == "date":
        if value is None:
            return None
        day = date.fromisoformat(value)
        if day.isoformat() != value:
            raise ValueError("date")
        return day
    if type(value) is not str:
        raise TypeError("period")
    period = shared.periods.get(value)
    if period is None:
        period = Period.parse(value)
        if str(period) != value:  # only the canonical text cqip writes
            raise ValueError("period")
        shared.periods[value] = period
    return period


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("list")
    return value


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


# --- targets.yaml and tasks.yaml as validated models ------------------------------------------

def encode_model(model: object) -> bytes | None:
    """The model (a dataclass of `data.models` or `data.tasks_file`) as JSON, or None when reading that
    JSON back would not give an equal model: such a file is simply parsed every time."""
    payload = msgspec.json.encode(model)
    return payload if decode_model(type(model), payload) == model else None


def decode_model(model: type[M], payload: bytes) -> M | None:
    """The model, every field checked against its declared type (msgspec, in C: pydantic would first
    spend some 30 ms building its validators). The value constraints pydantic checked when the file
    was parsed are not checked again: an entry is only written once they passed, its seal refuses
    any damage, and the cross-checks run on it again (`loading._Session.model`)."""
    try:
        return msgspec.json.decode(payload, type=model)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


# --- task_status files ------------------------------------------------------------------------

def encode_reports(reports: Sequence[StatusReport]) -> bytes:
    """The reports as JSON rows in REPORT_FIELDS order, without the file name (read under any)."""
    if StatusReport._fields != REPORT_FIELDS:
        raise AssertionError("StatusReport's fields changed: update REPORT_FIELDS and the codec")
    rows = [[r.task, _to_json("period", r.period), r.status.value, r.evidence, r.note, r.line,
             _to_json("date", r.recorded)] for r in reports]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()


def decode_reports(payload: bytes, filename: str, tasks: Callable[[int], bool],
                   shared: Shared) -> list[StatusReport] | None:
    """The reports, each checked again (`tasks(n)`: item n exists), or None."""
    statuses = {s.value: s for s in REPORTABLE}
    try:
        reports = []
        for task, period, status, evidence, note, line, recorded in _list(json.loads(payload)):
            state = statuses[status]
            if not (type(task) is int and tasks(task) and isinstance(evidence, str) and isinstance(note, str)
                    and _count(line) and line >= 1 and (evidence or state is TaskStatus.NOT_STARTED)):
                return None
            reports.append(StatusReport(task, _from_json("period", period, shared), state, evidence, note,
                                        filename, line, _from_json("date", recorded, shared)))
        return reports
    except _MALFORMED:
        return None
