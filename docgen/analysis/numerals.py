"""Chinese and Arabic numerals as speeches write them in their numbering (一 … 九十九, 1 … 999)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL_CHARS = "零〇○一二三四五六七八九十百"
CN_NUMERAL = f"[{CN_NUMERAL_CHARS}]{{1,4}}"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(text: str) -> int | None:
    """`三` → 3, `十二` → 12, `二十` → 20, `一百零五` → 105; None if not a numeral."""
    if not text:
        return None
    if all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text)) if len(text) > 1 else DIGITS[text]
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def to_int(text: str) -> int | None:
    """A Chinese or Arabic (half- or full-width) numeral → int, else None."""
    arabic = text.translate(_FULLWIDTH_DIGITS)
    if arabic.isascii() and arabic.isdigit():
        return int(arabic)
    return cn_to_int(text)


def int_to_cn(n: int) -> str:
    """3 → 三, 12 → 十二, 20 → 二十 (1 to 99; larger numbers stay Arabic)."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    if n < 20:
        return "十" + (names[n % 10] if n % 10 else "")
    if n < 100:
        return names[n // 10] + "十" + (names[n % 10] if n % 10 else "")
    return str(n)
