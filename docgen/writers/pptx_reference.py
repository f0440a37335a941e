"""The reference presentation of a deck: its layouts, their placeholder frames, its notes master.

Read with `opc.Package` (no python-pptx). Layouts are those of the first slide master, as in
PowerPoint's "new slide" menu, found by name (English or Chinese) or by layout type; a layout the
reference lacks is copied in from the built-in reference under that master, scaled to the
reference's slide size (its text styles then follow the reference's master).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import TemplateError
from docgen.writers import opc

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_DOCUMENT = _RT + "officeDocument"
RT_MASTER, RT_LAYOUT, RT_SLIDE = _RT + "slideMaster", _RT + "slideLayout", _RT + "slide"
RT_NOTES_MASTER, RT_NOTES = _RT + "notesMaster", _RT + "notesSlide"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_PRESENTATION, CT_TEMPLATE = _PML + "presentation.main+xml", _PML + "template.main+xml"
MAIN_TYPES = {CT_PRESENTATION, CT_TEMPLATE, _PML + "slideshow.main+xml",
              "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"}
CT_LAYOUT, CT_SLIDE = _PML + "slideLayout+xml", _PML + "slide+xml"
CT_NOTES = _PML + "notesSlide+xml"
EMU_PER_INCH = 914400
LAYOUT_TYPES = {"Title Slide": "title", "Title and Content": "obj", "Section Header": "secHead"}
"""ST_SlideLayoutType of the layouts docgen uses."""
LAYOUT_NAMES_ZH = {"Title Slide": ("标题幻灯片",), "Title and Content": ("标题和内容",), "Section Header": ("节标题",)}
ROLES = {"title": ("title", "ctrTitle"), "body": ("body", "subTitle", "obj"), "footer": ("ftr",)}
LATENT = ("dt", "ftr", "sldNum")
"""Placeholders a new slide does not get from its layout (docgen adds footer and number itself)."""
MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
"""The master placeholder a layout placeholder takes its frame from; every other kind: body."""


def q(tag: str) -> str:
    """Clark notation of a prefixed tag: q("p:sp") -> "{...presentationml/2006/main}sp"."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


PH_PATH = "/".join(q(t) for t in ("p:nvSpPr", "p:nvPr", "p:ph"))
XFRM_EXT = "/".join(q(t) for t in ("p:spPr", "a:xfrm", "a:ext"))
R_ID = q("r:id")
SECTION_LIST = "{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst"


@dataclass
class Presentation:
    """A reference package and the name of its presentation part."""

    package: opc.Package
    main: str

    @property
    def root(self) -> etree._Element:
        return self.package.xml(self.main)

    def slide_size(self) -> tuple[int, int]:
        size = self.root.find(q("p:sldSz"))
        return (int(size.get("cx")), int(size.get("cy"))) if size is not None else (9144000, 6858000)

    def first_master(self) -> str:
        entry = self.root.find(f"{q('p:sldMasterIdLst')}/{q('p:sldMasterId')}")
        if entry is None:
            raise opc.PackageError("no slide master")
        return self.package.target(self.main, entry.get(R_ID))

    def layouts(self) -> list[tuple[str, str, str]]:
        """(name, type, part name) of the first master's layouts, in the master's order."""
        master = self.first_master()
        found = []
        for entry in self.package.xml(master).iter(q("p:sldLayoutId")):
            part = self.package.target(master, entry.get(R_ID))
            layout = self.package.xml(part)
            found.append((layout.find(q("p:cSld")).get("name", ""), layout.get("type", "cust"), part))
        return found

    def layout_candidates(self, name: str) -> list[str]:
        """The layouts that can stand for docgen's layout `name`: by its English name, by the name a
        Chinese PowerPoint or WPS gives it, then by its layout type (what a renamed layout keeps)."""
        layouts = self.layouts()
        names = (name, *LAYOUT_NAMES_ZH.get(name, ()))
        by_name = [part for wanted in names for n, _, part in layouts if n == wanted]
        by_type = [part for _, kind, part in layouts if kind == LAYOUT_TYPES.get(name)]
        return list(dict.fromkeys(by_name + by_type))


def load_presentation(path: Path) -> Presentation:
    """The package of a .pptx or .potx; a `TemplateError` naming the file for anything else."""
    try:
        return read_presentation(Path(path).read_bytes())
    except (OSError, opc.PackageError):
        raise TemplateError(f"{path}：文件已损坏或不是 PowerPoint 格式，请给出 .pptx 或 .potx 模板") from None


def read_presentation(data: bytes) -> Presentation:
    package = opc.Package.read(data)
    main = next(iter(package.related("", RT_DOCUMENT)), "")
    if package.content_type(main) not in MAIN_TYPES:
        raise opc.PackageError("not a presentation")
    package.overrides[main] = CT_PRESENTATION  # a .potx saved as a .pptx
    prs = Presentation(package, main)
    prs.first_master()
    return prs


