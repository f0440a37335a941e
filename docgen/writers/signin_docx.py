"""Render a SigninPlan to .docx: styles through python-docx, the table rows as XML text.

python-docx's `add_row` rescans the table on every call (quadratic), so every row is written
from one string template and the whole body parsed once; and each page is its own table (with
its header row) because LibreOffice lays out one very long table very slowly.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docgen.fsutil import atomic_path
from docgen.writers import docx_common as dc
from docgen.writers.docx_word import finish, runs_xml
from docgen.writers.signin_plan import MARGINS, SigninPlan

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE_IDS = {"title": "SigninTitle", "info": "SigninInfo", "cell": "SigninCell", "expected": "SigninExpected"}
BORDER = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
BORDERS = "".join(BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


MARKER = "DOCGEN-SIGNIN-BODY"


def render_signin(plan: SigninPlan, out: Path) -> None:
    doc = dc.new_document()
    doc.core_properties.title = plan.sheets[0].title if plan.sheets else ""
    style = plan.style
    dc.set_doc_defaults(doc, style["text_font"], style["text_font"], style["text_size"])
    _add_styles(doc, style)
    section = doc.sections[0]
    dc.set_page_a4(section, MARGINS["top"], MARGINS["bottom"], MARGINS["left"], MARGINS["right"],
                   footer_mm=MARGINS["footer"], landscape=plan.landscape)
    _footer(section, plan.footer, style["text_font"])
    doc.add_paragraph(MARKER)
    finish(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    with atomic_path(out) as tmp:
        splice_body(buffer.getvalue(), body_xml(plan), tmp)


def splice_body(package: bytes, body: str, target: Path) -> None:
    """Copy the saved package to `target`, the marker paragraph of document.xml replaced by `body`.

    Building the rows as text and splicing them in skips parsing and re-serialising a tree of
    millions of elements (the slow, memory-hungry part for 50,000 attendees).
    """
    with zipfile.ZipFile(io.BytesIO(package)) as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = _replace_marker(data.decode("utf-8"), body).encode("utf-8")
            dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)


def _replace_marker(xml: str, body: str) -> str:
    at = xml.index(MARKER)
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    return xml[:start] + body + xml[end:]


def _add_styles(doc, style: dict) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    from docgen.writers.signin_plan import line_pitch_pt

    specs = [
        ("title", style["title_font"], style["title_size"], True, WD_ALIGN_PARAGRAPH.CENTER, 6),
        ("info", style["text_font"], style["text_size"] + 1.5, False, WD_ALIGN_PARAGRAPH.CENTER, 6),
        ("cell", style["text_font"], style["text_size"], False, WD_ALIGN_PARAGRAPH.CENTER, 0),
        ("expected", style["text_font"], style["text_size"] + 1.5, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    ]
    for key, font, size, bold, align, after in specs:
        st = doc.styles.add_style(STYLE_IDS[key], WD_STYLE_TYPE.PARAGRAPH)
        dc.set_style_fonts(st, font, font, size, bold)
        pf = st.paragraph_format
        pf.alignment = align
        pf.space_before, pf.space_after = Pt(6 if key == "expected" else 0), Pt(after)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pitch_pt(size))


def _footer(section, pieces: list[str], font: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs = []
    for piece in pieces:
        if piece in ("PAGE", "NUMPAGES"):
            runs += dc.add_field(paragraph, piece)
        else:
            runs.append(paragraph.add_run(piece))
    for run in runs:
        dc.set_run_fonts(run, font)


# -- body XML -------------------------------------------------------------------

def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _twips(mm: float) -> int:
    return dc.mm_to_twips(mm)


def _paragraph(style_key: str, text: str, page_break: bool = False) -> str:
    brk = "<w:pageBreakBefore/>" if page_break else ""
    run = runs_xml(text, escape=esc) if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[style_key]}"/>{brk}</w:pPr>{run}</w:p>'


def _page_separator() -> str:
    """A one-point paragraph that starts the next page (tables side by side would merge)."""
    return ('<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


class _TableXml:
    """String templates for one sheet's tables, built once per plan."""

    def __init__(self, plan: SigninPlan):
        widths = [_twips(c.width_mm) for c in plan.columns]
        total = sum(widths)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        self.open = (f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
                     f'<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                     f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                     f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
        height = _twips(plan.style["row_height_mm"])
        self.row_open = f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
        self.header_open = (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/>'
                            '<w:tblHeader/></w:trPr>')
        cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        self.cells = [cell.format(w=w) for w in widths]
        left = {i for i, c in enumerate(plan.columns) if c.key == "unit"}
        cell_p = f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS["cell"]}"/>'
        self.p_open = [cell_p + ('<w:jc w:val="left"/>' if i in left else "") + "</w:pPr>"
                       for i in range(len(widths))]
        self.header = self._row([c.label for c in plan.columns], self.header_open, bold=True)

    def _row(self, texts: list[str], row_open: str, bold: bool = False) -> str:
        rpr = "<w:b/><w:bCs/>" if bold else ""
        parts = [row_open]
        for cell, p_open, text in zip(self.cells, self.p_open, texts):
            run = runs_xml(text, rpr, esc) if text else ""
            parts.append(f"{cell}{p_open}{run}</w:p></w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)

    def table(self, rows: list[list[str]]) -> str:
        return "".join([self.open, self.header, *(self._row(r, self.row_open) for r in rows), "</w:tbl>"])


def body_xml(plan: SigninPlan) -> str:
    tables = _TableXml(plan)
    parts: list[str] = []
    for n, sheet in enumerate(plan.sheets):
        parts.append(_paragraph("title", sheet.title, page_break=n > 0))
        parts += [_paragraph("info", line) for line in sheet.info_lines]
        for i, page in enumerate(sheet.pages):
            if i:
                parts.append(_page_separator())
            parts.append(tables.table(page))
        parts.append(_paragraph("expected", sheet.expected))
    return "".join(parts)
