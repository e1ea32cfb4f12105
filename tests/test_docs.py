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


def _examples() -> list[tuple[str, list[str]]]:
    """README blocks that start with `$ cqip --data example …`: the command and its shown output."""
    found = []
    for block in re.findall(r"```[a-z]*\n(\$ cqip --data example [^\n]*)\n(.*?)```", README, flags=re.S):
        command, output = block
        found.append((command[2:], output.rstrip("\n").split("\n")))
    return found


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_readme_example_output(runner, command: str, shown: list[str]) -> None:
    """What the README shows is what cqip prints: every shown line, in order (`…` skips lines)."""
    from cqip.cli.app import app

    args = shlex.split(command)[1:]
    args[args.index("example")] = str(Path(__file__).parents[1] / "example")
    printed = [line.rstrip() for line in runner.invoke(app, args).output.replace(args[1], "example").split("\n")]
    position = 0
    for line in shown:
        if line.strip() == "…":
            continue
        assert line.rstrip() in printed[position:], f"README line not printed (in order): {line!r}"
        position = printed.index(line.rstrip(), position) + 1


def test_readme_examples_are_checked() -> None:
    assert len(_examples()) >= 3
