"""Draw a .docx made only of plain paragraphs (docgen's certificates) straight to PDF.

A certificate run is a page-per-attendee mail merge: 10,000 pages of a few paragraphs, which
LibreOffice lays out at about 5 ms a page. This module reads the paragraphs, styles and the page
setup, wraps and places the lines as Word and LibreOffice do, and draws them. A file holding
anything else (tables, pictures, fields, lists, headers with text, several sections, italics…)
raises `Unsupported` and goes to LibreOffice instead, so an edited template is never misprinted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen.export.canvas import Canvas, Glyphs
from docgen.export.pptx_pdf import Unsupported, etree_name
from docgen.export.textlayout import Line, Run, aligned_x, prepare_line, wrap

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W}
ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
         "both": "justify", "distribute": "justify"}
PARAGRAPH_PARTS = {"pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"}
RUN_PARTS = {"rPr", "t", "br", "lastRenderedPageBreak"}
RUN_PROPS = {"rFonts", "sz", "szCs", "b", "bCs", "color", "u", "spacing", "lang", "kern", "noProof", "rStyle",
             "webHidden"}
PARA_PROPS = {"pStyle", "jc", "ind", "spacing", "pageBreakBefore", "keepNext", "keepLines", "widowControl",
              "rPr", "snapToGrid", "adjustRightInd", "autoSpaceDE", "autoSpaceDN", "wordWrap", "overflowPunct",
              "topLinePunct", "kinsoku", "contextualSpacing", "outlineLvl", "textAlignment"}
BORDER_STYLES = {"single": 1, "thick": 1, "double": 2}


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
    run: RunStyle = field(default_factory=RunStyle)


@dataclass
class PlacedLine:
    x: float
    ascent: float  # baseline below the line's top
    height: float
    ops: list[Glyphs]


@dataclass
class Page:
    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float
    borders: list = field(default_factory=list)  # (side, style, width, space, rgb)
    border_from_page: bool = True


def draw_docx(source: Path, target: Path) -> list[str]:
    """Draw `source` into the PDF `target`; returns characters no font had."""
    from lxml import etree

    with zipfile.ZipFile(source) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
        styles = _Styles(etree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in z.namelist() else None)
        page = _page(body, z, etree)
    paragraphs = _body_paragraphs(body)
    canvas = Canvas()
    _Writer(canvas, page, styles).write(paragraphs)
    canvas.save(target)
    return sorted(canvas.missing)


def _body_paragraphs(body) -> list:
    children = list(body)
    if not children or etree_name(children[-1]) != "sectPr":
        raise Unsupported("no section")
    paragraphs = children[:-1]
    for p in paragraphs:
        if etree_name(p) != "p":
            raise Unsupported(etree_name(p))
        if {etree_name(c) for c in p} - PARAGRAPH_PARTS:
            raise Unsupported("paragraph content")
    return paragraphs


def _page(body, z: zipfile.ZipFile, etree) -> Page:
    sect = body[-1]
    refs = list(sect.iterfind("w:headerReference", NS)) + list(sect.iterfind("w:footerReference", NS))
    for ref in refs:
        _check_empty_part(z, ref.get(f"{{{R}}}id"), etree)
    grid, cols = sect.find("w:docGrid", NS), sect.find("w:cols", NS)
    if grid is not None and grid.get(w("type"), "default") != "default":
        raise Unsupported("document grid")
    if cols is not None and cols.get(w("num"), "1") != "1":
        raise Unsupported("columns")
    size, margin = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    tw = lambda el, name, default=0: int(el.get(w(name), default)) / 20 if el is not None else default / 20  # noqa: E731
    page = Page(tw(size, "w", 11906), tw(size, "h", 16838), tw(margin, "top", 1440), tw(margin, "right", 1800),
                tw(margin, "bottom", 1440), tw(margin, "left", 1800))
    borders = sect.find("w:pgBorders", NS)
    if borders is not None:
        page.border_from_page = borders.get(w("offsetFrom"), "text") == "page"
        for side in borders:
            style = side.get(w("val"), "none")
            if style in ("none", "nil"):
                continue
            if style not in BORDER_STYLES:
                raise Unsupported("page border style")
            page.borders.append((etree_name(side), style, int(side.get(w("sz"), "4")) / 8,
                                 int(side.get(w("space"), "0")), _rgb(side.get(w("color"), "000000"))))
    return page


def _check_empty_part(z: zipfile.ZipFile, rel_id: str, etree) -> None:
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            part = etree.fromstring(z.read("word/" + rel.get("Target").lstrip("/").removeprefix("word/")))
            if "".join(part.itertext()).strip() or part.find(".//w:drawing", NS) is not None \
                    or part.find(".//w:pict", NS) is not None or part.find(".//w:fldChar", NS) is not None \
                    or part.find(".//w:fldSimple", NS) is not None:
                raise Unsupported("header or footer")


def _rgb(value: str) -> tuple[int, int, int]:
    if len(value) != 6 or value == "auto":
        return (0, 0, 0)
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


class _Styles:
    """Paragraph and run properties as Word resolves them: defaults, style chain, direct formatting."""

    def __init__(self, root):
        self.by_id = {}
        self.default_para = None
        base = ParaStyle()
        if root is not None:
            defaults = root.find("w:docDefaults", NS)
            if defaults is not None:
                base = _apply_ppr(base, defaults.find("w:pPrDefault/w:pPr", NS))
                base.run = _apply_rpr(base.run, defaults.find("w:rPrDefault/w:rPr", NS))
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
        resolved = _apply_ppr(resolved, style.find("w:pPr", NS))
        resolved.run = _apply_rpr(resolved.run, style.find("w:rPr", NS))
        return resolved

    def run_style(self, style_id: str | None, run: RunStyle, depth: int = 0) -> RunStyle:
        style = self.by_id.get(style_id)
        if style is None or depth > 10:
            return run
        parent = style.find("w:basedOn", NS)
        if parent is not None:
            run = self.run_style(parent.get(w("val")), run, depth + 1)
        return _apply_rpr(run, style.find("w:rPr", NS))


def _on(el) -> bool:
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")


def _apply_ppr(style: ParaStyle, ppr) -> ParaStyle:
    style = replace(style)
    if ppr is None:
        return style
    for child in ppr:
        name = etree_name(child)
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
        if spacing.get(w("beforeLines")) or spacing.get(w("afterLines")) or spacing.get(w("beforeAutospacing")):
            raise Unsupported("spacing in lines")
        style.before = int(spacing.get(w("before"), style.before * 20)) / 20
        style.after = int(spacing.get(w("after"), style.after * 20)) / 20
        if spacing.get(w("line")) is not None:
            style.line, style.line_rule = float(spacing.get(w("line"))), spacing.get(w("lineRule"), "auto")
    if ppr.find("w:pageBreakBefore", NS) is not None:
        style.page_break_before = _on(ppr.find("w:pageBreakBefore", NS))
    return style


def _apply_rpr(run: RunStyle, rpr) -> RunStyle:
    run = replace(run)
    if rpr is None:
        return run
    for child in rpr:
        if etree_name(child) not in RUN_PROPS:
            raise Unsupported(f"run property {etree_name(child)}")
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
        run.rgb = _rgb(color.get(w("val"), "auto"))
    underline = rpr.find("w:u", NS)
    if underline is not None:
        if underline.get(w("val"), "single") not in ("single", "none", "words"):
            raise Unsupported("underline style")
        run.underline = underline.get(w("val"), "single") != "none"
    spacing = rpr.find("w:spacing", NS)
    if spacing is not None:
        run.spacing = int(spacing.get(w("val"), "0")) / 20
    return run


class _Writer:
    """Flows paragraphs down pages, breaking before a paragraph that asks for it or that no longer fits."""

    def __init__(self, canvas: Canvas, page: Page, styles: _Styles):
        self.canvas, self.page, self.styles = canvas, page, styles
        self.y = None  # None: no page started
        self.width = page.width - page.left - page.right
        self._laid: dict[bytes, tuple] = {}
        self._border_lines: list[tuple] | None = None
        from lxml import etree

        self._etree = etree

    def write(self, paragraphs: list) -> None:
        for p in paragraphs:
            self._paragraph(p)
        if self.y is None:
            self._new_page()

    def _new_page(self) -> None:
        self.canvas.add_page(self.page.width, self.page.height)
        self._borders()
        self.y = self.page.top

    def _paragraph(self, p) -> None:
        # A mail merge repeats most paragraphs word for word: lay each distinct one out once.
        key = self._etree.tostring(p)
        laid = self._laid.get(key)
        if laid is None:
            laid = self._laid[key] = self._layout(p)
        style, chunks = laid
        if self.y is None or (style.page_break_before and self.y > self.page.top):
            self._new_page()
        for n, lines in enumerate(chunks):
            if n:  # LibreOffice turns a page break inside a paragraph into a new paragraph, spacing and all
                self._new_page()
            self.y += style.before
            self._place(lines)
        self.y += style.after

    def _layout(self, p) -> tuple[ParaStyle, list[list[PlacedLine]]]:
        """The paragraph's style and, per page-break-separated chunk, its lines ready to stamp."""
        ppr = p.find("w:pPr", NS)
        style_el = ppr.find("w:pStyle", NS) if ppr is not None else None
        style = _apply_ppr(self.styles.paragraph(style_el.get(w("val")) if style_el is not None else None), ppr)
        width = self.width - style.left - style.right
        chunks = []
        for n, runs in enumerate(self._runs(p, style)):
            size = max((r.size for r in runs), default=style.run.size)
            first = style.first_chars * size if style.first_chars is not None else style.first
            first = first if n == 0 else 0.0
            lines = wrap(self.canvas, runs, width, max(first, 0.0))
            chunks.append([self._placed(line, i == len(lines) - 1, style, first if i == 0 else 0.0, size, width)
                           for i, line in enumerate(lines)])
        return style, chunks

    def _placed(self, line: Line, last: bool, style: ParaStyle, indent: float, size: float,
                width: float) -> PlacedLine:
        height, ascent = self._line_box(line, style, size)
        align = "left" if style.align == "justify" and last else style.align
        x, extra = aligned_x(line, self.page.left + style.left, width, align, indent)
        return PlacedLine(x, ascent, height, prepare_line(self.canvas, line, extra))

    def _runs(self, p, style: ParaStyle) -> list[list[Run]]:
        """The paragraph's runs, cut where a page break stands."""
        chunks: list[list[Run]] = [[]]
        for r in p.iterfind("w:r", NS):
            if {etree_name(c) for c in r} - RUN_PARTS:
                raise Unsupported("run content")
            rpr = r.find("w:rPr", NS)
            rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
            run_style = self.styles.run_style(rstyle.get(w("val")) if rstyle is not None else None, style.run)
            run_style = _apply_rpr(run_style, rpr)
            for child in r:
                name = etree_name(child)
                if name == "t":
                    chunks[-1] += self._styled(child.text or "", run_style)
                elif name == "br" and child.get(w("type")) == "page":
                    chunks.append([])
                elif name == "br":
                    chunks[-1].append(self._make_run("\n", run_style, run_style.east))
        if not any(chunks[-1]):
            chunks[-1] = [self._make_run("", style.run, style.run.east)]
        return chunks

    def _styled(self, text: str, style: RunStyle) -> list[Run]:
        """Latin letters in the Latin font, everything else in the East Asian font (Word's rule)."""
        runs: list[Run] = []
        for ch in text:
            family = style.latin if ord(ch) < 0x2E80 and ch != "\u3000" else style.east
            if runs and runs[-1].face is self.canvas.face(family, style.bold):
                runs[-1].text += ch
            else:
                runs.append(self._make_run(ch, style, family))
        return runs

    def _make_run(self, text: str, style: RunStyle, family: str) -> Run:
        return Run(text, self.canvas.face(family, style.bold), style.size, style.rgb, style.spacing, style.underline)

    def _place(self, lines: list[PlacedLine]) -> None:
        """Lines down the page; a paragraph split across pages keeps two lines on each side, as
        LibreOffice does by default (widow and orphan control)."""
        bottom = self.page.height - self.page.bottom + 0.01
        i = 0
        while i < len(lines):
            fit, y = 0, self.y
            while i + fit < len(lines) and y + lines[i + fit].height <= bottom:
                y += lines[i + fit].height
                fit += 1
            if i + fit < len(lines) and self.y > self.page.top:
                fit = _split_point(fit, len(lines) - i, first_part=i == 0)
            for line in lines[i:i + max(fit, 0)]:
                self.canvas.stamp(line.ops, line.x, self.y + line.ascent)
                self.y += line.height
            i += fit
            if i < len(lines):
                self._new_page()
                if fit == 0 and self.y + lines[i].height > bottom:  # taller than a page: place it anyway
                    self.canvas.stamp(lines[i].ops, lines[i].x, self.y + lines[i].ascent)
                    self.y += lines[i].height
                    i += 1

    def _line_box(self, line: Line, style: ParaStyle, size: float) -> tuple[float, float]:
        """Height of the line and where its baseline sits below the line's top."""
        ascent = line.ascent or size * 0.88
        descent = line.descent or size * 0.12
        natural = ascent + descent
        if style.line_rule == "auto":  # proportional spacing: the extra height goes below the text
            return natural * style.line / 240, ascent
        height = style.line / 20 if style.line_rule == "exact" else max(style.line / 20, natural)
        # a fixed height: Writer puts four fifths of the extra above the text (fitted on its PDFs)
        return height, ascent + 0.8 * (height - natural)

    def _borders(self) -> None:
        if self._border_lines is None:
            self._border_lines = self._border_segments()
        for segment in self._border_lines:
            self.canvas.line(*segment)

    def _border_segments(self) -> list[tuple]:
        """Page borders as Writer draws them: a double border is two lines as wide as the gap between them."""
        page, segments = self.page, []
        for side, style, width, space, rgb in page.borders:
            for center in ((0.5, 2.5) if style == "double" else (0.5,)):
                if page.border_from_page:
                    inset = space + center * width
                    box = (inset, inset, page.width - inset, page.height - inset)
                else:
                    out = space + center * width
                    box = (page.left - out, page.top - out, page.width - page.right + out,
                           page.height - page.bottom + out)
                segments.append((*_side(side, box, width), width, rgb))
        return segments


def _split_point(fit: int, remaining: int, first_part: bool) -> int:
    """How many of `remaining` lines stay on this page when only `fit` do: never one line alone."""
    if remaining - fit < 2:
        fit = remaining - 2
    if fit < 2 and (first_part or fit < 1):
        return 0
    return fit


def _side(side: str, box: tuple, width: float) -> tuple[float, float, float, float]:
    left, top, right, bottom = box
    half = width / 2  # square corners
    return {"top": (left - half, top, right + half, top), "bottom": (left - half, bottom, right + half, bottom),
            "left": (left, top - half, left, bottom + half), "right": (right, top - half, right, bottom + half)}[side]
