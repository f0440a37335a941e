"""Draw a planned `Deck` into a .pptx, as PresentationML written with lxml (no python-pptx).

Slides are made as PowerPoint makes them from a layout: the layout's placeholders (but the date,
footer and number) cloned empty, so position and style come from the layout and its master.
Every run gets `a:latin` + `a:ea` and `lang="zh-CN"`, every frame we fill gets auto-size off,
explicit insets and the measured font size. Each slide has a notes page with the verbatim text.
"""

from __future__ import annotations

import copy
import functools
import itertools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import TemplateError
from docgen.report import warn
from docgen.textutil import xml_safe
from docgen.writers import opc
from docgen.writers.opc import PackageError
from docgen.writers.measure import EMU_PER_PT, INSET_X_PT, INSET_Y_PT, Frame
from docgen.writers.pptx_reference import (
    CT_NOTES, CT_SLIDE, LATENT, NS, PH_PATH, R_ID, RT_LAYOUT, RT_NOTES, RT_NOTES_MASTER, RT_SLIDE, LayoutInfo,
    Presentation, import_layout, layout_info, load_presentation, notes_master, packaged_reference, q,
    remove_slides, shapes, usable,
)
from docgen.writers.slides_plan import (
    BULLETS, CONTENT, COVER, LAYOUTS, PLAIN, Deck, Geometry, SlideSpec, Text,
)

__all__ = ["Fonts", "PackageError", "geometry", "load_presentation", "remove_slides", "render", "resolve_layouts"]

CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
NOTES_CLONED = ("sldImg", "body", "sldNum")
PH_DEFAULTS = {"type": "obj", "idx": "0", "orient": "horz", "sz": "full"}
WITH_TEXT = ("title", "ctrTitle", "subTitle", "body", "obj")
BASENAMES = {
    "title": "Title", "ctrTitle": "Title", "subTitle": "Subtitle", "body": "Text Placeholder",
    "obj": "Content Placeholder", "pic": "Picture Placeholder", "tbl": "Table Placeholder",
    "chart": "Chart Placeholder", "dgm": "SmartArt Placeholder", "media": "Media Placeholder",
    "clipArt": "ClipArt Placeholder", "dt": "Date Placeholder", "ftr": "Footer Placeholder",
    "sldNum": "Slide Number Placeholder", "hdr": "Header Placeholder", "sldImg": "Slide Image Placeholder",
}
SLIDE_XML = (f'<p:sld xmlns:a="{NS["a"]}" xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"><p:cSld><p:spTree>'
             '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
             '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>')
NOTES_XML = (f'<p:notes xmlns:a="{NS["a"]}" xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"><p:cSld><p:spTree>'
             '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>'
             '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
             '</a:xfrm></p:grpSpPr></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>')


@dataclass(frozen=True)
class Fonts:
    title_ea: str = "微软雅黑"
    body_ea: str = "微软雅黑"
    latin: str = "Microsoft YaHei"


def resolve_layouts(prs: Presentation, builtin: Presentation, reference_name: str) -> dict[str, LayoutInfo]:
    """name -> layout for every layout docgen uses (see `layout_candidates`); a missing or unusable
    one is copied from `builtin`, with a warning."""
    layouts = {}
    for name in LAYOUTS:
        needed = ("title",) if name == COVER else ("title", "body")
        usable_ones = (info for part in prs.layout_candidates(name)
                       if usable(info := layout_info(prs, part), needed))
        info = next(usable_ones, None)
        if info is None:
            warn(f"{reference_name}：模板中没有可用的版式“{name}”，改用 docgen 内置版式")
            source, part = _builtin_layout(builtin, name, needed)
            info = layout_info(prs, import_layout(prs, source, part))
        elif name == COVER and "body" not in info.roles:
            warn(f"{reference_name}：版式“{name}”没有副标题框，封面只显示讲话标题，不显示培训班名称、讲话人和日期")
        layouts[name] = info
    return layouts


def _builtin_layout(builtin: Presentation, name: str, needed: tuple[str, ...]) -> tuple[Presentation, str]:
    """The usable layout `name` of `builtin` (a templates folder's reference may lack it too), else
    of the reference packaged with docgen."""
    for source in (builtin, packaged_reference()):
        part = next((p for p in source.layout_candidates(name) if usable(layout_info(source, p), needed)), None)
        if part is not None:
            return source, part
    raise TemplateError(f"docgen 内置课件模板缺少版式“{name}”，请重新安装 docgen")


