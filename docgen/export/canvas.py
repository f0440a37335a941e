"""A PDF page canvas for the documents docgen draws itself (sign-in sheets, table cards,
certificates), on fpdf2.

fpdf2 embeds subsets of TrueType and CFF fonts, collections (.ttc/.otc) included, which Noto CJK
needs. Units are points, y grows downwards, text is placed by its baseline. A character missing
from a font is drawn with the first fallback face that has it, as LibreOffice does.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import ExportError
from docgen.export import fontfiles

FULL_WIDTH_IN_CHINESE = "\u2014"
"""Drawn one em wide in Simplified Chinese text (Noto CJK's `locl` form, which LibreOffice picks for
zh-CN; the face's default dash is 0.89 em)."""
CJK_PROBE = ord("中")
FALLBACK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "serif", "sans-serif")


@dataclass
class Face:
    key: str  # the fpdf2 font name
    ascent: float  # in em
    descent: float  # in em, positive
    advances: dict = field(repr=False)  # code point -> advance width in em
    fake_bold: bool = False  # bold asked for, but the family has no bold face: stroke the glyphs


@dataclass
class Glyphs:
    """One prepared call to draw text in one font, `dx` after the start of its line."""
    dx: float
    text: str
    key: str
    size: float
    rgb: tuple[int, int, int]
    spacing: float
    fake_bold: bool
    underline: float  # the underline's length, 0 for none
    stretch: float = 100.0  # horizontal scaling, per cent


