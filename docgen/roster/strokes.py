"""The shipped stroke table (docgen/data/strokes.txt): stroke count and 笔画序 rank per character."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def stroke_table() -> dict[str, tuple[int, int]]:
    """char -> (stroke count, rank in 笔画序 among all characters); see docgen/data/README.md."""
    text = (resources.files("docgen") / "data" / "strokes.txt").read_text(encoding="utf-8")
    table: dict[str, tuple[int, int]] = {}
    rank = 0
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        count, chars = line.split("\t", 1)
        n = int(count)
        for ch in chars:
            rank += 1
            table[ch] = (n, rank)
    return table


def stroke_count(ch: str) -> int | None:
    entry = stroke_table().get(ch)
    return entry[0] if entry else None