def geometry(layouts: dict[str, LayoutInfo]) -> Geometry:
    """The frames the planner measures against, read from the layouts' placeholders."""
    frames = {}
    for name, info in layouts.items():
        for role, ph in info.roles.items():
            if ph.width is not None:
                frames[(name, role)] = Frame(ph.width / EMU_PER_PT, ph.height / EMU_PER_PT)
    frames.setdefault((CONTENT, "footer"), Frame(576, 27))
    return Geometry(frames)


# -- drawing ------------------------------------------------------------------

def render(deck: Deck, prs: Presentation, layouts: dict[str, LayoutInfo], fonts: Fonts, target: Path,
           builtin: Presentation | None = None) -> None:
    """Add the planned slides to `prs` and write the package to `target`."""
    parts = _Parts(prs, builtin or prs)
    for number, spec in enumerate(deck.slides, start=1):
        _slide(parts, layouts[spec.layout], spec, deck, fonts, number)
    _core_properties(prs.package, deck.title)
    Path(target).write_bytes(prs.package.save())


def _slide(parts: _Parts, info: LayoutInfo, spec: SlideSpec, deck: Deck, fonts: Fonts, number: int) -> None:
    slide = parts.slide(info)
    tree = slide.find(q("p:cSld")).find(q("p:spTree"))
    placeholders = [sp for sp in tree.iterchildren(q("p:sp")) if sp.find(PH_PATH) is not None]
    _fill(placeholders[info.roles["title"].position], spec.title, PLAIN, fonts.title_ea, fonts)
    body = placeholders[info.roles["body"].position] if "body" in info.roles else None
    if spec.body is not None and body is not None:
        _fill(body, spec.body, BULLETS if spec.body.bullets else PLAIN, fonts.body_ea, fonts)
    elif body is not None:
        tree.remove(body)
    if spec.kind != "cover":
        _footer(tree, info, deck, fonts, number)
    if spec.notes:
        notes = parts.notes()
        body = next(sp for sp in notes.iter(q("p:sp")) if sp.find(PH_PATH).get("type") == "body")
        _write(_tx_body(body), spec.notes.split("\n"), None, fonts.body_ea, fonts.latin)


