"""Build `docgen/data/cards_base.pptx`, the package every set of table cards starts from.

python-pptx's default presentation, A4 landscape (a custom size, so PowerPoint's page setup does
not call it a 4:3 screen show), with one blank slide (the model for every card).
Shipped ready-made so that a build never imports python-pptx (~90 ms) for the cards.

Run after upgrading python-pptx: `python -m docgen.writers.cards_base`.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "cards_base.pptx"


def build(out: Path = OUT) -> Path:
    from pptx import Presentation
    from pptx.util import Mm

    from docgen.writers.cards import PAGE_H_MM, PAGE_W_MM
    from docgen.writers.opc import save_neutral

    prs = Presentation()
    prs.slide_width, prs.slide_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    prs.part._element.sldSz.attrib.pop("type", None)  # not "screen4x3": a custom (A4) size
    prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    save_neutral(prs, out)
    return out


if __name__ == "__main__":
    print(build())
