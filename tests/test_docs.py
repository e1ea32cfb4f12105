"""The README documents every command and every option (fails when one is added without docs)."""

from __future__ import annotations

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
