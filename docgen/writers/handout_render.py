"""Render a HandoutPlan to .docx in the GB/T 9704 layout (python-docx, imported lazily by the caller).

Fonts live in docDefaults and named styles (no theme attributes); runs only pick a style or bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from docgen.textutil import xml_safe
from docgen.writers import docx_common as dc
from docgen.writers.handout_plan import Block, HandoutPlan

TEXT_WIDTH_TWIPS = 8844  # 156 mm 版心

# Style names (shown in Word's style pane).
BODY, TITLE, CENTRED = "讲义正文", "讲义标题", "讲义居中"
HEADINGS = {"heading1": "讲义一级标题", "heading2": "讲义二级标题", "heading3": "讲义三级标题"}
RUN_IN = {"heading1": "一级标题字符", "heading2": "二级标题字符", "heading3": "三级标题字符"}
BOX_LABEL, BOX_ITEM, FLUSH, PAGE_NUMBER = "讲义框标题", "讲义框内容", "讲义顶格", "讲义页码"


@dataclass
class Typography:
    """The numbers of one layout: fonts, page, and the metrics of the chosen mode."""

    fonts: dict
    page: dict
    metrics: dict

    @classmethod
    def from_toml(cls, data: dict, mode: str) -> Typography:
        key = "compact" if mode == "compact" else "standard"
        metrics = dict(data[key])
        fonts = dict(data["fonts"]) | metrics.pop("fonts", {})
        return cls(fonts, data["page"], metrics)

    @property
    def first_line(self) -> int:
        return int(self.metrics["first_line_twips"])


def render_handout(plan: HandoutPlan, typo: Typography, out: Path) -> None:
    """Write `plan` as a .docx to `out` (the caller passes a temporary path)."""
    doc = dc.new_document()
    _setup_page(doc, typo)
    _setup_styles(doc, typo)
    _add_page_numbers(doc, plan.page_number, typo)
    body = doc.element.body
    del body[:-1]  # the template's empty paragraph; keep sectPr
    for group, blocks in groupby(plan.blocks, key=lambda b: b.group):
        if group:
            _boxed(doc, list(blocks), typo)
            doc.add_paragraph(style=FLUSH)
        else:
            for block in blocks:
                _block(doc, block, typo)
    doc.core_properties.title = plan.title
    doc.save(str(out))


# -- page ---------------------------------------------------------------------


def _setup_page(doc, typo: Typography) -> None:
    page = typo.page
    section = doc.sections[0]
    dc.set_page_a4(section, page["top_mm"], page["bottom_mm"], page["left_mm"], page["right_mm"],
                   footer_mm=page["footer_mm"])
    if typo.metrics["grid"]:
        dc.set_line_grid(section, int(typo.metrics["line_twips"]))
    doc.settings.odd_and_even_pages_header_footer = True


def _add_page_numbers(doc, dashes: tuple[str, str], typo: Typography) -> None:
    """`— N —`: odd pages right-aligned, even pages left-aligned, each 空一字."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    indent = Twips(int(typo.page["page_number_indent_twips"]))
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        p.style = doc.styles[PAGE_NUMBER]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = indent
        else:
            p.paragraph_format.left_indent = indent
        p.add_run(dashes[0])
        dc.add_field(p, "PAGE")
        p.add_run(dashes[1])


# -- styles -------------------------------------------------------------------


