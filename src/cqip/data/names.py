"""Names the user types (ids, Chinese or English names, regions, departments) matched against the data's.

A thing is found by its id or by any of its names (`PCT国际专利申请量` is `pct_applications`). A near
miss is the commonest mistake in a hand-typed option or file, so every "unknown name" message ends
with the closest known ids: by the words of the id (`pct` → `pct_applications`, `patents_2020` →
`invention_patents_per_10k_2020`, not `ip_talent_2020`), by a name containing what was typed, or
by spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from cqip.data.models import Catalog

CUTOFF = 0.6  # below this a candidate is not worth suggesting
MARGIN = 0.1  # candidates this close to the best are suggested with it
MOST = 3
WORD = re.compile(r"[a-z]+|\d+[a-z]*")


class Named(NamedTuple):
    """Something the user may call by its id or by one of its names."""

    id: str
    names: tuple[str, ...] = ()


def indicator_names(catalog: Catalog) -> list[Named]:
    return [Named(i.id, (i.zh, i.en)) for i in catalog.indicators.values()]


def target_names(catalog: Catalog) -> list[Named]:
    """A target is also called by its indicator's names (which several targets may share)."""
    return [Named(t.id, (catalog.indicators[t.indicator].zh, catalog.indicators[t.indicator].en))
            for t in catalog.targets if t.indicator in catalog.indicators]


def indicator_id(catalog: Catalog, text: str) -> str:
    """The id of the indicator `text` names (by id or name), else `text` as typed (for the checks to refuse)."""
    found = resolve(text, indicator_names(catalog))
    return found[0] if len(found) == 1 else text


def resolve(text: str, things: Iterable[Named]) -> list[str]:
    """The ids of the things whose id or one of whose names is `text` (case and spaces ignored):
    usually one, none for an unknown name, several when a name is shared (a successor department)."""
    key = _key(text)
    return [t.id for t in things if key in {_key(name) for name in (t.id, *t.names)}]


def closest(text: str, things: Iterable[Named | str]) -> list[str]:
    """Up to three ids, closest first, scored on the id and on every name."""
    scored = []
    for thing in things:
        named = thing if isinstance(thing, Named) else Named(thing)
        scored.append((max(score(text, name) for name in (named.id, *named.names)), named.id))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    best = scored[0][0] if scored else 0.0
    return [i for s, i in scored[:MOST] if s >= max(CUTOFF, best - MARGIN)]


def suggest(name: str, known: Iterable[Named | str]) -> str:
    """' (did you mean x?)' or ' (did you mean x, y or z?)' for a near miss, else ''."""
    close = closest(name, known)
    return f" (did you mean {_alternatives(close)}?)" if close else ""


def score(typed: str, candidate: str) -> float:
    """How well `typed` names `candidate`, 0…1: the best of spelling (difflib's ratio), containment
    (`市工商` in `市工商局`) and the share of typed words that start a word of the candidate."""
    q, c = _key(typed), _key(candidate)
    if not q or not c:
        return 0.0
    ratio = SequenceMatcher(None, q, c).ratio()
    best = ratio
    if q in c:
        best = max(best, 0.8 + 0.2 * len(q) / len(c))
    typed_words, words = WORD.findall(q), WORD.findall(c)
    if typed_words and words:
        share = sum(any(w.startswith(t) for w in words) for t in typed_words) / len(typed_words)
        best = max(best, 0.9 * share + 0.1 * ratio)
    return best


def _alternatives(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} or {ids[-1]}"


def _key(text: str) -> str:
    return "".join(text.split()).casefold()
