"""Lines of text for the PDFs docgen draws itself: runs measured, wrapped and aligned.

Chinese wraps between any two characters, except that closing punctuation never starts a line
and opening punctuation never ends one (the 禁则 of GB/T 15834 that Word and LibreOffice apply);
a run of Latin letters or digits is kept whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.export.canvas import Canvas, Face, Glyphs
from docgen.textutil import is_ideograph

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
WRITER_AUTOSPACE, IMPRESS_AUTOSPACE = 0.20, 0.24  # em, measured on LibreOffice's PDFs


@dataclass
class Run:
    text: str
    face: Face
    size: float
    rgb: tuple[int, int, int] = (0, 0, 0)
    spacing: float = 0.0
    underline: bool = False


@dataclass
class Piece:
    text: str
    run: Run
    width: float


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)

    @property
    def ascent(self) -> float:
        return max((p.run.face.ascent * p.run.size for p in self.pieces), default=0.0)

    @property
    def descent(self) -> float:
        return max((p.run.face.descent * p.run.size for p in self.pieces), default=0.0)

    @property
    def size(self) -> float:
        return max((p.run.size for p in self.pieces), default=0.0)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.pieces)


def wrap(canvas: Canvas, runs: list[Run], width: float | None, first_indent: float = 0.0,
         autospace: float = WRITER_AUTOSPACE) -> list[Line]:
    """`runs` as lines no wider than `width` (None: one line per explicit break); `autospace` (em)
    goes between Chinese and Latin letters or digits."""
    lines, line, used, previous = [], Line(), first_indent, ""
    for unit, run in _units(runs):
        if unit == "\n":
            lines.append(line)
            line, used, previous = Line(), 0.0, ""
            continue
        if line.pieces and _autospaced(previous, unit):
            _append(line, "", run, autospace * run.size)
            used += autospace * run.size
        previous = unit
        w = canvas.width(unit, run.face, run.size, run.spacing)
        if width is not None and line.pieces and used + w > width + 0.01:
            carried = _carry_for_kinsoku(line, unit)
            lines.append(line)
            line, used = Line(carried), sum(p.width for p in carried)
        _append(line, unit, run, w)
        used += w
    lines.append(line)
    return lines


def _autospaced(before: str, after: str) -> bool:
    """Word and LibreOffice put a little space between Chinese and Latin letters or digits."""
    if not before or not after:
        return False
    return (is_ideograph(before[-1]) and after[0].isascii() and after[0].isalnum()) or \
        (before[-1].isascii() and before[-1].isalnum() and is_ideograph(after[0]))


def _units(runs: list[Run]):
    """Unbreakable units: one CJK character, a word of Latin letters/digits, a space, or a line break."""
    for run in runs:
        word = ""
        for ch in run.text:
            if ch.isascii() and (ch.isalnum() or ch in "-.'/:%"):
                word += ch
                continue
            if word:
                yield word, run
                word = ""
            yield ch, run
        if word:
            yield word, run


def _append(line: Line, text: str, run: Run, width: float) -> None:
    if text and line.pieces and line.pieces[-1].run is run and line.pieces[-1].text:
        last = line.pieces[-1]
        last.text += text
        last.width += width
    else:
        line.pieces.append(Piece(text, run, width))


def _carry_for_kinsoku(line: Line, next_unit: str) -> list[Piece]:
    """Move characters to the next line while the next line would start with closing punctuation or
    this one would end with opening punctuation (as Word does: a few characters at most, never
    emptying the line)."""
    carried: list[Piece] = []
    first = next_unit[0]
    for _ in range(4):
        if not line.pieces or line.chars <= 1:
            break
        last = line.pieces[-1]
        if not last.text:  # autospace before the break: pointless at a line end
            line.pieces.pop()
            continue
        if not (first in NO_LINE_START or last.text[-1] in NO_LINE_END):
            break
        unit = _trailing_unit(last.text)
        share = last.width * len(unit) / len(last.text)
        last.text, last.width = last.text[:-len(unit)], last.width - share
        if not last.text:
            line.pieces.pop()
        carried.insert(0, Piece(unit, last.run, share))
        first = unit[0]
    return carried


def _trailing_unit(text: str) -> str:
    """The last character, or the last word of Latin letters and digits (never split)."""
    if not (text[-1].isascii() and text[-1].isalnum()):
        return text[-1]
    i = len(text)
    while i > 0 and text[i - 1].isascii() and (text[i - 1].isalnum() or text[i - 1] in "-.'/:%"):
        i -= 1
    return text[i:]


def aligned_x(line: Line, left: float, width: float, align: str, indent: float = 0.0) -> tuple[float, float]:
    """Where the line starts and the extra space after each character (justified lines)."""
    free = width - indent - line.width
    if align == "center":
        return left + indent + free / 2, 0.0
    if align == "right":
        return left + indent + free, 0.0
    if align == "justify" and line.chars > 1 and free > 0:
        return left + indent, free / (line.chars - 1)
    return left + indent, 0.0


def prepare_line(canvas: Canvas, line: Line, extra: float = 0.0) -> list[Glyphs]:
    """The line as prepared drawing calls; `extra` is added after each character (justification)."""
    ops, dx = [], 0.0
    for piece in line.pieces:
        run = piece.run
        if not piece.text:  # autospace
            dx += piece.width
            continue
        piece_ops, dx = canvas.prepare(dx, piece.text, run.face, run.size, run.rgb, run.spacing + extra,
                                       run.underline)
        ops += piece_ops
    return ops
