"""JSON for machines: the records of `records` (keys as documented in the README), numbers as numbers."""

from __future__ import annotations

import json
from typing import Any


def dumps(records: list[dict[str, Any]] | dict[str, Any]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
