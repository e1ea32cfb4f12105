"""cqip's commands coerce plain option values themselves (`cli.params`): exactly as typer would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main
from hypothesis import event, given
from hypothesis import strategies as st

from cqip.cli.app import build
from cqip.cli.params import TYPER, plain_value


def _params() -> list[tuple[Any, Any]]:
    root = typer.main.get_command(build())
    commands = [root, *root.commands.values()]  # type: ignore[attr-defined]  # a group
    commands += [sub for group in list(commands) for sub in getattr(group, "commands", {}).values()
                 if group is not root]
    return [(command, param) for command in commands
            for param in command.get_params(command.context_class(command))]


PARAMS = _params()
HERE = str(Path(__file__).parent)
WORDS = ["2019", "1899", "2200", "2201", "0", "007", "1200", "1201", "+5", "-1", " 12", "1e3", "٣", "zh", "en", "ZH",
         "json", "JSON", "table", "html", "xlsx", "any", "2019-12-31", "2019-02-30", "20191231", "actuals/a.csv",
         "../x.csv", "a.txt", "", " ", "-", "市知识产权局", "全市", HERE, __file__, "/nonexistent/x", "a\udcff",
         "\ud800", "a\0b", "/dev/null", "~"]  # lone surrogates: the one a command line gives, and one it cannot


def assert_as_typer_makes_it(command: Any, param: Any, value: Any) -> bool:
    """True when the value was coerced without typer."""
    ctx = command.context_class(command)
    plain = plain_value(param, ctx, value)
    if plain is not TYPER:
        typed = param.get_runtime_param().coerce(value, param=param, ctx=ctx)  # typer's own coercion
        assert type(plain) is type(typed) and plain == typed, (command.name, param.name, value)
    return plain is not TYPER


@given(st.sampled_from(PARAMS), st.data())
def test_a_value_coerced_without_typer_is_what_typer_makes_of_it(pair: tuple[Any, Any], data: st.DataObject) -> None:
    value = data.draw(st.one_of(st.text(max_size=12), st.none(), st.integers(-5, 3000), st.just(pair[1].default)))
    event("plain" if assert_as_typer_makes_it(*pair, value) else "typer decides")


def test_every_option_takes_every_awkward_value_as_typer_does() -> None:
    for command, param in PARAMS:
        for value in WORDS:
            assert_as_typer_makes_it(command, param, value)


def test_every_kind_of_option_has_its_plain_values() -> None:
    """Each kind the commands declare — str, whole number, choice, enum, path, parsed date, parsed
    file name — is coerced without typer for an ordinary value, and its default is taken as it is."""
    by_name = {(command.name, param.name): (command, param) for command, param in PARAMS}
    cases = {("cqip", "data"): (HERE, HERE), ("status", "dept"): ("市知识产权局", "市知识产权局"),
             ("status", "year"): ("2019", "2019"), ("status", "format"): ("json", "json"),
             ("status", "lang"): ("en", "en"), ("status", "as_of_day"): ("2019-12-31", "2019-12-31"),
             ("add", "file"): ("a.csv", "a.csv"), ("explain", "target_id"): ("pct", "pct")}
    for (name, option), (given_value, shown) in cases.items():
        command, param = by_name[name, option]
        plain = plain_value(param, command.context_class(command), given_value)
        assert plain is not TYPER and str(getattr(plain, "value", plain)) == shown, (name, option)
    command, lang = by_name["status", "lang"]
    assert plain_value(lang, command.context_class(command), lang.default) is lang.default
    for value in ("1899", "２０１９", "2019 "):  # out of bounds, full-width, padded: typer decides and reports
        assert plain_value(by_name["status", "year"][1], None, value) is TYPER
