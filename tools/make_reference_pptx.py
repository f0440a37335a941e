"""Build docgen's built-in 16:9 slide template: docgen/templates/slides/reference.pptx.

Run by hand after changing the design: `python tools/make_reference_pptx.py`.
Restrained union style: white slides, red (C8161D) and gold (D4A017) accents. The theme names the
fonts Chinese office machines have (微软雅黑 / Microsoft YaHei); on Linux fontconfig maps them to
Noto Sans CJK SC (see fonts/docgen-fonts.conf).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docgen" / "templates" / "slides" / "reference.pptx"

RED, GOLD, DARK_RED, TEXT, GREY = "C8161D", "D4A017", "8C0F14", "262626", "595959"
EA_FONT, LATIN_FONT = "微软雅黑", "Microsoft YaHei"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 × 7.5 in
NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
     'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'

# name: (left, top, width, height) in inches, per layout; "*" is the master.
BOXES = {
    "*": {"title": (0.6, 0.3, 12.133, 1.05), "body": (0.6, 1.6, 12.133, 5.05),
          "ftr": (0.6, 6.9, 8.0, 0.38), "sldNum": (10.733, 6.9, 2.0, 0.38), "dt": (8.8, 6.9, 1.8, 0.38)},
    "Title Slide": {"ctrTitle": (0.9, 1.7, 11.533, 2.0), "subTitle": (0.9, 4.1, 11.533, 2.0),
                    "ftr": (0.6, 7.02, 8.0, 0.4), "sldNum": (10.733, 7.02, 2.0, 0.4), "dt": (8.8, 7.02, 1.8, 0.4)},
    "Section Header": {"body": (0.4, 2.75, 3.6, 2.0), "title": (5.0, 1.5, 7.733, 4.5),
                       "ftr": (5.0, 6.9, 5.5, 0.38), "sldNum": (10.733, 6.9, 2.0, 0.38), "dt": (8.8, 6.9, 1.8, 0.38)},
}
# (left, top, width, height, colour) rectangles drawn behind the placeholders.
DECOR = {
    "*": [(0, 0, 13.333, 0.12, RED), (0.6, 1.4, 12.133, 0.04, GOLD), (0.6, 6.8, 12.133, 0.03, RED)],
    "Title Slide": [(0, 0, 13.333, 0.5, RED), (0, 0.5, 13.333, 0.06, GOLD), (5.667, 3.85, 2.0, 0.05, GOLD),
                    (0, 7.0, 13.333, 0.5, RED)],
    "Section Header": [(0, 0, 4.4, 7.5, RED), (4.4, 0, 0.08, 7.5, GOLD)],
}


def main() -> int:
    prs = Presentation()
    scale = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for layout in [master, *prs.slide_layouts]:
        _scale_x(layout, scale)
    _style_theme(master)
    _style_master(master)
    _place(master, BOXES["*"])
    _decorate(master, DECOR["*"])
    for layout in prs.slide_layouts:
        if layout.name in BOXES:
            _place(layout, BOXES[layout.name])
        if layout.name in DECOR:
            layout._element.set("showMasterSp", "0")
            _decorate(layout, DECOR[layout.name])
    _style_cover(prs.slide_layouts.get_by_name("Title Slide"))
    _style_section(prs.slide_layouts.get_by_name("Section Header"))
    prs.core_properties.title = "docgen 工会培训班课件模板"
    prs.notes_master  # python-pptx makes its default notes master: decks carry the verbatim speech in notes
    prs.part._element.sldSz.attrib.pop("type", None)  # 16:9 is a custom size, not "screen4x3"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(_as_shipped(prs))
    print(f"wrote {TARGET}")
    return 0


def _as_shipped(prs) -> bytes:
    """python-pptx relates the notes master but leaves it out of `p:notesMasterIdLst`; docgen's own
    package code adds the entry, and drops python-pptx's thumbnail, author and dates."""
    import io

    sys.path.insert(0, str(ROOT))
    from docgen.writers import pptx_reference
    from docgen.writers.opc import neutral_base

    buffer = io.BytesIO()
    prs.save(buffer)
    reference = pptx_reference.read_presentation(buffer.getvalue())
    pptx_reference.notes_master(reference, reference)
    return neutral_base(reference.package.save())


def _scale_x(part, scale: float) -> None:
    """Widen every shape of the 4:3 default so layouts we do not restyle still span 16:9."""
    for xfrm in part._element.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(int(int(off.get("x")) * scale)))
        if ext is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * scale)))


def _place(part, boxes: dict) -> None:
    for ph in part.placeholders:
        kind = ph._element.ph.get("type") or "body"
        if kind in boxes:
            left, top, width, height = boxes[kind]
            ph.left, ph.top, ph.width, ph.height = Inches(left), Inches(top), Inches(width), Inches(height)


def _decorate(part, rects) -> None:
    tree = part._element.find(qn("p:cSld")).find(qn("p:spTree"))
    anchor = tree.find(qn("p:grpSpPr"))
    for n, (left, top, width, height, colour) in enumerate(rects):
        anchor.addnext(_rect(900 + n, f"docgen decoration {n + 1}", left, top, width, height, colour))
        anchor = anchor.getnext()


