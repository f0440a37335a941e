"""Text cleaning shared by every reader and writer."""

from __future__ import annotations

import re
import unicodedata

# Characters lxml refuses (python-docx raises on them); \t \n \r are handled by callers.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Return `text` without characters that are not allowed in XML, NFC-normalised."""
    return unicodedata.normalize("NFC", _XML_INVALID.sub("", text))


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs and full-width punctuation (one em wide)."""
    o = ord(ch)
    return (
        0x3000 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x2FA1F
        or o in (0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7)
    )


def is_ideograph(ch: str) -> bool:
    """True for a Chinese character (CJK unified ideographs, extension A, compatibility), not punctuation."""
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def has_cjk(text: str) -> bool:
    return any(is_cjk(c) for c in text)
