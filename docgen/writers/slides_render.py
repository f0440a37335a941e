"""Draw a planned `Deck` into a .pptx: the only module that imports python-pptx.

Layouts come from the reference presentation by name; a layout it lacks is copied in from
the built-in reference (with a warning). Every run gets `a:latin` + `a:ea` and `lang="zh-CN"`,
every frame we fill gets auto-size off, explicit insets and the measured font size.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import SlideLayoutPart
from pptx.util import Pt

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
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise TemplateError(f"{path}：无法作为 PowerPoint 模板打开（{type(e).__name__}），请给出 .pptx 或 .potx 文件") from None


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


def resolve_layouts(prs, builtin, reference_name: str) -> dict:
    """name -> layout for every layout docgen uses; missing ones copied from `builtin` with a warning."""
    layouts = {}
    for name in LAYOUTS:
        layout = prs.slide_layouts.get_by_name(name)
        if layout is None or not _has_roles(layout, name):
            warn(f"{reference_name}：模板中没有可用的版式“{name}”，改用 docgen 内置版式")
            layout = _import_layout(prs, builtin.slide_layouts.get_by_name(name))
        layouts[name] = layout
    return layouts


def _has_roles(layout, name: str) -> bool:
    return _placeholder(layout, "title") is not None and (name == COVER or _placeholder(layout, "body") is not None)


def _import_layout(prs, source):
    """Copy a built-in layout under the reference's first master; its text styles follow that master."""
    master = prs.slide_masters[0]
    package = prs.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart.load(partname, source.part.content_type, package, source.part.blob)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    entry = id_list._add_sldLayoutId()
    entry.set("id", str(_next_layout_id(prs)))
    entry.set(qn("r:id"), r_id)
    return part.slide_layout