def _rect(shape_id: int, name: str, left, top, width, height, colour: str):
    xml = (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
           f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{Inches(left)}" y="{Inches(top)}"/>'
           f'<a:ext cx="{Inches(width)}" cy="{Inches(height)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
           f'</a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
           f'</p:spPr></p:sp>')
    return etree.fromstring(xml)


def _style_theme(master) -> None:
    theme_part = next(r.target_part for r in master.part.rels.values() if r.reltype.endswith("/theme"))
    xml = theme_part.blob.decode("utf-8")
    xml = xml.replace('name="Office Theme"', 'name="docgen 工会"')
    colours = {"dk2": DARK_RED, "accent1": RED, "accent2": GOLD, "accent3": "7F7F7F", "accent4": "A6A6A6",
               "accent5": "B8860B", "accent6": "5B0A0D"}
    for slot, value in colours.items():
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>', xml)
    for kind in ("majorFont", "minorFont"):
        xml = re.sub(rf"(<a:{kind}>)<a:latin typeface=\"[^\"]*\"/><a:ea typeface=\"[^\"]*\"/>",
                     rf'\1<a:latin typeface="{LATIN_FONT}"/><a:ea typeface="{EA_FONT}"/>', xml)
        xml = re.sub(rf'(<a:{kind}>.*?<a:font script="Hans" typeface=")[^"]*"', rf'\1{EA_FONT}"', xml, flags=re.S)
    theme_part._blob = xml.encode("utf-8")


def _style_master(master) -> None:
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _set_run_defaults(title.find(qn("a:defRPr")), 3200, RED, bold=True)
    body = styles.find(qn("p:bodyStyle")).find(qn("a:lvl1pPr"))
    for child in list(body):
        if child.tag in (qn("a:buFont"), qn("a:buChar"), qn("a:spcBef")):
            body.remove(child)
    defaults = body.find(qn("a:defRPr"))
    for xml in (f'<a:spcBef {NS}><a:spcPts val="900"/></a:spcBef>',
                f'<a:buClr {NS}><a:srgbClr val="{RED}"/></a:buClr>',
                f'<a:buFont {NS} typeface="{EA_FONT}"/>', f'<a:buChar {NS} char="■"/>'):
        defaults.addprevious(etree.fromstring(xml))
    _set_run_defaults(defaults, 2400, TEXT)
    for level in styles.find(qn("p:bodyStyle")):
        level.set("eaLnBrk", "1")
        level.set("hangingPunct", "0")  # no punctuation hanging past the frame edge
    for ph in master.placeholders:
        if ph._element.ph.get("type") in ("ftr", "sldNum", "dt"):
            for rpr in ph._element.iter(qn("a:defRPr")):
                _set_run_defaults(rpr, 1200, GREY)


def _set_run_defaults(rpr, size: int, colour: str, bold: bool = False) -> None:
    rpr.set("sz", str(size))
    rpr.set("lang", "zh-CN")
    if bold:
        rpr.set("b", "1")
    fill = rpr.find(qn("a:solidFill"))
    if fill is not None:
        rpr.remove(fill)
    rpr.insert(0, etree.fromstring(f'<a:solidFill {NS}><a:srgbClr val="{colour}"/></a:solidFill>'))


def _list_style(ph, size: int, colour: str, bold: bool, align: str, anchor: str) -> None:
    """Give a layout placeholder its own first-level text style and vertical anchor."""
    body_pr = ph._element.txBody.find(qn("a:bodyPr"))
    body_pr.set("anchor", anchor)
    old = ph._element.txBody.find(qn("a:lstStyle"))
    new = etree.fromstring(
        f'<a:lstStyle {NS}><a:lvl1pPr marL="0" indent="0" algn="{align}"><a:buNone/>'
        f'<a:defRPr sz="{size}" b="{1 if bold else 0}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f'</a:defRPr></a:lvl1pPr></a:lstStyle>')
    old.addprevious(new)
    old.getparent().remove(old)


def _style_cover(layout) -> None:
    for ph in layout.placeholders:
        kind = ph._element.ph.get("type")
        if kind == "ctrTitle":
            _list_style(ph, 4000, RED, True, "ctr", "b")
        elif kind == "subTitle":
            _list_style(ph, 2400, GREY, False, "ctr", "t")
        elif kind in ("ftr", "sldNum", "dt"):
            _list_style(ph, 1200, "FFFFFF", False, "r" if kind == "sldNum" else "l", "ctr")


def _style_section(layout) -> None:
    for ph in layout.placeholders:
        kind = ph._element.ph.get("type") or "body"
        if kind == "title":
            _list_style(ph, 3600, RED, True, "l", "ctr")
        elif kind == "body":
            _list_style(ph, 4000, "FFFFFF", True, "ctr", "ctr")


if __name__ == "__main__":
    sys.exit(main())
