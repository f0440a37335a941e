"""`write_cards`: 桌签 — A4 landscape, folded along the middle, one slide per attendee.

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
    from docgen.writers.cards_pptx import render_cards

    style = templates.render_toml(TEMPLATE, class_name=info.name, organiser=info.organiser)
    people = Roster(sort_attendees(roster.attendees, sort, full_name=full_name_strokes))
    faces = plan_cards(people, style)
    with atomic_path(out) as tmp:
        render_cards(faces, style, tmp)
    return Path(out)
