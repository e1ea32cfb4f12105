"""Names the user types (ids, regions, departments) matched against the names the data know.

A near miss is the commonest mistake in a hand-typed option or file, so every "unknown name"
message ends with the closest known names.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def suggest(name: str, known: Iterable[str]) -> str:
    """' (did you mean x?)' for a near miss, else ''."""
    close = get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
