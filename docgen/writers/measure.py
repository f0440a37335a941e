"""Text measurement for slides: widths from a conservative metrics table, 避头尾 line breaking.

CJK ideographs and full-width punctuation are one em in every CJK font. Latin letters and
digits get widths at or above those of Microsoft YaHei and Noto Sans CJK SC, so a line we
measure never holds more than PowerPoint or LibreOffice put on it. Lines are budgeted 1.36 em
apart: LibreOffice sets Noto Sans CJK SC (the Linux stand-in) 1.2 em apart (measured in its PDFs);
Microsoft YaHei's hhea ascent + descent is about 1.32 em (font metrics; PowerPoint not run here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from docgen.textutil import is_cjk

LINE_HEIGHT = 1.36
"""Line pitch budget in em at 100 % line spacing (see the module docstring)."""
WIDTH_SAFETY = 0.97
"""Use only this share of a line, for kerning and renderer rounding."""
EMU_PER_PT = 12700
INSET_X_PT = 7.2
"""Default left and right text insets (91440 EMU)."""
INSET_Y_PT = 3.6
"""Default top and bottom text insets (45720 EMU)."""

# ECMA-376 kinsoku defaults for Simplified Chinese (see conventions §3.8).
NO_LINE_START = frozenset("!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠")
NO_LINE_END = frozenset("$([{£¥‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")

_NARROW = frozenset("ijlI.,:;!|'`")
_SEMI_NARROW = frozenset("frt()[]{}-\"/\\")
_WIDE = frozenset("mwMW@%")
_TOKEN = re.compile(r"[A-Za-z0-9]+|\s|.", re.S)


def char_em(ch: str) -> float:
    """Advance width of `ch` in em (an upper bound for the office fonts docgen names)."""
    if is_cjk(ch):
        return 1.0
    if ch == " ":
        return 0.3
    if ch in _NARROW:
        return 0.32
    if ch in _SEMI_NARROW:
        return 0.42
    if ch in _WIDE:
        return 0.95
    if ch.isupper():
        return 0.72
    if ch.isascii():
        return 0.62
    return 1.0


def text_width(text: str, size: float) -> float:
    """Width of `text` on one line, in points, at `size` pt."""
    return sum(char_em(c) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` broken into lines no wider than `width` pt: per character for CJK, per word for
    Latin, never starting a line with `，。、；：？！）》”…` nor ending one with `（《“…`."""
    return list(_wrap(text, width, size))


@lru_cache(maxsize=8192)
def _wrap(text: str, width: float, size: float) -> tuple[str, ...]:
    limit = width * WIDTH_SAFETY
    if text_width(text, size) <= limit:
        return (text,)
    lines: list[list[str]] = [[]]
    used = 0.0
    for token in _tokens(text, limit, size):
        w = text_width(token, size)
        if lines[-1] and used + w > limit:
            carried = _carry(lines[-1], token)
            lines.append(carried)
            used = sum(text_width(t, size) for t in carried)
        if not lines[-1] and token.isspace():
            continue
        lines[-1].append(token)
        used += w
    return tuple("".join(line) for line in lines if line) or ("",)


def _tokens(text: str, limit: float, size: float) -> Iterable[str]:
    """Single CJK characters, spaces and Latin words (a word wider than a line is cut)."""
    for token in _TOKEN.findall(text):
        if len(token) > 1 and text_width(token, size) > limit:
            yield from token
        else:
            yield token


def _carry(line: list[str], next_token: str) -> list[str]:
    """Tokens moved from the end of a full `line` so the break obeys 避头尾."""
    carried: list[str] = []
    while len(line) > 1 and (
        (next_token[:1] in NO_LINE_START if not carried else carried[0][:1] in NO_LINE_START)
        or line[-1][-1:] in NO_LINE_END
    ):
        carried.insert(0, line.pop())
    return carried


@dataclass(frozen=True)
class Frame:
    """The text area of a shape, in points, insets included."""

    width: float
    height: float
    inset_x: float = INSET_X_PT
    inset_y: float = INSET_Y_PT

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.inset_x

    @property
    def inner_height(self) -> float:
        return self.height - 2 * self.inset_y


@dataclass(frozen=True)
class ParagraphStyle:
    """How paragraphs are set: left margin (bullet hang) and space before, both in em."""

    indent_em: float = 0.0
    space_before_em: float = 0.0


def paragraph_lines(text: str, frame: Frame, size: float, style: ParagraphStyle) -> list[str]:
    return wrap(text, frame.inner_width - style.indent_em * size, size)


def text_height(paragraphs: Sequence[str], frame: Frame, size: float, style: ParagraphStyle) -> float:
    """Height in points the paragraphs take in `frame` at `size` pt."""
    height = 0.0
    for p in paragraphs:
        lines = len(_wrap(p, frame.inner_width - style.indent_em * size, size))
        height += lines * size * LINE_HEIGHT + style.space_before_em * size
    return height


def fits(paragraphs: Sequence[str], frame: Frame, size: float, style: ParagraphStyle = ParagraphStyle(),
         max_lines: int | None = None) -> bool:
    """True when the paragraphs fit `frame` at `size` pt (and in at most `max_lines` lines each)."""
    if max_lines is not None and any(
            len(paragraph_lines(p, frame, size, style)) > max_lines for p in paragraphs):
        return False
    return text_height(paragraphs, frame, size, style) <= frame.inner_height


def best_size(paragraphs: Sequence[str], frame: Frame, sizes: Sequence[int],
              style: ParagraphStyle = ParagraphStyle(), max_lines: int | None = None) -> int | None:
    """The largest of `sizes` (tried in order) at which the paragraphs fit, or None."""
    for size in sizes:
        if fits(paragraphs, frame, size, style, max_lines):
            return size
    return None
