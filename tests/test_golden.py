"""Machine-readable outputs byte for byte: what scripts and spreadsheets downstream rely on.

Each case runs one command on the bundled data (`data/`) or the README's example (`example/`) at
a fixed date and compares stdout with `tests/golden/<case>`. A change to a golden file is a
change of the documented interface: make it on purpose, in the commit that changes the output.
Regenerate with `CQIP_REGOLD=1 python -m pytest tests/test_golden.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqip.cli.app import app

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden"
DATA = {"bundled": ROOT / "data", "example": ROOT / "example"}

# (golden file name without extension, data, arguments, formats): one golden file per format.
_RUNS: list[tuple[str, str, list[str], tuple[str, ...]]] = [
    ("status-bundled", "bundled", ["status", "--as-of", "2026-11-25"], ("json", "csv")),
    ("status-example", "example", ["status", "--as-of", "2019-06-30"], ("json",)),
    ("gap-bundled-2019", "bundled", ["gap", "--year", "2019"], ("json", "csv")),
    ("gap-example-2018", "example", ["gap", "--year", "2018"], ("csv",)),
    ("report-bundled", "bundled", ["report", "--as-of", "2026-11-25"], ("json", "csv")),
    ("report-example", "example", ["report", "--as-of", "2019-06-30"], ("json",)),
    ("tasks-bundled", "bundled", ["tasks", "--as-of", "2018-01-01"], ("json", "csv")),
    ("depts-bundled", "bundled", ["depts", "--as-of", "2018-01-01"], ("json", "csv")),
    ("compare-bundled", "bundled", ["compare", "invention_patents_per_10k_2020", "--year", "2020"], ("json", "csv")),
    ("show-bundled", "bundled", ["show", "invention_patents_per_10k", "--as-of", "2026-11-25"], ("json",)),
    ("show-example", "example", ["show", "pct", "--as-of", "2019-06-30"], ("json",)),
    ("explain-bundled", "bundled", ["explain", "pct_applications_2016_2020", "--year", "2019"], ("json",)),
    ("explain-example", "example", ["explain", "patents_2020", "--year", "2018"], ("json",)),
    ("indicators-bundled", "bundled", ["indicators"], ("json",)),
    ("targets-bundled", "bundled", ["targets"], ("json",)),
    ("status-bundled-en", "bundled", ["status", "--lang", "en", "--as-of", "2026-11-25"], ("csv",)),
]
CASES: dict[str, tuple[str, list[str]]] = {f"{name}.{fmt}": (data, [*args, "--format", fmt])
                                           for name, data, args, formats in _RUNS for fmt in formats}


def _run(data: str, args: list[str]) -> str:
    result = CliRunner().invoke(app, ["--data", str(DATA[data]), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.replace(str(DATA[data]), f"<{data}>")


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str) -> None:
    data, args = CASES[case]
    printed = _run(data, args)
    path = GOLDEN / case
    if os.environ.get("CQIP_REGOLD"):
        path.write_bytes(printed.encode("utf-8"))
    assert printed == path.read_bytes().decode("utf-8")
