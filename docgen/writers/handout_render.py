"""Render a HandoutPlan to .docx in the GB/T 9704 layout (python-docx, imported lazily by the caller).

Fonts live in docDefaults and named styles (no theme attributes); runs only pick a style or bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from docgen.textutil import xml_safe
from docgen.writers import docx_common as dc
from docgen.writers.docx_word import finish
from docgen.writers.handout_plan import Block, HandoutPlan, Span

A4_WIDTH_TWIPS = 11906

# Style names (shown in Word's style pane).
BODY, TITLE, CENTRED = "讲义正文", "讲义标题", "讲义居中"
HEADINGS = {"heading1": "讲义一级标题", "heading2": "讲义二级标题", "heading3": "讲义三级标题"}
RUN_IN = {"heading1": "一级标题字符", "heading2": "二级标题字符", "heading3": "三级标题字符"}
BOX_LABEL, BOX_ITEM, BOX_POINT = "讲义框标题", "讲义框内容", "讲义框要点"
FLUSH, PAGE_NUMBER = "讲义顶格", "讲义页码"
# ASCII style ids (Word itself never writes CJK ids); the Chinese names are what users see.
STYLE_IDS = {
    BODY: "HandoutBody", TITLE: "HandoutTitle", CENTRED: "HandoutCentred", FLUSH: "HandoutFlush",
    HEADINGS["heading1"]: "HandoutHeading1", HEADINGS["heading2"]: "HandoutHeading2",
    HEADINGS["heading3"]: "HandoutHeading3", RUN_IN["heading1"]: "HandoutRunIn1", RUN_IN["heading2"]: "HandoutRunIn2",
    RUN_IN["heading3"]: "HandoutRunIn3", BOX_LABEL: "HandoutBoxLabel", BOX_ITEM: "HandoutBoxItem",
    BOX_POINT: "HandoutBoxPoint", PAGE_NUMBER: "HandoutPageNumber",
}
BOX_PADDING_TWIPS = 120


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
    dc.prune_styles(doc)
    _setup_page(doc, typo)
    ids = _setup_styles(doc, typo)
    _add_page_numbers(doc, ids[PAGE_NUMBER], plan.page_number, typo)
    body = doc.element.body
    del body[:-1]  # the template's empty paragraph; keep sectPr
    builder = _Builder(doc, ids, typo)
    for group, blocks in groupby(plan.blocks, key=lambda b: b.group):
        if group:
            builder.box([builder.paragraph(b) for b in blocks])
        else:
            for block in blocks:
                builder.block(block)
    doc.core_properties.title = plan.title
    finish(doc)
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


def _add_page_numbers(doc, style_id: str, dashes: tuple[str, str], typo: Typography) -> None:
    """`— N —`: odd pages right-aligned, even pages left-aligned, each 空一字."""
    from docx.text.paragraph import Paragraph

    indent = int(typo.page["page_number_indent_twips"])
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        container = footer._element
        del container[:]
        p = dc.make_paragraph(style_id, [(dashes[0], False, None)], align=side, indent={side: indent})
        container.append(p)
        paragraph = Paragraph(p, footer)
        dc.add_field(paragraph, "PAGE")
        paragraph.add_run(dashes[1])


# -- styles -------------------------------------------------------------------


def _setup_styles(doc, typo: Typography) -> dict[str, str]:
    """Normal plus the handout's paragraph and character styles; returns style name → style id."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    f, m = typo.fonts, typo.metrics
    body_pt, latin = float(m["body_pt"]), f["latin"]
    dc.set_doc_defaults(doc, f["body"], latin, body_pt)
    normal = doc.styles["Normal"]
    dc.set_style_fonts(normal, f["body"], latin, body_pt)
    _paragraph_metrics(normal, typo)

    def add(name, font, *, indent=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=None, bold=None, outline=None):
        style = dc.new_style(doc, name, WD_STYLE_TYPE.PARAGRAPH, STYLE_IDS[name])
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
    # A 2号 line is taller than the 579-twip grid: LibreOffice would give each title line two grid lines.
    dc.set_ppr_value(title.element.get_or_add_pPr(), "w:snapToGrid", "0")
    add(CENTRED, f["aids"], align=centre)
    add(HEADINGS["heading1"], f["heading1"], indent=True, outline=0)
    add(HEADINGS["heading2"], f["heading2"], indent=True, outline=1)
    add(HEADINGS["heading3"], f["body"], indent=True, bold=True, outline=2)
    label = add(BOX_LABEL, f["heading1"], align=WD_ALIGN_PARAGRAPH.LEFT)
    label.paragraph_format.keep_with_next = True
    for boxed in (label, add(BOX_ITEM, f["aids"]), add(BOX_POINT, f["body"])):
        _frame(boxed)
    add(FLUSH, f["body"])
    _page_number_style(add(PAGE_NUMBER, f["page_number"], size=float(typo.page["page_number_pt"])))
    for role, name in RUN_IN.items():
        style = dc.new_style(doc, name, WD_STYLE_TYPE.CHARACTER, STYLE_IDS[name])
        font = f["body"] if role == "heading3" else f[role]
        dc.set_style_fonts(style, font, latin, bold=True if role == "heading3" else None)
    return STYLE_IDS


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


