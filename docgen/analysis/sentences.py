"""Splitting Chinese text into sentences, verbatim: `"".join(split_sentences(t)) == t`."""

from __future__ import annotations

TERMINATORS = set("。！？；…!?;")
STRONG_TERMINATORS = set("。！？!?")
OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕", "[": "]"}
CLOSERS = set(OPENERS.values())
_MAX_NESTED = 300  # an opener never closed within this many characters is treated as a stray mark


def split_sentences(text: str, terminators: set[str] = TERMINATORS) -> list[str]:
    """Split after 。！？；… (and their ASCII forms), keeping closing quotes and brackets attached.

    Never splits inside quotes or brackets: `他说：“好。”然后走了。` is two sentences,
    `他说：“好。”` and `然后走了。`.
    """
    out: list[str] = []
    start = 0
    stack: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if stack and i - stack[-1][1] > _MAX_NESTED:
            stack.clear()
        if ch in OPENERS:
            stack.append((OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            stack.pop()
            if not stack and i > 0 and text[i - 1] in terminators:
                i = _end_of_run(text, i + 1, terminators)
                out.append(text[start:i])
                start = i
                continue
        elif ch in terminators and not stack:
            i = _end_of_run(text, i + 1, terminators)
            out.append(text[start:i])
            start = i
            continue
        i += 1
    if start < n:
        out.append(text[start:])
    return out


def nonblank_sentences(text: str) -> list[str]:
    """The sentences of `text` that hold more than white space, verbatim."""
    return [s for s in split_sentences(text) if s.strip()]


def _end_of_run(text: str, i: int, terminators: set[str]) -> int:
    """Index after the terminators and closing marks that follow a sentence end."""
    while i < len(text) and (text[i] in terminators or text[i] in CLOSERS):
        i += 1
    return i


def first_sentence(text: str) -> tuple[str, str]:
    """(first sentence, rest), splitting only at 。！？ — a heading runs to its full stop."""
    parts = split_sentences(text, STRONG_TERMINATORS)
    if not parts:
        return "", ""
    return parts[0], text[len(parts[0]):]
