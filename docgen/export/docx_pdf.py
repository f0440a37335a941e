"""Draw a .docx made only of plain paragraphs (docgen's certificates) straight to PDF.

A certificate run is a page-per-attendee mail merge: 10,000 pages of a few paragraphs, which
LibreOffice lays out at about 5 ms a page. This module reads the paragraphs, styles and the page
setup, wraps and places the lines as Word and LibreOffice do, and draws them. A file holding
anything else (tables, pictures, fields, lists, headers with text, several sections, italics…)
raises `Unsupported` and goes to LibreOffice instead, so an edited template is never misprinted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.export.canvas import Canvas, Glyphs
from docgen.export.docx_styles import NS, PARAGRAPH_PARTS, RUN_PARTS, ParaStyle, RunStyle, Styles, apply_ppr, \
    apply_rpr, parse_rgb, w
from docgen.export.ooxml import Unsupported, local_name
from docgen.export.textlayout import Line, Run, aligned_x, prepare_line, wrap

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BORDER_STYLES = {"single": 1, "thick": 1, "double": 2}


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
        styles = Styles(etree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in z.namelist() else None)
        page = _page(body, z, etree)
    paragraphs = _body_paragraphs(body)
    canvas = Canvas()
    _Writer(canvas, page, styles).write(paragraphs)
    canvas.save(target)
    return sorted(canvas.missing)


def _body_paragraphs(body) -> list:
    children = list(body)
    if not children or local_name(children[-1]) != "sectPr":
        raise Unsupported("no section")
    paragraphs = children[:-1]
    for p in paragraphs:
        if local_name(p) != "p":
            raise Unsupported(local_name(p))
        if {local_name(c) for c in p} - PARAGRAPH_PARTS:
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
            page.borders.append((local_name(side), style, int(side.get(w("sz"), "4")) / 8,
                                 int(side.get(w("space"), "0")), parse_rgb(side.get(w("color"), "000000"))))
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


class _Writer:
    """Flows paragraphs down pages, breaking before a paragraph that asks for it or that no longer fits."""

    def __init__(self, canvas: Canvas, page: Page, styles: Styles):
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
            self._place(lines, style.keep_lines)
        self.y += style.after

    def _layout(self, p) -> tuple[ParaStyle, list[list[PlacedLine]]]:
        """The paragraph's style and, per page-break-separated chunk, its lines ready to stamp."""
        ppr = p.find("w:pPr", NS)
        style_el = ppr.find("w:pStyle", NS) if ppr is not None else None
        style = apply_ppr(self.styles.paragraph(style_el.get(w("val")) if style_el is not None else None), ppr)
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
        align = {"justify": "left" if last else "justify", "distribute": "justify"}.get(style.align, style.align)
        x, extra = aligned_x(line, self.page.left + style.left, width, align, indent)
        return PlacedLine(x, ascent, height, prepare_line(self.canvas, line, extra))

    def _runs(self, p, style: ParaStyle) -> list[list[Run]]:
        """The paragraph's runs, cut where a page break stands."""
        chunks: list[list[Run]] = [[]]
        for r in p.iterfind("w:r", NS):
            if {local_name(c) for c in r} - RUN_PARTS:
                raise Unsupported("run content")
            rpr = r.find("w:rPr", NS)
            rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
            run_style = self.styles.run_style(rstyle.get(w("val")) if rstyle is not None else None, style.run)
            run_style = apply_rpr(run_style, rpr)
            for child in r:
                name = local_name(child)
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

    def _place(self, lines: list[PlacedLine], keep_together: bool = False) -> None:
        """Lines down the page; a paragraph split across pages keeps two lines on each side, as
        LibreOffice does by default (widow and orphan control)."""
        bottom = self.page.height - self.page.bottom + 0.01
        if keep_together and self.y > self.page.top and self.y + sum(line.height for line in lines) > bottom:
            self._new_page()
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