def _frame(style) -> None:
    """Borders on all four sides: consecutive framed paragraphs form one box (Word and LibreOffice),
    which, unlike a table cell, breaks across pages and keeps a label with its first line."""
    from docx.oxml.ns import qn
    from docx.shared import Twips

    pf = style.paragraph_format
    pf.left_indent = pf.right_indent = Twips(BOX_PADDING_TWIPS)
    pf.keep_together = True
    pPr = style.element.get_or_add_pPr()
    # a closing `？` or `。` stays inside the border instead of hanging onto it
    dc.set_ppr_value(pPr, "w:overflowPunct", "0")
    pBdr = dc.set_ppr_value(pPr, "w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        el = pBdr.makeelement(qn(f"w:{edge}"), {})
        for attr, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "000000")):
            el.set(qn(f"w:{attr}"), value)
        pBdr.append(el)


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
    "aid_label": BOX_LABEL, "aid_item": BOX_ITEM, "point": BOX_POINT, **HEADINGS,
}


class _Builder:
    """Appends blocks as raw `w:p`/`w:tbl` elements before the body's sectPr (fast for long reports)."""

    def __init__(self, doc, ids: dict[str, str], typo: Typography):
        self.ids = ids
        self.sect_pr = doc.element.body.sectPr
        self.typo = typo
        self.after_blank = True

    def add(self, element, blank: bool = False) -> None:
        self.sect_pr.addprevious(element)
        self.after_blank = blank

    def paragraph(self, block: Block, align: str | None = None):
        runs = [(xml_safe(s.text), s.bold, self.ids[RUN_IN[s.role]] if s.role else None) for s in block.spans]
        return dc.make_paragraph(self.ids[_STYLE_OF.get(block.kind, FLUSH)], runs, align=align,
                                 page_break_before=block.page_break_before)

    def blank(self):
        return dc.make_paragraph(self.ids[FLUSH])

    def block(self, block: Block) -> None:
        if block.kind == "points":
            self.box([self.paragraph(Block("aid_label", block.spans), align="center")]
                     + [self.paragraph(Block("point", [Span(item)])) for item in block.items])
        elif block.kind == "ruled":
            self.ruled(block.count)
        else:
            self.add(self.paragraph(block), blank=block.kind == "blank")

    def box(self, paragraphs: list) -> None:
        """Framed paragraphs (their styles carry the border) between empty lines: one gives the box
        room above it, one closes it."""
        if not self.after_blank:
            self.add(self.blank(), blank=True)
        for p in paragraphs:
            self.add(p)
        self.add(self.blank(), blank=True)

    def ruled(self, count: int) -> None:
        height = int(self.typo.page["ruled_line_twips"])
        page = self.typo.page
        width = A4_WIDTH_TWIPS - dc.mm_to_twips(page["left_mm"]) - dc.mm_to_twips(page["right_mm"])
        rows = [[[self.blank()]] for _ in range(count)]
        self.add(dc.make_table(rows, [width], {"bottom": "single", "insideH": "single"}, height))
