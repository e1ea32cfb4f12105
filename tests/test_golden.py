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

CASES: dict[str, tuple[str, list[str]]] = {
    "status-bundled.json": ("bundled", ["status", "--format", "json", "--as-of", "2026-11-25"]),
    "status-bundled.csv": ("bundled", ["status", "--format", "csv", "--as-of", "2026-11-25"]),
    "status-example.json": ("example", ["status", "--format", "json", "--as-of", "2019-06-30"]),
    "gap-bundled-2019.json": ("bundled", ["gap", "--year", "2019", "--format", "json"]),
    "gap-bundled-2019.csv": ("bundled", ["gap", "--year", "2019", "--format", "csv"]),
    "gap-example-2018.csv": ("example", ["gap", "--year", "2018", "--format", "csv"]),
    "report-bundled.json": ("bundled", ["report", "--as-of", "2026-11-25", "--format", "json"]),
    "report-bundled.csv": ("bundled", ["report", "--as-of", "2026-11-25", "--format", "csv"]),
    "report-example.json": ("example", ["report", "--as-of", "2019-06-30", "--format", "json"]),
    "tasks-bundled.json": ("bundled", ["tasks", "--as-of", "2018-01-01", "--format", "json"]),
    "tasks-bundled.csv": ("bundled", ["tasks", "--as-of", "2018-01-01", "--format", "csv"]),
    "depts-bundled.json": ("bundled", ["depts", "--as-of", "2018-01-01", "--format", "json"]),
    "depts-bundled.csv": ("bundled", ["depts", "--as-of", "2018-01-01", "--format", "csv"]),
    "compare-bundled.json": ("bundled", ["compare", "invention_patents_per_10k_2020", "--year", "2020",
                                         "--format", "json"]),
    "compare-bundled.csv": ("bundled", ["compare", "invention_patents_per_10k_2020", "--year", "2020",
                                        "--format", "csv"]),
    "show-bundled.json": ("bundled", ["show", "invention_patents_per_10k", "--as-of", "2026-11-25", "--format",
                                      "json"]),
    "show-example.json": ("example", ["show", "pct", "--as-of", "2019-06-30", "--format", "json"]),
    "explain-bundled.json": ("bundled", ["explain", "pct_applications_2016_2020", "--year", "2019", "--format",
                                         "json"]),
    "explain-example.json": ("example", ["explain", "patents_2020", "--year", "2018", "--format", "json"]),
    "indicators-bundled.json": ("bundled", ["indicators", "--format", "json"]),
    "targets-bundled.json": ("bundled", ["targets", "--format", "json"]),
    "status-bundled-en.csv": ("bundled", ["status", "--format", "csv", "--lang", "en", "--as-of", "2026-11-25"]),
}


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
