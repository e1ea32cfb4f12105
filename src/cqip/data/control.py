"""Characters no cell or YAML value may hold: they would steer the terminal that shows them (ESC
sequences), split the CSV row they are written into (CR, LF), or reorder the text around them.

One check, used when a file is read and when `cqip add` takes its arguments, so that nothing
`add` writes can be refused when it is read back, and nothing read can reach a terminal raw.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidi embeddings,
# overrides and isolates (the "Trojan source" characters).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BESIDES_LINE_ENDS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMES = {"\x00": "NUL", "\t": "tab", "\n": "line feed", "\r": "carriage return", "\x1b": "ESC", "\x7f": "DEL"}


def control_character(text: str, allowed: str = "") -> str | None:
    """'control character U+001B (ESC)' for the first such character in `text` not in `allowed`, else None."""
    for match in _CONTROL.finditer(text):
        char = match.group()
        if char not in allowed:
            name = _NAMES.get(char)
            return f"control character U+{ord(char):04X}{f' ({name})' if name else ''}"
    return None


def any_besides_line_ends(text: str) -> bool:
    """Whether a whole file holds any control character other than its line ends: one fast scan, so
    that the cells of a clean file need no check of their own."""
    return _BESIDES_LINE_ENDS.search(text) is not None


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (\\x1b, \\n): what an error message may
    quote of a file name or argument without steering the terminal or breaking its one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
