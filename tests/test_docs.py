"""The README documents every command and every option (fails when one is added without docs)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from cqip.cli.app import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_documented(name: str) -> None:
    assert f"cqip {name}" in README


def _options() -> list[tuple[str, str]]:
    found = [("cqip", opt) for param in GROUP.params for opt in param.opts if opt.startswith("--")]
    for name in COMMANDS:
        command = GROUP.commands[name]  # type: ignore[attr-defined]
        found += [(name, opt) for param in command.params for opt in param.opts if opt.startswith("--")]
    return found


@pytest.mark.parametrize(("command", "option"), _options())
def test_option_documented(command: str, option: str) -> None:
    assert option in README, f"{option} of {command} is not in the README"


ROOT = Path(__file__).parents[1]
DATED = {"status", "gap", "report", "tasks", "depts", "compare", "show", "explain"}  # output depends on today


def _examples() -> list[tuple[str, list[str]]]:
    """Every `$ cqip …` line of the README's code blocks, with the output shown under it."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.S):
        lines = block.rstrip("\n").split("\n")
        if not lines[0].startswith("$ cqip"):
            continue
        for line in lines:
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                found[-1][1].append(line)
    return found


def run_example(runner, command: str) -> list[str]:
    """The command on the data it names: `--data example` is example/, no --data is the bundled data/.
    `| head -N` keeps the first lines; a terminal of 100 columns, no colour, no $CQIP_LANG."""
    words, keep = shlex.split(command), None
    if "|" in words:
        assert words[words.index("|") + 1:-1] == ["head"], f"only `| head -N` can be run: {command}"
        keep, words = int(words[-1].lstrip("-")), words[:words.index("|")]
    args = words[1:]
    if args[0] == "--data":
        args[1] = str(ROOT / args[1])
    else:
        args = ["--data", str(ROOT / "data"), *args]
    result = runner.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1", "CQIP_LANG": None})
    printed = [line.rstrip() for line in result.output.replace(f"{ROOT}/", "").split("\n")]
    return printed[:keep] if keep is not None else printed


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_readme_example_output(runner, command: str, shown: list[str]) -> None:
    """What the README shows is what cqip prints on the data the example names: every shown line, in
    order (`…` skips lines). Examples that evaluate fix the date, so they do not change with today."""
    words = shlex.split(command)
    if DATED & set(words):
        assert "--as-of" in words or "--year" in words, f"an example on a fixed date: {command}"
    printed = run_example(runner, command)
    position = 0
    for line in shown:
        if line.strip() == "…":
            continue
        assert line.rstrip() in printed[position:], f"README line not printed (in order): {line!r}\n" + "\n".join(
            printed)
        position = printed.index(line.rstrip(), position) + 1


def test_readme_examples_are_checked() -> None:
    examples = _examples()
    assert len(examples) >= 12
    assert any("--data" not in command for command, _ in examples)  # the bundled data too


def test_setup_commands_work_under_pep_668_and_ci_runs_the_readme_test_command() -> None:
    """Stock Debian/Ubuntu refuse a bare `pip install` outside a virtual environment (PEP 668): the
    README's two set-up commands make one, and `.ci/run` runs the second one exactly."""
    setup = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert setup is not None
    install, tests = (line.split("#")[0].strip() for line in setup.group(1).strip().split("\n"))
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install .")
    assert tests.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "Python ≥ 3.11" in README.split("## Commands")[0]