def as_template(data: bytes, name: str) -> bytes:
    """A presentation's bytes as a PowerPoint template (.potx): PowerPoint refuses a .potx whose main
    part is declared a presentation. `name` says where the bytes come from, for the error."""
    try:
        prs = read_presentation(data)
    except opc.PackageError:
        raise TemplateError(f"{name}：文件已损坏或不是 PowerPoint 格式，请给出 .pptx 或 .potx 模板") from None
    prs.package.overrides[prs.main] = CT_TEMPLATE
    return prs.package.save()


def remove_slides(prs: Presentation) -> None:
    """Drop the reference's own sample slides, and whatever only they used or named them: their
    parts, custom shows, and PowerPoint's sections (which list slides by id; left behind, they
    make PowerPoint offer to repair the deck)."""
    id_list = prs.root.find(q("p:sldIdLst"))
    for entry in list(id_list) if id_list is not None else ():
        prs.package.drop_rel(prs.main, entry.get(R_ID))
        id_list.remove(entry)
    shows = prs.root.find(q("p:custShowLst"))
    if shows is not None:
        prs.root.remove(shows)
    ext_list = prs.root.find(q("p:extLst"))
    for ext in list(ext_list) if ext_list is not None else ():
        if ext.find(SECTION_LIST) is not None:
            ext_list.remove(ext)
    if ext_list is not None and not len(ext_list):
        prs.root.remove(ext_list)
    prs.package.prune()


# -- layouts ----------------------------------------------------------------------

@dataclass
class Placeholder:
    position: int | None
    """Its place among the placeholders a new slide gets from the layout (None: a latent one)."""
    sp: etree._Element
    width: int | None
    height: int | None
    """The frame in EMU, the layout's own or its master's; None when neither gives one."""


@dataclass
class LayoutInfo:
    """A layout with its placeholders found once: one placeholder per role, the footer placeholders."""

    part: str
    roles: dict[str, Placeholder]
    footers: list[etree._Element]
    element: etree._Element


def layout_info(prs: Presentation, part: str) -> LayoutInfo:
    """Title: the first title placeholder. Body: the first body, subtitle or content placeholder
    with idx 1 (PowerPoint's main text frame) or a subtitle, else the first of them at all (some
    exporters number it 0). Placeholders are told apart by position, not idx, which may repeat."""
    layout = prs.package.xml(part)
    master_frames = _master_frames(prs, prs.package.related(part, RT_MASTER))
    candidates: dict[str, list[tuple[bool, Placeholder]]] = {role: [] for role in ROLES}
    footers = []
    position = 0
    for sp in shapes(layout):
        ph = sp.find(PH_PATH)
        if ph is None:
            continue
        kind, idx = ph.get("type", "obj"), int(ph.get("idx", "0"))
        if kind in ("ftr", "sldNum"):
            footers.append(sp)
        width, height = _frame(sp) or master_frames.get(MASTER_TYPE.get(kind, "body"), (None, None))
        placeholder = Placeholder(None if kind in LATENT else position, sp, width, height)
        position += kind not in LATENT
        for role, kinds in ROLES.items():
            if kind in kinds:
                candidates[role].append((role != "body" or idx == 1 or kind == "subTitle", placeholder))
    roles = {}
    for role, found in candidates.items():
        preferred = [ph for first_choice, ph in found if first_choice] or [ph for _, ph in found]
        if preferred:
            roles[role] = preferred[0]
    return LayoutInfo(part, roles, footers, layout)


def _master_frames(prs: Presentation, masters: list[str]) -> dict[str, tuple[int, int]]:
    frames: dict[str, tuple[int, int]] = {}
    for sp in shapes(prs.package.xml(masters[0])) if masters else ():
        ph = sp.find(PH_PATH)
        frame = _frame(sp) if ph is not None else None
        if frame:
            frames.setdefault(ph.get("type", "obj"), frame)
    return frames


def shapes(root: etree._Element):
    """The top-level `p:sp` shapes of a slide, layout or master (placeholders are never grouped)."""
    return root.find(q("p:cSld")).find(q("p:spTree")).iterchildren(q("p:sp"))


def _frame(sp) -> tuple[int, int] | None:
    ext = sp.find(XFRM_EXT)
    return (int(ext.get("cx")), int(ext.get("cy"))) if ext is not None else None


def usable(info: LayoutInfo, needed: tuple[str, ...]) -> bool:
    """Each needed frame present and at least an inch each way."""
    for role in needed:
        ph = info.roles.get(role)
        if ph is None or ph.width is None or min(ph.width, ph.height) < EMU_PER_INCH:
            return False
    return True


