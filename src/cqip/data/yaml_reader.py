"""YAML that is safe to read from a hand-edited file, with line numbers for error messages.

The safe loader (what `yaml.safe_load` uses) composes the nodes, which give the line of every key
and list item so that a pydantic error at ("targets", 3, "value") can be reported as
`targets.yaml:57: targets[3].value: …`. Size and alias expansion are bounded first, so a
billion-laughs document or a huge file is refused before anything is built from it.
"""

from __future__ import annotations

from typing import Any

import yaml

from cqip.data.problems import DataError, Problem

MAX_BYTES = 1_000_000  # 50× the plan's own file; parsing this much takes well under a second
MAX_NODES = 200_000

Path = tuple[str | int, ...]


def load_with_lines(text: str, filename: str) -> tuple[Any, dict[Path, int]]:
    """Parse `text`; return the data and a map from each key path to its 1-based line."""
    if len(text) > MAX_BYTES:
        raise DataError([Problem(filename, None, "file", f"is {len(text):,} characters; the limit is {MAX_BYTES:,}")])
    try:
        return _load(text, filename)
    except RecursionError:  # PyYAML composes recursively: [[[[…]]]] thousands deep
        raise DataError([Problem(filename, 1, "yaml", "nested too deeply")]) from None


def _load(text: str, filename: str) -> tuple[Any, dict[Path, int]]:
    """One pass of the safe loader: compose the nodes (for lines and the alias check), then build
    the data from those same nodes, exactly as `yaml.safe_load` does, without parsing twice."""
    try:
        loader = yaml.SafeLoader(text)  # the reader already refuses control characters here
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise DataError([_syntax_problem(exc, filename)]) from None
    try:
        if root is None:
            return None, {}
        if _expanded_size(root, {}) > MAX_NODES:
            raise DataError([Problem(filename, 1, "yaml", f"expands to more than {MAX_NODES:,} nodes (alias bomb?)")])
        lines: dict[Path, int] = {}
        _index(root, (), lines, set())
        try:
            data = loader.construct_document(root)
        except yaml.YAMLError as exc:  # constructor errors, e.g. an unknown !tag
            raise DataError([_syntax_problem(exc, filename)]) from None
        return data, lines
    finally:
        loader.dispose()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor when the key itself is absent."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _syntax_problem(exc: yaml.YAMLError, filename: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem(filename, line, "yaml", f"syntax error: {reason}")


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Node count with aliases expanded, computed on the shared graph in linear time."""
    key = id(node)
    if key not in memo:
        memo[key] = 1  # guards against recursive aliases
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_expanded_size(child, memo) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
        if memo[key] > MAX_NODES:
            memo[key] = MAX_NODES + 1
    return memo[key]


def _index(node: yaml.Node, path: Path, lines: dict[Path, int], seen: set[int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*path, i), lines, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            lines[(*path, name)] = key.start_mark.line + 1
            _index(value, (*path, name), lines, seen)
