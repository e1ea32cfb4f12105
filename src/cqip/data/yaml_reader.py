"""YAML that is safe to read from a hand-edited file, with line numbers for error messages.

The safe loader (what `yaml.safe_load` uses) composes the nodes, which give the line of every key
and list item so that a pydantic error at ("targets", 3, "value") can be reported as
`targets.yaml:57: targets[3].value: …`. Size and alias expansion are bounded first, so a
billion-laughs document or a huge file is refused before anything is built from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from cqip.data.control import control_character
from cqip.data.problems import DataError, Problem
from cqip.data.yaml_checks import MAX_BYTES, KeyPath

M = TypeVar("M")

MAX_NODES = 200_000  # nodes and scalar characters once aliases are expanded: what building the data costs
MAX_CHARS = 2 * MAX_BYTES
MAX_NUMBER_CHARS = 100  # digits of an int or float: int() refuses past 4 300, and no figure needs 20
# Scalars built before the document is, because their constructors fail on a value the tag cannot hold
# with whatever the parsing hits, not a YAMLError (`!!bool x`, `!!int +`, `!!timestamp foo`, 2019-02-30).
_CHECKED_TAGS = {f"tag:yaml.org,2002:{tag}": what for tag, what in (
    ("int", "an integer"), ("float", "a number"), ("timestamp", "a date"), ("bool", "true or false"))}
_CONSTRUCTOR_ERRORS = (ValueError, OverflowError, IndexError, KeyError, AttributeError)


def load_with_lines(text: str, filename: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse `text`; return the data and a map from each key path to its 1-based line."""
    if len(text) > MAX_BYTES:
        raise DataError([Problem(filename, None, "file", f"is {len(text):,} characters; the limit is {MAX_BYTES:,}")])
    try:
        return _load(text, filename)
    except RecursionError:  # PyYAML composes recursively: [[[[…]]]] thousands deep
        raise DataError([Problem(filename, 1, "yaml", "nested too deeply")]) from None


def _load(text: str, filename: str) -> tuple[Any, dict[KeyPath, int]]:
    """One pass of the safe loader: compose the nodes (for lines and the checks below), then build
    the data from those same nodes, exactly as `yaml.safe_load` does, without parsing twice.

    Before anything is built: aliases may not expand past `MAX_NODES` nodes or `MAX_CHARS`
    characters (a billion-laughs document within the size limit), and every node is checked for
    what the safe loader lets through — a key given twice (the last would silently win), control
    characters written as escapes ("\\e[31m"), numbers too long to convert, impossible dates.
    """
    try:
        loader = yaml.SafeLoader(text)  # the reader already refuses raw control characters here
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise DataError([_syntax_problem(exc, filename, text)]) from None
    try:
        if root is None:
            return None, {}
        nodes, chars = _expanded_size(root, {})
        if nodes > MAX_NODES or chars > MAX_CHARS:
            raise DataError([Problem(filename, 1, "yaml", f"expands to more than {MAX_NODES:,} nodes or "
                                                          f"{MAX_CHARS:,} characters (alias bomb?)")])
        lines: dict[KeyPath, int] = {}
        problems: list[Problem] = []
        _index(root, (), lines, set(), lambda node, path, message: problems.append(
            Problem(filename, node.start_mark.line + 1, _dotted(path), message)), loader)
        if problems:
            raise DataError(problems)
        try:
            data = loader.construct_document(root)
        except yaml.YAMLError as exc:  # constructor errors, e.g. an unknown !tag
            raise DataError([_syntax_problem(exc, filename, text)]) from None
        return data, lines
    finally:
        loader.dispose()


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, or of its nearest ancestor when the key itself is absent."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _syntax_problem(exc: yaml.YAMLError, filename: str, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    position = getattr(exc, "position", None)  # a ReaderError (a control character) has only an offset
    if line is None and isinstance(position, int):
        line = text.count("\n", 0, position) + 1
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem(filename, line, "yaml", f"syntax error: {reason}")


