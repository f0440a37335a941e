"""`write_signin`: the sign-in sheet (签到表) of a class, as .docx."""

from __future__ import annotations

from pathlib import Path

from docgen.config import ClassInfo
from docgen.resources import Templates
from docgen.roster.model import Attendee, Roster
from docgen.roster.sorting import group_by_unit, sort_attendees
from docgen.writers import signin_plan as sp

TEMPLATE = "signin/signin.toml"


def write_signin(roster: Roster | None, out: Path, info: ClassInfo, templates: Templates, *,
                 sessions: list[str] | None = None, blank: int = 5, sort: str = "none",
                 by_unit: bool = False, mask_phone: bool = True, full_name_strokes: bool = False) -> Path:
    """Write the sign-in sheet to `out` (atomically) and return it. Phone numbers are masked
    (`138****0001`) unless `mask_phone` is False: the sheet lies open before the whole class."""
    from docgen.writers.signin_docx import render_signin

    plan = plan_signin(roster, info, templates, sessions=sessions, blank=blank, sort=sort, by_unit=by_unit,
                       mask_phone=mask_phone, full_name_strokes=full_name_strokes)
    render_signin(plan, Path(out))
    return Path(out)


def plan_signin(roster: Roster | None, info: ClassInfo, templates: Templates, *, sessions: list[str] | None = None,
                blank: int = 5, sort: str = "none", by_unit: bool = False, mask_phone: bool = True,
                full_name_strokes: bool = False) -> sp.SigninPlan:
    """The sheet as plain data (no python-docx)."""
    labels = [s.strip() for s in sessions if s.strip()] if sessions else [s.label for s in info.schedule]
    base = _wording(templates, info, unit="", expected=None)
    landscape, columns = sp.layout_columns(base["columns"], labels)
    plan = sp.SigninPlan(landscape, columns, footer=list(base["footer"]), style=dict(base["style"]))
    people = sort_attendees(roster.attendees, sort, full_name=full_name_strokes) if roster else []
    groups = _unit_groups(roster, people) if by_unit and roster else {"": people}
    for unit, members in groups.items():
        wording = _wording(templates, info, unit=unit, expected=len(members) if roster else None)
        plan.sheets.append(_sheet(plan, wording, members, blank, mask_phone, has_roster=roster is not None))
    return plan


def _unit_groups(roster: Roster, people: list[Attendee]) -> dict[str, list[Attendee]]:
    """Units in roster order; within a unit, the sorted order."""
    order = list(group_by_unit(roster.attendees))
    groups = group_by_unit(people)
    return {unit: groups[unit] for unit in order}


def _sheet(plan: sp.SigninPlan, wording: dict, members: list[Attendee], blank: int, mask_phone: bool,
           has_roster: bool) -> sp.Sheet:
    style = plan.style
    info_lines = [line for line in (wording["info"], wording["unit_line"]) if line.strip()]
    blocks = sp.Blocks.of(style)
    first_mm = sp.usable_height(plan.landscape) - blocks.title - blocks.info * len(info_lines)
    rows = [sp.attendee_row(i, a, plan.columns, mask_phone) for i, a in enumerate(members, start=1)]
    header_mm = sp.row_height_mm([c.label for c in plan.columns], plan.columns, style["text_size"],
                                 style["row_height_mm"])
    if not has_roster:
        fit = int((first_mm - header_mm - blocks.expected + 1e-6) // style["row_height_mm"])
        blank = max(blank, fit)
    rows += [sp.blank_row(n, plan.columns) for n in range(len(rows) + 1, len(rows) + 1 + max(0, blank))]
    pages = sp.paginate(rows, plan.columns, first_page_mm=first_mm, page_mm=sp.usable_height(plan.landscape),
                        header_mm=header_mm, size_pt=style["text_size"], min_mm=style["row_height_mm"],
                        expected_mm=blocks.expected)
    return sp.Sheet(wording["title"], info_lines, pages, wording["expected"])


def _wording(templates: Templates, info: ClassInfo, *, unit: str, expected: int | None) -> dict:
    return templates.render_toml(
        TEMPLATE, class_name=info.name, dates=info.dates_text, venue=info.venue, organiser=info.organiser,
        unit=unit, expected=expected,
    )
