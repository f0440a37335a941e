"""Draw a .docx of paragraphs and simple tables (docgen's certificates and sign-in sheets) to PDF.

A certificate run is a page-per-attendee mail merge: 10,000 pages of a few paragraphs, which
LibreOffice lays out at about 20 ms a page. This module reads the paragraphs, tables, styles, page
setup and footer, wraps and places the lines as Word and LibreOffice do, and draws them. A file
holding anything else (pictures, merged cells, fields but page numbers, lists, header text, several
sections, italics…) raises `Unsupported` and goes to LibreOffice instead, so an edited template is
never misprinted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.export.canvas import Canvas, Glyphs
from docgen.export.docx_styles import FIELD_PARTS, NS, PARAGRAPH_PARTS, RUN_PARTS, ParaStyle, RunStyle, Styles, apply_ppr, \
    apply_rpr, parse_rgb, w
from docgen.export.docx_tables import Table, read_table
from docgen.export.ooxml import Unsupported, local_name
from docgen.export.textlayout import Line, Run, aligned_x, prepare_line, wrap
from docgen.writers.docx_word import SHARED

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BORDER_STYLES = {"single", "thick", "double"}


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
    footer_distance: float = 36.0
    borders: list = field(default_factory=list)  # (side, style, width, space, rgb)
    border_from_page: bool = True
    footer: list = field(default_factory=list)  # the footer's w:p elements; fields PAGE and NUMPAGES


def draw_docx(source: Path, target: Path) -> list[str]:
    """Draw `source` into the PDF `target`; returns characters no font had."""
    from lxml import etree

    with zipfile.ZipFile(source) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
        styles = Styles(etree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in z.namelist() else None)
        page = _page(body, z, etree)
    blocks = _body_blocks(body)
    canvas = Canvas()
    _Writer(canvas, page, styles).write(blocks)
    canvas.save(target)
    return sorted(canvas.missing)


def _body_blocks(body) -> list:
    """The body's paragraphs and tables, in order (the section properties last)."""
    children = list(body)
    if not children or local_name(children[-1]) != "sectPr":
        raise Unsupported("no section")
    blocks = children[:-1]
    for block in blocks:
        if local_name(block) not in ("p", "tbl"):
            raise Unsupported(local_name(block))
    return blocks


def _page(body, z: zipfile.ZipFile, etree) -> Page:
    sect = body[-1]
    grid, cols = sect.find("w:docGrid", NS), sect.find("w:cols", NS)
    if grid is not None and grid.get(w("type"), "default") != "default":
        raise Unsupported("document grid")
    if cols is not None and cols.get(w("num"), "1") != "1":
        raise Unsupported("columns")
    if sect.find("w:titlePg", NS) is not None:
        raise Unsupported("first-page footer")
    size, margin = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    tw = lambda el, name, default=0: int(el.get(w(name), default)) / 20 if el is not None else default / 20  # noqa: E731
    page = Page(tw(size, "w", 11906), tw(size, "h", 16838), tw(margin, "top", 1440), tw(margin, "right", 1800),
                tw(margin, "bottom", 1440), tw(margin, "left", 1800), footer_distance=tw(margin, "footer", 720))
    for ref in sect.iterfind("w:headerReference", NS):
        if _paragraphs_of(z, ref.get(f"{{{R}}}id"), etree, fields=False):
            raise Unsupported("header")
    for ref in sect.iterfind("w:footerReference", NS):
        footer = _paragraphs_of(z, ref.get(f"{{{R}}}id"), etree, fields=True)
        if footer and ref.get(w("type"), "default") != "default":
            raise Unsupported("first-page or even-page footer")
        page.footer = footer or page.footer
    _page_borders(sect, page)
    return page


def _page_borders(sect, page: Page) -> None:
    borders = sect.find("w:pgBorders", NS)
    if borders is None:
        return
    page.border_from_page = borders.get(w("offsetFrom"), "text") == "page"
    for side in borders:
        style = side.get(w("val"), "none")
        if style in ("none", "nil"):
            continue
        if style not in BORDER_STYLES:
            raise Unsupported("page border style")
        page.borders.append((local_name(side), style, int(side.get(w("sz"), "4")) / 8,
                             int(side.get(w("space"), "0")), parse_rgb(side.get(w("color"), "000000"))))


