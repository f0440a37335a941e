"""Build `docgen/data/base.docx`, the small package every Word writer starts from.

python-docx's default template carries 164 built-in styles (a 438 KB styles.xml) and a Word 2010
stylesWithEffects.xml of the same size; parsing and re-saving them was the largest single cost of
a build. The base keeps the document defaults, latentStyles (Word and WPS still offer every
built-in style through them) and only the styles docgen refers to; settings.xml gets the
`w:zoom w:percent` its schema requires.

Run after upgrading python-docx: `python -m docgen.writers.docx_base`.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "base.docx"
KEEP_STYLES = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList",
               "Header", "HeaderChar", "Footer", "FooterChar", "TableGrid")
"""The defaults, the header/footer styles python-docx's new headers and footers use, and the
'Table Grid' style of the quiz and survey tables."""


def build(out: Path = OUT) -> Path:
    from docx import Document
    from docx.oxml.ns import qn

    from docgen.writers import docx_common as dc
    from docgen.writers.docx_word import finish
    from docgen.writers.opc import save_neutral

    doc = Document()
    dc.fix_settings_zoom(doc)
    dc.drop_styles_with_effects(doc)
    for style in list(doc.styles.element.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            doc.styles.element.remove(style)
    finish(doc)
    save_neutral(doc, out)
    return out


if __name__ == "__main__":
    print(build())
