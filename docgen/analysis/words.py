"""Word boundaries of Chinese text, from jieba's segmenter.

jieba ships its dictionary and works offline. Loading it costs about half a second the first
time, so it is imported only when a word boundary is asked for (never on `--help` or by the
writers that do not need it).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """`text` cut into words (punctuation marks are words of their own)."""
    return tuple(_tokenizer().cut(text))


@lru_cache(maxsize=8192)
def boundaries(text: str) -> frozenset[int]:
    """The offsets in `text` where a word starts or ends (0 and len(text) included)."""
    offsets, at = {0}, 0
    for word in words(text):
        at += len(word)
        offsets.add(at)
    return frozenset(offsets)


def on_boundaries(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends between words (cuts no word in two)."""
    bounds = boundaries(text)
    return start in bounds and end in bounds
