"""The code gates, run with the tests so that the README's one test command checks them too:
ruff (lint and import order, 120 columns), mypy (strict), import-linter (the layers contract in
pyproject.toml: cli → render | store → views → verdicts → data)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
GATES = {
    "ruff": ["ruff", "check", "src", "tests"],
    "mypy": ["mypy"],
    "import-linter": ["lint-imports"],
}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_gate_passes(gate: str) -> None:
    command = GATES[gate]
    tool = shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(command[0])
    assert tool, f"{command[0]} is not installed: pip install -e '.[test]'"
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_command_line_starts_without_the_heavy_modules() -> None:
    """`cqip --help` and usage errors must start as fast as typer: the models (pydantic), YAML, rich and
    the views are imported by the commands that use them, never when the command group is built."""
    code = "import sys, cqip.cli.app; print(' '.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(run.stdout.split())
    heavy = {"pydantic", "yaml", "rich", "cqip.data.models", "cqip.verdicts", "cqip.views.document", "cqip.store"}
    assert loaded & heavy == set()
