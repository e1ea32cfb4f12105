"""The CLI driven in-process through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_data


def test_validate_ok(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "validate")
    assert result.exit_code == 0
    assert result.output == "OK: 2 targets, 4 observations\n"


def test_status_json_keys_and_values(cli, data_dir: Path) -> None:
    result = cli("--data", str(data_dir), "status", "--format", "json", "--as-of", "2019-06-30")
    assert result.exit_code == 0
    records = {r["target_id"]: r for r in json.loads(result.output)}
    patents = records["patents_2020"]
    # 2018 value 6 against the line from (2015, 4) to (2020, 8): expected 4 + 4·3/5 = 6.4.
    assert patents["expected"] == 6.4
    assert patents["status"] == "at_risk"  # progress 0.5 vs 0.6 expected: 10 points behind
    assert patents["achievement"] == 0.75
    for key in ("target_id", "indicator", "kind", "status", "outlook", "actual", "target", "achievement",
                "expected", "projected", "period", "source"):
        assert key in patents
