"""The words catalog: every word in both languages, and every word the code asks for in it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from cqip.views.words import WORDS

SRC = Path(__file__).parents[1] / "src" / "cqip"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# English entries that quote a Chinese term on purpose
QUOTES_CHINESE = {"in.approx", "step.A", "strive", "head.not_used", "in.min_change", "in.scope",
                  "rule.no_figure_in_scope"}
DYNAMIC = ("status.", "outlook.", "task.", "rule.", "missing.", "kind.", "measure.", "ask.", "col.", "title.")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = WORDS[key]
    assert zh.strip() and en.strip(), f"{key}: a translation is missing"
    assert fields(zh) == fields(en), key
    if key not in QUOTES_CHINESE:
        assert not CJK.search(en), f"{key}: Chinese in the English text {en!r}"


def test_every_word_asked_for_exists_and_every_word_is_used() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in SRC.rglob("*.py") if path.name != "words.py")
    asked = set(re.findall(r"""\b(?:word|w)\(\s*["']([a-z_.]+)["']""", code))
    assert asked - set(WORDS) == set()
    unused = {key for key in WORDS if key not in asked and not key.startswith(DYNAMIC)
              and f'"{key}"' not in code}
    assert unused == set()
