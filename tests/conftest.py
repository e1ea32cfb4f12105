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

TARGETS_YAML = textwrap.dedent(
    """\
    plan:
      id: "测试〔2016〕1号"
      title_zh: 测试方案
      title_en: Test plan
      baseline_year: 2015
      deadline: 2020
    sections:
      - id: goals
        zh: 一、工作目标
        en: I. Goals
    indicators:
      - id: patents_per_10k
        zh: 每万人口发明专利拥有量
        en: Invention patents per 10k people
        unit: 件/万人
        measure: stock
      - id: pct
        zh: PCT国际专利申请量
        en: PCT applications
        unit: 件
        measure: flow
    targets:
      - id: patents_2020
        indicator: patents_per_10k
        section: goals
        kind: level
        value: 8
        clause: 到2020年，每万人口发明专利拥有量达到8件
      - id: pct_2016_2020
        indicator: pct
        section: goals
        kind: cumulative
        value: 2500
        window: [2016, 2020]
        clause: PCT国际专利申请量累计达到2500件
    """
)

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
