"""Shared fixtures: a small, hand-checkable data directory and a CLI runner."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from cqip.cli.app import app

# CI runs a quick pass; `HYPOTHESIS_PROFILE=thorough python -m pytest` throws ≥ 10 000 examples at each property.
settings.register_profile("ci", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXAMPLE = Path(__file__).parents[1] / "example"
# The documented example data directory is the base fixture, so README examples and tests agree.
TARGETS_YAML = (EXAMPLE / "targets.yaml").read_text(encoding="utf-8")

ACTUALS_CSV = textwrap.dedent(
    """\
    indicator,period,value,unit,source,note
    patents_per_10k,2015,4,件/万人,https://example.org/a,
    patents_per_10k,2018,6,件/万人,https://example.org/b,
    pct,2016,400,件,https://example.org/c,
    pct,2017,450,件,https://example.org/d,
    """
)


def write_data(root: Path, targets: str = TARGETS_YAML, actuals: dict[str, str] | None = None) -> Path:
    (root / "actuals").mkdir(parents=True, exist_ok=True)
    (root / "targets.yaml").write_text(targets, encoding="utf-8")
    for name, text in (actuals if actuals is not None else {"main.csv": ACTUALS_CSV}).items():
        (root / "actuals" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test its own empty checked-data cache (platformdirs reads XDG_CACHE_HOME): none leaks
    between tests, and none comes from or goes to the user's."""
    home = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):
    """Invoke cqip in-process; returns the click Result."""

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke
