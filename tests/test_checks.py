"""Every check `cqip validate` performs (the README's list), each triggered by a small file: one line
`file:line: field: message`, exit 2, no traceback.

Each case edits the hand-checkable fixture data (conftest) in one place and expects exit 2 and
the exact `file:line: field: message` line among the output.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from conftest import ACTUALS_CSV, TARGETS_YAML, write_data

HEADER = "indicator,period,value,unit,source,note\n"


def _targets(old: str, new: str) -> str:
    assert old in TARGETS_YAML
    return TARGETS_YAML.replace(old, new, 1)


# (check, targets.yaml text, {actuals file: text}, expected line with {d} for the data directory)
CASES = [
    ("yaml syntax", _targets("kind: level", "kind: [level"), None,
     "{d}/targets.yaml:27: yaml: syntax error: expected ',' or ']', but got ':'"),
    ("yaml not a mapping", "- just\n- a list\n", None,
     "{d}/targets.yaml:1: yaml: expected a mapping with plan, sections, indicators, targets"),
    ("unknown key", _targets("kind: level", "kind: level\n    valu: 8"), None,
     "{d}/targets.yaml:27: targets[0].valu: unknown key"),
    ("required key", _targets("    clause: PCT国际专利申请量累计达到2500件\n", ""), None,
     "{d}/targets.yaml:29: targets[1].clause: required"),
    ("wrong type or value", _targets("value: 8", "value: eight"), None,
     "{d}/targets.yaml:27: targets[0].value: Input should be a valid number, "
     "unable to parse string as a number (got 'eight')"),
    ("id format", _targets("id: goals", "id: Goals"), None,
     "{d}/targets.yaml:8: sections[0].id: String should match pattern '^[a-z][a-z0-9_]*$' (got 'Goals')"),
    ("duplicate id", _targets("id: pct_2016_2020", "id: patents_2020"), None,
     "{d}/targets.yaml:29: targets[1].id: duplicate id 'patents_2020'"),
    ("unknown section", _targets("section: goals", "section: goal"), None,
     "{d}/targets.yaml:25: targets[0].section: unknown section 'goal' (did you mean goals?)"),
    ("unknown indicator in a target", _targets("indicator: pct\n", "indicator: pcts\n"), None,
     "{d}/targets.yaml:30: targets[1].indicator: unknown indicator 'pcts' (did you mean pct?)"),
    ("flow-only kind on a stock", _targets("measure: flow", "measure: stock"), None,
     "{d}/targets.yaml:32: targets[1].kind: cumulative targets need a flow indicator; pct is a stock"),
    ("field required by the kind", _targets("    window: [2016, 2020]\n", ""), None,
     "{d}/targets.yaml:29: targets[1].window: required for kind cumulative"),
    ("field not allowed for the kind", _targets("value: 8", "value: 8\n    factor: 2"), None,
     "{d}/targets.yaml:28: targets[0].factor: not allowed for kind level"),
    ("baseline before deadline", _targets("baseline_year: 2015", "baseline_year: 2020"), None,
     "{d}/targets.yaml:23: targets[0].baseline_year: baseline year 2020 must be before the deadline 2020"),
    ("window within the plan", _targets("window: [2016, 2020]", "window: [2015, 2020]"), None,
     "{d}/targets.yaml:34: targets[1].window: must run from after the baseline 2015 to the deadline 2020"),
    ("positive compound baseline",
     _targets("kind: level\n    value: 8", "kind: multiple\n    factor: 2\n    baseline_value: 0"),
     None, "{d}/targets.yaml:28: targets[0].baseline_value: must be positive for a compound path"),
    ("yaml alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(7)), None,
     "{d}/targets.yaml:1: yaml: expands to more than 200,000 nodes or 2,000,000 characters (alias bomb?)"),
    ("yaml nested too deeply", "a: " + "[" * 2000 + "]" * 2000 + "\n", None,
     "{d}/targets.yaml:1: yaml: nested too deeply"),
    ("encoding", None, {"bad.csv": b"indicator\n\xff\xfe"},
     "{d}/actuals/bad.csv: encoding: neither UTF-8 nor GB18030: undecodable byte 0xff at offset 10"),
    ("empty actuals file", None, {"empty.csv": "# only a comment\n"},
     "{d}/actuals/empty.csv:1: header: empty file; expected a header indicator,period,value,unit,source"),
    ("missing column", None, {"a.csv": "indicator,period,value,unit\npct,2016,1,件\n"},
     "{d}/actuals/a.csv:1: source: missing column in header"),
    ("column twice", None, {"a.csv": "indicator,period,value,unit,source,Value\n"},
     "{d}/actuals/a.csv:1: header: column 'value' appears twice"),
    ("empty indicator", None, {"a.csv": HEADER + ",2016,1,件,s\n"}, "{d}/actuals/a.csv:2: indicator: empty"),
    ("unknown indicator", None, {"a.csv": HEADER + "pcts,2016,1,件,s\n"},
     "{d}/actuals/a.csv:2: indicator: unknown indicator 'pcts' (did you mean pct?)"),
    ("period", None, {"a.csv": HEADER + "pct,2016-02-30,1,件,s\n"},
     "{d}/actuals/a.csv:2: period: '2016-02-30': day 30 does not exist in 2016-02"),
    ("value", None, {"a.csv": HEADER + "pct,2016,1.2.3,件,s\n"}, "{d}/actuals/a.csv:2: value: '1.2.3' is not a number"),
    ("value too large", None, {"a.csv": HEADER + "pct,2016,1e400,件,s\n"},
     "{d}/actuals/a.csv:2: value: '1e400' is too large (the limit is 1e+15 in magnitude)"),
    ("empty unit", None, {"a.csv": HEADER + "pct,2016,1,,s\n"}, "{d}/actuals/a.csv:2: unit: empty"),
    ("incompatible unit", None, {"a.csv": HEADER + "pct,2016,1,万家,s\n"},
     "{d}/actuals/a.csv:2: unit: unit '万家' cannot be converted to '件' (the unit of pct)"),
    ("source", None, {"a.csv": HEADER + "pct,2016,1,件,\n"},
     "{d}/actuals/a.csv:2: source: empty; every figure needs a URL or citation"),
    ("recorded date", None, {"a.csv": "indicator,period,value,unit,source,recorded\npct,2016,1,件,s,2016-13-01\n"},
     "{d}/actuals/a.csv:2: recorded: '2016-13-01' is not a date YYYY-MM-DD"),
    ("too many cells", None, {"a.csv": HEADER + "pct,2016,1,件,s,note,extra\n"},
     "{d}/actuals/a.csv:2: row: 7 cells but the header has 6"),
    ("duplicate row", None, {"a.csv": HEADER + "pct,2016,1,件,s\npct,2016,1,件,t\n"},
     "{d}/actuals/a.csv:3: period: duplicate of {d}/actuals/a.csv:2 (pct 2016)"),
    ("conflicting values", None, {"a.csv": HEADER + "pct,2016,1,件,s\n", "b.csv": HEADER + "pct,2016,2,件,s\n"},
     "{d}/actuals/b.csv:2: value: pct 2016 = 2 conflicts with 1 at {d}/actuals/a.csv:2"),
    ("file too large", None, {"big.csv": 64_000_001},
     "{d}/actuals/big.csv: file: is larger than the limit of 64,000,000 bytes"),
    ("not a period", None, {"a.csv": HEADER + "pct,18,1,件,s\n"},
     "{d}/actuals/a.csv:2: period: '18' is not a period (expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY年 or YYYY年M月)"),
    ("unit of another measure", None, {"a.csv": HEADER + "patents_per_10k,2018,6,件,s\n"},
     "{d}/actuals/a.csv:2: unit: unit '件' cannot be converted to '件/万人' (the unit of patents_per_10k)"),
    ("target not a finite number", _targets("value: 8", "value: .nan"), None,
     "{d}/targets.yaml:27: targets[0].value: Input should be a finite number (got nan)"),
    ("absurd target", _targets("value: 8", "value: 1e308"), None,
     "{d}/targets.yaml:27: targets[0].value: "
     "Input should be less than or equal to 1000000000000000 (got '1e308')"),
    ("increase without its threshold", _targets("kind: level\n    value: 8", "kind: increase"), None,
     "{d}/targets.yaml:23: targets[0].min_change: required for kind increase "
     "(the rise over the baseline that counts as 大幅增长, e.g. 0.2 for +20 %)"),
    ("zero baseline of a doubling in a CSV", _targets("kind: level\n    value: 8", "kind: multiple\n    factor: 2"),
     {"a.csv": HEADER + "patents_per_10k,2015,0,件/万人,s\n"},
     "{d}/actuals/a.csv:2: value: 0 would be the 2015 baseline of patents_2020: "
     "a multiple or growth rate of a baseline ≤ 0 means nothing"),
    ("recorded after today", None,
     {"a.csv": "indicator,period,value,unit,source,recorded\npct,2016,1,件,s,2062-01-01\n"},
     "{d}/actuals/a.csv:2: recorded: 2062-01-01 is after today (" + date.today().isoformat() + "): a typo?"),
    ("unknown bound", None, {"a.csv": "indicator,period,value,unit,source,bound\npct,2016,1,件,s,max\n"},
     "{d}/actuals/a.csv:2: bound: 'max' is not a bound: leave it empty for an exact figure, or write min"),
    ("arabic-indic digits", None, {"a.csv": HEADER + "pct,2016,١٢,件,s\n"},  # float() reads them; cqip must not
     "{d}/actuals/a.csv:2: value: '١٢' is not a number"),
]


@pytest.mark.parametrize(("targets", "actuals", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check(cli, tmp_path: Path, targets: str | None, actuals: dict[str, str | bytes | int] | None,
                    expected: str) -> None:
    """Actuals content: text (UTF-8), raw bytes, or a size for a sparse file of NUL bytes."""
    data = write_data(tmp_path / "d", targets=targets or TARGETS_YAML, actuals={})
    for name, content in (actuals or {"main.csv": ACTUALS_CSV}).items():
        with (data / "actuals" / name).open("wb") as file:
            if isinstance(content, int):
                file.truncate(content)
            else:
                file.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = cli("--data", str(data), "validate")
    assert result.exit_code == 2
    assert expected.format(d=data) in result.output.splitlines()


def test_missing_files(cli, tmp_path: Path) -> None:
    assert cli("--data", str(tmp_path), "validate").output.splitlines()[0] == (
        f"{tmp_path}/targets.yaml: file: not found in {tmp_path}")
    (tmp_path / "targets.yaml").write_text(TARGETS_YAML, encoding="utf-8")
    result = cli("--data", str(tmp_path), "validate")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"{tmp_path}/actuals: directory: not found in {tmp_path}"


def test_revisions_with_recorded_dates_are_not_conflicts(cli, tmp_path: Path) -> None:
    rows = "pct,2016,400,件,https://x,,2020-01-05\npct,2016,410,件,https://y,revised,2021-03-01\n"
    data = write_data(tmp_path, actuals={"main.csv": HEADER.replace("note", "note,recorded") + rows})
    result = cli("--data", str(data), "validate")
    assert (result.exit_code, result.output) == (0, "OK: 2 targets, 1 observations\n")


def test_status_refuses_bad_data_on_stderr(runner, tmp_path: Path) -> None:
    from cqip.cli.app import app

    data = write_data(tmp_path, actuals={"main.csv": HEADER + "pct,2016,x,件,https://x,\n"})
    result = runner.invoke(app, ["--data", str(data), "status"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{data}/actuals/main.csv:2: value: 'x' is not a number")


def test_all_problems_in_one_run(cli, tmp_path: Path) -> None:
    """A broken targets.yaml does not hide the actuals' own mistakes, nor one row another's."""
    data = write_data(tmp_path / "d", targets=_targets("value: 8", "value: eight"),
                      actuals={"a.csv": HEADER + "pct,2016-13,x,件,\npct,2016,1,件,s\n"})
    lines = cli("--data", str(data), "validate").output.splitlines()
    assert lines == [
        f"{data}/actuals/a.csv:2: period: '2016-13': month 13 does not exist",
        f"{data}/actuals/a.csv:2: source: empty; every figure needs a URL or citation",
        f"{data}/actuals/a.csv:2: value: 'x' is not a number",
        f"{data}/targets.yaml:27: targets[0].value: Input should be a valid number, "
        "unable to parse string as a number (got 'eight')",
        "4 problem(s) found; fix them and run `cqip validate`.",
    ]


def test_100_mb_targets_file_is_refused_quickly_without_reading_it(cli, tmp_path: Path) -> None:
    data = write_data(tmp_path / "d")
    with (data / "targets.yaml").open("wb") as file:
        file.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on disk
    start = time.perf_counter()
    result = cli("--data", str(data), "validate")
    assert time.perf_counter() - start < 2
    assert result.exit_code == 2
    assert f"{data}/targets.yaml: file: is larger than the limit of 1,000,000 bytes" in result.output