def _expanded_size(node: yaml.Node, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(nodes, scalar characters) with aliases expanded, computed on the shared graph in linear time."""
    key = id(node)
    if key not in memo:
        memo[key] = (1, 0)  # guards against recursive aliases
        if isinstance(node, yaml.ScalarNode):
            size = (1, len(node.value))
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            sizes = [_expanded_size(child, memo) for child in children]
            size = (1 + sum(n for n, _ in sizes), sum(c for _, c in sizes))
        memo[key] = (min(size[0], MAX_NODES + 1), min(size[1], MAX_CHARS + 1))
    return memo[key]


Report = Callable[[yaml.Node, KeyPath, str], None]


def _index(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen: set[int], report: Report,
           loader: yaml.SafeLoader) -> None:
    """Record the line of every key path; `report` every node the safe loader would take wrongly."""
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, path, report, loader)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*path, i), lines, seen, report, loader)
    elif isinstance(node, yaml.MappingNode):
        first: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode):
                _check_scalar(key, (*path, name), report, loader)
                if (key.tag, name) in first and name != "<<":
                    report(key, (*path, name), f"key given twice (first on line {first[key.tag, name]}); "
                                               "the second would silently replace the first")
                first.setdefault((key.tag, name), line)
            lines[(*path, name)] = line
            _index(value, (*path, name), lines, seen, report, loader)


def _check_scalar(node: yaml.ScalarNode, path: KeyPath, report: Report, loader: yaml.SafeLoader) -> None:
    found = control_character(node.value, allowed="\n")
    if found:
        report(node, path, f"{found} (written as an escape); values hold printable text")
    elif node.tag in _CHECKED_TAGS:
        if len(node.value) > MAX_NUMBER_CHARS:
            report(node, path, f"a number of {len(node.value):,} characters is too long to be a figure")
            return
        try:
            loader.construct_object(node)
        except _CONSTRUCTOR_ERRORS as exc:
            reason = f": {exc}" if isinstance(exc, ValueError | OverflowError) else ""  # the others say nothing
            report(node, path, f"{_shown(node.value)} cannot be read as {_CHECKED_TAGS[node.tag]}{reason}")


def parse_model(text: str, filename: str, model: type[M], keys: str,
                cross_check: Callable[[M], Iterable[tuple[KeyPath, str]]]) -> M:
    """A YAML mapping validated by `model`, then by `cross_check` (what pydantic cannot see).

    Every problem is located by the line of its key path; any problem raises DataError.
    """
    data, lines = load_with_lines(text, filename)
    if not isinstance(data, dict):
        raise DataError([Problem(filename, 1, "yaml", f"expected a mapping with {keys}")])

    def problem(path: KeyPath, message: str) -> Problem:
        return Problem(filename, line_of(lines, path), _dotted(path), message)

    try:
        parsed = validated(model, data)
    except ValidationError as exc:
        raise DataError([problem(tuple(err["loc"]), _pydantic_message(err)) for err in exc.errors()]) from None
    problems = [problem(path, message) for path, message in cross_check(parsed)]
    if problems:
        raise DataError(problems)
    return parsed


def validated(model: type[M], data: Any) -> M:
    """`data` as `model` (a dataclass of `data.models`), checked against the constraints its annotations
    carry; the validator is built the first time a file needs it, not when the models are imported."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    checked: M = adapter.validate_python(data)
    return checked


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _dotted(path: KeyPath) -> str:
    """targets[3].value; a key that is not a plain name is quoted, so a message stays one line."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).isidentifier():
            out += f"[{str(part)!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def _pydantic_message(err: Any) -> str:
    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key"
    if err["type"] == "missing":
        return "required"
    value = err.get("input")
    shown = f" (got {_shown(value)})" if isinstance(value, str | int | float | bool) or value is None else ""
    return f"{err['msg']}{shown}"


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted for a one-line message, cut to `limit` characters (an aliased 1 MB string stays short)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
