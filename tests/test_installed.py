"""The installed `cqip` script, run as a user would: from an unrelated directory, no options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("cqip")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "CQIP_DATA"}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env={**base, **(env or {})}, capture_output=True,
                          text=True, timeout=60)


def test_status_on_bundled_data_from_any_directory(tmp_path: Path) -> None:
    result = run("status", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 40


def test_table_output_when_piped_has_no_colour_codes(tmp_path: Path) -> None:
    result = run("status", "--format", "table", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "invention_patents_per_10k_2020" in result.stdout
    # the one-line summary closes the table (a line saying what 100 columns left out may follow)
    assert any(line.startswith("50 targets: 10 achieved, ") for line in result.stdout.splitlines()[-3:])


def test_cqip_data_environment_variable(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path, env={"CQIP_DATA": str(tmp_path / "nowhere")})
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"{tmp_path}/nowhere/targets.yaml: file: not found in {tmp_path}/nowhere"
    assert "Traceback" not in result.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "cqip", "validate"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("OK: ")


def test_the_script_builds_only_the_command_it_runs_and_answers_as_the_full_app(tmp_path: Path) -> None:
    import typer.main

    from cqip.cli.app import ROOT_FLAGS, ROOT_OPTIONS, app, named_command

    root = [p for p in typer.main.get_command(app).params if not p.is_eager]  # --help and --version show no command
    assert {o for p in root if p.is_flag for o in p.opts} == ROOT_FLAGS  # a new root option must be listed there
    assert {o for p in root if not p.is_flag for o in p.opts} == ROOT_OPTIONS
    assert named_command(["status"]) == "status"
    assert named_command(["--data", "status", "gap", "--year", "2019"]) == "gap"  # a directory named status
    assert named_command(["--no-cache", "--data=x", "cache", "clear"]) == "cache"
    for args in ([], ["--help", "status"], ["--version"], ["stauts"], ["--bogus", "status"], ["--data"]):
        assert named_command(args) is None
    assert "Usage: cqip status [OPTIONS]" in run("status", "--help", cwd=tmp_path).stdout
    listed = run("--help", "status", cwd=tmp_path).stdout
    assert all(f"  {name} " in listed for name in ("status", "gap", "validate", "cache"))
    typo = run("stauts", cwd=tmp_path)
    assert typo.returncode == 2 and "Did you mean 'status'" in typo.stderr
    bundled = run("--data", str(Path(__file__).parents[1] / "data"), "--no-cache", "gap", "--year", "2019",
                  "--format", "json", cwd=tmp_path)
    assert bundled.returncode == 0 and json.loads(bundled.stdout)


def test_a_warm_run_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    """What keeps a cached run fast: the checked-data cache answers, the models declare their
    constraints without pydantic (`data.constraints`), and option values are coerced without typer's
    pydantic adapters (`cli.params`) — with no option, or with the options analysts give."""
    code = ("import atexit, sys; sys.argv = ['cqip', *sys.argv[1:]]; "
            "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr)); "
            "from cqip.cli.app import main; main()")
    data = str(Path(__file__).parents[1] / "data")
    with_options = ["--data", data, "gap", "--year", "2019", "--lang", "en", "-f", "json", "--dept", "市工商局"]
    for args in (["status"], with_options):
        cold = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True)
        warm = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True)
        assert warm.returncode == cold.returncode == 0 and warm.stdout == cold.stdout
        assert ("pydantic" in cold.stderr.split()) is (args == ["status"])  # the first run validated targets.yaml
        assert {m.split(".")[0] for m in warm.stderr.split()} & {"pydantic", "pydantic_core", "yaml"} == set(), args


def test_options_left_at_their_defaults_answer_as_the_defaults_given(tmp_path: Path) -> None:
    given = run("status", "--lang", "zh", "--format", "text", cwd=tmp_path, env={"CQIP_LANG": ""})
    assert run("status", cwd=tmp_path).stdout == given.stdout and given.returncode == 0
    wrong = run("status", cwd=tmp_path, env={"CQIP_LANG": "xx"})  # from the environment: coerced and refused
    assert wrong.returncode == 2 and "'xx' is not one of 'zh', 'en'" in wrong.stderr
    assert "greater than or equal to 1900" in run("status", "--year", "1800", cwd=tmp_path).stderr
