"""Plan a sign-in sheet as plain data: columns, page geometry, and rows split into one table per page."""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.report import warn
from docgen.roster.model import Attendee

FULL_SPACE = "\u3000"
PORTRAIT = (210.0, 297.0)
MARGINS = {"top": 18.0, "bottom": 18.0, "left": 20.0, "right": 20.0, "footer": 8.0}
FIXED_WIDTHS = {"index": 12.0, "name": 24.0, "title": 30.0, "phone": 30.0}
UNIT_MIN, UNIT_MAX = 40.0, 70.0
SIGN_MIN, SIGN_GOOD = 18.0, 30.0
CELL_PAD_MM = 3.8          # left + right cell margins (108 twips each)
SPACE_PT = 6.0             # after the title and info lines, before the 应到/实到 line (signin_docx)
SAFETY_MM = 0.5            # rounding of row heights and borders; a page holds every row that fits


@dataclass
class Column:
    key: str
    """index, name, unit, title, phone or sign."""
    label: str
    width_mm: float


@dataclass
class Sheet:
    """One sheet (the whole list, or one unit): a heading and pages of rows."""

    title: str
    info_lines: list[str]
    pages: list[list[list[str]]]
    """pages -> rows -> cell texts (one per column)."""
    expected: str


@dataclass
class SigninPlan:
    landscape: bool
    columns: list[Column]
    sheets: list[Sheet] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    style: dict = field(default_factory=dict)

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return (PORTRAIT[1], PORTRAIT[0]) if self.landscape else PORTRAIT


def layout_columns(labels: dict[str, str], sessions: list[str]) -> tuple[bool, list[Column]]:
    """Columns and orientation: portrait while the signature columns fit at a good width, else landscape."""
    signs = sessions or [labels["sign"]]
    fixed = sum(FIXED_WIDTHS.values())
    landscape = False
    for landscape in (False, True):
        avail = usable_width(landscape) - fixed - UNIT_MIN
        if avail / len(signs) >= SIGN_GOOD:
            break
    avail = usable_width(landscape) - fixed
    sign_w = max(SIGN_MIN, min(SIGN_GOOD, (avail - UNIT_MIN) / len(signs)))
    unit_w = min(UNIT_MAX, max(UNIT_MIN, avail - sign_w * len(signs)))
    sign_w = max(SIGN_MIN, (avail - unit_w) / len(signs))
    columns = [
        Column("index", labels["index"], FIXED_WIDTHS["index"]),
        Column("name", labels["name"], FIXED_WIDTHS["name"]),
        Column("unit", labels["unit"], unit_w),
        Column("title", labels["title"], FIXED_WIDTHS["title"]),
        Column("phone", labels["phone"], FIXED_WIDTHS["phone"]),
    ]
    columns += [Column("sign", s, sign_w) for s in signs]
    return landscape, fit_width(columns, usable_width(landscape))


def fit_width(columns: list[Column], width: float) -> list[Column]:
    """Scale every column down when too many signature columns overflow the page, with a warning."""
    total = sum(c.width_mm for c in columns)
    if total <= width + 0.01:
        return columns
    factor = width / total
    signs = sum(1 for c in columns if c.key == "sign")
    warn(f"签名列过多（{signs} 个），每列只有 {SIGN_MIN * factor:.0f} 毫米宽，建议用 --sessions 按天分别生成签到表")
    return [Column(c.key, c.label, c.width_mm * factor) for c in columns]


def usable_width(landscape: bool) -> float:
    width = PORTRAIT[1] if landscape else PORTRAIT[0]
    return width - MARGINS["left"] - MARGINS["right"]


@dataclass(frozen=True)
class Blocks:
    """Heights (mm) of the paragraphs around the table, as signin_docx sets them."""

    title: float
    info: float
    expected: float

    @classmethod
    def of(cls, style: dict) -> Blocks:
        mm = 25.4 / 72
        info = line_pitch_pt(style["text_size"] + 1.5)
        return cls((line_pitch_pt(style["title_size"]) + SPACE_PT) * mm, (info + SPACE_PT) * mm,
                   (info + SPACE_PT) * mm)


