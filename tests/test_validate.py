"""Every user mistake in the data files: one line `file:line: field: message`, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACTUALS_CSV, TARGETS_YAML, write_data

HEADER = "indicator,period,value,unit,source,note\n"


def run_validate(cli, root: Path) -> tuple[int, list[str]]:
    result = cli("--data", str(root), "validate")
    return result.exit_code, [line for line in result.output.splitlines() if line]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("patent_per_10k,2018,6,件/万人,https://x,", "main.csv:2: indicator: unknown indicator 'patent_per_10k' (did you mean patents_per_10k?)"),
        ("patents_per_10k,2018,6,件,https://x,", "main.csv:2: unit: unit '件' cannot be converted to '件/万人' (the unit of patents_per_10k)"),
        ("patents_per_10k,2018-13,6,件/万人,https://x,", "main.csv:2: period: '2018-13': month 13 does not exist"),
        ("patents_per_10k,18,6,件/万人,https://x,", "main.csv:2: period: '18' is not a period (expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY年 or YYYY年M月)"),
        ("patents_per_10k,2018,six,件/万人,https://x,", "main.csv:2: value: 'six' is not a number"),
        ("patents_per_10k,2018,6,件/万人,,", "main.csv:2: source: empty; every figure needs a URL or citation"),
        ("patents_per_10k,2018,6,件/万人,https://x,,2019-02-30", "main.csv:2: recorded: '2019-02-30' is not a date YYYY-MM-DD"),
    ],
)
def test_bad_actuals_cell(cli, tmp_path: Path, row: str, expected: str) -> None:
    header = HEADER.replace("note", "note,recorded") if "recorded" in expected else HEADER
    root = write_data(tmp_path, actuals={"main.csv": header + row + "\n"})
    code, lines = run_validate(cli, root)
    assert code == 2
    assert lines[0] == f"{root}/actuals/{expected}"


def test_all_problems_in_one_run(cli, tmp_path: Path) -> None:
    rows = "patents_per_10k,2018,x,件/万人,https://x,\n\n# a comment\npct,2016,400,万家,https://x,\n"
    root = write_data(tmp_path, actuals={"main.csv": HEADER + rows})
    code, lines = run_validate(cli, root)
    assert code == 2
    assert [line.split(": ")[0] for line in lines[:2]] == [f"{root}/actuals/main.csv:2", f"{root}/actuals/main.csv:5"]
    assert lines[-1] == "2 problem(s) found; fix them and run `cqip validate`."


def test_conflicting_and_duplicate_rows_across_files(cli, tmp_path: Path) -> None:
    second = HEADER + "pct,2016,401,件,https://y,\npct,2017,450,件,https://z,\n"
    root = write_data(tmp_path, actuals={"a.csv": ACTUALS_CSV, "b.csv": second})
    code, lines = run_validate(cli, root)
    assert code == 2
    assert lines[:2] == [
        f"{root}/actuals/b.csv:2: value: pct 2016 = 401 conflicts with 400 at {root}/actuals/a.csv:4",
        f"{root}/actuals/b.csv:3: period: duplicate of {root}/actuals/a.csv:5 (pct 2017)",
    ]


def test_revisions_with_recorded_dates_are_not_conflicts(cli, tmp_path: Path) -> None:
    rows = "pct,2016,400,件,https://x,,2020-01-05\npct,2016,410,件,https://y,revised,2021-03-01\n"
    root = write_data(tmp_path, actuals={"main.csv": HEADER.replace("note", "note,recorded") + rows})
    assert run_validate(cli, root) == (0, ["OK: 2 targets, 1 observations"])


def test_missing_header_column(cli, tmp_path: Path) -> None:
    root = write_data(tmp_path, actuals={"main.csv": "indicator,period,value,source\npct,2016,1,x\n"})
    assert run_validate(cli, root) == (2, [f"{root}/actuals/main.csv:1: unit: missing column in header",
                                           "1 problem(s) found; fix them and run `cqip validate`."])


def test_not_utf8(cli, tmp_path: Path) -> None:
    root = write_data(tmp_path, actuals={})
    (root / "actuals" / "bad.csv").write_bytes(HEADER.encode() + b"pct,2016,1,\xff\xfe\xfa,x,\n")
    code, lines = run_validate(cli, root)
    assert code == 2
    assert lines[0].startswith(f"{root}/actuals/bad.csv: encoding: ")
    assert "offset 51" in lines[0]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("kind: level", "kind: levle"), "targets.yaml:26: targets[0].kind: Input should be"),
        (("value: 8", "valu: 8"), "targets.yaml:27: targets[0].valu: unknown key"),
        (("indicator: pct\n", "indicator: pcts\n"), "targets.yaml:30: targets[1].indicator: unknown indicator 'pcts' (did you mean pct?)"),
        (("window: [2016, 2020]", "window: [2014, 2020]"), "targets.yaml:34: targets[1].window: must run from after the baseline 2015 to the deadline 2020"),
        (("    window: [2016, 2020]\n", ""), "targets.yaml:29: targets[1].window: required for kind cumulative"),
        (("measure: flow", "measure: stock"), "targets.yaml:32: targets[1].kind: cumulative targets need a flow indicator; pct is a stock"),
        (("  - id: pct_2016_2020", "  - id: patents_2020"), "targets.yaml:23: targets[0].id: duplicate id 'patents_2020'"),
        (("deadline: 2020", "deadline: [2020"), "targets.yaml:7: yaml: syntax error:"),
    ],
)
def test_bad_targets_yaml(cli, tmp_path: Path, edit: tuple[str, str], expected: str) -> None:
    assert edit[0] in TARGETS_YAML
    root = write_data(tmp_path, targets=TARGETS_YAML.replace(edit[0], edit[1], 1))
    code, lines = run_validate(cli, root)
    assert code == 2
    assert lines[0].startswith(f"{root}/{expected}"), lines


def test_missing_files(cli, tmp_path: Path) -> None:
    assert run_validate(cli, tmp_path)[1][0] == f"{tmp_path}/targets.yaml: file: not found in {tmp_path}"
    (tmp_path / "targets.yaml").write_text(TARGETS_YAML, encoding="utf-8")
    assert run_validate(cli, tmp_path)[1][0] == f"{tmp_path}/actuals: directory: not found in {tmp_path}"


def test_status_refuses_bad_data_on_stderr(runner, tmp_path: Path) -> None:
    from cqip.cli.app import app

    root = write_data(tmp_path, actuals={"main.csv": HEADER + "pct,2016,x,件,https://x,\n"})
    result = runner.invoke(app, ["--data", str(root), "status"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{root}/actuals/main.csv:2: value: 'x' is not a number")


def test_arabic_indic_digits_are_not_read_as_numbers(cli, tmp_path: Path) -> None:
    # float("١٢") is 12.0: the fast path for plain numbers must not let it through either.
    root = write_data(tmp_path, actuals={"main.csv": HEADER + "pct,2016,١٢,件,https://x,\n"})
    code, lines = run_validate(cli, root)
    assert code == 2
    assert lines[0] == f"{root}/actuals/main.csv:2: value: '١٢' is not a number"
