"""Paragraph and run formatting of a Word file, resolved as Word does: document defaults, then the
style chain (basedOn), then direct formatting. Anything the PDF drawer would not honour raises
`Unsupported`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from docgen.export.ooxml import Unsupported, local_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
         "both": "justify", "distribute": "distribute"}
PARAGRAPH_PARTS = {"pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"}
RUN_PARTS = {"rPr", "t", "br", "lastRenderedPageBreak"}
FIELD_PARTS = {"fldChar", "instrText"}  # allowed in footers: page numbers
RUN_PROPS = {"rFonts", "sz", "szCs", "b", "bCs", "color", "u", "spacing", "lang", "kern", "noProof", "rStyle",
             "webHidden"}
# Honoured, or without effect on a page of plain paragraphs.
PARA_PROPS = {"pStyle", "jc", "ind", "spacing", "pageBreakBefore", "keepNext", "keepLines", "widowControl",
              "rPr", "snapToGrid", "adjustRightInd", "autoSpaceDE", "autoSpaceDN", "wordWrap", "overflowPunct",
              "topLinePunct", "kinsoku", "contextualSpacing", "outlineLvl", "textAlignment",
              "tabs"}  # tab stops: without tab characters (unsupported) they change nothing


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class RunStyle:
    east: str = "宋体"
    latin: str = "Times New Roman"
    size: float = 10.5
    bold: bool = False
    rgb: tuple[int, int, int] = (0, 0, 0)
    underline: bool = False
    spacing: float = 0.0


@dataclass
class ParaStyle:
    align: str = "left"
    left: float = 0.0
    right: float = 0.0
    first: float = 0.0  # negative: hanging
    first_chars: float | None = None
    before: float = 0.0
    after: float = 0.0
    line: float = 240.0
    line_rule: str = "auto"
    page_break_before: bool = False
    keep_lines: bool = False
    keep_next: bool = False
    run: RunStyle = field(default_factory=RunStyle)


def parse_rgb(value: str) -> tuple[int, int, int]:
    if len(value) != 6 or value == "auto":
        return (0, 0, 0)
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


class Styles:
    """Paragraph and run properties as Word resolves them: defaults, style chain, direct formatting."""

    def __init__(self, root):
        self.by_id = {}
        self.default_para = None
        base = ParaStyle()
        if root is not None:
            defaults = root.find("w:docDefaults", NS)
            if defaults is not None:
                base = apply_ppr(base, defaults.find("w:pPrDefault/w:pPr", NS))
                base.run = apply_rpr(base.run, defaults.find("w:rPrDefault/w:rPr", NS))
            for style in root.iterfind("w:style", NS):
                self.by_id[style.get(w("styleId"))] = style
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                    self.default_para = style.get(w("styleId"))
        self.base = base
        self._cache: dict[str | None, ParaStyle] = {}

    def paragraph(self, style_id: str | None) -> ParaStyle:
        style_id = style_id or self.default_para
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id, 0)
        return self._cache[style_id]

    def _resolve(self, style_id: str | None, depth: int) -> ParaStyle:
        style = self.by_id.get(style_id)
        if style is None or depth > 10:
            return replace(self.base, run=replace(self.base.run))
        parent = style.find("w:basedOn", NS)
        resolved = self._resolve(parent.get(w("val")) if parent is not None else None, depth + 1)
        resolved = apply_ppr(resolved, style.find("w:pPr", NS))
        resolved.run = apply_rpr(resolved.run, style.find("w:rPr", NS))
        return resolved

    def run_style(self, style_id: str | None, run: RunStyle, depth: int = 0) -> RunStyle:
        style = self.by_id.get(style_id)
        if style is None or depth > 10:
            return run
        parent = style.find("w:basedOn", NS)
        if parent is not None:
            run = self.run_style(parent.get(w("val")), run, depth + 1)
        return apply_rpr(run, style.find("w:rPr", NS))


def _on(el) -> bool:
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")


def apply_ppr(style: ParaStyle, ppr) -> ParaStyle:
    style = replace(style)
    if ppr is None:
        return style
    for child in ppr:
        name = local_name(child)
        if name not in PARA_PROPS and name not in ("sectPr",):
            raise Unsupported(f"paragraph property {name}")
        if name == "sectPr":
            raise Unsupported("several sections")
    jc = ppr.find("w:jc", NS)
    if jc is not None:
        if jc.get(w("val")) not in ALIGN:
            raise Unsupported("alignment")
        style.align = ALIGN[jc.get(w("val"))]
    ind = ppr.find("w:ind", NS)
    if ind is not None:
        get = lambda *names: next((int(ind.get(w(n))) for n in names if ind.get(w(n)) is not None), None)  # noqa: E731
        left, right = get("left", "start"), get("right", "end")
        style.left = left / 20 if left is not None else style.left
        style.right = right / 20 if right is not None else style.right
        if get("hanging") is not None:
            style.first, style.first_chars = -get("hanging") / 20, None
        if get("firstLine") is not None:
            style.first, style.first_chars = get("firstLine") / 20, None
        if get("firstLineChars") is not None:
            style.first_chars = get("firstLineChars") / 100
        if get("leftChars", "startChars", "rightChars", "endChars", "hangingChars") is not None:
            raise Unsupported("indent in characters")
    spacing = ppr.find("w:spacing", NS)
    if spacing is not None:
        in_lines = any(int(spacing.get(w(name), "0")) for name in ("beforeLines", "afterLines"))
        automatic = any(spacing.get(w(name)) in ("1", "true", "on") for name in ("beforeAutospacing", "afterAutospacing"))
        if in_lines or automatic:
            raise Unsupported("spacing in lines or automatic spacing")
        style.before = int(spacing.get(w("before"), style.before * 20)) / 20
        style.after = int(spacing.get(w("after"), style.after * 20)) / 20
        if spacing.get(w("line")) is not None:
            style.line, style.line_rule = float(spacing.get(w("line"))), spacing.get(w("lineRule"), "auto")
    if ppr.find("w:pageBreakBefore", NS) is not None:
        style.page_break_before = _on(ppr.find("w:pageBreakBefore", NS))
    if ppr.find("w:keepLines", NS) is not None:
        style.keep_lines = _on(ppr.find("w:keepLines", NS))
    if ppr.find("w:keepNext", NS) is not None:
        style.keep_next = _on(ppr.find("w:keepNext", NS))
    return style


def apply_rpr(run: RunStyle, rpr) -> RunStyle:
    run = replace(run)
    if rpr is None:
        return run
    for child in rpr:
        if local_name(child) not in RUN_PROPS:
            raise Unsupported(f"run property {local_name(child)}")
    fonts = rpr.find("w:rFonts", NS)
    if fonts is not None:
        if any(name.split("}")[-1].endswith("Theme") for name in fonts.attrib):
            raise Unsupported("theme fonts")
        run.east = fonts.get(w("eastAsia"), run.east)
        run.latin = fonts.get(w("ascii"), run.latin)
    size = rpr.find("w:sz", NS)
    if size is not None:
        run.size = int(size.get(w("val"))) / 2
    if rpr.find("w:b", NS) is not None:
        run.bold = _on(rpr.find("w:b", NS))
    color = rpr.find("w:color", NS)
    if color is not None:
        run.rgb = parse_rgb(color.get(w("val"), "auto"))
    underline = rpr.find("w:u", NS)
    if underline is not None:
        if underline.get(w("val"), "single") not in ("single", "none", "words"):
            raise Unsupported("underline style")
        run.underline = underline.get(w("val"), "single") != "none"
    spacing = rpr.find("w:spacing", NS)
    if spacing is not None:
        run.spacing = int(spacing.get(w("val"), "0")) / 20
    return run