def _next_layout_id(prs) -> int:
    ids = [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    for master in prs.slide_masters:
        ids.extend(int(e.get("id")) for e in master._element.iter(qn("p:sldLayoutId")))
    return max([2147483648, *ids]) + 1


def geometry(layouts: dict) -> Geometry:
    """The frames the planner measures against, read from the layouts' placeholders."""
    frames = {}
    for name, layout in layouts.items():
        for role in ROLES:
            ph = _placeholder(layout, role)
            if ph is not None:
                frames[(name, role)] = Frame(ph.width / EMU_PER_PT, ph.height / EMU_PER_PT)
    if (CONTENT, "footer") not in frames:
        frames[(CONTENT, "footer")] = Frame(576, 27)
    return Geometry(frames)


def _placeholder(layout, role: str):
    """The layout's placeholder for a role: title, body (idx 1 or the subtitle) or footer."""
    for ph in layout.placeholders:
        kind = ph.element.ph.get("type") or "body"
        if kind not in ROLES[role]:
            continue
        if role == "body" and kind != "subTitle" and ph.element.ph_idx != 1:
            continue
        return ph
    return None


# -- drawing ------------------------------------------------------------------

def render(deck: Deck, prs, layouts: dict, fonts: Fonts, target: Path) -> None:
    """Add the planned slides to `prs` and save it to `target`."""
    for number, spec in enumerate(deck.slides, start=1):
        _slide(prs, layouts[spec.layout], spec, deck, fonts, number)
    prs.core_properties.title = deck.title
    prs.core_properties.language = "zh-CN"
    prs.save(str(target))


def _slide(prs, layout, spec: SlideSpec, deck: Deck, fonts: Fonts, number: int) -> None:
    slide = prs.slides.add_slide(layout)
    _fill(_on_slide(slide, layout, "title"), spec.title, PLAIN, fonts.title_ea, fonts)
    body = _on_slide(slide, layout, "body")
    if spec.body is not None and body is not None:
        _fill(body, spec.body, BULLETS if spec.body.bullets else PLAIN, fonts.body_ea, fonts)
    elif body is not None:
        body.element.getparent().remove(body.element)
    if spec.kind != "cover":
        _footer(slide, layout, deck, fonts, number)
    _notes(slide, spec.notes, fonts)


def _on_slide(slide, layout, role: str):
    wanted = _placeholder(layout, role)
    if wanted is None:
        return None
    idx = wanted.element.ph_idx
    for ph in slide.placeholders:
        if ph.element.ph_idx == idx:
            return ph
    return None


def _fill(shape, text: Text, style, ea: str, fonts: Fonts) -> None:
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("left", "right"):
        setattr(frame, f"margin_{side}", Pt(INSET_X_PT))
    for side in ("top", "bottom"):
        setattr(frame, f"margin_{side}", Pt(INSET_Y_PT))
    for i, line in enumerate(text.paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _paragraph_format(paragraph, text, style)
        for piece, emphasised in _pieces(line, text.emphasis):
            run = paragraph.add_run()
            run.text = xml_safe(piece)
            _run_format(run, text.size, ea, fonts.latin, emphasised)


def _paragraph_format(paragraph, text: Text, style) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    indent = int(style.indent_em * text.size * EMU_PER_PT)
    pPr.set("marL", str(indent))
    pPr.set("indent", str(-indent))
    pPr.set("eaLnBrk", "1")
    pPr.set("hangingPunct", "1")
    pPr.set("latinLnBrk", "0")
    for child in list(pPr):
        pPr.remove(child)
    for xml in ('<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>',
                f'<a:spcBef><a:spcPts val="{int(style.space_before_em * text.size * 100)}"/></a:spcBef>'):
        pPr.append(_element(xml))
    if not text.bullets:
        pPr.append(_element("<a:buNone/>"))


def _element(xml: str):
    """Parse a DrawingML fragment written without its namespace declaration."""
    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {nsdecls('a')}", xml, count=1))


def _pieces(line: str, phrases: tuple[str, ...]) -> list[tuple[str, bool]]:
    """`line` cut into (text, emphasised) pieces at every occurrence of the phrases."""
    marks = [False] * len(line)
    for phrase in phrases:
        start = line.find(phrase)
        while start >= 0:
            marks[start:start + len(phrase)] = [True] * len(phrase)
            start = line.find(phrase, start + len(phrase))
    pieces: list[tuple[str, bool]] = []
    for ch, mark in zip(line, marks):
        if pieces and pieces[-1][1] == mark:
            pieces[-1] = (pieces[-1][0] + ch, mark)
        else:
            pieces.append((ch, mark))
    return pieces


def _run_format(run, size: float | None, ea: str, latin: str, emphasised: bool = False) -> None:
    rPr = run._r.get_or_add_rPr()
    rPr.set("lang", "zh-CN")
    rPr.set("altLang", "en-US")
    if size:
        rPr.set("sz", str(int(size * 100)))
    if emphasised:
        rPr.set("b", "1")
        rPr.append(_element('<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>'))
    for tag, face in (("a:latin", latin), ("a:ea", ea), ("a:cs", latin)):
        rPr.append(_element(f'<{tag} typeface="{face}"/>'))


def _footer(slide, layout, deck: Deck, fonts: Fonts, number: int) -> None:
    """The class name and the slide number, in the layout's own footer and number placeholders."""
    for ph in layout.placeholders:
        kind = ph.element.ph.get("type")
        if kind == "ftr" and deck.footer is not None:
            shape = _clone(slide, ph)
            _fill(shape, deck.footer, PLAIN, fonts.body_ea, fonts)
        elif kind == "sldNum":
            shape = _clone(slide, ph)
            _slide_number(shape, number, deck.footer.size if deck.footer else 12, fonts)


def _clone(slide, layout_placeholder):
    slide.shapes.clone_placeholder(layout_placeholder)
    return slide.placeholders[layout_placeholder.element.ph_idx]


def _slide_number(shape, number: int, size: int, fonts: Fonts) -> None:
    frame = shape.text_frame
    frame.clear()
    frame.auto_size = MSO_AUTO_SIZE.NONE
    p = frame.paragraphs[0]._p
    field = _element(
        f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr lang="zh-CN" altLang="en-US" sz="{size * 100}"><a:latin typeface="{fonts.latin}"/>'
        f'<a:ea typeface="{fonts.body_ea}"/><a:cs typeface="{fonts.latin}"/></a:rPr><a:t>{number}</a:t></a:fld>')
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        p.append(field)


def _notes(slide, notes: str, fonts: Fonts) -> None:
    if not notes:
        return
    frame = slide.notes_slide.notes_text_frame
    frame.clear()
    for i, line in enumerate(notes.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = xml_safe(line)
        _run_format(run, None, fonts.body_ea, fonts.latin)

