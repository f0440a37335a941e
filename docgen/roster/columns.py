"""Find the header row of a roster table, map its columns, and turn the rows into attendees."""

from __future__ import annotations

import re
from pathlib import Path

from docgen.errors import InputError
from docgen.report import warn
from docgen.roster.model import Attendee, Roster
from docgen.textutil import xml_safe

# field -> accepted header names (compared after removing spaces, '*' and bracketed notes)
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "学员姓名", "参训人员", "参训人员姓名", "学员", "name"),
    "unit": ("单位", "工作单位", "所在单位", "单位名称", "工作单位名称", "unit"),
    "title": ("职务", "职务职称", "职务/职称", "职称", "职务（职称）", "title"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "phone"),
    "gender": ("性别", "gender"),
    "group": ("分组", "组别", "小组", "group"),
}
HEADER_SCAN_ROWS = 30
_SPACE = re.compile(r"\s+")
_NOTE = re.compile(r"[（(【\[].*?[）)】\]]")


def normalise_header(cell: str) -> str:
    text = _SPACE.sub("", cell).replace("*", "").replace("＊", "")
    stripped = _NOTE.sub("", text)
    return (stripped or text).lower()


def normalise_name(raw: str) -> str:
    """`张　三` → 张三; names with Latin letters keep single spaces between words."""
    text = xml_safe(raw).strip()
    if re.search(r"[A-Za-z]", text):
        return _SPACE.sub(" ", text)
    return _SPACE.sub("", text)


def _clean(cell: str) -> str:
    return _SPACE.sub(" ", xml_safe(cell)).strip()


def _column_map(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = normalise_header(cell)
        for field_name, aliases in ALIASES.items():
            if field_name not in found and (key in aliases or (field_name == "title" and key.startswith("职务"))):
                found[field_name] = index
    return found


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]] | None:
    for position, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = _column_map(cells)
        if "name" in columns:
            return position, columns
    return None


def _columns_found(rows: list[tuple[int, list[str]]]) -> str:
    for _, cells in rows[:HEADER_SCAN_ROWS]:
        labels = [c.strip() for c in cells if c.strip()]
        if len(labels) >= 2:
            return "、".join(labels[:12])
    return "（无）"


def _is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def rows_to_roster(rows: list[tuple[int, list[str]]], path: Path, names_only: bool = False) -> Roster:
    """Attendees from raw rows: header found (unless `names_only`), blank rows skipped, problems warned."""
    rows = [(n, cells) for n, cells in rows if not _is_blank(cells)]
    if names_only or _single_column(rows):
        body, columns = _names_list(rows)
    else:
        header = _find_header(rows)
        if header is None:
            raise InputError(f"{path}：找不到“姓名”列（找到的列：{_columns_found(rows)}），请在表头写上“姓名”")
        position, columns = header
        body = rows[position + 1:]
    return _collect(body, columns, path)


def _single_column(rows: list[tuple[int, list[str]]]) -> bool:
    """A one-column list of names without a header (a header naming another field does not count)."""
    if not rows or any(sum(1 for c in cells if c.strip()) > 1 for _, cells in rows):
        return False
    first = normalise_header(next((c for c in rows[0][1] if c.strip()), ""))
    return not any(first in aliases for field_name, aliases in ALIASES.items() if field_name != "name")


def _names_list(rows):
    """A plain list of names; a first line reading 姓名 is a header."""
    if rows and normalise_header(next((c for c in rows[0][1] if c.strip()), "")) in ALIASES["name"]:
        rows = rows[1:]
    return [(n, [next((c for c in cells if c.strip()), "")]) for n, cells in rows], {"name": 0}


def _collect(body, columns: dict[str, int], path: Path) -> Roster:
    roster = Roster(source=path)
    seen: dict[tuple[str, str], int] = {}
    names: dict[str, int] = {}

    def note(message: str) -> None:
        roster.warnings.append(message)
        warn(message)

    for row_number, cells in body:
        values = {f: (cells[i] if i < len(cells) else "") for f, i in columns.items()}
        name = normalise_name(values.pop("name"))
        rest = {f: _clean(v) for f, v in values.items()}
        if not name:
            note(f"{path.name} 第 {row_number} 行没有姓名，已跳过")
            continue
        key = (name, rest.get("unit", ""))
        if key in seen:
            note(f"{path.name} 第 {row_number} 行与第 {seen[key]} 行重复（{name}），已跳过")
            continue
        if name in names:
            note(f"{path.name} 第 {row_number} 行与第 {names[name]} 行同名（{name}），请核对")
        seen[key] = row_number
        names.setdefault(name, row_number)
        roster.attendees.append(Attendee(name=name, row=row_number, **rest))
    if not roster.attendees:
        note(f"{path.name}：名单中没有学员")
    return roster