def import_layout(prs: Presentation, source: Presentation, part: str) -> str:
    """Copy layout `part` of `source` under the first master of `prs`; the new part's name."""
    master = prs.first_master()
    package = prs.package
    layout = copy.deepcopy(source.package.xml(part))
    scale_shapes(layout, source.slide_size(), prs.slide_size())
    new = package.add(package.next_name("ppt/slideLayouts/slideLayout%d.xml"), CT_LAYOUT, layout)
    package.relate(new, master, RT_MASTER)
    r_id = package.relate(master, new, RT_LAYOUT)
    master_root = package.xml(master)
    id_list = master_root.find(q("p:sldLayoutIdLst"))
    if id_list is None:
        id_list = etree.Element(q("p:sldLayoutIdLst"))
        master_root.find(q("p:clrMap")).addnext(id_list)
    etree.SubElement(id_list, q("p:sldLayoutId"), {"id": str(_next_layout_id(prs)), R_ID: r_id})
    return new


def scale_shapes(layout: etree._Element, source: tuple[int, int], target: tuple[int, int]) -> None:
    """Fit a layout made for a `source`-sized slide to a `target`-sized one (a 16:9 layout into a
    4:3 template): every offset and extent scaled, each axis by its own ratio."""
    if source == target:
        return
    sx, sy = target[0] / source[0], target[1] / source[1]
    for element in layout.iter(q("a:off"), q("a:ext"), q("a:chOff"), q("a:chExt")):
        for name, factor in (("x", sx), ("cx", sx), ("y", sy), ("cy", sy)):
            if element.get(name) is not None:
                element.set(name, str(round(int(element.get(name)) * factor)))


def _next_layout_id(prs: Presentation) -> int:
    ids = [int(e.get("id")) for e in prs.root.iter(q("p:sldMasterId"))]
    for entry in prs.root.iter(q("p:sldMasterId")):
        master = prs.package.xml(prs.package.target(prs.main, entry.get(R_ID)))
        ids.extend(int(e.get("id")) for e in master.iter(q("p:sldLayoutId")))
    return max([2147483648, *ids]) + 1


# -- the notes master -------------------------------------------------------------------

def notes_master(prs: Presentation, builtin: Presentation) -> str:
    """The reference's notes master, or a copy of the built-in one (with its theme) when it has none
    or one without a notes text frame (where the verbatim speech goes)."""
    found = [r for r in prs.package.rels(prs.main) if r.type == RT_NOTES_MASTER]
    if found and _has_notes_body(prs.package.xml(found[0].target)):
        part, r_id = found[0].target, found[0].id
    else:
        for rel in found:
            prs.package.drop_rel(prs.main, rel.id)
        listed = prs.root.find(q("p:notesMasterIdLst"))
        if listed is not None:
            prs.root.remove(listed)
        source = next(p for p in (builtin, packaged_reference()) if _notes_master_of(p) is not None)
        part = _copy_part(source.package, _notes_master_of(source), prs.package)
        r_id = prs.package.relate(prs.main, part, RT_NOTES_MASTER)
    if prs.root.find(q("p:notesMasterIdLst")) is None:  # python-pptx relates a notes master without listing it
        id_list = etree.Element(q("p:notesMasterIdLst"))
        etree.SubElement(id_list, q("p:notesMasterId"), {R_ID: r_id})
        prs.root.find(q("p:sldMasterIdLst")).addnext(id_list)
    return part


def _notes_master_of(prs: Presentation) -> str | None:
    found = prs.package.related(prs.main, RT_NOTES_MASTER)
    return found[0] if found and _has_notes_body(prs.package.xml(found[0])) else None


def _has_notes_body(master: etree._Element) -> bool:
    return any(sp.find(PH_PATH) is not None and sp.find(PH_PATH).get("type") == "body" for sp in shapes(master))


def packaged_reference() -> Presentation:
    """docgen's own reference (every layout docgen uses, a notes master), whatever the templates
    folders override."""
    from docgen.resources import packaged_templates

    return read_presentation((packaged_templates() / "slides" / "reference.pptx").read_bytes())


def _copy_part(source: opc.Package, part: str, target: opc.Package) -> str:
    """Copy `part` and the parts it relates to (a notes master's theme) into `target`."""
    template = re.sub(r"\d*(\.\w+)$", r"%d\1", part)
    new = target.add(target.next_name(template), source.content_type(part), source.blob(part))
    for rel in source.rels(part):
        if rel.external:
            target.rels(new).append(copy.copy(rel))
        else:
            target.rels(new).append(opc.Rel(rel.id, rel.type, _copy_part(source, rel.target, target)))
    return new
