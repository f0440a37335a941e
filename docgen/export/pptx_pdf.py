"""Draw a .pptx made only of text boxes (docgen's table cards) straight to PDF.

LibreOffice needs about 10 ms a slide and gigabytes of memory for a 10,000-card deck; these
slides hold nothing but positioned, possibly rotated text boxes, which this module reads and
draws in a fraction of that (and the fold line, a straight connector). Anything else on a slide (pictures, tables, placeholders, shapes
with outlines or fills, shrink-to-fit) raises `Unsupported`, and the file goes to LibreOffice.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docgen.export.canvas import Canvas
from docgen.export.ooxml import Unsupported, local_name
from docgen.export.textlayout import IMPRESS_AUTOSPACE, Line, Run, aligned_x, prepare_line, wrap

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
EMU_PER_PT = 12700
ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "justify", "dist": "justify"}
SHAPE_PARTS = {"nvSpPr", "spPr", "txBody", "style"}


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    rotation: float
    insets: tuple[float, float, float, float]  # left, top, right, bottom
    anchor: str
    wrap: bool
    paragraphs: list  # lxml a:p elements


@dataclass
class Rule:
    """A straight connector (the cards' fold line)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    rgb: tuple[int, int, int]
    dash: tuple[float, float] | None


# OOXML preset dashes as (dash, gap) in line widths (ECMA-376 ST_PresetLineDashVal).
PRESET_DASHES = {"solid": None, "dash": (4, 3), "sysDash": (3, 1), "sysDot": (1, 1), "lgDash": (8, 3)}


def draw_pptx(source: Path, target: Path) -> list[str]:
    """Draw every slide of `source` into the PDF `target`; returns characters no font had."""
    from lxml import etree

    canvas, laid_out = Canvas(), {}
    with zipfile.ZipFile(source) as z:
        width, height, slides = _slides(z, etree)
        for slide in slides:
            shapes = [_rule(sp) if local_name(sp) == "cxnSp" else _box(sp)
                      for sp in _shapes(etree.fromstring(z.read(slide)))]
            canvas.add_page(width, height)
            for shape in shapes:
                if isinstance(shape, Rule):
                    canvas.line(shape.x1, shape.y1, shape.x2, shape.y2, shape.width, shape.rgb, shape.dash)
                else:
                    _draw_box(canvas, shape, laid_out)
    canvas.save(target)
    return sorted(canvas.missing)


def _rule(cxn) -> Rule:
    """A `p:cxnSp` straight line with a solid-colour outline; anything fancier goes to LibreOffice."""
    sp_pr = cxn.find("p:spPr", NS)
    xfrm, geom, ln = sp_pr.find("a:xfrm", NS), sp_pr.find("a:prstGeom", NS), sp_pr.find("a:ln", NS)
    if xfrm is None or geom is None or geom.get("prst") != "line" or ln is None or xfrm.get("rot"):
        raise Unsupported("connector")
    colour = ln.find("a:solidFill/a:srgbClr", NS)
    dash = ln.find("a:prstDash", NS)
    kind = dash.get("val", "solid") if dash is not None else "solid"
    if colour is None or kind not in PRESET_DASHES or {local_name(c) for c in ln} - {"solidFill", "prstDash"}:
        raise Unsupported("connector outline")
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    x, y = int(off.get("x")) / EMU_PER_PT, int(off.get("y")) / EMU_PER_PT
    w, h = int(ext.get("cx")) / EMU_PER_PT, int(ext.get("cy")) / EMU_PER_PT
    if xfrm.get("flipH") in ("1", "true"):
        x, w = x + w, -w
    if xfrm.get("flipV") in ("1", "true"):
        y, h = y + h, -h
    width = int(ln.get("w", "12700")) / EMU_PER_PT
    pattern = PRESET_DASHES[kind]
    value = colour.get("val")
    rgb = (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    return Rule(x, y, x + w, y + h, width, rgb, (pattern[0] * width, pattern[1] * width) if pattern else None)


def _slides(z: zipfile.ZipFile, etree) -> tuple[float, float, list[str]]:
    pres = etree.fromstring(z.read("ppt/presentation.xml"))
    size = pres.find("p:sldSz", NS)
    rels = _rels(z, "ppt/_rels/presentation.xml.rels", etree)
    slides = [rels[s.get(f"{{{NS['r']}}}id")] for s in pres.iterfind("p:sldIdLst/p:sldId", NS)]
    rels_seen: dict[tuple[str, bytes], str] = {}  # 10,000 cards share one relationship file's content
    for slide in slides:
        folder = posixpath.dirname(slide)
        data = z.read(posixpath.join(folder, "_rels", posixpath.basename(slide) + ".rels"))
        if (folder, data) not in rels_seen:
            rels_seen[folder, data] = _layout_of(folder, etree.fromstring(data))
    for layout in set(rels_seen.values()):
        _check_only_placeholders(z, layout, etree)
    return int(size.get("cx")) / EMU_PER_PT, int(size.get("cy")) / EMU_PER_PT, slides


def _rels(z: zipfile.ZipFile, rels_path: str, etree) -> dict[str, str]:
    base = posixpath.dirname(posixpath.dirname(rels_path))
    root = etree.fromstring(z.read(rels_path))
    return {r.get("Id"): posixpath.normpath(posixpath.join(base, r.get("Target")))
            for r in root.iterfind("rel:Relationship", NS) if r.get("TargetMode") != "External"}


def _layout_of(folder: str, rels) -> str:
    for r in rels.iterfind("rel:Relationship", NS):
        if r.get("Type").endswith("/slideLayout"):
            return posixpath.normpath(posixpath.join(folder, r.get("Target")))
    raise Unsupported("slide without layout")


def _check_only_placeholders(z: zipfile.ZipFile, layout: str, etree) -> None:
    """A layout or master shape that is not a placeholder would print on every slide."""
    rels = _rels(z, posixpath.join(posixpath.dirname(layout), "_rels", posixpath.basename(layout) + ".rels"), etree)
    master = next((t for t in rels.values() if "slideMaster" in t), None)
    if master is None:
        raise Unsupported("layout without master")
    for part in (layout, master):
        root = etree.fromstring(z.read(part))
        bg = root.find("p:cSld/p:bg", NS)
        if bg is not None and bg.find(".//a:schemeClr[@val='bg1']", NS) is None:
            raise Unsupported("background")
        for shape in root.find("p:cSld/p:spTree", NS)[2:]:
            if shape.find("*/p:nvPr/p:ph", NS) is None:
                raise Unsupported("shape on layout or master")


def _shapes(slide) -> list:
    if slide.find("p:cSld/p:bg", NS) is not None:
        raise Unsupported("slide background")
    shapes = list(slide.find("p:cSld/p:spTree", NS))[2:]  # after nvGrpSpPr and grpSpPr
    for shape in shapes:
        if local_name(shape) == "cxnSp" and {local_name(c) for c in shape} <= {"nvCxnSpPr", "spPr"}:
            continue
        if local_name(shape) != "sp" or shape.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None:
            raise Unsupported(local_name(shape))
        if {local_name(c) for c in shape} - SHAPE_PARTS:
            raise Unsupported("shape part")
    return shapes


def _box(sp) -> Box:
    sp_pr = sp.find("p:spPr", NS)
    xfrm = sp_pr.find("a:xfrm", NS)
    geom = sp_pr.find("a:prstGeom", NS)
    if xfrm is None or xfrm.get("flipH") in ("1", "true") or xfrm.get("flipV") in ("1", "true"):
        raise Unsupported("position")
    if geom is None or geom.get("prst") != "rect" or sp.find("p:style", NS) is not None:
        raise Unsupported("geometry")
    if any(local_name(c) not in ("xfrm", "prstGeom", "noFill") for c in sp_pr):
        raise Unsupported("fill or outline")
    body = sp.find("p:txBody", NS)
    if body is None:
        raise Unsupported("shape without text")
    pr = body.find("a:bodyPr", NS)
    if pr.get("vert", "horz") != "horz" or pr.find("a:normAutofit", NS) is not None or pr.get("numCol", "1") != "1":
        raise Unsupported("text body")
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    insets = tuple(int(pr.get(k, d)) / EMU_PER_PT for k, d in
                   (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720)))
    return Box(int(off.get("x")) / EMU_PER_PT, int(off.get("y")) / EMU_PER_PT,
               int(ext.get("cx")) / EMU_PER_PT, int(ext.get("cy")) / EMU_PER_PT,
               int(xfrm.get("rot", "0")) / 60000, insets, pr.get("anchor", "t"), pr.get("wrap") != "none",
               body.findall("a:p", NS))


def _draw_box(canvas: Canvas, box: Box, laid_out: dict) -> None:
    left, top, right, bottom = box.insets
    inner_w = box.w - left - right
    laid = [_laid_paragraph(canvas, p, inner_w, box.wrap, laid_out) for p in box.paragraphs]
    height = sum(before + sum(_line_height(line) for line, _, _ in lines) for before, lines in laid)
    free = box.h - top - bottom - height
    y = box.y + top + {"ctr": free / 2, "b": free}.get(box.anchor, 0.0)
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    with canvas.rotated(-box.rotation, cx, cy):
        for before, lines in laid:
            y += before
            for line, dx, ops in lines:
                canvas.stamp(ops, box.x + left + dx, y + line.size)
                y += _line_height(line)


def _laid_paragraph(canvas: Canvas, p, width: float, wraps: bool, laid_out: dict) -> tuple[float, list]:
    """Space before and the prepared lines of `p`; a deck of cards repeats paragraphs, each is laid out once."""
    from lxml import etree

    key = (etree.tostring(p), width, wraps)
    if key not in laid_out:
        before, align, lines = _paragraph(canvas, p, width if wraps else None)
        prepared = []
        for line in lines:
            x, extra = aligned_x(line, 0.0, width, align)
            prepared.append((line, x, prepare_line(canvas, line, extra)))
        laid_out[key] = (before, prepared)
    return laid_out[key]


def _line_height(line: Line) -> float:
    """Impress lays pptx text out with font-independent line spacing: 1.2 × the largest size, the
    baseline one size below the top (measured on LibreOffice's PDFs of docgen's cards)."""
    return 1.2 * line.size


def _paragraph(canvas: Canvas, p, width: float | None) -> tuple[float, str, list[Line]]:
    ppr = p.find("a:pPr", NS)
    align, before = "left", 0.0
    if ppr is not None:
        align = ALIGN.get(ppr.get("algn", "l"), "left")
        if ppr.find("a:lnSpc", NS) is not None or ppr.find("a:buChar", NS) is not None:
            raise Unsupported("line spacing or bullets")
        spc = ppr.find("a:spcBef/a:spcPts", NS)
        before = int(spc.get("val")) / 100 if spc is not None else 0.0
    runs = []
    for child in p:
        name = local_name(child)
        if name == "r":
            runs.append(_run(canvas, child))
        elif name == "br":
            runs.append(Run("\n", runs[-1].face if runs else canvas.face("sans-serif"), 18))
        elif name not in ("pPr", "endParaRPr"):
            raise Unsupported(name)
    if not runs:
        end = p.find("a:endParaRPr", NS)
        size = int(end.get("sz", "1800")) / 100 if end is not None else 18.0
        runs = [Run("", canvas.face("sans-serif"), size)]
    return before, align, wrap(canvas, runs, width, autospace=IMPRESS_AUTOSPACE)


def _run(canvas: Canvas, r) -> Run:
    pr = r.find("a:rPr", NS)
    size, bold, spacing, family, rgb = 18.0, False, 0.0, "sans-serif", (0, 0, 0)
    if pr is not None:
        if pr.get("i") in ("1", "true") or pr.get("u", "none") != "none" or pr.get("baseline"):
            raise Unsupported("run format")
        size = int(pr.get("sz", "1800")) / 100
        bold = pr.get("b") in ("1", "true")
        spacing = int(pr.get("spc", "0")) / 100
        font = pr.find("a:ea", NS) if pr.find("a:ea", NS) is not None else pr.find("a:latin", NS)
        if font is not None and not font.get("typeface", "+").startswith("+"):
            family = font.get("typeface")
        color = pr.find("a:solidFill/a:srgbClr", NS)
        if pr.find("a:solidFill", NS) is not None and color is None:
            raise Unsupported("colour")
        if color is not None:
            rgb = tuple(int(color.get("val")[i:i + 2], 16) for i in (0, 2, 4))
    text = r.findtext("a:t", default="", namespaces=NS)
    return Run(text, canvas.face(family, bold), size, rgb, spacing)
