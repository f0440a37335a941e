"""Build the packaged Word template `docgen/templates/certificates/certificate.docx` (docxtpl tags).

Run once after changing the design: `python -m docgen.writers.certificates_template`.
The result is an ordinary .docx a union office can open in Word/WPS and reword; the
`{{ c.… }}` fields and the `{%p for … %}` paragraphs must stay.
"""

from __future__ import annotations

from pathlib import Path

from docgen.writers import docx_common as dc
from docgen.writers.docx_word import finish
from docgen.writers.opc import save_neutral

OUT = Path(__file__).resolve().parent.parent / "templates" / "certificates" / "certificate.docx"
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
NAME_PT = 26
"""The attendee's name: 一号, bold, beside the 18 pt text."""
SIGNATURE_LEFT_MM = 130
"""The organiser and the date centred over each other in the right part of the 227 mm line."""


def build(out: Path = OUT) -> Path:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    doc = dc.new_document()
    dc.set_doc_defaults(doc, BODY_FONT, BODY_FONT, 18)
    section = doc.sections[0]
    dc.set_page_a4(section, 25, 20, 35, 35, landscape=True)
    _page_border(section)
    body = doc.styles["Normal"].paragraph_format
    body.line_spacing_rule, body.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(36)

    def para(text, align=WD_ALIGN_PARAGRAPH.LEFT, before=0, size=None, font=None, indent=False, page_break=False):
        p = doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_before = Pt(before)
        p.paragraph_format.page_break_before = page_break
        if indent:
            dc.set_first_line_indent(p.paragraph_format, 720, 2)
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
            p.paragraph_format.line_spacing = Pt(size * 1.5)
        if font:
            dc.set_run_fonts(run, font)
        return p

    para("{%p for c in certificates %}")
    para("结　业　证　书", WD_ALIGN_PARAGRAPH.CENTER, before=18, size=42, font=TITLE_FONT, page_break=True)
    greeting = para("{{ c.name }}", before=24)
    greeting.runs[0].font.size, greeting.runs[0].font.bold = Pt(NAME_PT), True
    greeting.paragraph_format.line_spacing = Pt(NAME_PT * 1.5)
    greeting.add_run("同志：")
    para("于{{ c.dates }}参加{{ c.organiser }}举办的{{ c.class_name }}学习，完成规定课程，经考核合格，准予结业。",
         indent=True)
    para("特发此证。", indent=True)
    for n, text in enumerate(("{{ c.organiser }}", "{{ c.issue_date }}")):
        signature = para(text, WD_ALIGN_PARAGRAPH.CENTER, before=42 if n == 0 else 0)
        signature.paragraph_format.left_indent = Mm(SIGNATURE_LEFT_MM)
    para("证书编号：{{ c.serial }}", before=24, size=12)
    para("{%p endfor %}")
    finish(doc)
    save_neutral(doc, out)
    return out


def _page_border(section) -> None:
    """A double-line border around the page (`w:pgBorders`, placed right after `w:pgMar`)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "double"), ("w:sz", "18"), ("w:space", "24"), ("w:color", "B22222")):
            el.set(qn(attr), value)
        borders.append(el)
    section._sectPr.find(qn("w:pgMar")).addnext(borders)


if __name__ == "__main__":
    print(build())