def _fill(sp, text: Text, style, ea: str, fonts: Fonts) -> None:
    """Set a shape's text: auto-size off, explicit insets, the measured size on every run."""
    tx_body = _tx_body(sp)
    body_pr = tx_body.find(q("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    inset_x, inset_y = str(int(INSET_X_PT * EMU_PER_PT)), str(int(INSET_Y_PT * EMU_PER_PT))
    for name, value in (("wrap", "square"), ("lIns", inset_x), ("rIns", inset_x), ("tIns", inset_y),
                        ("bIns", inset_y)):
        body_pr.set(name, value)
    if text.centred:
        body_pr.set("anchor", "ctr")
    _sub(body_pr, "a:noAutofit")
    _write(tx_body, text.paragraphs, text, ea, fonts.latin, style)


def _tx_body(sp):
    """The shape's `p:txBody`, made (with an empty paragraph) when it has none."""
    tx_body = sp.find(q("p:txBody"))
    if tx_body is None:
        tx_body = etree.Element(q("p:txBody"))
        for tag in ("a:bodyPr", "a:lstStyle", "a:p"):
            _sub(tx_body, tag)
        anchor = sp.find(q("p:style"))
        (anchor if anchor is not None else sp.find(q("p:spPr"))).addnext(tx_body)
    return tx_body


def _write(tx_body, lines, text: Text | None, ea: str, latin: str, style=None) -> None:
    """Replace the paragraphs of `tx_body` with `lines`, fonts on every run."""
    for old in tx_body.findall(q("a:p")):
        tx_body.remove(old)
    for k, line in enumerate(lines):
        p = _sub(tx_body, "a:p")
        if text is not None:
            _paragraph_format(p, text, style, text.levels[k] if k < len(text.levels) else 0)
        for piece, emphasised in _pieces(line, text.emphasis if text else ()):
            run = _sub(p, "a:r")
            _run_properties(_sub(run, "a:rPr"), text.size if text else None, ea, latin, emphasised)
            _sub(run, "a:t").text = xml_safe(piece)


def _paragraph_format(p, text: Text, style, level: int = 0) -> None:
    indent = int(style.indent_em * text.size * EMU_PER_PT)
    margin = indent * (1 + level)  # a detail under a point heading: its bullet where the point's text starts
    pPr = _sub(p, "a:pPr", marL=str(margin), indent=str(-indent), eaLnBrk="1", hangingPunct="0", latinLnBrk="0")
    _sub(_sub(pPr, "a:lnSpc"), "a:spcPct", val="100000")
    _sub(_sub(pPr, "a:spcBef"), "a:spcPts", val=str(int(style.space_before_em * text.size * 100)))
    if not text.bullets:
        _sub(pPr, "a:buNone")


def _run_properties(rPr, size: float | None, ea: str, latin: str, emphasised: bool = False) -> None:
    rPr.set("lang", "zh-CN")
    rPr.set("altLang", "en-US")
    if size:
        rPr.set("sz", str(int(size * 100)))
    if emphasised:
        rPr.set("b", "1")
        _sub(_sub(rPr, "a:solidFill"), "a:schemeClr", val="accent1")
    for tag, face in (("a:latin", latin), ("a:ea", ea), ("a:cs", latin)):
        _sub(rPr, tag, typeface=face)


def _sub(parent, tag: str, **attributes):
    return etree.SubElement(parent, _clark(tag), **attributes)


@functools.lru_cache(maxsize=None)
def _clark(tag: str) -> str:
    return q(tag)


def _pieces(line: str, phrases: tuple[str, ...]) -> list[tuple[str, bool]]:
    """`line` cut into (text, emphasised) pieces at every occurrence of the phrases."""
    marks = [False] * len(line)
    for phrase in phrases:
        start = line.find(phrase)
        while start >= 0:
            marks[start:start + len(phrase)] = [True] * len(phrase)
            start = line.find(phrase, start + len(phrase))
    return [("".join(ch for ch, _ in run), mark) for mark, run in itertools.groupby(zip(line, marks), key=_second)]


def _second(pair: tuple[str, bool]) -> bool:
    return pair[1]


def _footer(tree, info: LayoutInfo, deck: Deck, fonts: Fonts, number: int) -> None:
    """The class name and the slide number, in copies of the layout's footer and number placeholders."""
    for layout_sp in info.footers:
        kind = layout_sp.find(PH_PATH).get("type")
        if kind == "ftr" and deck.footer is None:
            continue
        sp = copy.deepcopy(layout_sp)
        sp.find(q("p:nvSpPr")).find(q("p:cNvPr")).set("id", str(_next_shape_id(tree)))
        tree.append(sp)
        if kind == "ftr":
            _fill(sp, deck.footer, PLAIN, fonts.body_ea, fonts)
        else:
            size = deck.footer.size if deck.footer else 12
            _fill(sp, Text(("",), size), PLAIN, fonts.body_ea, fonts)
            _slide_number(sp.find(q("p:txBody")).find(q("a:p")), number, size, fonts)


def _slide_number(p, number: int, size: int, fonts: Fonts) -> None:
    for run in p.findall(q("a:r")):
        p.remove(run)
    field = _sub(p, "a:fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    _run_properties(_sub(field, "a:rPr"), size, fonts.body_ea, fonts.latin)
    _sub(field, "a:t").text = str(number)


def _next_shape_id(tree) -> int:
    return max(int(e.get("id", "0")) for e in tree.iter(q("p:cNvPr"))) + 1


def _core_properties(package: opc.Package, title: str) -> None:
    """The deck's title, language and dates in docProps/core.xml (made when the reference has none)."""
    found = package.related("", opc.RT_CORE)
    if found:
        root = package.xml(found[0])
    else:
        root = etree.Element(f"{{{opc.CP}}}coreProperties", nsmap={"cp": opc.CP, "dc": opc.DC})
        package.relate("", package.add("docProps/core.xml", CT_CORE, root), opc.RT_CORE)
    opc.stamp_core(root, xml_safe(title))


# -- parts ----------------------------------------------------------------------

class _Parts:
    """New slide and notes parts, each a copy of an empty one made once per layout."""

    def __init__(self, prs: Presentation, builtin: Presentation):
        self.prs, self.builtin = prs, builtin
        self.package = prs.package
        self._blank_slides: dict[str, etree._Element] = {}
        self._blank_notes: etree._Element | None = None
        self._notes_master = ""
        self._slide = ""
        id_list = prs.root.find(q("p:sldIdLst"))
        if id_list is None:
            id_list = etree.Element(q("p:sldIdLst"))
            _after_masters(prs.root).addnext(id_list)
        self._id_list = id_list
        self._next_id = max([255, *(int(e.get("id")) for e in id_list)]) + 1

    def slide(self, info: LayoutInfo):
        """The `p:sld` element of a new slide on `info`'s layout, added to the presentation."""
        if info.part not in self._blank_slides:
            self._blank_slides[info.part] = _blank(SLIDE_XML, info.element, LATENT, notes=False)
        element = copy.deepcopy(self._blank_slides[info.part])
        self._slide = self.package.add(self.package.next_name("ppt/slides/slide%d.xml"), CT_SLIDE, element)
        self.package.relate(self._slide, info.part, RT_LAYOUT)
        r_id = self.package.relate(self.prs.main, self._slide, RT_SLIDE)
        etree.SubElement(self._id_list, q("p:sldId"), {"id": str(self._next_id), R_ID: r_id})
        self._next_id += 1
        return element

    def notes(self):
        """The `p:notes` element of a new notes page for the slide made last."""
        if self._blank_notes is None:
            self._notes_master = notes_master(self.prs, self.builtin)
            master = self.package.xml(self._notes_master)
            self._blank_notes = _blank(NOTES_XML, master, (), notes=True)
        element = copy.deepcopy(self._blank_notes)
        part = self.package.add(self.package.next_name("ppt/notesSlides/notesSlide%d.xml"), CT_NOTES, element)
        self.package.relate(part, self._notes_master, RT_NOTES_MASTER)
        self.package.relate(part, self._slide, RT_SLIDE)
        self.package.relate(self._slide, part, RT_NOTES)
        return element


def _after_masters(root):
    """The element a new `p:sldIdLst` follows: the last of the master id lists."""
    for tag in ("p:handoutMasterIdLst", "p:notesMasterIdLst", "p:sldMasterIdLst"):
        found = root.find(q(tag))
        if found is not None:
            return found
    raise opc.PackageError("no slide master list")


def _blank(skeleton: str, source, skip: tuple[str, ...], notes: bool):
    """An empty slide (or notes page) with empty copies of `source`'s placeholders, as PowerPoint makes them."""
    root = etree.fromstring(skeleton)
    tree = root.find(q("p:cSld")).find(q("p:spTree"))
    shape_id = 2
    for sp in shapes(source):
        ph = sp.find(PH_PATH)
        kind = ph.get("type", "obj") if ph is not None else None
        if kind is None or kind in skip or (notes and kind not in NOTES_CLONED):
            continue
        tree.append(_empty_placeholder(ph, kind, shape_id, notes))
        shape_id += 1
    return root


def _empty_placeholder(ph, kind: str, shape_id: int, notes: bool):
    basename = "Notes Placeholder" if notes and kind == "body" else BASENAMES.get(kind, "Placeholder")
    if ph.get("orient") == "vert":
        basename = "Vertical " + basename
    sp = etree.Element(q("p:sp"))
    nv = _sub(sp, "p:nvSpPr")
    _sub(nv, "p:cNvPr", id=str(shape_id), name=f"{basename} {shape_id - 1}")
    _sub(_sub(nv, "p:cNvSpPr"), "a:spLocks", noGrp="1")
    new_ph = _sub(_sub(nv, "p:nvPr"), "p:ph")
    for name in ("type", "idx", "orient", "sz"):
        value = ph.get(name)
        if value is not None and value != PH_DEFAULTS[name]:
            new_ph.set(name, value)
    _sub(sp, "p:spPr")
    if kind in WITH_TEXT:
        tx_body = _sub(sp, "p:txBody")
        for tag in ("a:bodyPr", "a:lstStyle", "a:p"):
            _sub(tx_body, tag)
    return sp
