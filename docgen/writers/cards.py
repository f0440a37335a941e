"""`write_cards`: 桌签 — A4 landscape, folded along the middle, one slide per attendee (python-pptx).

python-docx cannot turn text 180°, a pptx shape can: the upper half is the same text box
rotated 180°, so both faces read upright once the sheet is folded into a tent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen.config import ClassInfo
from docgen.fsutil import atomic_path
from docgen.resources import Templates
from docgen.roster.model import Roster
from docgen.roster.sorting import sort_attendees

TEMPLATE = "cards/cards.toml"
PAGE_W_MM, PAGE_H_MM = 297.0, 210.0
SIDE_MARGIN_MM = 10.0
PT_PER_MM = 72 / 25.4


@dataclass
class CardFace:
    name: str
    name_size: float
    gap_pt: float
    """Extra space after the first character of a two-character name."""
    unit: str
    unit_size: float


def plan_cards(roster: Roster, style: dict) -> list[CardFace]:
    return [plan_face(a.name, a.unit if style["show_unit"] else "", style) for a in roster.attendees]


def plan_face(name: str, unit: str, style: dict) -> CardFace:
    width_pt = PAGE_W_MM * PT_PER_MM * float(style["name_fill"])
    gap_em = float(style["two_char_gap"]) if len(name) == 2 else 0.0
    ems = sum(1.0 if ord(c) > 0x2E7F else 0.6 for c in name) + gap_em
    size = min(float(style["name_max_size"]), width_pt / max(ems, 1.0))
    unit_width_pt = (PAGE_W_MM - 2 * SIDE_MARGIN_MM) * PT_PER_MM * 0.95
    unit_size = min(float(style["unit_size"]), unit_width_pt / max(len(unit), 1))
    return CardFace(name, round(size, 1), round(size * gap_em, 1), unit, round(unit_size, 1))


def write_cards(roster: Roster, out: Path, info: ClassInfo, templates: Templates, *, sort: str = "none",
                full_name_strokes: bool = False) -> Path:
    """One A4-landscape slide per attendee; returns `out`."""
    style = templates.render_toml(TEMPLATE, class_name=info.name, organiser=info.organiser)
    people = Roster(sort_attendees(roster.attendees, sort, full_name=full_name_strokes))
    faces = plan_cards(people, style)
    prs = _render(faces, style)
    with atomic_path(out) as tmp:
        prs.save(str(tmp))
    return Path(out)


def _render(faces: list[CardFace], style: dict):
    from pptx import Presentation
    from pptx.util import Mm

    prs = Presentation()
    prs.slide_width, prs.slide_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    layout = prs.slide_layouts[6]  # Blank
    half = PAGE_H_MM / 2
    for face in faces:
        slide = prs.slides.add_slide(layout)
        for top, rotated in ((0.0, True), (half, False)):
            box = slide.shapes.add_textbox(Mm(SIDE_MARGIN_MM), Mm(top), Mm(PAGE_W_MM - 2 * SIDE_MARGIN_MM), Mm(half))
            if rotated:
                box.rotation = 180
            _fill(box.text_frame, face, style)
    return prs


def _fill(frame, face: CardFace, style: dict) -> None:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    p = frame.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    chunks = [(face.name[0], face.gap_pt), (face.name[1:], 0.0)] if face.gap_pt else [(face.name, 0.0)]
    for text, gap in chunks:
        run = p.add_run()
        run.text = text
        _font(run, style["name_font"], face.name_size, bold=True)
        if gap:
            run._r.get_or_add_rPr().set("spc", str(round(gap * 100)))
    if face.unit:
        q = frame.add_paragraph()
        q.alignment = PP_ALIGN.CENTER
        q.space_before = Pt(face.unit_size * 0.5)
        run = q.add_run()
        run.text = face.unit
        _font(run, style["unit_font"], face.unit_size)


def _font(run, east_asian: str, size_pt: float, bold: bool = False) -> None:
    """Size and fonts of one run, with the `a:ea` element python-pptx has no API for."""
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = east_asian
    rPr = run._r.get_or_add_rPr()
    rPr.set("lang", "zh-CN")
    rPr.set("altLang", "en-US")
    latin = rPr.find(qn("a:latin"))
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = rPr.makeelement(qn("a:ea"), {})
        latin.addnext(ea)
    ea.set("typeface", east_asian)
