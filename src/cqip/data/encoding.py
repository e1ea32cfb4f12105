"""Bytes of a hand-edited file → text: UTF-8 (with or without BOM), else GB18030 as Excel writes it."""

from __future__ import annotations

import codecs
import re

from cqip.data.problems import Problem

_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")


def decode(data: bytes, filename: str) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem naming the byte where it stops making sense."""
    text, _codec, problem = decode_with_codec(data, filename)
    return text, problem


def decode_with_codec(data: bytes, filename: str) -> tuple[str | None, str | None, Problem | None]:
    """(text, codec, None) or (None, None, problem); the codec is what appending must write in.

    UTF-8 first (a BOM is dropped): it is strict, so multi-byte text that decodes as UTF-8 by
    accident is practically unknown. Then GB18030, a superset of GBK, which is what Excel writes
    on a Chinese Windows. GB18030 accepts almost any byte sequence, so its result is trusted only
    when it is plain text: no control characters and no private-use code points, which are what
    binary or a mislabelled Latin-1/Shift-JIS file turns into. The offset reported is the one
    where the more successful of the two decodings failed: for a GBK file with one corrupt byte,
    the corrupt byte, not its first Chinese character.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8", None
    except UnicodeDecodeError as exc:
        offset = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        offset = max(offset, exc.start)
    else:
        if not _NOT_TEXT.search(text):
            return text, "gb18030", None
    return None, None, Problem(filename, None, "encoding",
                               f"neither UTF-8 nor GB18030: undecodable byte 0x{data[offset]:02x} at offset {offset}")