def usable_height(landscape: bool) -> float:
    height = PORTRAIT[0] if landscape else PORTRAIT[1]
    return height - MARGINS["top"] - MARGINS["bottom"] - SAFETY_MM


def pad_name(name: str) -> str:
    """`王芳` → `王　芳`: two-character Chinese names padded to line up with three-character ones."""
    if len(name) == 2 and all("\u4e00" <= c <= "\u9fff" for c in name):
        return name[0] + FULL_SPACE + name[1]
    return name


def mask_phone(phone: str) -> str:
    """`13812341234` → `138****1234`; shorter numbers keep their last four digits."""
    digits = [c for c in phone if c.isdigit()]
    if len(digits) >= 11:
        return "".join(digits[:3]) + "****" + "".join(digits[-4:])
    if len(digits) >= 7:
        return "*" * (len(digits) - 4) + "".join(digits[-4:])
    return phone


def attendee_row(number: int, a: Attendee, columns: list[Column], masked: bool) -> list[str]:
    values = {
        "index": str(number),
        "name": pad_name(a.name),
        "unit": a.unit,
        "title": a.title,
        "phone": mask_phone(a.phone) if masked else a.phone,
    }
    return [values.get(c.key, "") for c in columns]


def blank_row(number: int, columns: list[Column]) -> list[str]:
    return [str(number) if c.key == "index" else "" for c in columns]


NO_LINE_START = set("，。、；：？！）》」』】〕”’…—,.;:?!)]}%")


def char_width_mm(ch: str, size_pt: float) -> float:
    em = size_pt * 25.4 / 72
    return em if ord(ch) > 0x2E7F else em * 0.55


def count_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines `text` takes in a cell `width_mm` wide: greedy breaking, no closing punctuation at a line start."""
    lines, used = 1, 0.0
    for i, ch in enumerate(text):
        w = char_width_mm(ch, size_pt)
        if used + w > width_mm and used > 0:
            lines += 1
            # a closing mark may not start a line: the character before it moves down with it
            used = w + (char_width_mm(text[i - 1], size_pt) if ch in NO_LINE_START else 0.0)
        else:
            used += w
    return lines


def row_height_mm(cells: list[str], columns: list[Column], size_pt: float, min_mm: float) -> float:
    """The height a row will take: the minimum, or more when a cell's text wraps."""
    lines = 1
    em = size_pt * 25.4 / 72
    for text, col in zip(cells, columns):
        inner = max(1.0, col.width_mm - CELL_PAD_MM)
        if len(text) * em > inner * 0.97:  # cheap bound first: most cells fit on one line
            lines = max(lines, count_lines(text, inner * 0.97, size_pt))
    line_mm = line_pitch_pt(size_pt) * 25.4 / 72
    return max(min_mm, lines * line_mm + 1.5)


def line_pitch_pt(size_pt: float) -> float:
    """Exact line spacing of table text: 1.2 × the font size."""
    return round(size_pt * 1.2 * 2) / 2


def paginate(rows: list[list[str]], columns: list[Column], *, first_page_mm: float, page_mm: float,
             header_mm: float, size_pt: float, min_mm: float, expected_mm: float) -> list[list[list[str]]]:
    """Split rows into pages (one table each); the last page keeps room for the 应到/实到 line."""
    pages: list[list[list[str]]] = [[]]
    room = first_page_mm - header_mm
    heights = [row_height_mm(r, columns, size_pt, min_mm) for r in rows]
    for row, h in zip(rows, heights):
        if h > room + 1e-6 and pages[-1]:
            pages.append([])
            room = page_mm - header_mm
        pages[-1].append(row)
        room -= h
    if room < expected_mm - 1e-6 and len(pages[-1]) > 1:
        pages.append([pages[-1].pop()])
    return pages
