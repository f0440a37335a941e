"""Render planned card faces to .pptx: the slides are written as XML text into a ready-made package.

`docgen/data/cards_base.pptx` (made by `cards_base.py` with python-pptx) holds one blank A4
landscape slide; it becomes the first card and the model for the rest, added to the package
directly (python-pptx's `add_slide` scans every part already in the package: 11 s for 1,000 cards).
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib import resources
from pathlib import Path

from docgen.writers import opc
from docgen.writers.cards import PAGE_H_MM, PAGE_W_MM, SIDE_MARGIN_MM, CardFace

EMU_PER_MM = 36000
SLIDE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
CORE = "docProps/core.xml"


def render_cards(faces: list[CardFace], style: dict, target: Path) -> None:
    base = (resources.files("docgen") / "data" / "cards_base.pptx").read_bytes()
    package = io.BytesIO()  # many small members: far faster assembled in memory than seeking in a file
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as dst:
        if faces:
            _write_package(src, dst, faces, style)
        else:
            _without_slides(src, dst)
    Path(target).write_bytes(package.getvalue())


def _write_package(src: zipfile.ZipFile, dst: zipfile.ZipFile, faces: list[CardFace], style: dict) -> None:
    slide_model = src.read("ppt/slides/slide1.xml").decode("utf-8")
    slide_rels = src.read("ppt/slides/_rels/slide1.xml.rels")
    extra = range(2, len(faces) + 1)
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "ppt/slides/slide1.xml":
            data = _slide(slide_model, faces[0], style)
        elif item.filename == "ppt/presentation.xml":
            data = _add_slide_ids(data.decode("utf-8"), extra)
        elif item.filename == "ppt/_rels/presentation.xml.rels":
            rels = "".join(f'<Relationship Id="rIdCard{n}" Type="{SLIDE_TYPE}" Target="slides/slide{n}.xml"/>'
                           for n in extra)
            data = data.decode("utf-8").replace("</Relationships>", rels + "</Relationships>").encode("utf-8")
        elif item.filename == "[Content_Types].xml":
            types = "".join(f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{SLIDE_CT}"/>' for n in extra)
            data = data.decode("utf-8").replace("</Types>", types + "</Types>").encode("utf-8")
        elif item.filename == CORE:
            data = dated(data)
        dst.writestr(item.filename, data)
    for n, face in zip(extra, faces[1:]):
        dst.writestr(f"ppt/slides/slide{n}.xml", _slide(slide_model, face, style))
        dst.writestr(f"ppt/slides/_rels/slide{n}.xml.rels", slide_rels)


def _without_slides(src: zipfile.ZipFile, dst: zipfile.ZipFile) -> None:
    """The base without its model slide: an empty presentation for an empty roster."""
    for item in src.infolist():
        if item.filename.startswith("ppt/slides/"):
            continue
        data = src.read(item.filename)
        if item.filename == "ppt/presentation.xml":
            data = re.sub(rb"<p:sldIdLst>.*?</p:sldIdLst>", b"", data)
        elif item.filename == "ppt/_rels/presentation.xml.rels":
            data = re.sub(rb'<Relationship [^>]*Target="slides/slide1.xml"/>', b"", data)
        elif item.filename == "[Content_Types].xml":
            data = re.sub(rb'<Override PartName="/ppt/slides/slide1.xml"[^>]*/>', b"", data)
        elif item.filename == CORE:
            data = dated(data)
        dst.writestr(item.filename, data)


def dated(core: bytes) -> bytes:
    """The core properties dated now, in Chinese, titled 桌签."""
    from lxml import etree

    root = etree.fromstring(core)
    opc.stamp_core(root, "桌签")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_slide_ids(xml: str, numbers: range) -> bytes:
    ids = [int(i) for i in re.findall(r'<p:sldId id="(\d+)"', xml)]
    start = max(ids, default=255) + 1
    new = "".join(f'<p:sldId id="{start + i}" r:id="rIdCard{n}"/>' for i, n in enumerate(numbers))
    return xml.replace("</p:sldIdLst>", new + "</p:sldIdLst>").encode("utf-8")


def _slide(model: str, face: CardFace, style: dict) -> bytes:
    half = PAGE_H_MM / 2
    shapes = _textbox(2, 0.0, half, face, style, rotated=True) + _textbox(3, half, half, face, style, rotated=False)
    return model.replace("</p:spTree>", shapes + FOLD_LINE + "</p:spTree>").encode("utf-8")


FOLD_LINE = (
    '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="4" name="折线"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
    f'<p:spPr><a:xfrm><a:off x="{round(SIDE_MARGIN_MM * EMU_PER_MM)}" y="{round(PAGE_H_MM / 2 * EMU_PER_MM)}"/>'
    f'<a:ext cx="{round((PAGE_W_MM - 2 * SIDE_MARGIN_MM) * EMU_PER_MM)}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/>'
    '</a:solidFill><a:prstDash val="dash"/></a:ln></p:spPr></p:cxnSp>'
)
"""The fold: a light grey dashed half-point line across the middle, between the side margins."""


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run(text: str, font: str, size_pt: float, bold: bool = False, spacing_pt: float = 0.0) -> str:
    attrs = f'lang="zh-CN" altLang="en-US" sz="{round(size_pt * 100)}" b="{int(bold)}"'
    if spacing_pt:
        attrs += f' spc="{round(spacing_pt * 100)}"'
    f = esc(font)
    return (f'<a:r><a:rPr {attrs}><a:latin typeface="{f}"/><a:ea typeface="{f}"/><a:cs typeface="{f}"/></a:rPr>'
            f"<a:t>{esc(text)}</a:t></a:r>")


def _textbox(shape_id: int, top_mm: float, height_mm: float, face: CardFace, style: dict, rotated: bool) -> str:
    x, y = round(SIDE_MARGIN_MM * EMU_PER_MM), round(top_mm * EMU_PER_MM)
    cx, cy = round((PAGE_W_MM - 2 * SIDE_MARGIN_MM) * EMU_PER_MM), round(height_mm * EMU_PER_MM)
    rot = ' rot="10800000"' if rotated else ""
    if face.gap_pt:
        name_runs = (_run(face.name[0], style["name_font"], face.name_size, True, face.gap_pt)
                     + _run(face.name[1:], style["name_font"], face.name_size, True))
    else:
        name_runs = _run(face.name, style["name_font"], face.name_size, True)
    paragraphs = f'<a:p><a:pPr algn="ctr"/>{name_runs}</a:p>'
    if face.unit:
        before = round(face.unit_size * 50)
        paragraphs += (f'<a:p><a:pPr algn="ctr"><a:spcBef><a:spcPts val="{before}"/></a:spcBef></a:pPr>'
                       f'{_run(face.unit, style["unit_font"], face.unit_size)}</a:p>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm{rot}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            '<p:txBody><a:bodyPr wrap="none" rtlCol="0" anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{paragraphs}</p:txBody></p:sp>")
