"""Draw a planned `Deck` into a .pptx: the only module that imports python-pptx.

Layouts come from the reference presentation by name; a layout it lacks is copied in from
the built-in reference (with a warning). Every run gets `a:latin` + `a:ea` and `lang="zh-CN"`,
every frame we fill gets auto-size off, explicit insets and the measured font size.
"""

from __future__ import annotations

import copy
import functools
import io
import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.oxml.ns import qn
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlideLayoutPart, SlidePart
from pptx.util import Inches

from docgen.errors import TemplateError
from docgen.report import warn
from docgen.textutil import xml_safe
from docgen.writers.measure import EMU_PER_PT, INSET_X_PT, INSET_Y_PT, Frame
from docgen.writers.slides_plan import (
    BULLETS, CONTENT, COVER, LAYOUTS, PLAIN, Deck, Geometry, SlideSpec, Text,
)

POTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
ROLES = {"title": ("title", "ctrTitle"), "body": ("body", "subTitle", "obj"), "footer": ("ftr",)}


@dataclass(frozen=True)
class Fonts:
    title_ea: str = "微软雅黑"
    body_ea: str = "微软雅黑"
    latin: str = "Microsoft YaHei"


# -- the reference presentation ----------------------------------------------

def load_presentation(path: Path):
    """A Presentation from a .pptx or .potx; a `TemplateError` for anything else."""
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".potx" or _is_template(data):
            data = _as_presentation(data)
        return Presentation(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as e:
        raise TemplateError(f"{path}：文件已损坏或不是 PowerPoint 格式，请给出 .pptx 或 .potx 模板") from None


def _is_template(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return POTX_TYPE.encode() in z.read("[Content_Types].xml")


def _as_presentation(data: bytes) -> bytes:
    """The .potx bytes with the main part declared as a presentation, which python-pptx opens."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                blob = blob.replace(POTX_TYPE.encode(), PPTX_TYPE.encode())
            dst.writestr(item, blob)
    return out.getvalue()


def remove_slides(prs) -> None:
    """Drop the reference's own sample slides (python-pptx has no API for it)."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)


@dataclass
class LayoutInfo:
    """A layout with its placeholders found once: (idx, shape) per role, footer placeholders."""

    layout: object
    roles: dict
    footers: list


def resolve_layouts(prs, builtin, reference_name: str) -> dict[str, LayoutInfo]:
    """name -> layout for every layout docgen uses; missing ones copied from `builtin` with a warning."""
    layouts = {}
    for name in LAYOUTS:
        layout = prs.slide_layouts.get_by_name(name)
        info = _layout_info(layout) if layout is not None else None
        if info is None or not _usable(info, name):
            warn(f"{reference_name}：模板中没有可用的版式“{name}”，改用 docgen 内置版式")
            info = _layout_info(_import_layout(prs, builtin.slide_layouts.get_by_name(name)))
        layouts[name] = info
    return layouts


def _layout_info(layout) -> LayoutInfo:
    roles, footers = {}, []
    for shape in layout.placeholders:
        ph = _ph(shape.element)
        kind, idx = ph.get("type", "body"), int(ph.get("idx", "0"))
        if kind in ("ftr", "sldNum"):
            footers.append(shape)
        for role, kinds in ROLES.items():
            if kind in kinds and role not in roles and (role != "body" or idx == 1 or kind == "subTitle"):
                roles[role] = (idx, shape)
    return LayoutInfo(layout, roles, footers)


def _usable(info: LayoutInfo, name: str) -> bool:
    """A title frame (and a body frame except on the cover), each at least an inch each way."""
    needed = ("title",) if name == COVER else ("title", "body")
    return all(role in info.roles and min(info.roles[role][1].width, info.roles[role][1].height) >= Inches(1)
               for role in needed)


def _ph(sp):
    """The `p:ph` of a shape element, found without XPath (python-pptx's is slow on big decks)."""
    return sp.find(_PH_PATH)


_PH_PATH = "/".join(qn(t) for t in ("p:nvSpPr", "p:nvPr", "p:ph"))


def _import_layout(prs, source):
    """Copy a built-in layout under the reference's first master; its text styles follow that master."""
    master = prs.slide_masters[0]
    package = prs.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart.load(partname, source.part.content_type, package, source.part.blob)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    new_id = _next_layout_id(prs)
    entry = master._element.get_or_add_sldLayoutIdLst()._add_sldLayoutId()
    entry.set("id", str(new_id))
    entry.set(qn("r:id"), r_id)
    return part.slide_layout


def _next_layout_id(prs) -> int:
    ids = [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    for master in prs.slide_masters:
        ids.extend(int(e.get("id")) for e in master._element.iter(qn("p:sldLayoutId")))
    return max([2147483648, *ids]) + 1


def geometry(layouts: dict[str, LayoutInfo]) -> Geometry:
    """The frames the planner measures against, read from the layouts' placeholders."""
    frames = {}
    for name, info in layouts.items():
        for role, (_, shape) in info.roles.items():
            frames[(name, role)] = Frame(shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)
    frames.setdefault((CONTENT, "footer"), Frame(576, 27))
    return Geometry(frames)


# -- drawing ------------------------------------------------------------------

def render(deck: Deck, prs, layouts: dict[str, LayoutInfo], fonts: Fonts, target: Path) -> None:
    """Add the planned slides to `prs` and save it to `target`."""
    _fast_partnames(prs.part.package)
    parts = _Parts(prs)
    for number, spec in enumerate(deck.slides, start=1):
        _slide(parts, layouts[spec.layout], spec, deck, fonts, number)
    prs.core_properties.title = deck.title
    prs.core_properties.language = "zh-CN"
    prs.save(str(target))


def _slide(parts: _Parts, info: LayoutInfo, spec: SlideSpec, deck: Deck, fonts: Fonts, number: int) -> None:
    slide = parts.slide(info.layout)
    shapes = _placeholders(slide.shapes._spTree)
    _fill(shapes[info.roles["title"][0]], spec.title, PLAIN, fonts.title_ea, fonts)
    body = shapes.get(info.roles["body"][0]) if "body" in info.roles else None
    if spec.body is not None and body is not None:
        _fill(body, spec.body, BULLETS if spec.body.bullets else PLAIN, fonts.body_ea, fonts)
    elif body is not None:
        body.getparent().remove(body)
    if spec.kind != "cover":
        _footer(slide, info, deck, fonts, number)
    if spec.notes:
        notes = parts.notes(slide)
        body = next(sp for sp in notes.iter(qn("p:sp")) if (_ph(sp) is not None and _ph(sp).get("type") == "body"))
        _write(body.get_or_add_txBody(), spec.notes.split("\n"), None, fonts.body_ea, fonts.latin)


def _placeholders(tree) -> dict:
    """idx -> placeholder `p:sp` element of a shape tree."""
    out = {}
    for sp in tree.iterchildren(qn("p:sp")):
        ph = _ph(sp)
        if ph is not None:
            out[int(ph.get("idx", "0"))] = sp
    return out


def _fill(sp, text: Text, style, ea: str, fonts: Fonts) -> None:
    """Set a shape's text: auto-size off, explicit insets, the measured size on every run."""
    tx_body = sp.get_or_add_txBody()
    body_pr = tx_body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    inset_x, inset_y = str(int(INSET_X_PT * EMU_PER_PT)), str(int(INSET_Y_PT * EMU_PER_PT))
    for name, value in (("wrap", "square"), ("lIns", inset_x), ("rIns", inset_x), ("tIns", inset_y),
                        ("bIns", inset_y)):
        body_pr.set(name, value)
    _sub(body_pr, "a:noAutofit")
    _write(tx_body, text.paragraphs, text, ea, fonts.latin, style)


def _write(tx_body, lines, text: Text | None, ea: str, latin: str, style=None) -> None:
    """Replace the paragraphs of `tx_body` with `lines`, fonts on every run."""
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for line in lines:
        p = _sub(tx_body, "a:p")
        if text is not None:
            _paragraph_format(p, text, style)
        for piece, emphasised in _pieces(line, text.emphasis if text else ()):
            run = _sub(p, "a:r")
            _run_properties(_sub(run, "a:rPr"), text.size if text else None, ea, latin, emphasised)
            _sub(run, "a:t").text = xml_safe(piece)


def _paragraph_format(p, text: Text, style) -> None:
    indent = int(style.indent_em * text.size * EMU_PER_PT)
    pPr = _sub(p, "a:pPr", marL=str(indent), indent=str(-indent), eaLnBrk="1", hangingPunct="0", latinLnBrk="0")
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
    """`qn(tag)`, remembered: python-pptx builds a str subclass each call (about 1,800 per deck)."""
    return qn(tag)


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


def _footer(slide, info: LayoutInfo, deck: Deck, fonts: Fonts, number: int) -> None:
    """The class name and the slide number, in copies of the layout's footer and number placeholders."""
    tree = slide.shapes._spTree
    for layout_shape in info.footers:
        kind = _ph(layout_shape.element).get("type")
        if kind == "ftr" and deck.footer is None:
            continue
        sp = copy.deepcopy(layout_shape.element)
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(slide.shapes._next_shape_id))
        tree.append(sp)
        if kind == "ftr":
            _fill(sp, deck.footer, PLAIN, fonts.body_ea, fonts)
        else:
            size = deck.footer.size if deck.footer else 12
            _fill(sp, Text(("",), size), PLAIN, fonts.body_ea, fonts)
            _slide_number(sp.txBody.find(qn("a:p")), number, size, fonts)


def _slide_number(p, number: int, size: int, fonts: Fonts) -> None:
    for run in p.findall(qn("a:r")):
        p.remove(run)
    field = _sub(p, "a:fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    _run_properties(_sub(field, "a:rPr"), size, fonts.body_ea, fonts.latin)
    _sub(field, "a:t").text = str(number)


# -- parts ----------------------------------------------------------------------

def _fast_partnames(package) -> None:
    """Number new parts from counters: python-pptx rescans every part for each new one (O(n²))."""
    used = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = counters.get(template, 0) + 1
        while template % n in used:
            n += 1
        counters[template] = n
        used.add(template % n)
        return PackURI(template % n)

    package.next_partname = next_partname


class _Parts:
    """New slides and notes slides copied from the first of their kind.

    python-pptx clones every layout and notes-master placeholder through XPath for each new
    slide; copying a blank made once is several times faster on a 100-slide deck.
    """

    def __init__(self, prs):
        self.prs = prs
        self._blank_slides: dict[int, object] = {}
        self._blank_notes = None
        self._notes_master = None

    def slide(self, layout):
        key = id(layout.part)
        if key not in self._blank_slides:
            slide = self.prs.slides.add_slide(layout)
            self._blank_slides[key] = copy.deepcopy(slide._element)
            return slide
        presentation = self.prs.part
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                         copy.deepcopy(self._blank_slides[key]))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        self.prs.slides._sldIdLst.add_sldId(presentation.relate_to(part, RT.SLIDE))
        return part.slide

    def notes(self, slide):
        """The `p:notes` element of a new notes slide for `slide`."""
        if self._blank_notes is None:
            notes = slide.notes_slide
            self._blank_notes = copy.deepcopy(notes._element)
            self._notes_master = notes.part.part_related_by(RT.NOTES_MASTER)
            return notes._element
        package = slide.part.package
        part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                              package, copy.deepcopy(self._blank_notes))
        part.relate_to(self._notes_master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part._element