class Canvas:
    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.set_creator("docgen")
        self._faces: dict[tuple[str, bool], Face] = {}
        self._files: dict[tuple[str, int], str] = {}
        self._fallbacks: list[Face] | None = None
        self.missing: set[str] = set()
        self._font: tuple[str, float] | None = None
        self._color, self._spacing = (0, 0, 0), 0.0  # fpdf2's state, set only when it changes
        self._pen: tuple | None = None

    # -- pages and shapes ---------------------------------------------------------

    def add_page(self, width: float, height: float) -> None:
        self.pdf.add_page(format=(width, height))

    def line(self, x1: float, y1: float, x2: float, y2: float, line_width: float, rgb: tuple[int, int, int],
             dash: tuple[float, float] | None = None) -> None:
        """A straight line; `dash` = (dash, gap) lengths for a dashed one."""
        self._stroke(rgb, line_width)
        if dash:
            self.pdf.set_dash_pattern(dash=dash[0], gap=dash[1])
        self.pdf.line(x1, y1, x2, y2)
        if dash:
            self.pdf.set_dash_pattern()

    def _stroke(self, rgb: tuple[int, int, int], width: float) -> None:
        if (rgb, width) != self._pen:
            self.pdf.set_draw_color(*rgb)
            self.pdf.set_line_width(width)
            self._pen = (rgb, width)

    @contextlib.contextmanager
    def rotated(self, degrees: float, cx: float, cy: float) -> Iterator[None]:
        if not degrees % 360:
            yield
            return
        with self.pdf.rotation(degrees, x=cx, y=cy):
            yield
        self._forget_state()  # fpdf2 restores the font, colours and pen it had before the rotation

    def _forget_state(self) -> None:
        self._font = self._color = self._spacing = self._pen = None

    # -- text ------------------------------------------------------------------------

    def face(self, family: str, bold: bool = False) -> Face:
        """The face fontconfig gives for `family`, loaded once."""
        cache_key = (family, bold)
        if cache_key not in self._faces:
            found = fontfiles.resolve(family, bold) or fontfiles.resolve("serif")
            if found is None:
                raise ExportError(f"找不到字体“{family}”，无法直接生成 PDF。请安装 fonts-noto-cjk")
            face = self._load(found)
            if bold and found.embolden:
                face = Face(face.key, face.ascent, face.descent, face.advances, fake_bold=True)
            self._faces[cache_key] = face
        return self._faces[cache_key]

    def width(self, text: str, face: Face, size: float, spacing: float = 0.0) -> float:
        total = 0.0
        for ch in text:
            advance = face.advances.get(ord(ch))
            if advance is None:
                advance = self._face_for(ch, face).advances.get(ord(ch), 1.0)
            total += max(advance, 1.0) if ch in FULL_WIDTH_IN_CHINESE and CJK_PROBE in face.advances else advance
        return total * size + spacing * len(text)

    def prepare(self, dx: float, text: str, face: Face, size: float, rgb: tuple[int, int, int] = (0, 0, 0),
                spacing: float = 0.0, underline: bool = False) -> tuple[list[Glyphs], float]:
        """`text` as calls to draw, `dx` from where a line starts; returns them and the dx after it.
        Prepared once, a line can be stamped on many pages."""
        ops = []
        for piece, piece_face in self._segments(text, face):
            for part in _full_width_apart(piece) if CJK_PROBE in piece_face.advances else (piece,):
                width = self.width(part, piece_face, size, spacing)
                stretch = 100.0 * width / (self._natural(part, piece_face, size, spacing) or width or 1.0)
                ops.append(Glyphs(dx, part, piece_face.key, size, rgb, spacing, face.fake_bold,
                                  width if underline else 0.0, round(stretch, 2)))
                dx += width
        return ops, dx

    def _natural(self, text: str, face: Face, size: float, spacing: float) -> float:
        return sum(face.advances.get(ord(ch), 1.0) for ch in text) * size + spacing * len(text)

    def stamp(self, ops: list[Glyphs], x: float, baseline: float) -> None:
        """Draw prepared text with its line starting at `x` on `baseline`."""
        from fpdf.enums import TextMode

        pdf = self.pdf
        for op in ops:
            if op.rgb != self._color:
                pdf.set_text_color(*op.rgb)
                self._color = op.rgb
            if op.spacing != self._spacing:
                pdf.set_char_spacing(op.spacing)
                self._spacing = op.spacing
            self._use_font(op.key, op.size)
            if op.stretch != pdf.font_stretching:
                pdf.set_stretching(op.stretch)
            if op.fake_bold:
                self._stroke(op.rgb, op.size / 35)
                pdf.text_mode = TextMode.FILL_STROKE
            pdf.text(x + op.dx, baseline, op.text)
            if op.fake_bold:
                pdf.text_mode = TextMode.FILL
            if op.underline:
                under = baseline + op.size * 0.12
                self.line(x + op.dx, under, x + op.dx + op.underline, under, op.size / 20, op.rgb)

    def _use_font(self, key: str, size: float) -> None:
        if (key, size) != self._font:
            self.pdf.set_font(key, size=size)
            self._font = (key, size)

    def save(self, target: Path) -> None:
        self.pdf.output(str(target))

    # -- internals ---------------------------------------------------------------

    def _load(self, found: fontfiles.FontFile) -> Face:
        file_key = (found.path, found.index)
        if file_key not in self._files:
            key = f"f{len(self._files)}"
            self.pdf.add_font(key, fname=found.path, collection_font_number=found.index)
            self._files[file_key] = key
        key = self._files[file_key]
        font = self.pdf.fonts[key]
        hhea, upem = font.ttfont["hhea"], font.ttfont["head"].unitsPerEm
        metrics = font.ttfont["hmtx"].metrics
        advances = {code: metrics[glyph][0] / upem for code, glyph in font.cmap.items() if glyph in metrics}
        return Face(key, hhea.ascent / upem, -hhea.descent / upem, advances)

    def _segments(self, text: str, face: Face) -> Iterator[tuple[str, Face]]:
        """`text` cut into pieces, each with the face that has its glyphs."""
        start, current = 0, None
        for i, ch in enumerate(text):
            chosen = self._face_for(ch, face)
            if current is not None and chosen.key != current.key:
                yield text[start:i], current
                start = i
            current = chosen
        if current is not None:
            yield text[start:], current

    def _face_for(self, ch: str, face: Face) -> Face:
        if ord(ch) in face.advances or ch in " \u3000":
            return face
        for fallback in self._fallback_faces():
            if ord(ch) in fallback.advances:
                return Face(fallback.key, face.ascent, face.descent, fallback.advances, face.fake_bold)
        self.missing.add(ch)
        return face

    def _fallback_faces(self) -> list[Face]:
        if self._fallbacks is None:
            self._fallbacks = [self._load(f) for f in map(fontfiles.resolve, FALLBACK_FAMILIES) if f]
        return self._fallbacks


def _full_width_apart(text: str) -> list[str]:
    """`text` cut into stretches of full-width-in-Chinese characters (drawn stretched to one em each)
    and the rest."""
    if not any(ch in FULL_WIDTH_IN_CHINESE for ch in text):
        return [text]
    return [m.group() for m in re.finditer(f"[{FULL_WIDTH_IN_CHINESE}]+|[^{FULL_WIDTH_IN_CHINESE}]+", text)]