def _paragraphs_of(z: zipfile.ZipFile, rel_id: str, etree, fields: bool) -> list:
    """The paragraphs of a header or footer part; [] when it shows nothing."""
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    target = next((rel.get("Target") for rel in rels if rel.get("Id") == rel_id), None)
    if target is None:
        return []
    part = etree.fromstring(z.read("word/" + target.lstrip("/").removeprefix("word/")))
    has_field = part.find(".//w:fldChar", NS) is not None
    if not "".join(part.itertext()).strip() and not has_field:
        return []
    if (has_field and not fields) or part.find(".//w:fldSimple", NS) is not None \
            or any(local_name(c) != "p" for c in part):
        raise Unsupported("header or footer content")
    return list(part)


class _Writer:
    """Flows paragraphs and tables down pages, breaking before a paragraph that asks for it or that no
    longer fits; page numbers go into the footers once the number of pages is known."""

    def __init__(self, canvas: Canvas, page: Page, styles: Styles):
        self.canvas, self.page, self.styles = canvas, page, styles
        self.y = None  # None: no page started
        self._pages: list[list[tuple]] = []  # per page, the drawing calls laid out for it
        self.width = page.width - page.left - page.right
        self._laid: dict[tuple, tuple] = {}
        self._border_lines: list[tuple] | None = None
        from lxml import etree

        self._etree = etree

    def write(self, blocks: list) -> None:
        """Lay every page out, then draw them: the footers need the number of pages."""
        for i, block in enumerate(blocks):
            if local_name(block) == "tbl":
                self._table(read_table(block, self.page.left, self.width))
            else:
                self._keep_with_next(blocks, i)
                self._paragraph(block)
        if self.y is None:
            self._new_page()
        for number, page in enumerate(self._pages, start=1):
            self.canvas.add_page(self.page.width, self.page.height)
            self._borders()
            for draw, args in page:
                draw(*args)
            self._footer(number)

    def _new_page(self) -> None:
        self._pages.append([])
        self.y = self.page.top

    def _stamp(self, ops, x: float, baseline: float) -> None:
        self._pages[-1].append((self.canvas.stamp, (ops, x, baseline)))

    def _line(self, *args) -> None:
        self._pages[-1].append((self.canvas.line, args))

    @property
    def _bottom(self) -> float:
        return self.page.height - self.page.bottom + 0.01

    def _paragraph(self, p) -> None:
        style, chunks = self._laid_out(p, self.page.left, self.width)
        if self.y is None or (style.page_break_before and self.y > self.page.top):
            self._new_page()
        for n, lines in enumerate(chunks):
            if n:  # LibreOffice turns a page break inside a paragraph into a new paragraph, spacing and all
                self._new_page()
            self.y += style.before
            self._place(lines, style.keep_lines)
        self.y += style.after

    def _keep_with_next(self, blocks: list, i: int) -> None:
        """Keep with next (headings): a paragraph that asks for it starts a new page when it does not
        fit there together with the start of the paragraph after it (through a chain of such
        paragraphs): that start is the lines widow and orphan control would not split off."""
        if self.y is None or not self._laid_out(blocks[i], self.page.left, self.width)[0].keep_next:
            return
        needed = 0.0
        for block in blocks[i:]:
            if local_name(block) == "tbl":
                return
            style, chunks = self._laid_out(block, self.page.left, self.width)
            if len(chunks) > 1 or (block is not blocks[i] and style.page_break_before):
                return  # a page break comes before the next paragraph anyway
            lines = chunks[0]
            if not style.keep_next:
                needed += style.before + sum(line.height for line in lines[:len(lines) if len(lines) <= 3 else 2])
                break
            needed += style.before + sum(line.height for line in lines) + style.after
        else:
            return
        if self.y > self.page.top and self.y + needed > self._bottom and needed <= self._bottom - self.page.top:
            self._new_page()

    def _laid_out(self, p, left: float, width: float):
        # A mail merge repeats most paragraphs word for word: lay each distinct one out once.
        key = (self._etree.tostring(p), left, width)
        laid = self._laid.get(key)
        if laid is None:
            laid = self._laid[key] = self._layout(p, left, width)
        return laid

    def _layout(self, p, left: float, width: float, fields: dict | None = None):
        """The paragraph's style and, per page-break-separated chunk, its lines ready to stamp."""
        if {local_name(c) for c in p} - PARAGRAPH_PARTS:
            raise Unsupported("paragraph content")
        ppr = p.find("w:pPr", NS)
        style_el = ppr.find("w:pStyle", NS) if ppr is not None else None
        style = apply_ppr(self.styles.paragraph(style_el.get(w("val")) if style_el is not None else None), ppr)
        left, width = left + style.left, width - style.left - style.right
        chunks = []
        for n, runs in enumerate(self._runs(p, style, fields)):
            size = max((r.size for r in runs), default=style.run.size)
            first = style.first_chars * size if style.first_chars is not None else style.first
            first = first if n == 0 else 0.0
            lines = wrap(self.canvas, runs, width, max(first, 0.0))
            chunks.append([self._placed(line, i == len(lines) - 1, style, first if i == 0 else 0.0, size, left, width)
                           for i, line in enumerate(lines)])
        return style, chunks

    def _placed(self, line: Line, last: bool, style: ParaStyle, indent: float, size: float,
                left: float, width: float) -> PlacedLine:
        height, ascent = self._line_box(line, style, size)
        align = {"justify": "left" if last else "justify", "distribute": "justify"}.get(style.align, style.align)
        x, extra = aligned_x(line, left, width, align, indent)
        return PlacedLine(x, ascent, height, prepare_line(self.canvas, line, extra))

    def _runs(self, p, style: ParaStyle, fields: dict | None) -> list[list[Run]]:
        """The paragraph's runs, cut where a page break stands; `fields` gives the value of each
        field (footers only)."""
        chunks: list[list[Run]] = [[]]
        allowed = RUN_PARTS | (FIELD_PARTS if fields is not None else set())
        field_state, instruction = None, ""  # None, "code" or "result"
        self._east_before = False
        for r in p.iterfind("w:r", NS):
            if {local_name(c) for c in r} - allowed:
                raise Unsupported("run content")
            rpr = r.find("w:rPr", NS)
            rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
            run_style = self.styles.run_style(rstyle.get(w("val")) if rstyle is not None else None, style.run)
            run_style = apply_rpr(run_style, rpr)
            for child in r:
                name = local_name(child)
                if name == "fldChar":
                    kind = child.get(w("fldCharType"))
                    if kind == "begin":
                        field_state, instruction = "code", ""
                    elif kind == "separate":
                        field_state = "result"
                    elif kind == "end":
                        chunks[-1] += self._styled(_field_value(instruction, fields), run_style)
                        field_state = None
                elif name == "instrText":
                    instruction += child.text or ""
                elif field_state is not None:
                    continue  # the field's stored result: replaced by its value
                elif name == "t":
                    chunks[-1] += self._styled(child.text or "", run_style)
                elif name == "br" and child.get(w("type")) == "page":
                    chunks.append([])
                elif name == "br":
                    chunks[-1].append(self._make_run("\n", run_style, run_style.east))
        if not any(chunks[-1]):
            chunks[-1] = [self._make_run("", style.run, style.run.east)]
        return chunks

    def _styled(self, text: str, style: RunStyle) -> list[Run]:
        """Latin letters in the Latin font, CJK in the East Asian font; shared punctuation (“ … —) in
        the font of the text before it in the paragraph, Latin at its start, as LibreOffice does
        (it ignores `w:hint`; docgen's writers give such a leading stretch the East Asian font in
        every slot, see `writers.docx_word`)."""
        runs: list[Run] = []
        for ch in text:
            if SHARED.match(ch):
                east = self._east_before
            else:
                east = self._east_before = ord(ch) >= 0x2E80 or ch == "\u3000"
            family = style.east if east else style.latin
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
        bottom = self._bottom
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
                self._stamp(line.ops, line.x, self.y + line.ascent)
                self.y += line.height
            i += fit
            if i < len(lines):
                self._new_page()
                if fit == 0 and self.y + lines[i].height > bottom:  # taller than a page: place it anyway
                    self._stamp(lines[i].ops, lines[i].x, self.y + lines[i].ascent)
                    self.y += lines[i].height
                    i += 1

    def _table(self, table: Table) -> None:
        if self.y is None:
            self._new_page()
        header = table.rows[:next((i for i, r in enumerate(table.rows) if not r.header), len(table.rows))]
        first_on_page = True
        for row in table.rows:
            laid = self._row(row, table)
            if self.y + laid[0] > self._bottom and self.y > self.page.top and not first_on_page:
                self._rule_below(table)
                self._new_page()
                first_on_page = True
                if not row.header:
                    for repeated in header:
                        self._draw_row(self._row(repeated, table), table, first_on_page)
                        first_on_page = False
            self._draw_row(laid, table, first_on_page)
            first_on_page = False
        self._rule_below(table)

    def _row(self, row, table: Table):
        """The row's height and each cell's lines with their offsets below the row's top."""
        left_margin, top_margin, right_margin, bottom_margin = table.margins
        cells, content = [], 0.0
        for x, width, valign, paragraphs in row.cells:
            placed, height = [], 0.0
            for p in paragraphs:
                style, chunks = self._laid_out(p, x + left_margin, width - left_margin - right_margin)
                if len(chunks) > 1:
                    raise Unsupported("page break in a table")
                height += style.before
                for line in chunks[0]:
                    placed.append((height, line))
                    height += line.height
                height += style.after
            cells.append((valign, height, placed))
            content = max(content, height)
        height = row.height if row.exact else max(row.height, content + top_margin + bottom_margin)
        return height, cells

    def _draw_row(self, laid, table: Table, first_on_page: bool) -> None:
        height, cells = laid
        top_margin, bottom_margin = table.margins[1], table.margins[3]
        for valign, content, placed in cells:
            free = height - top_margin - bottom_margin - content
            shift = top_margin + {"center": free / 2, "bottom": free}.get(valign, 0.0)
            for offset, line in placed:
                self._stamp(line.ops, line.x, self.y + shift + offset + line.ascent)
        self._row_rules(table, height, first_on_page)
        self.y += height

    def _row_rules(self, table: Table, height: float, first_on_page: bool) -> None:
        """The row's top rule and its vertical rules; the rule under a table's last row on a page is
        drawn by `_rule_below`."""
        rules, top, bottom, edges = table.rules, self.y, self.y + height, table.edges
        above = rules["top"] if first_on_page else rules["insideH"]
        if above:
            self._line(edges[0], top, edges[-1], top, above.width, above.rgb)
        for x in edges:
            rule = rules["left"] if x == edges[0] else rules["right"] if x == edges[-1] else rules["insideV"]
            if rule:
                self._line(x, top, x, bottom, rule.width, rule.rgb)

    def _rule_below(self, table: Table) -> None:
        rule = table.rules["bottom"]
        if rule:
            self._line(table.edges[0], self.y, table.edges[-1], self.y, rule.width, rule.rgb)

    def _footer(self, number: int) -> None:
        """The page's footer, its PAGE and NUMPAGES fields filled in."""
        if not self.page.footer:
            return
        fields = {"PAGE": str(number), "NUMPAGES": str(len(self._pages))}
        laid = [self._layout(p, self.page.left, self.width, fields) for p in self.page.footer]
        height = sum(style.before + sum(line.height for chunk in chunks for line in chunk) + style.after
                     for style, chunks in laid)
        y = self.page.height - self.page.footer_distance - height
        for style, chunks in laid:
            y += style.before
            for line in (line for chunk in chunks for line in chunk):
                self.canvas.stamp(line.ops, line.x, y + line.ascent)
                y += line.height
            y += style.after

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


def _field_value(instruction: str, fields: dict) -> str:
    words = instruction.split()
    if not words or words[0].upper() not in fields:
        raise Unsupported(f"field {instruction.strip()}")
    return fields[words[0].upper()]


def _split_point(fit: int, remaining: int, first_part: bool) -> int:
    """How many of `remaining` lines stay on this page when only `fit` do: never one line alone."""
    if remaining - fit < 2:
        fit = remaining - 2
    if fit < 2 and (first_part or fit < 1):
        return 0
    return fit


def _side(side: str, box: tuple, width: float) -> tuple[float, float, float, float]:
    """A side of `box`, end to end: the canvas's projecting caps (fpdf2's `2 J`) carry each line half its
    width past the corner, so the lines meet square without overshooting."""
    left, top, right, bottom = box
    return {"top": (left, top, right, top), "bottom": (left, bottom, right, bottom),
            "left": (left, top, left, bottom), "right": (right, top, right, bottom)}[side]
