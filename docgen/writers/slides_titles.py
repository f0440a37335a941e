"""Titles broken where a reader pauses: at punctuation, else between words, into lines of about
equal length (never `……内生动` / `力`)."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.writers.measure import Frame, ParagraphStyle, paragraph_lines

BREAK_AFTER = set("，、；：,;:")
NO_BREAK_BEFORE = set("，。、；：？！）》”’…,.;:?!)")
NO_BREAK_AFTER = set("（《“‘(")
PUNCTUATION_BONUS = 0.6
"""A break after punctuation may leave lines this share of a line more uneven than a word break."""
FUNCTION_WORDS = set("的和与及是在")
FUNCTION_BONUS = 0.3
"""Breaking after `的` `和` … reads well; breaking beside a one-character word (`新|时代`) does not."""


def balanced_title(text: str, frame: Frame, sizes: Sequence[int], style: ParagraphStyle,
                   max_lines: int) -> tuple[list[str], int] | None:
    """(lines, size): the largest size at which `text` fits in at most `max_lines` lines, broken into
    balanced lines at punctuation or word boundaries; None when no size holds it."""
    for size in sizes:
        count = len(paragraph_lines(text, frame, size, style))
        if count > max_lines:
            continue
        if count == 1:
            return [text], size
        lines = _balanced(text, count)
        if all(len(paragraph_lines(line, frame, size, style)) == 1 for line in lines):
            return lines, size
    return None


def _balanced(text: str, count: int) -> list[str]:
    """`text` in `count` lines, each break the best one near its even share of the length."""
    from docgen.analysis.words import boundaries

    cuts = sorted(k for k in boundaries(text) if 0 < k < len(text) and _may_break(text, k))
    chosen, start = [], 0
    for n in range(1, count):
        target = len(text) * n / count
        options = [k for k in cuts if k > start + 1 and len(text) - k >= count - n]
        if not options:
            break
        best = min(options, key=lambda k: abs(k - target) / len(text) * count - _goodness(text, k, cuts))
        chosen.append(best)
        start = best
    edges = [0, *chosen, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def _goodness(text: str, k: int, cuts: list[int]) -> float:
    if text[k - 1] in BREAK_AFTER:
        return PUNCTUATION_BONUS
    if text[k - 1] in FUNCTION_WORDS:
        return FUNCTION_BONUS
    single = (k - 1 in cuts or k == 1) or (k + 1 in cuts or k + 1 == len(text))
    return -FUNCTION_BONUS if single else 0.0


def _may_break(text: str, k: int) -> bool:
    return text[k] not in NO_BREAK_BEFORE and text[k - 1] not in NO_BREAK_AFTER
