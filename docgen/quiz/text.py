"""Small text operations the question makers share: clause windows, Chinese numerals, blanks."""

from __future__ import annotations

import re

from docgen.analysis.numerals import int_to_cn

CLAUSE_END = "，；：。！？"
LIST_DASHES = "—―－- \u3000"
"""What opens a `——` list item: not part of a statement made from it."""
QUOTES = "“”‘’\"「」『』"

_DIGITS = "零一二三四五六七八九"
FILL_BLANK_RE = re.compile("＿+")
_NUMERAL_RUN = re.compile(r"[一二两三四五六七八九十百]+|\d+")


def strip_quotes(text: str) -> str:
    return text.strip(QUOTES)


def clause_window(sentence: str, start: int, end: int, min_context: int = 14, max_len: int = 72) -> tuple[int, int]:
    """The span of whole clauses around `sentence[start:end]`, grown until it has `min_context`
    characters besides the phrase.

    Clauses end after `，；：。！？`. The span never exceeds `max_len` unless the clause holding
    the phrase is longer by itself. A trailing `，；：` is left out, so the piece reads as a statement.
    """
    min_len = min_context + (end - start)
    bounds = _clause_bounds(sentence)
    first = next(i for i, (a, b) in enumerate(bounds) if a <= start < b)
    last = next(i for i, (a, b) in enumerate(bounds) if a < end <= b)
    lo, hi = bounds[first][0], bounds[last][1]
    while hi - lo < min_len:
        grew = False
        if last + 1 < len(bounds) and bounds[last + 1][1] - lo <= max_len:
            last += 1
            hi = bounds[last][1]
            grew = True
        if hi - lo < min_len and first > 0 and hi - bounds[first - 1][0] <= max_len:
            first -= 1
            lo = bounds[first][0]
            grew = True
        if not grew:
            break
    while hi > lo and sentence[hi - 1] in "，；：、":
        hi -= 1
    while lo < start and sentence[lo] in LIST_DASHES:
        lo += 1
    return lo, hi


def _clause_bounds(sentence: str) -> list[tuple[int, int]]:
    bounds, lo = [], 0
    for i, ch in enumerate(sentence):
        if ch in CLAUSE_END and not _inside_quotes(sentence, i):
            bounds.append((lo, i + 1))
            lo = i + 1
    if lo < len(sentence):
        bounds.append((lo, len(sentence)))
    return bounds or [(0, len(sentence))]


def _inside_quotes(text: str, i: int) -> bool:
    return text.count("“", 0, i) > text.count("”", 0, i)


def parse_cn_number(text: str) -> int | None:
    """`八` → 8, `两` → 2, `十五` → 15, `24` → 24; None for anything else (百 and beyond)."""
    if text.isdigit():
        return int(text)
    text = text.replace("两", "二")
    if any(ch not in _DIGITS + "十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


def numeral_span(phrase: str) -> tuple[int, int, int] | None:
    """(start, end, value) of the first number in `phrase` (`八个对标` → 0, 1, 8), or None."""
    for m in _NUMERAL_RUN.finditer(phrase):
        value = parse_cn_number(m.group())
        if value is not None and value > 0:
            return m.start(), m.end(), value
    return None


MEASURE_WORDS = "个项条座件种次支位"
COUNTED = re.compile(f"(?<![第0-9〇零一二两三四五六七八九十百千万])([两二三四五六七八九十]{{1,2}})[{MEASURE_WORDS}]")
"""A counted quantity in running text (`两座大山`, `三件事`): a number a false judgement may change."""

def number_variants(phrase: str) -> list[str]:
    """`八个对标` → [`七个对标`, `九个对标`, `六个对标`, `十个对标`, …]: the number changed, nearest first."""
    span = numeral_span(phrase)
    if span is None:
        return []
    start, end, value = span
    digits = phrase[start:end].isdigit()
    before_measure = phrase[end:end + 1] in MEASURE_WORDS + "大" or phrase[start:end] == "两"
    out = []
    for delta in (-1, 1, -2, 2, -3, 3, 4):
        new = value + delta
        if new < 2 or new > 99:
            continue
        numeral = str(new) if digits else "两" if new == 2 and before_measure else int_to_cn(new)
        out.append(phrase[:start] + numeral + phrase[end:])
    return out


BLANK_LEN = 12


def blank_for(answer: str) -> str:
    """The underline a fill-in stem shows: every blank the same length, so none hints at its answer."""
    return "＿" * BLANK_LEN


def fmt_points(value: float) -> str:
    """`2`, `1.5`: points without a trailing `.0`."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def split_points(total: float, parts: int) -> list[float]:
    """`total` split into `parts` whole numbers as equal as possible (15, 4 → 4, 4, 4, 3)."""
    if parts <= 0:
        return []
    if not float(total).is_integer():
        share = round(total / parts, 1)
        return [share] * (parts - 1) + [round(total - share * (parts - 1), 1)]
    base, rest = divmod(int(total), parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]
