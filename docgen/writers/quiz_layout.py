"""python-docx building blocks the test paper, its key and the evaluation form share.

Plain A4 pages (not the 公文 grid): 宋体 body, 黑体 headings, 方正小标宋简体 titles, every
East-Asian font set explicitly and the language zh-CN.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.textutil import xml_safe
from docgen.writers import docx_common as dc

BODY_FONT = "宋体"
HEAD_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
NOTE_FONT = "楷体"
LATIN = "Times New Roman"
TEXT_WIDTH_TWIPS = 8844
"""156 mm: 210 − 28 − 26 mm margins."""


@dataclass(frozen=True)
class Font:
    east_asia: str = BODY_FONT
    size: float = 12
    bold: bool = False


BODY = Font()
HEADING = Font(HEAD_FONT, 14)
TITLE = Font(TITLE_FONT, 18)
NOTE = Font(NOTE_FONT, 12)


def new_page_document(landscape: bool = False):
    """An A4 document with 宋体 12 pt defaults, zh-CN, 28/26 mm side margins."""
    doc = dc.new_document()
    dc.set_doc_defaults(doc, BODY_FONT, LATIN, BODY.size)
    section = doc.sections[0]
    dc.set_page_a4(section, top_mm=25, bottom_mm=25, left_mm=28, right_mm=26, footer_mm=12, header_mm=12,
                   landscape=landscape)
    return doc


def add_run(paragraph, text: str, font: Font = BODY):
    run = paragraph.add_run(xml_safe(text))
    rPr = run._r.get_or_add_rPr()
    dc.set_rpr_fonts(rPr, font.east_asia, LATIN)
    if font.bold:
        dc.set_rpr_bold(rPr)
    dc.set_rpr_size(rPr, font.size)
    return run


def add_paragraph(container, text: str = "", font: Font = BODY, align: str = "left", *,
                  space_before: float = 0, space_after: float = 0, line_pt: float | None = None,
                  left_chars: float = 0, hanging_chars: float = 0, first_chars: float = 0,
                  keep_next: bool = False):
    """A paragraph with one run of `text`; indents are in characters of `font`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                    "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    pf.space_before, pf.space_after = Pt(space_before), Pt(space_after)
    if line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    if left_chars or hanging_chars:
        pf.left_indent = Pt((left_chars + hanging_chars) * font.size)
        pf.first_line_indent = Pt(-hanging_chars * font.size)
    if first_chars:
        pf.first_line_indent = Pt(first_chars * font.size)
    if keep_next:
        pf.keep_with_next = True
    if text:
        add_run(p, text, font)
    return p


def add_tab_stops(paragraph, positions_twips: list[int]) -> None:
    from docx.shared import Twips

    for pos in positions_twips:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(pos))


def add_page_footer(section, before: str, middle: str, after: str, font: Font = Font(BODY_FONT, 10.5)) -> None:
    """Centred `第 PAGE 页 共 NUMPAGES 页` (the words around the fields come from templates)."""
    p = section.footer.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, before, font)
    for run in dc.add_field(p, "PAGE"):
        _style_run(run, font)
    add_run(p, middle, font)
    for run in dc.add_field(p, "NUMPAGES"):
        _style_run(run, font)
    add_run(p, after, font)


def _style_run(run, font: Font) -> None:
    rPr = run._r.get_or_add_rPr()
    dc.set_rpr_fonts(rPr, font.east_asia, LATIN)
    dc.set_rpr_size(rPr, font.size)


def add_grid_table(doc, rows: list[list[str]], widths_twips: list[int], font: Font = BODY,
                   header_rows: int = 1, row_height_mm: float | None = None, center: bool = True):
    """A bordered fixed-layout table filled with `rows`; header rows repeat and bold."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Twips

    table = doc.add_table(rows=len(rows), cols=len(widths_twips))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, width in enumerate(widths_twips):
        table.columns[i].width = Twips(width)
    for r, values in enumerate(rows):
        row = table.rows[r]
        dc.row_flags(row, header=r < header_rows)
        if row_height_mm:
            row.height, row.height_rule = Mm(row_height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Twips(widths_twips[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            f = Font(font.east_asia, font.size, bold=font.bold or r < header_rows)
            fill_cell_paragraph(p, value, f, center)
            if not center:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def fill_cell_paragraph(p, text: str, font: Font, center: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    if text:
        add_run(p, text, font)


def align_left(paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


def save(doc, out) -> None:
    """Save through an atomic temporary file (no partial output on failure)."""
    from docgen.fsutil import atomic_path

    with atomic_path(out) as tmp:
        doc.save(str(tmp))
