"""python-docx building blocks the test paper, its key and the evaluation form share.

Plain A4 pages (not the 公文 grid): 宋体 body, 黑体 headings, 方正小标宋简体 titles, every
East-Asian font set explicitly and the language zh-CN.
"""

from __future__ import annotations

import functools
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
    """A run of `text` with `font`'s East-Asian and Latin names, size and weight on the run itself.

    Built as XML directly: python-docx's `Run.text` setter costs about 0.2 ms a run. As there,
    a tab becomes `w:tab` and a line break `w:br`."""
    import copy
    import re

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.run import Run

    r = OxmlElement("w:r")
    r.append(copy.deepcopy(_run_properties(font)))
    for piece in re.split(r"(\t|\r\n|\n|\r)", xml_safe(text)):
        if piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            r.append(OxmlElement("w:br"))
        elif piece:
            t = OxmlElement("w:t")
            t.text = piece
            t.set(qn("xml:space"), "preserve")
            r.append(t)
    paragraph._p.append(r)
    return Run(r, paragraph)


@functools.lru_cache(maxsize=None)
def _run_properties(font: Font):
    """The `w:rPr` of `font`, built once and copied into each run (python-docx's own path is slow)."""
    from docx.oxml import OxmlElement

    rPr = OxmlElement("w:rPr")
    dc.set_rpr_fonts(rPr, font.east_asia, LATIN)
    if font.bold:
        dc.set_rpr_bold(rPr)
    dc.set_rpr_size(rPr, font.size)
    return rPr


def add_paragraph(container, text: str = "", font: Font = BODY, align: str = "left", *,
                  space_before: float = 0, space_after: float = 0, line_pt: float | None = None,
                  left_chars: float = 0, hanging_chars: float = 0, first_chars: float = 0,
                  keep_next: bool = False):
    """A paragraph with one run of `text`; indents are in characters of `font`."""
    import copy

    layout = _Layout(align, space_before, space_after, line_pt, left_chars * font.size,
                     hanging_chars * font.size, first_chars * font.size, keep_next)
    p = container.add_paragraph()
    p._p.insert(0, copy.deepcopy(_paragraph_properties(layout)))
    if text:
        add_run(p, text, font)
    return p


@dataclass(frozen=True)
class _Layout:
    align: str
    space_before: float
    space_after: float
    line_pt: float | None
    left_pt: float
    hanging_pt: float
    first_pt: float
    keep_next: bool


@functools.lru_cache(maxsize=None)
def _paragraph_properties(layout: _Layout):
    """The `w:pPr` of `layout`, built once on a scratch paragraph and copied into each paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = _scratch_document().add_paragraph()
    pf = p.paragraph_format
    pf.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                    "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[layout.align]
    pf.space_before, pf.space_after = Pt(layout.space_before), Pt(layout.space_after)
    if layout.line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(layout.line_pt)
    if layout.left_pt or layout.hanging_pt:
        pf.left_indent = Pt(layout.left_pt + layout.hanging_pt)
        pf.first_line_indent = Pt(-layout.hanging_pt)
    if layout.first_pt:
        pf.first_line_indent = Pt(layout.first_pt)
    if layout.keep_next:
        pf.keep_with_next = True
    return p._p.pPr


@functools.lru_cache(maxsize=1)
def _scratch_document():
    from docgen.writers.docx_common import new_document

    return new_document()


def add_spaced_run(paragraph, text: str, spacing_twips: int, font: Font = BODY):
    """A run of `text` followed by `spacing_twips` of letter-spacing (room inside `（）`)."""
    run = add_run(paragraph, text, font)
    dc.set_rpr_char_spacing(run._r.get_or_add_rPr(), spacing_twips)
    return run


def add_answer_lines(doc, count: int, line_pt: float) -> None:
    """`count` ruled lines to write on: one paragraph of tabs with an underline leader across the
    text width, one a line, never split across pages. The caller keeps the question with it, so a
    question without room moves to the next page whole."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Twips

    p = add_paragraph(doc, "\n".join(["\t"] * count), line_pt=line_pt)
    p.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    p.paragraph_format.keep_together = True


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
                   header_rows: int = 1, row_height_mm: float | None = None, center: bool = True,
                   merges: list[tuple[int, int, int]] = (), merged_font: Font | None = None,
                   left_columns: tuple[int, ...] = ()):
    """A bordered fixed-layout table filled with `rows`; header rows repeat on each page and are bold.

    `merges` are (first row, last row, column) spans merged vertically; their text is the first
    row's, in `merged_font`. Body cells of `left_columns` are left-aligned. Rows never split across pages. The XML is built in one piece
    (python-docx's cell API is quadratic in the number of cells).
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.table import Table

    merged = {(r, c): ("restart" if r == first else "continue", merged_font or font)
              for first, last, c in merges for r in range(first, last + 1)}
    height = f'<w:trHeight w:val="{dc.mm_to_twips(row_height_mm)}" w:hRule="atLeast"/>' if row_height_mm else ""
    body = []
    for r, values in enumerate(rows):
        flags = "<w:cantSplit/>" + height + ("<w:tblHeader/>" if r < header_rows else "")
        cells = []
        for c, value in enumerate(values):
            merge, cell_font = merged.get((r, c), (None, font))
            bold = Font(cell_font.east_asia, cell_font.size, cell_font.bold or r < header_rows)
            centred = center and not (c in left_columns and r >= header_rows)
            cells.append(_cell_xml(value if merge != "continue" else "", widths_twips[c], bold, centred, merge,
                                   top=not center))
        body.append(f"<w:tr><w:trPr>{flags}</w:trPr>{''.join(cells)}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    xml = (f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
           f'<w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')
    tbl = parse_xml(xml)
    doc.element.body.insert_element_before(tbl, "w:sectPr")
    return Table(tbl, doc._body)


def _cell_xml(text: str, width: int, font: Font, center: bool, merge: str | None, top: bool = False) -> str:
    from html import escape

    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    valign = "top" if top else "center"
    jc = "center" if center else "left"
    pieces = [f'<w:t xml:space="preserve">{escape(xml_safe(line), quote=False)}</w:t>' for line in text.split("\n")]
    run = f'<w:r>{_rpr_xml(font)}{"<w:br/>".join(pieces)}</w:r>' if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{vmerge}<w:vAlign w:val="{valign}"/></w:tcPr>'
            f'<w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>')


@functools.lru_cache(maxsize=None)
def _rpr_xml(font: Font) -> str:
    from lxml import etree

    return etree.tostring(_run_properties(font), encoding="unicode")


def save(doc, out) -> None:
    """Save through an atomic temporary file (no partial output on failure)."""
    from docgen.fsutil import atomic_path
    from docgen.writers.docx_word import finish

    finish(doc)
    with atomic_path(out) as tmp:
        doc.save(str(tmp))