def _setup_styles(doc, typo: Typography) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    f, m = typo.fonts, typo.metrics
    body_pt, latin = float(m["body_pt"]), f["latin"]
    dc.set_doc_defaults(doc, f["body"], latin, body_pt)
    normal = doc.styles["Normal"]
    dc.set_style_fonts(normal, f["body"], latin, body_pt)
    _paragraph_metrics(normal, typo)

    def add(name, font, *, indent=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=None, bold=None, outline=None):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        dc.set_style_fonts(style, font, latin, size, bold)
        style.paragraph_format.alignment = align
        dc.set_first_line_indent(style.paragraph_format, typo.first_line if indent else 0, 2 if indent else 0)
        if outline is not None:
            style.paragraph_format.keep_with_next = True
            dc.set_ppr_value(style.element.get_or_add_pPr(), "w:outlineLvl", str(outline))
        return style

    centre = WD_ALIGN_PARAGRAPH.CENTER
    add(BODY, f["body"], indent=True)
    title = add(TITLE, f["title"], align=centre, size=float(m["title_pt"]))
    dc.set_rpr_char_spacing(title.element.get_or_add_rPr(), 0)
    add(CENTRED, f["aids"], align=centre)
    add(HEADINGS["heading1"], f["heading1"], indent=True, outline=0)
    add(HEADINGS["heading2"], f["heading2"], indent=True, outline=1)
    add(HEADINGS["heading3"], f["body"], indent=True, bold=True, outline=2)
    add(BOX_LABEL, f["heading1"], align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.keep_with_next = True
    add(BOX_ITEM, f["aids"])
    add(FLUSH, f["body"])
    _page_number_style(add(PAGE_NUMBER, f["page_number"], size=float(typo.page["page_number_pt"])))
    for role, name in RUN_IN.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        font = f["body"] if role == "heading3" else f[role]
        dc.set_style_fonts(style, font, latin, bold=True if role == "heading3" else None)


def _paragraph_metrics(style, typo: Typography) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, Twips

    m = typo.metrics
    pf = style.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    if int(m["line_twips"]):
        pf.line_spacing = Twips(int(m["line_twips"]))
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        pf.line_spacing = float(m["line_multiple"])
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True
    if int(m["char_spacing_twips"]):
        dc.set_rpr_char_spacing(style.element.get_or_add_rPr(), int(m["char_spacing_twips"]))


def _page_number_style(style) -> None:
    from docx.shared import Pt

    pf = style.paragraph_format
    pf.line_spacing = 1.0
    pf.space_before = pf.space_after = Pt(0)
    dc.set_rpr_char_spacing(style.element.get_or_add_rPr(), 0)
    dc.set_ppr_value(style.element.get_or_add_pPr(), "w:snapToGrid", "0")


# -- blocks -------------------------------------------------------------------

_STYLE_OF = {
    "header": CENTRED, "title": TITLE, "subtitle": CENTRED, "byline": CENTRED, "salutation": FLUSH,
    "body": BODY, "note": BODY, "glossary": BODY, "section_title": TITLE, "fields": FLUSH, "blank": FLUSH,
    "aid_label": BOX_LABEL, "aid_item": BOX_ITEM, **HEADINGS,
}


def _block(container, block: Block, typo: Typography) -> None:
    if block.kind == "points":
        _points_box(container, block, typo)
        container.add_paragraph(style=FLUSH)
    elif block.kind == "ruled":
        _ruled_lines(container, block.count, typo)
    else:
        p = container.add_paragraph(style=_STYLE_OF[block.kind])
        _add_spans(p, block)
        if block.page_break_before:
            p.paragraph_format.page_break_before = True


def _add_spans(p, block: Block) -> None:
    for span in block.spans:
        run = p.add_run(xml_safe(span.text))
        if span.bold:
            run.bold = True
        if span.role:
            run.style = RUN_IN[span.role]


def _box(doc):
    """A one-cell table framed on all four sides, as wide as the text block; returns the cell."""
    table = doc.add_table(rows=1, cols=1)
    dc.set_table_width(table, [TEXT_WIDTH_TWIPS])
    dc.set_table_borders(table, top="single", left="single", bottom="single", right="single")
    dc.row_flags(table.rows[0], cant_split=False)
    cell = table.cell(0, 0)
    del cell._tc[1:]  # drop the empty paragraph; tcPr stays first
    return cell


def _points_box(doc, block: Block, typo: Typography) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell = _box(doc)
    label = cell.add_paragraph(block.text, style=BOX_LABEL)
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for item in block.items:
        cell.add_paragraph(xml_safe(item), style=FLUSH)


def _boxed(doc, blocks: list[Block], typo: Typography) -> None:
    cell = _box(doc)
    for block in blocks:
        _add_spans(cell.add_paragraph(style=_STYLE_OF[block.kind]), block)


def _ruled_lines(doc, count: int, typo: Typography) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Twips

    table = doc.add_table(rows=count, cols=1)
    dc.set_table_width(table, [TEXT_WIDTH_TWIPS])
    dc.set_table_borders(table, bottom="single", insideH="single")
    height = Twips(int(typo.page["ruled_line_twips"]))
    for row in table.rows:
        row.height, row.height_rule = height, WD_ROW_HEIGHT_RULE.EXACTLY
        row.cells[0].paragraphs[0].style = FLUSH
