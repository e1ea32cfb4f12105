"""targets.yaml and tasks.yaml beyond their schema: unique keys, names that refer to others, the size limit.

Kept apart from the YAML reader: the checks also run on every model the checked-data cache gives
back (they may depend on other files), and that path must not load PyYAML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence

from cqip.data.names import suggest

MAX_BYTES = 1_000_000  # 50× the plan's own file; parsing this much takes well under a second
KeyPath = tuple[str | int, ...]  # a key's position in the document: ("targets", 3, "value")


def check_unique(parsed: object, *keys: tuple[str, str]) -> Iterator[tuple[KeyPath, str]]:
    """Each (collection, key): no two items of `parsed.collection` share a value of `key`."""
    for collection, key in keys:
        items = getattr(parsed, collection)
        counts = Counter(getattr(item, key) for item in items)
        for i, item in enumerate(items):
            if counts[getattr(item, key)] > 1:
                yield (collection, i, key), f"duplicate {key} {getattr(item, key)!r}"


def check_names(path: KeyPath, names: Sequence[str], known: Collection[str],
                what: str) -> Iterator[tuple[KeyPath, str]]:
    """Each name must be one of `known` (else the closest is suggested) and appear only once (linear:
    a `regions:` list may hold tens of thousands of names)."""
    seen: set[str] = set()
    for j, name in enumerate(names):
        if name not in known:
            yield (*path, j), f"unknown {what} {name!r}{suggest(name, known)}"
        elif name in seen:
            yield (*path, j), f"{what} {name!r} named twice"
        seen.add(name)
