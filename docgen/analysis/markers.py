"""Numbering markers at the start of a paragraph: which style, which ordinal, where the text begins.

A marker here is only a *candidate*; structure.py decides from the sequence whether it really
opens a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.analysis.numerals import CN_NUMERAL, CN_NUMERAL_CHARS, to_int
from docgen.analysis.sentences import STRONG_TERMINATORS

SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 0}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEADING_LINE_MAX = 40


@dataclass(frozen=True)
class Marker:
    style: str
    """Numbering style id: cn-dun, cn-paren, cn-line (`一　X` or a bare `一`), ar-dot, ar-dun, ar-paren, circled, shi, yao, di*, seq."""
    number: int
    """The ordinal; 0 for `最后` (the one after the previous)."""
    marker: str
    """As written, punctuation included."""
    rest: str
    """The paragraph after the marker."""

    @property
    def confirm(self) -> bool:
        """Run-in word styles (`一是`, `第一，`, `首先，`) count only when a second item follows."""
        return self.style in ("shi", "yao", "seq") or self.style.startswith("di")


_N = f"(?P<n>{CN_NUMERAL})"
_D = r"(?P<n>[0-9０-９]{1,3})"
# (style, pattern); the first match wins, so the order matters (`（一）` before `一、`).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("cn-paren", re.compile(f"[（(]{_N}[）)][、，,．.]?")),
    ("ar-paren", re.compile(f"[（(]{_D}[）)][、，,．.]?")),
    ("cn-dun", re.compile(f"{_N}(?:、|[．.](?![0-9０-９]))")),
    ("ar-dun", re.compile(f"{_D}、")),
    ("ar-dot", re.compile(f"{_D}[.．](?![0-9０-９%％])\\s*")),
    ("ar-rparen", re.compile("(?P<n>[0-9０-９]{1,2})[)）]\\s*")),
    ("circled", re.compile(f"(?P<n>[{CIRCLED}])\\s*")),
    ("shi", re.compile(f"{_N}是(?=[^的])[，,：:]?")),
    ("yao", re.compile(f"{_N}要(?=[^求])[，,：:]?")),
    ("di", re.compile(f"(?P<last>最后[，,、])?第(?P<n>[{CN_NUMERAL_CHARS}0-9０-９]{{1,4}})(?P<kind>点|条|项|个方面|方面|部分)?(?:[，,、：:．.]|是|[ \u3000]+)")),
    ("seq", re.compile("(?P<n>首先|其次|再次|然后|最后)[，,：:]")),
    ("cn-line", re.compile(f"{_N}[ \u3000]+(?=\\S)")),
]
_BARE = re.compile(f"{CN_NUMERAL}")
_FOOTNOTE = re.compile(r"[〔\[【]\s*[0-9０-９]+\s*[〕\]】]")
DASH_ITEM = re.compile("[—―－-]{2}")


def find_marker(text: str) -> Marker | None:
    """The numbering candidate that opens `text`, or None (footnotes and `——` items never count)."""
    if _FOOTNOTE.match(text) or DASH_ITEM.match(text):
        return None
    if _BARE.fullmatch(text):
        n = to_int(text)
        return Marker("cn-line", n, text, "") if n else None
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            marker = _build(style, m, text)
            if marker:
                return marker
    return None


def _build(style: str, m: re.Match[str], text: str) -> Marker | None:
    rest = text[m.end():]
    if not rest.strip():
        return None
    if style == "seq":
        return Marker(style, SEQUENCE_WORDS[m.group("n")], m.group(0), rest)
    if style == "circled":
        return Marker(style, CIRCLED.index(m.group("n")) + 1, m.group(0), rest)
    n = to_int(m.group("n"))
    if not n or n > 99:
        return None
    if style == "cn-line" and not is_heading_line(rest):
        return None
    if style == "di":
        style = "di-" + (m.group("kind") or "") if m.group("kind") else "di"
    return Marker(style, n, m.group(0), rest)


def is_heading_line(text: str) -> bool:
    """Short and without a sentence end inside: a heading on a line of its own."""
    body = text.rstrip("。！？!?")
    return 0 < len(body) <= HEADING_LINE_MAX and not any(c in STRONG_TERMINATORS for c in body)
